/*
 * osquery results log (filesystem logger, the TLS logger and shippers that
 * forward it) -> struct mh_event, one per result row.
 *
 * Record shapes:
 *   differential  {"name", "hostIdentifier", "unixTime", "action": "added" |
 *                  "removed", "columns": {row}}            diff ADDED / REMOVED
 *   snapshot      {"name", ..., "action": "snapshot", "snapshot": [rows]}
 *                                                           diff SNAPSHOT
 *   batch         {"name", ..., "diffResults": {"added": [rows],
 *                  "removed": [rows]}}                      diff ADDED / REMOVED
 * Record fields: name -> action (the query name, chosen by whoever wrote the
 * pack, so rows are classified by their columns, not by it); hostIdentifier
 * (else decorations.hostname) -> host; unixTime (number or digits, seconds;
 * else calendarTime) -> ts_ms; decorations.username -> user when the row names
 * none.
 *
 * Rows, by the columns present:
 *   vendor_id + model_id, or vendor + model + serial (usb_devices)
 *        -> MH_EV_USB: usb_vendor_id, usb_model_id, usb_vendor, usb_model,
 *           usb_serial
 *   path + (cmdline or pid) (processes)
 *        -> MH_EV_PROCESS: process = name, executable = path,
 *           command_line = cmdline
 *   name + version (programs, deb/rpm packages, apps)
 *        -> MH_EV_PROGRAM: process = name
 *   anything else with a username or user column -> MH_EV_OTHER
 *   anything else -> the row is skipped
 * user = the row's username (else user) column. Most inventory rows name no
 * user: the event then carries the host only, and the core maps the host to a
 * person through the roster's laptop_serial and aliases.
 * A record whose rows are all skipped is skipped; a malformed row rejects the
 * whole record before anything is emitted.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest/decoder.h"
#include "ingest/field.h"
#include "ingest/sniff.h"
#include "util/xalloc.h"

enum {
	F_NAME,
	F_HOSTID,
	F_UNIXTIME,
	F_CALTIME,
	F_ACTION,
	F_COLUMNS,
	F_SNAPSHOT,
	F_ADDED,
	F_REMOVED,
	F_DEC_HOST,
	F_DEC_USER,
	F__COUNT
};

static const char *const paths[F__COUNT] = {
    "name",
    "hostIdentifier",
    "unixTime",
    "calendarTime",
    "action",
    "columns",
    "snapshot",
    "diffResults.added",
    "diffResults.removed",
    "decorations.hostname",
    "decorations.username",
};

enum {
	R_VENDOR_ID,
	R_MODEL_ID,
	R_VENDOR,
	R_MODEL,
	R_SERIAL,
	R_NAME,
	R_PATH,
	R_CMDLINE,
	R_PID,
	R_VERSION,
	R_USERNAME,
	R_USER,
	R__COUNT
};

static const char *const row_paths[R__COUNT] = {
    "vendor_id", "model_id", "vendor", "model",   "serial",   "name",
    "path",      "cmdline",  "pid",    "version", "username", "user",
};

struct ctx {
	struct mh_fields rec, row;
};

static int sniff(const char *rec, size_t n)
{
	if (mh_sniff_key(rec, n, "hostIdentifier"))
		return 90;
	if (!mh_sniff_key(rec, n, "name"))
		return 0;
	if (mh_sniff_key(rec, n, "columns") || mh_sniff_key(rec, n, "snapshot") ||
	    mh_sniff_key(rec, n, "diffResults"))
		return mh_sniff_key(rec, n, "unixTime") ? 90 : 70;
	return 0;
}

static void *ctx_new(void)
{
	struct ctx *c = mh_malloc(sizeof(*c));

	mh_fields_init(&c->rec, paths, F__COUNT);
	mh_fields_init(&c->row, row_paths, R__COUNT);
	return c;
}

static void ctx_free(void *p)
{
	struct ctx *c = p;

	mh_fields_release(&c->rec);
	mh_fields_release(&c->row);
	free(c);
}

static int classify(const struct mh_fields *r)
{
	int has[R__COUNT];

	for (int i = 0; i < R__COUNT; i++)
		has[i] = mh_field_present(r, i);
	if ((has[R_VENDOR_ID] && has[R_MODEL_ID]) ||
	    (has[R_VENDOR] && has[R_MODEL] && has[R_SERIAL]))
		return MH_EV_USB;
	if (has[R_PATH] && (has[R_CMDLINE] || has[R_PID]))
		return MH_EV_PROCESS;
	if (has[R_NAME] && has[R_VERSION])
		return MH_EV_PROGRAM;
	if (has[R_USERNAME] || has[R_USER])
		return MH_EV_OTHER;
	return -1;
}

/* Row -> *ev (a copy of the record-level event). 1 = event, 0 = row skipped. */
static int row_event(struct ctx *c, const struct mh_jval *row, struct mh_event *ev,
                     struct mh_err *why)
{
	struct mh_fields *r = &c->row;
	struct mh_str u = {0};
	int kind;

	if (row->type != MH_J_OBJECT)
		return mh_err_set(why, MH_EINPUT, "osquery row is not an object");
	if (mh_fields_extract(r, row->p, row->n, why))
		return -1;
	kind = classify(r);
	if (kind < 0)
		return 0;
	ev->kind = (uint8_t)kind;
	if (mh_field_str(r, R_USERNAME, &u, why) || (!u.n && mh_field_str(r, R_USER, &u, why)))
		return -1;
	if (u.n)
		ev->user = u;
	if (kind == MH_EV_USB)
		return mh_field_str(r, R_VENDOR_ID, &ev->usb_vendor_id, why) ||
		               mh_field_str(r, R_MODEL_ID, &ev->usb_model_id, why) ||
		               mh_field_str(r, R_VENDOR, &ev->usb_vendor, why) ||
		               mh_field_str(r, R_MODEL, &ev->usb_model, why) ||
		               mh_field_str(r, R_SERIAL, &ev->usb_serial, why)
		           ? -1
		           : 1;
	if (kind == MH_EV_PROCESS)
		return mh_field_str(r, R_NAME, &ev->process, why) ||
		               mh_field_str(r, R_PATH, &ev->executable, why) ||
		               mh_field_str(r, R_CMDLINE, &ev->command_line, why)
		           ? -1
		           : 1;
	if (kind == MH_EV_PROGRAM)
		return mh_field_str(r, R_NAME, &ev->process, why) ? -1 : 1;
	return 1;
}

/* Run every row of one row source; emit only when emit != NULL. Returns the
 * number of events, or -1. */
static int rows(struct ctx *c, int field, int diff, const struct mh_event *base, mh_emit_fn emit,
                void *arg, struct mh_err *why)
{
	const struct mh_jval *v = &c->rec.v[field];
	struct mh_jval one = *v, e;
	size_t pos = 0;
	int n = 0, rc;

	if (field == F_COLUMNS) {
		struct mh_event ev = *base;

		ev.diff = (uint8_t)diff;
		rc = row_event(c, &one, &ev, why);
		if (rc > 0 && emit)
			emit(arg, &ev);
		return rc;
	}
	if (v->type != MH_J_ARRAY)
		return 0;
	while (mh_jx_array_next(v, &pos, &e)) {
		struct mh_event ev = *base;

		ev.diff = (uint8_t)diff;
		rc = row_event(c, &e, &ev, why);
		if (rc < 0)
			return -1;
		if (rc > 0 && emit)
			emit(arg, &ev);
		n += rc;
	}
	return n;
}

static int all_rows(struct ctx *c, const struct mh_event *base, mh_emit_fn emit, void *arg,
                    struct mh_err *why)
{
	struct mh_fields *f = &c->rec;
	struct mh_str act = {0};
	int diff = MH_DIFF_NONE, a, b;

	if (mh_field_present(f, F_COLUMNS)) {
		if (mh_field_object(f, F_COLUMNS, why) || mh_field_str(f, F_ACTION, &act, why))
			return -1;
		if (mh_str_eq(act, "added"))
			diff = MH_DIFF_ADDED;
		else if (mh_str_eq(act, "removed"))
			diff = MH_DIFF_REMOVED;
		return rows(c, F_COLUMNS, diff, base, emit, arg, why);
	}
	if (mh_field_present(f, F_SNAPSHOT))
		return mh_field_array(f, F_SNAPSHOT, why)
		           ? -1
		           : rows(c, F_SNAPSHOT, MH_DIFF_SNAPSHOT, base, emit, arg, why);
	if (mh_field_array(f, F_ADDED, why) || mh_field_array(f, F_REMOVED, why))
		return -1;
	a = rows(c, F_ADDED, MH_DIFF_ADDED, base, emit, arg, why);
	b = a < 0 ? -1 : rows(c, F_REMOVED, MH_DIFF_REMOVED, base, emit, arg, why);
	return a < 0 || b < 0 ? -1 : a + b;
}

static int record_fields(struct mh_fields *f, struct mh_event *ev, struct mh_err *why)
{
	uint64_t secs = 0;

	if (mh_field_str(f, F_NAME, &ev->action, why) ||
	    mh_field_str(f, F_HOSTID, &ev->host, why) ||
	    mh_field_str(f, F_DEC_USER, &ev->user, why))
		return -1;
	if (!ev->host.n && mh_field_str(f, F_DEC_HOST, &ev->host, why))
		return -1;
	if (mh_field_present(f, F_UNIXTIME)) {
		if (mh_field_u64(f, F_UNIXTIME, &secs, why))
			return -1;
		if (secs >= 100000000000ull)
			return mh_err_set(why, MH_EINPUT, "field 'unixTime' is out of range");
		ev->ts_ms = (int64_t)secs * 1000;
		return 1;
	}
	if (mh_field_has_time(f, F_CALTIME))
		return mh_field_time(f, F_CALTIME, &ev->ts_ms, why) ? -1 : 1;
	return 0;
}

static int decode(void *ctx, const struct mh_record *rec, mh_emit_fn emit, void *arg,
                  struct mh_err *why)
{
	struct ctx *c = ctx;
	struct mh_event base;
	int rc;

	if (mh_fields_extract(&c->rec, rec->p, rec->n, why))
		return MH_DEC_ERR;
	if (!mh_field_present(&c->rec, F_NAME))
		return mh_foreign(why, "not an osquery result: no query 'name'");
	mh_event_init(&base, rec, MH_SRC_OSQUERY);
	rc = record_fields(&c->rec, &base, why);
	if (rc < 0)
		return MH_DEC_ERR;
	if (rc == 0)
		return mh_skip(why, "osquery result without 'unixTime' or 'calendarTime'");
	/* First pass validates every row, so a bad row emits nothing. */
	rc = all_rows(c, &base, NULL, NULL, why);
	if (rc < 0)
		return MH_DEC_ERR;
	if (rc == 0)
		return mh_skip(why, "osquery rows fit no table molehunt uses and name no user");
	all_rows(c, &base, emit, arg, why);
	return MH_DEC_OK;
}

const struct mh_decoder mh_dec_osquery = {
    .name = "osquery",
    .src = MH_SRC_OSQUERY,
    .sniff = sniff,
    .ctx_new = ctx_new,
    .ctx_free = ctx_free,
    .decode = decode,
};
