/*
 * share/: consortium keys, keyed hashes, the bundle writer and strict
 * reader, the peer hash set and its weights, the store's import rules, and
 * vetting's identity.consortium on applicants.
 */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "share/bundle.h"
#include "share/key.h"
#include "share/match.h"
#include "share/roster.h"
#include "store/store_share.h"
#include "vet/applicant.h"
#include "vet/vet.h"

#define K1 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define K2 "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"

static void keys_of(struct mh_share_keys *k, const char *text)
{
	struct mh_err err;

	if (mh_share_keys_parse(k, "test.key", text, strlen(text), &err))
		fail_msg("%s", err.msg);
}

static void test_keys_parse(void **state)
{
	struct mh_share_keys k, k2;
	struct mh_err err;
	const char *bad = "# c\n" K1 "\nnot-hex\n";

	(void)state;
	keys_of(&k, "# consortium\n\n  " K1 "  \r\n" K2 "\n");
	assert_int_equal(k.n, 2);
	assert_int_equal(strlen(k.v[0].id), MH_SHARE_KID_LEN);
	assert_string_not_equal(k.v[0].id, k.v[1].id);
	keys_of(&k2, K1);
	assert_string_equal(k.v[0].id, k2.v[0].id);
	assert_ptr_equal(mh_share_key_find(&k, k2.v[0].id), &k.v[0]);
	assert_null(mh_share_key_find(&k, "0000000000000000"));
	/* The id says nothing of the secret and differs from the derived keys. */
	assert_null(strstr(K1, k.v[0].id));
	assert_memory_not_equal(k.v[0].art, k.v[0].mac, MH_SHARE_HASH_LEN);

	assert_int_equal(mh_share_keys_parse(&k, "test.key", bad, strlen(bad), &err), -1);
	assert_string_equal(err.msg, "test.key:3: not a key: 64 to 128 hex digits expected");
	assert_int_equal(k.n, 0);
	assert_int_equal(mh_share_keys_parse(&k, "k", "0011", 4, &err), -1);
	assert_int_equal(mh_share_keys_parse(&k, "k", "# only\n", 7, &err), -1);
	assert_string_equal(err.msg, "k: no key");
	assert_int_equal(mh_share_keys_parse(&k, "k", K1 "\n" K1 "\n", 130, &err), -1);
	assert_non_null(strstr(err.msg, "k:2: the same key twice"));
}

static void test_keys_file_mode(void **state)
{
	char path[] = "/tmp/mh_share_keyXXXXXX";
	struct mh_share_keys k;
	struct mh_err err;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, K1 "\n", 65), 65);
	close(fd);
	chmod(path, 0644);
	assert_int_equal(mh_share_keys_load(&k, path, &err), -1);
	assert_non_null(strstr(err.msg, "chmod 600"));
	chmod(path, 0600);
	assert_int_equal(mh_share_keys_load(&k, path, &err), 0);
	assert_int_equal(k.n, 1);
	unlink(path);
	/* keygen never overwrites and writes mode 600. */
	assert_int_equal(mh_share_keygen(path, &err), 0);
	assert_int_equal(mh_share_keygen(path, &err), -1);
	assert_int_equal(mh_share_keys_load(&k, path, &err), 0);
	unlink(path);
}

static void test_hash_keyed(void **state)
{
	struct mh_share_keys a, a2, b;
	uint8_t h1[32], h2[32], h3[32], h4[32];

	(void)state;
	keys_of(&a, K1);
	keys_of(&a2, "# another member's copy\n" K1);
	keys_of(&b, K2);
	mh_share_hash(&a.v[0], "phone", "+13055550149", 12, h1);
	mh_share_hash(&a2.v[0], "phone", "+13055550149", 12, h2);
	assert_memory_equal(h1, h2, 32); /* same key, same hash, at every member */
	mh_share_hash(&b.v[0], "phone", "+13055550149", 12, h3);
	assert_memory_not_equal(h1, h3, 32); /* another key, another hash */
	mh_share_hash(&a.v[0], "payroll", "+13055550149", 12, h4);
	assert_memory_not_equal(h1, h4, 32); /* the kind is part of the hash */
	mh_share_hash(&a.v[0], "phone", "+13055550148", 12, h4);
	assert_memory_not_equal(h1, h4, 32);
}

/* A bundle of n subjects with the given values, hashed under k. */
static void build(struct mh_share_bundle *b, const struct mh_share_key *k, const char *const *vals,
                  const uint8_t *kinds, size_t n)
{
	struct mh_share_rec r;
	size_t i;

	memset(b, 0, sizeof(*b));
	snprintf(b->exporter, sizeof(b->exporter), "acme-corp");
	snprintf(b->created, sizeof(b->created), "2024-06-01");
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		snprintf(r.subject, sizeof(r.subject), "%016zx", (size_t)0xa0 + i / 2);
		r.kind = kinds[i];
		r.reason = (uint8_t)(i % 2 ? MH_SR_APPLICANT : MH_SR_EMPLOYEE);
		r.category = (uint8_t)(i % MH_SC__COUNT);
		snprintf(r.flagged, sizeof(r.flagged), "2024-%02zu", 1 + i % 12);
		mh_share_hash(k, mh_vet_kind_names[r.kind], vals[i], strlen(vals[i]), r.hash);
		mh_share_bundle_add(b, &r);
	}
}

static char *write_text(const struct mh_share_key *k, struct mh_share_bundle *b, size_t *n)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, n);
	struct mh_err err;

	assert_int_equal(mh_share_bundle_write(f, "mem", k, b, &err), 0);
	fclose(f);
	return text;
}

static const char *const vals[] = {"+13055550149", "wei.perez@gmail.com", "083730437 2961496609",
                                   "8165 walnut st miami fl 33101", "github:weiperez64"};
static const uint8_t kinds[] = {MH_VA_PHONE, MH_VA_EMAIL, MH_VA_PAYROLL, MH_VA_ADDRESS, MH_VA_URL};

static void test_bundle_round_trip(void **state)
{
	struct mh_share_keys k;
	struct mh_share_bundle b, back;
	struct mh_err err;
	size_t n, i;
	char *text;

	(void)state;
	keys_of(&k, K2 "\n" K1);
	build(&b, &k.v[0], vals, kinds, 5);
	text = write_text(&k.v[0], &b, &n);
	/* No plaintext: not one value, nor its digits or local part. */
	for (i = 0; i < 5; i++)
		assert_null(strstr(text, vals[i]));
	assert_null(strstr(text, "3055550149"));
	assert_null(strstr(text, "wei.perez"));
	assert_null(strstr(text, "walnut"));
	assert_int_equal(mh_share_bundle_parse(&back, &k, "mem", text, n, &err), 0);
	assert_string_equal(back.exporter, "acme-corp");
	assert_string_equal(back.key_id, k.v[0].id);
	assert_string_equal(back.created, "2024-06-01");
	assert_int_equal(back.n, b.n);
	for (i = 0; i < b.n; i++)
		assert_memory_equal(&back.v[i], &b.v[i], sizeof(b.v[i]));
	mh_share_bundle_release(&back);
	/* A bundle under the second, older key still imports. */
	free(text);
	text = write_text(&k.v[1], &b, &n);
	assert_int_equal(mh_share_bundle_parse(&back, &k, "mem", text, n, &err), 0);
	assert_string_equal(back.key_id, k.v[1].id);
	mh_share_bundle_release(&back);
	mh_share_bundle_release(&b);
	free(text);
}

/* Parse text (copied, so edits do not touch the original); the error. */
static int parse_err(const struct mh_share_keys *k, const char *text, size_t n, struct mh_err *err)
{
	struct mh_share_bundle b;
	int rc = mh_share_bundle_parse(&b, k, "b.jsonl", text, n, err);

	if (!rc)
		mh_share_bundle_release(&b);
	else
		assert_int_equal(b.n, 0);
	return rc;
}

/* The start of line l (1-based) of text. */
static char *line_at(char *text, int l)
{
	while (--l > 0)
		text = strchr(text, '\n') + 1;
	return text;
}

static void test_bundle_refused(void **state)
{
	struct mh_share_keys k, other;
	struct mh_share_bundle b;
	struct mh_err err;
	size_t n;
	char *text, *copy, *p, big[2048];

	(void)state;
	keys_of(&k, K1);
	keys_of(&other, K2);
	build(&b, &k.v[0], vals, kinds, 5);
	text = write_text(&k.v[0], &b, &n);
	assert_int_equal(parse_err(&k, text, n, &err), 0);

	/* Truncated: the end line gone, or cut inside a line. */
	p = line_at(text, 7);
	assert_int_equal(parse_err(&k, text, (size_t)(p - text), &err), -1);
	assert_string_equal(err.msg, "b.jsonl:7: truncated: the bundle has no end line");
	assert_int_equal(parse_err(&k, text, (size_t)(line_at(text, 4) - text) + 30, &err), -1);
	assert_string_equal(err.msg, "b.jsonl:4: not a JSON object");
	/* Made with a key we do not hold. */
	assert_int_equal(parse_err(&other, text, n, &err), -1);
	assert_non_null(strstr(err.msg, "b.jsonl:1: made with key id "));
	assert_non_null(strstr(err.msg, "not in the key file"));
	/* A hash altered: the MAC on the end line catches it. */
	copy = mh_strdup(text);
	p = strstr(line_at(copy, 3), "\"hash\":\"") + 8;
	*p = *p == '0' ? '1' : '0';
	assert_int_equal(parse_err(&k, copy, n, &err), -1);
	assert_non_null(strstr(err.msg, "b.jsonl:7: MAC does not match"));
	free(copy);
	/* An oversized line. */
	memset(big, 'x', sizeof(big));
	copy = mh_malloc(n + sizeof(big) + 1);
	p = line_at(text, 3);
	memcpy(copy, text, (size_t)(p - text));
	memcpy(copy + (p - text), big, sizeof(big));
	memcpy(copy + (p - text) + sizeof(big), p, n - (size_t)(p - text));
	assert_int_equal(parse_err(&k, copy, n + sizeof(big), &err), -1);
	assert_string_equal(err.msg, "b.jsonl:3: line longer than 1024 bytes");
	free(copy);
	/* Data after the end line; an empty file. */
	copy = mh_malloc(n + 4);
	memcpy(copy, text, n);
	memcpy(copy + n, "{}\n", 3);
	assert_int_equal(parse_err(&k, copy, n + 3, &err), -1);
	assert_string_equal(err.msg, "b.jsonl:8: data after the end line");
	free(copy);
	assert_int_equal(parse_err(&k, "", 0, &err), -1);
	assert_string_equal(err.msg, "b.jsonl:1: empty: not a molehunt share bundle");
	mh_share_bundle_release(&b);
	free(text);
}

/* One record line replaced by rec, MAC'ed properly by the writer's key:
 * the reader must refuse it on its own terms, not the MAC's. */
static void refuse_record(const struct mh_share_keys *k, const char *rec, const char *want)
{
	char text[2048];
	struct mh_err err;
	int n = snprintf(text, sizeof(text),
	                 "{\"molehunt_share\":1,\"exporter\":\"x\",\"key_id\":\"%s\","
	                 "\"created\":\"2024-06-01\"}\n%s\n",
	                 k->v[0].id, rec);

	assert_int_equal(parse_err(k, text, (size_t)n, &err), -1);
	if (!strstr(err.msg, want))
		fail_msg("%s: got '%s', want '%s'", rec, err.msg, want);
	assert_non_null(strstr(err.msg, "b.jsonl:2: "));
}

static void test_record_fields(void **state)
{
	struct mh_share_keys k;
	const char *h = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	char rec[512];

	(void)state;
	keys_of(&k, K1);
	/* Personal data in a bundle is refused, not stored. */
	snprintf(rec, sizeof(rec),
	         "{\"subject\":\"00000000000000a0\",\"kind\":\"phone\",\"hash\":\"%s\","
	         "\"reason\":\"employee\",\"category\":\"farm\",\"flagged\":\"2024-05\","
	         "\"name\":\"Wei Perez\"}",
	         h);
	refuse_record(&k, rec, "unknown or repeated field: name");
	snprintf(rec, sizeof(rec),
	         "{\"subject\":\"00000000000000a0\",\"kind\":\"phone\",\"kind\":\"email\","
	         "\"hash\":\"%s\"}",
	         h);
	refuse_record(&k, rec, "unknown or repeated field: kind");
	snprintf(rec, sizeof(rec),
	         "{\"subject\":\"00000000000000a0\",\"kind\":\"ssn\",\"hash\":\"%s\","
	         "\"reason\":\"employee\",\"category\":\"farm\",\"flagged\":\"2024-05\"}",
	         h);
	refuse_record(&k, rec, "bad or missing kind");
	snprintf(rec, sizeof(rec),
	         "{\"subject\":\"00000000000000a0\",\"kind\":\"phone\",\"hash\":\"+13055550149\","
	         "\"reason\":\"employee\",\"category\":\"farm\",\"flagged\":\"2024-05\"}");
	refuse_record(&k, rec, "bad or missing hash");
	snprintf(rec, sizeof(rec),
	         "{\"subject\":\"E100\",\"kind\":\"phone\",\"hash\":\"%s\","
	         "\"reason\":\"employee\",\"category\":\"farm\",\"flagged\":\"2024-05\"}",
	         h);
	refuse_record(&k, rec, "bad or missing subject");
	snprintf(rec, sizeof(rec),
	         "{\"subject\":\"00000000000000a0\",\"kind\":\"phone\",\"hash\":\"%s\","
	         "\"reason\":\"employee\",\"category\":\"farm\",\"flagged\":\"2024-13\"}",
	         h);
	refuse_record(&k, rec, "bad or missing flagged month");
	refuse_record(&k, "[1,2]", "not a JSON object");
	refuse_record(&k, "{\"end\":0,\"mac\":\"00\"}", "bad or missing mac");
	refuse_record(&k, "{\"end\":3,\"mac\":\"00\"}", "does not count the 0 records");
}

static void test_match_weights(void **state)
{
	struct mh_share_keys k, other;
	struct mh_share_bundle b;
	struct mh_share_set set;
	struct mh_share_hit hits[4];
	struct mh_config *cfg;
	struct mh_err err;
	const uint8_t pk[] = {MH_VA_PHONE, MH_VA_PAYROLL, MH_VA_ADDRESS};
	const char *mine[] = {"+13055550149", "083730437 2961496609",
	                      "8165 walnut st miami fl 33101"};
	const char *addr_only[] = {"8165 walnut st miami fl 33101"};
	const uint8_t ak[] = {MH_VA_ADDRESS};
	const char *yaml = "vet:\n  weight:\n    phone: 35\n";
	size_t n;

	(void)state;
	keys_of(&k, K1);
	keys_of(&other, K2);
	/* Subjects a0 (phone, email) and a1 (payroll, address), a2 (url). */
	build(&b, &k.v[0], vals, kinds, 5);
	mh_share_set_init(&set, &k);
	for (n = 0; n < b.n; n++)
		mh_share_set_add(&set, "acme", k.v[0].id, &b.v[n]);
	mh_share_set_add(&set, "acme", "ffffffffffffffff", &b.v[0]);
	assert_int_equal(set.unkeyed, 1);
	mh_share_set_seal(&set);
	cfg = mh_config_parse("c.yaml", yaml, strlen(yaml), &err);
	if (!cfg)
		fail_msg("%s", err.msg);

	n = mh_share_match(&set, NULL, pk, mine, 3, hits, 4);
	assert_int_equal(n, 2);
	/* a1: payroll 50 + address 25 + bonus 30, capped at 100. */
	assert_string_equal(hits[0].subject, "00000000000000a1");
	assert_int_equal(hits[0].kinds, (1u << MH_VA_PAYROLL) | (1u << MH_VA_ADDRESS));
	assert_int_equal(hits[0].arts, 6);
	assert_true(hits[0].points == 100);
	assert_string_equal(hits[1].subject, "00000000000000a0");
	assert_true(hits[1].points == 40); /* a phone alone: no bonus */
	assert_string_equal(hits[1].peer, "acme");
	/* The weights are vetting's: vet.weight.phone moves it. */
	n = mh_share_match(&set, cfg, pk, mine, 1, hits, 4);
	assert_int_equal(n, 1);
	assert_true(hits[0].points == 35);
	/* An address alone stays low; with the payroll of the same person it
	 * counts in full. */
	n = mh_share_match(&set, NULL, ak, addr_only, 1, hits, 4);
	assert_int_equal(n, 1);
	assert_true(hits[0].points == 25);
	n = mh_share_match(&set, NULL, pk + 1, mine + 1, 1, hits, 4);
	assert_true(n == 1 && hits[0].points == 80); /* payroll 50 + 30 */
	assert_true(mh_share_points(NULL, 1u << MH_VA_EMAIL) == 75);
	/* Another key: nothing matches. */
	mh_share_set_release(&set);
	mh_share_set_init(&set, &other);
	mh_share_set_add(&set, "acme", k.v[0].id, &b.v[0]);
	mh_share_set_seal(&set);
	assert_int_equal(set.n, 0);
	assert_int_equal(mh_share_match(&set, NULL, pk, mine, 3, hits, 4), 0);
	mh_share_set_release(&set);
	mh_config_free(cfg);
	mh_share_bundle_release(&b);
}

static void on_emp(void *arg, uint32_t r, const struct mh_vet_emp_arts *ea,
                   const struct mh_share_hit *hits, size_t n)
{
	uint32_t *seen = arg;

	(void)ea;
	(void)hits;
	(void)n;
	*seen |= 1u << r;
}

static void test_roster_common(void **state)
{
	struct mh_share_keys k;
	struct mh_share_bundle b;
	struct mh_share_set set;
	struct mh_roster r;
	const char *const v[] = {"+14045550100"};
	const uint8_t kk[] = {MH_VA_PHONE};
	uint32_t seen = 0;
	size_t i;

	(void)state;
	keys_of(&k, K1);
	build(&b, &k.v[0], v, kk, 1);
	mh_share_set_init(&set, &k);
	mh_share_set_add(&set, "acme", k.v[0].id, &b.v[0]);
	mh_share_set_seal(&set);
	memset(&r, 0, sizeof(r));
	mh_test_person(&r, "B1", "b1@beta.example", NULL, NULL)->phone = mh_strdup("404 555 0100");
	mh_test_person(&r, "B2", "b2@beta.example", NULL, NULL)->phone =
	    mh_strdup("+1 404 555 0111");
	mh_test_person(&r, "B3", "b3@beta.example", NULL, NULL)->phone =
	    mh_strdup("(404) 555-0100");
	assert_int_equal(mh_share_match_roster(&set, NULL, &r, 2, on_emp, &seen), 2);
	assert_int_equal(seen, 5); /* B1 and B3, written differently */
	/* Held by more employees than common_max: a switchboard, matched by no one. */
	seen = 0;
	assert_int_equal(mh_share_match_roster(&set, NULL, &r, 1, on_emp, &seen), 0);
	for (i = 0; i < r.n; i++)
		assert_false(seen & (1u << i));
	mh_roster_free(&r);
	mh_share_set_release(&set);
	mh_share_bundle_release(&b);
}

static void test_store_import_rules(void **state)
{
	char path[] = "/tmp/mh_share_storeXXXXXX";
	struct mh_share_keys k;
	struct mh_share_bundle b, b2;
	struct mh_share_put_res res;
	struct mh_share_set set;
	struct mh_store *s;
	struct mh_err err;
	uint8_t d1[32] = {1}, d2[32] = {2}, d3[32] = {3};
	int64_t n;
	int fd = mkstemp(path);

	(void)state;
	close(fd);
	unlink(path);
	keys_of(&k, K1);
	build(&b, &k.v[0], vals, kinds, 5);
	build(&b2, &k.v[0], vals, kinds, 2);
	snprintf(b.key_id, sizeof(b.key_id), "%s", k.v[0].id);
	snprintf(b2.key_id, sizeof(b2.key_id), "%s", k.v[0].id);
	s = mh_store_open(path, &err);
	assert_non_null(s);
	assert_int_equal(mh_store_share_put(s, &b, d1, 1, &res, &err), 0);
	assert_int_equal(res.status, MH_SP_NEW);
	assert_int_equal(mh_store_share_put(s, &b, d1, 2, &res, &err), 0);
	assert_int_equal(res.status, MH_SP_UNCHANGED);
	assert_int_equal(mh_store_share_count(s, &n, &err), 0);
	assert_int_equal(n, 5);
	/* A newer bundle from the peer replaces its hashes; an older is skipped. */
	snprintf(b2.created, sizeof(b2.created), "2024-07-01");
	assert_int_equal(mh_store_share_put(s, &b2, d2, 3, &res, &err), 0);
	assert_int_equal(res.status, MH_SP_REPLACED);
	assert_string_equal(res.prev_created, "2024-06-01");
	assert_int_equal(mh_store_share_count(s, &n, &err), 0);
	assert_int_equal(n, 2);
	snprintf(b.created, sizeof(b.created), "2024-05-01");
	assert_int_equal(mh_store_share_put(s, &b, d3, 4, &res, &err), 0);
	assert_int_equal(res.status, MH_SP_OLDER);
	assert_int_equal(mh_store_share_count(s, &n, &err), 0);
	assert_int_equal(n, 2);
	mh_share_set_init(&set, &k);
	assert_int_equal(mh_store_share_load(s, &set, &err), 0);
	assert_int_equal(set.n, 2);
	assert_int_equal(set.npeers, 1);
	assert_string_equal(set.peers[0], "acme-corp");
	mh_share_set_release(&set);
	mh_store_close(s);
	mh_share_bundle_release(&b);
	mh_share_bundle_release(&b2);
	unlink(path);
}

/* vet: a batch applicant holding a peer's flagged phone gets
 * identity.consortium; one holding nothing shared gets nothing. */
static void test_vet_consortium(void **state)
{
	static const char json[] =
	    "[{\"id\": 1, \"first_name\": \"John\", \"last_name\": \"Smith\","
	    "  \"phone_numbers\": [{\"value\": \"(305) 555-0149\"}]},"
	    " {\"id\": 2, \"first_name\": \"Jane\", \"last_name\": \"Doe\","
	    "  \"phone_numbers\": [{\"value\": \"+1 415 555 0199\"}]}]";
	struct mh_share_keys k;
	struct mh_share_bundle b;
	struct mh_share_set set;
	struct mh_applicants batch;
	struct mh_vet *v;
	struct mh_err err;
	const struct mh_vet_result *r;

	(void)state;
	keys_of(&k, K1);
	build(&b, &k.v[0], vals, kinds, 5);
	mh_share_set_init(&set, &k);
	mh_share_set_add(&set, "acme", k.v[0].id, &b.v[0]);
	mh_share_set_seal(&set);
	memset(&batch, 0, sizeof(batch));
	assert_int_equal(
	    mh_applicants_parse(&batch, "a.json", json, sizeof(json) - 1, NULL, NULL, &err), 0);
	v = mh_vet_new(NULL, NULL, NULL);
	mh_vet_set_share(v, &set);
	assert_int_equal(mh_vet_run(v, &batch, &err), 0);
	r = mh_vet_result(v, 0);
	assert_int_equal(r->nf, 1);
	assert_string_equal(r->f[0].check, "identity.consortium");
	assert_true(r->f[0].points == 40); /* a phone alone */
	assert_string_equal(r->f[0].ev[0].artifact, "phone");
	assert_non_null(strstr(r->f[0].ev[0].value, "(305) 555-0149 (peer acme: employee"));
	assert_non_null(strstr(r->f[0].summary, "phone matches an employee peer acme flagged"));
	assert_int_equal(mh_vet_result(v, 1)->nf, 0);
	mh_vet_free(v);
	mh_applicants_release(&batch);
	mh_share_set_release(&set);
	mh_share_bundle_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keys_parse),         cmocka_unit_test(test_keys_file_mode),
	    cmocka_unit_test(test_hash_keyed),         cmocka_unit_test(test_bundle_round_trip),
	    cmocka_unit_test(test_bundle_refused),     cmocka_unit_test(test_record_fields),
	    cmocka_unit_test(test_match_weights),      cmocka_unit_test(test_roster_common),
	    cmocka_unit_test(test_store_import_rules), cmocka_unit_test(test_vet_consortium),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
