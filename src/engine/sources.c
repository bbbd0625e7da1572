/* Remembered intel and MaxMind paths (see sources.h). */
#include "engine/sources.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/store.h"
#include "util/xalloc.h"

static char *absolute(const char *path)
{
	char *abs = realpath(path, NULL);

	return abs ? abs : mh_strdup(path);
}

int mh_scan_sources(struct mh_store *st, const char *key, const char *const *given, size_t n,
                    int forget, char ***out, size_t *nout, int *remembered,
                    void (*warn)(void *arg, const char *msg), void *arg, struct mh_err *err)
{
	char **v = NULL, **keep;
	size_t nv = 0, i, nk = 0;

	*out = NULL;
	*nout = 0;
	*remembered = 0;
	if (n || forget) {
		v = mh_calloc(n + 1, sizeof(*v));
		for (i = 0; i < n; i++)
			v[i] = absolute(given[i]);
		if (mh_store_put_list(st, key, (const char *const *)v, n, err)) {
			mh_store_free_list(v, n);
			return -1;
		}
		*out = v;
		*nout = n;
		return 0;
	}
	if (mh_store_get_list(st, key, &v, &nv, err))
		return -1;
	keep = mh_calloc(nv + 1, sizeof(*keep));
	for (i = 0; i < nv; i++) {
		if (access(v[i], R_OK) == 0) {
			keep[nk++] = v[i];
			continue;
		}
		if (warn) {
			char msg[PATH_MAX + 96];

			snprintf(msg, sizeof(msg),
			         "%s, remembered from an earlier scan, cannot be read; not used",
			         v[i]);
			warn(arg, msg);
		}
		free(v[i]);
	}
	free(v);
	*out = keep;
	*nout = nk;
	*remembered = nk > 0;
	return 0;
}
