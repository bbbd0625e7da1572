#ifndef MH_INTEL_INT_H
#define MH_INTEL_INT_H
/*
 * Internals shared by the intel loaders (plain.c, stix.c, load.c) and the
 * indicator store (intel.c). Not for use outside src/intel/.
 *
 * Ownership: struct mh_intel owns every table and string; a loader's
 * struct mh_intel_src borrows its name and callbacks for one load call.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "intel/cidr.h"
#include "intel/intel.h"
#include "util/strmap.h"

#define MH_INTEL_LABEL_MAX 128
#define MH_INTEL_VALUE_MAX 1024 /* longest indicator text we look at */
#define MH_INTEL_WARN_MAX  100  /* warnings per file before the rest are only counted */

struct mh_intel_tag {
	char *label;  /* owned */
	char *source; /* owned */
};

struct mh_intel {
	struct mh_cidr *cidr;
	struct mh_strmap *sets[MH_IOC__COUNT]; /* normalised value -> tag; [MH_IOC_IP] unused */
	struct mh_strmap *tag_ids;             /* "label\0source" -> index in tags */
	struct mh_intel_tag *tags;
	size_t ntags, cap_tags;
	int sealed;
};

/* One file being loaded. */
struct mh_intel_src {
	struct mh_intel *in;
	const char *name;               /* as given: messages and hit.source */
	char label[MH_INTEL_LABEL_MAX]; /* default label for this file */
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
	size_t warnings;
};

/* Intern (label, source) and return its tag. */
uint32_t mh_intel_tag(struct mh_intel *in, const char *label, const char *source);

/* Add an indicator of kind (MH_IOC__COUNT: infer it from the text) with a tag.
 * Returns the kind stored, or -1 when the text is not a plausible value of
 * that kind (nothing stored). */
int mh_intel_add_value(struct mh_intel *in, int kind, const char *v, size_t n, uint32_t tag);

/* Report "fmt" through src->warn, counted; after MH_INTEL_WARN_MAX per file
 * only counted. */
void mh_intel_warnf(struct mh_intel_src *src, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Loaders for one file already in memory. */
int mh_intel_plain_load(struct mh_intel_src *src, const char *data, size_t n);
int mh_intel_stix_load(struct mh_intel_src *src, const char *data, size_t n, struct mh_err *err);

#endif
