#ifndef MH_JX_H
#define MH_JX_H
/*
 * On-demand JSON field extraction: the hot path of every JSON decoder.
 *
 * A decoder compiles the dotted paths it needs once ("client.ipAddress",
 * "securityContext.isProxy"), then calls mh_jx_extract() per record. One pass
 * over the record validates it completely (RFC 8259: structure, strings and
 * escapes, numbers, literals, no raw control characters in strings, nesting at
 * most MH_JX_MAX_DEPTH) and records, for each path, the span of the first value
 * found there. A path matches nested objects and flat dotted keys alike:
 * {"process":{"name":"x"}} and {"process.name":"x"} both answer "process.name",
 * because Elastic and others write both. Paths never descend into arrays; an
 * array comes back whole (MH_J_ARRAY) for mh_jx_array_next().
 *
 * Ownership: mh_jx_new() copies the paths; the struct mh_jx is immutable after
 * that, so one may be shared by threads. Values are borrowed slices of the
 * document. json/jx_ref.h does the same job with cJSON: the oracle for the
 * differential tests and the fuzz target, not for production use.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_JX_MAX_DEPTH    64 /* containers nested in one another, the outermost included */
#define MH_JX_MAX_PATHS    64
#define MH_JX_MAX_PATH_LEN 255 /* bytes in one dotted path */

enum mh_jtype {
	MH_J_ABSENT = 0,
	MH_J_NULL,
	MH_J_FALSE,
	MH_J_TRUE,
	MH_J_NUMBER,
	MH_J_STRING,
	MH_J_OBJECT,
	MH_J_ARRAY,
};

struct mh_jval {
	uint8_t type;    /* enum mh_jtype */
	uint8_t escaped; /* string only: contains backslash escapes */
	const char *p;   /* string: first byte after the opening quote; else the raw token */
	size_t n;        /* string: bytes up to the closing quote; else the raw token length */
};

struct mh_jx;

/* Compile npaths (<= MH_JX_MAX_PATHS) dotted paths. Returns NULL and fills err on an
 * empty or over-long path or one holding a control character. A path P answers
 * the value reached through object keys k1..km (m >= 1) with k1 "." k2 ... "." km
 * equal to P byte for byte (keys unescaped first), so "a.b" also matches
 * {"a.b":1}; when several values answer, the first in document order wins, which
 * covers duplicate keys too. The same path may be listed twice. Free with
 * mh_jx_free(). */
struct mh_jx *mh_jx_new(const char *const *paths, size_t npaths, struct mh_err *err);
void mh_jx_free(struct mh_jx *jx);
size_t mh_jx_npaths(const struct mh_jx *jx);
/* The i-th path as given to mh_jx_new (owned by jx). */
const char *mh_jx_path(const struct mh_jx *jx, size_t i);

/* Validate doc[0..n) as one JSON value (surrounding whitespace allowed, and one
 * UTF-8 byte order mark at offset 0, as RFC 8259 permits) and fill
 * out[0..npaths): MH_J_ABSENT where no value answers the path. Returns 0, or -1
 * with err = "column N: reason" (N counts bytes from 1) for invalid JSON; out is
 * then unspecified. Bytes of strings are not checked for UTF-8 validity here;
 * escapes are (a lone \uD800 is accepted, as the RFC grammar allows). */
int mh_jx_extract(const struct mh_jx *jx, const char *doc, size_t n, struct mh_jval *out,
                  struct mh_err *err);

/* Unescape a string value into dst (UTF-8, \u surrogate pairs joined, lone
 * surrogates become U+FFFD), truncating at cap-1 bytes and NUL-terminating.
 * Returns the number of bytes written (without the NUL). Non-strings give 0.
 * The output is always valid UTF-8: each maximal ill-formed subsequence of the
 * input bytes becomes one U+FFFD (Unicode 15, section 3.9), and truncation never
 * splits a character. \u0000 yields a NUL byte inside the count. 3*v->n+1 bytes
 * always suffice. */
size_t mh_jx_string(const struct mh_jval *v, char *dst, size_t cap);

/* Number conversions. Return 0 on success, -1 when the value is not a number
 * of that kind or out of range. mh_jx_int accepts only integers (no fraction
 * or exponent); mh_jx_int_str also accepts a string holding an integer
 * (-?[0-9]+, leading zeros allowed, nothing else). mh_jx_double rounds
 * correctly, as strtod does; overflow to infinity is out of range, underflow
 * gives 0 or a subnormal and succeeds. */
int mh_jx_int(const struct mh_jval *v, int64_t *out);
int mh_jx_int_str(const struct mh_jval *v, int64_t *out);
int mh_jx_double(const struct mh_jval *v, double *out);

/* Iterate the elements of an array value: *pos starts at 0; returns 1 with
 * *elem set, or 0 at the end. The array must come from mh_jx_extract (valid). */
int mh_jx_array_next(const struct mh_jval *arr, size_t *pos, struct mh_jval *elem);

/* Find the end of the JSON value starting at doc[0] (after whitespace): *end is
 * the offset just past it. Validates as mh_jx_extract does. Used to split
 * top-level arrays into records. */
int mh_jx_skip_value(const char *doc, size_t n, size_t *end, struct mh_err *err);

#endif
