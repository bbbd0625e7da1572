#include "extortion/text.h"

#include <string.h>

#include "util/xalloc.h"

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* UTF-16 after the mark; unpaired surrogates become U+FFFD. */
static void from_utf16(const unsigned char *p, size_t n, int le, char **out, size_t *outn)
{
	char *o = mh_malloc(n / 2 * 3 + 4);
	size_t i, k = 0;

	for (i = 0; i + 1 < n; i += 2) {
		unsigned u =
		    le ? (unsigned)(p[i] | p[i + 1] << 8) : (unsigned)(p[i] << 8 | p[i + 1]);

		if (u >= 0xd800 && u < 0xdc00 && i + 3 < n) {
			unsigned v = le ? (unsigned)(p[i + 2] | p[i + 3] << 8)
			                : (unsigned)(p[i + 2] << 8 | p[i + 3]);

			if (v >= 0xdc00 && v < 0xe000) {
				k += put_utf8(o + k, 0x10000 + ((u - 0xd800) << 10) + (v - 0xdc00));
				i += 2;
				continue;
			}
		}
		k += put_utf8(o + k, u >= 0xd800 && u < 0xe000 ? 0xfffd : u);
	}
	o[k] = '\0';
	*out = o;
	*outn = k;
}

int mh_text_of(const unsigned char *p, size_t n, char **out, size_t *outn)
{
	size_t probe = n < 8192 ? n : 8192;

	if (n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff))) {
		from_utf16(p + 2, n - 2, p[0] == 0xff, out, outn);
		return 1;
	}
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		n -= 3;
		probe = probe >= 3 ? probe - 3 : 0;
	}
	if (memchr(p, 0, probe))
		return 0;
	*out = mh_malloc(n + 1);
	memcpy(*out, p, n);
	(*out)[n] = '\0';
	*outn = n;
	return 1;
}
