#include "core/people.h"

#include <stdio.h>
#include <string.h>

#include "util/strmap.h"

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

size_t mh_name_norm(const char *s, size_t n, char *dst, size_t cap)
{
	size_t i, o = 0;

	while (n && (*s == ' ' || *s == '\t' || *s == '"' || *s == '\'')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	for (i = 0; i < n && o + 1 < cap; i++)
		dst[o++] = lower(s[i]);
	if (cap)
		dst[o] = '\0';
	return o;
}

int mh_name_is_machine(const char *s, size_t n)
{
	static const char *const machine[] = {
	    "system",
	    "root",
	    "local service",
	    "network service",
	    "nt authority\\system",
	    "daemon",
	    "nobody",
	    "localsystem",
	    "nt authority\\local service",
	    "_windowserver",
	    "-",
	    NULL,
	};
	size_t i;

	if (n == 0)
		return 1;
	if (s[n - 1] == '$') /* computer accounts: HOST$ */
		return 1;
	for (i = 0; machine[i]; i++)
		if (strlen(machine[i]) == n && !memcmp(machine[i], s, n))
			return 1;
	return 0;
}

/* Add key -> idx; a key two people claim maps to MH_NOBODY. */
static void claim(struct mh_people *pp, struct mh_strmap *m, const char *s, uint32_t idx,
                  void (*warn)(void *, const char *), void *arg)
{
	char k[MH_NAME_MAX];
	size_t n = mh_name_norm(s, strlen(s), k, sizeof(k));
	uint32_t have;

	if (!n)
		return;
	if (!mh_strmap_get(m, k, n, &have)) {
		mh_strmap_put(m, k, n, idx);
		return;
	}
	if (have == idx || have == MH_NOBODY)
		return;
	mh_strmap_put(m, k, n, MH_NOBODY);
	pp->ambiguous++;
	if (warn && m != pp->locals) {
		char msg[512];

		snprintf(msg, sizeof(msg),
		         "roster: '%s' is claimed by more than one person; it resolves to nobody",
		         k);
		warn(arg, msg);
	}
}

void mh_people_build(struct mh_people *pp, const struct mh_roster *r,
                     void (*warn)(void *arg, const char *msg), void *arg)
{
	size_t i, j;

	memset(pp, 0, sizeof(*pp));
	pp->roster = r;
	pp->names = mh_strmap_new();
	pp->locals = mh_strmap_new();
	pp->hosts = mh_strmap_new();
	for (i = 0; r && i < r->n; i++) {
		const struct mh_roster_entry *e = &r->v[i];
		uint32_t idx = (uint32_t)i;
		const char *at = strchr(e->email, '@');

		claim(pp, pp->names, e->email, idx, warn, arg);
		if (at) {
			char local[MH_NAME_MAX];
			size_t n = (size_t)(at - e->email);

			if (n < sizeof(local)) {
				memcpy(local, e->email, n);
				local[n] = '\0';
				claim(pp, pp->locals, local, idx, warn, arg);
			}
		}
		for (j = 0; j < e->naliases; j++) {
			claim(pp, pp->names, e->aliases[j], idx, warn, arg);
			claim(pp, pp->hosts, e->aliases[j], idx, warn, arg);
		}
		if (e->laptop_serial && *e->laptop_serial)
			claim(pp, pp->hosts, e->laptop_serial, idx, warn, arg);
	}
}

void mh_people_release(struct mh_people *pp)
{
	mh_strmap_free(pp->names);
	mh_strmap_free(pp->locals);
	mh_strmap_free(pp->hosts);
	memset(pp, 0, sizeof(*pp));
}

static int lookup(const struct mh_strmap *m, const char *k, size_t n, uint32_t *idx)
{
	return n && mh_strmap_get(m, k, n, idx) && *idx != MH_NOBODY;
}

static uint32_t resolve_user(const struct mh_people *pp, const char *k, size_t n)
{
	const char *bs = memchr(k, '\\', n), *at;
	uint32_t idx;

	if (lookup(pp->names, k, n, &idx))
		return idx;
	if (bs) {
		n -= (size_t)(bs + 1 - k);
		k = bs + 1;
		if (lookup(pp->names, k, n, &idx))
			return idx;
	}
	at = memchr(k, '@', n);
	if (at && lookup(pp->names, k, (size_t)(at - k), &idx))
		return idx;
	if (lookup(pp->locals, k, at ? (size_t)(at - k) : n, &idx))
		return idx;
	return MH_NOBODY;
}

uint32_t mh_people_resolve(const struct mh_people *pp, struct mh_str user, struct mh_str host,
                           char *key, size_t cap)
{
	char k[MH_NAME_MAX], h[MH_NAME_MAX];
	size_t n = mh_name_norm(user.p, user.n, k, sizeof(k));
	size_t hn = mh_name_norm(host.p, host.n, h, sizeof(h));
	uint32_t idx;

	if (!mh_name_is_machine(k, n)) {
		idx = resolve_user(pp, k, n);
		if (idx != MH_NOBODY)
			return idx;
		snprintf(key, cap, "%s", k);
		return MH_NOBODY;
	}
	if (lookup(pp->hosts, h, hn, &idx))
		return idx;
	if (hn)
		snprintf(key, cap, "host:%s", h);
	else
		snprintf(key, cap, "%s", "");
	return MH_NOBODY;
}
