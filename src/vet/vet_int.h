#ifndef MH_VET_INT_H
#define MH_VET_INT_H
/* Internals shared by the vetting engine's files (vet.c, index.c, cluster.c,
 * check_*.c). */
#include "vet/vet.h"

/* Link kind bits beyond enum mh_vet_kind. */
#define VK_RESUME    (1u << 16) /* resumes at or above vet.resume_near */
#define VK_OVERLAP   (1u << 17) /* resumes at or above vet.resume_overlap */
#define VK_FAMILY    (1u << 18) /* the shared address is one surname's */
#define VK_ADDR_MANY (1u << 19) /* the shared address holds 3+ surnames */
#define VK_FLAGGED   (1u << 20) /* the other record is flagged */

struct vet_params {
	double w[MH_VA__COUNT];
	double w_addr_many, w_family, w_resume, w_overlap, w_flagged;
	double near, overlap, link_min, cluster_points, threshold;
	double ph_holders, ph_unlinked; /* vet.placeholder.* */
	double intel_points, intel_phone_points, referral_points;
	double flagged_threshold, confirmed_threshold; /* risk scores, for referrals */
	double velocity_jobs, velocity_days, velocity_points;
	double inc_vpn, inc_geo, inc_edu, inc_refs, inc_ship, inc_tech, inc_cap;
	unsigned shingle;
	uint32_t hub_max, bucket_max;
};

struct vet_old {
	char *id, *name, *surname;
	int64_t applied_ms;
	double score;
	int has_sig;
	struct mh_minhash sig;
	uint8_t *kinds;
	char **values;
	size_t n;
};

/* Why a shared value links nobody (struct vet_art.common). */
enum { VA_SPECIFIC = 0, VA_HUB, VA_PLACEHOLDER };

struct vet_art {
	uint64_t h;
	uint32_t rec;
	uint32_t n; /* records holding the value: the length of its run */
	uint8_t kind;
	uint8_t common;    /* VA_*, the same on every entry of the run */
	uint8_t unlinked;  /* identities holding it that share nothing else with
	                      another holder (runs of 3+ records with an
	                      applicant of the batch, up to vet.hub_max) */
	const char *value; /* canonical */
	const char *raw;   /* as written (batch) or the canonical value */
};

struct vet_link {
	uint32_t a, b; /* record indexes, a < b */
	uint32_t kinds;
	float sim;
	double score;
};

struct mh_vet {
	struct vet_params p;
	const struct mh_config *cfg;
	const struct mh_intel *intel;
	const struct mh_geo *geo;
	const struct mh_roster *roster;
	const struct mh_share_set *share; /* peer hashes, or NULL */
	char **flagged_emp;
	double *flagged_emp_score; /* their risk scores */
	size_t nflagged_emp;
	char **case_emp; /* people under open cases, and the cases */
	int64_t *case_id;
	size_t ncase_emp;
	struct vet_old *old;
	size_t nold, capold;
	const struct mh_applicants *batch;
	struct mh_vet_rec *rec;
	size_t nrec;
	struct vet_art *art; /* sorted by (h, rec) */
	size_t nart;
	uint32_t *rart_off;    /* artifacts of record r: rart[rart_off[r] .. rart_off[r + 1]) */
	uint32_t *rart;        /* indexes into v->art, ascending (so by hash) */
	struct vet_link *link; /* sorted by (a, b) */
	size_t nlink;
	struct mh_vet_result *res; /* one per batch applicant */
	struct mh_vet_cluster *cl;
	size_t ncl;
	uint32_t *adj_off; /* links of record r: adj[adj_off[r] .. adj_off[r + 1]) */
	uint32_t *adj;
	void *emp_vals;    /* employees' canonical artifacts (index.c) */
	char *emp_surname; /* 32 bytes per employee */
};

/* index.c: records, artifact groups, resume candidates, links. */
void mh_vet_build_records(struct mh_vet *v);
void mh_vet_build_links(struct mh_vet *v);
/* Links of every record, as indexes into v->link (index.c). */
void mh_vet_build_adjacency(struct mh_vet *v);
/* The run of v->art holding (kind, value), as [*from, *to); 0 when absent. */
int mh_vet_art_run(const struct mh_vet *v, uint8_t kind, const char *value, size_t *from,
                   size_t *to);
/* Resume similarity of two records: exact for two batch applicants, else the
 * MinHash estimate; -1 when either has no resume. */
double mh_vet_resume_sim(const struct mh_vet *v, uint32_t a, uint32_t b);
/* cluster.c: components of strong links, cores, propagation. */
void mh_vet_build_clusters(struct mh_vet *v);

/* Findings. */
struct mh_vet_finding *mh_vet_finding_add(struct mh_vet_result *r, const char *check,
                                          double points);
struct mh_vet_ev *mh_vet_ev_add(struct mh_vet_finding *f, const char *artifact, const char *value);

/* Is this an intel label of VPN, proxy or hosting networks? (check_intel.c) */
int mh_vet_anonymizer_label(const char *label);
/* Is domain a free-mail provider (built-in list + vet.free_mail_domains)? */
int mh_vet_free_mail(const struct mh_vet *v, const char *domain);

/* The checks, each filling its finding on batch applicant i. */
void mh_vet_check_intel(struct mh_vet *v, size_t i);
void mh_vet_check_reuse(struct mh_vet *v, size_t i);
void mh_vet_check_velocity(struct mh_vet *v, size_t i);
void mh_vet_check_inconsistency(struct mh_vet *v, size_t i);
void mh_vet_check_referral(struct mh_vet *v, size_t i);
void mh_vet_check_consortium(struct mh_vet *v, size_t i);
/* How much a referral by e counts, from 0.5 to 1 (check_referral.c). */
double mh_vet_referral_weight(const struct vet_params *p, const struct mh_vet_rec *e);

#endif
