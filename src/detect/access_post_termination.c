/*
 * access.post_termination — activity by an account after its termination.
 *
 * What it catches: a fired operative who still signs in, pulls code or moves
 * data after the last day, on an account or device nobody switched off.
 *
 * How: on_event compares each event of a roster person that has a
 * termination_date with the end of that day plus `grace_hours` (12: the last
 * evening in a western time zone is the next UTC day). Later events fall in
 * one of four findings per person, each with its first source lines:
 *   data     data movement (clone, download, archive, upload, USB, mail out):
 *            `points` (40);
 *   signin   a successful sign-in or session: 25;
 *   activity anything else the account or its device did (processes, code
 *            actions, files): 8 — a laptop not yet returned keeps reporting;
 *   failed   failed sign-ins only: 2 — ex-employees' phones retry mail for
 *            days, some try their old password once.
 * Findings come from single events (origin event): they survive re-scans.
 *
 * Benign look-alikes: the mail client retrying with failures for a few days
 * and a single failed attempt (2 points, and the decay of time); endpoint
 * telemetry from a laptop waiting to be wiped (8); people without a
 * termination date are never judged.
 */
#include <stdio.h>
#include <stdlib.h>

#include "detect/detector.h"
#include "detect/dutil.h"
#include "util/xalloc.h"

#define ID     "access.post_termination"
#define DAY_MS 86400000LL

extern const struct mh_detector mh_det_access_post_termination;

static const struct mh_param params[] = {
    {"grace_hours", MH_P_NUM, 12, 0, 240, "hours after the termination day still allowed"},
    {"signin_points", MH_P_NUM, 25, 0, 1000, "a successful sign-in after termination"},
    {"activity_points", MH_P_NUM, 8, 0, 1000, "other activity of the account or its device"},
    {"failed_points", MH_P_NUM, 2, 0, 1000, "failed sign-ins only"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum cls { C_DATA = 0, C_SIGNIN, C_ACTIVITY, C_FAILED, C__COUNT };

static const char *const cls_key[C__COUNT] = {"data", "signin", "activity", "failed"};
static const char *const cls_text[C__COUNT] = {"data movement", "successful sign-in",
                                               "other activity", "failed sign-in"};

struct ctx {
	double pts[C__COUNT];
	int64_t grace_ms;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->pts[C_DATA] = mh_detector_points(&mh_det_access_post_termination, cfg);
	c->pts[C_SIGNIN] = mh_config_dnum(cfg, ID, "signin_points", 25);
	c->pts[C_ACTIVITY] = mh_config_dnum(cfg, ID, "activity_points", 8);
	c->pts[C_FAILED] = mh_config_dnum(cfg, ID, "failed_points", 2);
	c->grace_ms = (int64_t)(mh_config_dnum(cfg, ID, "grace_hours", 12) * 3600000.0);
	*vctx = c;
	return 0;
}

static enum cls classify(const struct mh_event *ev)
{
	if (ev->move != MH_MOVE_NONE)
		return C_DATA;
	if (ev->kind == MH_EV_SIGNIN || ev->kind == MH_EV_AUTH) {
		if (ev->outcome == MH_OUT_FAILURE)
			return C_FAILED;
		if (ev->outcome == MH_OUT_SUCCESS)
			return C_SIGNIN;
	}
	return C_ACTIVITY;
}

static void on_event(void *vctx, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                     struct mh_findings *out)
{
	struct ctx *c = vctx;
	const struct mh_roster_entry *e = mh_dutil_entry_st(st, person);
	struct mh_finding *fd;
	enum cls k;
	char day[11];
	int isnew;
	int64_t after;

	if (!e || e->termination_day == MH_DAY_NONE ||
	    ev->ts_ms < ((int64_t)e->termination_day + 1) * DAY_MS + c->grace_ms)
		return;
	k = classify(ev);
	fd = mh_findings_upsert(out, ID, person, cls_key[k], MH_ORIGIN_EVENT, ev->ts_ms, &isnew);
	if (c->pts[k] > fd->points)
		fd->points = c->pts[k];
	if (isnew || fd->nev < 3)
		mh_finding_evidence(fd, ev->file_id, ev->line, ev->ts_ms, "%s %.*s%s",
		                    mh_source_name(ev->src),
		                    (int)(ev->action.n > 60 ? 60 : ev->action.n),
		                    ev->action.n ? ev->action.p : mh_kind_name(ev->kind),
		                    ev->outcome == MH_OUT_FAILURE ? " (failed)" : "");
	mh_dutil_date_day(e->termination_day, day);
	after = (fd->last_ms - ((int64_t)e->termination_day + 1) * DAY_MS) / DAY_MS;
	snprintf(fd->summary, sizeof(fd->summary),
	         "%u %s event%s after termination on %s (up to %lld day%s later)", fd->count,
	         cls_text[k], fd->count == 1 ? "" : "s", day, (long long)after + 1,
	         after ? "s" : "");
}

static void cfree(void *vctx)
{
	free(vctx);
}

const struct mh_detector mh_det_access_post_termination = {
    .id = ID,
    .family = "access",
    .summary = "any activity by an account after its termination date",
    .technique = "T1078",
    .points = 40,
    .cap = 50,
    .params = params,
    .init = init,
    .on_event = on_event,
    .free = cfree,
};
