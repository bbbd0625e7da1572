/*
 * Vetting benchmark: 100,000 applicants vetted against 100,000 earlier ones
 * kept in a store, on one core, all generated here deterministically as
 * Greenhouse candidate JSON Lines. The earlier batch is vetted and stored
 * first (timed apart); the timed run is the second batch end to end: decode,
 * load the earlier applicants from the store, index, check, write findings
 * and store the batch.
 *
 * It also measures the resume near-duplicate search: the second batch holds
 * PLANTED copies of earlier resumes with 5% of words replaced, and LOOKALIKE
 * resumes that share half their lines with an earlier one (the bootcamp
 * template case). Reported: planted pairs found as near-duplicates, and
 * look-alike pairs mistaken for near-duplicates.
 *
 *   build/release/bench/vet_bench [N] [DIR]     (N default 100000)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "store/store_vet.h"
#include "util/xalloc.h"
#include "vet/report.h"
#include "vet/vet_int.h"

#define PLANTED   1000
#define LOOKALIKE 1000
#define LINES     12

static const char *const firsts[] = {"James",  "Mary", "Wei",  "Priya", "Ahmed", "Olga",
                                     "Carlos", "Yuki", "Emma", "Kwame", "Lena",  "Arjun"};
static const char *const lasts[] = {"Smith",  "Chen",  "Patel", "Garcia", "Kim",    "Novak",
                                    "Okafor", "Silva", "Berg",  "Haddad", "Tanaka", "Moreau"};
static const char *const verbs[] = {"Built",     "Led",       "Designed",   "Shipped", "Migrated",
                                    "Automated", "Optimised", "Maintained", "Scaled",  "Tested"};
static const char *const things[] = {"payment services",
                                     "data pipelines",
                                     "mobile apps",
                                     "CI pipelines",
                                     "search ranking",
                                     "fraud models",
                                     "billing systems",
                                     "web front ends",
                                     "Kubernetes clusters",
                                     "APIs",
                                     "dashboards",
                                     "message queues",
                                     "auth flows",
                                     "ETL jobs",
                                     "recommendation engines"};
static const char *const tools[] = {"Go",         "Python", "Rust",      "Java",
                                    "TypeScript", "Kotlin", "Terraform", "Kafka",
                                    "PostgreSQL", "React",  "Spark",     "AWS"};

static uint64_t rs = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
		if ((size_t)k < b->cap - b->n)
			break;
		b->p = mh_grow(b->p, &b->cap, b->n + (size_t)k + 1, 1);
	}
	b->n += (size_t)k;
}

/* A resume line: one of ~1,800 sentences with a number. */
static void line(char *dst, size_t cap, uint64_t seed)
{
	snprintf(dst, cap, "%s %s in %s for %u customers across %u regions.", verbs[seed % 10],
	         things[(seed / 10) % 15], tools[(seed / 150) % 12],
	         (unsigned)(seed / 1800) % 900 + 100, (unsigned)(seed / 7) % 9 + 2);
}

struct resume {
	uint64_t l[LINES];
};

static void resume_text(struct buf *b, const struct resume *r, unsigned edits)
{
	char ln[200];
	unsigned k;

	for (k = 0; k < LINES; k++) {
		char *w;

		line(ln, sizeof(ln), r->l[k]);
		/* replace about edits% of words with other words */
		for (w = ln; edits && *w; w++)
			if ((w == ln || w[-1] == ' ') && below(100) < edits)
				*w = (char)('a' + below(26));
		put(b, "%s\\n", ln);
	}
}

static void candidate(struct buf *b, uint64_t id, const struct resume *r, unsigned edits)
{
	const char *f = firsts[below(12)], *l = lasts[below(12)];

	put(b,
	    "{\"id\":%llu,\"first_name\":\"%s\",\"last_name\":\"%s\","
	    "\"phone_numbers\":[{\"value\":\"+1 %03u-%03u-%04u\",\"type\":\"mobile\"}],"
	    "\"email_addresses\":[{\"value\":\"%s.%s.%llu@example.com\",\"type\":\"personal\"}],"
	    "\"addresses\":[{\"value\":\"%u %s St, Austin, TX %05u\",\"type\":\"home\"}],"
	    "\"website_addresses\":[{\"value\":\"https://github.com/"
	    "%s%llu\",\"type\":\"portfolio\"}],"
	    "\"social_media_addresses\":[],\"attachments\":[],"
	    "\"applications\":[{\"id\":%llu,\"applied_at\":\"2024-0%u-1%uT10:00:00Z\","
	    "\"source\":{\"public_name\":\"LinkedIn\"},\"credited_to\":null,"
	    "\"jobs\":[{\"id\":%u,\"name\":\"Engineer\"}]}],"
	    "\"custom_fields\":{\"photo_sha256\":\"%016llx%016llx%016llx%016llx\",\"resume_text\":"
	    "\"",
	    (unsigned long long)id, f, l, 200 + below(700), below(1000), below(10000), f, l,
	    (unsigned long long)id, 1 + below(9900), lasts[below(12)], 10000 + below(89999), l,
	    (unsigned long long)id, (unsigned long long)id + 900000000ull, 1 + below(9), below(9),
	    below(500), (unsigned long long)rnd(), (unsigned long long)rnd(),
	    (unsigned long long)rnd(), (unsigned long long)rnd());
	resume_text(b, r, edits);
	put(b, "\"}}\n");
}

static void random_resume(struct resume *r)
{
	unsigned k;

	for (k = 0; k < LINES; k++)
		r->l[k] = rnd() % 1620000;
}

struct plan {
	struct resume *old;
	size_t n;
	uint32_t planted[PLANTED], like[LOOKALIKE]; /* earlier index per planted new one */
};

static void generate(struct plan *p, struct buf *first, struct buf *second)
{
	size_t i;
	unsigned k;

	for (i = 0; i < p->n; i++) {
		random_resume(&p->old[i]);
		candidate(first, 10000000 + i, &p->old[i], 0);
	}
	for (i = 0; i < p->n; i++) {
		struct resume r;
		unsigned edits = 0;

		if (i < PLANTED) {
			p->planted[i] = (uint32_t)below((unsigned)p->n);
			r = p->old[p->planted[i]];
			edits = 5;
		} else if (i < PLANTED + LOOKALIKE) {
			p->like[i - PLANTED] = (uint32_t)below((unsigned)p->n);
			r = p->old[p->like[i - PLANTED]];
			for (k = LINES / 2; k < LINES; k++)
				r.l[k] = rnd() % 1620000;
		} else {
			random_resume(&r);
		}
		candidate(second, 20000000 + i, &r, edits);
	}
}

static int vet_batch(struct mh_store *s, const char *name, const struct buf *b, size_t *n_old,
                     struct mh_vet **out, struct mh_applicants *set)
{
	struct mh_err err;
	char **fj;
	size_t i;

	mh_err_clear(&err);
	if (mh_applicants_parse(set, name, b->p, b->n, NULL, NULL, &err))
		return -1;
	*out = mh_vet_new(NULL, NULL, NULL);
	if (mh_store_vet_load(s, *out, &err) || mh_vet_run(*out, set, &err))
		goto fail;
	*n_old = (*out)->nold;
	fj = mh_calloc(set->n + 1, sizeof(*fj));
	for (i = 0; i < set->n; i++)
		fj[i] = mh_vet_report_findings_json(*out, set, i);
	if (mh_store_vet_save(s, set, *out, fj, &err))
		goto fail;
	for (i = 0; i < set->n; i++)
		free(fj[i]);
	free(fj);
	return 0;
fail:
	fprintf(stderr, "vet_bench: %s\n", err.msg);
	return -1;
}

/* Is there a near-duplicate link between batch record a and earlier id? */
static int near_link(const struct mh_vet *v, uint32_t a, const char *old_id)
{
	uint32_t k;

	for (k = v->adj_off[a]; k < v->adj_off[a + 1]; k++) {
		const struct vet_link *l = &v->link[v->adj[k]];
		uint32_t o = l->a == a ? l->b : l->a;

		if ((l->kinds & VK_RESUME) && !strcmp(v->rec[o].id, old_id))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct plan p;
	struct buf first = {NULL, 0, 0}, second = {NULL, 0, 0};
	struct mh_applicants a1 = {0}, a2 = {0};
	struct mh_vet *v1 = NULL, *v2 = NULL;
	struct mh_store *s;
	struct mh_err err;
	char db[1024], id[32];
	size_t nold = 0, i, found = 0, mistaken = 0, flagged = 0;
	double t0, t1, t2;

	memset(&p, 0, sizeof(p));
	p.n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
	if (p.n < PLANTED + LOOKALIKE + 1) {
		fprintf(stderr, "vet_bench: N must be above %d\n", PLANTED + LOOKALIKE);
		return 2;
	}
	snprintf(db, sizeof(db), "%s/vet_bench.db", argc > 2 ? argv[2] : "/tmp");
	unlink(db);
	p.old = mh_malloc(p.n * sizeof(*p.old));
	generate(&p, &first, &second);
	mh_err_clear(&err);
	if (!(s = mh_store_open(db, &err))) {
		fprintf(stderr, "vet_bench: %s\n", err.msg);
		return 3;
	}
	t0 = now_s();
	if (vet_batch(s, "earlier.jsonl", &first, &nold, &v1, &a1))
		return 3;
	t1 = now_s();
	if (vet_batch(s, "batch.jsonl", &second, &nold, &v2, &a2))
		return 3;
	t2 = now_s();
	for (i = 0; i < PLANTED; i++) {
		snprintf(id, sizeof(id), "%u", 10000000u + p.planted[i]);
		found += near_link(v2, (uint32_t)i, id);
	}
	for (i = 0; i < LOOKALIKE; i++) {
		snprintf(id, sizeof(id), "%u", 10000000u + p.like[i]);
		mistaken += near_link(v2, (uint32_t)(PLANTED + i), id);
	}
	for (i = 0; i < a2.n; i++)
		flagged += mh_vet_result(v2, i)->score >= 60;
	printf("generated: %zu + %zu applicants, %.0f + %.0f MB of Greenhouse JSON\n", a1.n, a2.n,
	       (double)first.n / 1e6, (double)second.n / 1e6);
	printf("first batch (vet + store, empty index): %.2f s\n", t1 - t0);
	printf("vet %zu applicants against %zu earlier: %.2f s (%.0f applicants/s), %zu links,"
	       " %zu clusters, %zu at or above 60\n",
	       a2.n, nold, t2 - t1, (double)a2.n / (t2 - t1), v2->nlink, v2->ncl, flagged);
	printf("resume near-duplicates (MinHash %d, LSH %dx%d, %s %.2f): planted found %zu/%d"
	       " (%.3f), look-alikes mistaken %zu/%d (%.3f)\n",
	       MH_MINHASH_K, MH_MINHASH_BANDS, MH_MINHASH_ROWS, "near >=", v2->p.near, found,
	       PLANTED, (double)found / PLANTED, mistaken, LOOKALIKE, (double)mistaken / LOOKALIKE);
	mh_vet_free(v1);
	mh_vet_free(v2);
	mh_applicants_release(&a1);
	mh_applicants_release(&a2);
	mh_store_close(s);
	unlink(db);
	free(first.p);
	free(second.p);
	free(p.old);
	return 0;
}
