#include "util/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double mh_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void mh_progress_start(struct mh_progress *p, const char *label, uint64_t total)
{
	p->enabled = isatty(2);
	p->label = label;
	p->start = mh_now();
	p->last_draw = 0;
	p->total = total;
}

void mh_progress_update(struct mh_progress *p, uint64_t done, uint64_t events)
{
	double now = mh_now(), el = now - p->start;
	char bar[21];
	int i, fill;

	if (!p->enabled || now - p->last_draw < 0.1)
		return;
	p->last_draw = now;
	fill = p->total ? (int)(20.0 * (double)done / (double)p->total) : 0;
	for (i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	fprintf(stderr, "\r%-24.24s [%s] %7.1f MB  %6.2f M ev/s", p->label,
	        p->total ? bar : "....................", (double)done / 1e6,
	        el > 0 ? (double)events / el / 1e6 : 0.0);
	if (p->total && done && el > 0.2)
		fprintf(stderr, "  ETA %4.0fs", el * (double)(p->total - done) / (double)done);
	fputs("\033[K", stderr);
	fflush(stderr);
}

void mh_progress_end(struct mh_progress *p)
{
	if (p->enabled && p->last_draw > 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}
