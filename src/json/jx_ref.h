#ifndef MH_JX_REF_H
#define MH_JX_REF_H
/*
 * The test oracle for json/jx.h: the same extraction done with cJSON's tree,
 * for the differential unit tests and the fuzz target. Not for production use
 * (it copies the document and builds a full tree per call).
 *
 * cJSON 1.7.15 differs from RFC 8259 and from jx in known ways; the oracle
 * applies each rule explicitly rather than skipping inputs (details in
 * jx_ref.c): it rejects what cJSON lets through (control characters as
 * whitespace or raw in strings, numbers such as 01, 1. or -.5, nesting deeper
 * than MH_JX_MAX_DEPTH), and it rewrites, in a private copy and at equal
 * length, what cJSON refuses or cannot represent but RFC 8259 allows: lone
 * surrogate escapes become \uFFFD (what mh_jx_string yields for them) and
 * \u0000 becomes \u0001 because cJSON strings end at NUL (so comparisons map
 * NUL to 0x01).
 *
 * Ownership: mh_jx_ref_extract() fills caller-provided values that own heap
 * memory; release them with mh_jx_ref_release(). Not thread-safe (a lazily
 * compiled regular expression); tests and fuzz targets are single-threaded.
 */
#include <stddef.h>

#include "json/jx.h"

struct mh_jx_refval {
	int type;                   /* enum mh_jtype */
	char *s;                    /* MH_J_STRING: valid UTF-8 (U+FFFD for bad bytes), NUL-ended */
	size_t n;                   /* MH_J_STRING: bytes in s */
	double num;                 /* MH_J_NUMBER: value as strtod gives it (may be infinite) */
	struct mh_jx_refval *elems; /* MH_J_ARRAY: the elements */
	size_t nelems;              /* MH_J_ARRAY: how many */
};

/* Fill out[0..npaths) for doc[0..n). Returns 0 for a valid document, -1 for
 * an invalid one (out is then all MH_J_ABSENT). */
int mh_jx_ref_extract(const struct mh_jx *jx, const char *doc, size_t n, struct mh_jx_refval *out);
void mh_jx_ref_release(struct mh_jx_refval *v, size_t nv);

/* Replace every maximal ill-formed UTF-8 subsequence of s[0..n) by U+FFFD, the
 * oracle's own implementation (independent of jx_conv.c). Returns a NUL-ended
 * heap string (free()) and sets *outn. */
char *mh_jx_ref_sanitize(const char *s, size_t n, size_t *outn);

/* Run mh_jx_extract, mh_jx_skip_value and the oracle on doc and compare the
 * verdicts and every value (strings via mh_jx_string, numbers via mh_jx_double
 * and mh_jx_int, arrays element by element via mh_jx_array_next). Returns 0
 * when they agree, else -1 with the disagreement described in err. */
int mh_jx_ref_check(const struct mh_jx *jx, const char *doc, size_t n, struct mh_err *err);

#endif
