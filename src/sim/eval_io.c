/*
 * eval's input and output: truth.json and the JSON that `molehunt risk`,
 * `vet` and `extortion` print, read with cJSON (not a hot path); the report
 * printed as text or JSON.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/eval.h"
#include "util/xalloc.h"

static char *slurp(const char *path, struct mh_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f) {
		mh_err_set(err, MH_EINPUT, "%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (n + 65536 + 1 > cap)
			buf = mh_grow(buf, &cap, n + 65536 + 1, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > MH_EVAL_MAX_FILE) {
			fclose(f);
			free(buf);
			mh_err_set(err, MH_ELIMIT, "%s: larger than %u bytes", path,
			           MH_EVAL_MAX_FILE);
			return NULL;
		}
	} while (got);
	if (ferror(f)) {
		mh_err_set(err, MH_EINPUT, "%s: read error", path);
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

static cJSON *parse_file(const char *path, struct mh_err *err)
{
	char *text = slurp(path, err);
	const char *end = NULL;
	cJSON *root;

	if (!text)
		return NULL;
	root = cJSON_ParseWithOpts(text, &end, 0);
	if (!root)
		mh_err_set(err, MH_EINPUT, "%s: not valid JSON near byte %ld", path,
		           end ? (long)(end - text) : 0L);
	free(text);
	return root;
}

static char *dup_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsString(v) && v->valuestring)
		return mh_strdup(v->valuestring);
	if (cJSON_IsNumber(v)) {
		char b[32];

		snprintf(b, sizeof(b), "%.0f", v->valuedouble);
		return mh_strdup(b);
	}
	return NULL;
}

/* Family index of a scenario name, adding it when new. */
static int family(struct mh_eval_truth *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nfamilies; i++)
		if (!strcmp(t->families[i], name))
			return (int)i;
	if (t->nfamilies == MH_EVAL_MAX_FAMILIES)
		return -1;
	t->families[t->nfamilies] = mh_strdup(name);
	return (int)t->nfamilies++;
}

static struct mh_eval_person *person_by_id(struct mh_eval_truth *t, const char *id)
{
	size_t i;

	for (i = 0; id && i < t->npeople; i++)
		if (!strcmp(t->people[i].id, id))
			return &t->people[i];
	return NULL;
}

static int truth_people(struct mh_eval_truth *t, const cJSON *root, const char *path,
                        struct mh_err *err)
{
	const cJSON *people = cJSON_GetObjectItemCaseSensitive(root, "people"), *e;
	size_t n = 0;

	if (!cJSON_IsArray(people))
		return mh_err_set(err, MH_EINPUT, "%s: no \"people\" array", path);
	t->people = mh_calloc((size_t)cJSON_GetArraySize(people) + 1, sizeof(*t->people));
	cJSON_ArrayForEach(e, people)
	{
		if (!cJSON_IsString(e))
			return mh_err_set(err, MH_EINPUT, "%s: people[%zu] is not a string", path,
			                  n);
		t->people[n].id = mh_strdup(e->valuestring);
		t->people[n].family = -1;
		n++;
	}
	t->npeople = n;
	return 0;
}

static int truth_marks(struct mh_eval_truth *t, const cJSON *root, const char *path,
                       struct mh_err *err)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "positives"))
	{
		char *id = dup_str(e, "person"), *scen = dup_str(e, "scenario");
		struct mh_eval_person *p = person_by_id(t, id);

		if (!p) {
			mh_err_set(err, MH_EINPUT, "%s: positive %s is not in people", path,
			           id ? id : "(none)");
			free(id);
			free(scen);
			return -1;
		}
		if (!p->positive)
			t->npos++;
		p->positive = 1;
		p->email = p->email ? p->email : dup_str(e, "email");
		p->family = scen ? family(t, scen) : -1;
		free(id);
		free(scen);
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "traps"))
	{
		char *id = dup_str(e, "person");
		struct mh_eval_person *p = person_by_id(t, id);

		if (p && !p->positive) {
			p->trap = 1;
			p->email = p->email ? p->email : dup_str(e, "email");
		}
		free(id);
	}
	return 0;
}

static void truth_rest(struct mh_eval_truth *t, const cJSON *root)
{
	const cJSON *ap = cJSON_GetObjectItemCaseSensitive(root, "applicants");
	const cJSON *ext = cJSON_GetObjectItemCaseSensitive(root, "extortion"), *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(ap, "positives"))
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "applicant");

		if (!cJSON_IsNumber(id))
			continue;
		t->ap_pos = mh_realloc(t->ap_pos, (t->nap_pos + 1) * sizeof(*t->ap_pos));
		t->ap_pos[t->nap_pos++] = (uint64_t)id->valuedouble;
	}
	if (cJSON_IsObject(ext)) {
		t->culprit = dup_str(ext, "culprit");
		t->culprit_email = dup_str(ext, "email");
	}
}

int mh_eval_truth_load(struct mh_eval_truth *t, const char *path, struct mh_err *err)
{
	cJSON *root = parse_file(path, err);
	int rc;

	memset(t, 0, sizeof(*t));
	if (!root)
		return -1;
	rc = truth_people(t, root, path, err);
	if (!rc)
		rc = truth_marks(t, root, path, err);
	if (!rc)
		truth_rest(t, root);
	cJSON_Delete(root);
	if (rc)
		mh_eval_truth_free(t);
	return rc;
}

void mh_eval_truth_free(struct mh_eval_truth *t)
{
	size_t i;

	for (i = 0; i < t->npeople; i++) {
		free(t->people[i].id);
		free(t->people[i].email);
	}
	for (i = 0; i < t->nfamilies; i++)
		free(t->families[i]);
	free(t->people);
	free(t->ap_pos);
	free(t->culprit);
	free(t->culprit_email);
	memset(t, 0, sizeof(*t));
}

static const char *keep(struct mh_eval_files *f, char *s)
{
	if (!s)
		return NULL;
	f->strings = mh_realloc(f->strings, (f->nstrings + 1) * sizeof(*f->strings));
	f->strings[f->nstrings++] = s;
	return s;
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static int read_ranks(struct mh_eval_files *f, const cJSON *arr, struct mh_eval_rank **out,
                      size_t *n, const char *path, struct mh_err *err)
{
	const cJSON *e;

	if (!cJSON_IsArray(arr))
		return mh_err_set(err, MH_EINPUT, "%s: expected an array of people", path);
	*out = mh_calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(**out));
	cJSON_ArrayForEach(e, arr)
	{
		struct mh_eval_rank *r = &(*out)[*n];

		if (!cJSON_IsObject(e))
			return mh_err_set(err, MH_EINPUT, "%s: element %zu is not an object", path,
			                  *n);
		r->person = keep(f, dup_str(e, "person"));
		r->email = keep(f, dup_str(e, "email"));
		r->score = num(e, "score");
		(*n)++;
	}
	return 0;
}

int mh_eval_read_risk(struct mh_eval_files *f, const char *path, struct mh_err *err)
{
	cJSON *root = parse_file(path, err);
	int rc;

	if (!root)
		return -1;
	rc = read_ranks(f, root, &f->risk, &f->nrisk, path, err);
	cJSON_Delete(root);
	return rc;
}

int mh_eval_read_extortion(struct mh_eval_files *f, const char *path, struct mh_err *err)
{
	cJSON *root = parse_file(path, err);
	int rc;

	if (!root)
		return -1;
	rc = read_ranks(f, cJSON_GetObjectItemCaseSensitive(root, "candidates"), &f->ext, &f->next,
	                path, err);
	cJSON_Delete(root);
	return rc;
}

static void add_vet(struct mh_eval_files *f, const cJSON *e)
{
	char *id = dup_str(e, "applicant");

	if (!id)
		return;
	f->vet = mh_realloc(f->vet, (f->nvet + 1) * sizeof(*f->vet));
	f->vet[f->nvet].applicant = strtoull(id, NULL, 10);
	f->vet[f->nvet].score = num(e, "score");
	f->nvet++;
	free(id);
}

int mh_eval_read_vet(struct mh_eval_files *f, const char *path, struct mh_err *err)
{
	char *text = slurp(path, err), *p;
	const char *end = NULL;

	if (!text)
		return -1;
	/* a JSON array, or one object per line */
	for (p = text; *p;) {
		cJSON *v = cJSON_ParseWithOpts(p, &end, 0), *e;

		if (!v) {
			while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
				p++;
			if (!*p)
				break;
			free(text);
			return mh_err_set(err, MH_EINPUT, "%s: not valid JSON", path);
		}
		if (cJSON_IsArray(v))
			cJSON_ArrayForEach(e, v) add_vet(f, e);
		else
			add_vet(f, v);
		cJSON_Delete(v);
		p = (char *)end;
	}
	free(text);
	return 0;
}

void mh_eval_files_free(struct mh_eval_files *f)
{
	size_t i;

	for (i = 0; i < f->nstrings; i++)
		free(f->strings[i]);
	free(f->strings);
	free(f->risk);
	free(f->ext);
	free(f->vet);
	memset(f, 0, sizeof(*f));
}

static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void print_json(FILE *f, const struct mh_eval_result *r)
{
	size_t i;

	fprintf(f,
	        "{\"k\":%zu,\"people\":%zu,\"precision_at_k\":%.4f,\"recall_at_k\":%.4f,"
	        "\"recall_at_2k\":%.4f,\"roc_auc\":%.4f,\"traps_in_top_k\":%zu,"
	        "\"traps_in_top_2k\":%zu,\"scenarios\":[",
	        r->k, r->people, r->p_at_k, r->r_at_k, r->r_at_2k, r->auc, r->traps_k, r->traps_2k);
	for (i = 0; i < r->nfam; i++) {
		fprintf(f, "%s{\"family\":", i ? "," : "");
		jstr(f, r->fam[i].name);
		fprintf(f, ",\"members\":%zu,\"in_top_k\":%zu,\"in_top_2k\":%zu}",
		        r->fam[i].members, r->fam[i].in_k, r->fam[i].in_2k);
	}
	fprintf(f, "]");
	if (r->has_vet)
		fprintf(f,
		        ",\"vet\":{\"flagged\":%zu,\"true_positives\":%zu,\"positives\":%zu,"
		        "\"precision\":%.4f,\"recall\":%.4f}",
		        r->vet_flagged, r->vet_tp, r->vet_pos, r->vet_precision, r->vet_recall);
	if (r->has_ext)
		fprintf(f, ",\"extortion\":{\"culprit_rank\":%zu,\"culprit_first\":%s}",
		        r->culprit_rank, r->culprit_rank == 1 ? "true" : "false");
	fprintf(f, "}\n");
}

void mh_eval_print(FILE *f, const struct mh_eval_result *r, int json)
{
	size_t i;

	if (json) {
		print_json(f, r);
		return;
	}
	fprintf(f, "people %zu, positives K=%zu\n", r->people, r->k);
	fprintf(f, "precision@K %.3f  recall@K %.3f  recall@2K %.3f  ROC AUC %.3f\n", r->p_at_k,
	        r->r_at_k, r->r_at_2k, r->auc);
	fprintf(f, "traps in top K: %zu, in top 2K: %zu\n", r->traps_k, r->traps_2k);
	for (i = 0; i < r->nfam; i++)
		fprintf(f, "  %-20s %zu members: %zu in top K, %zu in top 2K\n", r->fam[i].name,
		        r->fam[i].members, r->fam[i].in_k, r->fam[i].in_2k);
	if (r->has_vet)
		fprintf(f,
		        "vetting: %zu flagged, %zu of %zu positives: precision %.3f recall %.3f\n",
		        r->vet_flagged, r->vet_tp, r->vet_pos, r->vet_precision, r->vet_recall);
	if (r->has_ext) {
		if (r->culprit_rank)
			fprintf(f, "extortion: culprit ranked %zu\n", r->culprit_rank);
		else
			fprintf(f, "extortion: culprit not among the candidates\n");
	}
	fprintf(f, "eval: K=%zu P@K=%.2f R@K=%.2f R@2K=%.2f AUC=%.3f traps@K=%zu traps@2K=%zu",
	        r->k, r->p_at_k, r->r_at_k, r->r_at_2k, r->auc, r->traps_k, r->traps_2k);
	if (r->has_vet)
		fprintf(f, " vetP=%.2f vetR=%.2f", r->vet_precision, r->vet_recall);
	if (r->has_ext)
		fprintf(f, " extortion=%s", r->culprit_rank == 1 ? "first" : "missed");
	fprintf(f, "\n");
}
