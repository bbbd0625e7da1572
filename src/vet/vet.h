#ifndef MH_VET_H
#define MH_VET_H
/*
 * Vetting a batch of applicants before the offer (SPEC section 4, "Before
 * hire"). The batch is checked against an artifact index of every earlier
 * applicant (kept in the store), every employee on the roster, and threat
 * intel. Checks, one per file (vet/check_*.c): identity.reuse (shared
 * artifacts and near-duplicate resumes, weighed per pair of records and
 * spread over confirmed clusters), identity.intel, identity.velocity,
 * identity.inconsistency, identity.referral, identity.consortium (artifacts
 * peer companies shared as keyed hashes, docs/SHARE.md). docs/VET.md gives the weights
 * and why.
 *
 * Use: mh_vet_new(), mh_vet_add_employees(), mh_vet_add_old() for each
 * earlier applicant, mh_vet_run() on the batch, then read results and
 * clusters; mh_vet_free().
 *
 * Ownership: struct mh_vet borrows the batch, roster, intel, geo and config
 * (they must outlive it) and owns copies of the earlier applicants, its
 * index, results and clusters.
 */
#include <stddef.h>
#include <stdint.h>

#include "vet/applicant.h"
#include "vet/minhash.h"

struct mh_config;
struct mh_intel;
struct mh_geo;
struct mh_roster;

#define MH_VET_MAX_FINDINGS 8
#define MH_VET_MAX_EV       8
#define MH_VET_MAX_WITH     8
#define MH_VET_MEMBER_OF    4

enum mh_vet_rtype { MH_VR_NEW = 0, MH_VR_OLD, MH_VR_EMPLOYEE };

/* One record of the index: an applicant of the batch, an earlier applicant
 * or an employee. */
struct mh_vet_rec {
	uint8_t type;    /* enum mh_vet_rtype */
	uint8_t flagged; /* earlier applicant scored at/above the threshold, or a
	                    flagged employee (risk score, or a confirmed cluster) */
	uint8_t has_sig;
	uint8_t intel;      /* an artifact matched threat intel, at alert strength */
	uint8_t core;       /* has a corroborated pair, or is flagged or in intel */
	uint8_t resembles;  /* batch applicant re-using an artifact whose resume
	                       resembles a core record's (cluster.c) */
	uint8_t member;     /* batch applicant sharing specific artifacts with two
	                       or more cores of its cluster (cluster.c) */
	uint8_t linked;     /* employee linked to a confirmed cluster (cluster.c) */
	float risk;         /* employee: stored risk score when flagged by it, else 0 */
	int64_t under_case; /* employee: the open case they are the subject of, or 0 */
	uint32_t like;      /* the core record it resembles */
	float like_sim;
	uint32_t member_kinds;                /* bit per enum mh_vet_kind of such values */
	uint32_t member_cores;                /* most cores (distinct identities) holding one */
	uint32_t member_of[MH_VET_MEMBER_OF]; /* the first of those cores */
	const char *id, *name, *surname;
	int64_t applied_ms;
	uint32_t index;     /* into the batch (NEW), the old pool (OLD), the roster */
	uint32_t component; /* cluster id + 1, 0 = none */
	struct mh_minhash sig;
};

struct mh_vet_ev {
	char artifact[12];              /* kind name, or "" for free text */
	char value[160];                /* the value as this applicant wrote it, or text */
	uint32_t with[MH_VET_MAX_WITH]; /* other record indexes */
	uint8_t nwith;
	uint32_t more; /* other records beyond with[] */
	float sim;     /* resume similarity, when artifact is "resume" */
};

struct mh_vet_finding {
	const char *check; /* static id, e.g. "identity.reuse" */
	double points;
	char summary[240];
	struct mh_vet_ev ev[MH_VET_MAX_EV];
	uint8_t nev;
};

struct mh_vet_result {
	double score; /* 0..100 */
	struct mh_vet_finding f[MH_VET_MAX_FINDINGS];
	uint8_t nf;
	uint32_t cluster; /* cluster id + 1, 0 = none */
};

struct mh_vet_cluster {
	uint32_t *members; /* record indexes, batch first */
	size_t n;
	int confirmed;   /* holds a corroborated pair, a flagged record or intel */
	uint32_t kinds;  /* bit per enum mh_vet_kind shared inside, bit 31 resume */
	double strength; /* the strongest pair score inside */
};

struct mh_vet;
struct mh_share_set;

/* The pair points of one shared value of a kind (vet.weight.<kind>). */
double mh_vet_weight(const struct mh_config *cfg, enum mh_vet_kind kind);

struct mh_vet *mh_vet_new(const struct mh_config *cfg, const struct mh_intel *intel,
                          const struct mh_geo *geo);
void mh_vet_free(struct mh_vet *v);

/* Employees from the roster (borrowed). flagged_ids: employee ids (keys)
 * whose risk score is at or above risk.flagged_threshold (may be NULL), and
 * scores their risk scores (NULL: all count as certain). Both are copied. */
void mh_vet_add_employees(struct mh_vet *v, const struct mh_roster *r,
                          const char *const *flagged_ids, const double *scores, size_t nflagged);
/* People under an open case (cases/subjects.h): employee keys and the case
 * ids (copied). A referral by one of them weighs in full. */
void mh_vet_add_case_subjects(struct mh_vet *v, const char *const *keys, const int64_t *cases,
                              size_t n);
/* One earlier applicant (copied). arts/kinds: n canonical values. */
void mh_vet_add_old(struct mh_vet *v, const char *id, const char *name, const char *surname,
                    int64_t applied_ms, double score, const struct mh_minhash *sig,
                    const uint8_t *kinds, const char *const *values, size_t n);
/* Peer hashes shared by the consortium (borrowed; share/match.h), for
 * identity.consortium. */
void mh_vet_set_share(struct mh_vet *v, const struct mh_share_set *share);
/* Vet the batch (borrowed; its applicants must not move). Applicants of the
 * batch with the id of an earlier applicant replace it. */
int mh_vet_run(struct mh_vet *v, const struct mh_applicants *batch, struct mh_err *err);

const struct mh_vet_result *mh_vet_result(const struct mh_vet *v, size_t i);
const struct mh_vet_rec *mh_vet_rec(const struct mh_vet *v, uint32_t r);
size_t mh_vet_nclusters(const struct mh_vet *v);
const struct mh_vet_cluster *mh_vet_cluster(const struct mh_vet *v, size_t c);
/* The MinHash of batch applicant i (NULL without a resume). */
const struct mh_minhash *mh_vet_sig(const struct mh_vet *v, size_t i);

#endif
