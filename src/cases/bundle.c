/* Case bundle export (bundle.h). */
#include "cases/bundle.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cases/log.h"
#include "cases/verify.h"
#include "store/store_cases.h"
#include "util/xalloc.h"

static const char verify_sh[] =
    "#!/bin/sh\n"
    "# Verifies this molehunt case bundle with a POSIX shell and sha256sum only:\n"
    "# 1. every file against SHA256SUMS; 2. the hash chain of log.jsonl, where\n"
    "# each entry's hash is SHA-256(prev hash, newline, entry line) and the first\n"
    "# prev is 64 zeros, against chain.txt; 3. the last hash against the head in\n"
    "# manifest.json (compare that with the head recorded at export).\n"
    "set -u\n"
    "cd \"$(dirname \"$0\")\" || exit 2\n"
    "fail=0\n"
    "sha256sum --quiet -c SHA256SUMS || fail=1\n"
    "prev=" MH_CHAIN_ZERO "\n"
    "n=0\n"
    "exec 3<chain.txt\n"
    "while IFS= read -r entry; do\n"
    "\tn=$((n + 1))\n"
    "\tif ! IFS=' ' read -r seq lprev lhash <&3; then\n"
    "\t\techo \"chain.txt: no line for entry $n\"; fail=1; break\n"
    "\tfi\n"
    "\th=$(printf '%s\\n%s' \"$prev\" \"$entry\" | sha256sum | cut -d' ' -f1)\n"
    "\t[ \"$seq\" = \"$n\" ] || { echo \"entry $n: chain.txt numbers it $seq\"; fail=1; }\n"
    "\t[ \"$lprev\" = \"$prev\" ] || { echo \"entry $n: link to the entry before does not "
    "match\"; fail=1; }\n"
    "\t[ \"$h\" = \"$lhash\" ] || { echo \"entry $n: content does not match its hash\"; "
    "fail=1; }\n"
    "\tprev=$lhash\n"
    "done <log.jsonl\n"
    "for f in evidence/*; do\n"
    "\t[ -f \"$f\" ] || continue\n"
    "\th=$(sha256sum <\"$f\" | cut -d' ' -f1)\n"
    "\t[ \"$h\" = \"${f#evidence/}\" ] || { echo \"$f: content does not match its name\"; "
    "fail=1; }\n"
    "done\n"
    "head=$(sed -n 's/.*\"head\":[[:space:]]*\"\\([0-9a-f]*\\)\".*/\\1/p' manifest.json)\n"
    "[ \"$prev\" = \"$head\" ] || { echo \"log ends in $prev, manifest head is $head\"; "
    "fail=1; }\n"
    "[ \"$fail\" -eq 0 ] && echo \"bundle verified: $n entries, head $head\"\n"
    "exit \"$fail\"\n";

struct out {
	const char *dir;
	char *sums;
	size_t nsums, capsums;
	struct mh_err *err;
};

static int put(struct out *o, const char *rel, const void *data, size_t n, int mode)
{
	char path[4096], hex[MH_SHA256_HEX];
	FILE *f;
	int w;

	w = snprintf(path, sizeof(path), "%s/%s", o->dir, rel);
	if (w < 0 || (size_t)w >= sizeof(path))
		return mh_err_set(o->err, MH_EINPUT, "%s: path too long", o->dir);
	f = fopen(path, "wbx");
	if (!f)
		return mh_err_set(o->err, MH_EIO, "%s: %s", path, strerror(errno));
	if ((n && fwrite(data, 1, n, f) != n) | fclose(f))
		return mh_err_set(o->err, MH_EIO, "%s: write failed", path);
	if (mode)
		chmod(path, (mode_t)mode);
	if (!strcmp(rel, "SHA256SUMS"))
		return 0;
	mh_sha256_hexof(data, n, hex);
	o->sums = mh_grow(o->sums, &o->capsums, o->nsums + strlen(rel) + 70, 1);
	o->nsums +=
	    (size_t)snprintf(o->sums + o->nsums, o->capsums - o->nsums, "%s  %s\n", hex, rel);
	return 0;
}

struct gather {
	struct out *o;
	struct mh_store *s;
	char *log, *chain;
	size_t nlog, caplog, nchain, capchain;
	cJSON *evidence;
	int64_t entries;
	int failed;
};

static void append(char **buf, size_t *n, size_t *cap, const char *s, size_t k)
{
	*buf = mh_grow(*buf, cap, *n + k + 1, 1);
	memcpy(*buf + *n, s, k);
	*n += k;
	(*buf)[*n] = '\0';
}

static int export_blob(struct gather *g, const cJSON *e)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(e, "data");
	const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "sha256"));
	char rel[128], path[4096];
	void *data;
	size_t n;
	int rc;

	if (!sha || !mh_sha256_is_hex(sha, strlen(sha)))
		return 0;
	snprintf(rel, sizeof(rel), "evidence/%s", sha);
	snprintf(path, sizeof(path), "%s/%s", g->o->dir, rel);
	if (!access(path, F_OK)) /* the same blob named twice in one case */
		return 0;
	rc = mh_store_evidence_get(g->s, sha, &data, &n, g->o->err);
	if (rc == 1)
		return mh_err_set(g->o->err, MH_EINPUT, "evidence %s is missing: run case verify",
		                  sha);
	if (rc)
		return -1;
	cJSON_AddItemToArray(g->evidence, cJSON_Duplicate(d, 1));
	rc = put(g->o, rel, data, n, 0);
	free(data);
	return rc;
}

static int on_entry(void *arg, const struct mh_log_row *r)
{
	struct gather *g = arg;
	char line[256];
	cJSON *e = cJSON_Parse(r->entry);
	const char *kind = e ? cJSON_GetStringValue(cJSON_GetObjectItem(e, "kind")) : NULL;

	append(&g->log, &g->nlog, &g->caplog, r->entry, strlen(r->entry));
	append(&g->log, &g->nlog, &g->caplog, "\n", 1);
	snprintf(line, sizeof(line), "%lld %s %s\n", (long long)r->seq, r->prev, r->hash);
	append(&g->chain, &g->nchain, &g->capchain, line, strlen(line));
	g->entries++;
	if (kind && !strcmp(kind, "evidence") && export_blob(g, e))
		g->failed = 1;
	cJSON_Delete(e);
	return g->failed;
}

static int manifest(struct gather *g, int64_t id, const char *head)
{
	cJSON *m = cJSON_CreateObject();
	char ts[40], *text;
	int rc;

	cJSON_AddStringToObject(m, "format", MH_BUNDLE_FORMAT);
	cJSON_AddNumberToObject(m, "case", (double)id);
	cJSON_AddStringToObject(m, "exported", mh_case_time(mh_case_now(), ts, sizeof(ts)));
	cJSON_AddStringToObject(m, "exported_by", mh_case_analyst());
	cJSON_AddNumberToObject(m, "entries", (double)g->entries);
	cJSON_AddStringToObject(m, "head", head);
	cJSON_AddStringToObject(m, "chain",
	                        "hash = SHA-256(prev hex, \"\\n\", entry line); the "
	                        "first prev is 64 zeros");
	cJSON_AddItemToObject(m, "evidence", g->evidence);
	g->evidence = NULL;
	text = cJSON_Print(m);
	cJSON_Delete(m);
	rc = put(g->o, "manifest.json", text, strlen(text), 0);
	free(text);
	return rc;
}

int mh_bundle_export(struct mh_store *s, int64_t id, const char *dir, char *head,
                     struct mh_err *err)
{
	struct out o = {dir, NULL, 0, 0, err};
	struct gather g;
	char path[4096];
	int64_t entries;
	int rc = -1;

	memset(&g, 0, sizeof(g));
	g.o = &o;
	g.s = s;
	if (mh_store_case_tail(s, id, &entries, head, err))
		return -1;
	if (mkdir(dir, 0700))
		return mh_err_set(err, MH_EIO, "%s: %s", dir, strerror(errno));
	snprintf(path, sizeof(path), "%s/evidence", dir);
	if (mkdir(path, 0700))
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	g.evidence = cJSON_CreateArray();
	if (mh_store_each_log(s, id, on_entry, &g, err) || g.failed)
		goto out;
	if (put(&o, "log.jsonl", g.log ? g.log : "", g.nlog, 0) ||
	    put(&o, "chain.txt", g.chain ? g.chain : "", g.nchain, 0) || manifest(&g, id, head) ||
	    put(&o, "verify.sh", verify_sh, sizeof(verify_sh) - 1, 0755) ||
	    put(&o, "SHA256SUMS", o.sums ? o.sums : "", o.nsums, 0))
		goto out;
	rc = 0;
out:
	cJSON_Delete(g.evidence);
	free(g.log);
	free(g.chain);
	free(o.sums);
	return rc;
}
