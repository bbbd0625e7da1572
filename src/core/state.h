#ifndef MH_STATE_H
#define MH_STATE_H
/*
 * What molehunt keeps about each person while it scans, bounded:
 *
 *   - one struct mh_day per UTC day with activity (at most MH_MAX_DAYS; the
 *     oldest day is dropped first): the hours with activity, event and
 *     sign-in counts, data movement by class and bytes out, and the first
 *     source line of that day's data movement as evidence;
 *   - a 24-bucket histogram of activity by UTC hour;
 *   - artifacts (IP, country, ASN, MFA device, host, USB device, user name as
 *     spelled; and for data movement only: repository, file path, file hash)
 *     with first/last seen, count and the first source line, at most
 *     mh_art_cap(kind) per kind (later new values are counted, not kept). The
 *     movement artifacts are what extortion attribution matches leaked data
 *     against, so their caps are larger.
 *
 * Raw events are never kept. One struct mh_state per scanning thread; the
 * scan merges them (mh_state_merge) and the store loads and saves them.
 *
 * Ownership: the state owns its persons, days, artifacts and strings; it
 * borrows the people table, which must outlive it.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/people.h"
#include "util/arena.h"

#define MH_MAX_DAYS         400
#define MH_ART_MAX_PER_KIND 256  /* identity and network artifacts */
#define MH_ART_MAX_MOVED    2048 /* repositories, files and hashes moved */
#define MH_ART_VALUE_MAX    200

enum mh_art_kind {
	MH_ART_IP = 0,
	MH_ART_COUNTRY,
	MH_ART_ASN,
	MH_ART_MFA,
	MH_ART_HOST,
	MH_ART_USB,
	MH_ART_NAME,
	MH_ART_REPO,      /* repository cloned or downloaded */
	MH_ART_FILE,      /* file path archived, copied to USB, uploaded, mailed, downloaded */
	MH_ART_FILE_HASH, /* SHA-256 of such a file */
	MH_ART__COUNT
};

struct mh_day {
	int32_t day;    /* days since 1970-01-01, UTC */
	uint32_t hours; /* bit h: activity during UTC hour h */
	uint32_t events;
	uint16_t signins, signin_fail, signin_flagged; /* flagged: IP in intel or proxy */
	uint16_t moves[MH_MOVE__COUNT];                /* data movement events by class */
	uint64_t bytes_out;
	uint32_t move_file; /* first data movement of the day: source id and line */
	uint32_t move_line;
};

struct mh_art {
	char *value; /* in the state's string arena */
	uint8_t kind;
	uint8_t src;  /* enum mh_source of the first sighting */
	uint16_t len; /* strlen(value) */
	uint32_t count;
	int64_t first_ms, last_ms;
	uint32_t file_id; /* first sighting */
	uint64_t line;
};

struct mh_pstate {
	int64_t dbid;    /* store row id, 0 until saved */
	uint32_t roster; /* roster index, or MH_NOBODY for an unresolved person */
	char *key;       /* owned: employee_id, or the unresolved name */
	int64_t first_ms, last_ms;
	uint64_t events;
	uint32_t hour_hist[24];
	struct mh_day *days; /* sorted by day */
	uint32_t ndays, daycap;
	struct mh_art *arts;
	uint32_t narts, artcap;
	uint16_t nkind[MH_ART__COUNT];
	uint32_t art_dropped;
	uint32_t last_art[MH_ART__COUNT]; /* lookup cache: index+1 of the last artifact per kind */
	struct mh_ip last_ip;             /* the address behind last_art[MH_ART_IP] */
};

struct mh_strmap;

struct mh_art_slot {
	uint64_t hash; /* 0 = empty */
	uint32_t person, idx;
};

struct mh_state {
	const struct mh_people *people;
	struct mh_pstate *ps; /* [0, roster size) are roster people, in roster order */
	size_t n, cap;
	struct mh_strmap *unres; /* unresolved key -> index in ps */
	/* (person, kind, value) -> index in that person's arts: open addressing on
	 * a hash, compared against the artifact itself, so no key is copied */
	struct mh_art_slot *aidx;
	size_t amask, acount;
	struct mh_arena strings; /* artifact values */
	struct mh_strmap *names; /* raw "user\0host" as the source wrote it -> person + 1 */
	uint64_t events, unattributed;
	uint64_t per_source[MH_SRC__COUNT];
	int64_t max_ms; /* latest event time seen: the data's "now" */
};

void mh_state_init(struct mh_state *st, const struct mh_people *pp);
void mh_state_release(struct mh_state *st);

/* The person index for a roster index, or for an unresolved key (created on
 * first use). */
uint32_t mh_state_person(struct mh_state *st, uint32_t roster, const char *key);

/* Resolve ev to a person and fold it into that person's aggregates. Returns
 * the person index, or MH_NOBODY when the event names neither user nor host
 * (counted as unattributed). */
uint32_t mh_state_add_event(struct mh_state *st, const struct mh_event *ev);

/* Record an artifact sighting for person p (value cut to MH_ART_VALUE_MAX). */
void mh_state_add_art(struct mh_state *st, uint32_t p, enum mh_art_kind kind, const char *v,
                      size_t n, const struct mh_event *ev);

/* The day record of person p for day, created if absent (NULL when the day is
 * older than every kept day and the person is at MH_MAX_DAYS). */
struct mh_day *mh_state_day(struct mh_state *st, uint32_t p, int32_t day);

/* Fold src into dst; src is left unchanged. When pmap is not NULL it receives,
 * for each of src's src->n persons, that person's index in dst. */
void mh_state_merge(struct mh_state *dst, const struct mh_state *src, uint32_t *pmap);

/* Bytes the per-person part of st occupies: person records, day arrays,
 * artifacts with their strings, and the artifact index's share. */
size_t mh_state_bytes(const struct mh_state *st);

const char *mh_art_kind_name(int kind);
/* How many distinct values of kind one person keeps. */
unsigned mh_art_cap(int kind);
int mh_art_kind_parse(const char *name);

/* Days since the epoch for a UTC millisecond time (floor). */
static inline int32_t mh_day_of(int64_t ms)
{
	int64_t d = ms / 86400000;

	if (ms < 0 && d * 86400000 != ms)
		d--;
	return (int32_t)d;
}

#endif
