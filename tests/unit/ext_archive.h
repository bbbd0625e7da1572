#ifndef MH_TEST_EXT_ARCHIVE_H
#define MH_TEST_EXT_ARCHIVE_H
/* Test helper: build zip or tar(.gz) archives in memory with libarchive.
 * mk_archive returns a malloc'ed buffer (caller frees). */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct t_entry {
	const char *name;
	const void *data;
	size_t n;
};

enum t_fmt { T_ZIP, T_ZIP_STORE, T_TAR, T_TGZ, T_GZ };

static inline unsigned char *mk_archive(enum t_fmt fmt, const struct t_entry *e, size_t ne,
                                        size_t *out_n)
{
	size_t cap = 1 << 20, used = 0, i;
	unsigned char *buf;
	struct archive *a = archive_write_new();

	for (i = 0; i < ne; i++)
		cap += e[i].n + 1024;
	buf = mh_malloc(cap);
	if (fmt == T_ZIP || fmt == T_ZIP_STORE) {
		archive_write_set_format_zip(a);
		if (fmt == T_ZIP_STORE)
			archive_write_set_format_option(a, "zip", "compression", "store");
	} else if (fmt == T_GZ) {
		archive_write_set_format_raw(a);
		archive_write_add_filter_gzip(a);
	} else {
		archive_write_set_format_pax_restricted(a);
		if (fmt == T_TGZ)
			archive_write_add_filter_gzip(a);
	}
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open_memory(a, buf, cap, &used) != ARCHIVE_OK)
		abort();
	for (i = 0; i < ne; i++) {
		struct archive_entry *en = archive_entry_new();

		archive_entry_set_pathname(en, e[i].name);
		archive_entry_set_size(en, (la_int64_t)e[i].n);
		archive_entry_set_filetype(en, AE_IFREG);
		archive_entry_set_perm(en, 0644);
		archive_write_header(a, en);
		if (e[i].n)
			archive_write_data(a, e[i].data, e[i].n);
		archive_entry_free(en);
	}
	archive_write_close(a);
	archive_write_free(a);
	*out_n = used;
	return buf;
}

/* A zip whose one entry holds n zero bytes, deflated (a small bomb). */
static inline unsigned char *mk_zeros_zip(const char *name, size_t n, size_t *out_n)
{
	unsigned char *z = mh_calloc(n ? n : 1, 1), *r;
	struct t_entry e = {name, z, n};

	r = mk_archive(T_ZIP, &e, 1, out_n);
	free(z);
	return r;
}

#endif
