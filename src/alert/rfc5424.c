/* RFC 5424 message formatting and RFC 6587 framing (alert/rfc5424.h). */
#include "alert/rfc5424.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A bounded writer: stops at cap - 1 and remembers that it did. */
struct out {
	char *p;
	size_t cap, n;
	int full;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->n + n >= o->cap) {
		o->full = 1;
		n = o->n < o->cap ? o->cap - 1 - o->n : 0;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
	o->p[o->n] = '\0';
}

static void putc_(struct out *o, char c)
{
	put(o, &c, 1);
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(o, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* A header field or SD name: printable US-ASCII, at most max, "-" if empty.
 * sd: also no '=', ']', '"' (RFC 5424 SD-NAME). */
static void field(struct out *o, const char *s, size_t max, int sd)
{
	size_t i;

	if (!s || !*s) {
		putc_(o, sd ? '_' : '-');
		return;
	}
	for (i = 0; s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		int bad = c < 33 || c > 126 || (sd && (c == '=' || c == ']' || c == '"'));

		putc_(o, bad ? '_' : (char)c);
	}
}

static void timestamp(struct out *o, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char b[40];

	if (ms < 0) {
		putc_(o, '-');
		return;
	}
	gmtime_r(&t, &tm);
	strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%S", &tm);
	put(o, b, strlen(b));
	putf(o, ".%03dZ", (int)(ms % 1000));
}

static void sd_value(struct out *o, const char *v)
{
	size_t len = v ? strlen(v) : 0, n = mh_utf8_cut(v, len, MH_SD_VALUE_MAX), i;

	for (i = 0; i < n; i++) {
		if (v[i] == '"' || v[i] == '\\' || v[i] == ']')
			putc_(o, '\\');
		putc_(o, v[i]);
	}
}

static void structured(struct out *o, const char *sd_id, const struct mh_sd_param *p, size_t n)
{
	size_t i;

	if (!sd_id) {
		putc_(o, '-');
		return;
	}
	putc_(o, '[');
	field(o, sd_id, 32, 1);
	for (i = 0; i < n; i++) {
		putc_(o, ' ');
		field(o, p[i].name, 32, 1);
		put(o, "=\"", 2);
		sd_value(o, p[i].value);
		putc_(o, '"');
	}
	putc_(o, ']');
}

long mh_rfc5424_format(char *buf, size_t cap, size_t max, const struct mh_syslog_hdr *h,
                       const char *sd_id, const struct mh_sd_param *p, size_t nparams,
                       const char *msg, size_t msglen, int *cut)
{
	static const char bom[] = "\xEF\xBB\xBF";
	struct out o = {buf, cap, 0, 0};
	size_t room, take;

	if (cut)
		*cut = 0;
	if (!cap || max >= cap)
		return -1;
	buf[0] = '\0';
	putf(&o, "<%d>1 ", (h->facility & 31) * 8 + (h->severity & 7));
	timestamp(&o, h->time_ms);
	putc_(&o, ' ');
	field(&o, h->hostname, 255, 0);
	putc_(&o, ' ');
	field(&o, h->app_name, 48, 0);
	putc_(&o, ' ');
	field(&o, h->procid, 128, 0);
	putc_(&o, ' ');
	field(&o, h->msgid, 32, 0);
	putc_(&o, ' ');
	structured(&o, sd_id, p, nparams);
	if (o.full || o.n + (msglen ? 4 : 0) > max)
		return -1;
	if (!msglen)
		return (long)o.n;
	putc_(&o, ' ');
	put(&o, bom, 3);
	room = max - o.n;
	take = msglen <= room ? msglen : mh_utf8_cut(msg, msglen, room);
	if (cut)
		*cut = take < msglen;
	put(&o, msg, take);
	return (long)o.n;
}

size_t mh_rfc6587_prefix(char *out, size_t cap, size_t msglen)
{
	int n = snprintf(out, cap, "%zu ", msglen);

	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

static int continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

size_t mh_utf8_cut(const char *s, size_t len, size_t n)
{
	size_t k = n;

	if (n >= len)
		return len;
	/* s[n] starts the part left out: back up while it continues a sequence,
	 * at most 3 bytes (a sequence has at most 4); longer runs are not UTF-8
	 * and are cut where the limit falls. */
	while (k > 0 && n - k < 3 && continuation(s[k]))
		k--;
	return continuation(s[k]) ? n : k;
}

int mh_syslog_facility(const char *name)
{
	static const char *const names[24] = {
	    "kern",   "user",   "mail",     "daemon", "auth",   "syslog", "lpr",    "news",
	    "uucp",   "cron",   "authpriv", "ftp",    "ntp",    "audit",  "alert",  "clock",
	    "local0", "local1", "local2",   "local3", "local4", "local5", "local6", "local7",
	};
	char *end;
	long v;
	int i;

	if (!name || !*name)
		return -1;
	for (i = 0; i < 24; i++)
		if (!strcmp(name, names[i]))
			return i;
	v = strtol(name, &end, 10);
	return !*end && v >= 0 && v <= 23 ? (int)v : -1;
}
