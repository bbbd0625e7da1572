/*
 * The applicant CSV for applicant-tracking systems other than Greenhouse
 * (docs/VET.md): a header row, RFC 4180 quoting (ingest/csv.h), header names
 * case-insensitive, only candidate_id required. Lists inside a field are
 * separated by ';'. Unknown columns are ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/csv.h"
#include "ingest/ingest.h"
#include "util/xalloc.h"
#include "vet/applicant.h"

enum col {
	C_ID = 0,
	C_FIRST,
	C_LAST,
	C_NAME,
	C_EMAIL,
	C_PHONE,
	C_ADDRESS,
	C_SHIP,
	C_WEBSITE,
	C_PAYROLL,
	C_PHOTO,
	C_RESUME,
	C_IP,
	C_EDU,
	C_REFS,
	C_REFERRER,
	C_SOURCE,
	C_JOBS,
	C_APPLIED,
	C__COUNT
};

static const char *const col_names[C__COUNT] = {
    "candidate_id", "first_name",
    "last_name",    "name",
    "email",        "phone",
    "address",      "ship_address",
    "website",      "payroll_account",
    "photo_hash",   "resume_text",
    "interview_ip", "education_country",
    "references",   "referred_by",
    "source",       "job_ids",
    "applied_at",
};

/* Call fn for each ';'-separated item of v. */
static void each_item(struct mh_applicant *a, const char *v, enum mh_vet_kind kind)
{
	const char *p;

	for (; *v; v = *p ? p + 1 : p) {
		p = v + strcspn(v, ";");
		mh_applicant_add(a, kind, v, (size_t)(p - v));
	}
}

static void jobs(struct mh_applicant *a, const char *v, int64_t ms)
{
	const char *p;
	int any = 0;

	for (; *v; v = *p ? p + 1 : p) {
		unsigned long long id = 0;
		size_t k;

		p = v + strcspn(v, ";");
		for (k = 0; v + k < p && v[k] >= '0' && v[k] <= '9' && k < 18; k++)
			id = id * 10 + (unsigned)(v[k] - '0');
		if (k && v + k == p) {
			mh_applicant_add_job(a, id, ms);
			any = 1;
		}
	}
	if (!any)
		mh_applicant_add_job(a, 0, ms);
}

static void split_name(struct mh_applicant *a, const char *full)
{
	const char *sp = strrchr(full, ' ');
	char *first;

	if (!sp) {
		mh_applicant_set_name(a, NULL, full);
		return;
	}
	first = mh_strndup(full, (size_t)(sp - full));
	mh_applicant_set_name(a, first, sp + 1);
	free(first);
}

static void row(struct mh_applicant *a, const char *f[C__COUNT])
{
	const char *p, *v;
	int64_t ms = 0;

	a->id = mh_strdup(f[C_ID]);
	if (*f[C_FIRST] || *f[C_LAST])
		mh_applicant_set_name(a, f[C_FIRST], f[C_LAST]);
	else
		split_name(a, f[C_NAME]);
	mh_applicant_set_home(a, f[C_ADDRESS], strlen(f[C_ADDRESS]));
	mh_applicant_set_ship(a, f[C_SHIP], strlen(f[C_SHIP]));
	each_item(a, f[C_EMAIL], MH_VA_EMAIL);
	each_item(a, f[C_PHONE], MH_VA_PHONE);
	each_item(a, f[C_WEBSITE], MH_VA_URL);
	each_item(a, f[C_PAYROLL], MH_VA_PAYROLL);
	each_item(a, f[C_PHOTO], MH_VA_PHOTO);
	mh_applicant_set_str(&a->resume, f[C_RESUME], strlen(f[C_RESUME]), MH_VET_RESUME_MAX);
	mh_applicant_set_str(&a->interview_ip, f[C_IP], strlen(f[C_IP]), 64);
	mh_applicant_set_str(&a->referrer, f[C_REFERRER], strlen(f[C_REFERRER]), 256);
	mh_applicant_set_str(&a->source, f[C_SOURCE], strlen(f[C_SOURCE]), 256);
	for (v = f[C_EDU]; *v; v = *p ? p + 1 : p) {
		p = v + strcspn(v, ";");
		mh_applicant_add_edu(a, v, (size_t)(p - v));
	}
	for (v = f[C_REFS]; *v; v = *p ? p + 1 : p) {
		p = v + strcspn(v, ";");
		mh_applicant_add_ref(a, v, (size_t)(p - v));
	}
	if (*f[C_APPLIED] && mh_parse_time(f[C_APPLIED], strlen(f[C_APPLIED]), &ms))
		ms = 0;
	jobs(a, f[C_JOBS], ms);
}

static void reject_at(struct mh_applicants *set, mh_vet_reject_fn reject, void *arg,
                      const char *name, uint64_t line, const char *why)
{
	char where[1100];

	set->rejected++;
	if (!reject)
		return;
	snprintf(where, sizeof(where), "%s:%llu", name, (unsigned long long)line);
	reject(arg, where, why);
}

/* Column index of each known name in the header, -1 when absent. */
static int header(const struct mh_csv *c, int map[C__COUNT])
{
	size_t i, k;

	for (k = 0; k < C__COUNT; k++)
		map[k] = -1;
	for (i = 0; i < c->nf; i++)
		for (k = 0; k < C__COUNT; k++)
			if (map[k] < 0 && !strcasecmp(mh_csv_field(c, i), col_names[k]))
				map[k] = (int)i;
	return map[C_ID] < 0 ? -1 : 0;
}

int mh_applicants_parse_csv(struct mh_applicants *set, const char *name, const char *buf, size_t n,
                            mh_vet_reject_fn reject, void *arg, struct mh_err *err)
{
	struct mh_csv c;
	struct mh_err why;
	uint64_t line;
	int map[C__COUNT], rc, k;

	mh_csv_init(&c, buf, n);
	rc = mh_csv_next(&c, &line, &why);
	if (rc <= 0 || header(&c, map)) {
		mh_csv_release(&c);
		return mh_err_set(err, MH_EINPUT,
		                  "%s: not Greenhouse JSON, nor a CSV with a candidate_id column",
		                  name);
	}
	while ((rc = mh_csv_next(&c, &line, &why)) != 0) {
		const char *f[C__COUNT];

		if (rc < 0) {
			reject_at(set, reject, arg, name, line, why.msg);
			continue;
		}
		for (k = 0; k < C__COUNT; k++)
			f[k] = map[k] >= 0 && (size_t)map[k] < c.nf
			           ? mh_csv_field(&c, (size_t)map[k])
			           : "";
		if (!*f[C_ID] || strlen(f[C_ID]) > 63) {
			reject_at(set, reject, arg, name, line, "no candidate_id");
			continue;
		}
		row(mh_applicant_new(set, name, line), f);
	}
	mh_csv_release(&c);
	return 0;
}
