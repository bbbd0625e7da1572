/*
 * TZif (RFC 8536) reader and POSIX TZ rule evaluation.
 *
 * A zone is kept as its transition times and the UTC offset in effect after
 * each, plus the footer rule for instants after the last transition (slim
 * TZif files stop their tables early and rely on it). Only offsets matter to
 * molehunt, so designations, leap seconds and the std/ut indicators are
 * checked for size and skipped.
 *
 * Design of the POSIX rule: "std offset [dst [offset] [,start[/time],end[/time]]]"
 * with offsets west-positive as POSIX writes them, turned east-positive here.
 * For a year, start and end become UTC instants (start is written in standard
 * time, end in daylight time); daylight time holds between them, or outside
 * them on the southern hemisphere where end comes first in the year.
 */
#include "util/tz.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xalloc.h"

#define HDR_LEN      44
#define MAX_TYPES    256
#define MAX_CHARS    4096
#define MAX_LEAPS    4096
#define MAX_FOOTER   256
#define MAX_OFF      (26 * 3600) /* RFC 8536: utoff within (-25h, +26h) */
#define CACHE_MAX    2048
#define DEFAULT_DIR  "/usr/share/zoneinfo"
#define SECS_PER_DAY 86400
#define MAX_INSTANT  ((int64_t)1 << 50) /* ~35 million years: no overflow below */

struct rule {
	char kind;       /* 'J' Julian 1..365 without Feb 29, 'N' 0..365, 'M' month.week.day */
	int16_t m, w, d; /* M: month, week, weekday; J/N: day in d */
	int32_t time;    /* seconds after local midnight */
};

struct posix {
	int present;
	int has_dst;
	int32_t std_off, dst_off; /* seconds east */
	struct rule start, end;
};

struct mh_tzinfo {
	int64_t *when; /* transition instants, ascending */
	int32_t *off;  /* offset from when[i] on */
	uint32_t n;
	int32_t off0; /* before the first transition */
	struct posix rule;
};

/* --- calendar ----------------------------------------------------------- */

int64_t mh_tz_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void mh_tz_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* --- POSIX TZ string ---------------------------------------------------- */

struct cur {
	const char *p, *end;
};

static int peek(const struct cur *c)
{
	return c->p < c->end ? (unsigned char)*c->p : -1;
}

static int parse_name(struct cur *c)
{
	const char *s = c->p;

	if (peek(c) == '<') {
		c->p++;
		while (c->p < c->end && *c->p != '>')
			c->p++;
		if (peek(c) != '>' || c->p - s < 4)
			return -1;
		c->p++;
		return 0;
	}
	while (c->p < c->end && ((*c->p >= 'A' && *c->p <= 'Z') || (*c->p >= 'a' && *c->p <= 'z')))
		c->p++;
	return c->p - s >= 3 ? 0 : -1;
}

static int parse_num(struct cur *c, int maxv, int *v)
{
	int n = 0, digits = 0;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9' && digits < 4) {
		n = n * 10 + (*c->p++ - '0');
		digits++;
	}
	if (!digits || n > maxv)
		return -1;
	*v = n;
	return 0;
}

/* [+-]hh[:mm[:ss]] -> seconds, sign applied; hours up to maxh. */
static int parse_hms(struct cur *c, int maxh, int32_t *out)
{
	int sign = 1, h, mi = 0, s = 0;

	if (peek(c) == '+' || peek(c) == '-')
		sign = *c->p++ == '-' ? -1 : 1;
	if (parse_num(c, maxh, &h))
		return -1;
	if (peek(c) == ':') {
		c->p++;
		if (parse_num(c, 59, &mi))
			return -1;
		if (peek(c) == ':') {
			c->p++;
			if (parse_num(c, 59, &s))
				return -1;
		}
	}
	*out = sign * (h * 3600 + mi * 60 + s);
	return 0;
}

static int parse_rule(struct cur *c, struct rule *r)
{
	int a, b, d;

	r->m = r->w = r->d = 0;
	if (peek(c) == 'M') {
		c->p++;
		if (parse_num(c, 12, &a) || a < 1 || peek(c) != '.')
			return -1;
		c->p++;
		if (parse_num(c, 5, &b) || b < 1 || peek(c) != '.')
			return -1;
		c->p++;
		if (parse_num(c, 6, &d))
			return -1;
		r->kind = 'M';
		r->m = (int16_t)a;
		r->w = (int16_t)b;
		r->d = (int16_t)d;
	} else if (peek(c) == 'J') {
		c->p++;
		if (parse_num(c, 365, &d) || d < 1)
			return -1;
		r->kind = 'J';
		r->d = (int16_t)d;
	} else {
		if (parse_num(c, 365, &d))
			return -1;
		r->kind = 'N';
		r->d = (int16_t)d;
	}
	r->time = 2 * 3600;
	if (peek(c) == '/') {
		c->p++;
		return parse_hms(c, 167, &r->time); /* RFC 8536 allows -167..167 hours */
	}
	return 0;
}

static int parse_posix(const char *s, size_t n, struct posix *px)
{
	struct cur c = {s, s + n};
	int32_t v;

	memset(px, 0, sizeof(*px));
	if (!n)
		return 0;
	if (parse_name(&c) || parse_hms(&c, 24, &v))
		return -1;
	px->present = 1;
	px->std_off = -v;
	if (c.p == c.end)
		return 0;
	if (parse_name(&c))
		return -1;
	px->has_dst = 1;
	px->dst_off = px->std_off + 3600;
	if (peek(&c) != ',' && c.p < c.end) {
		if (parse_hms(&c, 24, &v))
			return -1;
		px->dst_off = -v;
	}
	if (c.p == c.end) { /* no rule: the US rule, as POSIX implementations assume */
		px->start = (struct rule){'M', 3, 2, 0, 7200};
		px->end = (struct rule){'M', 11, 1, 0, 7200};
		return 0;
	}
	if (peek(&c) != ',')
		return -1;
	c.p++;
	if (parse_rule(&c, &px->start) || peek(&c) != ',')
		return -1;
	c.p++;
	if (parse_rule(&c, &px->end))
		return -1;
	return c.p == c.end ? 0 : -1;
}

/* The day (since the epoch) a rule falls on in year y. */
static int64_t rule_day(const struct rule *r, int64_t y)
{
	static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t jan1 = mh_tz_days_from_civil(y, 1, 1), first, day, len;

	if (r->kind == 'J')
		return jan1 + r->d - 1 + (is_leap(y) && r->d >= 60);
	if (r->kind == 'N')
		return jan1 + r->d;
	first = mh_tz_days_from_civil(y, (unsigned)r->m, 1);
	len = mdays[r->m - 1] + (r->m == 2 && is_leap(y));
	day = first + ((r->d - (first + 4) % 7 + 14) % 7) + 7 * (r->w - 1);
	while (day >= first + len)
		day -= 7;
	return day;
}

static int32_t posix_offset(const struct posix *px, int64_t t)
{
	int64_t y, start, end;
	unsigned m, d;

	if (!px->has_dst)
		return px->std_off;
	mh_tz_civil_from_days(floor_div(t + px->std_off, SECS_PER_DAY), &y, &m, &d);
	start = rule_day(&px->start, y) * SECS_PER_DAY + px->start.time - px->std_off;
	end = rule_day(&px->end, y) * SECS_PER_DAY + px->end.time - px->dst_off;
	if (start < end)
		return t >= start && t < end ? px->dst_off : px->std_off;
	return t >= end && t < start ? px->std_off : px->dst_off;
}

/* --- TZif --------------------------------------------------------------- */

struct hdr {
	int version; /* 0 for version 1, else 2, 3, 4 */
	uint32_t isut, isstd, leap, time, type, chars;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

static int read_hdr(const unsigned char *p, size_t n, struct hdr *h, struct mh_err *err)
{
	if (n < HDR_LEN || memcmp(p, "TZif", 4))
		return mh_err_set(err, MH_EINPUT, "not a TZif file");
	h->version = p[4] ? p[4] - '0' : 0;
	if (p[4] && (p[4] < '2' || p[4] > '9'))
		return mh_err_set(err, MH_EINPUT, "TZif: unknown version byte 0x%02x", p[4]);
	h->isut = be32(p + 20);
	h->isstd = be32(p + 24);
	h->leap = be32(p + 28);
	h->time = be32(p + 32);
	h->type = be32(p + 36);
	h->chars = be32(p + 40);
	if (h->type < 1 || h->type > MAX_TYPES || h->chars < 1 || h->chars > MAX_CHARS ||
	    h->leap > MAX_LEAPS || h->time > MH_TZ_MAX_TRANS)
		return mh_err_set(err, MH_ELIMIT, "TZif: counts out of range");
	if ((h->isut && h->isut != h->type) || (h->isstd && h->isstd != h->type))
		return mh_err_set(err, MH_EINPUT, "TZif: indicator counts differ from type count");
	return 0;
}

static size_t block_len(const struct hdr *h, size_t ts)
{
	return (size_t)h->time * ts + h->time + (size_t)h->type * 6 + h->chars +
	       (size_t)h->leap * (ts + 4) + h->isstd + h->isut;
}

/* Fill z from one data block (times of ts bytes) at p (length checked). */
static int read_block(const unsigned char *p, const struct hdr *h, size_t ts, struct mh_tzinfo *z,
                      struct mh_err *err)
{
	const unsigned char *idx = p + (size_t)h->time * ts, *types = idx + h->time;
	int32_t offs[MAX_TYPES];
	uint32_t i;

	for (i = 0; i < h->type; i++) {
		offs[i] = (int32_t)be32(types + 6 * i);
		if (offs[i] <= -MAX_OFF || offs[i] >= MAX_OFF || types[6 * i + 4] > 1 ||
		    types[6 * i + 5] >= h->chars)
			return mh_err_set(err, MH_EINPUT, "TZif: bad local time type %u", i);
	}
	z->off0 = offs[0];
	z->n = h->time;
	z->when = mh_malloc((h->time ? h->time : 1) * sizeof(*z->when));
	z->off = mh_malloc((h->time ? h->time : 1) * sizeof(*z->off));
	for (i = 0; i < h->time; i++) {
		z->when[i] = ts == 8 ? be64(p + 8 * i) : (int32_t)be32(p + 4 * i);
		if (idx[i] >= h->type)
			return mh_err_set(err, MH_EINPUT, "TZif: transition %u names no type", i);
		if (i && z->when[i] <= z->when[i - 1])
			return mh_err_set(err, MH_EINPUT, "TZif: transitions out of order");
		z->off[i] = offs[idx[i]];
	}
	return 0;
}

static int read_footer(const unsigned char *p, size_t n, struct mh_tzinfo *z, struct mh_err *err)
{
	const unsigned char *nl;

	if (n < 2 || p[0] != '\n')
		return mh_err_set(err, MH_EINPUT, "TZif: footer missing");
	nl = memchr(p + 1, '\n', n - 1 < MAX_FOOTER ? n - 1 : MAX_FOOTER);
	if (!nl)
		return mh_err_set(err, MH_EINPUT, "TZif: footer unterminated or too long");
	if (parse_posix((const char *)p + 1, (size_t)(nl - p - 1), &z->rule))
		return mh_err_set(err, MH_EINPUT, "TZif: bad TZ string in footer");
	return 0;
}

int mh_tzif_parse(const unsigned char *buf, size_t n, struct mh_tzinfo **out, struct mh_err *err)
{
	struct mh_tzinfo *z;
	struct hdr h;
	size_t len, ts = 4;

	*out = NULL;
	if (n > MH_TZIF_MAX)
		return mh_err_set(err, MH_ELIMIT, "TZif: file larger than %u bytes", MH_TZIF_MAX);
	if (read_hdr(buf, n, &h, err))
		return -1;
	len = block_len(&h, 4);
	if (h.version >= 2) {
		if (n - HDR_LEN < len)
			return mh_err_set(err, MH_EINPUT, "TZif: truncated version 1 block");
		buf += HDR_LEN + len;
		n -= HDR_LEN + len;
		if (read_hdr(buf, n, &h, err))
			return -1;
		ts = 8;
		len = block_len(&h, 8);
	}
	if (n - HDR_LEN < len)
		return mh_err_set(err, MH_EINPUT, "TZif: truncated data block");
	z = mh_calloc(1, sizeof(*z));
	if (read_block(buf + HDR_LEN, &h, ts, z, err) ||
	    (ts == 8 && read_footer(buf + HDR_LEN + len, n - HDR_LEN - len, z, err))) {
		mh_tzinfo_free(z);
		return -1;
	}
	*out = z;
	return 0;
}

void mh_tzinfo_free(struct mh_tzinfo *z)
{
	if (!z)
		return;
	free(z->when);
	free(z->off);
	free(z);
}

int32_t mh_tzinfo_offset(const struct mh_tzinfo *z, int64_t t)
{
	uint32_t lo = 0, hi = z->n;

	if (t > MAX_INSTANT)
		t = MAX_INSTANT;
	if (t < -MAX_INSTANT)
		t = -MAX_INSTANT;
	if (!z->n || t < z->when[0])
		return z->n || !z->rule.present ? z->off0 : posix_offset(&z->rule, t);
	if (t >= z->when[z->n - 1])
		return z->rule.present ? posix_offset(&z->rule, t) : z->off[z->n - 1];
	while (hi - lo > 1) { /* when[lo] <= t < when[hi] */
		uint32_t mid = lo + (hi - lo) / 2;

		if (z->when[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->off[lo];
}

/* --- cache by name ------------------------------------------------------ */

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mh_strmap *cache_map;             /* name -> index in cache_zone */
static struct mh_tzinfo *cache_zone[CACHE_MAX]; /* NULL: known bad name */
static uint32_t cache_n;
static char *zone_dir;

int mh_tz_name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (!n || n >= MH_TZ_NAME_MAX || name[0] == '/' || strstr(name, ".."))
		return 0;
	for (i = 0; i < n; i++) {
		char ch = name[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '/' || ch == '_' || ch == '+' ||
		      ch == '-' || ch == '.'))
			return 0;
	}
	return 1;
}

static struct mh_tzinfo *load_zone(const char *name)
{
	const char *dir = zone_dir ? zone_dir : getenv("TZDIR");
	char path[512];
	unsigned char *buf;
	struct mh_tzinfo *z = NULL;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : DEFAULT_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf = mh_malloc(MH_TZIF_MAX + 1);
	n = fread(buf, 1, MH_TZIF_MAX + 1, f);
	fclose(f);
	if (n <= MH_TZIF_MAX && mh_tzif_parse(buf, n, &z, NULL))
		z = NULL;
	free(buf);
	return z;
}

const struct mh_tzinfo *mh_tz_get(const char *name)
{
	struct mh_tzinfo *z = NULL;
	uint32_t idx;

	if (!name || !mh_tz_name_ok(name))
		return NULL;
	pthread_mutex_lock(&cache_lock);
	if (!cache_map)
		cache_map = mh_strmap_new();
	if (mh_strmap_get(cache_map, name, strlen(name), &idx)) {
		z = cache_zone[idx];
	} else if (cache_n < CACHE_MAX) {
		z = load_zone(name);
		cache_zone[cache_n] = z;
		mh_strmap_put(cache_map, name, strlen(name), cache_n++);
	}
	pthread_mutex_unlock(&cache_lock);
	return z;
}

int mh_tz_offset(const char *name, int64_t t, int32_t *off)
{
	const struct mh_tzinfo *z = mh_tz_get(name);

	if (!z)
		return -1;
	*off = mh_tzinfo_offset(z, t);
	return 0;
}

void mh_tz_cache_clear(void)
{
	uint32_t i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < cache_n; i++)
		mh_tzinfo_free(cache_zone[i]);
	cache_n = 0;
	mh_strmap_free(cache_map);
	cache_map = NULL;
	pthread_mutex_unlock(&cache_lock);
}

void mh_tz_set_dir(const char *dir)
{
	mh_tz_cache_clear();
	pthread_mutex_lock(&cache_lock);
	free(zone_dir);
	zone_dir = dir ? mh_strdup(dir) : NULL;
	pthread_mutex_unlock(&cache_lock);
}
