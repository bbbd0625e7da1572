#ifndef MH_SIM_EVAL_H
#define MH_SIM_EVAL_H
/*
 * Scoring detection against a simulator's truth file (truth.json, written by
 * `molehunt simulate`). The metrics work on in-memory rankings so that any
 * source can feed them: `molehunt eval` reads JSON files (--risk, --vet,
 * --extortion); the store can call mh_eval_compute() with rankings read from
 * SQLite (--db) without touching this file.
 *
 * Definitions (K = number of positive employees in truth):
 *  - the ranking is ordered by score, descending; ties keep the given order;
 *    people absent from the ranking have score 0; nobody with score 0 is in
 *    a top K (a zero score is no evidence, and ties at 0 are arbitrary);
 *  - precision@K = positives in the top K / K; recall@K, recall@2K =
 *    positives in the top K (2K) / K;
 *  - ROC AUC over every person in truth (Mann-Whitney U, ties count 1/2);
 *  - traps@K / traps@2K: benign look-alikes (truth "traps") in the top K / 2K;
 *  - per scenario family: members, members in the top K and 2K;
 *  - vetting: an applicant is flagged when its score >= vet_threshold;
 *    precision = flagged positives / flagged, recall = flagged positives /
 *    positive applicants;
 *  - extortion: the 1-based rank of the culprit among the candidates.
 *
 * Ownership: struct mh_eval_truth owns all its strings (mh_eval_truth_free);
 * inputs are borrowed; results hold no pointers into inputs except the
 * scenario family names, which point into the truth.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/err.h"

#define MH_EVAL_MAX_FAMILIES 16

struct mh_eval_person {
	char *id, *email; /* email may be NULL */
	int positive;     /* 1 when in truth positives */
	int trap;         /* 1 when in truth traps */
	int family;       /* index into families, -1 none */
};

struct mh_eval_truth {
	struct mh_eval_person *people;
	size_t npeople, npos;
	char *families[MH_EVAL_MAX_FAMILIES];
	size_t nfamilies;
	uint64_t *ap_pos; /* positive applicant ids */
	size_t nap_pos;
	char *culprit, *culprit_email; /* NULL when there is no extortion case */
};

struct mh_eval_rank {
	const char *person; /* id, or NULL */
	const char *email;  /* or NULL */
	double score;
};

struct mh_eval_vet {
	uint64_t applicant;
	double score;
};

struct mh_eval_input {
	const struct mh_eval_rank *risk; /* ordered by score (re-sorted stably here) */
	size_t nrisk;
	const struct mh_eval_vet *vet; /* NULL: vetting not evaluated */
	size_t nvet;
	double vet_threshold;
	const struct mh_eval_rank *ext; /* extortion candidates; NULL: not evaluated */
	size_t next;
};

struct mh_eval_family {
	const char *name;
	size_t members, in_k, in_2k;
};

struct mh_eval_result {
	size_t k, people, hits_k, hits_2k, traps_k, traps_2k;
	double p_at_k, r_at_k, r_at_2k, auc;
	struct mh_eval_family fam[MH_EVAL_MAX_FAMILIES];
	size_t nfam;
	int has_vet;
	size_t vet_flagged, vet_tp, vet_pos;
	double vet_precision, vet_recall;
	int has_ext;
	size_t culprit_rank; /* 1-based; 0 = culprit not among the candidates */
};

/* Load truth.json. Returns 0, or -1 with err naming the file. */
int mh_eval_truth_load(struct mh_eval_truth *t, const char *path, struct mh_err *err);
void mh_eval_truth_free(struct mh_eval_truth *t);

/* Compute every metric. in->risk may be empty. Never fails. */
void mh_eval_compute(const struct mh_eval_truth *t, const struct mh_eval_input *in,
                     struct mh_eval_result *r);

/* JSON inputs for `molehunt eval` (sim/eval_io.c), read with cJSON. Strings in
 * the arrays are owned by the struct mh_eval_files; free with
 * mh_eval_files_free(). Each file is at most MH_EVAL_MAX_FILE bytes. */
#define MH_EVAL_MAX_FILE (1u << 30)

struct mh_eval_files {
	struct mh_eval_rank *risk, *ext;
	size_t nrisk, next;
	struct mh_eval_vet *vet;
	size_t nvet;
	char **strings;
	size_t nstrings;
};

/* `molehunt risk --json`: [{"person","email","score",...}, ...] */
int mh_eval_read_risk(struct mh_eval_files *f, const char *path, struct mh_err *err);
/* `molehunt vet --json`: [{"applicant","score",...}, ...] or JSON Lines of objects */
int mh_eval_read_vet(struct mh_eval_files *f, const char *path, struct mh_err *err);
/* `molehunt extortion --json`: {"case", "candidates":[{"person","score"}, ...]} */
int mh_eval_read_extortion(struct mh_eval_files *f, const char *path, struct mh_err *err);
/* The ranking `molehunt risk` would print, straight from a store (sim/eval_store.c). */
int mh_eval_read_store(struct mh_eval_files *f, const char *db, struct mh_err *err);
void mh_eval_files_free(struct mh_eval_files *f);

/* Human-readable report (last line: one summary line) or one JSON object. */
void mh_eval_print(FILE *f, const struct mh_eval_result *r, int json);

#endif
