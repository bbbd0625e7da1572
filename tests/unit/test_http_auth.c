/* Tokens, hashing, pseudonyms, rate limits, the people index and redaction. */
#include "mh_test.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/auth.h"
#include "http/hash.h"
#include "http/index.h"
#include "http/pseudo.h"
#include "http/ratelimit.h"
#include "store/store.h"

static void hex_of(const unsigned char *h, char *out)
{
	mh_http_hex(h, MH_SHA256_LEN, out);
}

static void sha256_vectors(void **state)
{
	unsigned char h[MH_SHA256_LEN];
	char hex[2 * MH_SHA256_LEN + 1];

	mh_http_sha256("abc", 3, h);
	hex_of(h, hex);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* RFC 4231, test case 2. */
	mh_http_hmac_sha256((const unsigned char *)"Jefe", 4, "what do ya want for nothing?", 28,
	                    h);
	hex_of(h, hex);
	assert_string_equal(hex,
	                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void ct_equal(void **state)
{
	unsigned char a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 3, 4};

	assert_true(mh_http_ct_equal(a, b, 4));
	b[3] = 5;
	assert_false(mh_http_ct_equal(a, b, 4));
	assert_true(mh_http_ct_equal(a, b, 3));
}

static const char good[] = "# molehunt tokens\n"
                           "\n"
                           "analyst   aaaaaaaaaaaaaaaaaaaaaaaa   soc-team\r\n"
                           "  investigator iiiiiiiiiiiiiiiiiiiiiiii\n";

static void tokens_parse_and_check(void **state)
{
	struct mh_tokens t = {0};
	struct mh_err err;
	const struct mh_token *k;
	size_t i;

	assert_int_equal(mh_tokens_parse(&t, good, strlen(good), "tokens", &err), 0);
	assert_int_equal(t.n, 2);
	k = mh_tokens_check(&t, "aaaaaaaaaaaaaaaaaaaaaaaa", 24);
	assert_non_null(k);
	assert_int_equal(k->role, MH_ROLE_ANALYST);
	assert_string_equal(k->label, "soc-team");
	k = mh_tokens_check(&t, "iiiiiiiiiiiiiiiiiiiiiiii", 24);
	assert_non_null(k);
	assert_int_equal(k->role, MH_ROLE_INVESTIGATOR);
	assert_int_equal(strlen(k->label), 12); /* no label: the token id */
	assert_null(mh_tokens_check(&t, "iiiiiiiiiiiiiiiiiiiiiiij", 24));
	assert_null(mh_tokens_check(&t, "aaaaaaaaaaaaaaaaaaaaaaa", 23));
	assert_null(mh_tokens_check(&t, "", 0));
	/* Only hashes are kept: the token text is nowhere in the table. */
	for (i = 0; i < t.n; i++)
		assert_null(memmem(&t.v[i], sizeof(t.v[i]), "aaaaaaaaaaaaaaaa", 16));
	mh_tokens_release(&t);
}

static void tokens_bad_lines(void **state)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
	    {"admin aaaaaaaaaaaaaaaaaaaaaaaa\n", "tokens:1: unknown role 'admin'"},
	    {"analyst short\n", "tokens:1: token must be"},
	    {"\nanalyst aaaaaaaaaaaaaaaaaaaa x y\n", "tokens:2: expected 'role token [label]'"},
	    {"analyst aaaaaaaaaaaaaaaaaaaa\ninvestigator aaaaaaaaaaaaaaaaaaaa\n",
	     "tokens:2: token listed twice"},
	    {"analyst aaaaaaaaaaaaaaaaaaaa <b>\n", "tokens:1: label has"},
	    {"# nothing\n", "tokens: no tokens"},
	};
	struct mh_tokens t = {0};
	struct mh_err err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mh_err_clear(&err);
		assert_int_equal(
		    mh_tokens_parse(&t, bad[i].text, strlen(bad[i].text), "tokens", &err), -1);
		assert_non_null(strstr(err.msg, bad[i].msg));
		assert_int_equal(t.n, 0);
	}
}

static void token_file_mode(void **state)
{
	char path[] = "/tmp/mh-test-tokens-XXXXXX";
	int fd = mkstemp(path);
	struct mh_tokens t = {0};
	struct mh_err err;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, good, strlen(good)), (int)strlen(good));
	close(fd);
	chmod(path, 0644);
	assert_int_equal(mh_tokens_load(&t, path, &err), -1);
	assert_non_null(strstr(err.msg, "chmod 600"));
	chmod(path, 0600);
	assert_int_equal(mh_tokens_load(&t, path, &err), 0);
	assert_int_equal(t.n, 2);
	mh_tokens_release(&t);
	unlink(path);
	assert_int_equal(mh_tokens_load(&t, path, &err), -1);
}

static void bearer_header(void **state)
{
	size_t n = 0;
	const char *t = mh_bearer("Bearer  abcdefghijklmnop  ", &n);

	assert_non_null(t);
	assert_int_equal(n, 16);
	assert_memory_equal(t, "abcdefghijklmnop", 16);
	assert_non_null(mh_bearer("bearer xyz", &n));
	assert_null(mh_bearer("Basic abc", &n));
	assert_null(mh_bearer("Bearer ", &n));
	assert_null(mh_bearer(NULL, &n));
}

static void pseudonyms(void **state)
{
	unsigned char salt[MH_SHA256_LEN], salt2[MH_SHA256_LEN];
	char a[MH_PSEUDO_MAX], b[MH_PSEUDO_MAX], c[MH_PSEUDO_MAX], d[MH_PSEUDO_MAX];
	int dashes = 0;
	size_t i;

	memset(salt, 1, sizeof(salt));
	memset(salt2, 2, sizeof(salt2));
	mh_pseudo_name(salt, "E1001", 1, 0, a);
	mh_pseudo_name(salt, "E1001", 1, 0, b);
	assert_string_equal(a, b); /* stable */
	mh_pseudo_name(salt, "E1001", 0, 0, c);
	assert_string_not_equal(a, c); /* unresolved names are other people */
	mh_pseudo_name(salt2, "E1001", 1, 0, d);
	assert_string_not_equal(a, d); /* depends on the salt */
	mh_pseudo_name(salt, "E1001", 1, 1, d);
	assert_string_not_equal(a, d); /* the next attempt differs */
	for (i = 0; a[i]; i++)
		dashes += a[i] == '-';
	assert_int_equal(dashes, 2);
	assert_true(mh_pseudo_valid(a));
	assert_null(strstr(a, "E1001"));
	assert_false(mh_pseudo_valid("../etc"));
	assert_false(mh_pseudo_valid(""));
	assert_false(mh_pseudo_valid("Amber-otter-1"));
}

static void ratelimit(void **state)
{
	struct mh_ratelimit *rl = mh_ratelimit_new(2, 3);
	unsigned char a[4] = {127, 0, 0, 1}, b[4] = {10, 0, 0, 2};
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(mh_ratelimit_take(rl, a, 4, 1000), 0);
	assert_true(mh_ratelimit_take(rl, a, 4, 1000) >= 1);    /* burst spent */
	assert_int_equal(mh_ratelimit_take(rl, b, 4, 1000), 0); /* others unaffected */
	assert_int_equal(mh_ratelimit_take(rl, a, 4, 1600), 0); /* 0.6 s at 2/s: one more */
	assert_true(mh_ratelimit_take(rl, a, 4, 1600) >= 1);
	mh_ratelimit_free(rl);
	rl = mh_ratelimit_new(0, 1);
	for (i = 0; i < 100; i++)
		assert_int_equal(mh_ratelimit_take(rl, a, 4, 1000), 0);
	mh_ratelimit_free(rl);
}

/* A store with three people, one finding naming two of them. */
static struct mh_store *small_store(char *path)
{
	struct mh_err err;
	struct mh_store *s;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	s = mh_store_open(path, &err);
	assert_non_null(s);
	assert_int_equal(
	    sqlite3_exec(
	        mh_store_db(s),
	        "INSERT INTO persons(id, key, resolved, email, name, department, events)"
	        " VALUES (1, 'E1', 1, 'ann.lee@corp.example', 'Ann Lee', 'IT', 10),"
	        " (2, 'E2', 1, 'bob@corp.example', 'Bob Roe', 'Sales', 5),"
	        " (3, 'jdoe77', 0, NULL, NULL, NULL, 1);"
	        "INSERT INTO scores VALUES (2, 80, 1, '[]'), (1, 20, 1, '[]');"
	        "INSERT INTO artifacts VALUES (1, 'name', 'ALEE', 'okta', 1, 0, 0, 0, 0);"
	        "INSERT INTO findings(detector, person_id, key, origin, first_ms, last_ms, count,"
	        " points, summary, evidence) VALUES ('farm.shared_ip', 1, 'k', 0, 0, 0, 1, 30,"
	        " 'Ann Lee (ann.lee@corp.example, ALEE) shares 203.0.113.7 with bob@corp.example,"
	        " jdoe77 and x@elsewhere.example.', '[]');",
	        NULL, NULL, NULL),
	    SQLITE_OK);
	return s;
}

static void index_and_redaction(void **state)
{
	char path[] = "/tmp/mh-test-httpix-XXXXXX", wal[64];
	struct mh_store *s = small_store(path);
	unsigned char salt[MH_SHA256_LEN];
	struct mh_err err;
	struct mh_ix *ix;
	const struct mh_ix_person *ann, *bob, *jd;
	char *red;

	memset(salt, 7, sizeof(salt));
	ix = mh_ix_build(mh_store_db(s), salt, &err);
	assert_non_null(ix);
	assert_int_equal(ix->n, 3);
	assert_string_equal(ix->v[0].key, "E2"); /* ranked by score */
	assert_int_equal(ix->v[0].rank, 1);
	assert_string_equal(ix->v[1].key, "E1");
	assert_int_equal(ix->flagged, 2);
	ann = mh_ix_by_id(ix, 1);
	bob = mh_ix_by_id(ix, 2);
	jd = mh_ix_by_id(ix, 3);
	assert_non_null(ann);
	assert_ptr_equal(mh_ix_by_pseudo(ix, ann->pseudo), ann);
	assert_null(mh_ix_by_id(ix, 99));
	assert_int_equal(ann->nfindings, 1);
	/* The reason shown in the list is already redacted. */
	assert_null(strstr(ann->reasons[0].summary, "ann.lee"));
	assert_null(strstr(ann->reasons[0].summary, "Ann Lee"));
	red = mh_ix_redact(ix, ann,
	                   "Ann Lee (ann.lee@corp.example, ALEE) on LT-ann-lee with "
	                   "bob@corp.example, jdoe77 and x@elsewhere.example.");
	assert_null(strstr(red, "Ann"));
	assert_null(strstr(red, "ann"));
	assert_null(strstr(red, "ALEE"));
	assert_null(strstr(red, "bob@"));
	assert_null(strstr(red, "jdoe77"));
	assert_null(strstr(red, "elsewhere"));
	assert_non_null(strstr(red, ann->pseudo));
	assert_non_null(strstr(red, bob->pseudo));
	assert_non_null(strstr(red, jd->pseudo));
	assert_non_null(strstr(red, "[email]."));
	free(red);
	red = mh_ix_redact(ix, NULL, "nothing to hide: 203.0.113.7");
	assert_string_equal(red, "nothing to hide: 203.0.113.7");
	free(red);
	mh_ix_free(ix);
	mh_store_close(s);
	unlink(path);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	unlink(wal);
}

static void salt_is_kept(void **state)
{
	char path[] = "/tmp/mh-test-salt-XXXXXX";
	unsigned char a[MH_SHA256_LEN], b[MH_SHA256_LEN];
	struct mh_err err;
	struct mh_store *s;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	s = mh_store_open(path, &err);
	assert_int_equal(mh_pseudo_salt(mh_store_db(s), a, &err), 0);
	mh_store_close(s);
	s = mh_store_open(path, &err);
	assert_int_equal(mh_pseudo_salt(mh_store_db(s), b, &err), 0);
	assert_memory_equal(a, b, MH_SHA256_LEN);
	mh_store_close(s);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sha256_vectors),
	    cmocka_unit_test(ct_equal),
	    cmocka_unit_test(tokens_parse_and_check),
	    cmocka_unit_test(tokens_bad_lines),
	    cmocka_unit_test(token_file_mode),
	    cmocka_unit_test(bearer_header),
	    cmocka_unit_test(pseudonyms),
	    cmocka_unit_test(ratelimit),
	    cmocka_unit_test(index_and_redaction),
	    cmocka_unit_test(salt_is_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
