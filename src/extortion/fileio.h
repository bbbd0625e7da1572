#ifndef MH_FILEIO_H
#define MH_FILEIO_H
/*
 * Raw file bytes for evidence: no decompression, no conversion ("-" is
 * stdin). Ownership: *buf is malloc'ed, NUL-terminated; the caller frees it.
 */
#include <stddef.h>

#include "util/err.h"

/* Fails with MH_ELIMIT past limit bytes, MH_EIO when unreadable. */
int mh_file_read(const char *path, size_t limit, unsigned char **buf, size_t *n,
                 struct mh_err *err);

#endif
