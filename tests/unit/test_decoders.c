/* Decoders against vendor-documented fixtures (tests/data/vendor: zero
 * rejects, specific values) and the public Panther samples in ../shared/data
 * (every record decodes or is skipped with a reason; never an error). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "ingest_capture.h"
#include "ingest/decoder.h"
#include "util/ip.h"

#define VENDOR  "tests/data/vendor/"
#define PANTHER "../shared/data/panther/"

static void load(struct capture *c, const char *file, const char *want_format, size_t want_events)
{
	struct mh_ingest_stats st;
	struct mh_err err = {0};

	memset(c, 0, sizeof(*c));
	if (cap_ingest(c, file, NULL, 1, &st, &err) != 0)
		fail_msg("%s: %s", file, err.msg);
	cap_print_rejects(c);
	assert_int_equal(st.rejected, 0);
	assert_int_equal(c->nrej, 0);
	assert_int_equal(st.skipped, 0);
	assert_string_equal(st.format, want_format);
	assert_int_equal(c->n, want_events);
	assert_int_equal(st.events, want_events);
}

static void ip_is(const struct mh_ip *ip, const char *text)
{
	char buf[64];

	mh_ip_format(ip, buf, sizeof(buf));
	assert_string_equal(buf, text);
}

static void test_okta(void **state)
{
	struct capture c;

	(void)state;
	load(&c, VENDOR "okta.jsonl", "okta", 3);
	assert_int_equal(c.v[0].ev.kind, MH_EV_SIGNIN);
	assert_int_equal(c.v[0].ev.outcome, MH_OUT_SUCCESS);
	assert_int_equal(c.v[0].ev.ts_ms, 1709301731123LL);
	assert_string_equal(c.v[0].user, "alice@example.com");
	ip_is(&c.v[0].ev.ip, "203.0.113.10");
	assert_string_equal(c.v[0].country, "United States");
	assert_string_equal(c.v[0].city, "Austin");
	assert_int_equal(c.v[0].ev.asn, 7922);
	assert_string_equal(c.v[0].as_org, "comcast cable communications  llc");
	assert_int_equal(c.v[0].ev.is_proxy, 0);
	assert_string_equal(c.v[0].mfa,
	                    "6f7e0ac1d5b5e8a3c0f1e2d3c4b5a6978877665544332211ffeeddccbbaa9988");
	assert_true(strncmp(c.v[0].ua, "Mozilla/5.0 (Windows NT 10.0", 28) == 0);
	assert_int_equal(c.v[0].ev.line, 1);
	assert_int_equal(c.v[0].ev.file_id, 7);
	assert_int_equal(c.v[0].ev.src, MH_SRC_OKTA);

	assert_int_equal(c.v[1].ev.kind, MH_EV_SIGNIN);
	assert_int_equal(c.v[1].ev.outcome, MH_OUT_FAILURE);
	assert_int_equal(c.v[1].ev.is_proxy, 1);
	assert_string_equal(c.v[1].mfa, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
	assert_string_equal(c.v[1].as_org, "m247 europe srl");

	assert_int_equal(c.v[2].ev.kind, MH_EV_AUTH);
	assert_string_equal(c.v[2].action, "user.mfa.factor.update");
	assert_string_equal(c.v[2].host, "ALICE-LAPTOP");
	assert_string_equal(c.v[2].as_org, "comcast cable communications  llc");
	assert_int_equal(c.v[2].ev.line, 3);
	cap_free(&c);
}

static void test_entra_graph_array(void **state)
{
	struct capture c;

	(void)state;
	load(&c, VENDOR "entra_graph.json", "entra", 2);
	assert_int_equal(c.v[0].ev.kind, MH_EV_SIGNIN);
	assert_int_equal(c.v[0].ev.outcome, MH_OUT_SUCCESS);
	assert_string_equal(c.v[0].user, "carol@contoso.com");
	assert_string_equal(c.v[0].country, "US");
	assert_string_equal(c.v[0].city, "Redmond");
	assert_string_equal(c.v[0].host, "CAROL-PC");
	assert_string_equal(c.v[0].action, "Graph Explorer");
	assert_int_equal(c.v[0].ev.asn, 8075);
	assert_int_equal(c.v[0].ev.ts_ms, 1709284542000LL);
	assert_int_equal(c.v[0].ev.line, 2);
	ip_is(&c.v[0].ev.ip, "203.0.113.45");
	assert_int_equal(c.v[1].ev.outcome, MH_OUT_FAILURE);
	assert_int_equal(c.v[1].ev.ts_ms, 1709284803551LL);
	assert_string_equal(c.v[1].country, "KP");
	assert_string_equal(c.v[1].host, "");
	ip_is(&c.v[1].ev.ip, "2001:db8:85a3::8a2e:370:7334");
	assert_int_equal(c.v[1].ev.line, 21);
	cap_free(&c);
}

static void test_entra_diag(void **state)
{
	struct capture c;

	(void)state;
	load(&c, VENDOR "entra_diag.jsonl", "entra_diag", 3);
	assert_int_equal(c.v[0].ev.kind, MH_EV_SIGNIN);
	assert_int_equal(c.v[0].ev.outcome, MH_OUT_SUCCESS);
	assert_string_equal(c.v[0].user, "erin@contoso.com");
	assert_string_equal(c.v[0].city, "Chicago");
	assert_int_equal(c.v[0].ev.asn, 7018);
	assert_int_equal(c.v[0].ev.ts_ms, 1709287201123LL);
	assert_true(strstr(c.v[0].ua, "Firefox/122.0") != NULL);
	assert_int_equal(c.v[1].ev.kind, MH_EV_SIGNIN);
	assert_int_equal(c.v[1].ev.outcome, MH_OUT_FAILURE); /* resultType 50074 */
	assert_string_equal(c.v[1].country, "CN");
	assert_int_equal(c.v[1].ev.asn, 4837);
	assert_string_equal(c.v[1].action, "Microsoft Teams");
	assert_int_equal(c.v[2].ev.kind, MH_EV_AUTH);
	assert_string_equal(c.v[2].user, "admin@contoso.com");
	assert_string_equal(c.v[2].action, "Update user");
	ip_is(&c.v[2].ev.ip, "203.0.113.7");
	cap_free(&c);
}

static void test_ecs(void **state)
{
	struct capture c;

	(void)state;
	load(&c, VENDOR "ecs_nested.jsonl", "ecs", 4);
	assert_int_equal(c.v[0].ev.kind, MH_EV_PROCESS);
	assert_int_equal(c.v[0].ev.move, MH_MOVE_NONE);
	assert_string_equal(c.v[0].user, "alice");
	assert_string_equal(c.v[0].host, "ALICE-LAPTOP");
	assert_string_equal(c.v[0].process, "AnyDesk.exe");
	assert_string_equal(c.v[0].exe, "C:\\Users\\alice\\Downloads\\AnyDesk.exe");
	assert_string_equal(c.v[0].cmd, "\"C:\\Users\\alice\\Downloads\\AnyDesk.exe\" --control");
	assert_int_equal(c.v[1].ev.move, MH_MOVE_ARCHIVE);
	assert_int_equal(c.v[2].ev.kind, MH_EV_FILE);
	assert_int_equal(c.v[2].ev.move, MH_MOVE_USB_WRITE);
	assert_int_equal(c.v[2].ev.bytes, 5242880);
	assert_int_equal(c.v[3].ev.kind, MH_EV_NETWORK);
	assert_int_equal(c.v[3].ev.move, MH_MOVE_UPLOAD);
	assert_int_equal(c.v[3].ev.bytes, 73400320);
	assert_string_equal(c.v[3].dest, "uploads.example.net");
	ip_is(&c.v[3].ev.ip, "10.1.2.3");
	cap_free(&c);

	load(&c, VENDOR "ecs_dotted.jsonl", "ecs", 4);
	assert_int_equal(c.v[0].ev.kind, MH_EV_PROCESS);
	assert_int_equal(c.v[0].ev.move, MH_MOVE_ARCHIVE);
	assert_string_equal(c.v[0].process, "tar");
	assert_string_equal(c.v[0].user, "bob");
	assert_string_equal(c.v[0].host, "bob-mbp");
	assert_int_equal(c.v[1].ev.move, MH_MOVE_USB_WRITE);
	assert_string_equal(c.v[1].path, "/Volumes/KINGSTON/repo.tgz");
	assert_int_equal(c.v[2].ev.move, MH_MOVE_NONE); /* system volume */
	assert_int_equal(c.v[3].ev.move, MH_MOVE_NONE); /* private destination */
	assert_int_equal(c.v[3].ev.bytes, 52428800);
	assert_int_equal(c.v[0].ev.ts_ms, 1709370000000LL);
	cap_free(&c);
}

static void test_osquery(void **state)
{
	struct capture c;

	(void)state;
	load(&c, VENDOR "osquery.jsonl", "osquery", 6);
	assert_int_equal(c.v[0].ev.kind, MH_EV_USB);
	assert_int_equal(c.v[0].ev.diff, MH_DIFF_ADDED);
	assert_string_equal(c.v[0].usb_vid, "1d6b");
	assert_string_equal(c.v[0].usb_pid, "0104");
	assert_string_equal(c.v[0].usb_vendor, "Linux Foundation");
	assert_string_equal(c.v[0].usb_model, "PiKVM Composite Device");
	assert_string_equal(c.v[0].usb_serial, "CAFEBABE");
	assert_string_equal(c.v[0].host, "C02XK1ABJGH5");
	assert_string_equal(c.v[0].user, "");
	assert_string_equal(c.v[0].action, "pack_hardware_usb_devices");
	assert_int_equal(c.v[0].ev.ts_ms, 1709373600000LL);
	assert_int_equal(c.v[1].ev.kind, MH_EV_PROCESS);
	assert_string_equal(c.v[1].process, "TeamViewer");
	assert_string_equal(c.v[1].user, "carol"); /* decorations.username */
	assert_string_equal(c.v[1].exe, "/Applications/TeamViewer.app/Contents/MacOS/TeamViewer");
	assert_int_equal(c.v[2].ev.kind, MH_EV_PROGRAM);
	assert_int_equal(c.v[2].ev.diff, MH_DIFF_SNAPSHOT);
	assert_string_equal(c.v[2].process, "AnyDesk");
	assert_int_equal(c.v[2].ev.ts_ms, 1709373720000LL);
	assert_int_equal(c.v[3].ev.kind, MH_EV_PROGRAM);
	assert_string_equal(c.v[3].process, "Mouse Jiggler");
	assert_int_equal(c.v[3].ev.line, 3);
	assert_int_equal(c.v[4].ev.diff, MH_DIFF_REMOVED);
	assert_int_equal(c.v[5].ev.kind, MH_EV_OTHER);
	assert_string_equal(c.v[5].user, "carol");
	assert_int_equal(c.v[5].ev.diff, MH_DIFF_ADDED);
	cap_free(&c);
}

static void test_github(void **state)
{
	struct capture c;

	(void)state;
	load(&c, VENDOR "github.jsonl", "github", 4);
	assert_int_equal(c.v[0].ev.kind, MH_EV_CODE);
	assert_int_equal(c.v[0].ev.move, MH_MOVE_CLONE);
	assert_int_equal(c.v[0].ev.ts_ms, 1709460000000LL);
	assert_string_equal(c.v[0].user, "octocat-dev");
	assert_string_equal(c.v[0].repo, "example-org/payments-service");
	assert_string_equal(c.v[0].country, "SG");
	assert_string_equal(c.v[0].ua, "git/2.43.0");
	ip_is(&c.v[0].ev.ip, "198.51.100.88");
	assert_int_equal(c.v[1].ev.move, MH_MOVE_DOWNLOAD);
	assert_int_equal(c.v[2].ev.move, MH_MOVE_NONE);
	assert_string_equal(c.v[2].action, "git.push");
	assert_int_equal(c.v[3].ev.ts_ms, 1709461200000LL);
	cap_free(&c);
}

struct tally {
	char reason[32][160];
	unsigned count[32];
	size_t n;
};

static void tally_add(struct tally *t, const char *why)
{
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->reason[i], why) == 0) {
			t->count[i]++;
			return;
		}
	}
	if (t->n < 32) {
		snprintf(t->reason[t->n], sizeof(t->reason[0]), "%s", why);
		t->count[t->n++] = 1;
	}
}

/* known_bad: lines of the sample that are malformed in the source data itself
 * (0-terminated). Each must be rejected, naming the line and the field. */
static void panther_file(const char *name, const char *format, uint64_t min_events,
                         const uint64_t *known_bad, const char *bad_reason)
{
	char path[256];
	struct capture c;
	struct mh_ingest_stats st;
	struct mh_err err = {0};
	struct tally t = {0};
	struct stat sb;

	snprintf(path, sizeof(path), PANTHER "%s", name);
	if (stat(path, &sb) != 0)
		fail_msg("%s is missing: the Panther samples live in ../shared/data (see its "
		         "README); run the tests from the repository root of a full checkout",
		         path);
	memset(&c, 0, sizeof(c));
	if (cap_ingest(&c, path, NULL, 1, &st, &err) != 0)
		fail_msg("%s: %s", path, err.msg);
	cap_print_rejects(&c);
	for (size_t i = 0; i < c.nskip && i < 256; i++)
		tally_add(&t, c.skips[i]);
	fprintf(stderr, "%s: %llu records, %llu events, %llu skipped, %llu rejected (%s)\n", name,
	        (unsigned long long)st.records, (unsigned long long)st.events,
	        (unsigned long long)st.skipped, (unsigned long long)st.rejected, st.format);
	for (size_t i = 0; i < t.n; i++)
		fprintf(stderr, "  %4u  %s\n", t.count[i], t.reason[i]);
	assert_string_equal(st.format, format);
	size_t nbad = 0;
	while (known_bad && known_bad[nbad])
		nbad++;
	assert_int_equal(st.rejected, nbad);
	for (size_t i = 0; i < nbad; i++) {
		char want[512];

		snprintf(want, sizeof(want), "%s:%llu: %s", path, (unsigned long long)known_bad[i],
		         bad_reason);
		assert_string_equal(c.rejects[i], want);
	}
	assert_int_equal(st.records, st.lines);
	assert_int_equal(st.records, c.nskip + c.nrej + (st.records - st.skipped - st.rejected));
	assert_int_equal(st.skipped, c.nskip);
	assert_true(st.events >= min_events);
	cap_free(&c);
}

static void test_panther(void **state)
{
	(void)state;
	/* Four rule tests in the GitHub sample carry "created_at": "2024-12-17
	 * 00:00:00000000" (seconds run into the fraction without a '.'): not a
	 * timestamp, so they must be rejected, not guessed at. */
	static const uint64_t github_bad[] = {55, 56, 58, 59, 0};

	panther_file("okta.jsonl", "okta", 60, NULL, NULL);
	panther_file("github_audit.jsonl", "github", 70, github_bad,
	             "field 'created_at' is not a timestamp");
	panther_file("azure_signin_audit.jsonl", "entra_diag", 40, NULL, NULL);
	/* The osquery rule tests mostly omit unixTime: skipped, with that reason. */
	panther_file("osquery_differential.jsonl", "osquery", 0, NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_okta),       cmocka_unit_test(test_entra_graph_array),
	    cmocka_unit_test(test_entra_diag), cmocka_unit_test(test_ecs),
	    cmocka_unit_test(test_osquery),    cmocka_unit_test(test_github),
	    cmocka_unit_test(test_panther),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
