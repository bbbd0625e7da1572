/* Vetting reports (report.h), built with cJSON: not a hot path. */
#include "vet/report.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const rtype[] = {"applicant", "applicant", "employee"};

static cJSON *who(const struct mh_vet *v, uint32_t r)
{
	const struct mh_vet_rec *rec = mh_vet_rec(v, r);
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", rtype[rec->type]);
	cJSON_AddStringToObject(o, "id", rec->id);
	cJSON_AddStringToObject(o, "name", rec->name);
	if (rec->type == MH_VR_OLD)
		cJSON_AddBoolToObject(o, "earlier", 1);
	return o;
}

static cJSON *evidence(const struct mh_vet *v, const struct mh_vet_finding *f)
{
	cJSON *arr = cJSON_CreateArray();
	uint8_t k, w;

	for (k = 0; k < f->nev; k++) {
		const struct mh_vet_ev *e = &f->ev[k];
		cJSON *o = cJSON_CreateObject(), *with;

		if (e->artifact[0])
			cJSON_AddStringToObject(o, "artifact", e->artifact);
		cJSON_AddStringToObject(o, e->artifact[0] ? "value" : "text", e->value);
		if (e->nwith) {
			with = cJSON_AddArrayToObject(o, "with");
			for (w = 0; w < e->nwith; w++)
				cJSON_AddItemToArray(with, who(v, e->with[w]));
		}
		if (e->more)
			cJSON_AddNumberToObject(o, "more", e->more);
		if (e->sim > 0)
			cJSON_AddNumberToObject(o, "similarity", (double)(int)(e->sim * 100) / 100);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *findings(const struct mh_vet *v, size_t i)
{
	const struct mh_vet_result *r = mh_vet_result(v, i);
	cJSON *arr = cJSON_CreateArray();
	uint8_t k;

	for (k = 0; k < r->nf; k++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "detector", r->f[k].check);
		cJSON_AddNumberToObject(o, "points", r->f[k].points);
		cJSON_AddStringToObject(o, "summary", r->f[k].summary);
		cJSON_AddItemToObject(o, "evidence", evidence(v, &r->f[k]));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

char *mh_vet_report_findings_json(const struct mh_vet *v, const struct mh_applicants *b, size_t i)
{
	cJSON *arr = findings(v, i);
	char *s = cJSON_PrintUnformatted(arr);

	(void)b;
	cJSON_Delete(arr);
	return s;
}

char *mh_vet_report_json(const struct mh_vet *v, const struct mh_applicants *b, size_t i)
{
	const struct mh_vet_result *r = mh_vet_result(v, i);
	cJSON *o = cJSON_CreateObject();
	char cl[16], *s;

	cJSON_AddStringToObject(o, "applicant", b->v[i].id);
	cJSON_AddStringToObject(o, "name", b->v[i].name ? b->v[i].name : "");
	cJSON_AddNumberToObject(o, "score", r->score);
	if (r->cluster) {
		snprintf(cl, sizeof(cl), "C%u", r->cluster);
		cJSON_AddStringToObject(o, "cluster", cl);
	} else {
		cJSON_AddNullToObject(o, "cluster");
	}
	cJSON_AddItemToObject(o, "findings", findings(v, i));
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

static void print_with(FILE *out, const struct mh_vet *v, const struct mh_vet_ev *e)
{
	uint8_t w;

	for (w = 0; w < e->nwith; w++) {
		const struct mh_vet_rec *rec = mh_vet_rec(v, e->with[w]);

		fprintf(out, "%s%s%s %s (%s)", w ? ", " : " also ",
		        rec->type == MH_VR_OLD ? "earlier " : "", rtype[rec->type], rec->id,
		        rec->name);
	}
	if (e->more)
		fprintf(out, " and %u more", e->more);
}

static void print_applicant(FILE *out, const struct mh_vet *v, const struct mh_applicants *b,
                            size_t i)
{
	const struct mh_vet_result *r = mh_vet_result(v, i);
	uint8_t k, e;

	fprintf(out, "%5.1f  applicant %s  %s  (%s:%llu)\n", r->score, b->v[i].id,
	        b->v[i].name ? b->v[i].name : "", b->v[i].file, (unsigned long long)b->v[i].line);
	for (k = 0; k < r->nf; k++) {
		const struct mh_vet_finding *f = &r->f[k];

		fprintf(out, "       %-24s %5.1f  %s\n", f->check, f->points, f->summary);
		for (e = 0; e < f->nev; e++) {
			const struct mh_vet_ev *ev = &f->ev[e];

			if (!ev->nwith)
				continue;
			fprintf(out, "         %s %s", ev->artifact, ev->value);
			if (ev->sim > 0)
				fprintf(out, " (similarity %.2f)", ev->sim);
			fputc(':', out);
			print_with(out, v, ev);
			fputc('\n', out);
		}
	}
}

static const struct mh_vet_result *cmp_res_v;

static int cmp_res(const void *x, const void *y)
{
	double a = cmp_res_v[*(const size_t *)x].score, c = cmp_res_v[*(const size_t *)y].score;

	if (a != c)
		return a > c ? -1 : 1;
	return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static void print_clusters(FILE *out, const struct mh_vet *v)
{
	static const char *const kn[] = {"email", "phone", "address", "payroll", "url", "photo"};
	size_t c, m, k;

	for (c = 0; c < mh_vet_nclusters(v); c++) {
		const struct mh_vet_cluster *cl = mh_vet_cluster(v, c);

		fprintf(out, "cluster C%zu: %zu records%s; shared:", c + 1, cl->n,
		        cl->confirmed ? ", confirmed" : "");
		for (k = 0; k < 6; k++)
			if (cl->kinds & (1u << k))
				fprintf(out, " %s", kn[k]);
		if (cl->kinds & (1u << 31))
			fprintf(out, " resume");
		fputc('\n', out);
		for (m = 0; m < cl->n; m++) {
			const struct mh_vet_rec *rec = mh_vet_rec(v, cl->members[m]);

			fprintf(out, "    %s%s %s  %s\n", rec->type == MH_VR_OLD ? "earlier " : "",
			        rtype[rec->type], rec->id, rec->name);
		}
	}
}

void mh_vet_report_text(FILE *out, const struct mh_vet *v, const struct mh_applicants *b,
                        double threshold)
{
	size_t *ord = mh_malloc((b->n ? b->n : 1) * sizeof(*ord)), i, alerts = 0, shown = 0;

	for (i = 0; i < b->n; i++)
		ord[i] = i;
	cmp_res_v = mh_vet_result(v, 0);
	if (b->n)
		qsort(ord, b->n, sizeof(*ord), cmp_res);
	for (i = 0; i < b->n; i++) {
		const struct mh_vet_result *r = mh_vet_result(v, ord[i]);

		alerts += r->score >= threshold;
		if (r->score <= 0)
			continue;
		print_applicant(out, v, b, ord[i]);
		shown++;
	}
	print_clusters(out, v);
	fprintf(out, "%zu applicants vetted, %zu with findings, %zu at or above %.0f\n", b->n,
	        shown, alerts, threshold);
	free(ord);
}
