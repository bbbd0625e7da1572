#ifndef MH_STATE_INT_H
#define MH_STATE_INT_H
/*
 * Inside the state: what state.c (people, events, merge), state_days.c (the
 * packed day records) and state_arts.c (artifacts and their index) share.
 * Nothing outside src/core/ includes this.
 */
#include "core/state.h"

/* Per person, only while a state takes events: what the last event set, so
 * the next one that repeats it skips the lookups. */
struct mh_pcache {
	struct mh_ip last_ip;             /* the address behind last_art[MH_ART_IP] */
	uint16_t last_art[MH_ART__COUNT]; /* index + 1 of the last artifact per kind */
};

/* Fold one event into the day records of ps (hour: its UTC hour). */
void mh_days_add_event(struct mh_pstate *ps, const struct mh_event *ev, int hour);
/* Fold one whole day into ps. */
void mh_days_add(struct mh_pstate *ps, const struct mh_day *d);
void mh_days_trim(struct mh_pstate *ps);

/* Find or add artifact (kind, v[0..n)) of person p; NULL when the kind is
 * not kept or is full. *isnew says whether it was added. */
struct mh_art *mh_arts_get(struct mh_state *st, uint32_t p, int kind, const char *v, size_t n,
                           int *isnew);
/* The same for an IPv4 address held in the record (network order). */
struct mh_art *mh_arts_get_v4(struct mh_state *st, uint32_t p, uint32_t addr, int *isnew);
/* The same for an IP address. */
struct mh_art *mh_arts_get_ip(struct mh_state *st, uint32_t p, const struct mh_ip *ip, int *isnew);
/* Widen a's first/last seen and add to its count from a sighting record. */
void mh_arts_fold(struct mh_art *a, const struct mh_art *s, int isnew);
void mh_arts_trim(struct mh_pstate *ps);

#endif
