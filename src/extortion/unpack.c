/*
 * Streaming unpacker (unpack.h). One struct level per open archive; a nested
 * archive reads its input from the parent's current entry through struct feed,
 * which also hashes those bytes (the nested archive's own SHA-256) and counts
 * them (its compressed size, for the ratio limit). Every byte read out of an
 * archive goes through read_data(), the one place that enforces the size and
 * ratio limits, so a bomb is stopped within one block of crossing them.
 */
#include "extortion/unpack.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

#define BLOCK (64 * 1024)
#define SLACK (1u << 20)
#define PEEK  512 /* enough for every magic, tar's included */

struct feed;

struct level {
	struct archive *a;
	uint64_t out;      /* bytes read from its entries */
	uint64_t in_mem;   /* compressed size, when read from memory */
	struct feed *feed; /* else: its input */
	const char *cur;   /* path of the entry being read */
};

struct job {
	const struct mh_unpack_limits *lim;
	mh_unpack_cb cb;
	void *arg;
	struct mh_err *err;
	uint64_t total;
	uint32_t entries;
	int stop, rc;
};

struct feed {
	struct job *j;
	struct level *parent;
	const unsigned char *pre;
	size_t pre_n;
	unsigned char *buf;
	uint64_t in;
	struct mh_sha256 *tee;
};

void mh_unpack_limits_default(struct mh_unpack_limits *l)
{
	l->max_total = 1ull << 30;
	l->max_entries = 10000;
	l->max_depth = 3;
	l->max_ratio = 200;
	l->text_max = 4u << 20;
}

static int is_compressed(const unsigned char *p, size_t n)
{
	return (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) || (n >= 3 && !memcmp(p, "BZh", 3)) ||
	       (n >= 6 && !memcmp(p,
	                          "\xfd"
	                          "7zXZ\0",
	                          6)) ||
	       (n >= 4 && !memcmp(p, "\x28\xb5\x2f\xfd", 4));
}

int mh_unpack_magic(const unsigned char *p, size_t n)
{
	if (n >= 4 && p[0] == 'P' && p[1] == 'K' &&
	    ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6) || (p[2] == 7 && p[3] == 8)))
		return 1;
	if (n >= 262 && !memcmp(p + 257, "ustar", 5))
		return 1;
	return is_compressed(p, n);
}

int mh_unpack_opaque(const char *name)
{
	static const char *const ext[] = {".docx", ".xlsx", ".pptx", ".docm",  ".xlsm", ".pptm",
	                                  ".odt",  ".ods",  ".odp",  ".jar",   ".war",  ".apk",
	                                  ".epub", ".xpi",  ".vsix", ".nupkg", NULL};
	size_t n = strlen(name), k;
	int i;

	for (i = 0; ext[i]; i++) {
		k = strlen(ext[i]);
		if (n > k && !strcasecmp(name + n - k, ext[i]))
			return 1;
	}
	return 0;
}

/* A printable copy of an untrusted name for messages. */
static const char *shown(const char *s, char *buf, size_t cap)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < cap; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

static int refuse(struct job *j, const char *entry, const char *why)
{
	char b[200];

	if (!j->stop) {
		j->stop = 1;
		j->rc = -1;
		if (entry)
			mh_err_set(j->err, MH_ELIMIT, "entry '%s': %s", shown(entry, b, sizeof(b)),
			           why);
		else
			mh_err_set(j->err, MH_ELIMIT, "%s", why);
	}
	return -1;
}

static int emit(struct job *j, const struct mh_unpacked *u)
{
	int rc = j->cb(j->arg, u);

	if (rc && !j->stop) {
		j->stop = 1;
		j->rc = rc;
	}
	return rc ? -1 : 0;
}

/* Read entry data of lv, enforcing the limits. Returns bytes, 0 at end, -1. */
static ssize_t read_data(struct job *j, struct level *lv, void *buf, size_t cap)
{
	la_ssize_t n = archive_read_data(lv->a, buf, cap);
	uint64_t in;
	char why[160];

	if (j->stop)
		return -1;
	if (n < 0) {
		snprintf(why, sizeof(why), "cannot read: %s",
		         archive_error_string(lv->a) ? archive_error_string(lv->a) : "error");
		return refuse(j, lv->cur, why);
	}
	lv->out += (uint64_t)n;
	j->total += (uint64_t)n;
	in = lv->feed ? lv->feed->in : lv->in_mem;
	if (j->total > j->lim->max_total) {
		snprintf(why, sizeof(why), "more than %llu bytes unpacked, refused (zip bomb?)",
		         (unsigned long long)j->lim->max_total);
		return refuse(j, lv->cur, why);
	}
	if (lv->out > (uint64_t)j->lim->max_ratio * in + SLACK) {
		snprintf(why, sizeof(why), "compression ratio above %u:1, refused (zip bomb?)",
		         j->lim->max_ratio);
		return refuse(j, lv->cur, why);
	}
	return (ssize_t)n;
}

static la_ssize_t feed_read(struct archive *a, void *client, const void **out)
{
	struct feed *f = client;
	ssize_t n;

	if (f->pre_n) {
		*out = f->pre;
		n = (ssize_t)f->pre_n;
		f->pre_n = 0;
	} else {
		n = read_data(f->j, f->parent, f->buf, BLOCK);
		if (n < 0) {
			archive_set_error(a, -1, "parent archive stopped");
			return -1;
		}
		*out = f->buf;
	}
	f->in += (uint64_t)n;
	mh_sha256_update(f->tee, *out, (size_t)n);
	return n;
}

static struct archive *reader(int raw)
{
	struct archive *a = archive_read_new();

	if (!a) {
		fprintf(stderr, "molehunt: out of memory (libarchive)\n");
		exit(3);
	}
	archive_read_support_format_zip(a);
	archive_read_support_format_tar(a);
	if (raw)
		archive_read_support_format_raw(a);
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_lzma(a);
	archive_read_support_filter_zstd(a);
	return a;
}

/* NULL if acceptable, else why not. */
static const char *bad_name(const char *name)
{
	const char *p = name;

	if (strlen(name) > MH_UNPACK_NAME_MAX)
		return "name too long, refused";
	if (name[0] == '/' || name[0] == '\\' ||
	    (((name[0] | 32) >= 'a' && (name[0] | 32) <= 'z') && name[1] == ':'))
		return "absolute path refused";
	while (*p) {
		size_t k = strcspn(p, "/\\");

		if (k == 2 && p[0] == '.' && p[1] == '.')
			return "path traversal refused";
		p += k;
		if (*p)
			p++;
	}
	return NULL;
}

static char *join(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = mh_malloc(na + nb + 2);

	memcpy(s, a, na);
	s[na] = '/';
	memcpy(s + na + 1, b, nb + 1);
	return s;
}

/* The name of a raw (compressed single file) entry: its container's last
 * component without the compression suffix. */
static char *raw_name(const char *container)
{
	static const char *const sfx[] = {".gz", ".bz2", ".xz", ".lzma", ".zst", NULL};
	const char *base = strrchr(container, '/');
	char *s = mh_strdup(base ? base + 1 : container);
	size_t n = strlen(s), k;
	int i;

	for (i = 0; sfx[i]; i++) {
		k = strlen(sfx[i]);
		if (n > k && !strcmp(s + n - k, sfx[i])) {
			s[n - k] = '\0';
			return s;
		}
	}
	return s;
}

static int process_archive(struct job *j, struct level *lv, const char *path, unsigned depth);

/* Fill buf with at least PEEK bytes of the entry (or all of a shorter one). */
static ssize_t peek(struct job *j, struct level *lv, unsigned char *buf)
{
	size_t n = 0;

	while (n < PEEK) {
		ssize_t r = read_data(j, lv, buf + n, BLOCK - n);

		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

static int file_event(struct job *j, const char *path, unsigned depth, uint64_t size,
                      struct mh_sha256 *h, const unsigned char *head, size_t head_n)
{
	struct mh_unpacked u;

	memset(&u, 0, sizeof(u));
	u.ev = MH_UNPACK_FILE;
	u.path = path;
	u.depth = depth;
	u.size = size;
	mh_sha256_final(h, u.sha256);
	u.head = head;
	u.head_n = head_n;
	return emit(j, &u);
}

static int leaf(struct job *j, struct level *parent, const char *path, unsigned depth,
                unsigned char *buf, size_t n)
{
	size_t cap = n < j->lim->text_max ? n : j->lim->text_max, hn = cap;
	unsigned char *head = mh_malloc(cap ? cap : 1);
	struct mh_sha256 h;
	uint64_t size = n;
	ssize_t r;
	int rc;

	memcpy(head, buf, hn);
	mh_sha256_init(&h);
	mh_sha256_update(&h, buf, n);
	while ((r = read_data(j, parent, buf, BLOCK)) > 0) {
		size_t take = (size_t)r;

		mh_sha256_update(&h, buf, take);
		size += take;
		if (hn < j->lim->text_max) {
			if (take > j->lim->text_max - hn)
				take = j->lim->text_max - hn;
			head = mh_grow(head, &cap, hn + take, 1);
			memcpy(head + hn, buf, take);
			hn += take;
		}
	}
	if (r < 0) {
		mh_sha256_abort(&h);
		free(head);
		return -1;
	}
	rc = file_event(j, path, depth, size, &h, head, hn);
	free(head);
	return rc;
}

/* An entry that looks like an archive: open it on the parent's stream. */
static int nested(struct job *j, struct level *parent, const char *path, unsigned depth,
                  unsigned char *buf, size_t n)
{
	struct mh_sha256 h;
	struct feed f = {j, parent, buf, n, mh_malloc(BLOCK), 0, &h};
	struct level lv = {NULL, 0, 0, &f, NULL};
	struct mh_unpacked u;
	int r = 1;
	ssize_t m;

	mh_sha256_init(&h);
	lv.a = reader(is_compressed(buf, n));
	if (archive_read_open(lv.a, &f, NULL, feed_read, NULL) == ARCHIVE_OK)
		r = process_archive(j, &lv, path, depth);
	archive_read_free(lv.a);
	if (j->stop)
		r = -1;
	if (r >= 0) {
		/* what the archive reader left: trailing bytes, or all of a non-archive */
		if (f.pre_n) {
			mh_sha256_update(&h, f.pre, f.pre_n);
			f.in += f.pre_n;
		}
		while ((m = read_data(j, parent, f.buf, BLOCK)) > 0) {
			mh_sha256_update(&h, f.buf, (size_t)m);
			f.in += (uint64_t)m;
		}
		if (m < 0)
			r = -1;
	}
	free(f.buf);
	if (r < 0) {
		mh_sha256_abort(&h);
		return -1;
	}
	if (r == 1)
		return file_event(j, path, depth, f.in, &h, buf,
		                  n < j->lim->text_max ? n : j->lim->text_max);
	memset(&u, 0, sizeof(u));
	u.ev = MH_UNPACK_LEAVE;
	u.path = path;
	u.depth = depth;
	u.size = f.in;
	mh_sha256_final(&h, u.sha256);
	return emit(j, &u);
}

static int entry(struct job *j, struct level *lv, const char *path, unsigned depth)
{
	unsigned char *buf = mh_malloc(BLOCK);
	ssize_t n;
	int rc;
	char why[96];

	lv->cur = path;
	n = peek(j, lv, buf);
	if (n < 0)
		rc = -1;
	else if (!mh_unpack_magic(buf, (size_t)n) || mh_unpack_opaque(path))
		rc = leaf(j, lv, path, depth, buf, (size_t)n);
	else if (depth >= j->lim->max_depth) {
		snprintf(why, sizeof(why), "archives nested deeper than %u levels refused",
		         j->lim->max_depth);
		rc = refuse(j, path, why);
	} else
		rc = nested(j, lv, path, depth, buf, (size_t)n);
	free(buf);
	return rc;
}

static int enter(struct job *j, const char *path, unsigned depth)
{
	struct mh_unpacked u;

	memset(&u, 0, sizeof(u));
	u.ev = MH_UNPACK_ENTER;
	u.path = path;
	u.depth = depth;
	return emit(j, &u);
}

static int check_entry(struct job *j, const char *name)
{
	const char *why = bad_name(name);
	char b[64];

	if (why)
		return refuse(j, name, why);
	if (++j->entries > j->lim->max_entries) {
		snprintf(b, sizeof(b), "more than %u entries, refused", j->lim->max_entries);
		return refuse(j, name, b);
	}
	return 0;
}

/* 0 done, 1 not an archive after all, -1 stopped. */
static int process_archive(struct job *j, struct level *lv, const char *path, unsigned depth)
{
	struct archive_entry *e;
	int first = 1, r;
	char why[200];

	for (;;) {
		const char *name;
		char *child;

		r = archive_read_next_header(lv->a, &e);
		if (j->stop)
			return -1;
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			if (first)
				return 1;
			snprintf(why, sizeof(why), "damaged archive: %s",
			         archive_error_string(lv->a) ? archive_error_string(lv->a) : "?");
			return refuse(j, path, why);
		}
		if (first && enter(j, path, depth))
			return -1;
		first = 0;
		name = archive_entry_pathname(e);
		if (!name || !*name)
			name = "(unnamed)";
		if (check_entry(j, name))
			return -1;
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		child = archive_format(lv->a) == ARCHIVE_FORMAT_RAW ? raw_name(path) : NULL;
		if (child) {
			char *full = join(path, child);

			free(child);
			child = full;
		} else
			child = join(path, name);
		r = entry(j, lv, child, depth + 1);
		free(child);
		if (r)
			return -1;
	}
	if (first && enter(j, path, depth))
		return -1;
	return 0;
}

static int whole_file(struct job *j, const char *name, const void *data, size_t n)
{
	struct mh_sha256 h;

	mh_sha256_init(&h);
	mh_sha256_update(&h, data, n);
	return file_event(j, name, 0, n, &h, data, n < j->lim->text_max ? n : j->lim->text_max);
}

int mh_unpack(const char *name, const void *data, size_t n, const struct mh_unpack_limits *lim,
              mh_unpack_cb cb, void *arg, struct mh_err *err)
{
	struct job j = {lim, cb, arg, err, 0, 0, 0, 0};
	struct level lv = {NULL, 0, n, NULL, name};
	struct mh_unpacked u;
	int r = 1;

	if (lim->max_depth < 1 || !mh_unpack_magic(data, n) || mh_unpack_opaque(name)) {
		if (whole_file(&j, name, data, n))
			return j.rc;
		return 0;
	}
	lv.a = reader(is_compressed(data, n));
	if (archive_read_open_memory(lv.a, data, n) == ARCHIVE_OK)
		r = process_archive(&j, &lv, name, 0);
	archive_read_free(lv.a);
	if (j.stop)
		return j.rc;
	if (r == 1)
		return whole_file(&j, name, data, n) ? j.rc : 0;
	memset(&u, 0, sizeof(u));
	u.ev = MH_UNPACK_LEAVE;
	u.path = name;
	mh_sha256(data, n, u.sha256);
	u.size = n;
	return emit(&j, &u) ? j.rc : 0;
}
