/* extortion/unpack.c: archives, nesting, and hostile archives refused. */
#include "mh_test.h"

#include <stdio.h>
#include <sys/resource.h>

#include "ext_archive.h"
#include "extortion/unpack.h"

struct seen {
	char paths[64][256];
	int ev[64];
	uint64_t size[64];
	size_t head_n[64];
	char head0[64][16];
	int n;
};

static int cb(void *arg, const struct mh_unpacked *u)
{
	struct seen *s = arg;

	if (s->n < 64) {
		snprintf(s->paths[s->n], sizeof(s->paths[0]), "%s", u->path);
		s->ev[s->n] = u->ev;
		s->size[s->n] = u->size;
		s->head_n[s->n] = u->head_n;
		snprintf(s->head0[s->n], sizeof(s->head0[0]), "%.*s",
		         (int)(u->head_n < 15 ? u->head_n : 15),
		         u->head ? (const char *)u->head : "");
	}
	s->n++;
	return 0;
}

static int unpack(const void *p, size_t n, const struct mh_unpack_limits *l, struct seen *s,
                  struct mh_err *err)
{
	struct mh_unpack_limits d;

	memset(s, 0, sizeof(*s));
	mh_err_clear(err);
	if (!l) {
		mh_unpack_limits_default(&d);
		l = &d;
	}
	return mh_unpack("x.zip", p, n, l, cb, s, err);
}

static void test_plain_file(void **state)
{
	struct seen s;
	struct mh_err err;
	uint8_t d[32];
	char hex[65];

	assert_int_equal(unpack("hello", 5, NULL, &s, &err), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ev[0], MH_UNPACK_FILE);
	assert_string_equal(s.paths[0], "x.zip");
	assert_string_equal(s.head0[0], "hello");
	mh_sha256("abc", 3, d);
	assert_string_equal(mh_sha256_hex(d, hex),
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	mh_sha256("", 0, d);
	assert_string_equal(mh_sha256_hex(d, hex),
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_zip_and_tar(void **state)
{
	struct t_entry e[] = {{"repo/a.go", "package a\n", 10}, {"repo/b.md", "# B\n", 4}};
	enum t_fmt fmts[] = {T_ZIP, T_ZIP_STORE, T_TAR, T_TGZ};
	struct mh_err err;
	struct seen s;
	size_t n, i;

	for (i = 0; i < 4; i++) {
		unsigned char *z = mk_archive(fmts[i], e, 2, &n);

		assert_int_equal(unpack(z, n, NULL, &s, &err), 0);
		assert_int_equal(s.n, 4);
		assert_int_equal(s.ev[0], MH_UNPACK_ENTER);
		assert_string_equal(s.paths[1], "x.zip/repo/a.go");
		assert_string_equal(s.head0[1], "package a\n");
		assert_int_equal(s.size[1], 10);
		assert_string_equal(s.paths[2], "x.zip/repo/b.md");
		assert_int_equal(s.ev[3], MH_UNPACK_LEAVE);
		assert_int_equal(s.size[3], n);
		free(z);
	}
}

static void test_nested(void **state)
{
	struct t_entry in[] = {{"deep.txt", "deep text", 9}};
	struct mh_err err;
	struct seen s;
	size_t n1, n2;
	unsigned char *inner = mk_archive(T_TGZ, in, 1, &n1), *outer;
	struct t_entry out[] = {{"docs/inner.tar.gz", inner, n1}, {"top.txt", "top", 3}};

	outer = mk_archive(T_ZIP, out, 2, &n2);
	assert_int_equal(unpack(outer, n2, NULL, &s, &err), 0);
	assert_int_equal(s.n, 6); /* enter, enter, file, leave, file, leave */
	assert_int_equal(s.ev[1], MH_UNPACK_ENTER);
	assert_string_equal(s.paths[1], "x.zip/docs/inner.tar.gz");
	assert_string_equal(s.paths[2], "x.zip/docs/inner.tar.gz/deep.txt");
	assert_string_equal(s.head0[2], "deep text");
	assert_int_equal(s.ev[3], MH_UNPACK_LEAVE);
	assert_int_equal(s.size[3], n1);
	assert_string_equal(s.paths[4], "x.zip/top.txt");
	free(inner);
	free(outer);
}

static void test_gzip_single_file_and_opaque(void **state)
{
	struct t_entry doc[] = {{"word/document.xml", "<w/>", 4}};
	struct mh_err err;
	struct seen s;
	size_t n;
	unsigned char *z = mk_archive(T_ZIP, doc, 1, &n);

	memset(&s, 0, sizeof(s));
	{
		struct mh_unpack_limits l;

		mh_unpack_limits_default(&l);
		assert_int_equal(mh_unpack("report.docx", z, n, &l, cb, &s, &err), 0);
	}
	assert_int_equal(s.n, 1); /* a document that happens to be a zip stays whole */
	assert_int_equal(s.ev[0], MH_UNPACK_FILE);
	free(z);
	z = mk_archive(T_GZ, &(struct t_entry){"data", "plain text", 10}, 1, &n);
	memset(&s, 0, sizeof(s));
	{
		struct mh_unpack_limits l;

		mh_unpack_limits_default(&l);
		assert_int_equal(mh_unpack("notes.txt.gz", z, n, &l, cb, &s, &err), 0);
	}
	assert_int_equal(s.n, 3);
	assert_string_equal(s.paths[1], "notes.txt.gz/notes.txt");
	assert_string_equal(s.head0[1], "plain text");
	free(z);
}

static void test_traversal_and_absolute(void **state)
{
	const char *names[] = {"../a", "ok/../../etc/passwd", "/etc/passwd", "C:\\x", "a\\..\\b"};
	const char *why[] = {"entry '../a': path traversal refused",
	                     "entry 'ok/../../etc/passwd': path traversal refused",
	                     "entry '/etc/passwd': absolute path refused",
	                     "entry 'C:\\x': absolute path refused",
	                     "entry 'a\\..\\b': path traversal refused"};
	struct mh_err err;
	struct seen s;
	size_t i, n;

	for (i = 0; i < 5; i++) {
		struct t_entry e[] = {{"fine.txt", "x", 1}, {names[i], "evil", 4}};
		unsigned char *z = mk_archive(T_TAR, e, 2, &n);

		assert_int_equal(unpack(z, n, NULL, &s, &err), -1);
		assert_string_equal(err.msg, why[i]);
		free(z);
	}
}

static void test_bombs(void **state)
{
	struct mh_unpack_limits l;
	struct mh_err err;
	struct seen s;
	size_t n;
	unsigned char *z = mk_zeros_zip("zeros.bin", 8u << 20, &n);

	mh_unpack_limits_default(&l);
	l.max_ratio = 1000000;
	l.max_total = 1u << 20; /* total size limit */
	assert_int_equal(unpack(z, n, &l, &s, &err), -1);
	assert_non_null(strstr(err.msg, "more than 1048576 bytes unpacked"));
	mh_unpack_limits_default(&l); /* ratio limit: 8 MiB of zeros is ~1000:1 */
	assert_int_equal(unpack(z, n, &l, &s, &err), -1);
	assert_non_null(strstr(err.msg, "compression ratio above 200:1"));
	assert_non_null(strstr(err.msg, "entry 'x.zip/zeros.bin'"));
	free(z);
}

static void test_depth_and_entries(void **state)
{
	struct mh_unpack_limits l;
	struct mh_err err;
	struct seen s;
	size_t n, k;
	unsigned char *z = mk_archive(T_ZIP, &(struct t_entry){"leaf.txt", "leaf", 4}, 1, &n);
	struct t_entry many[20];
	char names[20][16];

	for (k = 0; k < 3; k++) { /* zip in zip in zip in zip: 4 levels */
		struct t_entry e = {"next.zip", z, n};
		unsigned char *o = mk_archive(T_ZIP, &e, 1, &n);

		free(z);
		z = o;
	}
	mh_unpack_limits_default(&l);
	assert_int_equal(unpack(z, n, &l, &s, &err), -1);
	assert_non_null(strstr(err.msg, "archives nested deeper than 3 levels refused"));
	l.max_depth = 4;
	assert_int_equal(unpack(z, n, &l, &s, &err), 0);
	assert_string_equal(s.paths[4], "x.zip/next.zip/next.zip/next.zip/leaf.txt");
	free(z);
	for (k = 0; k < 20; k++) {
		snprintf(names[k], sizeof(names[k]), "f%zu", k);
		many[k] = (struct t_entry){names[k], "x", 1};
	}
	z = mk_archive(T_TAR, many, 20, &n);
	l.max_entries = 10;
	assert_int_equal(unpack(z, n, &l, &s, &err), -1);
	assert_non_null(strstr(err.msg, "more than 10 entries"));
	free(z);
}

static void test_damaged_and_fake(void **state)
{
	unsigned char noise[3][8192], fake[600];
	struct t_entry e[] = {{"a.bin", noise[0], sizeof(noise[0])},
	                      {"b.bin", noise[1], sizeof(noise[1])},
	                      {"c.bin", noise[2], sizeof(noise[2])}};
	struct mh_err err;
	struct seen s;
	size_t n, i;
	unsigned char *z;
	uint32_t x = 2463534242u;

	for (i = 0; i < sizeof(noise); i++) { /* incompressible, so truncation hits b or c */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		((unsigned char *)noise)[i] = (unsigned char)x;
	}
	z = mk_archive(T_TAR, e, 3, &n); /* cut inside b.bin: a.bin read, then refused */
	assert_int_equal(unpack(z, n * 6 / 10, NULL, &s, &err), -1);
	assert_non_null(strstr(err.msg, "entry 'x.zip/b.bin': cannot read"));
	free(z);
	z = mk_archive(T_TGZ, e, 3, &n); /* gzip that does not open: kept whole */
	assert_int_equal(unpack(z, n * 6 / 10, NULL, &s, &err), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ev[0], MH_UNPACK_FILE);
	free(z);
	memset(fake, 'A', sizeof(fake));
	memcpy(fake, "PK\x03\x04", 4); /* zip magic, no zip */
	assert_int_equal(unpack(fake, sizeof(fake), NULL, &s, &err), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ev[0], MH_UNPACK_FILE);
}

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* 256 MiB unpacked through 64 KiB blocks: memory stays near the head size. */
static void test_bounded_memory(void **state)
{
	struct mh_unpack_limits l;
	struct mh_err err;
	struct seen s;
	size_t n;
	unsigned char *z = mk_zeros_zip("big.bin", 256u << 20, &n);
	long before;

	mh_unpack_limits_default(&l);
	l.max_ratio = 1000000;
	l.text_max = 1u << 20;
	before = maxrss_kb();
	assert_int_equal(unpack(z, n, &l, &s, &err), 0);
	assert_int_equal(s.size[1], 256u << 20);
	assert_int_equal(s.head_n[1], 1u << 20);
	assert_true(maxrss_kb() - before < 32 * 1024);
	free(z);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_file),
	    cmocka_unit_test(test_zip_and_tar),
	    cmocka_unit_test(test_nested),
	    cmocka_unit_test(test_gzip_single_file_and_opaque),
	    cmocka_unit_test(test_traversal_and_absolute),
	    cmocka_unit_test(test_bombs),
	    cmocka_unit_test(test_depth_and_entries),
	    cmocka_unit_test(test_damaged_and_fake),
	    cmocka_unit_test(test_bounded_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
