/*
 * The syslog sink: each alert as one RFC 5424 message (alert/rfc5424.h)
 * whose structured data carries the fields a syslog pipeline filters on and
 * whose MSG is the ECS JSON object:
 *
 *   <134>1 2024-05-01T12:00:00.000Z host molehunt 4242 finding
 *     [molehunt@32473 detector="farm.shared_mfa" person="E1042" score="81.3" ...] BOM{...}
 *
 * Severity follows molehunt.level (critical 2, warning 4, notice 5). A JSON
 * longer than the message limit is first sent without its evidence texts,
 * and cut (RFC 5424 section 6.1) only if that is still too long.
 *
 * Transports: udp://HOST[:PORT] (RFC 5426, one datagram per message, port
 * 514), tcp://HOST[:PORT] (RFC 6587 octet counting, "LEN SP MSG", port 601)
 * tls://HOST[:PORT] (RFC 5425: TCP with TLS 1.2 or later, the server's
 * certificate checked against alert.syslog.ca_file or the system's CAs and
 * its name against HOST, framed as on TCP, port 6514) and unix:PATH (a
 * datagram socket like /dev/log; a stream socket is framed as on TCP). A connection lives for one
 * send; UDP is connected so that an ICMP "port unreachable" fails the next message instead of
 * vanishing.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "alert/record.h"
#include "alert/rfc5424.h"
#include "alert/sink.h"
#include "alert/tls.h"
#include "util/xalloc.h"
#include "util/fdio.h"

#define CONNECT_MS    5000
#define SEND_TIMEOUT  10 /* seconds */
#define UDP_MAX       65507
#define MIN_MAX_BYTES 480 /* what every RFC 5426 receiver must take */

enum transport { T_UDP, T_TCP, T_TLS, T_UNIX };

struct ctx {
	enum transport t;
	char host[256], port[8], path[108];
	int facility;
	char sd_id[64], hostname[256], procid[16];
	size_t max;
	char *buf; /* max + 1 */
	int fd, stream;
	char *ca_file;      /* tls: NULL = the system's CAs */
	struct mh_tls *tls; /* tls: the session while sending */
};

static int parse_hostport(struct ctx *c, const char *s, const char *defport, struct mh_err *err)
{
	const char *colon, *host = s;
	size_t hn;

	if (*s == '[') {
		const char *close = strchr(s, ']');

		if (!close)
			return mh_err_set(err, MH_EUSAGE, "syslog target: ']' missing in %s", s);
		host = s + 1;
		hn = (size_t)(close - host);
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] && !colon)
			return mh_err_set(err, MH_EUSAGE, "syslog target: junk after ']' in %s", s);
	} else {
		colon = strchr(s, ':');
		hn = colon ? (size_t)(colon - s) : strlen(s);
	}
	if (!hn || hn >= sizeof(c->host) || (!*s))
		return mh_err_set(err, MH_EUSAGE, "syslog target: no host in %s", s);
	snprintf(c->host, sizeof(c->host), "%.*s", (int)hn, host);
	if (colon) {
		char *end;
		long p = strtol(colon + 1, &end, 10);

		if (!colon[1] || *end || p < 1 || p > 65535)
			return mh_err_set(err, MH_EUSAGE, "syslog target: bad port in %s", s);
		snprintf(c->port, sizeof(c->port), "%ld", p);
	} else {
		snprintf(c->port, sizeof(c->port), "%s", defport);
	}
	return 0;
}

static int parse_target(struct ctx *c, const char *t, struct mh_err *err)
{
	if (!strncmp(t, "udp://", 6)) {
		c->t = T_UDP;
		return parse_hostport(c, t + 6, "514", err);
	}
	if (!strncmp(t, "tcp://", 6)) {
		c->t = T_TCP;
		return parse_hostport(c, t + 6, "601", err);
	}
	if (!strncmp(t, "tls://", 6)) {
		c->t = T_TLS;
		return parse_hostport(c, t + 6, "6514", err);
	}
	if (!strncmp(t, "unix:", 5) && t[5]) {
		if (strlen(t + 5) >= sizeof(c->path))
			return mh_err_set(err, MH_EUSAGE, "syslog target: socket path too long");
		c->t = T_UNIX;
		snprintf(c->path, sizeof(c->path), "%s", t + 5);
		return 0;
	}
	return mh_err_set(err, MH_EUSAGE,
	                  "syslog target '%s': want udp://HOST[:PORT], tcp://HOST[:PORT], "
	                  "tls://HOST[:PORT] or unix:PATH",
	                  t);
}

/* connect() bounded by CONNECT_MS. */
static int connect_timed(int fd, const struct sockaddr *sa, socklen_t len)
{
	int fl = fcntl(fd, F_GETFL), rc, soerr = 0;
	socklen_t sl = sizeof(soerr);
	struct pollfd p = {fd, POLLOUT, 0};

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	rc = connect(fd, sa, len);
	if (rc && errno == EINPROGRESS) {
		rc = poll(&p, 1, CONNECT_MS);
		if (rc == 0) {
			errno = ETIMEDOUT;
			rc = -1;
		} else if (rc > 0) {
			getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
			errno = soerr;
			rc = soerr ? -1 : 0;
		}
	}
	fcntl(fd, F_SETFL, fl);
	return rc;
}

static int open_inet(struct ctx *c, struct mh_err *err)
{
	struct addrinfo hints, *res, *ai;
	struct timeval tv = {SEND_TIMEOUT, 0};
	int rc, e = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = c->t == T_UDP ? SOCK_DGRAM : SOCK_STREAM;
	rc = getaddrinfo(c->host, c->port, &hints, &res);
	if (rc)
		return mh_err_set(err, MH_EIO, "cannot resolve %s: %s", c->host, gai_strerror(rc));
	for (ai = res; ai; ai = ai->ai_next) {
		c->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (c->fd < 0) {
			e = errno;
			continue;
		}
		setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (!connect_timed(c->fd, ai->ai_addr, ai->ai_addrlen))
			break;
		e = errno;
		close(c->fd);
		c->fd = -1;
	}
	freeaddrinfo(res);
	if (c->fd < 0)
		return mh_err_set(err, MH_EIO, "cannot connect to %s port %s: %s", c->host, c->port,
		                  strerror(e));
	c->stream = c->t != T_UDP;
	if (c->t == T_TLS && !(c->tls = mh_tls_open(c->fd, c->host, c->ca_file, err))) {
		c->fd = -1; /* closed with the failed session */
		return -1;
	}
	return 0;
}

static int open_unix(struct ctx *c, struct mh_err *err)
{
	struct sockaddr_un sa;
	struct timeval tv = {SEND_TIMEOUT, 0};
	int types[2] = {SOCK_DGRAM, SOCK_STREAM}, i;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", c->path);
	for (i = 0; i < 2; i++) {
		c->fd = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0);
		if (c->fd < 0)
			break;
		setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (!connect(c->fd, (struct sockaddr *)&sa, sizeof(sa))) {
			c->stream = types[i] == SOCK_STREAM;
			return 0;
		}
		close(c->fd);
		c->fd = -1;
		if (errno != EPROTOTYPE)
			break;
	}
	return mh_err_set(err, MH_EIO, "%s: %s", c->path, strerror(errno));
}

static int severity(const char *level)
{
	return !strcmp(level, "critical") ? 2 : !strcmp(level, "warning") ? 4 : 5;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Format one alert into c->buf: the full JSON, else without evidence, else
 * cut. Returns the length or -1. */
static long format(struct ctx *c, const char *alert)
{
	cJSON *a = cJSON_Parse(alert), *small;
	struct mh_alert_view v;
	struct mh_syslog_hdr h = {c->facility, 5,         now_ms(), c->hostname,
	                          "molehunt",  c->procid, "finding"};
	struct mh_sd_param p[7];
	char score[32], points[32];
	size_t np = 0;
	long n;
	int cut;
	char *text;

	mh_alert_view(a, &v);
	h.severity = severity(v.level);
	snprintf(score, sizeof(score), "%.1f", v.score);
	snprintf(points, sizeof(points), "%g", v.points);
	p[np++] = (struct mh_sd_param){"detector", v.detector};
	p[np++] = (struct mh_sd_param){"person", v.person};
	p[np++] = (struct mh_sd_param){"score", score};
	p[np++] = (struct mh_sd_param){"points", points};
	p[np++] = (struct mh_sd_param){"level", v.level};
	if (*v.technique)
		p[np++] = (struct mh_sd_param){"technique", v.technique};
	p[np++] = (struct mh_sd_param){"id", v.id};
	n = mh_rfc5424_format(c->buf, c->max + 1, c->max, &h, c->sd_id, p, np, alert, strlen(alert),
	                      &cut);
	if (n >= 0 && cut && a && v.has_evidence) {
		small = mh_alert_compact(a);
		text = cJSON_PrintUnformatted(small);
		n = mh_rfc5424_format(c->buf, c->max + 1, c->max, &h, c->sd_id, p, np, text,
		                      strlen(text), &cut);
		free(text);
		cJSON_Delete(small);
	}
	if (n < 0) /* structured data too long for the limit: send without */
		n = mh_rfc5424_format(c->buf, c->max + 1, c->max, &h, NULL, NULL, 0, alert,
		                      strlen(alert), &cut);
	cJSON_Delete(a);
	return n;
}

static int send_one(struct ctx *c, const char *alert, struct mh_err *err)
{
	long n = format(c, alert);
	char pre[24];
	size_t pn;

	if (n < 0)
		return mh_err_set(err, MH_ELIMIT, "the message header does not fit in %zu bytes",
		                  c->max);
	if (c->tls) {
		pn = mh_rfc6587_prefix(pre, sizeof(pre), (size_t)n);
		return mh_tls_write_all(c->tls, pre, pn, err) ||
		               mh_tls_write_all(c->tls, c->buf, (size_t)n, err)
		           ? -1
		           : 0;
	}
	if (c->stream) {
		pn = mh_rfc6587_prefix(pre, sizeof(pre), (size_t)n);
		if (mh_send_all(c->fd, pre, pn) || mh_send_all(c->fd, c->buf, (size_t)n))
			return mh_err_set(err, MH_EIO, "send: %s", strerror(errno));
		return 0;
	}
	if (send(c->fd, c->buf, (size_t)n, MSG_NOSIGNAL) != n)
		return mh_err_set(err, MH_EIO, "send: %s", strerror(errno));
	return 0;
}

static int syslog_send(void *arg, const char *const *alerts, size_t n, size_t *done,
                       struct mh_err *err)
{
	struct ctx *c = arg;
	int rc = c->t == T_UNIX ? open_unix(c, err) : open_inet(c, err);

	*done = 0;
	for (; !rc && *done < n; (*done)++)
		rc = send_one(c, alerts[*done], err);
	if (rc && *done)
		(*done)--; /* the one that failed */
	if (c->tls) {
		struct mh_err cerr;

		if (mh_tls_close(c->tls, rc ? &cerr : err) && !rc)
			rc = -1;
		c->tls = NULL;
		c->fd = -1;
	}
	if (c->fd >= 0 && close(c->fd) && !rc)
		rc = mh_err_set(err, MH_EIO, "close: %s", strerror(errno));
	c->fd = -1;
	return rc;
}

static void syslog_free(void *arg)
{
	struct ctx *c = arg;

	if (c) {
		free(c->buf);
		free(c->ca_file);
	}
	free(c);
}

int mh_sink_syslog_open(struct mh_alert_sink *s, const struct mh_syslog_conf *conf,
                        struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->fd = -1;
	if (parse_target(c, conf->target, err))
		goto fail;
	c->facility = mh_syslog_facility(conf->facility);
	if (c->facility < 0) {
		mh_err_set(err, MH_EUSAGE,
		           "syslog facility '%s': want kern, user, ... local7 or 0-23",
		           conf->facility);
		goto fail;
	}
	if (conf->max_bytes && conf->max_bytes < MIN_MAX_BYTES) {
		mh_err_set(err, MH_EUSAGE, "syslog max_bytes must be 0 or at least %d",
		           MIN_MAX_BYTES);
		goto fail;
	}
	c->max = conf->max_bytes ? conf->max_bytes : c->t == T_UDP ? 2048 : 8192;
	c->ca_file = conf->ca_file ? mh_strdup(conf->ca_file) : NULL;
	if (c->t == T_UDP && c->max > UDP_MAX)
		c->max = UDP_MAX;
	c->buf = mh_malloc(c->max + 1);
	snprintf(c->sd_id, sizeof(c->sd_id), "%s", conf->sd_id);
	if (gethostname(c->hostname, sizeof(c->hostname)))
		c->hostname[0] = '\0';
	c->hostname[sizeof(c->hostname) - 1] = '\0';
	snprintf(c->procid, sizeof(c->procid), "%ld", (long)getpid());
	memset(s, 0, sizeof(*s));
	s->key = "syslog";
	snprintf(s->name, sizeof(s->name), "syslog %s", conf->target);
	s->ctx = c;
	s->send = syslog_send;
	s->free = syslog_free;
	return 0;
fail:
	syslog_free(c);
	return -1;
}
