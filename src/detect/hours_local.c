#include "detect/hours_local.h"

#include <string.h>

#include "util/tz.h"

int mh_zone_hours(const struct mh_tzinfo *z, int32_t day)
{
	int32_t off;

	if (!z)
		return 0;
	off = mh_tzinfo_offset(z, (int64_t)day * 86400 + 43200);
	return off >= 0 ? (off + 1800) / 3600 : -((-off + 1800) / 3600);
}

/* OR bits into the entry for day, keeping out[] sorted (days arrive nearly sorted). */
static void put(struct mh_lday *out, size_t *n, int32_t day, uint32_t bits)
{
	size_t i = *n;

	if (!bits)
		return;
	while (i > 0 && out[i - 1].day > day)
		i--;
	if (i > 0 && out[i - 1].day == day) {
		out[i - 1].hours |= bits;
		return;
	}
	memmove(out + i + 1, out + i, (*n - i) * sizeof(*out));
	out[i].day = day;
	out[i].hours = bits;
	(*n)++;
}

size_t mh_hours_local(const struct mh_pstate *ps, const struct mh_tzinfo *z, int extra,
                      struct mh_lday *out)
{
	const uint32_t all = (1u << 24) - 1;
	size_t n = 0;
	uint32_t i;

	for (i = 0; i < ps->ndays; i++) {
		uint32_t b = ps->days[i].hours & all;
		int32_t d = ps->days[i].day;
		int o = mh_zone_hours(z, d) + extra;

		while (o < -12) /* the same hours, on the calendar of a real zone */
			o += 24;
		while (o > 14)
			o -= 24;
		if (o >= 0) {
			put(out, &n, d, (b << o) & all);
			put(out, &n, d + 1, b >> (24 - o) & (o ? all : 0));
		} else {
			put(out, &n, d - 1, (b << (24 + o)) & all);
			put(out, &n, d, b >> -o);
		}
	}
	return n;
}

uint32_t mh_hours_window(int start, int len)
{
	uint32_t m = 0;
	int k;

	for (k = 0; k < len && k < 24; k++)
		m |= 1u << (((start + k) % 24 + 24) % 24);
	return m;
}

int mh_popcount24(uint32_t v)
{
	return __builtin_popcount(v & ((1u << 24) - 1));
}
