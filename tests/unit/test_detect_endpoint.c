/* endpoint.remote_tool, endpoint.kvm, endpoint.jiggler and their reference tables. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "config/config.h"
#include "core/people.h"
#include "core/state.h"
#include "detect/detector.h"
#include "detect/reftable.h"
#include "util/tz.h"

#define DAY_MS  86400000LL
#define T0      (20000LL * DAY_MS) /* 2024-10-04 */
#define HIRE_OK 19000              /* hired long ago */

static struct mh_roster roster;
static struct mh_people people;
static struct mh_state st;
static struct mh_findings out;

static void person(const char *id, const char *email, const char *title, int32_t hire)
{
	struct mh_roster_entry *e = mh_test_person(&roster, id, email, NULL, NULL);

	e->department = mh_strdup(title && strstr(title, "Help") ? "IT" : "Engineering");
	e->title = mh_strdup(title ? title : "Software Engineer");
	e->timezone = mh_strdup("America/Chicago");
	e->hire_day = hire;
}

static int setup(void **state)
{
	memset(&roster, 0, sizeof(roster));
	person("E1", "dev@corp.example", NULL, HIRE_OK);
	person("E2", "new@corp.example", NULL, 20000 - 10);
	person("E3", "help@corp.example", "Helpdesk Technician", HIRE_OK);
	mh_people_build(&people, &roster, NULL, NULL);
	mh_state_init(&st, &people);
	mh_findings_init(&out);
	return 0;
}

static int teardown(void **state)
{
	mh_findings_release(&out);
	mh_state_release(&st);
	mh_people_release(&people);
	mh_roster_free(&roster);
	return 0;
}

static struct mh_event proc(const char *user, const char *name, const char *exe, int64_t ts)
{
	struct mh_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ts_ms = ts;
	ev.src = MH_SRC_ECS;
	ev.kind = MH_EV_PROCESS;
	ev.user = mh_test_str(user);
	ev.host = mh_test_str("LT-1");
	ev.process = mh_test_str(name);
	ev.executable = mh_test_str(exe);
	ev.file_id = 1;
	ev.line = 10;
	return ev;
}

static struct mh_event usb(const char *user, const char *vid, const char *pid, const char *vendor,
                           const char *model)
{
	struct mh_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ts_ms = T0;
	ev.src = MH_SRC_OSQUERY;
	ev.kind = MH_EV_USB;
	ev.diff = MH_DIFF_ADDED;
	ev.user = mh_test_str(user);
	ev.usb_vendor_id = mh_test_str(vid);
	ev.usb_model_id = mh_test_str(pid);
	ev.usb_vendor = mh_test_str(vendor);
	ev.usb_model = mh_test_str(model);
	ev.file_id = 2;
	ev.line = 7;
	return ev;
}

/* Run one detector over events with an optional YAML config; out gets findings. */
static void run(const char *id, const char *yaml, const struct mh_event *evs, size_t n)
{
	const struct mh_detector *d = mh_detector_find(id);
	struct mh_config *cfg = NULL;
	struct mh_err err;
	void *ctx = NULL;
	size_t i;

	assert_non_null(d);
	if (yaml) {
		cfg = mh_config_parse("test.yaml", yaml, strlen(yaml), &err);
		if (!cfg)
			fail_msg("%s", err.msg);
	}
	assert_int_equal(d->init(&ctx, cfg, &err), 0);
	for (i = 0; i < n; i++) {
		uint32_t p = mh_state_add_event(&st, &evs[i]);

		assert_int_not_equal(p, MH_NOBODY);
		d->on_event(ctx, &evs[i], &st, p, &out);
	}
	d->free(ctx);
	mh_config_free(cfg);
}

static const struct mh_finding *find(const char *id, uint32_t person, const char *key)
{
	size_t i;

	for (i = 0; i < out.n; i++)
		if (!strcmp(out.v[i].detector, id) && out.v[i].person == person &&
		    (!key || !strcmp(out.v[i].key, key)))
			return &out.v[i];
	return NULL;
}

static void test_tables_parse(void **state)
{
	static const char *const names[] = {"remote_tools.tsv", "kvm.tsv", "jigglers.tsv"};
	struct mh_reftable t;
	struct mh_err err;
	size_t i;

	for (i = 0; i < 3; i++) {
		assert_int_equal(mh_reftable_load(&t, names[i], &err), 0);
		assert_true(t.nrows >= 5);
		assert_true(mh_reftable_col(&t, "product") == 0);
		mh_reftable_free(&t);
	}
	assert_int_equal(mh_reftable_parse(&t, "x", "a\tb\n1\t2\t3\n", 10, &err), -1);
	assert_non_null(strstr(err.msg, "x:2:"));
	assert_int_equal(mh_reftable_load(&t, "nope.tsv", &err), -1);
}

static void test_proc_key(void **state)
{
	char buf[MH_PROC_KEY_MAX + 1];
	struct mh_event ev = proc("dev", NULL, "C:\\Program Files\\AnyDesk\\AnyDesk.EXE", T0);

	assert_int_equal(mh_proc_key(&ev, buf), 7);
	assert_string_equal(buf, "anydesk");
	ev = proc("dev", NULL, "/Applications/Jiggler.app", T0);
	mh_proc_key(&ev, buf);
	assert_string_equal(buf, "jiggler");
	ev = proc("dev", "ScreenConnect Client", "/x/y", T0);
	mh_proc_key(&ev, buf);
	assert_string_equal(buf, "screenconnect client");
}

static void test_remote_tool_found(void **state)
{
	struct mh_event evs[] = {
	    proc("dev", "rustdesk.exe", "C:\\Program Files\\RustDesk\\rustdesk.exe", T0),
	    proc("dev", "rustdesk.exe", "C:\\Program Files\\RustDesk\\rustdesk.exe", T0 + 3600000),
	    proc("dev", "rustdesk.exe", "C:\\Program Files\\RustDesk\\rustdesk.exe", T0 + DAY_MS),
	    proc("dev", NULL, "/usr/bin/anydesk", T0 + DAY_MS),
	};
	const struct mh_finding *f;

	run("endpoint.remote_tool", NULL, evs, 4);
	f = find("endpoint.remote_tool", 0, "rustdesk");
	assert_non_null(f);
	assert_int_equal(f->count, 3);
	assert_int_equal(f->nev, 2); /* one per day */
	assert_int_equal(f->ev[0].line, 10);
	assert_true(f->points == 15);
	/* a second vendor is a second finding */
	assert_non_null(find("endpoint.remote_tool", 0, "anydesk"));
}

static void test_remote_tool_early(void **state)
{
	struct mh_event ev = proc("new", "AnyDesk.exe", NULL, T0);
	const struct mh_finding *f;

	run("endpoint.remote_tool", NULL, &ev, 1);
	f = find("endpoint.remote_tool", 1, "anydesk");
	assert_non_null(f);
	assert_true(f->points == 22.5);
	assert_non_null(strstr(f->summary, "first days after hire"));
}

static void test_remote_tool_lookalikes(void **state)
{
	struct mh_event evs[] = {
	    /* helpdesk staff with their tools */
	    proc("help", "TeamViewer.exe", NULL, T0),
	    proc("help", "ScreenConnect.ClientService.exe", NULL, T0),
	    /* approved product, by id, and by executable name */
	    proc("dev", "TeamViewer", NULL, T0),
	    proc("dev", "Splashtop Streamer", NULL, T0),
	    /* developer tunnels and VMs */
	    proc("dev", "ngrok.exe", NULL, T0),
	    proc("dev", "VirtualBoxVM", NULL, T0),
	};
	struct mh_event gone = proc("dev", "AnyDesk.exe", NULL, T0);

	gone.diff = MH_DIFF_REMOVED;
	run("endpoint.remote_tool",
	    "allow:\n  remote_tools: [teamviewer, SRService.exe, splashtop streamer]\n", evs, 6);
	run("endpoint.remote_tool", NULL, &gone, 1);
	assert_int_equal(out.n, 0);
}

static void test_remote_tool_allowed_host(void **state)
{
	struct mh_event ev = proc("dev", "AnyDesk.exe", NULL, T0);

	run("endpoint.remote_tool", "allow:\n  remote_tool_hosts: [lt-1]\n", &ev, 1);
	assert_int_equal(out.n, 0);
}

static void test_remote_tool_program(void **state)
{
	struct mh_event ev = proc("dev", "TeamViewer 15", NULL, T0);

	ev.kind = MH_EV_PROGRAM;
	run("endpoint.remote_tool", NULL, &ev, 1);
	assert_non_null(find("endpoint.remote_tool", 0, "teamviewer"));
}

static void test_kvm_strings(void **state)
{
	struct mh_event evs[] = {
	    usb("dev", "1d6b", "0104", "tinypilot", "Multifunction Composite Gadget"),
	    usb("new", "1209", "EDA1", "", ""),
	};
	const struct mh_finding *f;

	run("endpoint.kvm", NULL, evs, 2);
	f = find("endpoint.kvm", 0, "tinypilot");
	assert_non_null(f);
	assert_true(f->points == 20);
	assert_int_equal(f->ev[0].line, 7);
	assert_non_null(strstr(f->ev[0].text, "1d6b:0104"));
	assert_non_null(find("endpoint.kvm", 1, "pikvm"));
}

static void test_kvm_lookalikes(void **state)
{
	struct mh_event evs[] = {
	    /* a developer's Raspberry Pi gadget with the Linux defaults */
	    usb("dev", "1d6b", "0104", "Linux Foundation", "Multifunction Composite Gadget"),
	    /* a Sipeed development board, a dock, an Arduino */
	    usb("dev", "359f", "3000", "Sipeed", "Longan Nano"),
	    usb("dev", "413c", "b06e", "Dell Computer Corp.", "Dell dock"),
	    usb("dev", "2341", "0043", "Arduino SA", "Uno R3 (CDC ACM)"),
	};
	struct mh_event gone = usb("new", "1d6b", "0104", "PiKVM", "PiKVM Composite Device");

	gone.diff = MH_DIFF_REMOVED;
	run("endpoint.kvm", NULL, evs, 4);
	run("endpoint.kvm", NULL, &gone, 1);
	assert_int_equal(out.n, 0);
	/* the generic id scores only when configured to */
	run("endpoint.kvm", "detectors:\n  endpoint.kvm:\n    generic_points: 3\n", evs, 1);
	assert_non_null(find("endpoint.kvm", 0, "generic_gadget"));
	assert_true(find("endpoint.kvm", 0, "generic_gadget")->points == 3);
}

static void test_jiggler(void **state)
{
	struct mh_event evs[] = {
	    proc("dev", "MouseJiggler.exe", NULL, T0),
	    proc("new", "caffeine", "/usr/bin/caffeine", T0),
	    usb("help", "1a86", "e026", "WCH", "USB Mouse Jiggler"),
	};

	run("endpoint.jiggler", NULL, evs, 3);
	assert_true(find("endpoint.jiggler", 0, "mouse_jiggler")->points == 8);
	assert_true(find("endpoint.jiggler", 1, "caffeine")->points == 4);
	assert_non_null(find("endpoint.jiggler", 2, "usb_jiggler"));
}

static void test_jiggler_lookalikes(void **state)
{
	struct mh_event evs[] = {
	    usb("dev", "046d", "c52b", "Logitech, Inc.", "Unifying Receiver"),
	    proc("dev", "PowerToys.exe", NULL, T0),
	    proc("dev", "caffeinate", "/usr/bin/caffeinate", T0),
	};

	run("endpoint.jiggler", NULL, evs, 3);
	assert_int_equal(out.n, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_tables_parse),           T(test_proc_key),
	    T(test_remote_tool_found),      T(test_remote_tool_early),
	    T(test_remote_tool_lookalikes), T(test_remote_tool_allowed_host),
	    T(test_remote_tool_program),    T(test_kvm_strings),
	    T(test_kvm_lookalikes),         T(test_jiggler),
	    T(test_jiggler_lookalikes),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	mh_tz_cache_clear();
	return rc;
}
