#ifndef MH_ROSTER_H
#define MH_ROSTER_H
/*
 * The HR roster (SPEC section 3): a CSV file with a header row. Header names are
 * case-insensitive; only employee_id and email are required; unknown columns
 * are kept as attributes. Parsed with RFC 4180 quoting (quoted fields may hold
 * commas, quotes and newlines). A row with a missing id or e-mail, a bad date
 * or a duplicate employee_id is rejected as "file:line: reason" and counted.
 *
 * Ownership: struct mh_roster owns every entry and string; entries never move
 * after mh_roster_load() returns (pointers to them stay valid until free).
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_ROSTER_MAX_ALIASES 16

struct mh_attr {
	char *key; /* lower-cased header */
	char *value;
};

struct mh_roster_entry {
	char *employee_id;
	char *email; /* lower-cased */
	char *name, *department, *title, *manager_id;
	char country[3]; /* ISO 3166-1 alpha-2, upper-case; "" unknown */
	char *city;
	char *timezone;                                /* IANA name, "" unknown */
	int32_t hire_day, notice_day, termination_day; /* days since epoch; INT32_MIN = none */
	int privileged;
	char *aliases[MH_ROSTER_MAX_ALIASES]; /* lower-cased */
	size_t naliases;
	char *phone, *personal_email, *payroll_account, *laptop_serial, *ship_address, *referred_by;
	struct mh_attr *attrs; /* unknown columns */
	size_t nattrs;
	uint64_t line; /* where the row starts */
};

struct mh_roster {
	struct mh_roster_entry *v;
	size_t n;
	char *path;
	uint64_t rejected;
};

#define MH_DAY_NONE INT32_MIN

/* Does the first line of a file look like a roster header? (employee_id and email) */
int mh_roster_sniff(const char *first_line, size_t n);

/* Load path ("-" for stdin, .gz/.zst transparent) into r (zeroed by caller, or
 * an earlier roster to append to). Bad rows go to reject and are counted; an
 * unreadable file or a header without employee_id/email is an error. */
int mh_roster_load(struct mh_roster *r, const char *path,
                   void (*reject)(void *arg, const char *where, const char *why), void *arg,
                   struct mh_err *err);
/* The same from memory; name is used in messages ("name:line: reason"). */
int mh_roster_parse_mem(struct mh_roster *r, const char *name, const char *buf, size_t n,
                        void (*reject)(void *arg, const char *where, const char *why), void *arg,
                        struct mh_err *err);
void mh_roster_free(struct mh_roster *r);

/* "2024-03-01" -> days since 1970-01-01; -1 on error (with *day untouched). */
int mh_parse_day(const char *s, size_t n, int32_t *day);

#endif
