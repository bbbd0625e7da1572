#ifndef MH_SIM_OUT_H
#define MH_SIM_OUT_H
/*
 * Buffered output files for the simulator: one large buffer per file, our own
 * number and timestamp formatting, write(2) when the buffer fills. The hot path
 * (mh_out_put and friends) is inline and never calls printf.
 *
 * Ownership: struct mh_out owns its buffer and file descriptor; mh_out_close()
 * flushes and releases both. A write error is remembered and reported by
 * mh_out_close(), so hot-path calls need not check.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/err.h"

#define MH_OUT_BUF (1u << 20)

struct mh_out {
	int fd;
	int failed; /* errno of the first failed write, 0 if none */
	char *buf;
	size_t n;
	uint64_t total; /* bytes written so far, including the buffer */
	char *path;
};

int mh_out_open(struct mh_out *o, const char *path, struct mh_err *err);
void mh_out_flush(struct mh_out *o);
/* Flush, close, free. Returns 0, or -1 with err naming the file on any error. */
int mh_out_close(struct mh_out *o, struct mh_err *err);

static inline char *mh_out_room(struct mh_out *o, size_t need)
{
	if (o->n + need > MH_OUT_BUF)
		mh_out_flush(o);
	return o->buf + o->n;
}

static inline void mh_out_put(struct mh_out *o, const char *s, size_t n)
{
	if (n > MH_OUT_BUF / 2) {
		mh_out_flush(o);
		while (n > MH_OUT_BUF / 2) {
			memcpy(o->buf, s, MH_OUT_BUF / 2);
			o->n = MH_OUT_BUF / 2;
			o->total += MH_OUT_BUF / 2;
			mh_out_flush(o);
			s += MH_OUT_BUF / 2;
			n -= MH_OUT_BUF / 2;
		}
	}
	memcpy(mh_out_room(o, n), s, n);
	o->n += n;
	o->total += n;
}

static inline void mh_out_str(struct mh_out *o, const char *s)
{
	mh_out_put(o, s, strlen(s));
}

static inline void mh_out_ch(struct mh_out *o, char c)
{
	*mh_out_room(o, 1) = c;
	o->n++;
	o->total++;
}

/* Decimal, hexadecimal (lower-case, zero-padded to width) */
void mh_out_u64(struct mh_out *o, uint64_t v);
void mh_out_i64(struct mh_out *o, int64_t v);
void mh_out_hex(struct mh_out *o, uint64_t v, int width);
/* A fixed-point number with `decimals` digits after the point. */
void mh_out_fixed(struct mh_out *o, double v, int decimals);
/* A JSON string with quotes and escapes (RFC 8259). */
void mh_out_jstr(struct mh_out *o, const char *s);
/* "YYYY-MM-DDTHH:MM:SS.mmmZ" (ms = 1) or "YYYY-MM-DDTHH:MM:SSZ" (ms = 0). */
void mh_out_iso(struct mh_out *o, int64_t ts_ms, int ms);

/* Format helpers for callers that build small strings themselves. */
size_t mh_fmt_u64(char *dst, uint64_t v);
size_t mh_fmt_iso(char *dst, int64_t ts_ms, int ms);
size_t mh_fmt_date(char *dst, int32_t day); /* "YYYY-MM-DD", 10 bytes, NUL added */

/* Calendar: days since 1970-01-01 <-> civil date; weekday 0 = Monday. */
int32_t mh_days_from_civil(int y, int m, int d);
void mh_civil_from_days(int32_t z, int *y, int *m, int *d);
static inline int mh_weekday(int32_t day)
{
	return (int)(((day % 7) + 10) % 7); /* 1970-01-01 was a Thursday */
}

#endif
