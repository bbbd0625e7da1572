#ifndef MH_APPLICANT_H
#define MH_APPLICANT_H
/*
 * Applicants as vetting sees them, decoded from Greenhouse Harvest candidate
 * objects (vet/greenhouse.c) or the applicant CSV (vet/applicant_csv.c), both
 * documented in docs/VET.md. Artifacts are stored canonical (vet/vnorm.h)
 * next to the text as written, so reports can quote the applicant.
 *
 * Limits: MH_VET_MAX_ARTS artifacts, MH_VET_MAX_JOBS applications,
 * MH_VET_MAX_REFS references, MH_VET_MAX_EDU education countries per
 * applicant (the rest are counted in `dropped`), resume text at most
 * MH_VET_RESUME_MAX bytes (cut at the limit), any other field at most
 * MH_VET_FIELD_MAX bytes (longer ones are ignored).
 *
 * Ownership: struct mh_applicants owns its array and every string in it
 * (mh_applicants_release). Applicants never move once a batch is complete.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_VET_MAX_ARTS   24
#define MH_VET_MAX_JOBS   64
#define MH_VET_MAX_REFS   8
#define MH_VET_MAX_EDU    8
#define MH_VET_RESUME_MAX (64u << 10)
#define MH_VET_FIELD_MAX  2048

/* Artifact kinds: the order is stored in the vet tables; append only. */
enum mh_vet_kind {
	MH_VA_EMAIL = 0,
	MH_VA_PHONE,
	MH_VA_ADDRESS,
	MH_VA_PAYROLL,
	MH_VA_URL,
	MH_VA_PHOTO,
	MH_VA__COUNT
};

extern const char *const mh_vet_kind_names[MH_VA__COUNT]; /* "email", "phone" ... */

struct mh_vet_art {
	uint8_t kind;
	char *value; /* canonical */
	char *raw;   /* as written */
};

struct mh_vet_job {
	uint64_t job;       /* requisition id (0 unknown) */
	int64_t applied_ms; /* 0 unknown */
};

struct mh_applicant {
	char *id;      /* candidate id */
	char *name;    /* "First Last" as written */
	char *surname; /* lower-case letters of the last name, for the family rule */
	struct mh_vet_art arts[MH_VET_MAX_ARTS];
	size_t narts;
	char *home;         /* canonical home address, or NULL */
	char home_cc[3];    /* country of the claimed home, "" unknown */
	char *ship;         /* canonical ship-to address, or NULL */
	char *resume;       /* resume text, or NULL */
	char *interview_ip; /* as written, or NULL */
	char edu_cc[MH_VET_MAX_EDU][3];
	size_t nedu;
	char *refs[MH_VET_MAX_REFS]; /* reference e-mails, canonical */
	size_t nrefs;
	char *referrer; /* credited employee: employee_id, else e-mail, else name */
	char *source;   /* application source name, or NULL */
	struct mh_vet_job jobs[MH_VET_MAX_JOBS];
	size_t njobs;
	int64_t applied_ms; /* earliest application, 0 unknown */
	uint32_t dropped;   /* values over the limits */
	const char *file;   /* borrowed from the batch */
	uint64_t line;
};

struct mh_applicants {
	struct mh_applicant *v;
	size_t n, cap;
	char **files; /* file names the applicants point into */
	size_t nfiles;
	uint64_t rejected; /* records refused */
};

/* Report a refused record: "file:line: why". */
typedef void (*mh_vet_reject_fn)(void *arg, const char *where, const char *why);

/* Read path ("-" stdin, .gz/.zst transparent): a JSON array or JSON Lines of
 * Greenhouse candidates when the first byte is '[' or '{', else the CSV.
 * Appends to set. Bad records go to reject (may be NULL) and are counted;
 * an unreadable file is an error. */
int mh_applicants_read(struct mh_applicants *set, const char *path, mh_vet_reject_fn reject,
                       void *arg, struct mh_err *err);
/* The same on a buffer; name is used in messages. */
int mh_applicants_parse(struct mh_applicants *set, const char *name, const char *buf, size_t n,
                        mh_vet_reject_fn reject, void *arg, struct mh_err *err);
int mh_applicants_parse_greenhouse(struct mh_applicants *set, const char *name, const char *buf,
                                   size_t n, mh_vet_reject_fn reject, void *arg,
                                   struct mh_err *err);
int mh_applicants_parse_csv(struct mh_applicants *set, const char *name, const char *buf, size_t n,
                            mh_vet_reject_fn reject, void *arg, struct mh_err *err);
void mh_applicants_release(struct mh_applicants *set);

/* --- building one applicant (decoders share these; vet/applicant.c) -------- */
struct mh_applicant *mh_applicant_new(struct mh_applicants *set, const char *file, uint64_t line);
/* Drop the last applicant added (a record the decoder refused). */
void mh_applicant_discard(struct mh_applicants *set);
/* Add a value of a kind (normalised here; the home country of the applicant,
 * if known, completes national phone numbers). Returns 1 if added, 0 when the
 * value is not one of that kind, a duplicate, or over the limits. */
int mh_applicant_add(struct mh_applicant *a, enum mh_vet_kind kind, const char *v, size_t n);
/* Home address: also sets home and home_cc, and adds it as an artifact. */
int mh_applicant_set_home(struct mh_applicant *a, const char *v, size_t n);
void mh_applicant_set_ship(struct mh_applicant *a, const char *v, size_t n);
void mh_applicant_set_name(struct mh_applicant *a, const char *first, const char *last);
void mh_applicant_add_ref(struct mh_applicant *a, const char *v, size_t n);
void mh_applicant_add_edu(struct mh_applicant *a, const char *v, size_t n);
void mh_applicant_add_job(struct mh_applicant *a, uint64_t job, int64_t applied_ms);
/* Set a string field (*dst, freed first) to v when it fits the field limit
 * (the resume: cut to MH_VET_RESUME_MAX). */
void mh_applicant_set_str(char **dst, const char *v, size_t n, size_t limit);

#endif
