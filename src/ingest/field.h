#ifndef MH_FIELD_H
#define MH_FIELD_H
/*
 * What every JSON decoder shares: one compiled path set, the extracted values
 * of the current record, and a scratch buffer for unescaped strings; plus
 * typed field readers that check what the record holds and say, on error,
 * which field was wrong ("field 'published' is not a timestamp").
 *
 * Ownership: struct mh_fields owns the compiled paths and the scratch buffer.
 * Slices it hands out point into the record or the scratch buffer and stay
 * valid until the next mh_fields_extract() or mh_fields_reset_scratch().
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "ingest/decoder.h"
#include "json/jx.h"

#define MH_FIELD_MAX 65536 /* longest string accepted in one field */

struct mh_fields {
	struct mh_jx *jx;
	const char *const *paths;
	size_t npaths;
	struct mh_jval v[MH_JX_MAX_PATHS];
	char *scratch;
	size_t cap, used;
};

/* Compile paths (a static array that outlives f). Aborts on a bad path: paths
 * are constants, so that is a programming error. */
void mh_fields_init(struct mh_fields *f, const char *const *paths, size_t npaths);
void mh_fields_release(struct mh_fields *f);
/* The same on the heap: a decoder ctx when one path set is all it needs. */
void *mh_fields_new(const char *const *paths, size_t npaths);
void mh_fields_free(void *f);
/* A skip (MH_DEC_SKIP) with a reason; returns MH_DEC_SKIP. */
int mh_skip(struct mh_err *why, const char *reason);
/* The same for a record of another format (MH_DEC_FOREIGN). */
int mh_foreign(struct mh_err *why, const char *reason);
/* Validate doc and extract every path; -1 with why = "invalid JSON: ...". */
int mh_fields_extract(struct mh_fields *f, const char *doc, size_t n, struct mh_err *why);
/* Make room for unescaping strings of a document of n bytes; forget earlier ones. */
void mh_fields_reset_scratch(struct mh_fields *f, size_t n);

/* Typed readers. i indexes the paths; a value that is absent or null leaves
 * the output empty / unchanged and returns 0. A value of the wrong type or
 * shape returns -1 with why naming the path. */
int mh_field_str(struct mh_fields *f, int i, struct mh_str *out, struct mh_err *why);
/* A timestamp string (mh_parse_time); _any also takes a JSON number of epoch
 * seconds or milliseconds. */
int mh_field_time(struct mh_fields *f, int i, int64_t *ms, struct mh_err *why);
int mh_field_time_any(struct mh_fields *f, int i, int64_t *ms, struct mh_err *why);
/* Is there a timestamp to read? False when absent, null, or a string without
 * a single digit ("redacted", "unknown", ""): exporters write such
 * placeholders when they withhold the time, and the record, valid but
 * unusable, is then skipped rather than rejected. A string with digits that
 * does not parse is still an error. */
int mh_field_has_time(const struct mh_fields *f, int i);
int mh_field_ip(struct mh_fields *f, int i, struct mh_ip *out, struct mh_err *why);
int mh_field_u64(struct mh_fields *f, int i, uint64_t *out, struct mh_err *why);
int mh_field_bool(struct mh_fields *f, int i, int8_t *out, struct mh_err *why);
/* The value, if present, must be an object (or an array when want_array). */
int mh_field_object(struct mh_fields *f, int i, struct mh_err *why);
int mh_field_array(struct mh_fields *f, int i, struct mh_err *why);
static inline int mh_field_present(const struct mh_fields *f, int i)
{
	return f->v[i].type != MH_J_ABSENT && f->v[i].type != MH_J_NULL;
}

/* A string value (from anywhere: array elements too) as a checked slice;
 * name is used in errors. */
int mh_jval_str(struct mh_fields *f, const struct mh_jval *v, const char *name, struct mh_str *out,
                struct mh_err *why);

/* A fresh event: zeroed, is_proxy unknown, provenance from rec. */
void mh_event_init(struct mh_event *ev, const struct mh_record *rec, int src);

/* Case-insensitive comparisons on slices. */
int mh_str_ieq(struct mh_str s, const char *lit);
int mh_str_has_prefix(struct mh_str s, const char *lit);
int mh_str_ihas_suffix(struct mh_str s, const char *lit);

/* Is p[0..n) valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF)? */
int mh_utf8_valid(const char *p, size_t n);

#endif
