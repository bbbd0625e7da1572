/*
 * The extortion mail: an RFC 5322 / MIME message (multipart/mixed) with a
 * Received chain, Message-ID, From and Reply-To, a zip of leaked source files
 * (stored, CRC-32 from zlib) and a text excerpt, both base64. The leaked files
 * are the ones the fired operative copied in his last days; their text is also
 * written under documents/ (a snapshot of every repository's files), so
 * attribution can fingerprint the sample against indexed documents.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "sim/wcommon.h"
#include "util/xalloc.h"

#define CONTENT_MAX 4096

/* Deterministic text of a repository file. Returns its length. */
static size_t content(const struct mh_sim *s, unsigned repo, unsigned file, char *dst, size_t cap)
{
	static const char *const stmts[] = {
	    "if err != nil {\n\treturn fmt.Errorf(\"posting %s: %w\", id, err)\n}\n",
	    "const retryBudget = 5 // per request, see incident 2291\n",
	    "func (l *Ledger) Post(ctx context.Context, e Entry) error {\n",
	    "\tdefer span.End()\n\tmetrics.Inc(\"ledger_post_total\")\n",
	    "# TODO(billing-142): drop the legacy currency table after Q3\n",
	    "SELECT account_id, SUM(amount_minor) FROM postings GROUP BY 1;\n",
	    "export const MAX_ITEMS = 250;\n",
	    "\tkey := hmac.New(sha256.New, signingKey)\n",
	    "resource \"aws_s3_bucket\" \"exports\" { bucket = \"prod-exports\" }\n",
	    "def reconcile(batch):\n    return [row for row in batch if row.settled]\n",
	};
	struct mh_rng r;
	size_t n = 0;
	unsigned k, lines;
	int w;

	mh_rng_derive(&r, s->opt.seed, 0x434fu, repo, file);
	w = snprintf(dst, cap, "// %s/%s/%s\n", s->org, mh_sim_repos[repo].name,
	             mh_sim_src_files[file]);
	n = w > 0 ? (size_t)w : 0;
	lines = 20 + mh_rng_below(&r, 30);
	for (k = 0; k < lines && n + 200 < cap; k++) {
		w = snprintf(dst + n, cap - n, "%s", stmts[mh_rng_below(&r, 10)]);
		n += w > 0 ? (size_t)w : 0;
		if (mh_rng_chance(&r, 0.3)) {
			w = snprintf(dst + n, cap - n, "// %s %u\n",
			             mh_sim_doc_words[mh_rng_below(&r, mh_sim_ndoc_words)],
			             mh_rng_below(&r, 10000));
			n += w > 0 ? (size_t)w : 0;
		}
	}
	return n;
}

static int mkdir_p(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static int write_documents(const struct mh_sim *s, const char *dir, struct mh_err *err)
{
	char path[1024], *buf = mh_malloc(CONTENT_MAX);
	unsigned repo, file;
	int rc = 0;

	for (repo = 0; repo < mh_sim_nrepos && !rc; repo++)
		for (file = 0; file < mh_sim_nsrc_files && !rc; file++) {
			size_t n = content(s, repo, file, buf, CONTENT_MAX);
			struct mh_out o;

			int w = snprintf(path, sizeof(path), "%s/%s/%s/%s", dir, s->org,
			                 mh_sim_repos[repo].name, mh_sim_src_files[file]);

			if (w < 0 || (size_t)w >= sizeof(path)) {
				rc = mh_err_set(err, MH_ELIMIT, "%s: path too long", dir);
				break;
			}
			if (mkdir_p(path)) {
				rc = mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
				break;
			}
			rc = mh_out_open(&o, path, err);
			if (!rc) {
				mh_out_put(&o, buf, n);
				rc = mh_out_close(&o, err);
			}
		}
	free(buf);
	return rc;
}

static void le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

/* A stored (uncompressed) zip of the leaked files into zip; returns its size. */
static size_t make_zip(const struct mh_sim *s, unsigned char *zip, size_t cap)
{
	unsigned char central[4096];
	size_t n = 0, cn = 0;
	char name[256], *buf = mh_malloc(CONTENT_MAX);
	unsigned k;
	unsigned dos_date = ((2024 - 1980) << 9) | (1 << 5) | 1, dos_time = 12 << 11;

	for (k = 0; k < s->nleak; k++) {
		size_t len = content(s, s->leak_repo, s->leak_files[k], buf, CONTENT_MAX);
		int nl = snprintf(name, sizeof(name), "%s/%s", mh_sim_repos[s->leak_repo].name,
		                  mh_sim_src_files[s->leak_files[k]]);
		uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)buf, (uInt)len);
		unsigned char *h = zip + n, *c = central + cn;

		if (nl <= 0 || n + 30 + (size_t)nl + len + 256 > cap ||
		    cn + 46 + (size_t)nl > sizeof(central))
			break;
		memset(h, 0, 30);
		le32(h, 0x04034b50);
		le16(h + 4, 20);
		le16(h + 10, dos_time);
		le16(h + 12, dos_date);
		le32(h + 14, crc);
		le32(h + 18, (uint32_t)len);
		le32(h + 22, (uint32_t)len);
		le16(h + 26, (unsigned)nl);
		memcpy(h + 30, name, (size_t)nl);
		memcpy(h + 30 + nl, buf, len);
		memset(c, 0, 46);
		le32(c, 0x02014b50);
		le16(c + 4, 20);
		le16(c + 6, 20);
		le16(c + 12, dos_time);
		le16(c + 14, dos_date);
		le32(c + 16, crc);
		le32(c + 20, (uint32_t)len);
		le32(c + 24, (uint32_t)len);
		le16(c + 28, (unsigned)nl);
		le32(c + 42, (uint32_t)n);
		memcpy(c + 46, name, (size_t)nl);
		n += 30 + (size_t)nl + len;
		cn += 46 + (size_t)nl;
	}
	memcpy(zip + n, central, cn);
	memset(zip + n + cn, 0, 22);
	le32(zip + n + cn, 0x06054b50);
	le16(zip + n + cn + 8, k);
	le16(zip + n + cn + 10, k);
	le32(zip + n + cn + 12, (uint32_t)cn);
	le32(zip + n + cn + 16, (uint32_t)n);
	free(buf);
	return n + cn + 22;
}

static void base64(struct mh_out *o, const unsigned char *p, size_t n)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, col = 0;

	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
		             (i + 2 < n ? p[i + 2] : 0);

		mh_out_ch(o, t[v >> 18]);
		mh_out_ch(o, t[(v >> 12) & 63]);
		mh_out_ch(o, i + 1 < n ? t[(v >> 6) & 63] : '=');
		mh_out_ch(o, i + 2 < n ? t[v & 63] : '=');
		col += 4;
		if (col == 76) {
			MH_LIT(o, "\r\n");
			col = 0;
		}
	}
	if (col)
		MH_LIT(o, "\r\n");
}

static void rfc5322_date(struct mh_out *o, int64_t ts)
{
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int32_t day = (int32_t)(ts / 86400000);
	char iso[32], b[64];
	int y, m, d;

	mh_civil_from_days(day, &y, &m, &d);
	mh_fmt_iso(iso, ts, 0);
	snprintf(b, sizeof(b), "%s, %d %s %d %.8s +0000", wd[mh_weekday(day)], d, mo[m - 1], y,
	         iso + 11);
	mh_out_str(o, b);
}

static void headers(struct mh_out *o, const struct mh_sim *s, int64_t ts, const char *exit_ip,
                    const char *bnd)
{
	char b[512];

	snprintf(b, sizeof(b),
	         "Received: from mail.protonmail.ch (mail.protonmail.ch [192.0.2.77])\r\n"
	         "\tby mx1.%s with ESMTPS id 4V%08llX\r\n\tfor <security@%s>; ",
	         s->domain, (unsigned long long)(mh_mix64(s->opt.seed) & 0xffffffffull), s->domain);
	mh_out_str(o, b);
	rfc5322_date(o, ts);
	snprintf(b, sizeof(b),
	         "\r\nReceived: from [%s] (unknown [%s])\r\n\tby mail.protonmail.ch with ESMTPSA; ",
	         exit_ip, exit_ip);
	mh_out_str(o, b);
	rfc5322_date(o, ts - 2000);
	snprintf(b, sizeof(b), "\r\nMessage-ID: <%016llx.%08x@proton.me>\r\nDate: ",
	         (unsigned long long)mh_mix64(s->opt.seed ^ 0xe31ull),
	         (unsigned)(mh_mix64(s->opt.seed) >> 40));
	mh_out_str(o, b);
	rfc5322_date(o, ts - 3000);
	snprintf(b, sizeof(b),
	         "\r\nFrom: \"Data Recovery Team\" <recovery.team%u@proton.me>\r\n"
	         "Reply-To: <settle.quietly%u@tutanota.com>\r\nTo: <security@%s>\r\n"
	         "Subject: Your source code is in our hands\r\nMIME-Version: 1.0\r\n"
	         "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
	         (unsigned)(s->opt.seed % 1000), (unsigned)(mh_mix64(s->opt.seed) % 1000),
	         s->domain, bnd);
	mh_out_str(o, b);
}

int mh_sim_w_eml(const struct mh_sim *s, const char *dir, struct mh_err *err)
{
	char path[1024], bnd[64], exit_ip[48], *ex = mh_malloc(CONTENT_MAX);
	unsigned char *zip = mh_malloc(64 * 1024);
	const struct mh_sim_person *p;
	size_t zn, exn;
	struct mh_out o;
	int64_t ts;

	snprintf(path, sizeof(path), "%s/documents/", dir);
	if (write_documents(s, path, err))
		goto fail;
	if (s->culprit < 0 || !s->nleak) {
		free(ex);
		free(zip);
		return 0;
	}
	p = &s->p[s->culprit];
	snprintf(exit_ip, sizeof(exit_ip), "%s",
	         p->vpn[0] < s->nvpn ? s->vpn[p->vpn[0]].ip : s->vpn[0].ip);
	ts = (int64_t)s->eml_day * 86400000 + 3600000ll * 3 + (int64_t)(s->opt.seed % 3600) * 1000;
	snprintf(bnd, sizeof(bnd), "----=_Part_%llu",
	         (unsigned long long)(mh_mix64(s->opt.seed) % 1000000000ull));
	zn = make_zip(s, zip, 64 * 1024);
	exn = content(s, s->leak_repo, s->leak_files[0], ex, CONTENT_MAX);
	if (exn > 700)
		exn = 700;
	snprintf(path, sizeof(path), "%s/extortion.eml", dir);
	if (mh_out_open(&o, path, err))
		goto fail;
	headers(&o, s, ts, exit_ip, bnd);
	MH_LIT(&o, "This is a multi-part message in MIME format.\r\n\r\n--");
	mh_out_str(&o, bnd);
	MH_LIT(
	    &o,
	    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
	    "We have copied your private repositories. A sample is attached.\r\n"
	    "Pay 50 BTC within 7 days or everything is published and sent to your\r\n"
	    "customers. Do not involve the authorities. Reply to this address only.\r\n\r\n--");
	mh_out_str(&o, bnd);
	MH_LIT(&o, "\r\nContent-Type: application/zip; name=\"sample.zip\"\r\n"
	           "Content-Transfer-Encoding: base64\r\n"
	           "Content-Disposition: attachment; filename=\"sample.zip\"\r\n\r\n");
	base64(&o, zip, zn);
	MH_LIT(&o, "\r\n--");
	mh_out_str(&o, bnd);
	MH_LIT(&o, "\r\nContent-Type: text/plain; charset=utf-8; name=\"excerpt.txt\"\r\n"
	           "Content-Transfer-Encoding: base64\r\n"
	           "Content-Disposition: attachment; filename=\"excerpt.txt\"\r\n\r\n");
	base64(&o, (const unsigned char *)ex, exn);
	MH_LIT(&o, "\r\n--");
	mh_out_str(&o, bnd);
	MH_LIT(&o, "--\r\n");
	free(ex);
	free(zip);
	return mh_out_close(&o, err);
fail:
	free(ex);
	free(zip);
	return -1;
}
