/*
 * Reading bundles (bundle.h). Strict by design: a bundle is machine-made,
 * so anything off the format (an unknown or repeated field, a value of the
 * wrong shape, a line too long, a missing end line, a wrong MAC) refuses
 * the whole file with its line, and nothing of it is kept.
 */
#include <cjson/cJSON.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "share/bundle.h"
#include "vet/applicant.h"

struct reader {
	struct mh_share_bundle *b;
	const struct mh_share_keys *keys;
	const struct mh_share_key *key;
	const char *name;
	unsigned long line;
	struct hmac_sha256_ctx mac;
	int ended;
};

static int fail(struct reader *r, struct mh_err *err, const char *why, const char *what)
{
	return mh_err_set(err, MH_EINPUT, "%s:%lu: %s%s%s", r->name, r->line, why, what ? ": " : "",
	                  what ? what : "");
}

static const char *str_of(const cJSON *it)
{
	return cJSON_IsString(it) ? it->valuestring : NULL;
}

static int lower_hex(const char *s, size_t n)
{
	size_t i;

	if (!s || strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* "YYYY-MM" (n 7) or "YYYY-MM-DD" (n 10), with a real month and day. */
static int date_of(const char *s, size_t n)
{
	size_t i;
	int month, day;

	if (!s || strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* Fields of an object, by position in names; refuses unknown and repeated
 * ones. Returns the field that is wrong, or NULL with got[] filled. */
static const char *fields(const cJSON *o, const char *const *names, size_t n, const cJSON **got)
{
	const cJSON *it;
	int k;

	memset(got, 0, n * sizeof(*got));
	for (it = o->child; it; it = it->next) {
		k = mh_share_word(names, n, it->string ? it->string : "");
		if (k < 0 || got[k])
			return it->string ? it->string : "";
		got[k] = it;
	}
	return NULL;
}

static int header(struct reader *r, const cJSON *o, struct mh_err *err)
{
	static const char *const names[] = {"molehunt_share", "exporter", "key_id", "created"};
	const cJSON *f[4];
	const char *bad = fields(o, names, 4, f), *s;

	if (!f[0])
		return fail(r, err, "not a molehunt share bundle (no \"molehunt_share\" header)",
		            NULL);
	if (bad)
		return fail(r, err, "unknown or repeated field", bad);
	if (!cJSON_IsNumber(f[0]) || f[0]->valuedouble != MH_SHARE_VERSION)
		return fail(r, err, "unsupported bundle version", NULL);
	s = str_of(f[1]);
	if (!s || !mh_share_peer_valid(s))
		return fail(r, err, "bad exporter id (1 to 64 of A-Z a-z 0-9 . _ -)", NULL);
	snprintf(r->b->exporter, sizeof(r->b->exporter), "%s", s);
	s = str_of(f[2]);
	if (!lower_hex(s, MH_SHARE_KID_LEN))
		return fail(r, err, "bad key_id", NULL);
	if (!(r->key = mh_share_key_find(r->keys, s)))
		return mh_err_set(
		    err, MH_EINPUT,
		    "%s:%lu: made with key id %s, which is not in the key file (current "
		    "key id %s)",
		    r->name, r->line, s, r->keys->v[0].id);
	snprintf(r->b->key_id, sizeof(r->b->key_id), "%s", s);
	s = str_of(f[3]);
	if (!date_of(s, 10))
		return fail(r, err, "bad created date (YYYY-MM-DD)", NULL);
	snprintf(r->b->created, sizeof(r->b->created), "%s", s);
	hmac_sha256_set_key(&r->mac, MH_SHARE_HASH_LEN, r->key->mac);
	return 0;
}

static int word(const cJSON *it, const char *const *names, size_t n)
{
	const char *s = str_of(it);

	return s ? mh_share_word(names, n, s) : -1;
}

static int record(struct reader *r, const cJSON *o, struct mh_err *err)
{
	static const char *const names[] = {"subject", "kind",     "hash",
	                                    "reason",  "category", "flagged"};
	const cJSON *f[6];
	const char *bad = fields(o, names, 6, f);
	struct mh_share_rec rec;
	int kind, reason, cat;

	if (bad)
		return fail(r, err, "unknown or repeated field", bad);
	if (!lower_hex(str_of(f[0]), MH_SHARE_SUBJ_LEN))
		return fail(r, err, "bad or missing subject (16 hex digits)", NULL);
	if ((kind = word(f[1], mh_vet_kind_names, MH_VA__COUNT)) < 0)
		return fail(r, err, "bad or missing kind", NULL);
	if (!lower_hex(str_of(f[2]), 2 * MH_SHARE_HASH_LEN))
		return fail(r, err, "bad or missing hash (64 hex digits)", NULL);
	if ((reason = word(f[3], mh_share_reason_names, MH_SR__COUNT)) < 0)
		return fail(r, err, "bad or missing reason", NULL);
	if ((cat = word(f[4], mh_share_category_names, MH_SC__COUNT)) < 0)
		return fail(r, err, "bad or missing category", NULL);
	if (!date_of(str_of(f[5]), 7))
		return fail(r, err, "bad or missing flagged month (YYYY-MM)", NULL);
	if (r->b->n == MH_SHARE_RECORDS_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s:%lu: more than %d records", r->name, r->line,
		                  MH_SHARE_RECORDS_MAX);
	memset(&rec, 0, sizeof(rec));
	memcpy(rec.subject, f[0]->valuestring, MH_SHARE_SUBJ_LEN);
	rec.kind = (uint8_t)kind;
	rec.reason = (uint8_t)reason;
	rec.category = (uint8_t)cat;
	memcpy(rec.flagged, f[5]->valuestring, 7);
	mh_share_unhex(f[2]->valuestring, 2 * MH_SHARE_HASH_LEN, rec.hash, MH_SHARE_HASH_LEN);
	mh_share_bundle_add(r->b, &rec);
	return 0;
}

static int end(struct reader *r, const cJSON *o, struct mh_err *err)
{
	static const char *const names[] = {"end", "mac"};
	const cJSON *f[2];
	const char *bad = fields(o, names, 2, f);
	uint8_t want[MH_SHARE_HASH_LEN], got[MH_SHARE_HASH_LEN];

	if (bad)
		return fail(r, err, "unknown or repeated field", bad);
	if (!cJSON_IsNumber(f[0]) || f[0]->valuedouble != (double)r->b->n)
		return mh_err_set(err, MH_EINPUT,
		                  "%s:%lu: the end line does not count the %zu records before it",
		                  r->name, r->line, r->b->n);
	if (!lower_hex(str_of(f[1]), 2 * MH_SHARE_HASH_LEN))
		return fail(r, err, "bad or missing mac (64 hex digits)", NULL);
	mh_share_unhex(f[1]->valuestring, 2 * MH_SHARE_HASH_LEN, got, MH_SHARE_HASH_LEN);
	hmac_sha256_digest(&r->mac, MH_SHARE_HASH_LEN, want);
	if (!mh_share_equal(want, got, MH_SHARE_HASH_LEN))
		return fail(r, err,
		            "MAC does not match: the bundle was altered or made with another key",
		            NULL);
	r->ended = 1;
	return 0;
}

static int one_line(struct reader *r, const char *p, size_t len, struct mh_err *err)
{
	const char *after = NULL;
	cJSON *o;
	int rc;

	if (r->ended)
		return fail(r, err, "data after the end line", NULL);
	if (len > MH_SHARE_LINE_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s:%lu: line longer than %d bytes", r->name,
		                  r->line, MH_SHARE_LINE_MAX);
	o = cJSON_ParseWithLengthOpts(p, len, &after, 0);
	while (o && after < p + len && (*after == ' ' || *after == '\t' || *after == '\r'))
		after++;
	if (!o || !cJSON_IsObject(o) || after != p + len) {
		cJSON_Delete(o);
		return fail(r, err, "not a JSON object", NULL);
	}
	if (r->line == 1)
		rc = header(r, o, err);
	else if (cJSON_GetObjectItemCaseSensitive(o, "end"))
		rc = end(r, o, err);
	else
		rc = record(r, o, err);
	cJSON_Delete(o);
	return rc;
}

int mh_share_bundle_parse(struct mh_share_bundle *b, const struct mh_share_keys *keys,
                          const char *name, const char *buf, size_t n, struct mh_err *err)
{
	struct reader r;
	const char *p = buf, *end = buf + n;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	memset(b, 0, sizeof(*b));
	r.b = b;
	r.keys = keys;
	r.name = name;
	if (!keys->n)
		return mh_err_set(err, MH_EINPUT, "%s: no key to check it with", name);
	if (n > MH_SHARE_FILE_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s: larger than %u bytes", name,
		                  MH_SHARE_FILE_MAX);
	while (!rc && p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);

		r.line++;
		rc = one_line(&r, p, len, err);
		/* The MAC covers every byte before the end line, newlines included. */
		if (!rc && !r.ended)
			hmac_sha256_update(&r.mac, len + (eol != NULL), (const uint8_t *)p);
		p = eol ? eol + 1 : end;
	}
	if (!rc && !r.line)
		rc = mh_err_set(err, MH_EINPUT, "%s:1: empty: not a molehunt share bundle", name);
	else if (!rc && !r.ended)
		rc = mh_err_set(err, MH_EINPUT, "%s:%lu: truncated: the bundle has no end line",
		                name, r.line + 1);
	explicit_bzero(&r.mac, sizeof(r.mac));
	if (rc)
		mh_share_bundle_release(b);
	return rc;
}

int mh_share_bundle_read(struct mh_share_bundle *b, const struct mh_share_keys *keys,
                         const char *path, uint8_t digest[MH_SHARE_HASH_LEN], struct mh_err *err)
{
	char *buf = NULL;
	size_t n = 0;
	int rc;

	memset(b, 0, sizeof(*b));
	if (mh_ingest_read_all(path, &buf, &n, MH_SHARE_FILE_MAX, err))
		return -1;
	rc = mh_share_bundle_parse(b, keys, path, buf, n, err);
	if (!rc && digest) {
		struct sha256_ctx c;

		sha256_init(&c);
		sha256_update(&c, n, (const uint8_t *)buf);
		sha256_digest(&c, MH_SHARE_HASH_LEN, digest);
	}
	free(buf);
	return rc;
}
