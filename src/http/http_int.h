#ifndef MH_HTTP_INT_H
#define MH_HTTP_INT_H
/*
 * Internals shared by the server's files: the server state, one request, the
 * route table and the reply helpers every resource file uses.
 *
 * A handler runs on one of libmicrohttpd's threads with the request's body
 * complete (within its route's limit) and the caller authenticated with at
 * least the route's role. It fills the reply with one mh_reply_* call and
 * returns 0. SQLite work goes through mh_http_db_lock()/unlock(): one
 * connection shared by the handlers, with a time budget per query.
 *
 * Ownership: a request owns its body and reply text; the server frees both
 * when the connection is done with them.
 */
#include <cjson/cJSON.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>

#include "http/auth.h"
#include "http/http.h"
#include "http/index.h"
#include "http/ratelimit.h"
#include "store/store.h"

struct mh_ingester;

struct mh_server {
	struct mh_serve_opts o;
	struct MHD_Daemon *d;
	unsigned port;
	struct mh_tokens tokens;
	struct mh_ratelimit *rl;
	struct mh_ingester *ing;
	struct mh_kafka *kafka; /* NULL: no Kafka */
	int64_t started_ms;

	pthread_mutex_t dblock; /* the store connection below */
	struct mh_store *store;
	int64_t deadline_ms; /* of the running query; 0 = none */
	unsigned char salt[MH_SHA256_LEN];

	pthread_mutex_t ixlock; /* ix, ix_version, ix_checked_ms, refs */
	struct mh_ix *ix;
	int64_t ix_version;
	int64_t ix_checked_ms;
	unsigned ix_refs;

	uint64_t requests, rejected; /* atomics */
};

enum { MH_METHOD_GET = 1, MH_METHOD_POST = 2 };

struct mh_req;

struct mh_route {
	int method;
	const char *pattern; /* a literal path; a star takes one path segment */
	enum mh_role role;   /* MH_ROLE_NONE: no token needed */
	size_t max_body;     /* 0: none accepted; (size_t)-1: the server's max_ingest */
	int (*fn)(struct mh_req *r);
};

#define MH_ARG_MAX 256

struct mh_req {
	struct mh_server *s;
	struct MHD_Connection *c;
	const char *url;
	int method;
	const struct mh_route *route;
	const struct mh_token *tok;
	char client[64];
	char arg[MH_ARG_MAX]; /* the path segment matched by '*' */
	char *body;
	size_t nbody, max_body;
	int too_big, answered;
	/* reply */
	unsigned status;
	char *out;
	size_t nout;
	const char *ctype;
	const unsigned char *static_out; /* borrowed, for embedded files */
	unsigned retry_after;
	int cacheable;
};

extern const struct mh_route mh_routes[];

/* Reply helpers: each sets the whole reply and returns 0. json is consumed. */
int mh_reply_json(struct mh_req *r, unsigned status, cJSON *json);
int mh_reply_error(struct mh_req *r, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int mh_reply_static(struct mh_req *r, const unsigned char *data, size_t n, const char *ctype);

/* Query-string parameters. mh_req_int returns def when absent and -1 (after
 * replying 400) when present but not an integer in [min, max]. */
const char *mh_req_query(struct mh_req *r, const char *name);
int mh_req_int(struct mh_req *r, const char *name, long def, long min, long max, long *out);

/* The current people index, rebuilt first when the store changed; NULL
 * after replying 503. Release with mh_http_ix_put(). */
const struct mh_ix *mh_http_ix_get(struct mh_req *r);
void mh_http_ix_put(struct mh_server *s, const struct mh_ix *ix);

/* The store connection, with a deadline of o.query_ms for every query run
 * until unlock. */
struct sqlite3 *mh_http_db_lock(struct mh_server *s);
void mh_http_db_unlock(struct mh_server *s);
/* Reply 503 or 500 for a failed query (interrupted queries are 503). */
int mh_reply_db_error(struct mh_req *r, struct sqlite3 *db, const char *what);

/* Does the store have this module's tables (serve, vet, cases ...)? */
int mh_http_has_module(struct sqlite3 *db, const char *module);

int64_t mh_http_now_ms(void);

/* The resource handlers (one file each). */
int mh_api_people(struct mh_req *r);
int mh_api_person(struct mh_req *r);
int mh_api_reveal(struct mh_req *r);
int mh_api_audit(struct mh_req *r);
int mh_api_graph(struct mh_req *r);
int mh_api_applicants(struct mh_req *r);
int mh_api_cases(struct mh_req *r);
int mh_api_case(struct mh_req *r);
int mh_api_ingest(struct mh_req *r);
int mh_api_health(struct mh_req *r);
int mh_api_whoami(struct mh_req *r);
int mh_api_static(struct mh_req *r);

/* A person as the ranked list shows them (api_people.c). */
cJSON *mh_person_summary(const struct mh_ix_person *p);

/* Helpers for JSON built from SQLite rows. */
void mh_json_str(cJSON *o, const char *name, const char *v); /* null when v is NULL */

#endif
