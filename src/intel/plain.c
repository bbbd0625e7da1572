/*
 * Plain indicator lists: one value per line, kind inferred (intel.h).
 *
 *   # label: astrill-exits        <- label for the lines that follow
 *   203.0.113.0/24                <- CIDR (IPv4 or IPv6, host bits ignored)
 *   198.51.100.7                  <- address
 *   198.51.100.16-198.51.100.31   <- inclusive range, covered by prefixes
 *   evil.example    # note        <- text after whitespace + '#' is a comment
 *   hr@evil.example, +1 555 010 9999, 0x...wallet, sha256 hex ...
 *
 * A line that is none of these is warned as "file:line: reason" and skipped;
 * so are lines over LINE_MAX bytes and lines with control characters.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "intel/intel_int.h"

#define LINE_MAX_LEN 4096

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* "# label: NAME" sets the label for the lines below it. */
static void comment_line(struct mh_intel_src *src, const char *s, size_t n, size_t lineno,
                         uint32_t *tag)
{
	size_t i = 1, k;

	while (i < n && is_blank(s[i]))
		i++;
	if (n - i < 6 || strncasecmp(s + i, "label:", 6) != 0)
		return;
	i += 6;
	while (i < n && is_blank(s[i]))
		i++;
	while (n > i && is_blank(s[n - 1]))
		n--;
	if (i == n || n - i >= sizeof(src->label)) {
		mh_intel_warnf(src, "%s:%zu: label missing or longer than %zu bytes", src->name,
		               lineno, sizeof(src->label) - 1);
		return;
	}
	for (k = i; k < n; k++) {
		if ((unsigned char)s[k] < 0x20) {
			mh_intel_warnf(src, "%s:%zu: control character in label", src->name,
			               lineno);
			return;
		}
	}
	memcpy(src->label, s + i, n - i);
	src->label[n - i] = '\0';
	*tag = MH_CIDR_NONE;
}

/* Cut a trailing " # comment" and surrounding blanks. */
static size_t value_len(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (s[i] == '#' && is_blank(s[i - 1])) {
			n = i;
			break;
		}
	while (n && is_blank(s[n - 1]))
		n--;
	return n;
}

static void one_line(struct mh_intel_src *src, const char *s, size_t n, size_t lineno,
                     uint32_t *tag)
{
	size_t i;

	while (n && is_blank(*s))
		s++, n--;
	if (n == 0)
		return;
	if (s[0] == '#') {
		comment_line(src, s, n, lineno, tag);
		return;
	}
	if (n > LINE_MAX_LEN) {
		mh_intel_warnf(src, "%s:%zu: line longer than %d bytes", src->name, lineno,
		               LINE_MAX_LEN);
		return;
	}
	n = value_len(s, n);
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t') {
			mh_intel_warnf(src, "%s:%zu: control character in indicator", src->name,
			               lineno);
			return;
		}
	}
	if (*tag == MH_CIDR_NONE)
		*tag = mh_intel_tag(src->in, src->label, src->name);
	if (mh_intel_add_value(src->in, MH_IOC__COUNT, s, n, *tag) < 0)
		mh_intel_warnf(src,
		               "%s:%zu: not an address, range, e-mail, domain, phone, wallet "
		               "or hash: '%.*s'",
		               src->name, lineno, (int)(n > 80 ? 80 : n), s);
}

int mh_intel_plain_load(struct mh_intel_src *src, const char *data, size_t n)
{
	const char *p = data, *end = data + n;
	uint32_t tag = MH_CIDR_NONE;
	size_t lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		one_line(src, p, len, lineno, &tag);
		p += len + 1;
	}
	return 0;
}
