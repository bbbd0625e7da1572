/* extortion/attrib*.c and docmatch.c: ranking by coverage, exclusivity and
 * timing; links from Received IPs and sender addresses; evidence first seen
 * after the message ignored; indexed documents found from excerpts. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/people.h"
#include "core/state.h"
#include "ext_archive.h"
#include "extortion/attrib.h"
#include "extortion/leak.h"
#include "extortion/mime.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "util/ip.h"

#define DAY  86400000LL
#define D(y) ((int64_t)(y)*DAY) /* days since the epoch */

/* 2024-11-12 = day 20039 */
static const char roster_csv[] = "employee_id,email,name,termination_date,personal_email\n"
                                 "E1,alice@acme.example,Alice,2024-11-12,alice.p@gmail.com\n"
                                 "E2,bob@acme.example,Bob,,\n"
                                 "E3,carol@acme.example,Carol,,\n"
                                 "E4,dave@acme.example,Dave,2024-06-01,\n";

static const char file_a[] = "package main\n\nfunc main() { ledger.Run(\"prod\") }\n";
static const char file_b[] = "# Ledger core\nInternal posting engine. Do not share.\n";
static const char file_c[] = "Runbook: rotate the signing keys every ninety days.\n";

static char dbpath[64];
static struct mh_store *st;

static void ev(struct mh_state *s, const char *user, int64_t ts, int move, const char *repo,
               const char *path, const char *hash, const char *ip)
{
	struct mh_event e;

	memset(&e, 0, sizeof(e));
	e.user = mh_test_str(user);
	e.ts_ms = ts;
	e.kind = ip ? MH_EV_SIGNIN : MH_EV_FILE;
	e.src = ip ? MH_SRC_OKTA : MH_SRC_ECS;
	e.move = (uint8_t)move;
	e.repo = mh_test_str(repo);
	e.path = mh_test_str(path);
	e.file_hash = mh_test_str(hash);
	e.file_id = 1;
	e.line = 7;
	if (ip)
		assert_int_equal(mh_ip_parse(ip, strlen(ip), &e.ip), 0);
	mh_state_add_event(s, &e);
}

static int setup(void **state)
{
	struct mh_roster r;
	struct mh_people pp;
	struct mh_state full, delta;
	struct mh_err err;
	char hc[65], ha[65];
	uint32_t map[16];
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/mh-test-attrib-XXXXXX");
	fd = mkstemp(dbpath);
	close(fd);
	unlink(dbpath);
	memset(&r, 0, sizeof(r));
	assert_int_equal(
	    mh_roster_parse_mem(&r, "roster.csv", roster_csv, strlen(roster_csv), NULL, NULL, &err),
	    0);
	mh_people_build(&pp, &r, NULL, NULL);
	mh_state_init(&full, &pp);
	mh_state_init(&delta, &pp);
	mh_sha256_hexof(file_c, strlen(file_c), hc);
	mh_sha256_hexof(file_a, strlen(file_a), ha);
	/* Alice: cloned the repository and copied main.go to USB days before her
	 * termination; signs in from the IP the message came through */
	ev(&delta, "alice@acme.example", D(20038), MH_MOVE_CLONE, "acme/ledger-core", NULL, NULL,
	   NULL);
	ev(&delta, "alice@acme.example", D(20038) + 5000, MH_MOVE_USB_WRITE, NULL,
	   "E:\\ledger-core\\src\\main.go", NULL, NULL);
	ev(&delta, "alice@acme.example", D(20041), 0, NULL, NULL, NULL, "203.0.113.50");
	/* Bob: a colleague who cloned the repository; his hash of main.go is
	 * first seen after the message and must not count */
	ev(&delta, "bob@acme.example", D(20000), MH_MOVE_CLONE, "acme/ledger-core", NULL, NULL,
	   NULL);
	ev(&delta, "bob@acme.example", D(20050), MH_MOVE_UPLOAD, NULL, "/home/bob/x.go", ha, NULL);
	ev(&delta, "bob@acme.example", D(20040), 0, NULL, NULL, NULL, "198.51.100.9");
	/* Carol: a file of the same name only */
	ev(&delta, "carol@acme.example", D(20030), MH_MOVE_DOWNLOAD, NULL,
	   "/home/carol/Downloads/README.md", NULL, NULL);
	/* Dave: left in June with the runbook, byte for byte */
	ev(&delta, "dave@acme.example", D(19870), MH_MOVE_USB_WRITE, NULL, "/media/usb/runbook.txt",
	   hc, NULL);
	mh_state_merge(&full, &delta, map);
	st = mh_store_open(dbpath, &err);
	assert_non_null(st);
	assert_int_equal(mh_store_begin(st, &err), 0);
	assert_int_equal(
	    mh_store_put_roster(st, "roster.csv", roster_csv, strlen(roster_csv), &err), 0);
	assert_int_equal(mh_store_save_state(st, &full, &delta, map, &err), 0);
	assert_int_equal(mh_store_commit(st, &err), 0);
	mh_state_release(&delta);
	mh_state_release(&full);
	mh_people_release(&pp);
	mh_roster_free(&r);
	return 0;
}

static int teardown(void **state)
{
	char p[96];

	mh_store_close(st);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static const char message[] =
    "Received: from [203.0.113.50] (unknown [203.0.113.50]) by relay.example;"
    " Fri, 15 Nov 2024 02:59:59 +0000\r\n"
    "From: <team@proton.me>\r\n"
    "Reply-To: <Alice.P@gmail.com>\r\n"
    "Date: Fri, 15 Nov 2024 03:00:00 +0000\r\n"
    "Subject: pay\r\n\r\nPay.\r\n";

static const struct mh_candidate *find(const struct mh_attrib *a, const char *key, size_t *rank)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->c[i].key && !strcmp(a->c[i].key, key)) {
			if (rank)
				*rank = i + 1;
			return &a->c[i];
		}
	return NULL;
}

static int has_reason(const struct mh_candidate *c, const char *part)
{
	size_t i;

	for (i = 0; i < c->nreasons; i++)
		if (strstr(c->reasons[i], part))
			return 1;
	return 0;
}

static void build_leak(struct mh_leak *L)
{
	struct t_entry e[] = {{"ledger-core/src/main.go", file_a, strlen(file_a)},
	                      {"ledger-core/README.md", file_b, strlen(file_b)},
	                      {"ledger-core/docs/runbook.txt", file_c, strlen(file_c)}};
	struct mh_err err;
	size_t n;
	unsigned char *z = mk_archive(T_ZIP, e, 3, &n);

	mh_leak_init(L);
	assert_int_equal(
	    mh_leak_add(L, "m.eml: attachment sample.zip", "sample.zip", "attachment", z, n, &err),
	    0);
	free(z);
	assert_int_equal(L->n, 4);
	assert_int_equal(L->nrefusals, 0);
}

static void test_ranking(void **state)
{
	struct mh_leak L;
	struct mh_mail m;
	struct mh_attrib a;
	struct mh_err err;
	const struct mh_candidate *alice, *bob, *carol, *dave;
	size_t ra, rb, rc, rd, i;

	build_leak(&L);
	assert_int_equal(mh_mail_parse("m.eml", message, strlen(message), &m, &err), 0);
	assert_int_equal(mh_attrib_run(st, &L, &m, m.date_ms, &a, &err), 0);
	assert_int_equal(a.leaves, 3);
	alice = find(&a, "E1", &ra);
	bob = find(&a, "E2", &rb);
	carol = find(&a, "E3", &rc);
	dave = find(&a, "E4", &rd);
	assert_non_null(alice);
	assert_non_null(bob);
	assert_non_null(carol);
	assert_non_null(dave);
	assert_int_equal(ra, 1);
	assert_true(alice->score > dave->score && dave->score > bob->score &&
	            bob->score > carol->score);
	assert_int_equal(alice->nhits, 3);
	assert_string_equal(alice->hits[0].how, "path"); /* main.go over USB */
	assert_string_equal(alice->hits[1].how, "repository");
	assert_int_equal(alice->timing, 1.0);
	assert_int_equal(alice->nlinks, 2); /* the Received IP and the Reply-To */
	assert_true(has_reason(alice, "3 of 3 leaked files (100%)"));
	assert_true(has_reason(alice, "terminated 2024-11-12, 3 days before the message"));
	assert_true(has_reason(alice, "Received-chain IP 203.0.113.50"));
	assert_true(has_reason(alice, "reply-to alice.p@gmail.com is their personal e-mail"));
	/* Bob's hash was first seen after the message: only the clone counts */
	for (i = 0; i < bob->nhits; i++)
		assert_string_equal(bob->hits[i].how, "repository");
	assert_true(has_reason(bob, "still employed"));
	assert_int_equal(dave->nhits, 1);
	assert_string_equal(dave->hits[0].how, "sha256");
	assert_int_equal(dave->exclusive, 1);
	assert_int_equal(carol->nhits, 1);
	assert_string_equal(carol->hits[0].how, "file name");
	mh_attrib_release(&a);
	mh_mail_release(&m);
	mh_leak_release(&L);
}

static void test_documents(void **state)
{
	static const char doc[] =
	    "Incident 2291 postmortem. The ledger retry budget was raised to five attempts after "
	    "the payments outage; owners are the ledger-core team and the on-call rotation. "
	    "Follow-ups: alert on posting latency, rotate the HMAC signing key, and document the "
	    "legacy currency table before Q3.";
	static const char other[] = "Team offsite agenda: roadmap, hiring plan, budget review, "
	                            "and a dinner on Thursday evening at the usual place.";
	/* the excerpt, re-wrapped and re-cased, as pasted into a message body */
	static const char excerpt[] = "the LEDGER retry budget was raised to five attempts\n"
	                              "after the payments outage;   owners are the ledger-core "
	                              "team and the on-call rotation.";
	struct mh_fps f1 = {NULL, 0, 0}, f2 = {NULL, 0, 0};
	struct mh_leak L;
	struct mh_err err;
	char h1[65], h2[65];

	mh_winnow(doc, strlen(doc), &f1);
	mh_fps_finish(&f1);
	mh_winnow(other, strlen(other), &f2);
	mh_fps_finish(&f2);
	mh_sha256_hexof(doc, strlen(doc), h1);
	mh_sha256_hexof(other, strlen(other), h2);
	assert_int_equal(mh_store_doc_put(st, "wiki/ledger-core/postmortem-2291.md", "acme/wiki",
	                                  h1, strlen(doc), &f1, 1, &err),
	                 0);
	assert_int_equal(
	    mh_store_doc_put(st, "wiki/offsite.md", NULL, h2, strlen(other), &f2, 1, &err), 0);
	mh_leak_init(&L);
	mh_leak_add_body(&L, "part 1", excerpt, strlen(excerpt));
	mh_leak_add(&L, "m.eml: attachment pm.md", "pm.md", "attachment", doc, strlen(doc), &err);
	assert_int_equal(mh_leak_match_docs(st, &L, &err), 0);
	assert_int_equal(L.v[0].ndocs, 1);
	assert_string_equal(L.v[0].docs[0].path, "wiki/ledger-core/postmortem-2291.md");
	assert_true(L.v[0].docs[0].score > 0.9); /* every fingerprint of the excerpt */
	assert_int_equal(L.v[1].ndocs, 1);       /* same bytes: found by SHA-256 */
	assert_true(L.v[1].docs[0].score == 1.0);
	mh_leak_release(&L);
	mh_fps_release(&f1);
	mh_fps_release(&f2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ranking),
	    cmocka_unit_test(test_documents),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
