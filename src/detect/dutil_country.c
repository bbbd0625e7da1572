/*
 * Country table: ISO 3166-1 alpha-2 codes, English names and aliases, a
 * region and one representative point per country.
 *
 * Made from public data: names from ISO 3166-1 (the Debian iso-codes list:
 * name, common and official names, alpha-3) and tzdata's iso3166.tab, plus
 * the everyday spellings sign-in logs use ("Russia", "South Korea", "UK");
 * the point is the tzdata zone.tab location of the country's principal zone
 * (for the US, Canada, Russia, Australia, Brazil and a few other large
 * countries a central or most populous zone was picked); the region is the
 * zone's continent. Russia counts as Asia: its sign-ins of interest here come
 * from the Far East, and a coarse region is all the detectors need. Points
 * serve only for coarse "could one travel this fast" checks, never for
 * locating anyone.
 *
 * Lookup: two letters by binary search of the code-sorted table, anything
 * longer by binary search of the sorted lower-case names
 * (dutil_country_names.c). Nothing allocates.
 */
#include <math.h>
#include <string.h>

#include "detect/dutil.h"
#include "detect/dutil_country.h"

static const struct mh_dutil_country countries[] = {
    {"AD", MH_RG_EUROPE, 42.5, 1.5},      {"AE", MH_RG_ASIA, 25.3, 55.3},
    {"AF", MH_RG_ASIA, 34.5, 69.2},       {"AG", MH_RG_AMERICAS, 17.1, -61.8},
    {"AI", MH_RG_AMERICAS, 18.2, -63.1},  {"AL", MH_RG_EUROPE, 41.3, 19.8},
    {"AM", MH_RG_ASIA, 40.2, 44.5},       {"AO", MH_RG_AFRICA, -8.8, 13.2},
    {"AQ", MH_RG_OTHER, -77.8, 166.6},    {"AR", MH_RG_AMERICAS, -34.6, -58.5},
    {"AS", MH_RG_OCEANIA, -14.3, -170.7}, {"AT", MH_RG_EUROPE, 48.2, 16.3},
    {"AU", MH_RG_OCEANIA, -33.9, 151.2},  {"AW", MH_RG_AMERICAS, 12.5, -70.0},
    {"AX", MH_RG_EUROPE, 60.1, 19.9},     {"AZ", MH_RG_ASIA, 40.4, 49.9},
    {"BA", MH_RG_EUROPE, 43.9, 18.4},     {"BB", MH_RG_AMERICAS, 13.1, -59.6},
    {"BD", MH_RG_ASIA, 23.7, 90.4},       {"BE", MH_RG_EUROPE, 50.8, 4.3},
    {"BF", MH_RG_AFRICA, 12.4, -1.5},     {"BG", MH_RG_EUROPE, 42.7, 23.3},
    {"BH", MH_RG_ASIA, 26.4, 50.6},       {"BI", MH_RG_AFRICA, -3.4, 29.4},
    {"BJ", MH_RG_AFRICA, 6.5, 2.6},       {"BL", MH_RG_AMERICAS, 17.9, -62.9},
    {"BM", MH_RG_AMERICAS, 32.3, -64.8},  {"BN", MH_RG_ASIA, 4.9, 114.9},
    {"BO", MH_RG_AMERICAS, -16.5, -68.2}, {"BQ", MH_RG_AMERICAS, 12.2, -68.3},
    {"BR", MH_RG_AMERICAS, -23.5, -46.6}, {"BS", MH_RG_AMERICAS, 25.1, -77.3},
    {"BT", MH_RG_ASIA, 27.5, 89.7},       {"BW", MH_RG_AFRICA, -24.6, 25.9},
    {"BY", MH_RG_EUROPE, 53.9, 27.6},     {"BZ", MH_RG_AMERICAS, 17.5, -88.2},
    {"CA", MH_RG_AMERICAS, 43.6, -79.4},  {"CC", MH_RG_ASIA, -12.2, 96.9},
    {"CD", MH_RG_AFRICA, -4.3, 15.3},     {"CF", MH_RG_AFRICA, 4.4, 18.6},
    {"CG", MH_RG_AFRICA, -4.3, 15.3},     {"CH", MH_RG_EUROPE, 47.4, 8.5},
    {"CI", MH_RG_AFRICA, 5.3, -4.0},      {"CK", MH_RG_OCEANIA, -21.2, -159.8},
    {"CL", MH_RG_AMERICAS, -33.5, -70.7}, {"CM", MH_RG_AFRICA, 4.0, 9.7},
    {"CN", MH_RG_ASIA, 31.2, 121.5},      {"CO", MH_RG_AMERICAS, 4.6, -74.1},
    {"CR", MH_RG_AMERICAS, 9.9, -84.1},   {"CU", MH_RG_AMERICAS, 23.1, -82.4},
    {"CV", MH_RG_AFRICA, 14.9, -23.5},    {"CW", MH_RG_AMERICAS, 12.2, -69.0},
    {"CX", MH_RG_ASIA, -10.4, 105.7},     {"CY", MH_RG_ASIA, 35.2, 33.4},
    {"CZ", MH_RG_EUROPE, 50.1, 14.4},     {"DE", MH_RG_EUROPE, 52.5, 13.4},
    {"DJ", MH_RG_AFRICA, 11.6, 43.1},     {"DK", MH_RG_EUROPE, 55.7, 12.6},
    {"DM", MH_RG_AMERICAS, 15.3, -61.4},  {"DO", MH_RG_AMERICAS, 18.5, -69.9},
    {"DZ", MH_RG_AFRICA, 36.8, 3.0},      {"EC", MH_RG_AMERICAS, -2.2, -79.8},
    {"EE", MH_RG_EUROPE, 59.4, 24.8},     {"EG", MH_RG_AFRICA, 30.1, 31.2},
    {"EH", MH_RG_AFRICA, 27.1, -13.2},    {"ER", MH_RG_AFRICA, 15.3, 38.9},
    {"ES", MH_RG_EUROPE, 40.4, -3.7},     {"ET", MH_RG_AFRICA, 9.0, 38.7},
    {"FI", MH_RG_EUROPE, 60.2, 25.0},     {"FJ", MH_RG_OCEANIA, -18.1, 178.4},
    {"FK", MH_RG_AMERICAS, -51.7, -57.9}, {"FM", MH_RG_OCEANIA, 7.4, 151.8},
    {"FO", MH_RG_EUROPE, 62.0, -6.8},     {"FR", MH_RG_EUROPE, 48.9, 2.3},
    {"GA", MH_RG_AFRICA, 0.4, 9.4},       {"GB", MH_RG_EUROPE, 51.5, -0.1},
    {"GD", MH_RG_AMERICAS, 12.1, -61.8},  {"GE", MH_RG_ASIA, 41.7, 44.8},
    {"GF", MH_RG_AMERICAS, 4.9, -52.3},   {"GG", MH_RG_EUROPE, 49.5, -2.5},
    {"GH", MH_RG_AFRICA, 5.5, -0.2},      {"GI", MH_RG_EUROPE, 36.1, -5.3},
    {"GL", MH_RG_AMERICAS, 64.2, -51.7},  {"GM", MH_RG_AFRICA, 13.5, -16.6},
    {"GN", MH_RG_AFRICA, 9.5, -13.7},     {"GP", MH_RG_AMERICAS, 16.2, -61.5},
    {"GQ", MH_RG_AFRICA, 3.8, 8.8},       {"GR", MH_RG_EUROPE, 38.0, 23.7},
    {"GS", MH_RG_OTHER, -54.3, -36.5},    {"GT", MH_RG_AMERICAS, 14.6, -90.5},
    {"GU", MH_RG_OCEANIA, 13.5, 144.8},   {"GW", MH_RG_AFRICA, 11.8, -15.6},
    {"GY", MH_RG_AMERICAS, 6.8, -58.2},   {"HK", MH_RG_ASIA, 22.3, 114.2},
    {"HN", MH_RG_AMERICAS, 14.1, -87.2},  {"HR", MH_RG_EUROPE, 45.8, 16.0},
    {"HT", MH_RG_AMERICAS, 18.5, -72.3},  {"HU", MH_RG_EUROPE, 47.5, 19.1},
    {"ID", MH_RG_ASIA, -6.2, 106.8},      {"IE", MH_RG_EUROPE, 53.3, -6.2},
    {"IL", MH_RG_ASIA, 31.8, 35.2},       {"IM", MH_RG_EUROPE, 54.1, -4.5},
    {"IN", MH_RG_ASIA, 22.5, 88.4},       {"IO", MH_RG_ASIA, -7.3, 72.4},
    {"IQ", MH_RG_ASIA, 33.4, 44.4},       {"IR", MH_RG_ASIA, 35.7, 51.4},
    {"IS", MH_RG_EUROPE, 64.2, -21.9},    {"IT", MH_RG_EUROPE, 41.9, 12.5},
    {"JE", MH_RG_EUROPE, 49.2, -2.1},     {"JM", MH_RG_AMERICAS, 18.0, -76.8},
    {"JO", MH_RG_ASIA, 31.9, 35.9},       {"JP", MH_RG_ASIA, 35.6, 139.7},
    {"KE", MH_RG_AFRICA, -1.3, 36.8},     {"KG", MH_RG_ASIA, 42.9, 74.6},
    {"KH", MH_RG_ASIA, 11.6, 104.9},      {"KI", MH_RG_OCEANIA, 1.4, 173.0},
    {"KM", MH_RG_AFRICA, -11.7, 43.3},    {"KN", MH_RG_AMERICAS, 17.3, -62.7},
    {"KP", MH_RG_ASIA, 39.0, 125.8},      {"KR", MH_RG_ASIA, 37.5, 127.0},
    {"KW", MH_RG_ASIA, 29.3, 48.0},       {"KY", MH_RG_AMERICAS, 19.3, -81.4},
    {"KZ", MH_RG_ASIA, 43.2, 77.0},       {"LA", MH_RG_ASIA, 18.0, 102.6},
    {"LB", MH_RG_ASIA, 33.9, 35.5},       {"LC", MH_RG_AMERICAS, 14.0, -61.0},
    {"LI", MH_RG_EUROPE, 47.1, 9.5},      {"LK", MH_RG_ASIA, 6.9, 79.8},
    {"LR", MH_RG_AFRICA, 6.3, -10.8},     {"LS", MH_RG_AFRICA, -29.5, 27.5},
    {"LT", MH_RG_EUROPE, 54.7, 25.3},     {"LU", MH_RG_EUROPE, 49.6, 6.2},
    {"LV", MH_RG_EUROPE, 57.0, 24.1},     {"LY", MH_RG_AFRICA, 32.9, 13.2},
    {"MA", MH_RG_AFRICA, 33.6, -7.6},     {"MC", MH_RG_EUROPE, 43.7, 7.4},
    {"MD", MH_RG_EUROPE, 47.0, 28.8},     {"ME", MH_RG_EUROPE, 42.4, 19.3},
    {"MF", MH_RG_AMERICAS, 18.1, -63.1},  {"MG", MH_RG_AFRICA, -18.9, 47.5},
    {"MH", MH_RG_OCEANIA, 7.2, 171.2},    {"MK", MH_RG_EUROPE, 42.0, 21.4},
    {"ML", MH_RG_AFRICA, 12.7, -8.0},     {"MM", MH_RG_ASIA, 16.8, 96.2},
    {"MN", MH_RG_ASIA, 47.9, 106.9},      {"MO", MH_RG_ASIA, 22.2, 113.5},
    {"MP", MH_RG_OCEANIA, 15.2, 145.8},   {"MQ", MH_RG_AMERICAS, 14.6, -61.1},
    {"MR", MH_RG_AFRICA, 18.1, -15.9},    {"MS", MH_RG_AMERICAS, 16.7, -62.2},
    {"MT", MH_RG_EUROPE, 35.9, 14.5},     {"MU", MH_RG_AFRICA, -20.2, 57.5},
    {"MV", MH_RG_ASIA, 4.2, 73.5},        {"MW", MH_RG_AFRICA, -15.8, 35.0},
    {"MX", MH_RG_AMERICAS, 19.4, -99.2},  {"MY", MH_RG_ASIA, 3.2, 101.7},
    {"MZ", MH_RG_AFRICA, -26.0, 32.6},    {"NA", MH_RG_AFRICA, -22.6, 17.1},
    {"NC", MH_RG_OCEANIA, -22.3, 166.4},  {"NE", MH_RG_AFRICA, 13.5, 2.1},
    {"NF", MH_RG_OCEANIA, -29.1, 168.0},  {"NG", MH_RG_AFRICA, 6.5, 3.4},
    {"NI", MH_RG_AMERICAS, 12.2, -86.3},  {"NL", MH_RG_EUROPE, 52.4, 4.9},
    {"NO", MH_RG_EUROPE, 59.9, 10.8},     {"NP", MH_RG_ASIA, 27.7, 85.3},
    {"NR", MH_RG_OCEANIA, -0.5, 166.9},   {"NU", MH_RG_OCEANIA, -19.0, -169.9},
    {"NZ", MH_RG_OCEANIA, -36.9, 174.8},  {"OM", MH_RG_ASIA, 23.6, 58.6},
    {"PA", MH_RG_AMERICAS, 9.0, -79.5},   {"PE", MH_RG_AMERICAS, -12.1, -77.0},
    {"PF", MH_RG_OCEANIA, -17.5, -149.6}, {"PG", MH_RG_OCEANIA, -9.5, 147.2},
    {"PH", MH_RG_ASIA, 14.6, 121.0},      {"PK", MH_RG_ASIA, 24.9, 67.0},
    {"PL", MH_RG_EUROPE, 52.2, 21.0},     {"PM", MH_RG_AMERICAS, 47.0, -56.3},
    {"PN", MH_RG_OCEANIA, -25.1, -130.1}, {"PR", MH_RG_AMERICAS, 18.5, -66.1},
    {"PS", MH_RG_ASIA, 31.5, 34.5},       {"PT", MH_RG_EUROPE, 38.7, -9.1},
    {"PW", MH_RG_OCEANIA, 7.3, 134.5},    {"PY", MH_RG_AMERICAS, -25.3, -57.7},
    {"QA", MH_RG_ASIA, 25.3, 51.5},       {"RE", MH_RG_AFRICA, -20.9, 55.5},
    {"RO", MH_RG_EUROPE, 44.4, 26.1},     {"RS", MH_RG_EUROPE, 44.8, 20.5},
    {"RU", MH_RG_ASIA, 55.8, 37.6},       {"RW", MH_RG_AFRICA, -1.9, 30.1},
    {"SA", MH_RG_ASIA, 24.6, 46.7},       {"SB", MH_RG_OCEANIA, -9.5, 160.2},
    {"SC", MH_RG_AFRICA, -4.7, 55.5},     {"SD", MH_RG_AFRICA, 15.6, 32.5},
    {"SE", MH_RG_EUROPE, 59.3, 18.1},     {"SG", MH_RG_ASIA, 1.3, 103.8},
    {"SH", MH_RG_AFRICA, -15.9, -5.7},    {"SI", MH_RG_EUROPE, 46.0, 14.5},
    {"SJ", MH_RG_OTHER, 78.0, 16.0},      {"SK", MH_RG_EUROPE, 48.1, 17.1},
    {"SL", MH_RG_AFRICA, 8.5, -13.2},     {"SM", MH_RG_EUROPE, 43.9, 12.5},
    {"SN", MH_RG_AFRICA, 14.7, -17.4},    {"SO", MH_RG_AFRICA, 2.1, 45.4},
    {"SR", MH_RG_AMERICAS, 5.8, -55.2},   {"SS", MH_RG_AFRICA, 4.8, 31.6},
    {"ST", MH_RG_AFRICA, 0.3, 6.7},       {"SV", MH_RG_AMERICAS, 13.7, -89.2},
    {"SX", MH_RG_AMERICAS, 18.1, -63.0},  {"SY", MH_RG_ASIA, 33.5, 36.3},
    {"SZ", MH_RG_AFRICA, -26.3, 31.1},    {"TC", MH_RG_AMERICAS, 21.5, -71.1},
    {"TD", MH_RG_AFRICA, 12.1, 15.1},     {"TF", MH_RG_OTHER, -49.4, 70.2},
    {"TG", MH_RG_AFRICA, 6.1, 1.2},       {"TH", MH_RG_ASIA, 13.8, 100.5},
    {"TJ", MH_RG_ASIA, 38.6, 68.8},       {"TK", MH_RG_OCEANIA, -9.4, -171.2},
    {"TL", MH_RG_ASIA, -8.6, 125.6},      {"TM", MH_RG_ASIA, 38.0, 58.4},
    {"TN", MH_RG_AFRICA, 36.8, 10.2},     {"TO", MH_RG_OCEANIA, -21.1, -175.2},
    {"TR", MH_RG_EUROPE, 41.0, 29.0},     {"TT", MH_RG_AMERICAS, 10.7, -61.5},
    {"TV", MH_RG_OCEANIA, -8.5, 179.2},   {"TW", MH_RG_ASIA, 25.1, 121.5},
    {"TZ", MH_RG_AFRICA, -6.8, 39.3},     {"UA", MH_RG_EUROPE, 50.4, 30.5},
    {"UG", MH_RG_AFRICA, 0.3, 32.4},      {"UM", MH_RG_OCEANIA, 28.2, -177.4},
    {"US", MH_RG_AMERICAS, 41.9, -87.7},  {"UY", MH_RG_AMERICAS, -34.9, -56.2},
    {"UZ", MH_RG_ASIA, 41.3, 69.3},       {"VA", MH_RG_EUROPE, 41.9, 12.4},
    {"VC", MH_RG_AMERICAS, 13.2, -61.2},  {"VE", MH_RG_AMERICAS, 10.5, -66.9},
    {"VG", MH_RG_AMERICAS, 18.4, -64.6},  {"VI", MH_RG_AMERICAS, 18.4, -64.9},
    {"VN", MH_RG_ASIA, 10.8, 106.7},      {"VU", MH_RG_OCEANIA, -17.7, 168.4},
    {"WF", MH_RG_OCEANIA, -13.3, -176.2}, {"WS", MH_RG_OCEANIA, -13.8, -171.7},
    {"YE", MH_RG_ASIA, 12.8, 45.2},       {"YT", MH_RG_AFRICA, -12.8, 45.2},
    {"ZA", MH_RG_AFRICA, -26.2, 28.0},    {"ZM", MH_RG_AFRICA, -15.4, 28.3},
    {"ZW", MH_RG_AFRICA, -17.8, 31.1},
};

#define NCOUNTRIES (sizeof(countries) / sizeof(countries[0]))
#define NAME_MAX   64

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static unsigned find_code(char a, char b)
{
	size_t lo = 0, hi = NCOUNTRIES;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *c = countries[mid].code;
		int d = c[0] != a ? c[0] - a : c[1] - b;

		if (!d)
			return (unsigned)mid + 1;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static unsigned find_name(const char *key)
{
	size_t lo = 0, hi = mh_dutil_ncnames;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(mh_dutil_cnames[mid].name, key);

		if (!c)
			return mh_dutil_cnames[mid].idx + 1u;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

unsigned mh_dutil_country_find(const char *s, size_t n)
{
	char key[NAME_MAX];
	size_t i;

	while (n && (*s == ' ' || *s == '"'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '"'))
		n--;
	if (n == 2)
		return find_code((char)(lower(s[0]) - 32), (char)(lower(s[1]) - 32));
	if (n < 3 || n >= NAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		key[i] = lower(s[i]);
	key[n] = '\0';
	return find_name(key);
}

const struct mh_dutil_country *mh_dutil_country_at(unsigned idx)
{
	return idx && idx <= NCOUNTRIES ? &countries[idx - 1] : NULL;
}

const char *mh_dutil_country_code(unsigned idx)
{
	return idx && idx <= NCOUNTRIES ? countries[idx - 1].code : "??";
}

double mh_dutil_country_km(unsigned a, unsigned b)
{
	const struct mh_dutil_country *x = mh_dutil_country_at(a), *y = mh_dutil_country_at(b);
	const double r = M_PI / 180.0;
	double dlat, dlon, h;

	if (!x || !y || a == b)
		return 0;
	dlat = (y->lat - x->lat) * r;
	dlon = (y->lon - x->lon) * r;
	h = sin(dlat / 2) * sin(dlat / 2) +
	    cos(x->lat * r) * cos(y->lat * r) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * 6371.0 * asin(sqrt(h < 1 ? h : 1));
}
