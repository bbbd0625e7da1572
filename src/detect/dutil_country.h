#ifndef MH_DUTIL_COUNTRY_H
#define MH_DUTIL_COUNTRY_H
/* The name table behind mh_dutil_country_find (internal to the dutil files). */
#include <stddef.h>

struct mh_dutil_cname {
	const char *name;   /* lower-case */
	unsigned short idx; /* 0-based into the code-sorted country table */
};

extern const struct mh_dutil_cname mh_dutil_cnames[];
extern const size_t mh_dutil_ncnames;

#endif
