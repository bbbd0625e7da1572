/*
 * The simulation driver: build the company, plant scenarios and traps, walk
 * the days, write every file. Events are planned per person and local day,
 * pooled, sorted by time and written once no later day can precede them, so
 * every log file is in time order while memory holds about two days of
 * compact events.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sim/sim.h"
#include "util/xalloc.h"

static int ev_cmp(const void *a, const void *b)
{
	const struct mh_sim_ev *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->seed < y->seed ? -1 : x->seed > y->seed;
}

void mh_sim_emit(struct mh_sim *s, const struct mh_sim_ev *ev)
{
	s->events[ev->type]++;
	switch (ev->type) {
	case MH_SE_OKTA_SESSION:
	case MH_SE_OKTA_SSO:
	case MH_SE_OKTA_FAIL:
		mh_sim_w_okta(s, ev);
		break;
	case MH_SE_ENTRA:
	case MH_SE_ENTRA_FAIL:
		mh_sim_w_entra(s, ev);
		break;
	case MH_SE_GH_FETCH:
	case MH_SE_GH_PUSH:
	case MH_SE_GH_CLONE:
	case MH_SE_GH_ZIP:
		mh_sim_w_github(s, ev);
		break;
	case MH_SE_USB_ADD:
	case MH_SE_USB_DEL:
		mh_sim_w_osquery(s, ev);
		break;
	default:
		mh_sim_w_ecs(s, ev);
		break;
	}
}

/* Sort the pool and write every event before cutoff (ms); keep the rest. */
static void drain(struct mh_sim *s, int64_t cutoff)
{
	size_t i, keep = 0;

	qsort(s->pool, s->npool, sizeof(*s->pool), ev_cmp);
	for (i = 0; i < s->npool && s->pool[i].ts < cutoff; i++)
		mh_sim_emit(s, &s->pool[i]);
	for (; i < s->npool; i++)
		s->pool[keep++] = s->pool[i];
	s->npool = keep;
}

static void naming(struct mh_sim *s)
{
	static const char *const names[] = {"Northwind", "Contoso", "Fabrikam", "Tailspin",
	                                    "Wingtip",   "Litware", "Adatum",   "Proseware"};
	struct mh_rng r;
	const char *n;
	size_t i;

	mh_rng_derive(&r, s->opt.seed, 0x4e4du, 0, 0);
	n = names[mh_rng_below(&r, 8)];
	snprintf(s->company, sizeof(s->company), "%s", n);
	for (i = 0; n[i] && i + 1 < sizeof(s->org); i++)
		s->org[i] = (char)(n[i] >= 'A' && n[i] <= 'Z' ? n[i] + 32 : n[i]);
	s->org[i] = '\0';
	for (i = 0; n[i] && i + 1 < sizeof(s->netbios); i++)
		s->netbios[i] = (char)(n[i] >= 'a' && n[i] <= 'z' ? n[i] - 32 : n[i]);
	s->netbios[i] = '\0';
	snprintf(s->domain, sizeof(s->domain), "%s.example", s->org);
	/* a Monday between 2024-01-01 and mid-2025 */
	s->start = mh_days_from_civil(2024, 1, 1) + 7 * (int32_t)mh_rng_below(&r, 78);
	s->start -= mh_weekday(s->start);
	s->end = s->start + (int32_t)s->opt.days;
}

static int open_logs(struct mh_sim *s, struct mh_err *err)
{
	static const char *const files[] = {"okta.jsonl", "entra.jsonl", "ecs.jsonl",
	                                    "osquery.jsonl", "github.jsonl"};
	struct mh_out *outs[] = {&s->out.okta, &s->out.entra, &s->out.ecs, &s->out.osquery,
	                         &s->out.github};
	char path[1024];
	unsigned k;

	for (k = 0; k < 5; k++) {
		snprintf(path, sizeof(path), "%s/%s", s->opt.out_dir, files[k]);
		if (mh_out_open(outs[k], path, err))
			return -1;
	}
	return 0;
}

static uint64_t close_logs(struct mh_sim *s, struct mh_err *err, int *rc)
{
	struct mh_out *outs[] = {&s->out.okta, &s->out.entra, &s->out.ecs, &s->out.osquery,
	                         &s->out.github};
	uint64_t total = 0;
	unsigned k;

	for (k = 0; k < 5; k++) {
		total += outs[k]->total;
		if (mh_out_close(outs[k], err))
			*rc = -1;
	}
	return total;
}

static void simulate(struct mh_sim *s)
{
	int32_t day;
	uint32_t i;

	for (day = s->start; day < s->end; day++) {
		mh_sim_households_day(s, day);
		for (i = 0; i < s->np; i++)
			mh_sim_plan_day(s, i, day);
		drain(s, ((int64_t)(day + 1) * 86400 - 14 * 3600) * 1000);
		if (!s->opt.quiet && isatty(2))
			fprintf(stderr, "\rsimulate: day %d/%u", day - s->start + 1, s->opt.days);
	}
	/* post-termination retries and mail may run past the window: keep them */
	for (; day < s->end + 12; day++)
		for (i = 0; i < s->np; i++)
			if (s->p[i].term != MH_SIM_NONE && day > s->p[i].term)
				mh_sim_plan_day(s, i, day);
	drain(s, INT64_MAX);
	if (!s->opt.quiet && isatty(2))
		fprintf(stderr, "\n");
}

static int identity_files(struct mh_sim *s, struct mh_err *err)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/roster.csv", s->opt.out_dir);
	if (mh_sim_w_roster(s, path, err))
		return -1;
	snprintf(path, sizeof(path), "%s/greenhouse_candidates.json", s->opt.out_dir);
	if (mh_sim_w_greenhouse(s, path, err))
		return -1;
	snprintf(path, sizeof(path), "%s/intel", s->opt.out_dir);
	if (mkdir(path, 0755) && errno != EEXIST)
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	if (mh_sim_w_intel(s, path, err))
		return -1;
	if (mh_sim_w_eml(s, s->opt.out_dir, err))
		return -1;
	snprintf(path, sizeof(path), "%s/truth.json", s->opt.out_dir);
	return mh_sim_w_truth(s, path, err);
}

static void sim_free(struct mh_sim *s)
{
	free(s->p);
	free(s->hh);
	free(s->eg);
	free(s->vpn);
	free(s->v4_busy);
	free(s->ap);
	free(s->taken);
	free(s->grp);
	free(s->pool);
}

int mh_sim_run(const struct mh_sim_opts *opt, struct mh_err *err)
{
	struct mh_sim s;
	struct timespec t0, t1;
	uint64_t bytes;
	double secs;
	int rc = 0;

	if (!opt->employees || opt->employees > MH_SIM_MAX_EMPLOYEES)
		return mh_err_set(err, MH_EUSAGE, "--employees must be 1..%u",
		                  MH_SIM_MAX_EMPLOYEES);
	if (!opt->days || opt->days > MH_SIM_MAX_DAYS)
		return mh_err_set(err, MH_EUSAGE, "--days must be 1..%u", MH_SIM_MAX_DAYS);
	if (opt->applicants > MH_SIM_MAX_APPLICANTS)
		return mh_err_set(err, MH_EUSAGE, "--applicants must be 0..%u",
		                  MH_SIM_MAX_APPLICANTS);
	if (!(opt->scale > 0 && opt->scale <= 100))
		return mh_err_set(err, MH_EUSAGE, "--scale must be in (0, 100]");
	if (mkdir(opt->out_dir, 0755) && errno != EEXIST)
		return mh_err_set(err, MH_EIO, "%s: %s", opt->out_dir, strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&s, 0, sizeof(s));
	s.opt = *opt;
	naming(&s);
	mh_sim_network_build(&s);
	mh_sim_company_build(&s);
	mh_sim_scenarios(&s);
	mh_sim_traps(&s);
	mh_sim_applicants(&s);
	if (open_logs(&s, err)) {
		close_logs(&s, NULL, &rc);
		sim_free(&s);
		return -1;
	}
	simulate(&s);
	bytes = close_logs(&s, err, &rc);
	if (!rc)
		rc = identity_files(&s, err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (!rc && !opt->quiet)
		fprintf(stderr,
		        "simulate: %u employees, %u days, %.1f MB of logs in %.2f s (%.0f MB/s)\n",
		        s.np, opt->days, (double)bytes / 1e6, secs,
		        (double)bytes / 1e6 / (secs > 0 ? secs : 1e-9));
	sim_free(&s);
	return rc;
}
