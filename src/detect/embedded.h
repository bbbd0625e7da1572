#ifndef MH_EMBEDDED_H
#define MH_EMBEDDED_H
/*
 * Data files compiled into the binary: the Makefile runs scripts/embed-data
 * over data/NAME.tsv into build/<variant>/gen/data.c, which defines
 * mh_embedded_files. Static and read-only; nothing to free.
 */
#include <stddef.h>

struct mh_embedded {
	const char *name; /* file name without directory: "kvm.tsv" */
	const char *data; /* the bytes, NUL-terminated (the NUL is not counted) */
	size_t n;
};

/* Terminated by an entry with name NULL. */
extern const struct mh_embedded mh_embedded_files[];

/* The embedded file called name, or NULL. */
const struct mh_embedded *mh_embedded_find(const char *name);

#endif
