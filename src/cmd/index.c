/*
 * molehunt index: fingerprint internal documents and repository checkouts
 * into the store, so that `molehunt extortion` recognises excerpts,
 * re-encodings and reformatted copies of them (winnowing, extortion/winnow.h)
 * and knows which repository a leaked file came from.
 *
 * Directories are walked depth first; names starting with '.' are skipped
 * (.git among them), symbolic links are not followed. A directory holding
 * .git is a checkout: its files get the repository name from the "origin"
 * remote in .git/config ("org/name"), else the directory's name. Every
 * regular file up to FILE_MAX bytes is hashed; text (extortion/text.h) is
 * fingerprinted over its first 4 MiB. Re-indexing a path replaces it.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cases/log.h"
#include "cmd/cmd.h"
#include "extortion/fileio.h"
#include "extortion/sha256.h"
#include "extortion/text.h"
#include "extortion/winnow.h"
#include "store/store_cases.h"
#include "util/xalloc.h"

#define FILE_MAX  (64u << 20)
#define TEXT_MAX  (4u << 20)
#define DEPTH_MAX 64
#define FILES_MAX 2000000

static const char usage[] =
    "usage: molehunt index [--db FILE] [--repo NAME] PATH...\n"
    "\n"
    "Fingerprint documents and repository checkouts (files or directories) into\n"
    "the store for extortion attribution: SHA-256 of every file, winnowing\n"
    "fingerprints of text. Hidden names are skipped; a directory with .git is a\n"
    "checkout named after its origin remote (or the directory).\n"
    "\n"
    "options:\n"
    "  --db FILE    store (default molehunt.db; created if missing)\n"
    "  --repo NAME  the repository these paths belong to (org/name)\n"
    "  -h, --help   this text\n";

struct ix {
	struct mh_store *s;
	struct mh_err *err;
	uint64_t files, text, fps, skipped;
	int64_t now;
};

/* The last two components of a remote URL, split on '/' or ':'
 * ("git@github.com:org/name", "https://host/org/name"). */
static char *last_two(const char *u)
{
	const char *p = u + strlen(u);
	int seps = 0;

	while (p > u) {
		p--;
		if ((*p == '/' || *p == ':') && ++seps == 2)
			return mh_strdup(p + 1);
	}
	return mh_strdup(u);
}

/* "org/name" from the origin url in .git/config, or NULL. */
static char *origin_repo(const char *dir)
{
	char path[4096], *cfg, *u, *end, *name = NULL;
	unsigned char *buf;
	size_t n;
	struct mh_err e;

	snprintf(path, sizeof(path), "%s/.git/config", dir);
	if (mh_file_read(path, 1 << 20, &buf, &n, &e))
		return NULL;
	cfg = (char *)buf;
	u = strstr(cfg, "[remote \"origin\"]");
	u = u ? strstr(u, "url") : NULL;
	u = u ? strchr(u, '=') : NULL;
	if (u) {
		u += 1 + strspn(u + 1, " \t");
		end = u + strcspn(u, " \t\r\n");
		*end = '\0';
		if (end - u > 4 && !strcmp(end - 4, ".git"))
			*(end -= 4) = '\0';
		while (end > u && end[-1] == '/')
			*--end = '\0';
		if (*u)
			name = last_two(u);
	}
	free(cfg);
	return name;
}

static int index_file(struct ix *x, const char *path, const char *repo)
{
	unsigned char *buf;
	char hex[MH_SHA256_HEX], *t;
	struct mh_fps fps = {NULL, 0, 0};
	size_t n, tn;
	int rc;

	if (mh_file_read(path, FILE_MAX, &buf, &n, x->err)) {
		fprintf(stderr, "molehunt index: %s (skipped)\n", x->err->msg);
		mh_err_clear(x->err);
		x->skipped++;
		return 0;
	}
	mh_sha256_hexof(buf, n, hex);
	if (mh_text_of(buf, n < TEXT_MAX ? n : TEXT_MAX, &t, &tn)) {
		mh_winnow(t, tn, &fps);
		mh_fps_finish(&fps);
		free(t);
		x->text++;
	}
	rc = mh_store_doc_put(x->s, path, repo, hex, n, &fps, x->now, x->err);
	x->files++;
	x->fps += fps.n;
	mh_fps_release(&fps);
	free(buf);
	return rc;
}

static int walk(struct ix *x, const char *path, const char *repo, int depth);

static int walk_dir(struct ix *x, const char *path, const char *repo, int depth)
{
	char git[4096], *own = NULL;
	struct stat st;
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if (depth > DEPTH_MAX) {
		fprintf(stderr, "molehunt index: %s: deeper than %d directories (skipped)\n", path,
		        DEPTH_MAX);
		return 0;
	}
	snprintf(git, sizeof(git), "%s/.git", path);
	if (!repo && !lstat(git, &st)) {
		const char *base = strrchr(path, '/');

		own = origin_repo(path);
		if (!own)
			own = mh_strdup(base && base[1] ? base + 1 : path);
		repo = own;
	}
	d = opendir(path);
	if (!d) {
		free(own);
		return mh_err_set(x->err, MH_EIO, "%s: %s", path, strerror(errno));
	}
	while (!rc && (de = readdir(d))) {
		char *child;
		size_t n;

		if (de->d_name[0] == '.')
			continue;
		n = strlen(path) + strlen(de->d_name) + 2;
		child = mh_malloc(n);
		snprintf(child, n, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
		         de->d_name);
		rc = walk(x, child, repo, depth + 1);
		free(child);
	}
	closedir(d);
	free(own);
	return rc;
}

static int walk(struct ix *x, const char *path, const char *repo, int depth)
{
	struct stat st;

	if (lstat(path, &st))
		return mh_err_set(x->err, MH_EIO, "%s: %s", path, strerror(errno));
	if (x->files >= FILES_MAX)
		return mh_err_set(x->err, MH_ELIMIT, "more than %d files: index in parts",
		                  FILES_MAX);
	if (S_ISDIR(st.st_mode))
		return walk_dir(x, path, repo, depth);
	if (S_ISREG(st.st_mode))
		return index_file(x, path, repo);
	return 0;
}

int mh_cmd_index(int argc, char **argv)
{
	static const struct option lo[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"repo", required_argument, NULL, 'r'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = "molehunt.db", *repo = NULL;
	struct mh_err err;
	struct ix x;
	int ch, i, rc = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'r':
			repo = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind == argc) {
		fputs(usage, stderr);
		return 2;
	}
	memset(&x, 0, sizeof(x));
	mh_err_clear(&err);
	x.err = &err;
	x.now = mh_case_now();
	x.s = mh_store_open(db, &err);
	if (!x.s || mh_store_begin(x.s, &err)) {
		fprintf(stderr, "molehunt index: %s\n", err.msg);
		mh_store_close(x.s);
		return 3;
	}
	for (i = optind; i < argc && !rc; i++)
		rc = walk(&x, argv[i], repo, 0);
	if (rc || mh_store_commit(x.s, &err)) {
		mh_store_rollback(x.s);
		fprintf(stderr, "molehunt index: %s\n", err.msg);
		mh_store_close(x.s);
		return 3;
	}
	mh_store_close(x.s);
	printf("indexed %llu files (%llu text, %llu fingerprints), %llu skipped\n",
	       (unsigned long long)x.files, (unsigned long long)x.text, (unsigned long long)x.fps,
	       (unsigned long long)x.skipped);
	return 0;
}
