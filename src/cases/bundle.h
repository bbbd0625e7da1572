#ifndef MH_BUNDLE_H
#define MH_BUNDLE_H
/*
 * Case bundles: `molehunt case export` writes one directory that verifies
 * without molehunt's database, with nothing but sha256sum and a POSIX shell:
 *
 *   manifest.json   format, case, export time, entries, head hash, evidence list
 *   log.jsonl       the entries, one per line, byte for byte as hashed
 *   chain.txt       "seq prev hash" per entry
 *   evidence/SHA    every evidence blob of the case, named by its SHA-256
 *   verify.sh       checks SHA256SUMS, the chain and the head (sh + sha256sum)
 *   SHA256SUMS      sha256sum -c format, for every file above
 *
 * The directory must not exist (it is created, mode 0700). The case's head
 * hash is printed on export: record it elsewhere (ticket, e-mail to counsel),
 * since anyone who can rewrite the whole bundle can rewrite its manifest.
 */
#include <stdint.h>

#include "cases/verify.h"
#include "store/store.h"
#include "util/err.h"

#define MH_BUNDLE_FORMAT "molehunt-case-bundle/1"

/* Writes the bundle; head receives the case's head hash (65 bytes). */
int mh_bundle_export(struct mh_store *s, int64_t id, const char *dir, char *head,
                     struct mh_err *err);

#endif
