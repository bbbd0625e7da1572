/*
 * Reference speeds on one file, for `make bench` to quote molehunt's scan
 * against: plain line splitting (memchr) and cJSON parse of every line, each
 * on one core, best of three runs over the file already in memory (the first,
 * untimed pass touches every page). Prints "name MB/s lines/s" lines.
 *
 * usage: ref FILE
 */
#include <cjson/cJSON.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/progress.h"

static char *slurp(const char *path, size_t *n)
{
	struct stat sb;
	int fd = open(path, O_RDONLY);
	char *buf;
	size_t got = 0;

	if (fd < 0 || fstat(fd, &sb)) {
		perror(path);
		exit(3);
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf)
		exit(3);
	while (got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);

		if (r <= 0) {
			perror(path);
			exit(3);
		}
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*n = got;
	return buf;
}

static size_t split(const char *buf, size_t n)
{
	const char *p = buf, *end = buf + n;
	size_t lines = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		lines++;
		p = nl ? nl + 1 : end;
	}
	return lines;
}

static size_t cjson_all(const char *buf, size_t n)
{
	const char *p = buf, *end = buf + n;
	size_t ok = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		cJSON *j = cJSON_ParseWithLength(p, len);

		ok += j != NULL;
		cJSON_Delete(j);
		p = nl ? nl + 1 : end;
	}
	return ok;
}

static void best_of(const char *name, size_t (*fn)(const char *, size_t), const char *buf, size_t n)
{
	double best = 1e30;
	size_t items = 0;
	int i;

	for (i = 0; i < 3; i++) {
		double t0 = mh_now();

		items = fn(buf, n);
		t0 = mh_now() - t0;
		if (t0 < best)
			best = t0;
	}
	printf("%-14s %9.1f MB/s %12.0f lines/s\n", name, (double)n / best / 1e6,
	       (double)items / best);
}

int main(int argc, char **argv)
{
	size_t n;
	char *buf;

	if (argc != 2) {
		fprintf(stderr, "usage: ref FILE\n");
		return 2;
	}
	buf = slurp(argv[1], &n);
	split(buf, n); /* warm-up: touch every page */
	best_of("line-split", split, buf, n);
	best_of("cjson-parse", cjson_all, buf, n);
	free(buf);
	return 0;
}
