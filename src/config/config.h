#ifndef MH_CONFIG_H
#define MH_CONFIG_H
/*
 * One YAML file holds every weight, window, threshold and allow-list
 * (docs/CONFIG.md). Nested mappings flatten to dotted keys:
 *
 *   risk:
 *     half_life_days: 14
 *   allow:
 *     remote_tools: [teamviewer, zoom]
 *   detectors:
 *     endpoint.remote_tool:
 *       points: 20
 *       first_days: 30
 *
 * gives "risk.half_life_days", "allow.remote_tools" and
 * "detectors.endpoint.remote_tool.first_days". Every key must be declared
 * (struct mh_param: the global table in config.c, or a detector's params with
 * "enabled", "points" and "cap" implied for every detector); an unknown key, a
 * wrong type or a value out of range is rejected as "FILE:LINE: reason".
 *
 * Ownership: struct mh_config owns every string; lists returned by
 * mh_config_list() live as long as the config. Read-only after loading, so
 * threads may share it.
 */
#include <stddef.h>

#include "util/err.h"

enum mh_ptype { MH_P_NUM = 0, MH_P_BOOL, MH_P_LIST, MH_P_STR };

struct mh_param {
	const char *name; /* within its detector ("first_days") or a global key */
	enum mh_ptype type;
	double def, min, max; /* numbers; bool default as 0/1 */
	const char *doc;      /* one line for docs/CONFIG.md and `molehunt detectors` */
};

struct mh_config;

/* path NULL: every default. */
struct mh_config *mh_config_load(const char *path, struct mh_err *err);
/* The same from memory (name used in messages). */
struct mh_config *mh_config_parse(const char *name, const char *text, size_t n, struct mh_err *err);
void mh_config_free(struct mh_config *c);

/* Values: the configured one, else def. c may be NULL (all defaults). */
double mh_config_num(const struct mh_config *c, const char *key, double def);
int mh_config_bool(const struct mh_config *c, const char *key, int def);
const char *mh_config_str(const struct mh_config *c, const char *key, const char *def);
/* Items of a list (*items NULL and 0 when absent). */
size_t mh_config_list(const struct mh_config *c, const char *key, const char *const **items);

/* A global key's value, else its declared default (mh_global_params; a
 * string setting's default is "" unless config.c lists another). */
double mh_config_gnum(const struct mh_config *c, const char *key);
const char *mh_config_gstr(const struct mh_config *c, const char *key);

/* Shortcuts for "detectors.<id>.<name>". */
double mh_config_dnum(const struct mh_config *c, const char *detector, const char *name,
                      double def);

/* The global keys (risk.*, allow.*, alert.*), NULL-terminated by name. */
extern const struct mh_param mh_global_params[];

#endif
