/*
 * Typed field readers for the JSON decoders (field.h). Every string that
 * leaves a decoder is checked here once: at most MH_FIELD_MAX bytes, valid
 * UTF-8, no NUL (a "\u0000" escape would cut the name short in every C string
 * and SQL column downstream).
 */
#include "ingest/field.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "ingest/ingest.h"
#include "util/ip.h"
#include "util/xalloc.h"

void mh_fields_init(struct mh_fields *f, const char *const *paths, size_t npaths)
{
	struct mh_err err;

	memset(f, 0, sizeof(*f));
	f->paths = paths;
	f->npaths = npaths;
	f->jx = mh_jx_new(paths, npaths, &err);
	if (!f->jx) {
		fprintf(stderr, "molehunt: bad decoder path set: %s\n", err.msg);
		abort();
	}
}

void mh_fields_release(struct mh_fields *f)
{
	mh_jx_free(f->jx);
	free(f->scratch);
	f->jx = NULL;
	f->scratch = NULL;
}

void *mh_fields_new(const char *const *paths, size_t npaths)
{
	struct mh_fields *f = mh_malloc(sizeof(*f));

	mh_fields_init(f, paths, npaths);
	return f;
}

void mh_fields_free(void *f)
{
	if (f)
		mh_fields_release(f);
	free(f);
}

int mh_skip(struct mh_err *why, const char *reason)
{
	mh_err_set(why, MH_EINPUT, "%s", reason);
	return MH_DEC_SKIP;
}

int mh_foreign(struct mh_err *why, const char *reason)
{
	mh_err_set(why, MH_EINPUT, "%s", reason);
	return MH_DEC_FOREIGN;
}

void mh_fields_reset_scratch(struct mh_fields *f, size_t n)
{
	/* Unescaped strings are never longer than their escaped text, and each
	 * needs one NUL: n + one per path, plus slack, always suffices. */
	size_t need = n + MH_JX_MAX_PATHS + 64;

	if (need > f->cap) {
		f->cap = need > 2 * f->cap ? need : 2 * f->cap;
		free(f->scratch);
		f->scratch = mh_malloc(f->cap);
	}
	f->used = 0;
}

int mh_fields_extract(struct mh_fields *f, const char *doc, size_t n, struct mh_err *why)
{
	if (mh_jx_extract(f->jx, doc, n, f->v, why) != 0)
		return mh_err_prefix(why, "invalid JSON");
	mh_fields_reset_scratch(f, n);
	return 0;
}

int mh_utf8_valid(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p, *end = s + n;

	while (s < end) {
		unsigned c, need, cp, min;
		uint64_t w;

		/* Log fields are nearly all ASCII: eight bytes at a time. */
		while (end - s >= 8 && (memcpy(&w, s, 8), !(w & 0x8080808080808080ull)))
			s += 8;
		if (s == end)
			break;
		c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1, cp = c & 0x1f, min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2, cp = c & 0x0f, min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if ((size_t)(end - s) <= need)
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += need + 1;
	}
	return 1;
}

int mh_jval_str(struct mh_fields *f, const struct mh_jval *v, const char *name, struct mh_str *out,
                struct mh_err *why)
{
	const char *p = v->p;
	size_t n = v->n;

	if (v->type == MH_J_ABSENT || v->type == MH_J_NULL)
		return 0;
	if (v->type != MH_J_STRING)
		return mh_err_set(why, MH_EINPUT, "field '%s' is not a string", name);
	if (n > MH_FIELD_MAX)
		return mh_err_set(why, MH_EINPUT, "field '%s' is longer than %d bytes", name,
		                  MH_FIELD_MAX);
	/* Escapes are ASCII, so checking the raw bytes checks the unescaped
	 * text too, and keeps mh_jx_string from replacing bad bytes with
	 * U+FFFD (3 bytes each): the result then never outgrows the input. */
	if (!mh_utf8_valid(p, n))
		return mh_err_set(why, MH_EINPUT, "field '%s' is not valid UTF-8", name);
	if (v->escaped) {
		char *dst = f->scratch + f->used;

		if (f->cap - f->used < n + 1)
			return mh_err_set(why, MH_EINPUT, "field '%s': too many strings", name);
		n = mh_jx_string(v, dst, n + 1);
		f->used += n + 1;
		p = dst;
		if (memchr(p, '\0', n))
			return mh_err_set(why, MH_EINPUT, "field '%s' contains a NUL character",
			                  name);
	}
	out->p = p;
	out->n = n;
	return 0;
}

int mh_field_str(struct mh_fields *f, int i, struct mh_str *out, struct mh_err *why)
{
	return mh_jval_str(f, &f->v[i], f->paths[i], out, why);
}

static int time_value(struct mh_fields *f, int i, int64_t *ms, int numbers, struct mh_err *why)
{
	const struct mh_jval *v = &f->v[i];
	int64_t x;

	if (!mh_field_present(f, i))
		return 0;
	if (numbers && v->type == MH_J_NUMBER && mh_jx_int(v, &x) == 0 && x >= 0) {
		char digits[24];
		int k = snprintf(digits, sizeof(digits), "%lld", (long long)x);

		if (mh_parse_time(digits, (size_t)k, ms) == 0)
			return 0;
	} else if (v->type == MH_J_STRING) {
		char buf[72];
		size_t k = v->escaped ? mh_jx_string(v, buf, sizeof(buf)) : v->n;

		if (mh_parse_time(v->escaped ? buf : v->p, k, ms) == 0)
			return 0;
	}
	return mh_err_set(why, MH_EINPUT, "field '%s' is not a timestamp", f->paths[i]);
}

int mh_field_time(struct mh_fields *f, int i, int64_t *ms, struct mh_err *why)
{
	return time_value(f, i, ms, 0, why);
}

int mh_field_time_any(struct mh_fields *f, int i, int64_t *ms, struct mh_err *why)
{
	return time_value(f, i, ms, 1, why);
}

int mh_field_has_time(const struct mh_fields *f, int i)
{
	const struct mh_jval *v = &f->v[i];

	if (!mh_field_present(f, i))
		return 0;
	if (v->type != MH_J_STRING)
		return 1;
	for (size_t k = 0; k < v->n; k++)
		if (v->p[k] >= '0' && v->p[k] <= '9')
			return 1;
	return 0;
}

int mh_field_ip(struct mh_fields *f, int i, struct mh_ip *out, struct mh_err *why)
{
	const struct mh_jval *v = &f->v[i];

	if (!mh_field_present(f, i))
		return 0;
	if (v->type != MH_J_STRING || v->escaped || mh_ip_parse(v->p, v->n, out) != 0)
		return mh_err_set(why, MH_EINPUT, "field '%s' is not an IP address", f->paths[i]);
	return 0;
}

int mh_field_u64(struct mh_fields *f, int i, uint64_t *out, struct mh_err *why)
{
	int64_t x;

	if (!mh_field_present(f, i))
		return 0;
	if (mh_jx_int_str(&f->v[i], &x) != 0 || x < 0)
		return mh_err_set(why, MH_EINPUT, "field '%s' is not a non-negative integer",
		                  f->paths[i]);
	*out = (uint64_t)x;
	return 0;
}

int mh_field_bool(struct mh_fields *f, int i, int8_t *out, struct mh_err *why)
{
	const struct mh_jval *v = &f->v[i];

	if (!mh_field_present(f, i))
		return 0;
	if (v->type == MH_J_TRUE || v->type == MH_J_FALSE)
		*out = v->type == MH_J_TRUE;
	else if (v->type == MH_J_STRING && v->n == 4 && memcmp(v->p, "true", 4) == 0)
		*out = 1;
	else if (v->type == MH_J_STRING && v->n == 5 && memcmp(v->p, "false", 5) == 0)
		*out = 0;
	else
		return mh_err_set(why, MH_EINPUT, "field '%s' is not a boolean", f->paths[i]);
	return 0;
}

int mh_field_object(struct mh_fields *f, int i, struct mh_err *why)
{
	if (mh_field_present(f, i) && f->v[i].type != MH_J_OBJECT)
		return mh_err_set(why, MH_EINPUT, "field '%s' is not an object", f->paths[i]);
	return 0;
}

int mh_field_array(struct mh_fields *f, int i, struct mh_err *why)
{
	if (mh_field_present(f, i) && f->v[i].type != MH_J_ARRAY)
		return mh_err_set(why, MH_EINPUT, "field '%s' is not an array", f->paths[i]);
	return 0;
}

void mh_event_init(struct mh_event *ev, const struct mh_record *rec, int src)
{
	memset(ev, 0, sizeof(*ev));
	ev->src = (uint8_t)src;
	ev->is_proxy = -1;
	ev->file_id = rec->file_id;
	ev->line = rec->line;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int mh_str_ieq(struct mh_str s, const char *lit)
{
	size_t k = strlen(lit);

	if (s.n != k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (lower((unsigned char)s.p[i]) != lower((unsigned char)lit[i]))
			return 0;
	return 1;
}

int mh_str_has_prefix(struct mh_str s, const char *lit)
{
	size_t k = strlen(lit);

	return s.n >= k && memcmp(s.p, lit, k) == 0;
}

int mh_str_ihas_suffix(struct mh_str s, const char *lit)
{
	size_t k = strlen(lit);

	return s.n >= k && mh_str_ieq((struct mh_str){s.p + s.n - k, k}, lit);
}
