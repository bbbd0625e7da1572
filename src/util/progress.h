#ifndef MH_PROGRESS_H
#define MH_PROGRESS_H
/*
 * A one-line progress bar on stderr: bytes, events/s and ETA, redrawn at most
 * ten times a second, only when stderr is a terminal (quiet otherwise).
 */
#include <stdint.h>

struct mh_progress {
	int enabled;
	const char *label;
	double start, last_draw;
	uint64_t total; /* 0 = unknown */
};

void mh_progress_start(struct mh_progress *p, const char *label, uint64_t total);
void mh_progress_update(struct mh_progress *p, uint64_t done, uint64_t events);
void mh_progress_end(struct mh_progress *p);
double mh_now(void); /* monotonic seconds */

#endif
