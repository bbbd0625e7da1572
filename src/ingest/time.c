/*
 * Timestamps as the log sources write them -> UTC milliseconds (ingest.h), and
 * roster dates -> days (roster.h). No allocation, no locale, no libc time
 * functions: dates become days with civil-from-days arithmetic, so this runs on
 * the hot path at a few nanoseconds per call.
 *
 * Accepted shapes (anything else is rejected, and so is any field out of range:
 * month 13, Feb 30 in a non-leap year, hour 24, second 60, offset +24:00):
 *   2024-03-01                           date only: midnight UTC
 *   2024-03-01T12:00:00.123Z             RFC 3339; 't', 'z' lower case too
 *   2024-03-01 12:00:00.123              space separator, no zone: UTC (Okta
 *                                        exports, Panther, GitHub at_sign_timestamp)
 *   2024-03-01T12:00 / ...:00,5          seconds optional; ',' as decimal mark
 *   ...+05:30 / +0530 / +05 / " UTC"     numeric offset or a literal UTC suffix
 *   ...000000000                         fraction of 1 to 9 digits (Entra writes 7)
 *   1711971234 / 1711971234567           epoch digits; see epoch_digits() for the
 *                                        unit rule; "1711971234.5" seconds + fraction
 *   Tue Apr 21 20:56:14 2020 UTC         osquery calendarTime
 * Years are 0001..9999.
 */
#include "ingest/ingest.h"
#include "ingest/roster.h"
#include "util/tz.h"

#include <string.h>

static int64_t days_from_civil(int y, int m, int d)
{
	return mh_tz_days_from_civil(y, (unsigned)m, (unsigned)d);
}

static int days_in_month(int y, int m)
{
	static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dim[m - 1];
}

/* Exactly k digits at s[*i]; advances *i. */
static int digits(const char *s, size_t n, size_t *i, int k, int *out)
{
	int v = 0;

	if (*i + (size_t)k > n)
		return -1;
	for (int j = 0; j < k; j++) {
		unsigned c = (unsigned char)s[*i + j] - '0';

		if (c > 9)
			return -1;
		v = v * 10 + (int)c;
	}
	*i += (size_t)k;
	*out = v;
	return 0;
}

static int parse_date(const char *s, size_t n, size_t *i, int64_t *day)
{
	int y, m, d;

	if (digits(s, n, i, 4, &y) || *i >= n || s[(*i)++] != '-' || digits(s, n, i, 2, &m) ||
	    *i >= n || s[(*i)++] != '-' || digits(s, n, i, 2, &d))
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*day = days_from_civil(y, m, d);
	return 0;
}

/* ".123456789" -> milliseconds; 1..9 digits. */
static int parse_fraction(const char *s, size_t n, size_t *i, int *ms)
{
	int k = 0, v = 0;

	if (*i >= n || (s[*i] != '.' && s[*i] != ','))
		return 0;
	for ((*i)++; *i < n && s[*i] >= '0' && s[*i] <= '9'; (*i)++, k++)
		if (k < 3)
			v = v * 10 + (s[*i] - '0');
	if (k == 0 || k > 9)
		return -1;
	for (; k < 3; k++)
		v *= 10;
	*ms = v;
	return 0;
}

/* "Z", "+05:30", "+0530", "+05", " UTC" or nothing -> offset in minutes east. */
static int parse_zone(const char *s, size_t n, size_t i, int *off_min)
{
	int sign, h, m = 0;

	*off_min = 0;
	if (i == n)
		return 0;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
		return 0;
	if (n - i == 4 && memcmp(s + i, " UTC", 4) == 0)
		return 0;
	if (s[i] != '+' && s[i] != '-')
		return -1;
	sign = s[i++] == '-' ? -1 : 1;
	if (digits(s, n, &i, 2, &h))
		return -1;
	if (i < n && s[i] == ':')
		i++;
	if (i < n && digits(s, n, &i, 2, &m))
		return -1;
	if (i != n || h > 23 || m > 59)
		return -1;
	*off_min = sign * (h * 60 + m);
	return 0;
}

static int parse_iso(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	int64_t day;
	int h, mi, sec = 0, ms = 0, off;

	if (parse_date(s, n, &i, &day))
		return -1;
	if (i == n) {
		*out = day * 86400000;
		return 0;
	}
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return -1;
	i++;
	if (digits(s, n, &i, 2, &h) || i >= n || s[i++] != ':' || digits(s, n, &i, 2, &mi))
		return -1;
	if (i < n && s[i] == ':') {
		i++;
		if (digits(s, n, &i, 2, &sec) || parse_fraction(s, n, &i, &ms))
			return -1;
	}
	if (h > 23 || mi > 59 || sec > 59 || parse_zone(s, n, i, &off))
		return -1;
	*out = ((day * 24 + h) * 60 + mi - off) * 60000 + (int64_t)sec * 1000 + ms;
	return 0;
}

/*
 * Epoch digits. The unit follows from the magnitude, as log shippers mix them:
 * below 1e11 seconds (until year 5138), below 1e14 milliseconds, below 1e17
 * microseconds, else nanoseconds (at most 19 digits). A fraction is accepted
 * only after seconds.
 */
static int parse_epoch(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	uint64_t v = 0;
	int ms = 0;

	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (i >= 19)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (i == 0)
		return -1;
	if (i < n) {
		if (v >= 100000000000ull || parse_fraction(s, n, &i, &ms) || i != n)
			return -1;
	}
	if (v < 100000000000ull)
		*out = (int64_t)v * 1000 + ms;
	else if (v < 100000000000000ull)
		*out = (int64_t)v;
	else if (v < 100000000000000000ull)
		*out = (int64_t)(v / 1000);
	else
		*out = (int64_t)(v / 1000000);
	return 0;
}

static int month_index(const char *s)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

	for (int m = 0; m < 12; m++)
		if (memcmp(names + 3 * m, s, 3) == 0)
			return m + 1;
	return -1;
}

/* osquery calendarTime: "Tue Apr 21 20:56:14 2020 UTC" (day may be space-padded). */
static int parse_ctime(const char *s, size_t n, int64_t *out)
{
	char buf[32];
	size_t i;
	int m, d, h, mi, sec, y;

	if (n != 28 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' || s[24] != ' ' ||
	    memcmp(s + 24, " UTC", 4) != 0)
		return -1;
	memcpy(buf, s, n);
	if (buf[8] == ' ')
		buf[8] = '0';
	if ((m = month_index(buf + 4)) < 0)
		return -1;
	i = 8;
	if (digits(buf, n, &i, 2, &d))
		return -1;
	i = 11;
	if (digits(buf, n, &i, 2, &h) || buf[i++] != ':' || digits(buf, n, &i, 2, &mi) ||
	    buf[i++] != ':' || digits(buf, n, &i, 2, &sec))
		return -1;
	i = 20;
	if (digits(buf, n, &i, 4, &y))
		return -1;
	if (y < 1 || d < 1 || d > days_in_month(y, m) || h > 23 || mi > 59 || sec > 59)
		return -1;
	*out = ((days_from_civil(y, m, d) * 24 + h) * 60 + mi) * 60000 + (int64_t)sec * 1000;
	return 0;
}

int mh_parse_time(const char *s, size_t n, int64_t *ms)
{
	int64_t v;
	int rc;

	if (!s || n == 0 || n > 64)
		return -1;
	if (n >= 10 && s[4] == '-')
		rc = parse_iso(s, n, &v);
	else if (s[0] >= '0' && s[0] <= '9')
		rc = parse_epoch(s, n, &v);
	else
		rc = parse_ctime(s, n, &v);
	if (rc == 0)
		*ms = v;
	return rc;
}

int mh_parse_day(const char *s, size_t n, int32_t *day)
{
	size_t i = 0;
	int64_t d;

	if (!s || parse_date(s, n, &i, &d) || i != n)
		return -1;
	*day = (int32_t)d;
	return 0;
}
