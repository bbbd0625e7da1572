#ifndef MH_STATE_H
#define MH_STATE_H
/*
 * What molehunt keeps about each person while it scans, bounded and packed:
 *
 *   - one activity record (struct mh_aday, 16 bytes) per UTC day with
 *     activity, at most MH_MAX_DAYS (the oldest day is dropped first): the
 *     hours with activity, events and sign-ins (failed, flagged); and for a
 *     day that moved data one more record (struct mh_mday, 24 bytes):
 *     movements by class, bytes out and the first movement's source line.
 *     Counters saturate rather than wrap (MH_DAY_*_MAX). Readers walk a
 *     person's days as whole struct mh_day values (mh_days_next) and never
 *     see the packing;
 *   - a 24-bucket histogram of events by UTC hour;
 *   - artifacts (struct mh_art, 32 bytes: IP, country, ASN, MFA device,
 *     host, USB device, user name as spelled; and for data movement only:
 *     repository, file path, file hash) with first/last seen, count and the
 *     first source line, at most mh_art_cap(kind) per kind (later new values
 *     are counted in art_dropped, not kept). A value is interned once per
 *     state (core/intern.h), so values people share cost their bytes once; an
 *     IPv4 address is held in the record itself. A person with more than a
 *     few artifacts gets a small index over them (16-bit slots).
 *
 * Which artifact kinds a state keeps (mh_state_keep): a state that takes
 * events (one per scanning thread) keeps every kind, because the store adds
 * a scan's artifacts to the stored ones. The state a scan keeps for its whole
 * run (loaded from the store, merged with the threads') needs only the kinds
 * detectors read after the scan, MH_ART_KEPT_KINDS (IP addresses, MFA
 * devices); the other kinds live in the store's artifacts table.
 *
 * Raw events are never kept. One struct mh_state per scanning thread; the
 * scan merges them (mh_state_merge) and the store loads and saves them.
 *
 * Ownership: the state owns its persons, days, artifacts and strings; it
 * borrows the people table, which must outlive it. Pointers into the state
 * (records, strings) stay valid until the next call that adds to it.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/intern.h"
#include "core/people.h"

#define MH_MAX_DAYS         400
#define MH_ART_MAX_PER_KIND 256  /* identity and network artifacts */
#define MH_ART_MAX_MOVED    2048 /* repositories, files and hashes moved */
#define MH_ART_VALUE_MAX    200
#define MH_ART_COUNT_MAX    0xffffffu         /* an artifact's count saturates here */
#define MH_DAY_MOVES_MAX    UINT8_MAX         /* a class's movements in one day */
#define MH_DAY_FAIL_MAX     UINT8_MAX         /* failed sign-ins in one day */
#define MH_DAY_BYTES_MAX    0xffffffffffffULL /* bytes out in one day (48 bits) */
#define MH_ART_TEXT_MAX     64                /* buffer for mh_art_text() of an IPv4 artifact */

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

/* The kinds a detector reads after the scan (farm.shared_egress, signin.*,
 * farm.shared_mfa): what the state kept across a scan holds. */
#define MH_ART_KEPT_KINDS (1u << MH_ART_IP | 1u << MH_ART_MFA)
#define MH_ART_ALL_KINDS  ((1u << MH_ART__COUNT) - 1)

/* One day, as readers see it. */
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

/* A day with activity, packed. */
struct mh_aday {
	int32_t day;
	uint32_t hours : 24;
	uint32_t signin_fail : 8; /* saturating */
	uint32_t events;          /* saturating */
	uint16_t signins, signin_flagged;
};

/* The data movement of a day, packed; only days that moved data have one. */
struct mh_mday {
	int32_t day;
	uint32_t move_file, move_line; /* first movement (line saturating) */
	uint32_t bytes_lo;             /* bytes out: bytes_hi << 32 | bytes_lo, saturating */
	uint16_t bytes_hi;
	uint8_t moves[MH_MOVE__COUNT - 1]; /* [c - 1]: movements of class c, saturating */
};

static inline uint64_t mh_mday_bytes(const struct mh_mday *m)
{
	return (uint64_t)m->bytes_hi << 32 | m->bytes_lo;
}

struct mh_art {
	int64_t first_ms, last_ms;
	uint32_t value;      /* interned id (mh_art_text), or the IPv4 address when v4 */
	uint32_t count : 24; /* saturating at MH_ART_COUNT_MAX */
	uint32_t kind : 4;
	uint32_t src : 3; /* enum mh_source of the first sighting */
	uint32_t v4 : 1;
	uint32_t file_id; /* first sighting: source id and line (saturating) */
	uint32_t line;
};

struct mh_pstate {
	int64_t dbid; /* store row id, 0 until saved */
	int64_t first_ms, last_ms;
	uint64_t events;
	char *key;       /* owned: employee_id, or the unresolved name */
	uint32_t roster; /* roster index, or MH_NOBODY for an unresolved person */
	uint32_t art_dropped;
	uint32_t hour_hist[24];
	struct mh_aday *days;  /* sorted by day */
	struct mh_mday *mdays; /* sorted by day; each has an entry in days */
	struct mh_art *arts;   /* in the order they were first added */
	uint16_t *aidx;        /* open addressing: index into arts + 1; NULL while few */
	uint16_t ndays, daycap, nmdays, mdaycap, narts, artcap;
	uint16_t nkind[MH_ART__COUNT];
	uint8_t aidx_bits; /* aidx has 1 << aidx_bits slots */
};

struct mh_strmap;
struct mh_pcache;

struct mh_state {
	const struct mh_people *people;
	struct mh_pstate *ps; /* [0, roster size) are roster people, in roster order */
	size_t n, cap;
	struct mh_pcache *cache;  /* per person, while the state takes events */
	struct mh_strmap *unres;  /* unresolved key -> index in ps */
	struct mh_intern strings; /* artifact values */
	unsigned kinds;           /* bit k: artifacts of kind k are kept */
	struct mh_strmap *names;  /* raw "user\0host" as the source wrote it -> person + 1 */
	uint64_t events, unattributed;
	uint64_t per_source[MH_SRC__COUNT];
	int64_t max_ms; /* latest event time seen: the data's "now" */
};

/* A state keeping every artifact kind. */
void mh_state_init(struct mh_state *st, const struct mh_people *pp);
void mh_state_release(struct mh_state *st);

/* Keep only the artifact kinds in mask (bits 1 << kind) from now on; call
 * before adding anything. */
void mh_state_keep(struct mh_state *st, unsigned mask);

/* The person index for a roster index, or for an unresolved key (created on
 * first use). */
uint32_t mh_state_person(struct mh_state *st, uint32_t roster, const char *key);

/* Resolve ev to a person and fold it into that person's aggregates. Returns
 * the person index, or MH_NOBODY when the event names neither user nor host
 * (counted as unattributed). */
uint32_t mh_state_add_event(struct mh_state *st, const struct mh_event *ev);

/* Fold one whole day into person p's (counts added, saturating; hours
 * joined; the earliest movement line kept). Nothing happens when the day is
 * older than every kept day and p has MH_MAX_DAYS. */
void mh_state_add_day(struct mh_state *st, uint32_t p, const struct mh_day *d);

/* Forget p's days before day `before`. */
void mh_state_drop_days(struct mh_state *st, uint32_t p, int32_t before);

/* Fold an artifact of person p with value v[0..n) into p's, taking count,
 * first/last seen and first sighting from a (its value and kind fields are
 * ignored). Returns 0, or -1 when the kind is not kept or is full (counted in
 * art_dropped). */
int mh_state_put_art(struct mh_state *st, uint32_t p, enum mh_art_kind kind, const char *v,
                     size_t n, const struct mh_art *a);

/* The artifact's value as text: the interned string, or buf (cap bytes, at
 * least MH_ART_TEXT_MAX) holding the formatted IPv4 address. */
const char *mh_art_text(const struct mh_state *st, const struct mh_art *a, char *buf, size_t cap);
/* The address of an IP artifact: 0, or -1 when a is not a valid IP. */
int mh_art_ip(const struct mh_state *st, const struct mh_art *a, struct mh_ip *ip);

/* Walk a person's days in order as whole days:
 *     for (mh_days_begin(&it, ps); mh_days_next(&it, &d);) ... */
struct mh_day_iter {
	const struct mh_pstate *ps;
	uint32_t i, j;
};
void mh_days_begin(struct mh_day_iter *it, const struct mh_pstate *ps);
int mh_days_next(struct mh_day_iter *it, struct mh_day *d);

/* Fold src into dst; src is left unchanged. When pmap is not NULL it receives,
 * for each of src's src->n persons, that person's index in dst. */
void mh_state_merge(struct mh_state *dst, const struct mh_state *src, uint32_t *pmap);

/* Give back the spare capacity of every person's arrays (once nothing more
 * will be added, e.g. after the merge). */
void mh_state_trim(struct mh_state *st);

/* Bytes the per-person part of st holds, by part. */
struct mh_state_size {
	size_t persons; /* person records, keys, event caches */
	size_t days;    /* activity and movement day records */
	size_t arts;    /* artifact records */
	size_t strings; /* interned values and their lookup table */
	size_t index;   /* the per-person artifact indexes */
};
void mh_state_size(const struct mh_state *st, struct mh_state_size *sz);
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
