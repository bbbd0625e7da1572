/*
 * The HTTP server on libmicrohttpd: connection limits, the request life
 * cycle (rate limit, route, token, body within its limit, handler, reply),
 * security headers and the request log.
 *
 * libmicrohttpd calls the access handler several times per request: once
 * with the headers (we decide everything that does not need the body and
 * may answer at once: 429, 404, 405, 401, 403, 413 by Content-Length), then
 * once per piece of body (kept up to the route's limit; a body that grows
 * past it is dropped and answered 413), then once more to produce the reply.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "http/http_int.h"
#include "http/ingest.h"
#include "util/xalloc.h"

#define HEADER_MEMORY (64u << 10) /* per connection: request line, headers, buffers */

static const char csp[] = "default-src 'self'; img-src 'self' data:; style-src 'self';"
                          " script-src 'self'; connect-src 'self'; frame-ancestors 'none';"
                          " base-uri 'none'; form-action 'none'";

static void client_addr(struct MHD_Connection *c, char *text, size_t cap, unsigned char *raw,
                        size_t *rawn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(text, cap, "?");
	*rawn = 0;
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

		inet_ntop(AF_INET, &in->sin_addr, text, (socklen_t)cap);
		memcpy(raw, &in->sin_addr, 4);
		*rawn = 4;
	} else if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, text, (socklen_t)cap);
		memcpy(raw, &in6->sin6_addr, 16);
		*rawn = 16;
	}
}

/* Match url against pattern; '*' takes one non-empty segment into arg. */
static int match(const char *pat, const char *url, char *arg, size_t cap)
{
	while (*pat && *url) {
		if (*pat == '*') {
			size_t n = strcspn(url, "/");

			if (!n || n >= cap)
				return 0;
			memcpy(arg, url, n);
			arg[n] = '\0';
			url += n;
			pat++;
			continue;
		}
		if (*pat++ != *url++)
			return 0;
	}
	return !*pat && !*url;
}

/* The route for url; *path_ok says whether any method matched the path. */
static const struct mh_route *find_route(int method, const char *url, char *arg, int *path_ok)
{
	const struct mh_route *rt;

	*path_ok = 0;
	for (rt = mh_routes; rt->pattern; rt++)
		if (match(rt->pattern, url, arg, MH_ARG_MAX)) {
			*path_ok = 1;
			if (rt->method == method)
				return rt;
		}
	return NULL;
}

int mh_reply_json(struct mh_req *r, unsigned status, cJSON *json)
{
	char *s = json ? cJSON_PrintUnformatted(json) : NULL;

	cJSON_Delete(json);
	free(r->out);
	r->out = s ? s : mh_strdup("{\"error\":{\"status\":500,\"message\":\"out of memory\"}}");
	r->nout = strlen(r->out);
	r->status = s ? status : 500;
	r->ctype = "application/json";
	return 0;
}

int mh_reply_error(struct mh_req *r, unsigned status, const char *fmt, ...)
{
	cJSON *o = cJSON_CreateObject(), *e = cJSON_AddObjectToObject(o, "error");
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cJSON_AddNumberToObject(e, "status", status);
	cJSON_AddStringToObject(e, "message", msg);
	return mh_reply_json(r, status, o);
}

int mh_reply_static(struct mh_req *r, const unsigned char *data, size_t n, const char *ctype)
{
	free(r->out);
	r->out = NULL;
	r->static_out = data;
	r->nout = n;
	r->ctype = ctype;
	r->status = 200;
	r->cacheable = 1;
	return 0;
}

const char *mh_req_query(struct mh_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
}

int mh_req_int(struct mh_req *r, const char *name, long def, long min, long max, long *out)
{
	const char *v = mh_req_query(r, name);
	char *end;
	long x;

	*out = def;
	if (!v)
		return 0;
	x = strtol(v, &end, 10);
	if (!*v || *end || x < min || x > max) {
		mh_reply_error(r, 400, "parameter '%s' must be an integer from %ld to %ld", name,
		               min, max);
		return -1;
	}
	*out = x;
	return 0;
}

static void log_request(struct mh_req *r)
{
	if (r->s->o.quiet)
		return;
	fprintf(stderr, "%lld %s %s %s %u %s\n", (long long)mh_http_now_ms(), r->client,
	        r->method == MH_METHOD_POST  ? "POST"
	        : r->method == MH_METHOD_GET ? "GET"
	                                     : "-",
	        r->url, r->status, r->tok ? r->tok->id : "-");
}

static enum MHD_Result send_reply(struct mh_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char retry[16];

	if (!r->status)
		mh_reply_error(r, 500, "no reply");
	if (r->static_out)
		resp = MHD_create_response_from_buffer(r->nout, (void *)r->static_out,
		                                       MHD_RESPMEM_PERSISTENT);
	else {
		resp = MHD_create_response_from_buffer(r->nout, r->out, MHD_RESPMEM_MUST_FREE);
		r->out = NULL; /* the response owns it now */
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/plain");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "Cache-Control", r->cacheable ? "no-cache" : "no-store");
	if (r->status == 401)
		MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"molehunt\"");
	if (r->retry_after) {
		snprintf(retry, sizeof(retry), "%u", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", retry);
	}
	ret = MHD_queue_response(r->c, r->status, resp);
	MHD_destroy_response(resp);
	r->answered = 1;
	if (r->status >= 400)
		__atomic_add_fetch(&r->s->rejected, 1, __ATOMIC_RELAXED);
	log_request(r);
	return ret;
}

static int method_of(const char *m)
{
	return !strcmp(m, "GET") ? MH_METHOD_GET : !strcmp(m, "POST") ? MH_METHOD_POST : 0;
}

static int authenticate(struct mh_req *r)
{
	const char *h = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Authorization");
	const char *tok;
	size_t n = 0;

	if (r->route->role == MH_ROLE_NONE)
		return 0;
	tok = mh_bearer(h, &n);
	r->tok = tok ? mh_tokens_check(&r->s->tokens, tok, n) : NULL;
	if (!r->tok)
		return mh_reply_error(r, 401, h ? "invalid token" : "a bearer token is required"),
		       -1;
	if (r->tok->role < r->route->role)
		return mh_reply_error(r, 403, "this needs the %s role",
		                      mh_role_name(r->route->role)),
		       -1;
	return 0;
}

/* Everything decided from the request line and headers; -1 when answered. */
static int admit(struct mh_req *r, const char *method)
{
	unsigned char raw[16];
	size_t rawn, max;
	unsigned wait;
	const char *cl;
	int path_ok;

	client_addr(r->c, r->client, sizeof(r->client), raw, &rawn);
	wait = mh_ratelimit_take(r->s->rl, raw, rawn, mh_http_now_ms());
	if (wait) {
		r->retry_after = wait;
		return mh_reply_error(r, 429, "too many requests; retry in %u s", wait), -1;
	}
	r->method = method_of(method);
	r->route = find_route(r->method, r->url, r->arg, &path_ok);
	if (!r->route)
		return path_ok ? mh_reply_error(r, 405, "method %.16s not allowed here", method)
		               : mh_reply_error(r, 404, "no such resource"),
		       -1;
	if (authenticate(r))
		return -1;
	max = r->route->max_body == (size_t)-1 ? r->s->o.max_ingest : r->route->max_body;
	r->max_body = max;
	cl = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > max)
		return mh_reply_error(r, 413, "request body larger than %zu bytes", max), -1;
	return 0;
}

static void take_body(struct mh_req *r, const char *data, size_t n)
{
	if (r->too_big || r->nbody + n > r->max_body) {
		r->too_big = 1;
		free(r->body);
		r->body = NULL;
		r->nbody = 0;
		return;
	}
	r->body = mh_realloc(r->body, r->nbody + n + 1);
	memcpy(r->body + r->nbody, data, n);
	r->nbody += n;
	r->body[r->nbody] = '\0';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct mh_server *s = cls;
	struct mh_req *r = *con_cls;

	if (!r) {
		r = mh_calloc(1, sizeof(*r));
		r->s = s;
		r->c = c;
		r->url = url;
		*con_cls = r;
		__atomic_add_fetch(&s->requests, 1, __ATOMIC_RELAXED);
		if (admit(r, method))
			return send_reply(r);
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES;
	if (*upload_data_size) {
		take_body(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->too_big)
		mh_reply_error(r, 413, "request body larger than %zu bytes", r->max_body);
	else
		r->route->fn(r);
	return send_reply(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct mh_req *r = *con_cls;

	if (!r)
		return;
	free(r->body);
	free(r->out);
	free(r);
	*con_cls = NULL;
}

static int parse_listen(const char *spec, struct sockaddr_storage *ss, int *v6, struct mh_err *err)
{
	char host[128];
	const char *colon = strrchr(spec, ':');
	char *end;
	unsigned long port;
	size_t hn;

	memset(ss, 0, sizeof(*ss));
	if (!colon)
		return mh_err_set(err, MH_EUSAGE, "--listen wants ADDR:PORT, got '%s'", spec);
	port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || port > 65535)
		return mh_err_set(err, MH_EUSAGE, "--listen: bad port in '%s'", spec);
	hn = (size_t)(colon - spec);
	if (hn >= sizeof(host))
		return mh_err_set(err, MH_EUSAGE, "--listen: address too long");
	memcpy(host, spec, hn);
	host[hn] = '\0';
	if (hn >= 2 && host[0] == '[' && host[hn - 1] == ']') {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		host[hn - 1] = '\0';
		if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
			return mh_err_set(err, MH_EUSAGE, "--listen: bad IPv6 address '%s'",
			                  host + 1);
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		*v6 = 1;
		return 0;
	}
	{
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		if (inet_pton(AF_INET, hn ? host : "127.0.0.1", &a->sin_addr) != 1)
			return mh_err_set(err, MH_EUSAGE, "--listen: bad IPv4 address '%s'", host);
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		*v6 = 0;
	}
	return 0;
}

static int open_store(struct mh_server *s, struct mh_err *err)
{
	s->store = mh_store_open(s->o.db, err);
	if (!s->store)
		return -1;
	if (mh_pseudo_salt(mh_store_db(s->store), s->salt, err))
		return -1;
	return 0;
}

static int start_daemon(struct mh_server *s, struct mh_err *err)
{
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *di;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
	int v6 = 0;

	if (parse_listen(s->o.listen, &ss, &v6, err))
		return -1;
	if (v6)
		flags |= MHD_USE_IPv6;
	if (!s->o.quiet)
		flags |= MHD_USE_ERROR_LOG;
	s->d = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(s->o.threads ? s->o.threads : 1),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_MEMORY,
	    MHD_OPTION_CONNECTION_TIMEOUT, s->o.timeout_s, MHD_OPTION_CONNECTION_LIMIT,
	    s->o.max_conns, MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->o.max_conns_per_ip,
	    MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_END);
	if (!s->d)
		return mh_err_set(err, MH_EINPUT, "cannot listen on %s", s->o.listen);
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	return 0;
}

static int start_kafka(struct mh_server *s, struct mh_err *err)
{
	struct mh_kafka_opts ko = s->o.kafka;

	if (!ko.brokers)
		return 0;
	ko.db = s->o.db;
	ko.dir = mh_ingester_spool(s->ing);
	ko.quiet = s->o.quiet;
	s->kafka = mh_kafka_start(&ko, s->ing, err);
	return s->kafka ? 0 : -1;
}

struct mh_server *mh_server_start(const struct mh_serve_opts *o, struct mh_err *err)
{
	struct mh_server *s = mh_calloc(1, sizeof(*s));

	s->o = *o;
	s->started_ms = mh_http_now_ms();
	pthread_mutex_init(&s->dblock, NULL);
	pthread_mutex_init(&s->ixlock, NULL);
	if (mh_tokens_load(&s->tokens, o->token_file, err) || open_store(s, err))
		goto fail;
	s->rl = mh_ratelimit_new(o->rate, o->burst);
	s->ing = mh_ingester_start(o, err);
	if (!s->ing || start_kafka(s, err) || start_daemon(s, err))
		goto fail;
	return s;
fail:
	mh_server_stop(s);
	return NULL;
}

unsigned mh_server_port(const struct mh_server *s)
{
	return s->port;
}

void mh_server_stop(struct mh_server *s)
{
	if (!s)
		return;
	if (s->d)
		MHD_stop_daemon(s->d);
	mh_kafka_stop(s->kafka);
	mh_ingester_stop(s->ing);
	mh_ix_free(s->ix);
	mh_store_close(s->store);
	mh_ratelimit_free(s->rl);
	mh_tokens_release(&s->tokens);
	pthread_mutex_destroy(&s->dblock);
	pthread_mutex_destroy(&s->ixlock);
	free(s);
}
