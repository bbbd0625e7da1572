#ifndef MH_XALLOC_H
#define MH_XALLOC_H
/*
 * Allocation that cannot fail: on exhaustion the process prints a message and
 * exits with status 3 (the Redis choice), so call sites stay clean. Every size
 * derived from input must be checked against a limit before it reaches these.
 * Memory from these functions is released with free().
 */
#include <stddef.h>

void *mh_malloc(size_t n);
void *mh_calloc(size_t count, size_t size);
void *mh_realloc(void *p, size_t n);
/* Grow-by-doubling helper: returns p resized to hold at least need elements of
 * size each, updating *cap. */
void *mh_grow(void *p, size_t *cap, size_t need, size_t size);
char *mh_strdup(const char *s);
char *mh_strndup(const char *s, size_t n);

#endif
