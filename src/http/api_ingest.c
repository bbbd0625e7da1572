/*
 * POST /api/ingest: log records in the body (JSON Lines or a JSON array, any
 * format `scan` reads), spooled and scanned by the ingest worker (ingest.h).
 * The body is checked before it is accepted: it must not be empty, must hold
 * no NUL byte, and the first record must be one a decoder recognises (the
 * worker picks decoders by sniffing, as `scan` does by default). Answers 202 with a ticket; with
 * ?wait=1 it waits (up to ?timeout= seconds, default 30) for the scan and answers 200 with the
 * ingest status once the body has been read.
 */
#include <string.h>

#include "http/http_int.h"
#include "http/ingest.h"
#include "ingest/decoder.h"

static int first_record(const char *b, size_t n, const char **rec, size_t *len)
{
	size_t i = 0, j;

	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i < n && b[i] == '[') /* a JSON array: sniff its start */
		i++;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i >= n)
		return -1;
	for (j = i; j < n && b[j] != '\n'; j++)
		;
	*rec = b + i;
	*len = j - i;
	return 0;
}

static int check_body(struct mh_req *r)
{
	const char *rec;
	size_t len;

	if (!r->body || !r->nbody)
		return mh_reply_error(r, 400, "empty body"), -1;
	if (memchr(r->body, '\0', r->nbody))
		return mh_reply_error(r, 400, "the body holds a NUL byte"), -1;
	if (first_record(r->body, r->nbody, &rec, &len))
		return mh_reply_error(r, 400, "the body holds no record"), -1;
	if (!mh_decoder_sniff(rec, len))
		return mh_reply_error(r, 422, "no decoder recognises the first record"), -1;
	return 0;
}

int mh_api_ingest(struct mh_req *r)
{
	const char *wait = mh_req_query(r, "wait");
	struct mh_err err;
	uint64_t ticket;
	long timeout;
	cJSON *o;

	if (mh_req_int(r, "timeout", 30, 1, 120, &timeout) || check_body(r))
		return 0;
	mh_err_clear(&err);
	if (mh_ingester_submit(r->s->ing, r->body, r->nbody, &ticket, &err)) {
		r->retry_after = 5;
		return mh_reply_error(r, 503, "%s", err.msg);
	}
	if (wait && !strcmp(wait, "1")) {
		int done = !mh_ingester_wait(r->s->ing, ticket, (unsigned)timeout * 1000);

		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "ticket", (double)ticket);
		cJSON_AddBoolToObject(o, "scanned", done);
		cJSON_AddItemToObject(o, "ingest", mh_ingester_status(r->s->ing));
		return mh_reply_json(r, done ? 200 : 202, o);
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "ticket", (double)ticket);
	cJSON_AddNumberToObject(o, "bytes", (double)r->nbody);
	cJSON_AddBoolToObject(o, "scanned", 0);
	return mh_reply_json(r, 202, o);
}
