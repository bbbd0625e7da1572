/*
 * Case log entries and attribution candidates as the API shows them
 * (case_text.h). Every string from an entry is attacker- or analyst-written
 * text (subjects, file names inside a sample, notes), so each line is
 * bounded and redacted before it leaves.
 */
#include "http/case_text.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "ingest/ingest.h"
#include "util/xalloc.h"

#define LIST_SHOWN  5 /* names listed in one line before "and N more" */
#define TOP_SHOWN   3 /* candidates named in the attribution line */
#define REASONS_MAX 20

struct sb {
	char p[MH_CASE_TEXT_MAX];
	size_t n;
};

static void add(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->n + 1 >= sizeof(b->p))
		return;
	va_start(ap, fmt);
	k = vsnprintf(b->p + b->n, sizeof(b->p) - b->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->n += (size_t)k < sizeof(b->p) - b->n ? (size_t)k : sizeof(b->p) - b->n - 1;
}

static const char *str(const cJSON *o, const char *key)
{
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

	return v ? v : "";
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *pseudo_of(const struct mh_ix *ix, const char *key)
{
	const struct mh_ix_person *p = mh_ix_by_key(ix, key);

	return p ? p->pseudo : "[person]";
}

static void text_message(struct sb *b, const cJSON *d)
{
	const cJSON *a;
	int i = 0;

	add(b, "Message \"%s\" dated %s, Message-ID %s", str(d, "subject"), str(d, "date"),
	    str(d, "message_id"));
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(d, "addresses"))
	{
		add(b, "%s %s %s", i++ ? "," : ";", str(a, "role"), str(a, "address"));
	}
	i = 0;
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(d, "received_ips"))
	{
		add(b, "%s%s", i++ ? ", " : "; Received from ", str(a, "ip"));
	}
}

static void text_leaked(struct sb *b, const cJSON *d)
{
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(d, "items"), *it;
	int files = 0, docs = 0, shown = 0;

	cJSON_ArrayForEach(it, items)
	{
		const cJSON *dm = cJSON_GetObjectItemCaseSensitive(it, "documents");

		files += !strcmp(str(it, "kind"), "file");
		docs += cJSON_GetArraySize(dm) > 0;
	}
	add(b, "%d parts and files in the message, %d leaked files, %d matching indexed documents",
	    cJSON_GetArraySize(items), files, docs);
	cJSON_ArrayForEach(it, items)
	{
		if (strcmp(str(it, "kind"), "file"))
			continue;
		if (shown < LIST_SHOWN)
			add(b, "%s%s", shown ? ", " : ": ", str(it, "name"));
		shown++;
	}
	if (shown > LIST_SHOWN)
		add(b, " and %d more", shown - LIST_SHOWN);
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d, "refused")))
		add(b, "; %d refused",
		    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d, "refused")));
}

static void text_attribution(struct sb *b, const struct mh_ix *ix, const cJSON *d)
{
	const cJSON *cands = cJSON_GetObjectItemCaseSensitive(d, "candidates"), *c;
	int i = 0;

	add(b, "%d candidates for %.0f leaked files", cJSON_GetArraySize(cands),
	    num(d, "leaked_files"));
	cJSON_ArrayForEach(c, cands)
	{
		if (i == TOP_SHOWN)
			break;
		add(b, "%s%d. %s (%.1f)", i ? ", " : ": ", i + 1, pseudo_of(ix, str(c, "person")),
		    num(c, "score"));
		i++;
	}
}

static void text_playbook(struct sb *b, const cJSON *d)
{
	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(d, "steps"), *s;
	int i = 0;

	add(b, "Playbook of %d steps", cJSON_GetArraySize(steps));
	cJSON_ArrayForEach(s, steps)
	{
		add(b, "%s%s", i++ ? ", " : ": ", str(s, "id"));
	}
}

static void text_of(struct sb *b, const struct mh_ix *ix, const char *kind, const cJSON *d)
{
	if (!strcmp(kind, "case.open"))
		add(b, "Case opened: %s", str(d, "title"));
	else if (!strcmp(kind, "evidence"))
		add(b, "Evidence (%s) %s: %.0f bytes, SHA-256 %s", str(d, "role"), str(d, "name"),
		    num(d, "size"), str(d, "sha256"));
	else if (!strcmp(kind, "message"))
		text_message(b, d);
	else if (!strcmp(kind, "leaked"))
		text_leaked(b, d);
	else if (!strcmp(kind, "attribution"))
		text_attribution(b, ix, d);
	else if (!strcmp(kind, "playbook"))
		text_playbook(b, d);
	else if (!strcmp(kind, "playbook.done"))
		add(b, "Step %s done%s%s", str(d, "step"), *str(d, "text") ? ": " : "",
		    str(d, "text"));
	else if (!strcmp(kind, "note"))
		add(b, "%s", str(d, "text"));
	else if (!strcmp(kind, "case.close"))
		add(b, "Case closed%s%s", *str(d, "reason") ? ": " : "", str(d, "reason"));
	else
		add(b, "%s entry", kind);
}

char *mh_case_entry_text(const struct mh_ix *ix, const cJSON *entry)
{
	const char *kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(entry, "kind"));
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(entry, "data");
	struct sb b;

	b.n = 0;
	b.p[0] = '\0';
	if (!kind)
		add(&b, "(not a case entry)");
	else
		text_of(&b, ix, kind, data);
	return mh_ix_redact(ix, NULL, b.p);
}

cJSON *mh_case_time_ms(const char *iso)
{
	int64_t ms;

	if (!iso || mh_parse_time(iso, strlen(iso), &ms))
		return cJSON_CreateNull();
	return cJSON_CreateNumber((double)ms);
}

static void add_num(cJSON *o, const cJSON *cand, const char *key)
{
	cJSON_AddNumberToObject(o, key, num(cand, key));
}

static void add_reasons(cJSON *o, const struct mh_ix *ix, const struct mh_ix_person *p,
                        const cJSON *cand)
{
	cJSON *arr = cJSON_AddArrayToObject(o, "reasons");
	const cJSON *r;
	int n = 0;

	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(cand, "reasons"))
	{
		char *red;

		if (!cJSON_IsString(r) || n++ == REASONS_MAX)
			continue;
		red = mh_ix_redact(ix, p, r->valuestring);
		cJSON_AddItemToArray(arr, cJSON_CreateString(red));
		free(red);
	}
}

cJSON *mh_case_candidate(const struct mh_ix *ix, const cJSON *cand, int rank, int full)
{
	const struct mh_ix_person *p = mh_ix_by_key(ix, str(cand, "person"));
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "rank", rank);
	mh_json_str(o, "pseudonym", p ? p->pseudo : NULL);
	cJSON_AddBoolToObject(o, "resolved", cJSON_IsTrue(cJSON_GetObjectItem(cand, "resolved")));
	add_num(o, cand, "score");
	add_num(o, cand, "coverage");
	add_num(o, cand, "risk");
	if (!full)
		return o;
	add_num(o, cand, "exclusivity");
	add_num(o, cand, "timing");
	add_num(o, cand, "link");
	cJSON_AddItemToObject(o, "terminated_ms", mh_case_time_ms(str(cand, "terminated")));
	cJSON_AddItemToObject(o, "last_access_ms", mh_case_time_ms(str(cand, "last_access")));
	cJSON_AddNumberToObject(o, "matched_files",
	                        cJSON_GetArraySize(cJSON_GetObjectItem(cand, "matched")));
	cJSON_AddNumberToObject(o, "links", cJSON_GetArraySize(cJSON_GetObjectItem(cand, "links")));
	add_reasons(o, ix, p, cand);
	return o;
}
