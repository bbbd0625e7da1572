#ifndef MH_SCORE_H
#define MH_SCORE_H
/*
 * Risk (SPEC section 5). For each person:
 *
 *   finding points decay with age:   p * 0.5 ^ (age_days / half_life_days)
 *                                    (age = the person's last activity, or
 *                                    now if later evidence is absent, minus
 *                                    the finding's last seen)
 *   per detector:                    sum of decayed points, capped at the
 *                                    detector's cap
 *   corroboration:                   raw * (1 + bonus * (families - 1)), where
 *                                    families counts independent families
 *                                    (identity, signin, farm, endpoint, hours,
 *                                    exfil, access) contributing >= 1 point
 *   score:                           100 * (1 - exp(-corroborated / scale))
 *
 * so one weak signal stays low, a capped flood of one kind cannot reach the top
 * alone, and independent families push a person up. Every score carries its
 * contributions, so it can be explained.
 *
 * Ownership: mh_risk_score() returns an array the caller frees with
 * mh_scores_free(); contributions point to static detector ids.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/finding.h"
#include "core/state.h"

#define MH_MAX_CONTRIB 24

struct mh_risk_params {
	double half_life_days; /* default 14 */
	double family_bonus;   /* default 0.25 */
	double scale;          /* default 40 */
	/* per-detector cap override; NULL uses the registry's defaults. (Points
	 * are the detectors' own business: mh_detector_points().) */
	double (*cap)(void *arg, const char *detector, double def);
	void *arg;
};

struct mh_contrib {
	const char *detector;
	const char *family;
	double points; /* decayed, capped */
	uint32_t findings;
};

struct mh_score {
	uint32_t person;
	double score; /* 0..100 */
	double raw;   /* sum of contributions before the corroboration bonus */
	int families;
	struct mh_contrib c[MH_MAX_CONTRIB];
	int nc;
};

void mh_risk_defaults(struct mh_risk_params *rp);
/* Defaults overridden by risk.* and detectors.<id>.points/cap from cfg (may be NULL). */
struct mh_config;
void mh_risk_from_config(struct mh_risk_params *rp, const struct mh_config *cfg);

/* One score per person of st (indexed by person), as of now_ms. */
struct mh_score *mh_risk_score(const struct mh_state *st, const struct mh_findings *f,
                               const struct mh_risk_params *rp, int64_t now_ms);
void mh_scores_free(struct mh_score *s);

/* The contributions as a JSON array text (malloc'ed, caller frees):
 * [{"detector","family","points","findings"}...]. */
char *mh_risk_contrib_json(const struct mh_score *s);

/* The score of raw contribution points from this many families (the
 * corroboration bonus and the curve above). */
double mh_risk_combine(const struct mh_risk_params *rp, double raw, int families);

/* Decayed points of one finding. */
double mh_risk_decay(double points, int64_t last_ms, int64_t now_ms, double half_life_days);

#endif
