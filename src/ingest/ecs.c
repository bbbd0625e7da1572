/*
 * Elastic Common Schema events (Elastic Agent, winlogbeat, auditbeat, and
 * anything shipping ECS), nested ({"process":{"name":..}}) or dotted
 * ({"process.name":..}) keys alike -> struct mh_event.
 *
 * Fields read and where they go:
 *   @timestamp                        ts_ms (missing -> skip)
 *   event.category (string or array)  kind: process -> MH_EV_PROCESS, file ->
 *                                     MH_EV_FILE, network -> MH_EV_NETWORK,
 *                                     authentication/iam/session -> MH_EV_AUTH,
 *                                     anything else -> MH_EV_OTHER
 *   event.type (string or array)      which process/file events count as data
 *                                     movement (start, creation, change)
 *   event.action                      action
 *   user.name                         user, as written: "jdoe", "CORP\jdoe" or
 *                                     "jdoe@corp.com". user.domain is not glued
 *                                     on: roster aliases hold the directory
 *                                     user names people sign in with.
 *   host.name (else host.hostname)    host
 *   process.name / .executable / .command_line
 *                                     process / executable / command_line
 *   file.path, file.size              path, bytes (file events)
 *   source.ip                         ip
 *   destination.domain (else .ip)     dest
 *   source.bytes (else network.bytes) bytes (network events: bytes sent)
 *   network.direction                 inbound flows are never uploads
 * An event with neither user.name nor host.name is skipped (not attributable).
 *
 * Data movement (move), decided here because only the decoder sees the raw
 * fields:
 *   MH_MOVE_ARCHIVE   a process start of zip; 7z/7za/7zz/7zr/rar/winrar with
 *                     the "a" (add) or "u" (update) command; tar/bsdtar/gtar with
 *                     a create flag (-c, -czf, "--create", or old-style "czf");
 *                     ditto -c; PowerShell Compress-Archive. Or a file created
 *                     with an archive extension (.zip .7z .rar .tar .tgz .tar.gz
 *                     .tar.bz2 .tar.xz .tbz2 .txz).
 *   MH_MOVE_USB_WRITE a file created or changed on removable media (ecs_media.c
 *                     lists the path rules); wins over ARCHIVE.
 *   MH_MOVE_UPLOAD    a network event with at least MH_ECS_UPLOAD_MIN bytes sent
 *                     to a public destination IP (or to a named destination with
 *                     no IP), not marked inbound.
 */
#include <string.h>

#include "ingest/decoder.h"
#include "ingest/ecs_move.h"
#include "ingest/field.h"
#include "ingest/sniff.h"
#include "util/ip.h"

enum {
	F_TS,
	F_CATEGORY,
	F_TYPE,
	F_ACTION,
	F_USER,
	F_HOST,
	F_HOSTNAME,
	F_PNAME,
	F_PEXE,
	F_PCMD,
	F_FPATH,
	F_FSIZE,
	F_FHASH,
	F_SRCIP,
	F_DSTDOMAIN,
	F_DSTIP,
	F_SRCBYTES,
	F_NETBYTES,
	F_DIRECTION,
	F__COUNT
};

static const char *const paths[F__COUNT] = {
    "@timestamp",           "event.category", "event.type",
    "event.action",         "user.name",      "host.name",
    "host.hostname",        "process.name",   "process.executable",
    "process.command_line", "file.path",      "file.size",
    "file.hash.sha256",     "source.ip",      "destination.domain",
    "destination.ip",       "source.bytes",   "network.bytes",
    "network.direction",
};

static int sniff(const char *rec, size_t n)
{
	if (!mh_sniff_key(rec, n, "@timestamp"))
		return 0;
	if (mh_sniff_key(rec, n, "ecs") || mh_sniff_key(rec, n, "ecs.version"))
		return 95;
	if (mh_sniff_key(rec, n, "event") || mh_sniff_key(rec, n, "event.category") ||
	    mh_sniff_key(rec, n, "event.action"))
		return 80;
	return mh_sniff_key(rec, n, "host") || mh_sniff_key(rec, n, "host.name") ? 60 : 0;
}

static void *ctx_new(void)
{
	return mh_fields_new(paths, F__COUNT);
}

/* Is lit one of the values of a string-or-array-of-strings field? */
static int has_value(const struct mh_fields *f, int i, const char *lit)
{
	const struct mh_jval *v = &f->v[i];
	struct mh_jval e;
	size_t pos = 0;

	if (v->type == MH_J_STRING)
		return mh_str_eq((struct mh_str){v->p, v->n}, lit);
	if (v->type != MH_J_ARRAY)
		return 0;
	while (mh_jx_array_next(v, &pos, &e))
		if (e.type == MH_J_STRING && mh_str_eq((struct mh_str){e.p, e.n}, lit))
			return 1;
	return 0;
}

static int check_list(const struct mh_fields *f, int i, struct mh_err *why)
{
	const struct mh_jval *v = &f->v[i];
	struct mh_jval e;
	size_t pos = 0;

	if (v->type == MH_J_ARRAY) {
		while (mh_jx_array_next(v, &pos, &e))
			if (e.type != MH_J_STRING)
				goto bad;
		return 0;
	}
	if (v->type == MH_J_ABSENT || v->type == MH_J_NULL || v->type == MH_J_STRING)
		return 0;
bad:
	return mh_err_set(why, MH_EINPUT, "field '%s' is not a string or list of strings",
	                  f->paths[i]);
}

static int kind_of(const struct mh_fields *f)
{
	if (has_value(f, F_CATEGORY, "process"))
		return MH_EV_PROCESS;
	if (has_value(f, F_CATEGORY, "file"))
		return MH_EV_FILE;
	if (has_value(f, F_CATEGORY, "network"))
		return MH_EV_NETWORK;
	if (has_value(f, F_CATEGORY, "authentication") || has_value(f, F_CATEGORY, "iam") ||
	    has_value(f, F_CATEGORY, "session"))
		return MH_EV_AUTH;
	return MH_EV_OTHER;
}

static int read_fields(struct mh_fields *f, struct mh_event *ev, struct mh_err *why)
{
	struct mh_ip dst = {0};

	if (check_list(f, F_CATEGORY, why) || check_list(f, F_TYPE, why) ||
	    mh_field_time_any(f, F_TS, &ev->ts_ms, why) ||
	    mh_field_str(f, F_ACTION, &ev->action, why) ||
	    mh_field_str(f, F_USER, &ev->user, why) || mh_field_str(f, F_HOST, &ev->host, why) ||
	    mh_field_str(f, F_PNAME, &ev->process, why) ||
	    mh_field_str(f, F_PEXE, &ev->executable, why) ||
	    mh_field_str(f, F_PCMD, &ev->command_line, why) ||
	    mh_field_str(f, F_FPATH, &ev->path, why) ||
	    mh_field_str(f, F_FHASH, &ev->file_hash, why) ||
	    mh_field_ip(f, F_SRCIP, &ev->ip, why) || mh_field_str(f, F_DSTDOMAIN, &ev->dest, why) ||
	    mh_field_ip(f, F_DSTIP, &dst, why))
		return -1;
	if (!ev->host.n && mh_field_str(f, F_HOSTNAME, &ev->host, why))
		return -1;
	if (!ev->dest.n && dst.family && mh_field_str(f, F_DSTIP, &ev->dest, why))
		return -1;
	ev->kind = (uint8_t)kind_of(f);
	if (ev->kind == MH_EV_FILE && mh_field_u64(f, F_FSIZE, &ev->bytes, why))
		return -1;
	if (ev->kind == MH_EV_NETWORK) {
		if (mh_field_u64(f, F_SRCBYTES, &ev->bytes, why))
			return -1;
		if (!ev->bytes && mh_field_u64(f, F_NETBYTES, &ev->bytes, why))
			return -1;
	}
	return 0;
}

static void classify_move(const struct mh_fields *f, struct mh_event *ev)
{
	int type_known = mh_field_present(f, F_TYPE);

	if (ev->kind == MH_EV_PROCESS && (!type_known || has_value(f, F_TYPE, "start"))) {
		if (mh_ecs_is_archiver(ev->process, ev->executable, ev->command_line))
			ev->move = MH_MOVE_ARCHIVE;
	} else if (ev->kind == MH_EV_FILE) {
		int created = !type_known || has_value(f, F_TYPE, "creation");
		int written = created || has_value(f, F_TYPE, "change");

		if (written && mh_ecs_is_removable(ev->path))
			ev->move = MH_MOVE_USB_WRITE;
		else if (created && mh_ecs_is_archive_path(ev->path))
			ev->move = MH_MOVE_ARCHIVE;
	} else if (ev->kind == MH_EV_NETWORK && ev->bytes >= MH_ECS_UPLOAD_MIN &&
	           !has_value(f, F_DIRECTION, "inbound") && !has_value(f, F_DIRECTION, "ingress")) {
		struct mh_ip dst = {0};
		const struct mh_jval *v = &f->v[F_DSTIP];
		int have_ip = v->type == MH_J_STRING && mh_ip_parse(v->p, v->n, &dst) == 0;

		if ((have_ip && !mh_ip_is_private(&dst)) || (!have_ip && ev->dest.n))
			ev->move = MH_MOVE_UPLOAD;
	}
}

static int decode(void *ctx, const struct mh_record *rec, mh_emit_fn emit, void *arg,
                  struct mh_err *why)
{
	struct mh_fields *f = ctx;
	struct mh_event ev;

	if (mh_fields_extract(f, rec->p, rec->n, why))
		return MH_DEC_ERR;
	if (!mh_field_present(f, F_TS) ||
	    (!mh_field_present(f, F_CATEGORY) && !mh_field_present(f, F_TYPE) &&
	     !mh_field_present(f, F_ACTION)))
		return mh_foreign(why, "not an ECS event: no '@timestamp' with 'event.*'");
	if (!mh_field_has_time(f, F_TS))
		return mh_skip(why, "ECS event without a usable '@timestamp' (absent or withheld)");
	mh_event_init(&ev, rec, MH_SRC_ECS);
	if (read_fields(f, &ev, why))
		return MH_DEC_ERR;
	if (!ev.user.n && !ev.host.n)
		return mh_skip(why, "ECS event with neither 'user.name' nor 'host.name'");
	classify_move(f, &ev);
	emit(arg, &ev);
	return MH_DEC_OK;
}

const struct mh_decoder mh_dec_ecs = {
    .name = "ecs",
    .src = MH_SRC_ECS,
    .sniff = sniff,
    .ctx_new = ctx_new,
    .ctx_free = mh_fields_free,
    .decode = decode,
};
