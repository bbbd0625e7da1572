#include <stddef.h>

#include "cmd/cmd.h"
#include "util/xalloc.h"

void mh_arglist_push(struct mh_arglist *l, const char *s)
{
	l->v = mh_grow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = s;
}

const struct mh_command mh_commands[] = {
    {"scan", "read logs into the store, resolve people, run detectors", mh_cmd_scan},
    {"risk", "rank people by risk score", mh_cmd_risk},
    {"explain", "explain one person's score: timeline, evidence, activity heat maps",
     mh_cmd_explain},
    {"persons", "list people and how source user names resolved to them", mh_cmd_persons},
    {"detectors", "list detectors with their points, caps and settings", mh_cmd_detectors},
    {"simulate", "write a simulated company with hidden operatives", mh_cmd_simulate},
    {"eval", "score detection against a simulator's truth file", mh_cmd_eval},
    {"vet", "vet applicants: re-used identity artifacts, intel, velocity, inconsistencies",
     mh_cmd_vet},
    {"serve", "HTTP API and dashboard over the store, ingesting as it runs", mh_cmd_serve},
    {"extortion", "attribute an extortion message and its samples; opens a case", mh_cmd_extortion},
    {"case", "list, show, note, close, export and verify cases", mh_cmd_case},
    {"index", "fingerprint documents and repository checkouts for attribution", mh_cmd_index},
    {"share", "exchange keyed hashes of flagged people's artifacts with peer companies",
     mh_cmd_share},
    {NULL, NULL, NULL},
};
