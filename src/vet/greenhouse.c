/*
 * Greenhouse Harvest candidate objects (GET /v1/candidates), one per array
 * element or JSON line, parsed with cJSON one record at a time (vetting is
 * not a hot path; the whole batch is never one tree).
 *
 * Read: id, first_name, last_name, phone_numbers[], email_addresses[],
 * addresses[] (type "home" is the claimed home), website_addresses[],
 * social_media_addresses[], applications[] (applied_at, jobs[].id,
 * source.public_name, credited_to.employee_id / email / name),
 * educations[].school_name (a country named in it), and the custom fields
 * Harvest has no place for, from custom_fields or keyed_custom_fields:
 * resume_text, photo_sha256 (or photo_hash), interview_ip, ship_address,
 * payroll_account (or bank_account), references, education_country.
 * docs/VET.md describes each.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "ingest/work.h"
#include "util/xalloc.h"
#include "vet/applicant.h"

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static size_t slen(const char *s)
{
	return s ? strnlen(s, MH_VET_FIELD_MAX + 1) : 0;
}

/* Each "value" of an array of {value, type} objects (plain strings too). */
static void each_value(struct mh_applicant *a, const cJSON *arr, enum mh_vet_kind kind)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
	{
		const char *v = cJSON_IsString(e) ? e->valuestring : str_of(e, "value");

		if (v)
			mh_applicant_add(a, kind, v, slen(v));
	}
}

static void addresses(struct mh_applicant *a, const cJSON *arr)
{
	const cJSON *e;
	int pass;

	/* the home address first, so that phones and the home country agree */
	for (pass = 0; pass < 2; pass++)
		cJSON_ArrayForEach(e, arr)
		{
			const char *v = cJSON_IsString(e) ? e->valuestring : str_of(e, "value");
			const char *t = cJSON_IsString(e) ? NULL : str_of(e, "type");
			int home = !t || !strcmp(t, "home");

			if (!v || home != !pass)
				continue;
			if (home)
				mh_applicant_set_home(a, v, slen(v));
			else
				mh_applicant_add(a, MH_VA_ADDRESS, v, slen(v));
		}
}

/* Split "a@x; b@y, c@z" or an array into references. */
static void refs(struct mh_applicant *a, const cJSON *v)
{
	const cJSON *e;
	const char *s, *p;

	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(e, v) if (cJSON_IsString(e))
		    mh_applicant_add_ref(a, e->valuestring, slen(e->valuestring));
		return;
	}
	if (!cJSON_IsString(v))
		return;
	for (s = v->valuestring; *s; s = *p ? p + 1 : p) {
		p = s + strcspn(s, ";,\n");
		mh_applicant_add_ref(a, s, (size_t)(p - s));
	}
}

static void edu_list(struct mh_applicant *a, const cJSON *v)
{
	const cJSON *e;
	const char *s, *p;

	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(e, v) if (cJSON_IsString(e))
		    mh_applicant_add_edu(a, e->valuestring, slen(e->valuestring));
		return;
	}
	if (!cJSON_IsString(v))
		return;
	for (s = v->valuestring; *s; s = *p ? p + 1 : p) {
		p = s + strcspn(s, ";|\n");
		mh_applicant_add_edu(a, s, (size_t)(p - s));
	}
}

/* One custom field by its key; keyed_custom_fields hold {name, type, value}. */
static const cJSON *custom(const cJSON *root, const char *key)
{
	const cJSON *cf = cJSON_GetObjectItemCaseSensitive(root, "custom_fields");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(cf, key), *k;

	if (v && !cJSON_IsNull(v))
		return v;
	k = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(root, "keyed_custom_fields"), key);
	v = cJSON_GetObjectItemCaseSensitive(k, "value");
	return v && !cJSON_IsNull(v) ? v : NULL;
}

static const char *custom_str(const cJSON *root, const char *key, const char *alt)
{
	const cJSON *v = custom(root, key);

	if (!v && alt)
		v = custom(root, alt);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void customs(struct mh_applicant *a, const cJSON *root)
{
	const char *v;

	if ((v = custom_str(root, "resume_text", NULL)))
		mh_applicant_set_str(&a->resume, v, strlen(v), MH_VET_RESUME_MAX);
	if ((v = custom_str(root, "photo_sha256", "photo_hash")))
		mh_applicant_add(a, MH_VA_PHOTO, v, slen(v));
	if ((v = custom_str(root, "interview_ip", NULL)))
		mh_applicant_set_str(&a->interview_ip, v, slen(v), 64);
	if ((v = custom_str(root, "ship_address", "ship_to_address")))
		mh_applicant_set_ship(a, v, slen(v));
	if ((v = custom_str(root, "payroll_account", "bank_account")))
		mh_applicant_add(a, MH_VA_PAYROLL, v, slen(v));
	refs(a, custom(root, "references"));
	edu_list(a, custom(root, "education_country"));
	edu_list(a, custom(root, "education_countries"));
}

static void referrer(struct mh_applicant *a, const cJSON *app)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(app, "credited_to");
	const char *v;

	if (a->referrer || !cJSON_IsObject(c))
		return;
	if (!(v = str_of(c, "employee_id")) && !(v = str_of(c, "email")) &&
	    !(v = str_of(c, "name")))
		return;
	mh_applicant_set_str(&a->referrer, v, slen(v), 256);
}

static void applications(struct mh_applicant *a, const cJSON *arr)
{
	const cJSON *app, *job;

	cJSON_ArrayForEach(app, arr)
	{
		const char *at = str_of(app, "applied_at");
		const char *src =
		    str_of(cJSON_GetObjectItemCaseSensitive(app, "source"), "public_name");
		int64_t ms = 0;
		int any = 0;

		if (at && mh_parse_time(at, strlen(at), &ms))
			ms = 0;
		if (src && !a->source)
			mh_applicant_set_str(&a->source, src, slen(src), 256);
		/* credited_to on a referral application names the referrer */
		referrer(a, app);
		cJSON_ArrayForEach(job, cJSON_GetObjectItemCaseSensitive(app, "jobs"))
		{
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(job, "id");

			if (cJSON_IsNumber(id) && id->valuedouble >= 0) {
				mh_applicant_add_job(a, (uint64_t)id->valuedouble, ms);
				any = 1;
			}
		}
		if (!any)
			mh_applicant_add_job(a, 0, ms);
	}
}

static void educations(struct mh_applicant *a, const cJSON *arr)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
	{
		const char *v = str_of(e, "school_name");

		if (v)
			mh_applicant_add_edu(a, v, slen(v));
	}
}

static int candidate_id(const cJSON *root, char *buf, size_t cap)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");

	if (cJSON_IsNumber(id) && id->valuedouble >= 0 && id->valuedouble < 9007199254740992.0)
		snprintf(buf, cap, "%llu", (unsigned long long)id->valuedouble);
	else if (cJSON_IsString(id) && id->valuestring[0] && strlen(id->valuestring) < cap)
		snprintf(buf, cap, "%s", id->valuestring);
	else
		return -1;
	return 0;
}

/* Decode one candidate; returns NULL with why set when it is not one. */
static const char *candidate(struct mh_applicants *set, const char *name, const cJSON *root,
                             uint64_t line)
{
	struct mh_applicant *a;
	char id[64];

	if (!cJSON_IsObject(root))
		return "not a JSON object";
	if (candidate_id(root, id, sizeof(id)))
		return "no candidate id";
	a = mh_applicant_new(set, name, line);
	a->id = mh_strdup(id);
	mh_applicant_set_name(a, str_of(root, "first_name"), str_of(root, "last_name"));
	addresses(a, cJSON_GetObjectItemCaseSensitive(root, "addresses"));
	each_value(a, cJSON_GetObjectItemCaseSensitive(root, "email_addresses"), MH_VA_EMAIL);
	each_value(a, cJSON_GetObjectItemCaseSensitive(root, "phone_numbers"), MH_VA_PHONE);
	each_value(a, cJSON_GetObjectItemCaseSensitive(root, "website_addresses"), MH_VA_URL);
	each_value(a, cJSON_GetObjectItemCaseSensitive(root, "social_media_addresses"), MH_VA_URL);
	applications(a, cJSON_GetObjectItemCaseSensitive(root, "applications"));
	educations(a, cJSON_GetObjectItemCaseSensitive(root, "educations"));
	customs(a, root);
	return NULL;
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

int mh_applicants_parse_greenhouse(struct mh_applicants *set, const char *name, const char *buf,
                                   size_t n, mh_vet_reject_fn reject, void *arg, struct mh_err *err)
{
	struct mh_jseq seq;
	struct mh_record rec;
	struct mh_err why;
	int rc;

	(void)err;
	if (n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		buf += 3, n -= 3;
	mh_jseq_init(&seq, buf, n, 1);
	while ((rc = mh_jseq_next(&seq, &rec, &why)) != 0) {
		cJSON *root;
		const char *bad;

		if (rc < 0) {
			reject_at(set, reject, arg, name, rec.line, why.msg);
			continue;
		}
		root = cJSON_ParseWithLength(rec.p, rec.n);
		bad = root ? candidate(set, name, root, rec.line) : "invalid JSON";
		if (bad)
			reject_at(set, reject, arg, name, rec.line, bad);
		cJSON_Delete(root);
	}
	return 0;
}

int mh_applicants_parse(struct mh_applicants *set, const char *name, const char *buf, size_t n,
                        mh_vet_reject_fn reject, void *arg, struct mh_err *err)
{
	size_t i = 0;

	if (n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i < n && (buf[i] == '[' || buf[i] == '{'))
		return mh_applicants_parse_greenhouse(set, name, buf, n, reject, arg, err);
	return mh_applicants_parse_csv(set, name, buf, n, reject, arg, err);
}

int mh_applicants_read(struct mh_applicants *set, const char *path, mh_vet_reject_fn reject,
                       void *arg, struct mh_err *err)
{
	char *buf;
	size_t n;
	int rc;

	if (mh_ingest_read_all(path, &buf, &n, MH_MAX_ARRAY_INPUT, err))
		return -1;
	rc = mh_applicants_parse(set, path, buf, n, reject, arg, err);
	free(buf);
	return rc;
}
