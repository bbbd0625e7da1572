/* Token file parsing and constant-time token checks. */
#include "http/auth.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "util/secret.h"

const char *mh_role_name(enum mh_role r)
{
	return r == MH_ROLE_INVESTIGATOR ? "investigator"
	       : r == MH_ROLE_ANALYST    ? "analyst"
	                                 : "none";
}

enum mh_role mh_role_parse(const char *s, size_t n)
{
	if (n == 7 && !memcmp(s, "analyst", 7))
		return MH_ROLE_ANALYST;
	if (n == 12 && !memcmp(s, "investigator", 12))
		return MH_ROLE_INVESTIGATOR;
	return MH_ROLE_NONE;
}

static int token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f;
}

/* Next whitespace-separated field of [*p, end) on one line. */
static size_t field(const char **p, const char *end, const char **start)
{
	const char *s = *p;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	*start = s;
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	*p = s;
	return (size_t)(s - *start);
}

static int parse_line(struct mh_tokens *t, const char *p, const char *end, const char *where,
                      struct mh_err *err)
{
	const char *role, *tok, *label, *extra;
	size_t nrole = field(&p, end, &role), ntok = field(&p, end, &tok), nlabel, i;
	struct mh_token *k;
	enum mh_role r = mh_role_parse(role, nrole);

	nlabel = field(&p, end, &label);
	if (r == MH_ROLE_NONE)
		return mh_err_set(err, MH_EINPUT,
		                  "%s: unknown role '%.*s' (want analyst or investigator)", where,
		                  (int)(nrole > 40 ? 40 : nrole), role);
	if (ntok < MH_TOKEN_MIN || ntok > MH_TOKEN_MAX)
		return mh_err_set(err, MH_EINPUT, "%s: token must be %d to %d characters", where,
		                  MH_TOKEN_MIN, MH_TOKEN_MAX);
	for (i = 0; i < ntok; i++)
		if (!token_char((unsigned char)tok[i]))
			return mh_err_set(err, MH_EINPUT, "%s: token has a non-printable byte",
			                  where);
	if (field(&p, end, &extra) != 0)
		return mh_err_set(err, MH_EINPUT, "%s: expected 'role token [label]'", where);
	for (i = 0; i < nlabel; i++)
		if (!token_char((unsigned char)label[i]) || label[i] == '<' || label[i] == '>')
			return mh_err_set(err, MH_EINPUT, "%s: label has a character not allowed",
			                  where);
	if (t->n >= MH_TOKENS_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s: more than %d tokens", where, MH_TOKENS_MAX);
	k = &t->v[t->n];
	memset(k, 0, sizeof(*k));
	k->role = r;
	mh_http_sha256(tok, ntok, k->hash);
	for (i = 0; i < t->n; i++)
		if (mh_http_ct_equal(t->v[i].hash, k->hash, MH_SHA256_LEN))
			return mh_err_set(err, MH_EINPUT, "%s: token listed twice", where);
	mh_http_hex(k->hash, 6, k->id);
	if (nlabel)
		snprintf(k->label, sizeof(k->label), "%.*s",
		         (int)(nlabel < MH_TOKEN_LABEL_MAX ? nlabel : MH_TOKEN_LABEL_MAX - 1),
		         label);
	else
		snprintf(k->label, sizeof(k->label), "%s", k->id);
	t->n++;
	return 0;
}

int mh_tokens_parse(struct mh_tokens *t, const char *text, size_t n, const char *name,
                    struct mh_err *err)
{
	const char *p = text, *end = text + n;
	size_t line = 0;

	mh_tokens_release(t);
	t->v = mh_calloc(MH_TOKENS_MAX, sizeof(*t->v));
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q;
		char where[300];

		if (!eol)
			eol = end;
		line++;
		q = eol;
		if (q > p && q[-1] == '\r')
			q--;
		while (p < q && (*p == ' ' || *p == '\t'))
			p++;
		if (p < q && *p != '#') {
			snprintf(where, sizeof(where), "%s:%zu", name, line);
			if (parse_line(t, p, q, where, err)) {
				mh_tokens_release(t);
				return -1;
			}
		}
		p = eol + (eol < end);
	}
	if (!t->n) {
		mh_tokens_release(t);
		return mh_err_set(err, MH_EINPUT, "%s: no tokens", name);
	}
	return 0;
}

int mh_tokens_load(struct mh_tokens *t, const char *path, struct mh_err *err)
{
	char *buf = mh_malloc(MH_TOKEN_FILE_MAX + 1);
	size_t n = 0;
	int rc;

	rc = mh_secret_read(NULL, path, buf, MH_TOKEN_FILE_MAX + 1, MH_TOKEN_FILE_MAX, &n, err);
	if (!rc)
		rc = mh_tokens_parse(t, buf, n, path, err);
	explicit_bzero(buf, MH_TOKEN_FILE_MAX + 1);
	free(buf);
	return rc;
}

void mh_tokens_release(struct mh_tokens *t)
{
	if (t->v)
		explicit_bzero(t->v, MH_TOKENS_MAX * sizeof(*t->v));
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

const struct mh_token *mh_tokens_check(const struct mh_tokens *t, const char *tok, size_t n)
{
	unsigned char h[MH_SHA256_LEN];
	const struct mh_token *hit = NULL;
	size_t i;

	if (n < MH_TOKEN_MIN || n > MH_TOKEN_MAX)
		return NULL;
	mh_http_sha256(tok, n, h);
	/* Every entry is compared, whatever matched, so timing says nothing. */
	for (i = 0; i < t->n; i++)
		if (mh_http_ct_equal(t->v[i].hash, h, MH_SHA256_LEN))
			hit = &t->v[i];
	return hit;
}

const char *mh_bearer(const char *header, size_t *n)
{
	const char *p;
	size_t len;

	if (!header || strncasecmp(header, "Bearer ", 7))
		return NULL;
	p = header + 7;
	while (*p == ' ')
		p++;
	len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (!len || len > MH_TOKEN_MAX)
		return NULL;
	*n = len;
	return p;
}
