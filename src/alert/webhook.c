/*
 * The webhook sink: alerts POSTed as JSON batches with libcurl,
 *
 *   {"source": "molehunt", "sent_at": "...", "count": N, "alerts": [ ...ECS objects... ]}
 *
 * signed with "X-Molehunt-Signature: sha256=HEX", the HMAC-SHA-256 of the
 * exact body under the secret read from a file that only its owner may read
 * (trailing white space is not part of the secret). A batch is built once and
 * retried byte for byte, so the signature and sent_at stay the same.
 *
 * Retries: a network error, a time-out, 5xx, 408 and 429 are retried up to
 * `retries` times, waiting backoff_ms, then twice that, ... (at most 30 s),
 * or longer when a 429 or 503 says so in Retry-After (seconds or a date;
 * also at most 30 s);
 * any other status outside 2xx (a 400, a redirect) is final: retrying the
 * same body cannot help. TLS peers are verified (ca_file replaces the
 * system's CAs); redirects are not followed; only http and https are spoken.
 */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alert/sink.h"
#include "http/hash.h"
#include "util/xalloc.h"
#include "util/secret.h"

#define SECRET_MAX  4096
#define BODY_MAX    (4u << 20) /* a batch stops growing here (one alert always goes) */
#define BACKOFF_MAX 30000
#define SNIPPET_MAX 160

struct ctx {
	char *url;
	unsigned char secret[SECRET_MAX + 1];
	size_t nsecret;
	char *ca_file;
	unsigned timeout_s, retries, backoff_ms, batch;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static int read_secret(struct ctx *c, const char *path, struct mh_err *err)
{
	if (mh_secret_read("webhook secret", path, (char *)c->secret, sizeof(c->secret), SECRET_MAX,
	                   &c->nsecret, err))
		return -1;
	while (c->nsecret && strchr(" \t\r\n", c->secret[c->nsecret - 1]))
		c->nsecret--;
	if (!c->nsecret)
		return mh_err_set(err, MH_EINPUT, "webhook secret %s: empty", path);
	return 0;
}

/* "scheme://host[:port]/path" of url without user, password, query or
 * fragment: safe to print and to key the outbox with. */
static int display_url(const char *url, char *out, size_t cap, struct mh_err *err)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
	int rc = 0;

	if (curl_url_set(u, CURLUPART_URL, url, 0) ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) ||
	    curl_url_get(u, CURLUPART_PATH, &path, 0)) {
		rc = mh_err_set(err, MH_EUSAGE, "webhook URL is not a URL");
	} else if (strcmp(scheme, "http") && strcmp(scheme, "https")) {
		rc = mh_err_set(err, MH_EUSAGE, "webhook URL must be http:// or https://");
	} else {
		curl_url_get(u, CURLUPART_PORT, &port, 0);
		snprintf(out, cap, "%s://%s%s%s%s", scheme, host, port ? ":" : "", port ? port : "",
		         path);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_url_cleanup(u);
	return rc;
}

struct reply {
	char text[SNIPPET_MAX];
	size_t n;
};

static size_t on_body(char *p, size_t size, size_t nmemb, void *arg)
{
	struct reply *r = arg;
	size_t n = size * nmemb,
	       take = n < sizeof(r->text) - 1 - r->n ? n : sizeof(r->text) - 1 - r->n;
	size_t i;

	for (i = 0; i < take; i++) /* one printable line for the message */
		r->text[r->n++] = p[i] >= 32 && p[i] < 127 ? p[i] : ' ';
	r->text[r->n] = '\0';
	return n;
}

static struct curl_slist *headers(const struct ctx *c, const char *body, size_t n)
{
	struct curl_slist *h = NULL;
	unsigned char mac[MH_SHA256_LEN];
	char hex[2 * MH_SHA256_LEN + 1], line[128];

	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Expect:");
	if (c->nsecret) {
		mh_http_hmac_sha256(c->secret, c->nsecret, body, n, mac);
		mh_http_hex(mac, sizeof(mac), hex);
		snprintf(line, sizeof(line), "X-Molehunt-Signature: sha256=%s", hex);
		h = curl_slist_append(h, line);
	}
	return h;
}

/* One POST. Returns 0 on 2xx, 1 when worth retrying, -1 when final; why
 * says what happened; *after_ms the wait a 429 or 503 asked for in its
 * Retry-After header (0 when none). */
static int post(const struct ctx *c, const char *body, size_t n, char *why, size_t cap,
                unsigned *after_ms)
{
	CURL *cu = curl_easy_init();
	struct curl_slist *h = headers(c, body, n);
	char ebuf[CURL_ERROR_SIZE] = "";
	struct reply r = {"", 0};
	long status = 0;
	curl_off_t after = 0;
	CURLcode cc;

	*after_ms = 0;
	if (!cu) {
		snprintf(why, cap, "cannot start libcurl");
		curl_slist_free_all(h);
		return -1;
	}
	curl_easy_setopt(cu, CURLOPT_URL, c->url);
	curl_easy_setopt(cu, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(cu, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(cu, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(cu, CURLOPT_USERAGENT, "molehunt");
	curl_easy_setopt(cu, CURLOPT_TIMEOUT, (long)c->timeout_s);
	curl_easy_setopt(cu, CURLOPT_CONNECTTIMEOUT, (long)(c->timeout_s < 10 ? c->timeout_s : 10));
	curl_easy_setopt(cu, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(cu, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->ca_file)
		curl_easy_setopt(cu, CURLOPT_CAINFO, c->ca_file);
	curl_easy_setopt(cu, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, &r);
	cc = curl_easy_perform(cu);
	if (cc == CURLE_OK) {
		curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &status);
		if ((status == 429 || status == 503) &&
		    curl_easy_getinfo(cu, CURLINFO_RETRY_AFTER, &after) == CURLE_OK && after > 0)
			*after_ms =
			    after >= BACKOFF_MAX / 1000 ? BACKOFF_MAX : (unsigned)after * 1000;
	}
	curl_easy_cleanup(cu);
	curl_slist_free_all(h);
	if (cc != CURLE_OK) {
		snprintf(why, cap, "%s", *ebuf ? ebuf : curl_easy_strerror(cc));
		/* A TLS or URL problem will not go away by itself. */
		return cc == CURLE_PEER_FAILED_VERIFICATION || cc == CURLE_SSL_CACERT_BADFILE ||
		               cc == CURLE_UNSUPPORTED_PROTOCOL || cc == CURLE_URL_MALFORMAT
		           ? -1
		           : 1;
	}
	if (status >= 200 && status < 300)
		return 0;
	snprintf(why, cap, "HTTP %ld%s%s", status, r.n ? ": " : "", r.text);
	return status >= 500 || status == 408 || status == 429 ? 1 : -1;
}

static void pause_ms(unsigned ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int post_retrying(const struct ctx *c, const char *body, size_t n, struct mh_err *err)
{
	unsigned attempt, wait = c->backoff_ms, after = 0;
	char why[256] = "";
	int rc = 1;

	for (attempt = 0; attempt <= c->retries && rc > 0; attempt++) {
		if (attempt) {
			pause_ms(after > wait ? after : wait);
			wait = wait > BACKOFF_MAX / 2 ? BACKOFF_MAX : wait * 2;
		}
		rc = post(c, body, n, why, sizeof(why), &after);
	}
	if (!rc)
		return 0;
	return mh_err_set(err, MH_EIO, "%s (%u attempt%s%s)", why, attempt, attempt == 1 ? "" : "s",
	                  rc < 0 ? ", not retried" : "");
}

/* The body of alerts[0..*k): as many as batch and BODY_MAX allow. */
static char *batch_body(const struct ctx *c, const char *const *alerts, size_t n, size_t *k,
                        size_t *len)
{
	char head[160], now[32];
	time_t t = time(NULL);
	struct tm tm;
	size_t i, total, cap;
	char *b;
	int hn;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0, total = 0; i < n && i < c->batch; i++) {
		size_t an = strlen(alerts[i]) + 1;

		if (i && total + an > BODY_MAX)
			break;
		total += an;
	}
	*k = i;
	hn = snprintf(head, sizeof(head),
	              "{\"source\":\"molehunt\",\"sent_at\":\"%s\",\"count\":%zu,\"alerts\":[", now,
	              i);
	cap = (size_t)hn + total + 3;
	b = mh_malloc(cap);
	memcpy(b, head, (size_t)hn);
	*len = (size_t)hn;
	for (i = 0; i < *k; i++) {
		size_t an = strlen(alerts[i]);

		if (i)
			b[(*len)++] = ',';
		memcpy(b + *len, alerts[i], an);
		*len += an;
	}
	memcpy(b + *len, "]}", 3);
	*len += 2;
	return b;
}

static int webhook_send(void *arg, const char *const *alerts, size_t n, size_t *done,
                        struct mh_err *err)
{
	const struct ctx *c = arg;

	*done = 0;
	while (*done < n) {
		size_t k, len;
		char *body = batch_body(c, alerts + *done, n - *done, &k, &len);
		int rc = post_retrying(c, body, len, err);

		free(body);
		if (rc)
			return -1;
		*done += k;
	}
	return 0;
}

static void webhook_free(void *arg)
{
	struct ctx *c = arg;

	if (!c)
		return;
	explicit_bzero(c->secret, sizeof(c->secret));
	free(c->url);
	free(c->ca_file);
	free(c);
}

int mh_sink_webhook_open(struct mh_alert_sink *s, const struct mh_webhook_conf *conf,
                         struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));
	char shown[MH_SINK_NAME_MAX - 16];

	pthread_once(&curl_once, curl_init);
	if (display_url(conf->url, shown, sizeof(shown), err) ||
	    (conf->secret_file && *conf->secret_file && read_secret(c, conf->secret_file, err))) {
		webhook_free(c);
		return -1;
	}
	if (conf->ca_file && *conf->ca_file) {
		if (access(conf->ca_file, R_OK)) {
			mh_err_set(err, MH_EINPUT, "webhook CA file %s: %s", conf->ca_file,
			           strerror(errno));
			webhook_free(c);
			return -1;
		}
		c->ca_file = mh_strdup(conf->ca_file);
	}
	c->url = mh_strdup(conf->url);
	c->timeout_s = conf->timeout_s ? conf->timeout_s : 10;
	c->retries = conf->retries;
	c->backoff_ms = conf->backoff_ms;
	c->batch = conf->batch ? conf->batch : 100;
	memset(s, 0, sizeof(*s));
	s->key = "webhook";
	snprintf(s->name, sizeof(s->name), "webhook %s", shown);
	s->ctx = c;
	s->send = webhook_send;
	s->free = webhook_free;
	return 0;
}
