/*
 * endpoint.kvm: KVM-over-IP hardware attached to a company device.
 *
 * What it catches: a farm operator plugs a PiKVM, TinyPilot or JetKVM into
 * the laptop's USB and HDMI ports so that someone abroad sees the screen and
 * types as a local keyboard, invisible to remote-control software controls.
 *
 * Evidence: USB device rows (osquery usb_devices, added or present) matched
 * against data/kvm.tsv: a KVM vendor string ("PiKVM", "tinypilot", "JetKVM"
 * ...) in the manufacturer or product string, or a USB id registered to a
 * KVM product (PiKVM's pid.codes ids). One finding per (person, product),
 * with the first sighting of each day as evidence.
 *
 * Thresholds: one sighting is enough, because a KVM string does not appear
 * by accident; the points are moderate because homelab owners in security
 * and infrastructure roles plug their own KVM into a work laptop too.
 *
 * Benign look-alikes: USB 1d6b:0104 is the Linux Foundation's generic
 * "Multifunction Composite Gadget", the default of every Linux USB gadget, so
 * developers' Raspberry Pi gadgets show it as well: the id alone scores
 * generic_points (0 by default: no finding). Removed rows are ignored.
 * EDID monitor names are in the table for sources that report displays; no
 * decoder produces display events yet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "detect/reftable.h"
#include "util/xalloc.h"

#define ID "endpoint.kvm"

static const struct mh_param params[] = {
    {"generic_points", MH_P_NUM, 0, 0, 1000,
     "points for a generic USB gadget id (1d6b:0104) without a KVM string"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	struct mh_reftable t;
	struct mh_nameset ids; /* "vvvv:pppp" -> row */
	int c_product, c_vendor, c_kind, c_strings;
	double points, generic_points;
};

static int kvm_init(void **out, const struct mh_config *cfg, struct mh_err *err)
{
	const struct mh_detector *self = mh_detector_find(ID);
	struct ctx *c = mh_calloc(1, sizeof(*c));
	size_t r;

	if (mh_reftable_load(&c->t, "kvm.tsv", err)) {
		free(c);
		return -1;
	}
	c->c_product = mh_reftable_col(&c->t, "product");
	c->c_vendor = mh_reftable_col(&c->t, "vendor");
	c->c_kind = mh_reftable_col(&c->t, "kind");
	c->c_strings = mh_reftable_col(&c->t, "strings");
	mh_nameset_init(&c->ids);
	for (r = 0; r < c->t.nrows; r++)
		mh_nameset_add_list(&c->ids,
		                    mh_reftable_cell(&c->t, r, mh_reftable_col(&c->t, "usb_ids")),
		                    (uint32_t)r);
	c->points = self ? mh_detector_points(self, cfg) : 20;
	c->generic_points = mh_config_dnum(cfg, ID, "generic_points", 0);
	*out = c;
	return 0;
}

/* The row whose strings appear in the device's manufacturer or product, or -1. */
static long by_string(const struct ctx *c, const struct mh_event *ev)
{
	const char *cell, *item;
	size_t r, n;

	for (r = 0; r < c->t.nrows; r++) {
		cell = mh_reftable_cell(&c->t, r, c->c_strings);
		while (mh_list_next(&cell, &item, &n)) {
			char w[64];

			if (n >= sizeof(w))
				continue;
			memcpy(w, item, n);
			if (mh_str_has_ci(ev->usb_vendor, w, n) ||
			    mh_str_has_ci(ev->usb_model, w, n))
				return (long)r;
		}
	}
	return -1;
}

static long by_id(const struct ctx *c, const struct mh_event *ev)
{
	char key[MH_PROC_KEY_MAX + 1];
	size_t n = ev->usb_vendor_id.n + 1 + ev->usb_model_id.n, i;
	uint32_t row;

	if (!ev->usb_vendor_id.n || n > MH_PROC_KEY_MAX)
		return -1;
	memcpy(key, ev->usb_vendor_id.p, ev->usb_vendor_id.n);
	key[ev->usb_vendor_id.n] = ':';
	memcpy(key + ev->usb_vendor_id.n + 1, ev->usb_model_id.p, ev->usb_model_id.n);
	for (i = 0; i < n; i++)
		if (key[i] >= 'A' && key[i] <= 'Z')
			key[i] = (char)(key[i] + 32);
	return mh_nameset_get(&c->ids, key, n, &row) ? (long)row : -1;
}

static void kvm_on_event(void *vc, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                         struct mh_findings *out)
{
	struct ctx *c = vc;
	struct mh_finding *fd;
	long row;
	int isnew, generic;
	double pts;

	if (ev->kind != MH_EV_USB || ev->diff == MH_DIFF_REMOVED)
		return;
	row = by_string(c, ev);
	if (row < 0)
		row = by_id(c, ev);
	if (row < 0)
		return;
	generic = strcmp(mh_reftable_cell(&c->t, (size_t)row, c->c_kind), "kvm") != 0;
	pts = generic ? c->generic_points : c->points;
	if (pts <= 0)
		return;
	fd = mh_det_event_finding(
	    out, ID, person, mh_reftable_cell(&c->t, (size_t)row, c->c_product), ev, pts, &isnew);
	if (isnew)
		snprintf(
		    fd->summary, sizeof(fd->summary), "%s device (%s) on USB of a company device",
		    generic ? "generic USB gadget, as KVM-over-IP devices present," : "KVM-over-IP",
		    mh_reftable_cell(&c->t, (size_t)row, c->c_vendor));
	if (mh_det_want_evidence(fd, ev))
		mh_finding_evidence(
		    fd, ev->file_id, ev->line, ev->ts_ms, "USB %.*s:%.*s \"%.*s\" \"%.*s\" on %.*s",
		    (int)ev->usb_vendor_id.n, ev->usb_vendor_id.p, (int)ev->usb_model_id.n,
		    ev->usb_model_id.p, (int)ev->usb_vendor.n, ev->usb_vendor.p,
		    (int)ev->usb_model.n, ev->usb_model.p, (int)ev->host.n, ev->host.p);
	(void)st;
}

static void kvm_free(void *vc)
{
	struct ctx *c = vc;

	mh_nameset_release(&c->ids);
	mh_reftable_free(&c->t);
	free(c);
}

const struct mh_detector mh_det_endpoint_kvm = {
    .id = ID,
    .family = "endpoint",
    .summary = "KVM-over-IP hardware (PiKVM, TinyPilot, JetKVM) on a company device's USB",
    .technique = "T1200",
    .points = 20,
    .cap = 30,
    .params = params,
    .init = kvm_init,
    .on_event = kvm_on_event,
    .free = kvm_free,
};
