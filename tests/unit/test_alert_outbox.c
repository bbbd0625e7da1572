/* The alert outbox: staging commits and rolls back with the scan, delivery
 * hands each sink its rows in order, keeps what a sink did not take, trims,
 * and counts rows of sinks not configured. Sinks here are fakes. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "alert/alert.h"
#include "alert/sinks_priv.h"
#include "store/store.h"
#include "store/store_alerts.h"

struct fake {
	size_t take; /* accept this many per call, then fail; (size_t)-1 = all */
	char got[64][16];
	size_t ngot, calls;
};

static int fake_send(void *ctx, const char *const *alerts, size_t n, size_t *done,
                     struct mh_err *err)
{
	struct fake *f = ctx;
	size_t i;

	f->calls++;
	for (i = 0; i < n && i < f->take && f->ngot < 64; i++)
		snprintf(f->got[f->ngot++], sizeof(f->got[0]), "%s", alerts[i]);
	*done = i;
	return i < n ? mh_err_set(err, MH_EIO, "fake refused after %zu", i) : 0;
}

static char dbpath[64];
static struct mh_store *store;

static int setup(void **state)
{
	struct mh_err err;
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/mh-test-outbox-XXXXXX");
	fd = mkstemp(dbpath);
	close(fd);
	unlink(dbpath);
	store = mh_store_open(dbpath, &err);
	return store ? 0 : -1;
}

static int teardown(void **state)
{
	char p[80];

	mh_store_close(store);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static void add_sink(struct mh_alert_sinks *s, const char *key, struct fake *f)
{
	struct mh_alert_sink *k = &s->v[s->n++];

	memset(k, 0, sizeof(*k));
	k->key = key;
	snprintf(k->name, sizeof(k->name), "%s test", key);
	k->ctx = f;
	k->send = fake_send;
}

static void stage(const struct mh_alert_sinks *s, int from, int to, int commit)
{
	struct mh_err err;
	char text[16];
	int i;

	assert_int_equal(mh_store_begin(store, &err), 0);
	for (i = from; i < to; i++) {
		snprintf(text, sizeof(text), "a%d", i);
		assert_int_equal(mh_alert_stage(store, s, text, &err), 0);
	}
	if (commit)
		assert_int_equal(mh_store_commit(store, &err), 0);
	else
		mh_store_rollback(store);
}

static FILE *devnull(void)
{
	FILE *f = fopen("/dev/null", "w");

	assert_non_null(f);
	return f;
}

static void test_rollback_stages_nothing(void **state)
{
	struct mh_alert_sinks s = {.n = 0, .max_age_ms = 86400000, .keep = 1000};
	struct fake a = {(size_t)-1, {{0}}, 0, 0};
	struct mh_err err;

	add_sink(&s, "jsonl", &a);
	stage(&s, 0, 3, 0);
	assert_int_equal(mh_alert_pending(store, &err), 0);
	stage(&s, 0, 3, 1);
	assert_int_equal(mh_alert_pending(store, &err), 3);
}

static void test_failed_sink_keeps_the_rest_in_order(void **state)
{
	struct mh_alert_sinks s = {.n = 0, .max_age_ms = 86400000, .keep = 1000};
	struct fake ok = {(size_t)-1, {{0}}, 0, 0}, flaky = {2, {{0}}, 0, 0};
	struct mh_alert_report r;
	struct mh_err err;
	FILE *log = devnull();

	add_sink(&s, "jsonl", &ok);
	add_sink(&s, "webhook", &flaky);
	stage(&s, 0, 5, 1);
	memset(&r, 0, sizeof(r));
	mh_alert_deliver(store, &s, log, &r);
	assert_int_equal(r.sink[0].delivered, 5);
	assert_int_equal(r.sink[0].pending, 0);
	assert_string_equal(r.sink[0].error, "");
	assert_int_equal(r.sink[1].delivered, 2);
	assert_int_equal(r.sink[1].pending, 3);
	assert_string_equal(r.sink[1].error, "fake refused after 2");
	assert_string_equal(flaky.got[1], "a1");

	/* The next run: earlier leftovers first, then the new ones. */
	stage(&s, 5, 7, 1);
	flaky.take = (size_t)-1;
	memset(&r, 0, sizeof(r));
	mh_alert_deliver(store, &s, log, &r);
	assert_int_equal(r.sink[0].delivered, 2);
	assert_int_equal(r.sink[1].delivered, 5);
	assert_int_equal(r.sink[1].pending, 0);
	assert_int_equal(flaky.ngot, 7);
	assert_string_equal(flaky.got[2], "a2");
	assert_string_equal(flaky.got[4], "a4");
	assert_string_equal(flaky.got[6], "a6");
	assert_int_equal(mh_alert_pending(store, &err), 0);
	fclose(log);
}

static void test_orphans_and_trim(void **state)
{
	struct mh_alert_sinks both = {.n = 0, .max_age_ms = 86400000, .keep = 1000};
	struct mh_alert_sinks one = {.n = 0, .max_age_ms = 86400000, .keep = 2};
	struct fake a = {(size_t)-1, {{0}}, 0, 0}, b = {0, {{0}}, 0, 0};
	struct mh_alert_report r;
	struct mh_err err;
	FILE *log = devnull();

	add_sink(&both, "jsonl", &a);
	add_sink(&both, "syslog", &b);
	add_sink(&one, "jsonl", &a);
	stage(&both, 0, 5, 1);
	/* syslog is not configured now: its 5 rows are orphans, trimmed to
	 * keep = 2; jsonl delivers all 5 (trimmed to 2 first). */
	memset(&r, 0, sizeof(r));
	mh_alert_deliver(store, &one, log, &r);
	assert_int_equal(r.sink[0].dropped, 3);
	assert_int_equal(r.sink[0].delivered, 2);
	assert_string_equal(a.got[0], "a3"); /* the oldest went first */
	assert_int_equal(r.dropped, 3);
	assert_int_equal(r.orphaned, 2);
	assert_int_equal(b.calls, 0);
	assert_int_equal(mh_alert_pending(store, &err), 2);
	fclose(log);
}

static void test_trim_by_age(void **state)
{
	struct mh_err err;
	int64_t dropped = -1;

	assert_int_equal(mh_store_outbox_add(store, "jsonl", "old", 1000, &err), 0);
	assert_int_equal(mh_store_outbox_add(store, "jsonl", "new", 5000, &err), 0);
	assert_int_equal(mh_store_outbox_trim(store, "jsonl", 2000, 100, &dropped, &err), 0);
	assert_int_equal(dropped, 1);
	assert_int_equal(mh_alert_pending(store, &err), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_rollback_stages_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failed_sink_keeps_the_rest_in_order, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_orphans_and_trim, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_trim_by_age, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
