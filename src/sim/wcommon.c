/* Shared pieces of the log writers: GUIDs, ids, user names, geolocation. */
#include "sim/wcommon.h"

#include <stdio.h>
#include <string.h>

void mh_sim_out_guid(struct mh_out *o, uint64_t a, uint64_t b)
{
	mh_out_hex(o, a >> 32, 8);
	mh_out_ch(o, '-');
	mh_out_hex(o, (a >> 16) & 0xffff, 4);
	mh_out_ch(o, '-');
	mh_out_hex(o, (a & 0x0fff) | 0x4000, 4);
	mh_out_ch(o, '-');
	mh_out_hex(o, ((b >> 48) & 0x3fff) | 0x8000, 4);
	mh_out_ch(o, '-');
	mh_out_hex(o, b & 0xffffffffffffull, 12);
}

void mh_sim_out_alnum(struct mh_out *o, uint64_t x, unsigned n)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char *p = mh_out_room(o, n);
	unsigned i;

	for (i = 0; i < n; i++) {
		if (i % 10 == 0)
			x = mh_mix64(x + i);
		p[i] = al[x % 62];
		x /= 62;
	}
	o->n += n;
	o->total += n;
}

void mh_sim_geo(const struct mh_sim *s, uint32_t egress, double *lat, double *lon)
{
	const struct mh_sim_city *c = &mh_sim_cities[s->eg[egress].city];
	uint64_t h = mh_mix64(egress);

	*lat = c->lat + ((double)(h & 0xffff) / 65535.0 - 0.5) * 0.2;
	*lon = c->lon + ((double)((h >> 16) & 0xffff) / 65535.0 - 0.5) * 0.2;
}

const char *mh_sim_ecs_user(const struct mh_sim *s, const struct mh_sim_person *p, char *buf,
                            size_t cap)
{
	if (p->os == MH_OS_WIN)
		snprintf(buf, cap, "%s\\%s", s->netbios, p->sam);
	else
		snprintf(buf, cap, "%s", p->sam);
	return buf;
}

void mh_sim_fmt_day(int32_t day, char dst[11])
{
	if (day == MH_SIM_NONE)
		dst[0] = '\0';
	else
		mh_fmt_date(dst, day);
}

void mh_sb_path(struct mh_sb *sb, const char *s, const char *user, int win)
{
	for (; *s && sb->n + 1 < sizeof(sb->b); s++) {
		if (s[0] == '%' && s[1] == 'u') {
			sb->b[sb->n] = '\0';
			mh_sb_put(sb, user);
			s++;
			continue;
		}
		sb->b[sb->n++] = (win && *s == '/') ? '\\' : *s;
	}
	sb->b[sb->n] = '\0';
}
