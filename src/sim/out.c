/* Buffered simulator output and the number and date formatting it needs. */
#include "sim/out.h"
#include "util/tz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

int mh_out_open(struct mh_out *o, const char *path, struct mh_err *err)
{
	memset(o, 0, sizeof(*o));
	o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (o->fd < 0)
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	o->buf = mh_malloc(MH_OUT_BUF);
	o->path = mh_strdup(path);
	return 0;
}

void mh_out_flush(struct mh_out *o)
{
	size_t done = 0;

	while (done < o->n && !o->failed) {
		ssize_t w = write(o->fd, o->buf + done, o->n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->failed = w < 0 ? errno : EIO;
			break;
		}
		done += (size_t)w;
	}
	o->n = 0;
}

int mh_out_close(struct mh_out *o, struct mh_err *err)
{
	int rc = 0;

	if (!o->buf)
		return 0;
	mh_out_flush(o);
	if (close(o->fd) != 0 && !o->failed)
		o->failed = errno;
	if (o->failed)
		rc = mh_err_set(err, MH_EIO, "%s: %s", o->path, strerror(o->failed));
	free(o->buf);
	free(o->path);
	o->buf = NULL;
	o->path = NULL;
	return rc;
}

size_t mh_fmt_u64(char *dst, uint64_t v)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		dst[i] = tmp[n - 1 - i];
	return n;
}

void mh_out_u64(struct mh_out *o, uint64_t v)
{
	size_t n = mh_fmt_u64(mh_out_room(o, 24), v);

	o->n += n;
	o->total += n;
}

void mh_out_i64(struct mh_out *o, int64_t v)
{
	if (v < 0) {
		mh_out_ch(o, '-');
		mh_out_u64(o, (uint64_t)0 - (uint64_t)v);
		return;
	}
	mh_out_u64(o, (uint64_t)v);
}

void mh_out_hex(struct mh_out *o, uint64_t v, int width)
{
	static const char hx[] = "0123456789abcdef";
	char *p = mh_out_room(o, 16);
	int i;

	if (width > 16)
		width = 16;
	for (i = width - 1; i >= 0; i--) {
		p[i] = hx[v & 15];
		v >>= 4;
	}
	o->n += (size_t)width;
	o->total += (size_t)width;
}

void mh_out_fixed(struct mh_out *o, double v, int decimals)
{
	uint64_t scale = 1, whole, frac;
	int i;
	char *p;

	if (v < 0) {
		mh_out_ch(o, '-');
		v = -v;
	}
	for (i = 0; i < decimals; i++)
		scale *= 10;
	whole = (uint64_t)llround(v * (double)scale);
	frac = whole % scale;
	mh_out_u64(o, whole / scale);
	if (!decimals)
		return;
	mh_out_ch(o, '.');
	p = mh_out_room(o, (size_t)decimals);
	for (i = decimals - 1; i >= 0; i--) {
		p[i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	o->n += (size_t)decimals;
	o->total += (size_t)decimals;
}

void mh_out_jstr(struct mh_out *o, const char *s)
{
	static const char hx[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *run = u;

	mh_out_ch(o, '"');
	for (; *u; u++) {
		if (*u >= 0x20 && *u != '"' && *u != '\\')
			continue;
		mh_out_put(o, (const char *)run, (size_t)(u - run));
		run = u + 1;
		mh_out_ch(o, '\\');
		switch (*u) {
		case '"':
			mh_out_ch(o, '"');
			break;
		case '\\':
			mh_out_ch(o, '\\');
			break;
		case '\n':
			mh_out_ch(o, 'n');
			break;
		case '\r':
			mh_out_ch(o, 'r');
			break;
		case '\t':
			mh_out_ch(o, 't');
			break;
		default:
			mh_out_put(o, "u00", 3);
			mh_out_ch(o, hx[*u >> 4]);
			mh_out_ch(o, hx[*u & 15]);
		}
	}
	mh_out_put(o, (const char *)run, (size_t)(u - run));
	mh_out_ch(o, '"');
}

/* The simulator's int-typed calendar, over the one implementation in util/tz.c. */
int32_t mh_days_from_civil(int y, int m, int d)
{
	return (int32_t)mh_tz_days_from_civil(y, (unsigned)m, (unsigned)d);
}

void mh_civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int64_t yy;
	unsigned mm, dd;

	mh_tz_civil_from_days(z, &yy, &mm, &dd);
	*y = (int)yy;
	*m = (int)mm;
	*d = (int)dd;
}

static void two(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

size_t mh_fmt_date(char *dst, int32_t day)
{
	int y, m, d;

	mh_civil_from_days(day, &y, &m, &d);
	two(dst, y / 100);
	two(dst + 2, y % 100);
	dst[4] = '-';
	two(dst + 5, m);
	dst[7] = '-';
	two(dst + 8, d);
	dst[10] = '\0';
	return 10;
}

size_t mh_fmt_iso(char *dst, int64_t ts_ms, int ms)
{
	int64_t secs = ts_ms >= 0 ? ts_ms / 1000 : (ts_ms - 999) / 1000;
	int32_t day = (int32_t)(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
	int sod = (int)(secs - (int64_t)day * 86400);
	int milli = (int)(ts_ms - secs * 1000);
	size_t n;

	mh_fmt_date(dst, day);
	dst[10] = 'T';
	two(dst + 11, sod / 3600);
	dst[13] = ':';
	two(dst + 14, sod / 60 % 60);
	dst[16] = ':';
	two(dst + 17, sod % 60);
	n = 19;
	if (ms) {
		dst[19] = '.';
		dst[20] = (char)('0' + milli / 100);
		two(dst + 21, milli % 100);
		n = 23;
	}
	dst[n++] = 'Z';
	dst[n] = '\0';
	return n;
}

void mh_out_iso(struct mh_out *o, int64_t ts_ms, int ms)
{
	char *p = mh_out_room(o, 32);
	size_t n = mh_fmt_iso(p, ts_ms, ms);

	o->n += n;
	o->total += n;
}
