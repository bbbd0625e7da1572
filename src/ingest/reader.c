/*
 * Byte source with transparent decompression (reader.h). One input buffer
 * holds compressed bytes (or, for plain input, the few bytes read to detect
 * the format, served first); plain input is then read straight into the
 * caller's buffer, so the common case copies nothing.
 */
#include "ingest/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "util/xalloc.h"

#define IN_CAP (256u << 10)

struct mh_reader {
	int fd, kind, in_eof, gz_member_done;
	char *path;
	unsigned char *in;
	size_t ilen, ipos;
	z_stream z;
	ZSTD_DStream *zs;
	size_t zlast;
};

static int fill_in(struct mh_reader *r, struct mh_err *err)
{
	ssize_t k;

	if (r->ipos < r->ilen)
		memmove(r->in, r->in + r->ipos, r->ilen - r->ipos);
	r->ilen -= r->ipos;
	r->ipos = 0;
	do
		k = read(r->fd, r->in + r->ilen, IN_CAP - r->ilen);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return mh_err_set(err, MH_EIO, "%s: read: %s", r->path, strerror(errno));
	if (k == 0)
		r->in_eof = 1;
	r->ilen += (size_t)k;
	return 0;
}

static int detect(struct mh_reader *r, struct mh_err *err)
{
	static const unsigned char gz[2] = {0x1f, 0x8b}, zst[4] = {0x28, 0xb5, 0x2f, 0xfd};

	while (r->ilen < 4 && !r->in_eof)
		if (fill_in(r, err))
			return -1;
	if (r->ilen >= 2 && memcmp(r->in, gz, 2) == 0) {
		r->kind = MH_RD_GZIP;
		if (inflateInit2(&r->z, 15 + 16) != Z_OK)
			return mh_err_set(err, MH_EINPUT, "%s: cannot start gzip decoder", r->path);
	} else if (r->ilen >= 4 && memcmp(r->in, zst, 4) == 0) {
		r->kind = MH_RD_ZSTD;
		r->zs = ZSTD_createDStream();
		r->zlast = 1;
		if (!r->zs || ZSTD_isError(ZSTD_initDStream(r->zs)))
			return mh_err_set(err, MH_EINPUT, "%s: cannot start zstd decoder", r->path);
	}
	return 0;
}

struct mh_reader *mh_reader_open(const char *path, struct mh_err *err)
{
	struct mh_reader *r = mh_calloc(1, sizeof(*r));

	r->path = mh_strdup(path);
	r->in = mh_malloc(IN_CAP);
	if (strcmp(path, "-") == 0) {
		r->fd = STDIN_FILENO;
	} else {
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0) {
			mh_err_set(err, MH_EINPUT, "%s: %s", path, strerror(errno));
			goto out_free;
		}
	}
	if (detect(r, err) == 0)
		return r;
out_free:
	mh_reader_close(r);
	return NULL;
}

static ssize_t plain_read(struct mh_reader *r, char *dst, size_t cap, struct mh_err *err)
{
	ssize_t k;

	if (r->ipos < r->ilen) {
		size_t n = r->ilen - r->ipos < cap ? r->ilen - r->ipos : cap;

		memcpy(dst, r->in + r->ipos, n);
		r->ipos += n;
		return (ssize_t)n;
	}
	if (r->in_eof)
		return 0;
	do
		k = read(r->fd, dst, cap);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return mh_err_set(err, MH_EIO, "%s: read: %s", r->path, strerror(errno));
	if (k == 0)
		r->in_eof = 1;
	return k;
}

static ssize_t gz_read(struct mh_reader *r, char *dst, size_t cap, struct mh_err *err)
{
	z_stream *z = &r->z;
	int rc;

	z->next_out = (unsigned char *)dst;
	z->avail_out = (uInt)(cap > (1u << 30) ? (1u << 30) : cap);
	for (;;) {
		if (r->ipos == r->ilen && !r->in_eof && fill_in(r, err))
			return -1;
		if (r->ipos == r->ilen && r->in_eof) {
			if (r->gz_member_done)
				return 0;
			return mh_err_set(err, MH_EINPUT,
			                  "%s: truncated gzip stream (input ends inside a member)",
			                  r->path);
		}
		if (r->gz_member_done) {
			inflateReset(z);
			r->gz_member_done = 0;
		}
		z->next_in = r->in + r->ipos;
		z->avail_in = (uInt)(r->ilen - r->ipos);
		rc = inflate(z, Z_NO_FLUSH);
		r->ipos = r->ilen - z->avail_in;
		if (rc == Z_STREAM_END)
			r->gz_member_done = 1;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return mh_err_set(err, MH_EINPUT, "%s: corrupt gzip stream: %s", r->path,
			                  z->msg ? z->msg : "inflate failed");
		if ((char *)z->next_out > dst)
			return (char *)z->next_out - dst;
	}
}

/* zlast is the decoder's last hint: 0 exactly when a frame has just ended.
 * After that, a call with no input would ask for the next frame's header, so
 * the end of the input is checked first. */
static ssize_t zstd_read(struct mh_reader *r, char *dst, size_t cap, struct mh_err *err)
{
	ZSTD_outBuffer out = {dst, cap, 0};

	for (;;) {
		ZSTD_inBuffer in;
		size_t ret;

		if (r->ipos == r->ilen && !r->in_eof && fill_in(r, err))
			return -1;
		if (r->ipos == r->ilen && r->in_eof && r->zlast == 0)
			return 0;
		in = (ZSTD_inBuffer){r->in, r->ilen, r->ipos};
		ret = ZSTD_decompressStream(r->zs, &out, &in);
		r->ipos = in.pos;
		if (ZSTD_isError(ret))
			return mh_err_set(err, MH_EINPUT, "%s: corrupt zstd stream: %s", r->path,
			                  ZSTD_getErrorName(ret));
		r->zlast = ret;
		if (out.pos > 0)
			return (ssize_t)out.pos;
		if (r->ipos == r->ilen && r->in_eof && ret != 0)
			return mh_err_set(err, MH_EINPUT,
			                  "%s: truncated zstd stream (input ends inside a frame)",
			                  r->path);
	}
}

ssize_t mh_reader_read(struct mh_reader *r, char *dst, size_t cap, struct mh_err *err)
{
	if (cap == 0)
		return 0;
	switch (r->kind) {
	case MH_RD_GZIP:
		return gz_read(r, dst, cap, err);
	case MH_RD_ZSTD:
		return zstd_read(r, dst, cap, err);
	default:
		return plain_read(r, dst, cap, err);
	}
}

int mh_reader_kind(const struct mh_reader *r)
{
	return r->kind;
}

int mh_reader_regular_fd(const struct mh_reader *r, uint64_t *size)
{
	struct stat st;

	if (r->kind != MH_RD_PLAIN || fstat(r->fd, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	*size = (uint64_t)st.st_size;
	return r->fd;
}

const char *mh_reader_path(const struct mh_reader *r)
{
	return r->path;
}

void mh_reader_close(struct mh_reader *r)
{
	if (!r)
		return;
	if (r->kind == MH_RD_GZIP)
		inflateEnd(&r->z);
	ZSTD_freeDStream(r->zs);
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	free(r->in);
	free(r->path);
	free(r);
}
