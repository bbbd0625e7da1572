/* Static tables of the simulated world (see world.h). Figures are plausible,
 * not survey data: weights shape who lives where in the simulated company. */
#include "sim/world.h"

#include <string.h>

#include "sim/out.h"

const struct mh_sim_tz mh_sim_tzs[] = {
    {"America/New_York", -300, MH_DST_US},    {"America/Chicago", -360, MH_DST_US},
    {"America/Denver", -420, MH_DST_US},      {"America/Phoenix", -420, MH_DST_NONE},
    {"America/Los_Angeles", -480, MH_DST_US}, {"America/Toronto", -300, MH_DST_US},
    {"Europe/London", 0, MH_DST_EU},          {"Europe/Berlin", 60, MH_DST_EU},
    {"Europe/Warsaw", 60, MH_DST_EU},         {"Europe/Amsterdam", 60, MH_DST_EU},
    {"Asia/Kolkata", 330, MH_DST_NONE},       {"Asia/Singapore", 480, MH_DST_NONE},
    {"Asia/Manila", 480, MH_DST_NONE},        {"Asia/Tokyo", 540, MH_DST_NONE},
    {"Asia/Seoul", 540, MH_DST_NONE},         {"Asia/Shanghai", 480, MH_DST_NONE},
    {"Asia/Hong_Kong", 480, MH_DST_NONE},     {"Asia/Bangkok", 420, MH_DST_NONE},
    {"Asia/Taipei", 480, MH_DST_NONE},        {"Asia/Kuala_Lumpur", 480, MH_DST_NONE},
};
const unsigned mh_sim_ntz = sizeof(mh_sim_tzs) / sizeof(mh_sim_tzs[0]);

enum {
	NY,
	CHI,
	DEN,
	PHX,
	LA,
	TOR,
	LON,
	BER,
	WAR,
	AMS,
	KOL,
	SIN,
	MNL,
	TYO,
	SEL,
	SHA,
	HKG,
	BKK,
	TPE,
	KUL
};

#define H MH_CITY_HOME
#define T MH_CITY_TRAVEL
#define X MH_CITY_EXIT

const struct mh_sim_city mh_sim_cities[] = {
    {"Austin", "Texas", "US", CHI, 30.27f, -97.74f, 120, H, "512"},
    {"Dallas", "Texas", "US", CHI, 32.78f, -96.80f, 60, H | X, "214"},
    {"Houston", "Texas", "US", CHI, 29.76f, -95.37f, 45, H, "713"},
    {"Chicago", "Illinois", "US", CHI, 41.88f, -87.63f, 45, H | X, "312"},
    {"Minneapolis", "Minnesota", "US", CHI, 44.98f, -93.27f, 20, H, "612"},
    {"Nashville", "Tennessee", "US", CHI, 36.16f, -86.78f, 18, H, "615"},
    {"New York", "New York", "US", NY, 40.71f, -74.01f, 70, H | X, "212"},
    {"Boston", "Massachusetts", "US", NY, 42.36f, -71.06f, 30, H, "617"},
    {"Atlanta", "Georgia", "US", NY, 33.75f, -84.39f, 30, H | X, "404"},
    {"Miami", "Florida", "US", NY, 25.76f, -80.19f, 20, H | X, "305"},
    {"Raleigh", "North Carolina", "US", NY, 35.78f, -78.64f, 20, H, "919"},
    {"Columbus", "Ohio", "US", NY, 39.96f, -83.00f, 15, H, "614"},
    {"Denver", "Colorado", "US", DEN, 39.74f, -104.99f, 30, H, "303"},
    {"Salt Lake City", "Utah", "US", DEN, 40.76f, -111.89f, 12, H, "801"},
    {"Phoenix", "Arizona", "US", PHX, 33.45f, -112.07f, 25, H, "602"},
    {"Seattle", "Washington", "US", LA, 47.61f, -122.33f, 45, H | X, "206"},
    {"San Francisco", "California", "US", LA, 37.77f, -122.42f, 45, H | X, "415"},
    {"Los Angeles", "California", "US", LA, 34.05f, -118.24f, 35, H | X, "213"},
    {"Portland", "Oregon", "US", LA, 45.52f, -122.68f, 15, H, "503"},
    {"Toronto", "Ontario", "CA", TOR, 43.65f, -79.38f, 25, H | X, "416"},
    {"London", "England", "GB", LON, 51.51f, -0.13f, 45, H | T | X, "20"},
    {"Manchester", "England", "GB", LON, 53.48f, -2.24f, 10, H, "161"},
    {"Berlin", "Land Berlin", "DE", BER, 52.52f, 13.40f, 15, H | X, "30"},
    {"Frankfurt am Main", "Hesse", "DE", BER, 50.11f, 8.68f, 5, H | X, "69"},
    {"Warsaw", "Mazovia", "PL", WAR, 52.23f, 21.01f, 15, H, "22"},
    {"Amsterdam", "North Holland", "NL", AMS, 52.37f, 4.90f, 8, H | X, "20"},
    {"Bengaluru", "Karnataka", "IN", KOL, 12.97f, 77.59f, 40, H | T, "80"},
    {"Pune", "Maharashtra", "IN", KOL, 18.52f, 73.86f, 10, H, "20"},
    {"Singapore", "Singapore", "SG", SIN, 1.35f, 103.82f, 25, H | T | X, "6"},
    {"Manila", "Metro Manila", "PH", MNL, 14.60f, 120.98f, 20, H | T, "2"},
    {"Tokyo", "Tokyo", "JP", TYO, 35.68f, 139.69f, 15, H | T | X, "3"},
    {"Seoul", "Seoul", "KR", SEL, 37.57f, 126.98f, 8, H | T, "2"},
    {"Kuala Lumpur", "Kuala Lumpur", "MY", KUL, 3.14f, 101.69f, 5, H | T, "3"},
    {"Shanghai", "Shanghai", "CN", SHA, 31.23f, 121.47f, 0, T, "21"},
    {"Shenzhen", "Guangdong", "CN", SHA, 22.54f, 114.06f, 0, T, "755"},
    {"Shenyang", "Liaoning", "CN", SHA, 41.81f, 123.43f, 0, T, "24"},
    {"Dalian", "Liaoning", "CN", SHA, 38.91f, 121.61f, 0, T, "411"},
    {"Hong Kong", "Hong Kong", "HK", HKG, 22.32f, 114.17f, 0, T | X, "2"},
    {"Bangkok", "Bangkok", "TH", BKK, 13.76f, 100.50f, 0, T, "2"},
    {"Taipei", "Taipei City", "TW", TPE, 25.03f, 121.57f, 0, T, "2"},
};
const unsigned mh_sim_ncities = sizeof(mh_sim_cities) / sizeof(mh_sim_cities[0]);

#undef H
#undef T
#undef X

const struct mh_sim_isp mh_sim_isps[] = {
    {"US", "Comcast Cable Communications, LLC", "Comcast Cable", "comcast.net", 7922, 0, 30},
    {"US", "Charter Communications Inc", "Charter Communications", "charter.com", 20115, 0, 22},
    {"US", "AT&T Services, Inc.", "AT&T U-verse", "att.net", 7018, 0, 18},
    {"US", "Verizon Business", "Verizon Fios", "verizon.net", 701, 0, 12},
    {"US", "Cox Communications Inc.", "Cox Communications", "cox.net", 22773, 0, 8},
    {"US", "Frontier Communications", "Frontier Communications", "frontiernet.net", 5650, 0, 5},
    {"US", "T-Mobile USA, Inc.", "T-Mobile USA", "tmodns.net", 21928, 1, 10},
    {"US", "Verizon Wireless", "Verizon Wireless", "myvzw.com", 6167, 1, 8},
    {"CA", "Rogers Communications Canada Inc.", "Rogers Cable", "rogers.com", 812, 0, 10},
    {"CA", "Bell Canada", "Bell Canada", "bell.ca", 577, 0, 10},
    {"GB", "British Telecommunications PLC", "BT", "bt.com", 2856, 0, 10},
    {"GB", "Virgin Media Limited", "Virgin Media", "virginm.net", 5089, 0, 8},
    {"GB", "Sky UK Limited", "Sky Broadband", "sky.com", 5607, 0, 6},
    {"DE", "Deutsche Telekom AG", "Deutsche Telekom", "t-ipconnect.de", 3320, 0, 10},
    {"DE", "Vodafone GmbH", "Vodafone Germany", "vodafone.de", 3209, 0, 6},
    {"PL", "Orange Polska Spolka Akcyjna", "Orange Polska", "orange.pl", 5617, 0, 10},
    {"NL", "KPN B.V.", "KPN", "kpn.net", 1136, 0, 10},
    {"IN", "Reliance Jio Infocomm Limited", "Reliance Jio", "jio.com", 55836, 0, 10},
    {"IN", "Bharti Airtel Ltd.", "Airtel Broadband", "airtel.in", 24560, 0, 8},
    {"SG", "SingNet Pte Ltd", "Singtel", "singnet.com.sg", 3758, 0, 10},
    {"SG", "StarHub Ltd", "StarHub", "starhub.net.sg", 4657, 0, 6},
    {"PH", "Philippine Long Distance Telephone Company", "PLDT", "pldt.net", 9299, 0, 10},
    {"PH", "Globe Telecom Inc.", "Globe Telecom", "globe.com.ph", 4775, 0, 8},
    {"JP", "NTT Communications Corporation", "NTT OCN", "ocn.ne.jp", 4713, 0, 10},
    {"JP", "KDDI CORPORATION", "KDDI", "kddi.ne.jp", 2516, 0, 6},
    {"KR", "Korea Telecom", "KT", "kt.co.kr", 4766, 0, 10},
    {"MY", "TM TECHNOLOGY SERVICES SDN. BHD.", "TM Net", "tm.net.my", 4788, 0, 10},
    {"CN", "CHINANET-BACKBONE", "China Telecom", "chinatelecom.cn", 4134, 0, 10},
    {"CN", "CHINA UNICOM China169 Backbone", "China Unicom", "chinaunicom.cn", 4837, 0, 8},
    {"HK", "HKT Limited", "Netvigator", "netvigator.com", 4760, 0, 10},
    {"TH", "True Internet Co.,Ltd.", "True Internet", "trueinternet.co.th", 7470, 0, 10},
    {"TW", "Chunghwa Telecom Co., Ltd.", "HiNet", "hinet.net", 3462, 0, 10},
};
const unsigned mh_sim_nisps = sizeof(mh_sim_isps) / sizeof(mh_sim_isps[0]);

const struct mh_sim_vpn mh_sim_vpns[] = {
    {"M247 Europe SRL", "M247 Ltd", "m247.com", 9009, 1, 80},
    {"Datacamp Limited", "DataCamp Limited", "datacamp.co.uk", 60068, 1, 85},
    {"Leaseweb USA, Inc.", "Leaseweb USA", "leaseweb.com", 30633, 1, 50},
    {"The Constant Company, LLC", "Vultr Holdings", "vultr.com", 20473, 1, 40},
    {"DIGITALOCEAN-ASN", "DigitalOcean, LLC", "digitalocean.com", 14061, 1, 35},
    {"OVH SAS", "OVH SAS", "ovh.net", 16276, 1, 40},
    {"Packethub S.A.", "Packethub S.A.", "packethub.tech", 147049, 0, 90},
    {"Proton AG", "Proton AG", "proton.me", 62371, 0, 95},
};
const unsigned mh_sim_nvpns = sizeof(mh_sim_vpns) / sizeof(mh_sim_vpns[0]);

static const char *const country_names[][2] = {
    {"US", "United States"}, {"CA", "Canada"},      {"GB", "United Kingdom"}, {"DE", "Germany"},
    {"PL", "Poland"},        {"NL", "Netherlands"}, {"IN", "India"},          {"SG", "Singapore"},
    {"PH", "Philippines"},   {"JP", "Japan"},       {"KR", "South Korea"},    {"MY", "Malaysia"},
    {"CN", "China"},         {"HK", "Hong Kong"},   {"TH", "Thailand"},       {"TW", "Taiwan"},
};

const char *mh_sim_country_name(const char *cc)
{
	size_t i;

	for (i = 0; i < sizeof(country_names) / sizeof(country_names[0]); i++)
		if (!strcmp(country_names[i][0], cc))
			return country_names[i][1];
	return cc;
}

int mh_sim_city_find(const char *name)
{
	unsigned i;

	for (i = 0; i < mh_sim_ncities; i++)
		if (!strcmp(mh_sim_cities[i].city, name))
			return (int)i;
	return -1;
}

/* Day (days since epoch) of the n-th (1-based; 0 = last) Sunday of month m. */
static int32_t nth_sunday(int y, int m, int n)
{
	int32_t first = mh_days_from_civil(y, m, 1), d;

	if (n > 0) {
		d = first + (6 - mh_weekday(first) + 7) % 7;
		return d + 7 * (n - 1);
	}
	d = mh_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	return d - (mh_weekday(d) + 1) % 7;
}

int mh_sim_tz_offset(unsigned tz, int64_t ts_ms)
{
	const struct mh_sim_tz *z = &mh_sim_tzs[tz < mh_sim_ntz ? tz : 0];
	int64_t s = ts_ms / 1000, start, end;
	int y, m, d;

	if (z->dst == MH_DST_NONE)
		return z->std_min;
	mh_civil_from_days((int32_t)(s / 86400), &y, &m, &d);
	if (z->dst == MH_DST_US) {
		start = (int64_t)nth_sunday(y, 3, 2) * 86400 + 7200 - z->std_min * 60;
		end = (int64_t)nth_sunday(y, 11, 1) * 86400 + 7200 - (z->std_min + 60) * 60;
	} else {
		start = (int64_t)nth_sunday(y, 3, 0) * 86400 + 3600;
		end = (int64_t)nth_sunday(y, 10, 0) * 86400 + 3600;
	}
	return s >= start && s < end ? z->std_min + 60 : z->std_min;
}
