#ifndef MH_SOURCES_H
#define MH_SOURCES_H
/*
 * Which intel lists and MaxMind databases a scan uses. Paths given on the
 * command line are made absolute and remembered in the store (replacing the
 * earlier list of that kind); a scan given none uses the remembered ones, so
 * findings that rest on intel (signin.intel, signin.anonymizer ...) do not
 * vanish from a later scan that was not told again. A remembered file that
 * is gone is skipped with a warning and stays remembered; `forget` clears the
 * list.
 *
 * Ownership: *out is a malloc'ed array of malloc'ed paths, freed with
 * mh_store_free_list().
 */
#include <stddef.h>

#include "util/err.h"

struct mh_store;

/* key: "scan.intel" or "scan.mmdb". *remembered is set when the paths came
 * from the store. warn(arg, msg) hears of remembered files that are gone. */
int mh_scan_sources(struct mh_store *st, const char *key, const char *const *given, size_t n,
                    int forget, char ***out, size_t *nout, int *remembered,
                    void (*warn)(void *arg, const char *msg), void *arg, struct mh_err *err);

#endif
