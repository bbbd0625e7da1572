/*
 * Writing bundles (bundle.h). Every value written is a hash, a hex id, a
 * word from a fixed list or a date the writer checked, so lines are built
 * with snprintf and need no JSON escaping; the MAC runs over exactly the
 * bytes written.
 */
#include <nettle/hmac.h>
#include <stdlib.h>
#include <string.h>

#include "share/bundle.h"
#include "util/xalloc.h"
#include "vet/applicant.h"

const char *const mh_share_reason_names[MH_SR__COUNT] = {"employee", "applicant"};
const char *const mh_share_category_names[MH_SC__COUNT] = {
    "identity", "signin", "farm", "endpoint", "hours", "exfil", "access", "other",
};

int mh_share_peer_valid(const char *s)
{
	size_t n;

	for (n = 0; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == '.' || s[n] == '_' || s[n] == '-') ||
		    n == MH_SHARE_PEER_MAX)
			return 0;
	return n > 0;
}

int mh_share_word(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

enum mh_share_category mh_share_category_of(const char *family)
{
	int c = family ? mh_share_word(mh_share_category_names, MH_SC__COUNT, family) : -1;

	return c < 0 ? MH_SC_OTHER : (enum mh_share_category)c;
}

void mh_share_bundle_add(struct mh_share_bundle *b, const struct mh_share_rec *r)
{
	b->v = mh_grow(b->v, &b->cap, b->n + 1, sizeof(*b->v));
	b->v[b->n++] = *r;
}

void mh_share_bundle_release(struct mh_share_bundle *b)
{
	free(b->v);
	b->v = NULL;
	b->n = b->cap = 0;
}

static int is_date(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static int rec_valid(const struct mh_share_rec *r)
{
	size_t i;

	for (i = 0; i < MH_SHARE_SUBJ_LEN; i++)
		if (!strchr("0123456789abcdef", r->subject[i]) || !r->subject[i])
			return 0;
	return !r->subject[MH_SHARE_SUBJ_LEN] && r->kind < MH_VA__COUNT &&
	       r->reason < MH_SR__COUNT && r->category < MH_SC__COUNT && is_date(r->flagged, 7);
}

static int put(FILE *f, struct hmac_sha256_ctx *mac, const char *line, int len)
{
	hmac_sha256_update(mac, (size_t)len, (const uint8_t *)line);
	return fwrite(line, 1, (size_t)len, f) == (size_t)len ? 0 : -1;
}

int mh_share_bundle_write(FILE *f, const char *name, const struct mh_share_key *k,
                          struct mh_share_bundle *b, struct mh_err *err)
{
	struct hmac_sha256_ctx mac;
	uint8_t d[MH_SHARE_HASH_LEN];
	char line[MH_SHARE_LINE_MAX], hex[2 * MH_SHARE_HASH_LEN + 1];
	size_t i;
	int len, rc = 0;

	if (!mh_share_peer_valid(b->exporter) || !is_date(b->created, 10))
		return mh_err_set(err, MH_EINPUT, "%s: bad exporter id or date", name);
	snprintf(b->key_id, sizeof(b->key_id), "%s", k->id);
	hmac_sha256_set_key(&mac, MH_SHARE_HASH_LEN, k->mac);
	len = snprintf(line, sizeof(line),
	               "{\"molehunt_share\":%d,\"exporter\":\"%s\",\"key_id\":\"%s\","
	               "\"created\":\"%s\"}\n",
	               MH_SHARE_VERSION, b->exporter, b->key_id, b->created);
	rc = put(f, &mac, line, len);
	for (i = 0; !rc && i < b->n; i++) {
		const struct mh_share_rec *r = &b->v[i];

		if (!rec_valid(r))
			return mh_err_set(err, MH_EINPUT, "%s: record %zu is not valid", name, i);
		mh_share_hex(r->hash, MH_SHARE_HASH_LEN, hex);
		len = snprintf(
		    line, sizeof(line),
		    "{\"subject\":\"%s\",\"kind\":\"%s\",\"hash\":\"%s\",\"reason\":\"%s\","
		    "\"category\":\"%s\",\"flagged\":\"%s\"}\n",
		    r->subject, mh_vet_kind_names[r->kind], hex, mh_share_reason_names[r->reason],
		    mh_share_category_names[r->category], r->flagged);
		rc = put(f, &mac, line, len);
	}
	hmac_sha256_digest(&mac, MH_SHARE_HASH_LEN, d);
	explicit_bzero(&mac, sizeof(mac));
	mh_share_hex(d, MH_SHARE_HASH_LEN, hex);
	if (!rc)
		rc = fprintf(f, "{\"end\":%zu,\"mac\":\"%s\"}\n", b->n, hex) < 0 ? -1 : 0;
	if (rc || fflush(f))
		return mh_err_set(err, MH_EIO, "%s: write failed", name);
	return 0;
}
