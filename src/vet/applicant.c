/*
 * Building applicants (applicant.h): every value goes through its
 * normaliser here, so the decoders only find fields.
 */
#include "vet/applicant.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "intel/norm.h"
#include "util/xalloc.h"
#include "vet/vnorm.h"

#define KEY_MAX 1100

const char *const mh_vet_kind_names[MH_VA__COUNT] = {"email",   "phone", "address",
                                                     "payroll", "url",   "photo"};

struct mh_applicant *mh_applicant_new(struct mh_applicants *set, const char *file, uint64_t line)
{
	struct mh_applicant *a;

	if (!set->nfiles || strcmp(set->files[set->nfiles - 1], file)) {
		set->files = mh_realloc(set->files, (set->nfiles + 1) * sizeof(*set->files));
		set->files[set->nfiles++] = mh_strdup(file);
	}
	set->v = mh_grow(set->v, &set->cap, set->n + 1, sizeof(*set->v));
	a = &set->v[set->n++];
	memset(a, 0, sizeof(*a));
	a->file = set->files[set->nfiles - 1];
	a->line = line;
	return a;
}

static void applicant_free(struct mh_applicant *a)
{
	size_t i;

	for (i = 0; i < a->narts; i++) {
		free(a->arts[i].value);
		free(a->arts[i].raw);
	}
	for (i = 0; i < a->nrefs; i++)
		free(a->refs[i]);
	free(a->id);
	free(a->name);
	free(a->surname);
	free(a->home);
	free(a->ship);
	free(a->resume);
	free(a->interview_ip);
	free(a->referrer);
	free(a->source);
}

void mh_applicant_discard(struct mh_applicants *set)
{
	if (set->n)
		applicant_free(&set->v[--set->n]);
}

void mh_applicants_release(struct mh_applicants *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		applicant_free(&set->v[i]);
	for (i = 0; i < set->nfiles; i++)
		free(set->files[i]);
	free(set->files);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

void mh_applicant_set_str(char **dst, const char *v, size_t n, size_t limit)
{
	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
		n--;
	if (!v || !n)
		return;
	if (n > limit) {
		if (limit != MH_VET_RESUME_MAX)
			return;
		n = limit;
	}
	free(*dst);
	*dst = mh_strndup(v, n);
}

/* Photo hashes: a cryptographic hash (intel/norm.h) or a 64-bit perceptual
 * hash written as 16 hex digits, optionally after "phash:". */
static size_t photo_hash(const char *v, size_t n, char *dst, size_t cap)
{
	size_t len = mh_norm_hash(v, n, dst, cap), i;

	if (len)
		return len;
	if (n > 6 && !strncasecmp(v, "phash:", 6))
		v += 6, n -= 6;
	if (n != 16 || cap <= 16)
		return 0;
	for (i = 0; i < 16; i++) {
		char c = (char)(v[i] | 0x20);

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return 0;
		dst[i] = c;
	}
	dst[16] = '\0';
	return 16;
}

static size_t canon(const struct mh_applicant *a, enum mh_vet_kind kind, const char *v, size_t n,
                    char *dst, size_t cap)
{
	size_t i, o = 0;

	switch (kind) {
	case MH_VA_EMAIL:
		return mh_vet_norm_email(v, n, dst, cap);
	case MH_VA_PHONE:
		return mh_vet_norm_phone(v, n, a->home_cc, dst, cap);
	case MH_VA_ADDRESS:
		return mh_vet_norm_address(v, n, dst, cap);
	case MH_VA_URL:
		return mh_vet_norm_url(v, n, NULL, dst, cap);
	case MH_VA_PHOTO:
		return photo_hash(v, n, dst, cap);
	case MH_VA_PAYROLL:
		/* account numbers and IBANs: letters and digits, upper case */
		for (i = 0; i < n && o + 1 < cap; i++) {
			char c = v[i];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 32);
			if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
				dst[o++] = c;
		}
		dst[o] = '\0';
		return o >= 6 && i == n ? o : 0;
	default:
		return 0;
	}
}

int mh_applicant_add(struct mh_applicant *a, enum mh_vet_kind kind, const char *v, size_t n)
{
	char key[KEY_MAX];
	size_t len, i;

	if (!v || n > MH_VET_FIELD_MAX)
		return 0;
	len = canon(a, kind, v, n, key, sizeof(key));
	if (!len)
		return 0;
	for (i = 0; i < a->narts; i++)
		if (a->arts[i].kind == kind && !strcmp(a->arts[i].value, key))
			return 0;
	if (a->narts == MH_VET_MAX_ARTS) {
		a->dropped++;
		return 0;
	}
	a->arts[a->narts].kind = (uint8_t)kind;
	a->arts[a->narts].value = mh_strndup(key, len);
	a->arts[a->narts].raw = mh_strndup(v, n);
	a->narts++;
	return 1;
}

int mh_applicant_set_home(struct mh_applicant *a, const char *v, size_t n)
{
	char key[KEY_MAX];
	size_t len;

	if (!v || n > MH_VET_FIELD_MAX)
		return 0;
	len = mh_vet_norm_address(v, n, key, sizeof(key));
	if (!len)
		return 0;
	if (!a->home) {
		a->home = mh_strndup(key, len);
		mh_vet_address_country(v, n, a->home_cc);
	}
	return mh_applicant_add(a, MH_VA_ADDRESS, v, n);
}

void mh_applicant_set_ship(struct mh_applicant *a, const char *v, size_t n)
{
	char key[KEY_MAX];
	size_t len;

	if (!v || n > MH_VET_FIELD_MAX || a->ship)
		return;
	len = mh_vet_norm_address(v, n, key, sizeof(key));
	if (len)
		a->ship = mh_strndup(key, len);
}

void mh_applicant_set_name(struct mh_applicant *a, const char *first, const char *last)
{
	size_t fl = first ? strnlen(first, MH_VET_FIELD_MAX) : 0;
	size_t ll = last ? strnlen(last, MH_VET_FIELD_MAX) : 0, i, o = 0;

	free(a->name);
	free(a->surname);
	a->name = mh_malloc(fl + ll + 2);
	memcpy(a->name, first ? first : "", fl);
	a->name[fl] = fl && ll ? ' ' : '\0';
	memcpy(a->name + fl + (fl && ll), last ? last : "", ll);
	a->name[fl + (fl && ll) + ll] = '\0';
	a->surname = mh_malloc(ll + 1);
	for (i = 0; i < ll; i++) {
		char c = last[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80)
			a->surname[o++] = c;
	}
	a->surname[o] = '\0';
}

void mh_applicant_add_ref(struct mh_applicant *a, const char *v, size_t n)
{
	char key[KEY_MAX];
	size_t len;

	if (!v || n > MH_VET_FIELD_MAX)
		return;
	len = mh_vet_norm_email(v, n, key, sizeof(key));
	if (!len)
		return;
	if (a->nrefs == MH_VET_MAX_REFS) {
		a->dropped++;
		return;
	}
	a->refs[a->nrefs++] = mh_strndup(key, len);
}

void mh_applicant_add_edu(struct mh_applicant *a, const char *v, size_t n)
{
	char cc[3];

	if (!v || n > MH_VET_FIELD_MAX)
		return;
	if (n == 2 && ((v[0] | 0x20) >= 'a' && (v[0] | 0x20) <= 'z') &&
	    ((v[1] | 0x20) >= 'a' && (v[1] | 0x20) <= 'z')) {
		cc[0] = (char)(v[0] & ~0x20);
		cc[1] = (char)(v[1] & ~0x20);
		cc[2] = '\0';
	} else if (!mh_vet_address_country(v, n, cc)) {
		return;
	}
	if (a->nedu == MH_VET_MAX_EDU) {
		a->dropped++;
		return;
	}
	memcpy(a->edu_cc[a->nedu++], cc, 3);
}

void mh_applicant_add_job(struct mh_applicant *a, uint64_t job, int64_t applied_ms)
{
	if (a->njobs == MH_VET_MAX_JOBS) {
		a->dropped++;
		return;
	}
	a->jobs[a->njobs].job = job;
	a->jobs[a->njobs++].applied_ms = applied_ms;
	if (applied_ms && (!a->applied_ms || applied_ms < a->applied_ms))
		a->applied_ms = applied_ms;
}
