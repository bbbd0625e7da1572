#ifndef MH_SIM_CATALOG_H
#define MH_SIM_CATALOG_H
/*
 * What people have and use in the simulated company: roles and titles, names,
 * software, USB peripherals, repositories, cloud apps, browsers, upload
 * destinations. Static read-only tables; nothing here allocates.
 *
 * Honesty rule (../shared/SIMULATION.md): every entry here is available to
 * every person. Scenarios only change how often someone uses an entry, never
 * which entries exist, so no value is exclusive to the positives.
 */
#include <stdint.h>

enum mh_role {
	MH_ROLE_ENG = 0, /* software engineers */
	MH_ROLE_SRE,     /* infrastructure, on call */
	MH_ROLE_DATA,    /* data engineering and analytics: heavy data users */
	MH_ROLE_IT,      /* helpdesk and sysadmins: approved remote tools */
	MH_ROLE_SEC,
	MH_ROLE_SALES, /* field staff: USB drives, zips */
	MH_ROLE_SUPPORT,
	MH_ROLE_NOC, /* night shift */
	MH_ROLE_FIN,
	MH_ROLE_HR,
	MH_ROLE_MKT,
	MH_ROLE_EXEC,
	MH_ROLE__COUNT
};

#define MH_ROLE_BIT(r) (1u << (r))
#define MH_ROLES_TECH                                                                              \
	(MH_ROLE_BIT(MH_ROLE_ENG) | MH_ROLE_BIT(MH_ROLE_SRE) | MH_ROLE_BIT(MH_ROLE_DATA) |         \
	 MH_ROLE_BIT(MH_ROLE_IT) | MH_ROLE_BIT(MH_ROLE_SEC))
#define MH_ROLES_ALL 0xffffu

struct mh_sim_role {
	const char *department;
	const char *titles[4];
	uint16_t weight; /* per 1000 employees */
	uint8_t tech;    /* uses git, terminals, IDEs */
	uint8_t privileged_pct;
	uint16_t events; /* endpoint events per working day at --scale 1 */
};

enum mh_os { MH_OS_WIN = 0, MH_OS_MAC, MH_OS_LINUX, MH_OS__COUNT };

enum mh_prog_kind {
	MH_PK_BASE = 0, /* everyday software */
	MH_PK_DEV,      /* developer tools */
	MH_PK_INSTALL,  /* installers and updaters */
	MH_PK_ARCHIVE,  /* zip, 7z, tar */
	MH_PK_REMOTE,   /* remote-control software */
	MH_PK_JIGGLER,  /* keep-awake and mouse-jiggler tools */
};

/* Programs the writers name directly (checked by tests/unit/test_sim.c). */
enum {
	MH_PROG_BROWSER = 0,
	MH_PROG_FILES = 9,
	MH_PROG_EDITOR = 12,
	MH_PROG_ARCHIVER = 23,
};

struct mh_sim_prog {
	const char *name[MH_OS__COUNT]; /* NULL: not on that OS */
	const char *exe[MH_OS__COUNT];
	const char *args; /* command-line arguments after the executable, may be "" */
	uint16_t roles;   /* MH_ROLE_BIT mask of who runs it routinely */
	uint8_t weight;
	uint8_t kind; /* enum mh_prog_kind */
};

enum mh_usb_kind {
	MH_USB_INPUT = 0, /* keyboards, mice, receivers */
	MH_USB_DOCK,
	MH_USB_AUDIO,
	MH_USB_CAMERA,
	MH_USB_KEY,     /* security keys */
	MH_USB_STORAGE, /* removable storage */
	MH_USB_GADGET,  /* boards and Linux USB gadgets on developers' desks */
	MH_USB_KVM,     /* KVM-over-IP devices (PiKVM, TinyPilot, JetKVM) */
};

struct mh_sim_usb {
	const char *vendor_id, *model_id, *vendor, *model;
	uint8_t kind;
	uint8_t removable;
	uint8_t weight;
};

struct mh_sim_repo {
	const char *name;
	uint8_t role; /* owning team's role */
};

struct mh_sim_dest {
	const char *domain;
	uint8_t personal; /* personal cloud / transfer service */
	uint8_t weight;
};

struct mh_sim_ua {
	const char *raw, *os, *browser;
	uint8_t os_kind; /* enum mh_os, or 3 = mobile */
};

extern const struct mh_sim_role mh_sim_roles[MH_ROLE__COUNT];
extern const struct mh_sim_prog mh_sim_progs[];
extern const unsigned mh_sim_nprogs;
extern const struct mh_sim_usb mh_sim_usbs[];
extern const unsigned mh_sim_nusbs;
extern const struct mh_sim_repo mh_sim_repos[];
extern const unsigned mh_sim_nrepos;
extern const struct mh_sim_dest mh_sim_dests[];
extern const unsigned mh_sim_ndests;
extern const struct mh_sim_ua mh_sim_uas[];
extern const unsigned mh_sim_nuas;
extern const char *const mh_sim_okta_apps[];
extern const unsigned mh_sim_nokta_apps;
extern const char *const mh_sim_entra_apps[];
extern const unsigned mh_sim_nentra_apps;
extern const char *const mh_sim_first_names[];
extern const unsigned mh_sim_nfirst;
extern const char *const mh_sim_last_names[];
extern const unsigned mh_sim_nlast;
extern const char *const mh_sim_streets[];
extern const unsigned mh_sim_nstreets;
extern const char *const mh_sim_free_mail[];
extern const unsigned mh_sim_nfree_mail;
extern const char *const mh_sim_doc_words[];
extern const unsigned mh_sim_ndoc_words;
extern const char *const mh_sim_doc_exts[];
extern const unsigned mh_sim_ndoc_exts;
extern const char *const mh_sim_src_files[];
extern const unsigned mh_sim_nsrc_files;

/* Index of the first program/USB device of a kind, for scenarios. */
unsigned mh_sim_progs_of_kind(uint8_t kind, unsigned *out, unsigned cap);
unsigned mh_sim_usbs_of_kind(uint8_t kind, unsigned *out, unsigned cap);

#endif
