/*
 * Intel loading: paths, directories, decompression, format detection and the
 * default label. The formats themselves are in plain.c and stix.c.
 *
 * A file is read whole (through zlib, which passes uncompressed files through
 * unchanged) up to MH_INTEL_FILE_MAX, then handed to the loader its first
 * non-blank byte selects: '{' is a STIX 2.1 JSON document, anything else a
 * plain list. Directories are walked in name order, recursively up to
 * DIR_DEPTH_MAX, skipping hidden entries and documentation that sits next to
 * lists (README*, LICENSE*, *.md), so "--intel lists/" loads what it should.
 */
#include "intel/intel_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "util/xalloc.h"

#define MH_INTEL_FILE_MAX ((size_t)1 << 30)
#define DIR_DEPTH_MAX     16
#define DIR_ENTRIES_MAX   100000
#define PATH_MAX_LEN      4096

/* File stems that say what a list holds, not what it is about: for these the
 * directory names the list ("x4bnet/output/vpn/ipv4.txt" is "vpn"). */
static const char *const generic_stems[] = {"ipv4", "ipv6",  "ip",   "ips", "v4",        "v6",
                                            "cidr", "cidrs", "list", "all", "addresses", "ranges"};

static int is_generic(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(generic_stems) / sizeof(generic_stems[0]); i++)
		if (strlen(generic_stems[i]) == n && strncasecmp(s, generic_stems[i], n) == 0)
			return 1;
	return 0;
}

/* Last path component of s[0..n), without trailing slashes. */
static const char *base_of(const char *s, size_t *n)
{
	const char *b;

	while (*n > 1 && s[*n - 1] == '/')
		(*n)--;
	b = s + *n;
	while (b > s && b[-1] != '/')
		b--;
	*n -= (size_t)(b - s);
	return b;
}

static void default_label(const char *path, char *dst, size_t cap)
{
	size_t n = strlen(path), bn = n;
	const char *base = base_of(path, &bn), *dot;
	size_t stem = bn;

	if (bn > 3 && strncasecmp(base + bn - 3, ".gz", 3) == 0)
		stem -= 3;
	dot = stem ? memrchr(base, '.', stem) : NULL;
	if (dot && dot > base)
		stem = (size_t)(dot - base);
	if (is_generic(base, stem) && base > path) {
		size_t pn = (size_t)(base - path) - 1;
		const char *parent = base_of(path, &pn);

		if (pn > 0 && !(pn == 1 && parent[0] == '.') && parent[0] != '/') {
			base = parent;
			stem = pn;
		}
	}
	if (stem >= cap)
		stem = cap - 1;
	memcpy(dst, base, stem);
	dst[stem] = '\0';
}

static char *read_all(const char *path, size_t *len, struct mh_err *err)
{
	size_t n = 0, cap = 0;
	char *buf = NULL;
	gzFile f;

	errno = 0;
	f = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
	if (!f) {
		mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno ? errno : EIO));
		return NULL;
	}
	for (;;) {
		int r;

		buf = mh_grow(buf, &cap, n + 65536 + 1, 1);
		r = gzread(f, buf + n, 65536);
		if (r < 0) {
			int zerr;

			mh_err_set(err, MH_EIO, "%s: read error: %s", path, gzerror(f, &zerr));
			goto out_fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > MH_INTEL_FILE_MAX) {
			mh_err_set(err, MH_ELIMIT, "%s: larger than %zu bytes", path,
			           MH_INTEL_FILE_MAX);
			goto out_fail;
		}
	}
	gzclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
out_fail:
	gzclose(f);
	free(buf);
	return NULL;
}

static int load_buffer(struct mh_intel_src *src, const char *data, size_t n, struct mh_err *err)
{
	size_t bom = 0, i;
	int rc;

	if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		bom = 3;
	for (i = bom; i < n && data[i] && strchr(" \t\r\n", data[i]);)
		i++;
	if (i < n && data[i] == '{')
		rc = mh_intel_stix_load(src, data + bom, n - bom, err);
	else
		rc = mh_intel_plain_load(src, data + bom, n - bom);
	if (rc == 0 && src->warnings > MH_INTEL_WARN_MAX && src->warn) {
		char msg[PATH_MAX_LEN + 64];

		snprintf(msg, sizeof(msg), "%s: %zu more warnings not shown", src->name,
		         src->warnings - MH_INTEL_WARN_MAX);
		src->warn(src->warn_arg, msg);
	}
	return rc;
}

int mh_intel_load_mem(struct mh_intel *in, const char *name, const char *data, size_t n,
                      void (*warn)(void *arg, const char *msg), void *warn_arg, struct mh_err *err)
{
	struct mh_intel_src src = {in, name, "", warn, warn_arg, 0};

	if (n > MH_INTEL_FILE_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s: larger than %zu bytes", name,
		                  MH_INTEL_FILE_MAX);
	default_label(name, src.label, sizeof(src.label));
	return load_buffer(&src, data, n, err);
}

static int load_file(struct mh_intel *in, const char *path,
                     void (*warn)(void *arg, const char *msg), void *warn_arg, struct mh_err *err)
{
	size_t n;
	char *data = read_all(path, &n, err);
	int rc;

	if (!data)
		return -1;
	rc = mh_intel_load_mem(in, path, data, n, warn, warn_arg, err);
	free(data);
	return rc;
}

static int skip_entry(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || strncasecmp(name, "README", 6) == 0 ||
	       strncasecmp(name, "LICENSE", 7) == 0 ||
	       (n > 3 && strcasecmp(name + n - 3, ".md") == 0);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_path(struct mh_intel *in, const char *path, int depth,
                     void (*warn)(void *arg, const char *msg), void *warn_arg, struct mh_err *err);

static int load_dir(struct mh_intel *in, const char *path, int depth,
                    void (*warn)(void *arg, const char *msg), void *warn_arg, struct mh_err *err)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d)
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	while ((e = readdir(d))) {
		if (skip_entry(e->d_name))
			continue;
		if (n >= DIR_ENTRIES_MAX) {
			rc = mh_err_set(err, MH_ELIMIT, "%s: more than %d entries", path,
			                DIR_ENTRIES_MAX);
			break;
		}
		names = mh_grow(names, &cap, n + 1, sizeof(*names));
		names[n++] = mh_strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == 0; i++) {
		char child[PATH_MAX_LEN];
		int len = snprintf(child, sizeof(child), "%s%s%s", path,
		                   path[strlen(path) - 1] == '/' ? "" : "/", names[i]);

		if (len < 0 || (size_t)len >= sizeof(child))
			rc = mh_err_set(err, MH_ELIMIT, "%s/%s: path too long", path, names[i]);
		else
			rc = load_path(in, child, depth + 1, warn, warn_arg, err);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int load_path(struct mh_intel *in, const char *path, int depth,
                     void (*warn)(void *arg, const char *msg), void *warn_arg, struct mh_err *err)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return load_file(in, path, warn, warn_arg, err);
	if (stat(path, &st) < 0)
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		if (depth >= DIR_DEPTH_MAX)
			return mh_err_set(err, MH_ELIMIT, "%s: directories nested deeper than %d",
			                  path, DIR_DEPTH_MAX);
		return load_dir(in, path, depth, warn, warn_arg, err);
	}
	if (!S_ISREG(st.st_mode) && depth > 0)
		return 0; /* sockets, fifos met while walking a directory */
	return load_file(in, path, warn, warn_arg, err);
}

int mh_intel_load(struct mh_intel *in, const char *path, void (*warn)(void *arg, const char *msg),
                  void *warn_arg, struct mh_err *err)
{
	if (!path || !*path)
		return mh_err_set(err, MH_EUSAGE, "intel: empty path");
	return load_path(in, path, 0, warn, warn_arg, err);
}
