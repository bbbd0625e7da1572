/*
 * GitHub audit log (organization or enterprise: the REST export, the JSON
 * download and audit-log streaming all use these names) -> struct mh_event,
 * kind MH_EV_CODE.
 *
 * Fields read and where they go:
 *   @timestamp                  ts_ms: epoch milliseconds (streaming, export)
 *   created_at                  ts_ms when @timestamp is absent: epoch ms or
 *                               an ISO string (older exports)
 *   at_sign_timestamp           ts_ms last (what some pipelines rename
 *                               "@timestamp" to)
 *   action                      action; move: git.clone and git.fetch ->
 *                               MH_MOVE_CLONE, repo.download_zip ->
 *                               MH_MOVE_DOWNLOAD
 *   actor                       user (the login; required)
 *   actor_ip                    ip
 *   actor_location.country_code country
 *   repo (else repository)      repo ("org/name")
 *   user_agent                  user_agent
 * A record without both "action" and "actor" is not an audit event of a
 * person (or not GitHub at all): skipped with that reason.
 */
#include <string.h>

#include "ingest/decoder.h"
#include "ingest/field.h"
#include "ingest/sniff.h"

enum {
	F_TS,
	F_CREATED,
	F_ATSIGN,
	F_ACTION,
	F_ACTOR,
	F_IP,
	F_COUNTRY,
	F_REPO,
	F_REPOSITORY,
	F_UA,
	F__COUNT
};

static const char *const paths[F__COUNT] = {
    "@timestamp", "created_at", "at_sign_timestamp",           "action",
    "actor",      "actor_ip",   "actor_location.country_code", "repo",
    "repository", "user_agent",
};

static int sniff(const char *rec, size_t n)
{
	if (!mh_sniff_key(rec, n, "action") || !mh_sniff_key(rec, n, "actor"))
		return 0;
	if (!mh_sniff_key(rec, n, "@timestamp") && !mh_sniff_key(rec, n, "created_at") &&
	    !mh_sniff_key(rec, n, "at_sign_timestamp"))
		return 30;
	return mh_sniff_key(rec, n, "org") || mh_sniff_key(rec, n, "repo") ||
	               mh_sniff_key(rec, n, "_document_id")
	           ? 90
	           : 85;
}

static void *ctx_new(void)
{
	return mh_fields_new(paths, F__COUNT);
}

static int timestamp(struct mh_fields *f, struct mh_event *ev, struct mh_err *why)
{
	for (int i = F_TS; i <= F_ATSIGN; i++) {
		if (!mh_field_has_time(f, i))
			continue;
		/* created_at is sometimes written as a float ("1621305118553.0") */
		if (f->v[i].type == MH_J_NUMBER) {
			double d;

			if (mh_jx_double(&f->v[i], &d) == 0 && d >= 0 && d < 1e15 &&
			    d == (double)(int64_t)d) {
				ev->ts_ms = d < 1e11 ? (int64_t)d * 1000 : (int64_t)d;
				return 1;
			}
		}
		return mh_field_time(f, i, &ev->ts_ms, why) ? -1 : 1;
	}
	return 0;
}

static void classify(struct mh_event *ev)
{
	ev->kind = MH_EV_CODE;
	if (mh_str_eq(ev->action, "git.clone") || mh_str_eq(ev->action, "git.fetch"))
		ev->move = MH_MOVE_CLONE;
	else if (mh_str_eq(ev->action, "repo.download_zip"))
		ev->move = MH_MOVE_DOWNLOAD;
}

static int decode(void *ctx, const struct mh_record *rec, mh_emit_fn emit, void *arg,
                  struct mh_err *why)
{
	struct mh_fields *f = ctx;
	struct mh_event ev;
	int rc;

	if (mh_fields_extract(f, rec->p, rec->n, why))
		return MH_DEC_ERR;
	if (!mh_field_present(f, F_ACTION))
		return mh_foreign(why, "not a GitHub audit event: no 'action'");
	if (!mh_field_present(f, F_ACTOR))
		return mh_skip(why, "GitHub audit event without 'actor': not attributable");
	mh_event_init(&ev, rec, MH_SRC_GITHUB);
	if (mh_field_str(f, F_ACTION, &ev.action, why) || mh_field_str(f, F_ACTOR, &ev.user, why) ||
	    mh_field_ip(f, F_IP, &ev.ip, why) || mh_field_str(f, F_COUNTRY, &ev.country, why) ||
	    mh_field_str(f, F_REPO, &ev.repo, why) || mh_field_str(f, F_UA, &ev.user_agent, why))
		return MH_DEC_ERR;
	if (!ev.repo.n && f->v[F_REPOSITORY].type == MH_J_STRING &&
	    mh_field_str(f, F_REPOSITORY, &ev.repo, why))
		return MH_DEC_ERR;
	rc = timestamp(f, &ev, why);
	if (rc < 0)
		return MH_DEC_ERR;
	if (rc == 0)
		return mh_skip(why, "GitHub audit event without a timestamp");
	classify(&ev);
	emit(arg, &ev);
	return MH_DEC_OK;
}

const struct mh_decoder mh_dec_github = {
    .name = "github",
    .src = MH_SRC_GITHUB,
    .sniff = sniff,
    .ctx_new = ctx_new,
    .ctx_free = mh_fields_free,
    .decode = decode,
};
