/*
 * E-mail and phone canonical forms for vetting (vnorm.h). Both start from the
 * intel normalisers and go one step further: vetting compares an applicant's
 * contact details with every other applicant's and employee's, so two
 * writings of one mailbox or one line must become one key.
 *
 * Phones: a documented subset of E.164 in C rather than libphonenumber (C++,
 * megabytes of metadata): numbers written internationally are already E.164;
 * national numbers are completed only for countries whose trunk prefix is a
 * single "0" (or "8" for Russia) dropped before the country code. Number
 * length is not checked per country: a wrong length still compares equal to
 * itself, which is all reuse detection needs.
 */
#include <string.h>

#include "intel/norm.h"
#include "vet/vnorm.h"

#define IN_MAX 2048

size_t mh_vet_norm_email(const char *s, size_t n, char *dst, size_t cap)
{
	size_t len = mh_norm_email(s, n, dst, cap), i, o, at;
	char *plus;
	int gmail;

	if (!len)
		return 0;
	at = (size_t)(strchr(dst, '@') - dst);
	plus = memchr(dst, '+', at);
	gmail = !strcmp(dst + at + 1, "gmail.com") || !strcmp(dst + at + 1, "googlemail.com");
	if (plus && plus > dst)
		at = (size_t)(plus - dst);
	for (i = 0, o = 0; i < at; i++)
		if (!(gmail && dst[i] == '.'))
			dst[o++] = dst[i];
	while (o && dst[o - 1] == '.') /* "j.+tag" -> "j", still a valid local part */
		o--;
	if (o == 0) {
		dst[0] = '\0';
		return 0;
	}
	if (gmail) {
		/* "gmail.com" is never longer than the domain it replaces */
		memcpy(dst + o, "@gmail.com", 11);
		return o + 10;
	}
	i = (size_t)(strchr(dst + at, '@') - dst);
	memmove(dst + o, dst + i, len - i + 1);
	return o + len - i;
}

struct trunk {
	char cc[3];
	const char *code; /* country calling code */
	char prefix;      /* national trunk prefix */
};

/* Countries whose national numbers are "<trunk><subscriber>" and become
 * "+<code><subscriber>". Italy is absent on purpose: its leading 0 stays. */
static const struct trunk trunks[] = {
    {"GB", "44", '0'}, {"DE", "49", '0'},  {"FR", "33", '0'},  {"NL", "31", '0'},
    {"BE", "32", '0'}, {"CH", "41", '0'},  {"AT", "43", '0'},  {"IE", "353", '0'},
    {"IN", "91", '0'}, {"PK", "92", '0'},  {"PH", "63", '0'},  {"JP", "81", '0'},
    {"KR", "82", '0'}, {"KP", "850", '0'}, {"CN", "86", '0'},  {"TW", "886", '0'},
    {"MY", "60", '0'}, {"TH", "66", '0'},  {"VN", "84", '0'},  {"ID", "62", '0'},
    {"AU", "61", '0'}, {"NZ", "64", '0'},  {"NG", "234", '0'}, {"UA", "380", '0'},
    {"TR", "90", '0'}, {"AE", "971", '0'}, {"ZA", "27", '0'},  {"BR", "55", '0'},
    {"RU", "7", '8'},  {"KZ", "7", '8'},   {"LA", "856", '0'}, {"KH", "855", '0'},
};

static const struct trunk *trunk_of(const char *cc)
{
	size_t i;

	if (!cc || !cc[0])
		return NULL;
	for (i = 0; i < sizeof(trunks) / sizeof(trunks[0]); i++)
		if (trunks[i].cc[0] == (cc[0] & ~0x20) && trunks[i].cc[1] == (cc[1] & ~0x20))
			return &trunks[i];
	return NULL;
}

size_t mh_vet_norm_phone(const char *s, size_t n, const char *country, char *dst, size_t cap)
{
	const struct trunk *t;
	size_t len, code, rest;

	if (!s || n > IN_MAX)
		return cap ? (dst[0] = '\0', 0) : 0;
	len = mh_norm_phone(s, n, dst, cap);
	if (len == 12 && !memchr(s, '+', n) && dst[1] == '1' && (dst[2] == '0' || dst[2] == '1')) {
		/* ten digits read as NANP, but no area code starts with 0 or 1 */
		memmove(dst, dst + 2, 11);
		len = 10;
	}
	if (!len || dst[0] == '+')
		return len;
	t = trunk_of(country);
	if (!t || dst[0] != t->prefix)
		return len;
	code = strlen(t->code);
	rest = len - 1;
	if (1 + code + rest > 16 || 1 + code + rest >= cap) /* E.164: at most 15 digits */
		return len;
	memmove(dst + 1 + code, dst + 1, rest + 1);
	dst[0] = '+';
	memcpy(dst + 1, t->code, code);
	return 1 + code + rest;
}
