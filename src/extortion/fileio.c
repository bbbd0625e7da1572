#include "extortion/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/xalloc.h"

int mh_file_read(const char *path, size_t limit, unsigned char **buf, size_t *n, struct mh_err *err)
{
	int is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	size_t cap = 0, k;
	struct stat st;

	*buf = NULL;
	*n = 0;
	if (!f)
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
		fclose(f);
		return mh_err_set(err, MH_EIO, "%s: is a directory", path);
	}
	do {
		*buf = mh_grow(*buf, &cap, *n + 65537, 1);
		k = fread(*buf + *n, 1, 65536, f);
		*n += k;
	} while (k > 0 && *n <= limit);
	if (ferror(f) || *n > limit) {
		int big = *n > limit;

		if (!is_stdin)
			fclose(f);
		free(*buf);
		*buf = NULL;
		if (big)
			return mh_err_set(err, MH_ELIMIT, "%s: larger than %zu bytes, refused",
			                  path, limit);
		return mh_err_set(err, MH_EIO, "%s: read error", path);
	}
	if (!is_stdin)
		fclose(f);
	(*buf)[*n] = '\0';
	return 0;
}
