#ifndef MH_SIM_H
#define MH_SIM_H
/*
 * molehunt's simulated enterprise: a company whose logs look like the real
 * thing, with hidden DPRK operatives and benign look-alikes (docs/SIMULATOR.md).
 *
 * Flow: mh_sim_run() builds the company (company.c, network.c), lets each
 * scenario (scen_*.c) turn some people into positives and others into traps
 * (traps.c), then walks the days: every person's day is planned as compact
 * events (plan.c), the pool is sorted by time and every event is formatted by
 * the writer of its source (w_*.c). Identity files (roster, applicants, intel,
 * extortion mail, truth) are written at the end.
 *
 * Ownership: struct mh_sim owns every array in it; mh_sim_free() releases all.
 * Everything is deterministic in (seed, options): random streams are derived
 * per purpose, person and day (sim/rng.h), never shared across purposes.
 */
#include <stddef.h>
#include <stdint.h>

#include "sim/catalog.h"
#include "sim/out.h"
#include "sim/rng.h"
#include "sim/world.h"
#include "util/err.h"

#define MH_SIM_NONE           INT32_MIN /* no such day */
#define MH_SIM_MAX_EMPLOYEES  1000000u
#define MH_SIM_MAX_DAYS       3660u
#define MH_SIM_MAX_APPLICANTS 1000000u
#define MH_SIM_MAX_USB        6

struct mh_sim_opts {
	const char *out_dir;
	uint32_t employees, days, applicants;
	uint64_t seed;
	double scale;        /* endpoint events per person-day multiplier */
	const char *vpn_dir; /* x4bnet output/ directory, or NULL for built-in exits */
	int quiet;
};

enum mh_sim_scen {
	MH_SC_NONE = 0,
	MH_SC_FARM,      /* laptop farm member */
	MH_SC_SOLO,      /* solo operative on VPN/hosting, 14-hour days, early bulk clone */
	MH_SC_STEALTH,   /* residential proxy; shifted hours, one remote tool, early downloads */
	MH_SC_DEPARTING, /* departing employee exfiltrating between notice and termination */
	MH_SC_FIRED,     /* fired operative: post-termination sign-ins, extortion mail */
	MH_SC__COUNT
};

/* Benign look-alikes (traps). A person may carry several. */
enum mh_sim_trap {
	MH_TR_ASIA_STAFF = 0,
	MH_TR_NIGHT_SHIFT,
	MH_TR_HELPDESK_TOOLS,
	MH_TR_TRAVEL_ASIA,
	MH_TR_SHARED_HOME,
	MH_TR_HEAVY_DATA,
	MH_TR_PRIVACY_VPN,
	MH_TR_FAMILY_ADDRESS,
	MH_TR_HOMELAB_KVM,
	MH_TR_REMOTE_SUPPORT,
	MH_TR_LONG_DAYS,
	MH_TR_NEW_HIRE,
	MH_TR_RESIGNED_CLEAN,
	MH_TR_EX_RETRY,
	MH_TR_SHARED_MFA,
	MH_TR_COWORKING,
	MH_TR_FIELD_USB,
	MH_TR_KEEP_AWAKE,
	MH_TR__COUNT
};

extern const char *const mh_sim_scen_names[MH_SC__COUNT];
extern const char *const mh_sim_trap_names[MH_TR__COUNT];
extern const char *const mh_sim_trap_why[MH_TR__COUNT];

enum mh_egress_kind {
	MH_EG_HOME = 0,
	MH_EG_MOBILE,  /* carrier NAT shared by strangers */
	MH_EG_OFFICE,  /* office NAT */
	MH_EG_CORPVPN, /* corporate VPN concentrator */
	MH_EG_PUBLIC,  /* coffee shop, coworking, hotel */
	MH_EG_VPN,     /* commercial VPN exit */
};

struct mh_sim_egress {
	char ip[40];   /* IPv4 text, or an IPv6 /64 prefix "2001:db8:x:y" when v6 */
	uint8_t kind;  /* enum mh_egress_kind */
	uint8_t v6;    /* address = prefix + "::" + per-device interface id */
	uint8_t proxy; /* Okta isProxy */
	uint8_t city;  /* geolocated city (may be off by a city) */
	uint32_t asn;
	const char *org, *isp, *domain;
};

struct mh_sim_household {
	uint8_t isp, city, v6;
	int32_t next_change; /* day the address churns */
	uint32_t egress;     /* current lease */
	uint32_t slot;       /* IPv4 pool slot, or UINT32_MAX */
};

struct mh_sim_person {
	char id[12], first[24], last[24], name[56];
	char email[128], upn[128], sam[32], login[64], host[40];
	char phone[24], personal_email[96], payroll[40], serial[16];
	char address[112], ship[112];
	uint8_t role, title, os, ua, city, office, privileged, mobile_ua;
	int32_t hire, notice, term;   /* days since epoch, MH_SIM_NONE */
	int32_t manager, referred_by; /* person index or -1 */
	uint32_t household;
	uint16_t team_repos_lo; /* index of the first repository of the person's team */
	uint8_t team_repos_n;

	/* rhythm */
	int16_t work_off;     /* INT16_MIN: work in the stated time zone; else this UTC offset */
	float start_h, len_h; /* local start hour and working-day length */
	float late_p, long_p; /* chance of a late evening, of a 14-hour day */
	float activity;       /* personal multiplier of endpoint volume */
	uint8_t office_days;  /* bit per weekday (0 = Monday) spent in the office */
	uint8_t days_off;     /* bit per weekday not worked */
	uint8_t oncall;       /* paged at night now and then */
	int32_t pto_start, pto_len;

	/* devices and software */
	uint64_t device_id, mfa; /* Entra device id seed; Okta MFA device (dtHash) seed */
	uint8_t usb[MH_SIM_MAX_USB], nusb;
	uint8_t remote[2];    /* remote-control programs used, 0xff none */
	uint8_t remote_daily; /* uses them every working day (helpdesk, operatives) */
	uint8_t kvm;          /* USB index of a KVM-over-IP device, 0xff none */
	uint8_t jiggler;      /* runs a keep-awake tool */
	int32_t remote_day;   /* first day the remote tool shows up */
	uint32_t osq_counter;
	uint32_t usb_attached; /* bit per usb[] entry */

	/* network */
	float vpn_frac;  /* fraction of sessions through a commercial VPN */
	uint8_t vpn[2];  /* preferred exits: index into the sim's VPN exit list */
	uint8_t corpvpn; /* uses the corporate VPN from home */
	int32_t travel_start, travel_end;
	uint8_t travel_city;
	int32_t cowork_group; /* shared coworking space, -1 none */

	/* data movement */
	float data_rate;                /* routine clones/downloads multiplier */
	int32_t burst_start, burst_end; /* bulk clone/download window */
	float burst_rate;
	uint8_t burst_usb, burst_upload; /* the burst also writes to USB / uploads */
	uint8_t post_term;               /* 0 none, 1 phone retries, 2 password tries */

	uint8_t scen;   /* enum mh_sim_scen */
	uint16_t group; /* scenario instance */
	uint32_t traps; /* bit per enum mh_sim_trap */
};

/* A planned event: formatted later, after the day's pool is sorted. */
enum mh_se_type {
	MH_SE_OKTA_SESSION = 0, /* user.session.start + MFA */
	MH_SE_OKTA_SSO,
	MH_SE_OKTA_FAIL,
	MH_SE_ENTRA,
	MH_SE_ENTRA_FAIL,
	MH_SE_PROC,
	MH_SE_FILE,
	MH_SE_ARCHIVE,
	MH_SE_USB_WRITE,
	MH_SE_NET,
	MH_SE_UPLOAD,
	MH_SE_GH_FETCH,
	MH_SE_GH_PUSH,
	MH_SE_GH_CLONE,
	MH_SE_GH_ZIP,
	MH_SE_USB_ADD,
	MH_SE_USB_DEL,
	MH_SE__COUNT
};

struct mh_sim_ev {
	int64_t ts;
	uint32_t person;
	uint32_t egress;
	uint32_t seed;
	uint16_t type; /* enum mh_se_type */
	uint16_t arg;  /* program, repository, app or USB index */
};

struct mh_sim_applicant {
	uint32_t id;
	char first[24], last[24];
	char email[96], phone[24], address[112], website[96], photo[65];
	uint8_t city, role, source; /* source: index into applicant sources */
	int32_t applied;            /* day */
	int32_t referrer;           /* employee index or -1 */
	int16_t cluster;            /* persona cluster, -1 none */
	uint8_t positive;
	uint32_t traps; /* applicant traps: bit 0 similar resume, 1 shared address, 2 agency phone,
	                   3 default photo */
	uint64_t resume_seed; /* resume template and edits */
	uint16_t resume_template;
	uint8_t resume_edits;
};

struct mh_sim_vpn_exit {
	char ip[40];
	uint8_t provider; /* index into mh_sim_vpns */
	uint8_t city;
	uint32_t egress;
};

/* One scenario instance, for truth.json and the docs. */
struct mh_sim_group {
	uint8_t scen;
	char params[512]; /* JSON object text of the drawn parameters */
};

struct mh_sim_outputs {
	struct mh_out okta, entra, ecs, osquery, github;
};

struct mh_sim {
	struct mh_sim_opts opt;
	char company[32], domain[48], netbios[16], org[32];
	int32_t start, end; /* first day, one past the last day */
	struct mh_sim_person *p;
	uint32_t np;
	struct mh_sim_household *hh;
	uint32_t nhh;
	size_t caphh;
	struct mh_sim_egress *eg;
	uint32_t neg;
	size_t capeg;
	struct mh_sim_vpn_exit *vpn;
	uint32_t nvpn;
	const char *vpn_source; /* "x4bnet" or "built-in" */
	uint32_t office_egress[8], corpvpn_egress[4], public_egress[64];
	uint8_t office_city[8], noffices, npublic;
	uint8_t *v4_busy; /* per IPv4 pool slot: 1 while leased */
	uint32_t nv4;
	struct mh_sim_applicant *ap;
	uint32_t nap;
	struct mh_sim_group *grp;
	uint32_t ngrp;
	int32_t culprit;       /* person index of the extortion culprit, -1 none */
	uint16_t leak_repo;    /* repository the leaked sample comes from */
	uint8_t leak_files[4]; /* indexes into mh_sim_src_files */
	uint8_t nleak;
	int32_t eml_day; /* day the extortion mail arrives */
	uint32_t cowork_egress[4];
	uint32_t carrier0, ncarrier; /* first carrier-NAT egress and count */

	uint64_t *taken; /* sim/unique.c: artifacts already given to someone */
	size_t taken_cap, ntaken;

	struct mh_sim_ev *pool;
	size_t npool, cappool;
	struct mh_sim_outputs out;
	uint64_t events[MH_SE__COUNT];
};

/* The whole run: build, simulate, write. Returns 0 or -1 with err. */
int mh_sim_run(const struct mh_sim_opts *opt, struct mh_err *err);

/* Building blocks (each its own file). */

/* sim/unique.c: mark value as given (1 if it was free, 0 if already taken),
 * and draw a phone number no one else has, in the country's fictional range. */
#define MH_SIM_AGENCY_PHONE "+1 512-555-0100"
int mh_sim_take(struct mh_sim *s, const char *value);
int mh_sim_taken(const struct mh_sim *s, const char *value);
void mh_sim_phone(struct mh_sim *s, struct mh_rng *r, const char *cc, const char *area, char *dst,
                  size_t cap);
void mh_sim_company_build(struct mh_sim *s);
void mh_sim_network_build(struct mh_sim *s);
uint32_t mh_sim_egress_new(struct mh_sim *s, uint8_t kind, const char *ip, uint8_t v6, uint8_t city,
                           uint32_t asn, const char *org, const char *isp, const char *domain);
uint32_t mh_sim_household_new(struct mh_sim *s, uint8_t city, struct mh_rng *r);
void mh_sim_households_day(struct mh_sim *s, int32_t day);
/* Write the client address of egress e as used by person p into dst (>= 48). */
size_t mh_sim_egress_ip(const struct mh_sim *s, uint32_t e, uint32_t p, char *dst);
void mh_sim_vpn_load(struct mh_sim *s);
void mh_sim_scenarios(struct mh_sim *s);
void mh_sim_traps(struct mh_sim *s);
void mh_sim_applicants(struct mh_sim *s);
void mh_sim_plan_day(struct mh_sim *s, uint32_t person, int32_t day);
void mh_sim_emit(struct mh_sim *s, const struct mh_sim_ev *ev);

/* Scenario families. */
void mh_sim_scen_farm(struct mh_sim *s, struct mh_rng *r);
void mh_sim_scen_solo(struct mh_sim *s, struct mh_rng *r);
void mh_sim_scen_stealth(struct mh_sim *s, struct mh_rng *r);
void mh_sim_scen_departing(struct mh_sim *s, struct mh_rng *r);
void mh_sim_scen_fired(struct mh_sim *s, struct mh_rng *r);
/* Helpers shared by scenarios: an ordinary person to convert (never a
 * positive, in the US, a tech role when tech is set), hire date etc. */
int32_t mh_sim_pick_convert(struct mh_sim *s, struct mh_rng *r, int tech);
uint32_t mh_sim_group_add(struct mh_sim *s, uint8_t scen, const char *params);
void mh_sim_make_operative(struct mh_sim *s, struct mh_rng *r, uint32_t i, uint8_t scen,
                           uint16_t group);

/* Writers. */
void mh_sim_w_okta(struct mh_sim *s, const struct mh_sim_ev *ev);
void mh_sim_w_entra(struct mh_sim *s, const struct mh_sim_ev *ev);
void mh_sim_w_ecs(struct mh_sim *s, const struct mh_sim_ev *ev);
void mh_sim_w_osquery(struct mh_sim *s, const struct mh_sim_ev *ev);
void mh_sim_w_github(struct mh_sim *s, const struct mh_sim_ev *ev);
int mh_sim_w_roster(const struct mh_sim *s, const char *path, struct mh_err *err);
int mh_sim_w_greenhouse(const struct mh_sim *s, const char *path, struct mh_err *err);
int mh_sim_w_intel(const struct mh_sim *s, const char *dir, struct mh_err *err);
int mh_sim_w_eml(const struct mh_sim *s, const char *path, struct mh_err *err);
int mh_sim_w_truth(const struct mh_sim *s, const char *path, struct mh_err *err);

/* Small shared formatting: the person's user name as a source spells it. */
const char *mh_sim_ecs_user(const struct mh_sim *s, const struct mh_sim_person *p, char *buf,
                            size_t cap);
/* Day -> "YYYY-MM-DD" or "" for MH_SIM_NONE, into a static-free buffer. */
void mh_sim_fmt_day(int32_t day, char dst[11]);
/* Local offset (minutes) a person works in at ts. */
int mh_sim_person_offset(const struct mh_sim_person *p, int64_t ts_ms);

#endif
