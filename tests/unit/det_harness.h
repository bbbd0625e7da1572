#ifndef MH_DET_HARNESS_H
#define MH_DET_HARNESS_H
/*
 * A small world for detector unit tests: a roster, the people table, one
 * state, one detector context and its findings. Events go through the real
 * state aggregation and then the detector's on_event; dh_finish runs finish
 * over the same state, as the scan does after merging.
 *
 * Ownership: the harness owns everything it made; dh_free releases it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mh_test.h"

#include "config/config.h"
#include "core/finding.h"
#include "core/people.h"
#include "core/state.h"
#include "detect/detector.h"
#include "intel/intel.h"
#include "util/ip.h"

#define DH_DAY  86400000LL
#define DH_HOUR 3600000LL
#define DH_T0   (19800LL * DH_DAY) /* 2024-03-18, a Monday */

struct dh {
	const struct mh_detector *d;
	struct mh_roster roster;
	struct mh_people people;
	struct mh_state st;
	struct mh_findings f;
	struct mh_config *cfg;
	struct mh_intel *intel;
	void *ctx;
	int built;
	uint64_t line;
};

static inline void dh_init(struct dh *h, const char *id)
{
	memset(h, 0, sizeof(*h));
	h->d = mh_detector_find(id);
	assert_non_null(h->d);
}

/* A roster person; country may be NULL. */
static inline struct mh_roster_entry *dh_person(struct dh *h, const char *id, const char *email,
                                                const char *country)
{
	struct mh_roster_entry *e = mh_test_person(&h->roster, id, email, NULL, NULL);

	if (country)
		snprintf(e->country, sizeof(e->country), "%s", country);
	e->line = h->roster.n + 1;
	return e;
}

/* YAML config text (NULL: defaults) and intel list text "label:ip,ip;label:ip". */
static inline void dh_build(struct dh *h, const char *yaml, const char *intel)
{
	struct mh_err err;

	h->cfg = mh_config_parse("test.yaml", yaml ? yaml : "", yaml ? strlen(yaml) : 0, &err);
	assert_non_null(h->cfg);
	if (intel) {
		const char *part = intel;

		h->intel = mh_intel_new();
		while (*part) {
			const char *colon = strchr(part, ':'), *semi = strchr(part, ';'), *p;
			char name[64], body[1024];
			size_t n = 0;

			if (!semi)
				semi = part + strlen(part);
			assert_non_null(colon);
			snprintf(name, sizeof(name), "%.*s.txt", (int)(colon - part), part);
			for (p = colon + 1; p < semi && n + 2 < sizeof(body); p++)
				body[n++] = *p == ',' ? '\n' : *p;
			body[n++] = '\n';
			assert_int_equal(
			    mh_intel_load_mem(h->intel, name, body, n, NULL, NULL, &err), 0);
			part = *semi ? semi + 1 : semi;
		}
		mh_intel_seal(h->intel);
	}
	mh_people_build(&h->people, &h->roster, NULL, NULL);
	mh_state_init(&h->st, &h->people);
	mh_findings_init(&h->f);
	h->ctx = NULL;
	if (h->d->init)
		assert_int_equal(h->d->init(&h->ctx, h->cfg, &err), 0);
	h->built = 1;
}

static inline struct mh_event dh_ev(const char *user, int64_t ts, int kind, const char *ip)
{
	struct mh_event e;

	memset(&e, 0, sizeof(e));
	e.user = mh_test_str(user);
	/* an absent host as decoders write it: empty, not NULL (state.c copies it) */
	e.host = mh_test_str("");
	e.ts_ms = ts;
	e.kind = (uint8_t)kind;
	e.src = MH_SRC_OKTA;
	e.outcome = MH_OUT_SUCCESS;
	e.is_proxy = -1;
	e.file_id = 1;
	if (ip)
		assert_int_equal(mh_ip_parse(ip, strlen(ip), &e.ip), 0);
	return e;
}

/* Label the IP from the harness intel, aggregate, run on_event. */
static inline uint32_t dh_feed(struct dh *h, struct mh_event *e)
{
	struct mh_intel_hit hit;
	uint32_t p;

	e->line = ++h->line;
	if (h->intel && e->ip.family && mh_intel_match_ip(h->intel, &e->ip, &hit))
		e->ip_intel = hit.label;
	p = mh_state_add_event(&h->st, e);
	if (p != MH_NOBODY && h->d->on_event)
		h->d->on_event(h->ctx, e, &h->st, p, &h->f);
	return p;
}

static inline void dh_finish(struct dh *h)
{
	struct mh_world w;

	memset(&w, 0, sizeof(w));
	w.st = &h->st;
	w.roster = &h->roster;
	w.cfg = h->cfg;
	w.intel = h->intel;
	w.now_ms = h->st.max_ms;
	if (h->d->finish)
		h->d->finish(h->ctx, &w, &h->f);
}

/* This detector's total points for a person (undecayed, uncapped). */
static inline double dh_points(const struct dh *h, uint32_t person)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < h->f.n; i++)
		if (h->f.v[i].person == person && !strcmp(h->f.v[i].detector, h->d->id))
			sum += h->f.v[i].points;
	return sum;
}

/* The finding of this detector for (person, key prefix), or NULL. */
static inline const struct mh_finding *dh_find(const struct dh *h, uint32_t person, const char *key)
{
	size_t i;

	for (i = 0; i < h->f.n; i++)
		if (h->f.v[i].person == person && !strcmp(h->f.v[i].detector, h->d->id) &&
		    !strncmp(h->f.v[i].key, key, strlen(key)))
			return &h->f.v[i];
	return NULL;
}

static inline void dh_free(struct dh *h)
{
	if (h->d->free && h->ctx)
		h->d->free(h->ctx);
	if (h->built) {
		mh_findings_release(&h->f);
		mh_state_release(&h->st);
		mh_people_release(&h->people);
	}
	mh_roster_free(&h->roster);
	mh_config_free(h->cfg);
	mh_intel_free(h->intel);
}

#endif
