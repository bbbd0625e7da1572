/* Verifying an exported case bundle without the store (bundle.h, verify.h). */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/bundle.h"
#include "cases/log.h"
#include "cases/verify.h"
#include "util/xalloc.h"

#define BUNDLE_FILE_MAX (1ull << 30)

/* Whole file into *buf (NUL-terminated); 0, 1 when missing, -1 too large. */
static int slurp(const char *dir, const char *rel, char **buf, size_t *n)
{
	char path[4096];
	size_t cap = 0, k;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	*buf = NULL;
	*n = 0;
	f = fopen(path, "rb");
	if (!f)
		return 1;
	do {
		*buf = mh_grow(*buf, &cap, *n + 65537, 1);
		k = fread(*buf + *n, 1, 65536, f);
		*n += k;
	} while (k > 0 && *n <= BUNDLE_FILE_MAX);
	fclose(f);
	(*buf)[*n] = '\0';
	return *n > BUNDLE_FILE_MAX ? -1 : 0;
}

static int file_hash(const char *dir, const char *rel, char *hex, uint64_t *size)
{
	char path[4096], buf[65536];
	struct mh_sha256 h;
	uint8_t d[MH_SHA256_LEN];
	size_t k;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "rb");
	if (!f)
		return -1;
	*size = 0;
	mh_sha256_init(&h);
	while ((k = fread(buf, 1, sizeof(buf), f)) > 0) {
		mh_sha256_update(&h, buf, k);
		*size += k;
	}
	fclose(f);
	mh_sha256_final(&h, d);
	mh_sha256_hex(d, hex);
	return 0;
}

static int safe_rel(const char *rel)
{
	return *rel && rel[0] != '/' && !strstr(rel, "..");
}

static void check_sums(const char *dir, struct mh_verify *v, int64_t id)
{
	static const char *const required[] = {"manifest.json", "log.jsonl", "chain.txt",
	                                       "verify.sh", NULL};
	int seen[4] = {0, 0, 0, 0}, i;
	char *sums, *line, *next, got[MH_SHA256_HEX];
	size_t n;
	uint64_t size;

	if (slurp(dir, "SHA256SUMS", &sums, &n)) {
		mh_verify_report(v, id, "SHA256SUMS: missing or unreadable");
		free(sums);
		return;
	}
	for (line = sums; line && *line; line = next) {
		const char *rel;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ' ||
		    !mh_sha256_is_hex(line, 64) || !safe_rel(line + 66)) {
			mh_verify_report(v, id, "SHA256SUMS: malformed line '%.80s'", line);
			continue;
		}
		line[64] = '\0';
		rel = line + 66;
		for (i = 0; required[i]; i++)
			seen[i] |= !strcmp(rel, required[i]);
		if (file_hash(dir, rel, got, &size))
			mh_verify_report(v, id, "%s: missing", rel);
		else if (strcmp(got, line))
			mh_verify_report(v, id, "%s: does not match SHA256SUMS (edited)", rel);
	}
	for (i = 0; required[i]; i++)
		if (!seen[i])
			mh_verify_report(v, id, "%s: not listed in SHA256SUMS", required[i]);
	free(sums);
}

static void check_ref(const char *dir, struct mh_verify *v, int64_t id, const char *ref)
{
	char sha[MH_SHA256_HEX], rel[128], got[MH_SHA256_HEX];
	const char *sp = strchr(ref, ' ');
	const char *name = sp ? strchr(sp + 1, ' ') : NULL;
	long long want = sp ? strtoll(sp + 1, NULL, 10) : -1;
	uint64_t size;

	snprintf(sha, sizeof(sha), "%.*s", sp ? (int)(sp - ref) : 0, ref);
	name = name ? name + 1 : "?";
	snprintf(rel, sizeof(rel), "evidence/%s", sha);
	v->evidence++;
	if (!mh_sha256_is_hex(sha, strlen(sha)) || file_hash(dir, rel, got, &size)) {
		mh_verify_report(v, id, "evidence %.16s... (%s): missing", sha, name);
		return;
	}
	if (strcmp(got, sha))
		mh_verify_report(
		    v, id, "evidence %.16s... (%s): content does not match its SHA-256 (edited)",
		    sha, name);
	if (want >= 0 && (uint64_t)want != size)
		mh_verify_report(v, id, "evidence %.16s... (%s): %llu bytes, the log recorded %lld",
		                 sha, name, (unsigned long long)size, want);
}

/* Walk log.jsonl against chain.txt. */
static void check_chain(const char *dir, struct mh_verify *v, struct mh_chain_walk *w)
{
	char *log, *chain, *l, *c, *ln, *cn;
	size_t nl, nc;
	int64_t seq = 0;

	if (slurp(dir, "log.jsonl", &log, &nl) | slurp(dir, "chain.txt", &chain, &nc)) {
		mh_verify_report(v, w->case_id, "log.jsonl or chain.txt: missing or unreadable");
		free(log);
		free(chain);
		return;
	}
	for (l = log, c = chain; l && *l; l = ln, c = cn) {
		char prev[80] = "", hash[80] = "";
		long long s = 0;

		ln = strchr(l, '\n');
		if (ln)
			*ln++ = '\0';
		cn = c ? strchr(c, '\n') : NULL;
		if (cn)
			*cn++ = '\0';
		seq++;
		if (!c || sscanf(c, "%lld %79s %79s", &s, prev, hash) != 3) {
			mh_verify_report(v, w->case_id, "chain.txt: no valid line for entry %lld",
			                 (long long)seq);
			s = seq;
		}
		mh_chain_walk_entry(w, s, l, prev, hash);
	}
	free(log);
	free(chain);
}

int mh_bundle_verify(const char *dir, struct mh_verify *v, struct mh_err *err)
{
	struct mh_chain_walk w;
	char *text;
	size_t n, i;
	cJSON *m;
	const char *format, *head;
	const cJSON *id, *entries;
	int64_t cid;

	if (slurp(dir, "manifest.json", &text, &n)) {
		free(text);
		return mh_err_set(err, MH_EINPUT, "%s: no manifest.json: not a case bundle", dir);
	}
	m = cJSON_Parse(text);
	free(text);
	format = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "format"));
	id = cJSON_GetObjectItemCaseSensitive(m, "case");
	entries = cJSON_GetObjectItemCaseSensitive(m, "entries");
	head = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "head"));
	cid = cJSON_IsNumber(id) ? (int64_t)id->valuedouble : 0;
	v->cases++;
	/* a damaged manifest is tampering to report, not a reason to stop */
	if (!format || strcmp(format, MH_BUNDLE_FORMAT) || !cJSON_IsNumber(id) ||
	    !cJSON_IsNumber(entries) || !head)
		mh_verify_report(v, cid, "manifest.json: not a valid %s manifest (edited)",
		                 MH_BUNDLE_FORMAT);
	check_sums(dir, v, cid);
	mh_chain_walk_init(&w, v, cid);
	check_chain(dir, v, &w);
	if (cJSON_IsNumber(entries) && head)
		mh_chain_walk_end(&w, (int64_t)entries->valuedouble, head);
	for (i = 0; i < w.nrefs; i++)
		check_ref(dir, v, cid, w.refs[i]);
	mh_chain_walk_release(&w);
	cJSON_Delete(m);
	return 0;
}
