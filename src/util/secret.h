#ifndef MH_SECRET_H
#define MH_SECRET_H
/*
 * Reading a file that holds secrets (bearer tokens, consortium keys, webhook
 * secrets): it must be a regular file that neither group nor others can read
 * or write (mode 600), no larger than max bytes.
 *
 * Ownership: the caller's buffer; the caller wipes it (explicit_bzero) when
 * done.
 */
#include <stddef.h>

#include "util/err.h"

/* Read path into buf (cap bytes, cap > max), *n receives the length. what
 * names the file in messages ("webhook secret", ...) or is NULL. */
int mh_secret_read(const char *what, const char *path, char *buf, size_t cap, size_t max, size_t *n,
                   struct mh_err *err);

#endif
