/* The import's match report (report.h). */
#include "share/report.h"

#include <stdlib.h>
#include <string.h>

#include "share/roster.h"
#include "store/store_share.h"

#define LIST_MAX 20

struct rep {
	FILE *out;
	const struct mh_share_set *set;
	const struct mh_roster *roster;
	size_t emp, app, apps, shown;
};

static void line(struct rep *x, const char *type, const char *id, const struct mh_share_hit *h)
{
	char what[64];

	if (x->shown++ == LIST_MAX) {
		fprintf(x->out, "  ...\n");
		return;
	}
	if (x->shown > LIST_MAX)
		return;
	mh_share_kinds_text(h->kinds, what, sizeof(what));
	fprintf(x->out, "  %s %s: %s of an %s peer %s flagged (%s, %s), %.0f points\n", type, id,
	        what, mh_share_reason_names[h->reason], h->peer,
	        mh_share_category_names[h->category], h->flagged, h->points);
}

static void on_emp(void *arg, uint32_t r, const struct mh_vet_emp_arts *ea,
                   const struct mh_share_hit *hits, size_t n)
{
	struct rep *x = arg;

	(void)ea;
	(void)n;
	x->emp++;
	line(x, "employee", x->roster->v[r].employee_id, &hits[0]);
}

static int on_app(void *arg, const struct mh_share_app_row *r)
{
	struct rep *x = arg;
	struct mh_share_hit h;

	x->apps++;
	if (mh_share_match(x->set, NULL, r->kinds, r->values, r->n, &h, 1)) {
		x->app++;
		line(x, "applicant", r->id, &h);
	}
	return 0;
}

int mh_share_report(FILE *out, struct mh_store *s, const struct mh_share_keys *keys,
                    struct mh_err *err)
{
	struct mh_share_set set;
	struct mh_roster roster;
	struct rep x = {out, &set, &roster, 0, 0, 0, 0};
	char *csv = NULL;
	size_t n = 0;
	int rc;

	memset(&roster, 0, sizeof(roster));
	mh_share_set_init(&set, keys);
	rc = mh_store_share_load(s, &set, err);
	if (!rc)
		rc = mh_store_get_roster(s, &csv, &n, err);
	if (!rc && csv)
		rc = mh_roster_parse_mem(&roster, "stored roster", csv, n, NULL, NULL, err);
	free(csv);
	if (!rc) {
		mh_share_match_roster(&set, NULL, &roster, MH_SHARE_COMMON_MAX, on_emp, &x);
		rc = mh_store_share_each_applicant(s, -1, on_app, &x, err);
	}
	if (!rc && x.emp + x.app)
		fprintf(out,
		        "%zu employee%s and %zu earlier applicant%s match peer hashes: 'molehunt "
		        "scan --share-key' and 'molehunt vet --share-key' score them\n",
		        x.emp, x.emp == 1 ? "" : "s", x.app, x.app == 1 ? "" : "s");
	else if (!rc)
		fprintf(out, "no match among %zu employees and %zu earlier applicants\n", roster.n,
		        x.apps);
	mh_roster_free(&roster);
	mh_share_set_release(&set);
	return rc;
}
