/*
 * GET /api/graph: people linked by shared infrastructure, as a bipartite
 * graph of people and the artifacts (IP addresses, MFA devices, hosts, USB
 * devices ...) that at least min_people of them used. An artifact shared by
 * more than max_people (an office egress address, a VPN exit) says nothing
 * about any one of them and is left out; a laptop farm shows up as one
 * artifact with a handful of people around it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "util/strmap.h"

#define KINDS_MAX     8
#define ARTIFACTS_MAX 5000
#define LINKS_MAX     20000

static const char *const allowed[] = {"ip",      "mfa_device", "host", "usb", "asn",
                                      "country", "file_hash",  "repo", NULL};

/* kinds=ip,host -> validated list; -1 after replying 400. */
static int read_kinds(struct mh_req *r, const char **kinds, size_t *n)
{
	const char *v = mh_req_query(r, "kinds");
	const char *p;
	size_t i;

	*n = 0;
	if (!v || !*v)
		v = "ip,mfa_device,host,usb";
	for (p = v; *p;) {
		size_t len = strcspn(p, ",");

		for (i = 0; allowed[i]; i++)
			if (strlen(allowed[i]) == len && !strncmp(allowed[i], p, len))
				break;
		if (!allowed[i] || *n >= KINDS_MAX)
			return mh_reply_error(r, 400, "kinds: unknown or too many artifact kinds"),
			       -1;
		kinds[(*n)++] = allowed[i];
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

struct graph {
	struct mh_req *r;
	const struct mh_ix *ix;
	cJSON *nodes, *links;
	struct mh_strmap *seen; /* node ids already emitted */
	size_t nlinks;
	int truncated;
};

static void person_node(struct graph *g, const struct mh_ix_person *p)
{
	cJSON *o;
	char id[MH_PSEUDO_MAX + 2];

	snprintf(id, sizeof(id), "p:%s", p->pseudo);
	if (!mh_strmap_put(g->seen, id, strlen(id), 1))
		return;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "type", "person");
	cJSON_AddStringToObject(o, "label", p->pseudo);
	cJSON_AddNumberToObject(o, "score", p->score);
	cJSON_AddStringToObject(o, "department", p->department);
	cJSON_AddStringToObject(o, "country", p->country);
	cJSON_AddItemToArray(g->nodes, o);
}

static void artifact_node(struct graph *g, const char *id, const char *kind, const char *value,
                          int people)
{
	cJSON *o;
	char *label;

	if (!mh_strmap_put(g->seen, id, strlen(id), 1))
		return;
	o = cJSON_CreateObject();
	label = strcmp(kind, "host") ? NULL : mh_ix_redact(g->ix, NULL, value);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "type", "artifact");
	cJSON_AddStringToObject(o, "kind", kind);
	cJSON_AddStringToObject(o, "label", label ? label : value);
	cJSON_AddNumberToObject(o, "people", people);
	cJSON_AddItemToArray(g->nodes, o);
	free(label);
}

static int rows(sqlite3 *db, sqlite3_stmt *q, struct graph *g)
{
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(q, 0);
		const char *value = (const char *)sqlite3_column_text(q, 1);
		const struct mh_ix_person *p = mh_ix_by_id(g->ix, sqlite3_column_int64(q, 2));
		char aid[300];
		cJSON *l;

		if (!p || !kind || !value)
			continue;
		if (g->nlinks >= LINKS_MAX) {
			g->truncated = 1;
			break;
		}
		snprintf(aid, sizeof(aid), "a:%s:%s", kind, value);
		artifact_node(g, aid, kind, value, sqlite3_column_int(q, 4));
		person_node(g, p);
		l = cJSON_CreateObject();
		cJSON_AddStringToObject(l, "source", aid);
		{
			char pid[MH_PSEUDO_MAX + 2];

			snprintf(pid, sizeof(pid), "p:%s", p->pseudo);
			cJSON_AddStringToObject(l, "target", pid);
		}
		cJSON_AddNumberToObject(l, "count", (double)sqlite3_column_int64(q, 3));
		cJSON_AddItemToArray(g->links, l);
		g->nlinks++;
	}
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static int query(sqlite3 *db, struct graph *g, const char **kinds, size_t nk, long min_p,
                 long max_p, long limit, int64_t only)
{
	char sql[1200], in[64] = "";
	sqlite3_stmt *q;
	size_t i, off = 0;
	int rc;

	for (i = 0; i < nk && off < sizeof(in); i++)
		off += (size_t)snprintf(in + off, sizeof(in) - off, "%s?", i ? "," : "");
	snprintf(sql, sizeof(sql),
	         "WITH shared AS (SELECT kind, value, count(*) AS n FROM artifacts"
	         " WHERE kind IN (%s) GROUP BY kind, value HAVING n BETWEEN ?%zu AND ?%zu"
	         " AND (?%zu = 0 OR sum(person_id = ?%zu) > 0)"
	         " ORDER BY n DESC, kind, value LIMIT ?%zu)"
	         " SELECT a.kind, a.value, a.person_id, a.count, s.n FROM artifacts a"
	         " JOIN shared s ON s.kind = a.kind AND s.value = a.value"
	         " ORDER BY s.n DESC, a.kind, a.value, a.person_id",
	         in, nk + 1, nk + 2, nk + 3, nk + 3, nk + 4);
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < nk; i++)
		sqlite3_bind_text(q, (int)i + 1, kinds[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, (int)nk + 1, min_p);
	sqlite3_bind_int64(q, (int)nk + 2, max_p);
	sqlite3_bind_int64(q, (int)nk + 3, only);
	sqlite3_bind_int64(q, (int)nk + 4, limit);
	rc = rows(db, q, g);
	sqlite3_finalize(q);
	return rc;
}

int mh_api_graph(struct mh_req *r)
{
	const char *kinds[KINDS_MAX], *focus = mh_req_query(r, "person");
	const struct mh_ix_person *fp = NULL;
	struct graph g;
	long min_p, max_p, limit;
	size_t nk;
	sqlite3 *db;
	cJSON *o;
	int rc;

	if (read_kinds(r, kinds, &nk) || mh_req_int(r, "min_people", 2, 1, 1000, &min_p) ||
	    mh_req_int(r, "max_people", 25, 1, 100000, &max_p) ||
	    mh_req_int(r, "limit", 1500, 1, ARTIFACTS_MAX, &limit))
		return 0;
	memset(&g, 0, sizeof(g));
	g.r = r;
	g.ix = mh_http_ix_get(r);
	if (!g.ix)
		return 0;
	if (focus && !(fp = mh_ix_by_pseudo(g.ix, focus))) {
		mh_http_ix_put(r->s, g.ix);
		return mh_reply_error(r, 404, "no person called %.60s", focus);
	}
	o = cJSON_CreateObject();
	g.nodes = cJSON_AddArrayToObject(o, "nodes");
	g.links = cJSON_AddArrayToObject(o, "links");
	g.seen = mh_strmap_new();
	db = mh_http_db_lock(r->s);
	rc = query(db, &g, kinds, nk, min_p, max_p, limit, fp ? fp->id : 0);
	if (rc)
		mh_reply_db_error(r, db, "building the graph");
	mh_http_db_unlock(r->s);
	mh_strmap_free(g.seen);
	mh_http_ix_put(r->s, g.ix);
	if (rc) {
		cJSON_Delete(o);
		return 0;
	}
	cJSON_AddBoolToObject(o, "truncated", g.truncated);
	cJSON_AddNumberToObject(o, "min_people", (double)min_p);
	cJSON_AddNumberToObject(o, "max_people", (double)max_p);
	return mh_reply_json(r, 200, o);
}
