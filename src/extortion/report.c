/* Reasons and JSON for the extortion report (report.h). */
#include "extortion/report.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/log.h"
#include "ingest/roster.h"
#include "util/xalloc.h"

#define DAY_MS 86400000ll

static void reason(struct mh_candidate *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void reason(struct mh_candidate *c, const char *fmt, ...)
{
	char buf[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	c->reasons = mh_realloc(c->reasons, (c->nreasons + 1) * sizeof(char *));
	c->reasons[c->nreasons++] = mh_strdup(buf);
}

static char *day_text(int64_t ms, char *buf)
{
	char t[40];

	mh_case_time(ms, t, sizeof(t));
	snprintf(buf, 11, "%s", t);
	return buf;
}

struct group {
	size_t first, count;
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* "repository 'x' for 4, path 'y' for 1": the kinds of evidence, largest first. */
static void data_reason(struct mh_candidate *c, size_t leaves)
{
	char groups[512] = "";
	struct group *g = mh_calloc(c->nhits + 1, sizeof(*g));
	size_t i, k, ng = 0, len = 0;

	for (i = 0; i < c->nhits; i++) {
		for (k = 0; k < ng; k++)
			if (c->hits[g[k].first].how == c->hits[i].how &&
			    !strcmp(c->hits[g[k].first].value, c->hits[i].value))
				break;
		if (k == ng)
			g[ng++].first = i;
		g[k].count++;
	}
	qsort(g, ng, sizeof(*g), cmp_group);
	for (k = 0; k < ng && k < 3 && len < sizeof(groups); k++) {
		const struct mh_attrib_hit *h = &c->hits[g[k].first];

		len += (size_t)snprintf(groups + len, sizeof(groups) - len,
		                        "%s%s '%.120s' (%s) for %zu", len ? ", " : "", h->how,
		                        h->value, h->kind, g[k].count);
	}
	if (ng > 3 && len < sizeof(groups))
		snprintf(groups + len, sizeof(groups) - len, ", and %zu more", ng - 3);
	free(g);
	reason(c, "%zu of %zu leaked files (%.0f%%) match their data movement: %s", c->nhits,
	       leaves, 100.0 * c->coverage, groups);
	if (c->exclusive)
		reason(c, "%u of the matched files %s nobody else as closely", c->exclusive,
		       c->exclusive == 1 ? "matches" : "match");
	else
		reason(c, "each matched file also matches %.1f other people on average",
		       c->excl_others);
}

static void timing_reason(struct mh_candidate *c, int64_t mail_ms, int has_roster)
{
	char d1[16], d2[16];
	int64_t start;

	if (c->termination_day == MH_DAY_NONE) {
		if (c->resolved)
			reason(c, "no termination date on the roster: still employed");
		else
			reason(c, has_roster ? "not on the roster (an unresolved account)"
			                     : "no roster in the store: employment dates unknown");
		return;
	}
	start = (int64_t)c->termination_day * DAY_MS;
	if (mail_ms > 0 && start > mail_ms) {
		reason(c, "termination date %s is after the message (%s)", day_text(start, d1),
		       day_text(mail_ms, d2));
		return;
	}
	if (mail_ms > 0)
		reason(c, "terminated %s, %lld days before the message", day_text(start, d1),
		       (long long)((mail_ms - start) / DAY_MS));
	else
		reason(c, "terminated %s", day_text(start, d1));
	if (!c->nhits)
		return;
	if (c->last_access_ms >= start + DAY_MS)
		reason(c, "last matching access %s, after termination",
		       day_text(c->last_access_ms, d1));
	else
		reason(c, "last matching access %s, %lld days before termination",
		       day_text(c->last_access_ms, d1),
		       (long long)((start - c->last_access_ms) / DAY_MS));
}

static void link_reason(struct mh_candidate *c, const struct mh_attrib_link *l)
{
	char d1[16], d2[16], who[64];
	int64_t end = c->termination_day == MH_DAY_NONE
	                  ? INT64_MAX
	                  : ((int64_t)c->termination_day + 1) * DAY_MS;

	if (!strcmp(l->how, "address")) {
		reason(c, "the message's %s is their %s", l->what, l->artifact);
		return;
	}
	if (l->shared)
		snprintf(who, sizeof(who), "%u other %s also used it", l->shared,
		         l->shared == 1 ? "person" : "people");
	else
		snprintf(who, sizeof(who), "nobody else used it");
	reason(c, "Received-chain IP %s is an %s: %llu events, %s to %s%s; %s", l->what,
	       l->artifact, (unsigned long long)l->count, day_text(l->first_ms, d1),
	       day_text(l->last_ms, d2), l->last_ms >= end ? ", also after termination" : "", who);
}

void mh_attrib_reasons(struct mh_attrib *a, const struct mh_leak *L)
{
	size_t i, k;

	for (i = 0; i < a->n; i++) {
		struct mh_candidate *c = &a->c[i];

		if (c->nhits)
			data_reason(c, a->leaves);
		timing_reason(c, a->mail_ms, a->has_roster);
		for (k = 0; k < c->nlinks; k++)
			link_reason(c, &c->links[k]);
	}
}

/* --- JSON ----------------------------------------------------------------- */

static void add_time(cJSON *o, const char *key, int64_t ms)
{
	char t[40];

	if (ms)
		cJSON_AddStringToObject(o, key, mh_case_time(ms, t, sizeof(t)));
	else
		cJSON_AddNullToObject(o, key);
}

cJSON *mh_report_mail(const struct mh_mail *m)
{
	cJSON *o = cJSON_CreateObject(), *arr;
	size_t i;

	if (m->subject)
		cJSON_AddStringToObject(o, "subject", m->subject);
	if (m->message_id)
		cJSON_AddStringToObject(o, "message_id", m->message_id);
	add_time(o, "date", m->date_ms);
	arr = cJSON_AddArrayToObject(o, "addresses");
	for (i = 0; i < m->naddrs; i++) {
		cJSON *a = cJSON_CreateObject();

		cJSON_AddStringToObject(a, "role", m->addrs[i].role);
		cJSON_AddStringToObject(a, "address", m->addrs[i].addr);
		if (m->addrs[i].name)
			cJSON_AddStringToObject(a, "name", m->addrs[i].name);
		cJSON_AddItemToArray(arr, a);
	}
	arr = cJSON_AddArrayToObject(o, "received_ips");
	for (i = 0; i < m->nhops; i++) {
		cJSON *h = cJSON_CreateObject();

		cJSON_AddStringToObject(h, "ip", m->hops[i].ip);
		cJSON_AddNumberToObject(h, "header", m->hops[i].hop + 1);
		cJSON_AddBoolToObject(h, "private", m->hops[i].is_private);
		cJSON_AddItemToArray(arr, h);
	}
	return o;
}

static const char *kind_name(int k)
{
	return k == MH_ITEM_ARCHIVE ? "archive" : k == MH_ITEM_BODY ? "body" : "file";
}

cJSON *mh_report_leak(const struct mh_leak *L)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i, d;

	for (i = 0; i < L->n; i++) {
		const struct mh_leak_item *it = &L->v[i];
		cJSON *o = cJSON_CreateObject(), *docs;

		cJSON_AddStringToObject(o, "name", it->name);
		cJSON_AddStringToObject(o, "kind", kind_name(it->kind));
		cJSON_AddStringToObject(o, "origin", it->origin);
		cJSON_AddNumberToObject(o, "size", (double)it->size);
		cJSON_AddStringToObject(o, "sha256", it->sha256);
		cJSON_AddNumberToObject(o, "fingerprints", (double)it->fps.n);
		if (it->parent >= 0)
			cJSON_AddStringToObject(o, "in", L->v[it->parent].name);
		if (it->refused)
			cJSON_AddStringToObject(o, "refused", it->refused);
		docs = cJSON_AddArrayToObject(o, "documents");
		for (d = 0; d < it->ndocs; d++) {
			cJSON *x = cJSON_CreateObject();

			cJSON_AddStringToObject(x, "path", it->docs[d].path);
			if (it->docs[d].repo)
				cJSON_AddStringToObject(x, "repo", it->docs[d].repo);
			cJSON_AddStringToObject(x, "sha256", it->docs[d].sha256);
			cJSON_AddNumberToObject(x, "score",
			                        (double)(int)(it->docs[d].score * 1000) / 1000.0);
			cJSON_AddItemToArray(docs, x);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *hit_json(const struct mh_attrib_hit *h, const struct mh_leak *L, struct mh_store *s)
{
	cJSON *o = cJSON_CreateObject(), *art = cJSON_CreateObject();
	char path[1024];

	cJSON_AddStringToObject(o, "file", L->v[h->item].name);
	if (h->via != h->item)
		cJSON_AddStringToObject(o, "via", L->v[h->via].name);
	cJSON_AddStringToObject(o, "how", h->how);
	cJSON_AddNumberToObject(o, "weight", h->w);
	cJSON_AddStringToObject(o, "matched", h->matched);
	cJSON_AddStringToObject(art, "kind", h->kind);
	cJSON_AddStringToObject(art, "value", h->value);
	cJSON_AddNumberToObject(art, "count", (double)h->count);
	add_time(art, "first", h->first_ms);
	add_time(art, "last", h->last_ms);
	path[0] = '\0';
	if (h->source_id)
		mh_store_source_path(s, h->source_id, path, sizeof(path));
	if (path[0])
		cJSON_AddStringToObject(art, "source", path);
	if (h->line)
		cJSON_AddNumberToObject(art, "line", (double)h->line);
	cJSON_AddItemToObject(o, "artifact", art);
	return o;
}

static cJSON *link_json(const struct mh_attrib_link *l)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "how", l->how);
	cJSON_AddStringToObject(o, "message", l->what);
	cJSON_AddStringToObject(o, "artifact", l->artifact);
	cJSON_AddNumberToObject(o, "weight", (double)(int)(l->w * 1000) / 1000.0);
	if (l->count) {
		cJSON_AddNumberToObject(o, "count", (double)l->count);
		add_time(o, "first", l->first_ms);
		add_time(o, "last", l->last_ms);
		cJSON_AddNumberToObject(o, "shared_with", l->shared);
	}
	return o;
}

static double r3(double v)
{
	return (double)(long long)(v * 1000 + 0.5) / 1000.0;
}

static cJSON *candidate_json(const struct mh_candidate *c, const struct mh_leak *L,
                             struct mh_store *s)
{
	cJSON *o = cJSON_CreateObject(), *arr;
	size_t k;

	cJSON_AddStringToObject(o, "person", c->key ? c->key : "?");
	if (c->email)
		cJSON_AddStringToObject(o, "email", c->email);
	if (c->name)
		cJSON_AddStringToObject(o, "name", c->name);
	cJSON_AddBoolToObject(o, "resolved", c->resolved);
	cJSON_AddNumberToObject(o, "score", c->score);
	cJSON_AddNumberToObject(o, "coverage", r3(c->coverage));
	cJSON_AddNumberToObject(o, "exclusivity", r3(c->exclusivity));
	cJSON_AddNumberToObject(o, "timing", r3(c->timing));
	cJSON_AddNumberToObject(o, "link", r3(c->link));
	cJSON_AddNumberToObject(o, "risk", r3(c->risk));
	if (c->termination_day != MH_DAY_NONE)
		add_time(o, "terminated", (int64_t)c->termination_day * DAY_MS);
	if (c->nhits)
		add_time(o, "last_access", c->last_access_ms);
	arr = cJSON_AddArrayToObject(o, "matched");
	for (k = 0; k < c->nhits; k++)
		cJSON_AddItemToArray(arr, hit_json(&c->hits[k], L, s));
	arr = cJSON_AddArrayToObject(o, "links");
	for (k = 0; k < c->nlinks; k++)
		cJSON_AddItemToArray(arr, link_json(&c->links[k]));
	arr = cJSON_AddArrayToObject(o, "reasons");
	for (k = 0; k < c->nreasons; k++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(c->reasons[k]));
	return o;
}

cJSON *mh_report_candidates(const struct mh_attrib *a, const struct mh_leak *L, struct mh_store *s,
                            size_t top)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < a->n && (!top || i < top); i++)
		cJSON_AddItemToArray(arr, candidate_json(&a->c[i], L, s));
	return arr;
}
