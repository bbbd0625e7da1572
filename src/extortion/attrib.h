#ifndef MH_ATTRIB_H
#define MH_ATTRIB_H
/*
 * Attribution: who could have taken exactly the leaked set, and what ties the
 * message to them. Everything comes from what scans stored (artifacts with
 * first/last seen and first source line; the roster) and from molehunt index
 * (documents); nothing from the message is trusted beyond matching.
 *
 * Data (each leaked leaf file against each person's data-movement artifacts,
 * the best match per file; a match on an archive counts for all it holds):
 *   sha256 of the file or of an indexed document it is/quotes   w 1.0 / 0.9
 *   full path, 3+ trailing components equal                     w 0.8
 *   2 trailing components equal                                 w 0.6
 *   repository cloned/downloaded named like a leaked directory  w 0.5
 *   an archive named after such a repository ("ledger-core.zip") w 0.4
 *   file name only                                              w 0.3
 * Artifacts first seen after the message arrived are ignored.
 *   coverage     share of leaked files matched
 *   exclusivity  per file 1/n, n = people matching it at least as strongly
 *   data         mean over leaked files of w * (0.5 + 0.5 / n)
 *   timing       1.0 terminated before the message and the last matching
 *                access within 30 days before termination (or after notice,
 *                or after termination); 0.7 terminated before the message,
 *                older access; 0.6 termination after the message;
 *                0.5 still employed or not on the roster
 * Links (message to person):
 *   From/Reply-To/Sender/Return-Path equal to the roster e-mail or personal
 *   e-mail (w 1.0) or to a user name seen in their logs (w 0.6); each public
 *   IP in the Received chain among their IP artifacts (w 1/n, n = people
 *   seen with it; halved unless they used it in the 30 days before the message
 *   or the week after).
 *   link = min(1, sum of w)
 * score = 100 * (0.65 * data * timing + 0.35 * link)
 *
 * Ownership: struct mh_attrib owns its candidates and their strings.
 */
#include <stddef.h>
#include <stdint.h>

#include "extortion/leak.h"
#include "extortion/mime.h"
#include "store/store.h"
#include "util/err.h"

#define MH_ATTRIB_MAX_HITS 1000000 /* raw matches kept before ranking */

struct mh_attrib_hit {
	int item;        /* the leaked leaf */
	int via;         /* the item matched: the leaf or an archive holding it */
	const char *how; /* static text: "sha256", "path", "repository" ... */
	double w;
	char *kind, *value; /* the artifact */
	char *matched;      /* what of the leaked item it matched */
	uint64_t count;
	int64_t first_ms, last_ms;
	int64_t source_id;
	uint64_t line;
};

struct mh_attrib_link {
	const char *how; /* "address", "ip" */
	char *what;      /* the message's side: "reply-to x@y", "192.0.2.1 (Received header 2)" */
	char *artifact;  /* the person's side: "roster personal_email", "ip" ... */
	double w;
	uint64_t count;
	int64_t first_ms, last_ms;
	unsigned shared; /* other people with the same value */
};

struct mh_candidate {
	int64_t person;
	char *key, *email, *name;
	int resolved;
	double score, coverage, exclusivity, data, timing, link;
	struct mh_attrib_hit *hits; /* best per leaf, in item order */
	size_t nhits;
	struct mh_attrib_link *links;
	size_t nlinks;
	char **reasons;
	size_t nreasons;
	int32_t termination_day, notice_day; /* MH_DAY_NONE when unknown */
	int64_t last_access_ms;
	double excl_others; /* mean number of other people per matched file */
	double risk;        /* their risk score from scans: context, not part of the score */
	unsigned exclusive; /* matched files nobody else matched */
};

struct mh_strmap;

struct mh_attrib {
	struct mh_strmap *byid; /* person id -> index in c */
	struct mh_candidate *c;
	size_t n, cap;
	size_t leaves; /* leaked files counted in coverage */
	int64_t mail_ms;
	int has_roster;
};

int mh_attrib_run(struct mh_store *s, const struct mh_leak *L, const struct mh_mail *m,
                  int64_t mail_ms, struct mh_attrib *out, struct mh_err *err);
void mh_attrib_release(struct mh_attrib *a);

/* --- internals shared by attrib*.c ---------------------------------------- */
struct mh_candidate *mh_attrib_person(struct mh_attrib *a, int64_t person);
/* Links from the message, then who every candidate is (persons, roster). */
int mh_attrib_links(struct mh_store *s, struct mh_attrib *a, const struct mh_mail *m,
                    struct mh_err *err);
void mh_attrib_score(struct mh_attrib *a);
void mh_attrib_reasons(struct mh_attrib *a, const struct mh_leak *L);

#endif
