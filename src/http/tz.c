/* Time-zone offsets through the C library, serialised. */
#include "http/tz.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

static int name_ok(const char *tz)
{
	size_t i, n = strlen(tz);

	if (!n || n > 64 || tz[0] == '/' || strstr(tz, ".."))
		return 0;
	for (i = 0; i < n; i++) {
		char c = tz[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '+' || c == '-' || c == '/'))
			return 0;
	}
	return 1;
}

int mh_http_tz_offsets(const char *tz, const int64_t *t_sec, size_t n, int32_t *off)
{
	char path[128];
	struct tm tm;
	const char *old;
	char *saved = NULL;
	size_t i;
	int rc = 0;

	if (!tz || !name_ok(tz))
		return -1;
	if (!strcmp(tz, "UTC") || !strcmp(tz, "Etc/UTC")) {
		memset(off, 0, n * sizeof(*off));
		return 0;
	}
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", tz);
	if (access(path, R_OK))
		return -1;
	pthread_mutex_lock(&tz_lock);
	old = getenv("TZ");
	if (old)
		saved = strdup(old);
	if (setenv("TZ", tz, 1))
		rc = -1;
	tzset();
	for (i = 0; i < n && !rc; i++) {
		time_t t = (time_t)t_sec[i];

		if (localtime_r(&t, &tm))
			off[i] = (int32_t)tm.tm_gmtoff;
		else
			rc = -1;
	}
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	pthread_mutex_unlock(&tz_lock);
	free(saved);
	return rc;
}
