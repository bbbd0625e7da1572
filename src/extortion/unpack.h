#ifndef MH_UNPACK_H
#define MH_UNPACK_H
/*
 * Unpack an attachment with libarchive: zip, tar (ustar, pax, GNU), and tar or
 * single files compressed with gzip, bzip2, xz or zstd; archives inside
 * archives up to a depth. Nothing is written to disk: every file is streamed
 * through SHA-256 in 64 KiB blocks and only its first text_max bytes are kept
 * (for text fingerprints), so memory stays bounded whatever the archive
 * claims. Archives inside archives are read from their parent's stream.
 *
 * Hostile input is refused, not survived: the whole attachment is refused
 * with one message naming the entry when
 *   - an entry name is absolute ("/x", "\x", "C:x") or has a ".." component
 *     ("entry '../a': path traversal refused");
 *   - more than max_total bytes would be unpacked in all, or an archive puts
 *     out more than max_ratio times its compressed size plus 1 MiB (zip bombs,
 *     including overlapping-entry zips);
 *   - more than max_entries entries, or archives nested deeper than max_depth;
 *   - an entry cannot be read (damaged, encrypted).
 * Data that merely looks like an archive (magic bytes) but is not one is a
 * plain file, and so are documents and packages that happen to be zips
 * (mh_unpack_opaque).
 *
 * Events come in document order: ENTER for an archive, its entries, LEAVE
 * with the archive's own hash. A file that is not an archive gives one FILE
 * event at depth 0. Strings and buffers in an event are valid only during the
 * callback; a non-zero return from the callback stops and is returned.
 */
#include <stddef.h>
#include <stdint.h>

#include "extortion/sha256.h"
#include "util/err.h"

struct mh_unpack_limits {
	uint64_t max_total;   /* bytes unpacked from archives, all together */
	uint32_t max_entries; /* entries in archives, all together */
	uint32_t max_depth;   /* levels of archives (1: no archive inside an archive) */
	uint32_t max_ratio;   /* unpacked bytes per compressed byte, per archive */
	size_t text_max;      /* bytes of each file passed on as head */
};

#define MH_UNPACK_NAME_MAX  1024
#define MH_UNPACK_DEPTH_CAP 8

void mh_unpack_limits_default(struct mh_unpack_limits *l);

enum mh_unpack_ev { MH_UNPACK_FILE, MH_UNPACK_ENTER, MH_UNPACK_LEAVE };

struct mh_unpacked {
	enum mh_unpack_ev ev;
	const char *path; /* "x.zip/dir/inner.tar/file": the attachment, then entry names */
	unsigned depth;   /* 0: the attachment itself */
	uint64_t size;    /* FILE, LEAVE */
	uint8_t sha256[MH_SHA256_LEN];
	const unsigned char *head; /* FILE: the first min(size, text_max) bytes */
	size_t head_n;
};

typedef int (*mh_unpack_cb)(void *arg, const struct mh_unpacked *u);

/* Unpack data[0..n) named name. Returns 0, -1 with err on refusal (the message
 * names the entry but not the attachment), or the callback's non-zero value. */
int mh_unpack(const char *name, const void *data, size_t n, const struct mh_unpack_limits *lim,
              mh_unpack_cb cb, void *arg, struct mh_err *err);

/* Files that are zips but are documents or packages (.docx, .xlsx, .odt,
 * .jar, .apk ...): kept whole, not unpacked. */
int mh_unpack_opaque(const char *name);
/* Do the first bytes look like something libarchive should open? */
int mh_unpack_magic(const unsigned char *p, size_t n);

#endif
