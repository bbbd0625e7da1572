/*
 * endpoint.remote_tool: remote-control software running on a company device.
 *
 * What it catches: a laptop kept at a "laptop farm" is driven from abroad
 * through remote-control software (AnyDesk, RustDesk, Chrome Remote Desktop,
 * TeamViewer, ...), installed on the company device the worker never sees.
 *
 * Evidence: process starts (ECS process, osquery processes) whose name or
 * executable basename is in data/remote_tools.tsv, and installed programs
 * (osquery programs) whose name starts with a product's display name. One
 * finding per (person, product), so two vendors make two findings: a second
 * remote-control product on one device is rarer and stronger. Evidence keeps
 * the first sighting of each day (up to MH_EVIDENCE_MAX).
 *
 * Thresholds: one sighting is enough (these tools do not start by accident),
 * but the points are moderate because honest people receive remote support
 * sessions too; the detector exists to corroborate hours and sign-in
 * signals. Within first_days of the hire date the points are multiplied by
 * early_factor: a farm installs its tool when the laptop arrives, while an
 * established employee's one-off support session comes later.
 *
 * Benign look-alikes: helpdesk staff run the approved remote-support tools
 * every day (allow.remote_tools by product id or executable name,
 * allow.remote_tool_hosts for jump hosts, and people whose department or
 * title names a support role, support_roles, are not flagged); developers'
 * tunnels (ngrok) and VMs are not remote-control products and are not in the
 * table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "detect/reftable.h"
#include "util/xalloc.h"

#define ID "endpoint.remote_tool"

static const struct mh_param params[] = {
    {"first_days", MH_P_NUM, 30, 0, 3650, "days after hire during which findings count more"},
    {"early_factor", MH_P_NUM, 1.5, 1, 10, "points multiplier within first_days of hire"},
    {"support_roles", MH_P_LIST, 0, 0, 0,
     "department/title words of staff who use remote tools as their job (default: IT, "
     "helpdesk, desktop support, systems administrator)"},
    {NULL, 0, 0, 0, 0, NULL},
};

static const char *const default_roles[] = {
    "helpdesk",     "help desk", "it support", "desktop support", "systems administrator",
    "service desk", NULL,
};

struct ctx {
	struct mh_reftable t;
	struct mh_nameset exe;
	int c_product, c_vendor, c_programs;
	uint8_t *allowed; /* per row */
	const char *const *hosts;
	size_t nhosts;
	const struct mh_config *cfg;
	double points, first_days, early_factor;
};

static void mark_allowed(struct ctx *c, const char *item)
{
	char key[MH_PROC_KEY_MAX + 1];
	size_t r, n = strlen(item), i;
	uint32_t row;

	for (r = 0; r < c->t.nrows; r++)
		if (!strcasecmp(mh_reftable_cell(&c->t, r, c->c_product), item))
			c->allowed[r] = 1;
	if (n && n <= MH_PROC_KEY_MAX) {
		for (i = 0; i < n; i++)
			key[i] = (char)(item[i] >= 'A' && item[i] <= 'Z' ? item[i] + 32 : item[i]);
		if (n > 4 && !memcmp(key + n - 4, ".exe", 4))
			n -= 4;
		if (mh_nameset_get(&c->exe, key, n, &row))
			c->allowed[row] = 1;
	}
}

static int rt_init(void **out, const struct mh_config *cfg, struct mh_err *err)
{
	const struct mh_detector *self = mh_detector_find(ID);
	struct ctx *c = mh_calloc(1, sizeof(*c));
	const char *const *items;
	size_t n, i, r;

	if (mh_reftable_load(&c->t, "remote_tools.tsv", err)) {
		free(c);
		return -1;
	}
	c->c_product = mh_reftable_col(&c->t, "product");
	c->c_vendor = mh_reftable_col(&c->t, "vendor");
	c->c_programs = mh_reftable_col(&c->t, "programs");
	mh_nameset_init(&c->exe);
	for (r = 0; r < c->t.nrows; r++)
		mh_nameset_add_list(
		    &c->exe, mh_reftable_cell(&c->t, r, mh_reftable_col(&c->t, "executables")),
		    (uint32_t)r);
	c->allowed = mh_calloc(c->t.nrows + 1, 1);
	n = mh_config_list(cfg, "allow.remote_tools", &items);
	for (i = 0; i < n; i++)
		mark_allowed(c, items[i]);
	c->nhosts = mh_config_list(cfg, "allow.remote_tool_hosts", &c->hosts);
	c->cfg = cfg;
	c->points = self ? mh_detector_points(self, cfg) : 15;
	c->first_days = mh_config_dnum(cfg, ID, "first_days", 30);
	c->early_factor = mh_config_dnum(cfg, ID, "early_factor", 1.5);
	*out = c;
	return 0;
}

static int host_allowed(const struct ctx *c, struct mh_str host)
{
	size_t i;

	for (i = 0; i < c->nhosts && host.n; i++)
		if (strlen(c->hosts[i]) == host.n && !strncasecmp(c->hosts[i], host.p, host.n))
			return 1;
	return 0;
}

/* The table row ev names, or -1. */
static long match(const struct ctx *c, const struct mh_event *ev)
{
	char key[MH_PROC_KEY_MAX + 1];
	size_t n = mh_proc_key(ev, key), r;
	uint32_t row;

	if (mh_nameset_get(&c->exe, key, n, &row))
		return row;
	if (ev->kind != MH_EV_PROGRAM || !ev->process.n)
		return -1;
	for (r = 0; r < c->t.nrows; r++)
		if (mh_prefix_list_ci(ev->process, mh_reftable_cell(&c->t, r, c->c_programs)))
			return (long)r;
	return -1;
}

static void describe(const struct ctx *c, struct mh_finding *fd, long row, int early,
                     const struct mh_event *ev)
{
	snprintf(fd->summary, sizeof(fd->summary),
	         "remote-control software %s (%s) on a company device%s; not an approved tool",
	         mh_reftable_cell(&c->t, (size_t)row, c->c_product),
	         mh_reftable_cell(&c->t, (size_t)row, c->c_vendor),
	         early ? ", within the first days after hire" : "");
	(void)ev;
}

static void rt_on_event(void *vc, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                        struct mh_findings *out)
{
	struct ctx *c = vc;
	const struct mh_roster_entry *e;
	struct mh_finding *fd;
	int isnew, early;
	int32_t day;
	long row;

	if (ev->kind != MH_EV_PROCESS && ev->kind != MH_EV_PROGRAM)
		return;
	if (ev->diff == MH_DIFF_REMOVED)
		return;
	row = match(c, ev);
	if (row < 0 || c->allowed[row] || host_allowed(c, ev->host))
		return;
	e = mh_det_entry(st, person);
	if (mh_det_role_is(e, c->cfg, "detectors." ID ".support_roles", default_roles))
		return;
	day = mh_day_of(ev->ts_ms);
	early = mh_det_tenure(e, day) >= 0 && mh_det_tenure(e, day) < c->first_days;
	fd = mh_det_event_finding(out, ID, person,
	                          mh_reftable_cell(&c->t, (size_t)row, c->c_product), ev,
	                          c->points * (early ? c->early_factor : 1), &isnew);
	if (isnew)
		describe(c, fd, row, early, ev);
	if (mh_det_want_evidence(fd, ev))
		mh_finding_evidence(fd, ev->file_id, ev->line, ev->ts_ms, "%s %.*s on %.*s",
		                    ev->kind == MH_EV_PROGRAM ? "installed" : "ran",
		                    (int)(ev->executable.n ? ev->executable.n : ev->process.n),
		                    ev->executable.n ? ev->executable.p : ev->process.p,
		                    (int)ev->host.n, ev->host.p);
}

static void rt_free(void *vc)
{
	struct ctx *c = vc;

	mh_nameset_release(&c->exe);
	mh_reftable_free(&c->t);
	free(c->allowed);
	free(c);
}

const struct mh_detector mh_det_endpoint_remote_tool = {
    .id = ID,
    .family = "endpoint",
    .summary = "remote-control software (AnyDesk, RustDesk, TeamViewer ...) beyond the allow-list",
    .technique = "T1219",
    .points = 15,
    .cap = 40,
    .params = params,
    .init = rt_init,
    .on_event = rt_on_event,
    .free = rt_free,
};
