/*
 * Differential comparison of mh_jx_* against the cJSON oracle (jx_ref.h):
 * shared by tests/unit/test_jx.c and tests/fuzz/fuzz_jx.c. Every check here
 * is a property the contract in jx.h promises, stated against the oracle.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/jx_int.h"
#include "json/jx_ref.h"
#include "util/xalloc.h"

static int differ(struct mh_err *err, const char *path, const char *what)
{
	return mh_err_set(err, MH_EINPUT, "path '%s': %s", path, what);
}

/* Length of the UTF-8 character whose lead byte is c. */
static size_t char_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Truncation keeps a prefix and never splits a character. */
static int check_truncated(const struct mh_jval *v, const char *full, size_t len, const char *path,
                           struct mh_err *err)
{
	size_t caps[] = {1, 2, len / 2 + 1, len + 1};

	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		char *buf = mh_malloc(caps[i]);
		size_t t = mh_jx_string(v, buf, caps[i]);
		int ok = t <= caps[i] - 1 && buf[t] == '\0' && memcmp(buf, full, t) == 0 &&
		         (t == len || t + char_len((unsigned char)full[t]) > caps[i] - 1);

		free(buf);
		if (!ok)
			return differ(err, path,
			              "truncated string is not a whole-character prefix");
	}
	return 0;
}

static int cmp_string(const struct mh_jval *got, const struct mh_jx_refval *want, const char *path,
                      struct mh_err *err)
{
	size_t cap = 3 * got->n + 1, len;
	char *buf = mh_malloc(cap);
	int rc = 0;

	len = mh_jx_string(got, buf, cap);
	if (check_truncated(got, buf, len, path, err) < 0) {
		free(buf);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\0')
			buf[i] = '\x01';
	}
	if (len != want->n || memcmp(buf, want->s, len) != 0) {
		char what[400];

		snprintf(what, sizeof(what),
		         "string jx \"%.*s\" (%zu bytes), oracle \"%.*s\" (%zu)",
		         (int)(len < 120 ? len : 120), buf, len,
		         (int)(want->n < 120 ? want->n : 120), want->s, want->n);
		rc = differ(err, path, what);
	}
	free(buf);
	return rc;
}

static int cmp_number(const struct mh_jval *got, const struct mh_jx_refval *want, const char *path,
                      struct mh_err *err)
{
	int integral = memchr(got->p, '.', got->n) == NULL && memchr(got->p, 'e', got->n) == NULL &&
	               memchr(got->p, 'E', got->n) == NULL;
	double d = 0;
	int64_t i;
	int r = mh_jx_double(got, &d);

	if (isinf(want->num) ? r != -1 : r != 0 || memcmp(&d, &want->num, sizeof(d)) != 0) {
		char what[200];

		snprintf(what, sizeof(what), "number %.*s: jx %d %.17g, oracle %.17g",
		         (int)(got->n < 60 ? got->n : 60), got->p, r, d, want->num);
		return differ(err, path, what);
	}
	r = mh_jx_int(got, &i);
	if (r == 0 && (!integral || (double)i != want->num))
		return differ(err, path, "mh_jx_int disagrees with the oracle");
	if (r != 0 && integral && fabs(want->num) < 9.2e18)
		return differ(err, path, "mh_jx_int refused an int64 integer");
	return 0;
}

static int cmp_value(const struct mh_jval *got, const struct mh_jx_refval *want, const char *path,
                     struct mh_err *err);

static int cmp_array(const struct mh_jval *got, const struct mh_jx_refval *want, const char *path,
                     struct mh_err *err)
{
	struct mh_jval el;
	size_t pos = 0, k = 0;

	while (mh_jx_array_next(got, &pos, &el)) {
		if (k == want->nelems)
			return differ(err, path, "array: jx has more elements");
		if (cmp_value(&el, &want->elems[k++], path, err) < 0)
			return -1;
	}
	if (k != want->nelems)
		return differ(err, path, "array: jx has fewer elements");
	return 0;
}

static int cmp_value(const struct mh_jval *got, const struct mh_jx_refval *want, const char *path,
                     struct mh_err *err)
{
	if (got->type != want->type) {
		char what[80];

		snprintf(what, sizeof(what), "type jx %d, oracle %d", got->type, want->type);
		return differ(err, path, what);
	}
	switch (got->type) {
	case MH_J_STRING:
		return cmp_string(got, want, path, err);
	case MH_J_NUMBER:
		return cmp_number(got, want, path, err);
	case MH_J_ARRAY:
		return cmp_array(got, want, path, err);
	default:
		return 0;
	}
}

/* mh_jx_skip_value must agree with mh_jx_extract: valid exactly when the
 * value it skips is followed by whitespace only. */
static int check_skip(const char *doc, size_t n, int valid, struct mh_err *err)
{
	struct mh_err e2;
	size_t end = 0;
	int r;

	if (n >= 3 && memcmp(doc, "\xEF\xBB\xBF", 3) == 0) {
		doc += 3;
		n -= 3;
	}
	r = mh_jx_skip_value(doc, n, &end, &e2);
	if (r == 0 && (mh_jx_ws(doc + end, doc + n) == doc + n) != valid)
		return mh_err_set(err, MH_EINPUT, "mh_jx_skip_value disagrees with mh_jx_extract");
	if (r < 0 && valid)
		return mh_err_set(err, MH_EINPUT, "mh_jx_skip_value rejects a valid document: %s",
		                  e2.msg);
	return 0;
}

static int check_message(const struct mh_err *e, size_t n, struct mh_err *err)
{
	size_t col = 0;
	int used = 0;

	if (sscanf(e->msg, "column %zu: %n", &col, &used) != 1 || used == 0 || col < 1 ||
	    col > n + 1 || e->msg[used] == '\0')
		return mh_err_set(err, MH_EINPUT, "bad error message \"%s\"", e->msg);
	return 0;
}

int mh_jx_ref_check(const struct mh_jx *jx, const char *doc, size_t n, struct mh_err *err)
{
	size_t np = mh_jx_npaths(jx);
	struct mh_jval got[MH_JX_MAX_PATHS];
	struct mh_jx_refval want[MH_JX_MAX_PATHS];
	struct mh_err jerr;
	int jrc = mh_jx_extract(jx, doc, n, got, &jerr);
	int rrc = mh_jx_ref_extract(jx, doc, n, want);
	int rc = 0;

	if (jrc != rrc)
		rc = mh_err_set(err, MH_EINPUT, "verdict: jx %s, oracle %s",
		                jrc ? jerr.msg : "valid", rrc ? "invalid" : "valid");
	else if (jrc < 0)
		rc = check_message(&jerr, n, err);
	for (size_t i = 0; rc == 0 && jrc == 0 && i < np; i++)
		rc = cmp_value(&got[i], &want[i], mh_jx_path(jx, i), err);
	if (rc == 0)
		rc = check_skip(doc, n, jrc == 0, err);
	mh_jx_ref_release(want, np);
	return rc;
}
