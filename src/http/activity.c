/*
 * A person's activity for the dashboard: the hour histogram in UTC and in
 * the stated zone, a 7 x 24 heat map (weekday x hour, days active) in both,
 * and the day-by-day timeline. Days are stored with a bit per active UTC
 * hour; each day is shifted by the zone's offset at that day's noon, so a
 * daylight-saving change is followed day by day.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/activity.h"
#include "util/xalloc.h"
#include "http/tz.h"

#define DAY_S 86400

static void day_name(int32_t day, char out[11])
{
	time_t t = (time_t)day * DAY_S;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Weekday (0 = Sunday) and hour of a UTC second shifted by off seconds. */
static void local_slot(int64_t t, int32_t off, int *wd, int *hour)
{
	int64_t l = t + off, d = l / DAY_S, s = l % DAY_S;

	if (s < 0) {
		s += DAY_S;
		d--;
	}
	*wd = (int)(((d + 4) % 7 + 7) % 7);
	*hour = (int)(s / 3600);
}

static cJSON *matrix(const uint32_t m[7][24])
{
	cJSON *rows = cJSON_CreateArray();
	int d;

	for (d = 0; d < 7; d++)
		cJSON_AddItemToArray(rows, cJSON_CreateIntArray((const int *)m[d], 24));
	return rows;
}

static cJSON *timeline(const struct mh_day *days, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;
	int m;

	for (i = 0; i < n; i++) {
		const struct mh_day *d = &days[i];
		cJSON *o = cJSON_CreateObject();
		char name[11];
		unsigned moves = 0;

		for (m = 1; m < MH_MOVE__COUNT; m++)
			moves += d->moves[m];
		day_name(d->day, name);
		cJSON_AddStringToObject(o, "day", name);
		cJSON_AddNumberToObject(o, "events", d->events);
		cJSON_AddNumberToObject(o, "hours", __builtin_popcount(d->hours));
		cJSON_AddNumberToObject(o, "signins", d->signins);
		cJSON_AddNumberToObject(o, "signin_fail", d->signin_fail);
		cJSON_AddNumberToObject(o, "signin_flagged", d->signin_flagged);
		cJSON_AddNumberToObject(o, "moves", moves);
		cJSON_AddNumberToObject(o, "bytes_out", (double)d->bytes_out);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

cJSON *mh_activity_json(const char *tz, const uint32_t hours_utc[24], int64_t last_ms,
                        const struct mh_day *days, size_t n)
{
	cJSON *o = cJSON_CreateObject();
	uint32_t heat_utc[7][24], heat_local[7][24], local[24];
	int64_t *at = mh_malloc((n + 1) * sizeof(*at));
	int32_t *off = mh_calloc(n + 1, sizeof(*off));
	int32_t last_off = 0;
	int known;
	size_t i;
	int h, wd, lh;

	/* Noon of each day, then the last activity. */
	for (i = 0; i < n; i++)
		at[i] = (int64_t)days[i].day * DAY_S + DAY_S / 2;
	at[n] = last_ms / 1000;
	known = tz && *tz && !mh_http_tz_offsets(tz, at, n + 1, off);
	if (!known)
		memset(off, 0, (n + 1) * sizeof(*off));
	last_off = off[n];
	memset(heat_utc, 0, sizeof(heat_utc));
	memset(heat_local, 0, sizeof(heat_local));
	for (i = 0; i < n; i++) {
		for (h = 0; h < 24; h++) {
			int64_t t = (int64_t)days[i].day * DAY_S + h * 3600 + 1800;

			if (!(days[i].hours & (1u << h)))
				continue;
			local_slot(t, 0, &wd, &lh);
			heat_utc[wd][lh]++;
			local_slot(t, off[i], &wd, &lh);
			heat_local[wd][lh]++;
		}
	}
	/* The histogram has no dates: shifted by the offset at the last activity. */
	for (h = 0; h < 24; h++)
		local[((h * 3600 + last_off) % DAY_S + DAY_S) % DAY_S / 3600] = hours_utc[h];
	cJSON_AddItemToObject(o, "timezone", known ? cJSON_CreateString(tz) : cJSON_CreateNull());
	cJSON_AddNumberToObject(o, "utc_offset_min", last_off / 60);
	cJSON_AddItemToObject(o, "hours_utc", cJSON_CreateIntArray((const int *)hours_utc, 24));
	cJSON_AddItemToObject(o, "hours_local", cJSON_CreateIntArray((const int *)local, 24));
	cJSON_AddItemToObject(o, "heat_utc", matrix((const uint32_t(*)[24])heat_utc));
	cJSON_AddItemToObject(o, "heat_local", matrix((const uint32_t(*)[24])heat_local));
	cJSON_AddItemToObject(o, "days", timeline(days, n));
	free(at);
	free(off);
	return o;
}
