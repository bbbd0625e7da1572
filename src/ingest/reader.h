#ifndef MH_READER_H
#define MH_READER_H
/*
 * A byte source for ingest and the roster: a file or stdin ("-"), with gzip
 * (zlib, concatenated members allowed) and zstd (streaming, several frames
 * allowed) decompressed transparently. The format is detected from the first
 * bytes, never from the file name.
 *
 * Ownership: the reader owns its descriptor and buffers; mh_reader_close()
 * releases them. Errors name the path and say what went wrong; a compressed
 * stream that ends inside a member or frame is an error ("truncated").
 */
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/err.h"

enum mh_rd_kind { MH_RD_PLAIN = 0, MH_RD_GZIP, MH_RD_ZSTD };

struct mh_reader;

struct mh_reader *mh_reader_open(const char *path, struct mh_err *err);
/* Up to cap decompressed bytes into dst. Returns the count, 0 at the end of a
 * complete input, -1 on a read or decompression error. */
ssize_t mh_reader_read(struct mh_reader *r, char *dst, size_t cap, struct mh_err *err);
int mh_reader_kind(const struct mh_reader *r);
/* The descriptor and size when the input is a regular uncompressed file
 * (pread-able); -1 otherwise. Reading through the descriptor does not move
 * the reader. */
int mh_reader_regular_fd(const struct mh_reader *r, uint64_t *size);
const char *mh_reader_path(const struct mh_reader *r);
void mh_reader_close(struct mh_reader *r);

#endif
