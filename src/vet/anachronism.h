#ifndef MH_VET_ANACHRONISM_H
#define MH_VET_ANACHRONISM_H
/*
 * Resume claims of a technology at a job that ended before the technology
 * existed (SPEC, identity.inconsistency). The resume's jobs are found by
 * their year ranges ("Acme (2014-2016)", "2014 - 2016", "2014–present");
 * the lines under a range, up to the next range or a section heading
 * ("Education", "Skills" ...), belong to that job. A technology from
 * data/tech_years.tsv named in them (whole word, case as written) whose
 * first public release is later than the job's last year is an anachronism.
 * A job still running ("present") never is; nor is a release inside the
 * job's years (it may have come in at the end).
 *
 * Ownership: the table is loaded once and shared read-only; results are
 * written into the caller's struct.
 */
#include <stddef.h>

#include "util/err.h"

struct mh_anachronism {
	char tech[48];
	int released, job_end;
	size_t count; /* anachronisms in the resume, the first one above */
};

/* Load the embedded table (idempotent, thread-safe). */
int mh_anachronism_init(struct mh_err *err);
/* Does one line of n bytes name a technology released after job_end? 0 also
 * when the table could not be loaded. */
int mh_anachronism_in_line(const char *line, size_t n, int job_end);
/* Scan n bytes of resume text; 1 when an anachronism was found (*out set),
 * 0 when none, -1 when the table could not be loaded. */
int mh_anachronism_find(const char *text, size_t n, struct mh_anachronism *out);

#endif
