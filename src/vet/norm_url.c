/*
 * Profile URLs to one key per profile (vnorm.h). Applicants give the same
 * GitHub or LinkedIn profile as "https://github.com/Login", "github.com/login/",
 * "http://www.github.com/login?tab=repositories" or "login.github.io"; the
 * key keeps only what names the profile. Hosts are case-insensitive, and so
 * are GitHub, GitLab, LinkedIn and X handles; a personal site's path keeps
 * its case, as a web server may not fold it.
 */
#include <stdio.h>
#include <string.h>

#include "intel/norm.h"
#include "vet/vnorm.h"

#define IN_MAX    2048
#define HOST_MAX  256
#define PATH_MAX_ 1024

struct url {
	char host[HOST_MAX];
	const char *path; /* after the host's '/', up to query or fragment */
	size_t plen;
};

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Split "scheme://host[:port]/path?q#f" (scheme optional). */
static int split(const char *s, size_t n, struct url *u)
{
	const char *p = s, *e = s + n, *h, *slash;
	size_t i;

	for (i = 0; i + 2 < n; i++) {
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
			p = s + i + 3;
			break;
		}
		if (s[i] == '/' || s[i] == '.')
			break;
	}
	h = p;
	slash = memchr(h, '/', (size_t)(e - h));
	if (!slash)
		slash = e;
	for (i = 0; h + i < slash && h[i] != '?' && h[i] != '#'; i++)
		;
	if (mh_norm_domain(h, i, u->host, sizeof(u->host)) == 0)
		return -1;
	u->path = slash < e ? slash + 1 : e;
	u->plen = 0;
	while (u->path + u->plen < e && u->path[u->plen] != '?' && u->path[u->plen] != '#')
		u->plen++;
	while (u->plen && u->path[u->plen - 1] == '/')
		u->plen--;
	return 0;
}

/* First path segment, length into *len. */
static const char *segment(const struct url *u, size_t skip, size_t *len)
{
	const char *p = u->path, *e = u->path + u->plen;
	size_t k;

	for (k = 0; k <= skip; k++) {
		const char *q = memchr(p, '/', (size_t)(e - p));

		if (k == skip) {
			*len = (size_t)((q ? q : e) - p);
			return p;
		}
		if (!q)
			return NULL;
		p = q + 1;
	}
	return NULL;
}

static int handle_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '%';
}

/* Write "site:handle" (handle lower-cased); 0 when the handle is not one. */
static size_t put_handle(const char *site, const char *h, size_t n, char *dst, size_t cap)
{
	size_t i, sl = strlen(site);

	if (n == 0 || n > 100 || sl + 1 + n >= cap)
		return 0;
	for (i = 0; i < n; i++)
		if (!handle_char(h[i]))
			return 0;
	memcpy(dst, site, sl);
	dst[sl] = ':';
	for (i = 0; i < n; i++)
		dst[sl + 1 + i] = lower(h[i]);
	dst[sl + 1 + n] = '\0';
	return sl + 1 + n;
}

static int host_is(const struct url *u, const char *a)
{
	return !strcmp(u->host, a);
}

static int host_under(const struct url *u, const char *parent, size_t *sublen)
{
	size_t hl = strlen(u->host), pl = strlen(parent);

	if (hl <= pl + 1 || strcmp(u->host + hl - pl, parent) || u->host[hl - pl - 1] != '.')
		return 0;
	*sublen = hl - pl - 1;
	return 1;
}

/* Paths on code hosts that are not user profiles. */
static int reserved(const char *h, size_t n)
{
	static const char *const r[] = {"orgs",     "about",    "features", "pricing",
	                                "login",    "join",     "explore",  "topics",
	                                "sponsors", "settings", "search"};
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (strlen(r[i]) == n && !strncmp(r[i], h, n))
			return 1;
	return 0;
}

static size_t profile(const struct url *u, char *dst, size_t cap)
{
	const char *seg;
	size_t n = 0, sub;

	if (host_is(u, "github.com") || host_is(u, "gitlab.com")) {
		seg = segment(u, 0, &n);
		if (!seg || !n || reserved(seg, n))
			return 0;
		return put_handle(host_is(u, "github.com") ? "github" : "gitlab", seg, n, dst, cap);
	}
	if (host_under(u, "github.io", &sub))
		return put_handle("github", u->host, sub, dst, cap);
	if (host_is(u, "linkedin.com") || host_under(u, "linkedin.com", &sub)) {
		seg = segment(u, 0, &n);
		if (!seg ||
		    !((n == 2 && !strncmp(seg, "in", 2)) || (n == 3 && !strncmp(seg, "pub", 3))))
			return 0;
		seg = segment(u, 1, &n);
		return seg ? put_handle("linkedin", seg, n, dst, cap) : 0;
	}
	if (host_is(u, "twitter.com") || host_is(u, "x.com")) {
		seg = segment(u, 0, &n);
		return seg && n && !reserved(seg, n) ? put_handle("x", seg, n, dst, cap) : 0;
	}
	return (size_t)-1;
}

size_t mh_vet_norm_url(const char *s, size_t n, const char *hint, char *dst, size_t cap)
{
	struct url u;
	size_t len;

	if (cap)
		dst[0] = '\0';
	if (!s || n > IN_MAX || !cap)
		return 0;
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	if (hint && n > 1 && s[0] == '@')
		return put_handle(hint, s + 1, n - 1, dst, cap);
	if (hint && n && !memchr(s, '.', n) && !memchr(s, '/', n))
		return put_handle(hint, s, n, dst, cap);
	if (split(s, n, &u))
		return 0;
	len = profile(&u, dst, cap);
	if (len != (size_t)-1)
		return len;
	if (u.plen > PATH_MAX_)
		return 0;
	len = (size_t)snprintf(dst, cap, "web:%s%s%.*s", u.host, u.plen ? "/" : "", (int)u.plen,
	                       u.path);
	if (len >= cap) {
		dst[0] = '\0';
		return 0;
	}
	return len;
}
