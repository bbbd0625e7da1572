/*
 * endpoint.jiggler: mouse-jiggler software or devices.
 *
 * What it catches: a farmed laptop must look "active" in chat and
 * monitoring while nobody sits at it, so farms run a mouse jiggler (software,
 * or a USB dongle that moves the pointer).
 *
 * Evidence: process starts and installed programs named in
 * data/jigglers.tsv, and USB devices whose manufacturer or product string
 * names a jiggler. One finding per (person, product); the first sighting of
 * each day is evidence.
 *
 * Thresholds: a jiggler is a weak signal on its own (plenty of honest people
 * keep their status green), so the points are low and only add up with other
 * families. Tools that merely keep the machine awake (kind keep_awake:
 * Caffeine, Amphetamine ...) are commoner still and score keep_awake_factor
 * of the points.
 *
 * Benign look-alikes: keep-awake utilities during long builds or
 * presentations, presentation clickers and ordinary mice (not in the table).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "detect/reftable.h"
#include "util/xalloc.h"

#define ID "endpoint.jiggler"

static const struct mh_param params[] = {
    {"keep_awake_factor", MH_P_NUM, 0.5, 0, 1,
     "share of the points for keep-awake tools (they do not fake input)"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	struct mh_reftable t;
	struct mh_nameset exe;
	int c_product, c_vendor, c_kind, c_programs, c_strings;
	double points, keep_awake_factor;
};

static int jig_init(void **out, const struct mh_config *cfg, struct mh_err *err)
{
	const struct mh_detector *self = mh_detector_find(ID);
	struct ctx *c = mh_calloc(1, sizeof(*c));
	size_t r;

	if (mh_reftable_load(&c->t, "jigglers.tsv", err)) {
		free(c);
		return -1;
	}
	c->c_product = mh_reftable_col(&c->t, "product");
	c->c_vendor = mh_reftable_col(&c->t, "vendor");
	c->c_kind = mh_reftable_col(&c->t, "kind");
	c->c_programs = mh_reftable_col(&c->t, "programs");
	c->c_strings = mh_reftable_col(&c->t, "strings");
	mh_nameset_init(&c->exe);
	for (r = 0; r < c->t.nrows; r++)
		mh_nameset_add_list(
		    &c->exe, mh_reftable_cell(&c->t, r, mh_reftable_col(&c->t, "executables")),
		    (uint32_t)r);
	c->points = self ? mh_detector_points(self, cfg) : 8;
	c->keep_awake_factor = mh_config_dnum(cfg, ID, "keep_awake_factor", 0.5);
	*out = c;
	return 0;
}

static long by_usb(const struct ctx *c, const struct mh_event *ev)
{
	const char *cell, *item;
	size_t r, n;

	for (r = 0; r < c->t.nrows; r++) {
		cell = mh_reftable_cell(&c->t, r, c->c_strings);
		while (mh_list_next(&cell, &item, &n))
			if (mh_str_has_ci(ev->usb_vendor, item, n) ||
			    mh_str_has_ci(ev->usb_model, item, n))
				return (long)r;
	}
	return -1;
}

static long by_process(const struct ctx *c, const struct mh_event *ev)
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

static void jig_on_event(void *vc, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                         struct mh_findings *out)
{
	struct ctx *c = vc;
	struct mh_finding *fd;
	long row;
	int isnew, awake;

	if (ev->kind == MH_EV_USB)
		row = ev->diff == MH_DIFF_REMOVED ? -1 : by_usb(c, ev);
	else if (ev->kind == MH_EV_PROCESS || ev->kind == MH_EV_PROGRAM)
		row = ev->diff == MH_DIFF_REMOVED ? -1 : by_process(c, ev);
	else
		return;
	if (row < 0)
		return;
	awake = !strcmp(mh_reftable_cell(&c->t, (size_t)row, c->c_kind), "keep_awake");
	fd = mh_det_event_finding(out, ID, person,
	                          mh_reftable_cell(&c->t, (size_t)row, c->c_product), ev,
	                          c->points * (awake ? c->keep_awake_factor : 1), &isnew);
	if (isnew)
		snprintf(fd->summary, sizeof(fd->summary), "%s %s (%s) on a company device",
		         awake ? "keep-awake tool" : "mouse jiggler",
		         mh_reftable_cell(&c->t, (size_t)row, c->c_product),
		         mh_reftable_cell(&c->t, (size_t)row, c->c_vendor));
	if (!mh_det_want_evidence(fd, ev))
		return;
	if (ev->kind == MH_EV_USB)
		mh_finding_evidence(fd, ev->file_id, ev->line, ev->ts_ms,
		                    "USB \"%.*s\" \"%.*s\" on %.*s", (int)ev->usb_vendor.n,
		                    ev->usb_vendor.p, (int)ev->usb_model.n, ev->usb_model.p,
		                    (int)ev->host.n, ev->host.p);
	else
		mh_finding_evidence(fd, ev->file_id, ev->line, ev->ts_ms, "%s %.*s on %.*s",
		                    ev->kind == MH_EV_PROGRAM ? "installed" : "ran",
		                    (int)(ev->executable.n ? ev->executable.n : ev->process.n),
		                    ev->executable.n ? ev->executable.p : ev->process.p,
		                    (int)ev->host.n, ev->host.p);
	(void)st;
}

static void jig_free(void *vc)
{
	struct ctx *c = vc;

	mh_nameset_release(&c->exe);
	mh_reftable_free(&c->t);
	free(c);
}

const struct mh_detector mh_det_endpoint_jiggler = {
    .id = ID,
    .family = "endpoint",
    .summary = "mouse-jiggler software or USB jiggler devices",
    .technique = NULL,
    .points = 8,
    .cap = 12,
    .params = params,
    .init = jig_init,
    .on_event = jig_on_event,
    .free = jig_free,
};
