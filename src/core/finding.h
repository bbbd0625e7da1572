#ifndef MH_FINDING_H
#define MH_FINDING_H
/*
 * Findings: what detectors conclude about one person, with the evidence
 * behind it. A finding is identified by (detector, person, key); a detector
 * that sees the same thing again updates the existing finding (count,
 * last seen, evidence up to MH_EVIDENCE_MAX) instead of adding a new one.
 *
 * Origin decides what survives a re-scan: MH_ORIGIN_EVENT findings come from
 * single events and are kept and merged across scans; MH_ORIGIN_FINISH
 * findings come from the aggregated state and are recomputed whole by every
 * scan, replacing that detector's earlier ones.
 *
 * Ownership: struct mh_findings owns its array; detector ids are static.
 */
#include <stddef.h>
#include <stdint.h>

#define MH_EVIDENCE_MAX 8

enum mh_origin { MH_ORIGIN_EVENT = 0, MH_ORIGIN_FINISH = 1 };

struct mh_evidence {
	uint32_t file_id; /* store source id; 0 = not from a file (aggregate, roster) */
	uint64_t line;
	int64_t ts_ms;
	char text[120];
};

struct mh_finding {
	const char *detector; /* static id, e.g. "endpoint.kvm" */
	uint32_t person;      /* state person index */
	char key[96];
	uint8_t origin;
	int64_t first_ms, last_ms;
	uint32_t count;
	double points;
	char summary[200];
	struct mh_evidence ev[MH_EVIDENCE_MAX];
	uint8_t nev;
};

struct mh_strmap;

struct mh_findings {
	struct mh_finding *v;
	size_t n, cap;
	struct mh_strmap *idx;
};

void mh_findings_init(struct mh_findings *f);
void mh_findings_release(struct mh_findings *f);

/* The finding for (detector, person, key), created zeroed (with those three,
 * origin, first_ms = last_ms = ts, count 0) when absent; *isnew says which.
 * Bumps count and widens first/last seen by ts. */
struct mh_finding *mh_findings_upsert(struct mh_findings *f, const char *detector, uint32_t person,
                                      const char *key, enum mh_origin origin, int64_t ts,
                                      int *isnew);

/* Append evidence unless the finding already holds MH_EVIDENCE_MAX items. */
void mh_finding_evidence(struct mh_finding *fd, uint32_t file_id, uint64_t line, int64_t ts,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Fold every finding of src into dst (person indexes mapped through pmap). */
void mh_findings_merge(struct mh_findings *dst, const struct mh_findings *src,
                       const uint32_t *pmap);

#endif
