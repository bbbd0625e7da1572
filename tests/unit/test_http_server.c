/*
 * The server end to end over loopback sockets: authentication and roles,
 * audited reveals, limits (body size, header size, rate), malformed and
 * hostile requests, ingest through the worker, and that a stalled client
 * does not block others.
 */
#include "mh_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http/http.h"
#include "store/store.h"

#define ANALYST "Authorization: Bearer analyst-token-0123456789\r\n"
#define INVEST  "Authorization: Bearer investigator-token-0123456789\r\n"

static char dir[] = "/tmp/mh-test-serve-XXXXXX";
static char db[128], tokens[128], spool[128];
static struct mh_server *srv;
static unsigned port;

static int conn(void)
{
	struct sockaddr_in a;
	struct timeval tv = {10, 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w <= 0)
			return; /* the server may close early (413): fine */
		p += w;
		n -= (size_t)w;
	}
}

/* Send raw bytes, read the whole reply (Connection: close); returns the
 * status, and the reply in *out (malloc'ed) when out is not NULL. */
static int raw(const char *req, size_t n, char **out)
{
	int fd = conn(), status = 0;
	size_t len = 0, cap = 1 << 16;
	char *buf = mh_malloc(cap + 1);
	ssize_t got;

	send_all(fd, req, n);
	while ((got = recv(fd, buf + len, cap - len, 0)) > 0) {
		len += (size_t)got;
		if (len == cap) {
			cap *= 2;
			buf = mh_realloc(buf, cap + 1);
		}
	}
	close(fd);
	buf[len] = '\0';
	sscanf(buf, "HTTP/1.%*d %d", &status);
	if (out)
		*out = buf;
	else
		free(buf);
	return status;
}

static int req(const char *method, const char *path, const char *headers, const char *body,
               char **out)
{
	char *r = NULL;
	size_t n = strlen(body ? body : "") + strlen(headers) + strlen(path) + 200;
	int status;

	r = mh_malloc(n);
	snprintf(
	    r, n,
	    "%s %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%sContent-Length: %zu\r\n\r\n%s",
	    method, path, headers, body ? strlen(body) : 0, body ? body : "");
	status = raw(r, strlen(r), out);
	free(r);
	return status;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static int start(double rate, double burst)
{
	struct mh_serve_opts o;
	struct mh_err err;

	mh_serve_opts_init(&o);
	o.db = db;
	o.token_file = tokens;
	o.spool = spool;
	o.listen = "127.0.0.1:0";
	o.rate = rate;
	o.burst = burst;
	o.max_ingest = 64 << 10;
	o.timeout_s = 3;
	o.quiet = 1;
	o.poll_ms = 100;
	mh_err_clear(&err);
	srv = mh_server_start(&o, &err);
	if (!srv)
		fprintf(stderr, "start: %s\n", err.msg);
	assert_non_null(srv);
	port = mh_server_port(srv);
	assert_true(port > 0);
	return 0;
}

static int setup(void **state)
{
	struct mh_store *s;
	struct mh_err err;

	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/s.db", dir);
	snprintf(tokens, sizeof(tokens), "%s/tokens", dir);
	snprintf(spool, sizeof(spool), "%s/spool", dir);
	write_file(tokens,
	           "analyst analyst-token-0123456789 ana\n"
	           "investigator investigator-token-0123456789 ivy\n",
	           0600);
	s = mh_store_open(db, &err);
	assert_non_null(s);
	assert_int_equal(sqlite3_exec(mh_store_db(s),
	                              "INSERT INTO persons(id, key, resolved, email, name, events)"
	                              " VALUES (1, 'E1', 1, 'ann@corp.example', 'Ann Lee', 3),"
	                              " (2, 'E2', 1, 'bob@corp.example', 'Bob Roe', 1);"
	                              "INSERT INTO scores VALUES (1, 64, 1, '[]');",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	mh_store_close(s);
	return start(0, 1);
}

static int teardown(void **state)
{
	char cmd[256];

	mh_server_stop(srv);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* The first person's pseudonym, from the ranked list. */
static void top_pseudonym(char *out, size_t cap)
{
	char *body, *p;

	assert_int_equal(req("GET", "/api/people?limit=1", ANALYST, NULL, &body), 200);
	p = strstr(body, "\"pseudonym\":\"");
	assert_non_null(p);
	p += 13;
	snprintf(out, cap, "%.*s", (int)strcspn(p, "\""), p);
	free(body);
}

static void auth_required(void **state)
{
	char *body;

	assert_int_equal(req("GET", "/api/people", "", NULL, &body), 401);
	assert_non_null(strstr(body, "WWW-Authenticate: Bearer"));
	free(body);
	assert_int_equal(req("GET", "/api/people",
	                     "Authorization: Bearer wrong-token-0123456789\r\n", NULL, NULL),
	                 401);
	assert_int_equal(req("GET", "/api/people", "Authorization: Basic YTpi\r\n", NULL, NULL),
	                 401);
	assert_int_equal(req("GET", "/api/health", "", NULL, NULL), 401);
	assert_int_equal(req("GET", "/api/people", ANALYST, NULL, &body), 200);
	assert_non_null(strstr(body, "\"total\":2"));
	/* Pseudonymised: no identity in the list. */
	assert_null(strstr(body, "ann@"));
	assert_null(strstr(body, "Ann Lee"));
	assert_null(strstr(body, "\"E1\""));
	free(body);
	/* The dashboard's files need no token and carry no data. */
	assert_int_equal(req("GET", "/", "", NULL, &body), 200);
	assert_non_null(strstr(body, "text/html"));
	assert_non_null(strstr(body, "Content-Security-Policy"));
	free(body);
}

static int audit_rows(const char *action)
{
	struct mh_err err;
	struct mh_store *s = mh_store_open(db, &err);
	sqlite3_stmt *q;
	int n = -1;

	sqlite3_prepare_v2(mh_store_db(s), "SELECT count(*) FROM serve_audit WHERE action = ?", -1,
	                   &q, NULL);
	sqlite3_bind_text(q, 1, action, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	mh_store_close(s);
	return n;
}

static void reveal_is_audited(void **state)
{
	char pseudo[64], path[128], *body;

	top_pseudonym(pseudo, sizeof(pseudo));
	snprintf(path, sizeof(path), "/api/people/%s/reveal", pseudo);
	assert_int_equal(req("POST", path, ANALYST, "{\"reason\":\"curious\"}", NULL), 403);
	assert_int_equal(audit_rows("reveal-denied"), 1);
	assert_int_equal(req("POST", path, INVEST, "{}", NULL), 400);
	assert_int_equal(req("POST", path, INVEST, "not json", NULL), 400);
	assert_int_equal(req("POST", path, INVEST, "{\"reason\":\"x\"}", NULL), 400);
	assert_int_equal(audit_rows("reveal"), 0);
	assert_int_equal(req("POST", path, INVEST, "{\"reason\":\"case 7: farm\"}", &body), 200);
	assert_non_null(strstr(body, "ann@corp.example"));
	free(body);
	assert_int_equal(audit_rows("reveal"), 1);
	assert_int_equal(req("GET", "/api/audit", ANALYST, NULL, &body), 200);
	assert_non_null(strstr(body, "case 7: farm"));
	assert_non_null(strstr(body, "\"by\":\"ivy\""));
	assert_null(strstr(body, "ann@"));
	free(body);
	snprintf(path, sizeof(path), "/api/people/%s", pseudo);
	assert_int_equal(req("GET", path, ANALYST, NULL, &body), 200);
	assert_non_null(strstr(body, "\"reveals\":[{"));
	free(body);
	assert_int_equal(req("POST", "/api/people/no-such-person-1/reveal", INVEST,
	                     "{\"reason\":\"case 7\"}", NULL),
	                 404);
	/* Decoded to more path segments: no such resource, and certainly no file. */
	assert_int_equal(req("GET", "/api/people/..%2F..%2Fetc", ANALYST, NULL, NULL), 404);
	assert_int_equal(req("GET", "/api/people/Bad%20Name", ANALYST, NULL, NULL), 400);
}

static void bad_requests(void **state)
{
	static const char garbage[] = "GARBAGE\r\n\r\n";
	static const char no_version[] = "GET /api/people\r\n\r\n";
	char big[200], *huge;
	size_t n = 100 << 10;
	int status;

	assert_int_equal(req("GET", "/api/nothing", ANALYST, NULL, NULL), 404);
	assert_int_equal(req("DELETE", "/api/people", ANALYST, NULL, NULL), 405);
	assert_int_equal(req("GET", "/api/people?limit=abc", ANALYST, NULL, NULL), 400);
	assert_int_equal(req("GET", "/api/people?limit=100000", ANALYST, NULL, NULL), 400);
	assert_int_equal(req("GET", "/api/graph?kinds=ip,passwords", ANALYST, NULL, NULL), 400);
	/* A request line libmicrohttpd cannot parse at all is answered 4xx or the
	 * connection is closed without a reply; either way nothing is served. */
	status = raw(garbage, strlen(garbage), NULL);
	assert_true(status == 0 || status / 100 == 4);
	assert_int_equal(raw(no_version, strlen(no_version), NULL) / 100, 4);
	/* A body announced larger than the route takes: refused before reading. */
	snprintf(big, sizeof(big),
	         "POST /api/ingest HTTP/1.1\r\nHost: x\r\n" ANALYST
	         "Content-Length: 999999999\r\n\r\n");
	assert_int_equal(raw(big, strlen(big), NULL), 413);
	/* Headers past the connection's memory limit. */
	huge = mh_malloc(n + 200);
	memcpy(huge, "GET /api/people HTTP/1.1\r\nX-Pad: ", 33);
	memset(huge + 33, 'a', n);
	memcpy(huge + 33 + n, "\r\n\r\n", 5);
	assert_int_equal(raw(huge, strlen(huge), NULL) / 100, 4);
	free(huge);
	/* Still serving. */
	assert_int_equal(req("GET", "/api/health", ANALYST, NULL, NULL), 200);
}

static void chunked_body_over_limit(void **state)
{
	char head[300], *chunk = mh_malloc(40000);
	int fd = conn(), status = 0, i;
	char reply[512];
	ssize_t got;

	snprintf(head, sizeof(head),
	         "POST /api/ingest HTTP/1.1\r\nHost: x\r\n" ANALYST
	         "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
	send_all(fd, head, strlen(head));
	memset(chunk, '{', 40000);
	for (i = 0; i < 3; i++) { /* 120,000 bytes against a 64 KiB limit */
		char size[16];

		snprintf(size, sizeof(size), "%x\r\n", 40000);
		send_all(fd, size, strlen(size));
		send_all(fd, chunk, 40000);
		send_all(fd, "\r\n", 2);
	}
	send_all(fd, "0\r\n\r\n", 5);
	got = recv(fd, reply, sizeof(reply) - 1, 0);
	close(fd);
	free(chunk);
	assert_true(got > 0);
	reply[got] = '\0';
	sscanf(reply, "HTTP/1.%*d %d", &status);
	assert_int_equal(status, 413);
}

static void stalled_client_blocks_nobody(void **state)
{
	int slow = conn();
	struct timespec t0, t1;

	send_all(slow, "GET /api/people HTTP/1.1\r\nHost: x\r\n", 35); /* never finished */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(req("GET", "/api/health", ANALYST, NULL, NULL), 200);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec < 2);
	close(slow);
}

static void ingest(void **state)
{
	static const char okta[] =
	    "{\"uuid\":\"u1\",\"published\":\"2026-01-05T10:00:00.000Z\",\"eventType\":"
	    "\"user.session.start\",\"actor\":{\"alternateId\":\"ann@corp.example\",\"type\":"
	    "\"User\"},\"client\":{\"ipAddress\":\"192.0.2.10\"},\"outcome\":{\"result\":"
	    "\"SUCCESS\"}}\n";
	char *body;

	assert_int_equal(req("POST", "/api/ingest", ANALYST, "", NULL), 400);
	assert_int_equal(req("POST", "/api/ingest", ANALYST, "hello, world\n", NULL), 422);
	assert_int_equal(req("POST", "/api/ingest?wait=1", ANALYST, okta, &body), 200);
	assert_non_null(strstr(body, "\"scanned\":true"));
	assert_non_null(strstr(body, "\"events\":1"));
	free(body);
	/* The same body again is the same content: recognised, not counted twice. */
	assert_int_equal(req("POST", "/api/ingest?wait=1", ANALYST, okta, &body), 200);
	assert_non_null(strstr(body, "\"events\":1,"));
	free(body);
	assert_int_equal(req("GET", "/api/health", ANALYST, NULL, &body), 200);
	assert_non_null(strstr(body, "\"bodies_accepted\":2"));
	free(body);
}

static void rate_limited(void **state)
{
	char *body;
	int i, limited = 0;

	mh_server_stop(srv);
	start(1, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(req("GET", "/api/whoami", ANALYST, NULL, NULL), 200);
	assert_int_equal(req("GET", "/api/whoami", ANALYST, NULL, &body), 429);
	assert_non_null(strstr(body, "Retry-After: "));
	free(body);
	/* Unauthenticated floods are limited too. */
	for (i = 0; i < 5; i++)
		limited += req("GET", "/api/whoami", "", NULL, NULL) == 429;
	assert_int_equal(limited, 5);
	mh_server_stop(srv);
	start(0, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(auth_required),
	    cmocka_unit_test(reveal_is_audited),
	    cmocka_unit_test(bad_requests),
	    cmocka_unit_test(chunked_body_over_limit),
	    cmocka_unit_test(stalled_client_blocks_nobody),
	    cmocka_unit_test(ingest),
	    cmocka_unit_test(rate_limited),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
