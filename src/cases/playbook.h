#ifndef MH_PLAYBOOK_H
#define MH_PLAYBOOK_H
/*
 * The extortion-response playbook attached to every extortion case, drawn
 * from public guidance (sources in each step and docs/CASES.md). Each step
 * has a stable id that `molehunt case note ID --done STEP` marks done in the
 * case log. Static data: nothing to free.
 */
#include <stddef.h>

struct cJSON;

struct mh_play_step {
	const char *id;
	const char *title;
	const char *action;
	const char *source;
};

extern const struct mh_play_step mh_playbook[];
extern const size_t mh_playbook_n;

const struct mh_play_step *mh_playbook_find(const char *id);
/* The playbook as a JSON array of {id, title, action, source} (caller owns). */
struct cJSON *mh_playbook_json(void);

#endif
