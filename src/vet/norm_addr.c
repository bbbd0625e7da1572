/*
 * Postal addresses to one comparable form (vnorm.h). An address is cut into
 * lower-case word tokens (punctuation separates; '#' is a token of its own),
 * each token is mapped to its USPS abbreviation when it is a street type,
 * directional or unit designator, and the region before a ZIP code becomes
 * its state code. The country name at the end, if any, is dropped: the same
 * house written with and without "USA" is one address.
 *
 * Only what varies between honest writings of one address is folded; city
 * names, house numbers and street names are kept as written (lower-cased), so
 * two different addresses stay different.
 */
#include <string.h>

#include "vet/vnorm.h"

#define IN_MAX   2048
#define MAX_TOKS 64

struct toks {
	char buf[IN_MAX + MAX_TOKS];
	const char *t[MAX_TOKS];
	size_t len[MAX_TOKS];
	size_t n;
};

struct pair {
	const char *from, *to;
};

static const struct pair words[] = {
    {"street", "st"},      {"str", "st"},          {"avenue", "ave"},   {"av", "ave"},
    {"road", "rd"},        {"boulevard", "blvd"},  {"drive", "dr"},     {"lane", "ln"},
    {"court", "ct"},       {"place", "pl"},        {"terrace", "ter"},  {"highway", "hwy"},
    {"parkway", "pkwy"},   {"circle", "cir"},      {"square", "sq"},    {"trail", "trl"},
    {"crescent", "cres"},  {"expressway", "expy"}, {"freeway", "fwy"},  {"plaza", "plz"},
    {"north", "n"},        {"south", "s"},         {"east", "e"},       {"west", "w"},
    {"northeast", "ne"},   {"northwest", "nw"},    {"southeast", "se"}, {"southwest", "sw"},
    {"apartment", "unit"}, {"apt", "unit"},        {"suite", "unit"},   {"ste", "unit"},
    {"#", "unit"},         {"flat", "unit"},       {"room", "unit"},    {"rm", "unit"},
    {"no", "unit"},
};

static const struct pair states[] = {
    {"alabama", "al"},        {"alaska", "ak"},        {"arizona", "az"},
    {"arkansas", "ar"},       {"california", "ca"},    {"colorado", "co"},
    {"connecticut", "ct"},    {"delaware", "de"},      {"florida", "fl"},
    {"georgia", "ga"},        {"hawaii", "hi"},        {"idaho", "id"},
    {"illinois", "il"},       {"indiana", "in"},       {"iowa", "ia"},
    {"kansas", "ks"},         {"kentucky", "ky"},      {"louisiana", "la"},
    {"maine", "me"},          {"maryland", "md"},      {"massachusetts", "ma"},
    {"michigan", "mi"},       {"minnesota", "mn"},     {"mississippi", "ms"},
    {"missouri", "mo"},       {"montana", "mt"},       {"nebraska", "ne"},
    {"nevada", "nv"},         {"new hampshire", "nh"}, {"new jersey", "nj"},
    {"new mexico", "nm"},     {"new york", "ny"},      {"north carolina", "nc"},
    {"north dakota", "nd"},   {"ohio", "oh"},          {"oklahoma", "ok"},
    {"oregon", "or"},         {"pennsylvania", "pa"},  {"rhode island", "ri"},
    {"south carolina", "sc"}, {"south dakota", "sd"},  {"tennessee", "tn"},
    {"texas", "tx"},          {"utah", "ut"},          {"vermont", "vt"},
    {"virginia", "va"},       {"washington", "wa"},    {"west virginia", "wv"},
    {"wisconsin", "wi"},      {"wyoming", "wy"},       {"district of columbia", "dc"},
};

/* Trailing country names and the regions that name a country outright. */
static const struct pair countries[] = {
    {"united states of america", "US"},
    {"united states", "US"},
    {"usa", "US"},
    {"us", "US"},
    {"u s a", "US"},
    {"u s", "US"},
    {"united kingdom", "GB"},
    {"uk", "GB"},
    {"great britain", "GB"},
    {"england", "GB"},
    {"scotland", "GB"},
    {"wales", "GB"},
    {"northern ireland", "GB"},
    {"canada", "CA"},
    {"germany", "DE"},
    {"deutschland", "DE"},
    {"france", "FR"},
    {"netherlands", "NL"},
    {"poland", "PL"},
    {"ukraine", "UA"},
    {"india", "IN"},
    {"pakistan", "PK"},
    {"philippines", "PH"},
    {"japan", "JP"},
    {"south korea", "KR"},
    {"korea", "KR"},
    {"north korea", "KP"},
    {"dprk", "KP"},
    {"china", "CN"},
    {"hong kong", "HK"},
    {"taiwan", "TW"},
    {"singapore", "SG"},
    {"malaysia", "MY"},
    {"thailand", "TH"},
    {"vietnam", "VN"},
    {"viet nam", "VN"},
    {"laos", "LA"},
    {"cambodia", "KH"},
    {"indonesia", "ID"},
    {"russia", "RU"},
    {"russian federation", "RU"},
    {"nigeria", "NG"},
    {"australia", "AU"},
    {"new zealand", "NZ"},
    {"mexico", "MX"},
    {"brazil", "BR"},
    {"united arab emirates", "AE"},
    {"uae", "AE"},
};

static const char *const provinces[] = {
    "on",
    "qc",
    "bc",
    "ab",
    "mb",
    "sk",
    "ns",
    "nb",
    "nl",
    "pe",
    "yt",
    "nt",
    "nu",
    "ontario",
    "quebec",
    "alberta",
    "manitoba",
    "saskatchewan",
    "nova scotia",
    "new brunswick",
    "british columbia",
    "newfoundland and labrador",
    "prince edward island",
};

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Cut s into tokens; returns -1 when there are too many. */
static int tokenize(const char *s, size_t n, struct toks *T)
{
	size_t i = 0, o = 0;

	T->n = 0;
	while (i < n) {
		size_t start = o;

		if (s[i] == '#') {
			i++;
			T->buf[o++] = '#';
		} else if (is_alnum((unsigned char)s[i])) {
			while (i < n && is_alnum((unsigned char)s[i]))
				T->buf[o++] = lower(s[i++]);
		} else {
			i++;
			continue;
		}
		if (T->n == MAX_TOKS)
			return -1;
		T->t[T->n] = T->buf + start;
		T->len[T->n++] = o - start;
		T->buf[o++] = '\0';
	}
	return 0;
}

static int tok_is(const struct toks *T, size_t i, const char *w)
{
	return T->len[i] == strlen(w) && !memcmp(T->t[i], w, T->len[i]);
}

static int all_digits(const struct toks *T, size_t i, size_t len)
{
	size_t k;

	if (T->len[i] != len)
		return 0;
	for (k = 0; k < len; k++)
		if (T->t[i][k] < '0' || T->t[i][k] > '9')
			return 0;
	return 1;
}

/* Do tokens [from, from + k) spell the multi-word name w? */
static int span_is(const struct toks *T, size_t from, size_t k, const char *w)
{
	size_t i, off = 0;

	for (i = from; i < from + k; i++) {
		size_t l = T->len[i];

		if (strncmp(w + off, T->t[i], l))
			return 0;
		off += l;
		if (i + 1 < from + k) {
			if (w[off] != ' ')
				return 0;
			off++;
		}
	}
	return w[off] == '\0';
}

/* The entry of tab whose name ends exactly at token end (exclusive); *k gets
 * its token count. Longest name wins. */
static const struct pair *match_before(const struct toks *T, size_t end, const struct pair *tab,
                                       size_t ntab, size_t *k)
{
	size_t i, j;

	for (j = end < 4 ? end : 4; j >= 1; j--)
		for (i = 0; i < ntab; i++)
			if (span_is(T, end - j, j, tab[i].from)) {
				*k = j;
				return &tab[i];
			}
	return NULL;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Index of the US ZIP token (5 digits, optionally followed by 4), or -1. */
static long zip_at(const struct toks *T, size_t end)
{
	if (end >= 1 && all_digits(T, end - 1, 5))
		return (long)end - 1;
	if (end >= 2 && all_digits(T, end - 1, 4) && all_digits(T, end - 2, 5))
		return (long)end - 2;
	return -1;
}

static size_t emit(char *dst, size_t cap, size_t o, const char *w, size_t len)
{
	if (o == (size_t)-1 || o + len + 2 > cap)
		return (size_t)-1;
	if (o)
		dst[o++] = ' ';
	memcpy(dst + o, w, len);
	o += len;
	dst[o] = '\0';
	return o;
}

static const char *word_map(const struct toks *T, size_t i, size_t *len)
{
	size_t k;

	for (k = 0; k < NELEM(words); k++)
		if (tok_is(T, i, words[k].from)) {
			*len = strlen(words[k].to);
			return words[k].to;
		}
	*len = T->len[i];
	return T->t[i];
}

size_t mh_vet_norm_address(const char *s, size_t n, char *dst, size_t cap)
{
	struct toks T;
	const struct pair *st = NULL;
	size_t i, end, k = 0, o = 0, len;
	long zip;
	int digit = 0, alpha = 0;

	if (cap)
		dst[0] = '\0';
	if (!s || n > IN_MAX || !cap || tokenize(s, n, &T))
		return 0;
	end = T.n;
	if (match_before(&T, end, countries, NELEM(countries), &k) && k < end)
		end -= k;
	zip = zip_at(&T, end);
	if (zip >= 0) {
		end = (size_t)zip + 1; /* ZIP+4 -> ZIP */
		st = match_before(&T, (size_t)zip, states, NELEM(states), &k);
	}
	for (i = 0; i < end; i++) {
		const char *w;

		if (st && i == (size_t)zip - k) {
			o = emit(dst, cap, o, st->to, 2);
			i += k - 1;
			continue;
		}
		w = word_map(&T, i, &len);
		if (!strcmp(w, "unit") && o != (size_t)-1 && o >= 4 && !strcmp(dst + o - 4, "unit"))
			continue; /* "Apt #4" */
		o = emit(dst, cap, o, w, len);
		digit |= strpbrk(T.t[i], "0123456789") != NULL;
		alpha |= strspn(T.t[i], "0123456789") < T.len[i];
	}
	if (o == (size_t)-1 || !digit || !alpha) {
		dst[0] = '\0';
		return 0;
	}
	return o;
}

static int uk_postcode(const struct toks *T, size_t end)
{
	/* outward "SW1A"/"M1" then inward "1AA" */
	const char *in;

	if (end < 2 || T->len[end - 1] != 3 || T->len[end - 2] < 2 || T->len[end - 2] > 4)
		return 0;
	in = T->t[end - 1];
	return in[0] >= '0' && in[0] <= '9' && in[1] >= 'a' && in[2] >= 'a' &&
	       T->t[end - 2][0] >= 'a' && T->t[end - 2][0] <= 'z' &&
	       strpbrk(T->t[end - 2], "0123456789");
}

static int ca_postal(const struct toks *T, size_t end)
{
	const char *a, *b;

	if (end < 2 || T->len[end - 1] != 3 || T->len[end - 2] != 3)
		return 0;
	a = T->t[end - 2];
	b = T->t[end - 1];
	return a[0] >= 'a' && a[1] <= '9' && a[1] >= '0' && a[2] >= 'a' && b[0] <= '9' &&
	       b[0] >= '0' && b[1] >= 'a' && b[2] <= '9' && b[2] >= '0';
}

static int us_state_before(const struct toks *T, size_t zip)
{
	size_t i, k;

	if (match_before(T, zip, states, NELEM(states), &k))
		return 1;
	for (i = 0; zip >= 1 && i < NELEM(states); i++)
		if (tok_is(T, zip - 1, states[i].to))
			return 1;
	return 0;
}

static int ca_province_before(const struct toks *T, size_t end)
{
	size_t i;

	for (i = 0; i < NELEM(provinces); i++)
		if ((end >= 1 && span_is(T, end - 1, 1, provinces[i])) ||
		    (end >= 2 && span_is(T, end - 2, 2, provinces[i])) ||
		    (end >= 3 && span_is(T, end - 3, 3, provinces[i])))
			return 1;
	return 0;
}

static void set_cc(char cc[3], const char *v)
{
	cc[0] = v[0];
	cc[1] = v[1];
	cc[2] = '\0';
}

int mh_vet_address_country(const char *s, size_t n, char cc[3])
{
	struct toks T;
	const struct pair *c;
	size_t k = 0;
	long zip;

	cc[0] = '\0';
	if (!s || n > IN_MAX || tokenize(s, n, &T) || T.n == 0)
		return 0;
	c = match_before(&T, T.n, countries, NELEM(countries), &k);
	if (!c && (zip = zip_at(&T, T.n)) >= 0) {
		if (us_state_before(&T, (size_t)zip))
			set_cc(cc, "US");
		else
			c = match_before(&T, (size_t)zip, countries, NELEM(countries), &k);
	}
	if (!c && !cc[0] && ca_postal(&T, T.n) && ca_province_before(&T, T.n - 2))
		set_cc(cc, "CA");
	if (!c && !cc[0] && uk_postcode(&T, T.n))
		set_cc(cc, "GB");
	if (c)
		set_cc(cc, c->to);
	return cc[0] != '\0';
}
