/*
 * Redaction of identities in text shown to analysts (see index.h). Two
 * passes: the subject's own identity strings, matched case-insensitively
 * anywhere (longest first, so an e-mail goes before its local part); then
 * word-like tokens, where e-mail addresses and other people's keys are
 * swapped for pseudonyms.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "http/index.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define REDACT_MAX     (64u << 10)
#define NEEDLES_MAX    (MH_IX_NAMES + 4)
#define NEEDLE_MIN_LEN 3

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	b->p = mh_grow(b->p, &b->cap, b->n + n + 1, 1);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

struct needle {
	const char *s;
	size_t n;
};

static int cmp_len(const void *a, const void *b)
{
	const struct needle *x = a, *y = b;

	return x->n < y->n ? 1 : x->n > y->n ? -1 : 0;
}

static size_t subject_needles(const struct mh_ix_person *p, struct needle *nd)
{
	const char *cand[NEEDLES_MAX];
	size_t nc = 0, n = 0, i;
	const char *at;

	cand[nc++] = p->email;
	cand[nc++] = p->key;
	cand[nc++] = p->name;
	for (i = 0; i < p->nnames; i++)
		cand[nc++] = p->names[i];
	for (i = 0; i < nc; i++) {
		size_t len = strlen(cand[i]);

		if (len >= NEEDLE_MIN_LEN) {
			nd[n].s = cand[i];
			nd[n++].n = len;
		}
	}
	at = strchr(p->email, '@');
	if (at && (size_t)(at - p->email) >= NEEDLE_MIN_LEN) {
		nd[n].s = p->email;
		nd[n++].n = (size_t)(at - p->email);
	}
	qsort(nd, n, sizeof(*nd), cmp_len);
	return n;
}

static int is_sep(char c)
{
	return c == '.' || c == '-' || c == '_' || c == ' ';
}

/* Case-insensitive, and any of ". -_" matches any other: "Ann Lee",
 * "ann.lee" and "LT-ann-lee" all name the same person. */
static int match_at(const char *t, const char *nd, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tolower((unsigned char)t[i]) != tolower((unsigned char)nd[i]) &&
		    !(is_sep(t[i]) && is_sep(nd[i])))
			return 0;
	return 1;
}

static void pass_subject(struct buf *out, const char *t, size_t tn, const struct mh_ix_person *p)
{
	struct needle nd[NEEDLES_MAX];
	size_t nn = subject_needles(p, nd), i = 0, k;

	while (i < tn) {
		for (k = 0; k < nn; k++)
			if (nd[k].n <= tn - i && match_at(t + i, nd[k].s, nd[k].n))
				break;
		if (k < nn) {
			put(out, p->pseudo, strlen(p->pseudo));
			i += nd[k].n;
		} else {
			put(out, t + i, 1);
			i++;
		}
	}
}

static int token_char(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '@';
}

static void put_token(struct buf *out, const struct mh_ix *ix, const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	char low[256];
	uint32_t idx;
	size_t i;

	if (at && at > s && memchr(at, '.', n - (size_t)(at - s))) {
		if (n < sizeof(low)) {
			for (i = 0; i < n; i++)
				low[i] = (char)tolower((unsigned char)s[i]);
			if (mh_strmap_get(ix->by_email, low, n, &idx)) {
				put(out, ix->v[idx].pseudo, strlen(ix->v[idx].pseudo));
				return;
			}
		}
		put(out, "[email]", 7);
		return;
	}
	if (n >= NEEDLE_MIN_LEN && mh_strmap_get(ix->by_key, s, n, &idx)) {
		put(out, ix->v[idx].pseudo, strlen(ix->v[idx].pseudo));
		return;
	}
	put(out, s, n);
}

static void pass_tokens(struct buf *out, const struct mh_ix *ix, const char *t, size_t tn)
{
	size_t i = 0, j;

	while (i < tn) {
		if (!token_char((unsigned char)t[i])) {
			put(out, t + i, 1);
			i++;
			continue;
		}
		for (j = i; j < tn && token_char((unsigned char)t[j]); j++)
			;
		/* A sentence's full stop is not part of the address or key. */
		while (j > i + 1 && (t[j - 1] == '.' || t[j - 1] == '-'))
			j--;
		put_token(out, ix, t + i, j - i);
		i = j;
	}
}

char *mh_ix_redact(const struct mh_ix *ix, const struct mh_ix_person *subject, const char *text)
{
	struct buf a = {0}, b = {0};
	size_t n = strlen(text);

	if (n > REDACT_MAX)
		n = REDACT_MAX;
	put(&a, "", 0);
	if (subject)
		pass_subject(&a, text, n, subject);
	else
		put(&a, text, n);
	put(&b, "", 0);
	pass_tokens(&b, ix, a.p, a.n);
	free(a.p);
	return b.p;
}
