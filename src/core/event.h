#ifndef MH_EVENT_H
#define MH_EVENT_H
/*
 * The one event model every decoder produces and every detector reads.
 *
 * Ownership: an event and every slice in it are borrowed. They point into the
 * decoder's input record or its per-thread scratch buffer and are valid only
 * during the emit callback that receives the event. Whoever keeps anything
 * copies it, bounded.
 */
#include <stddef.h>
#include <stdint.h>

/* A borrowed byte slice: not NUL-terminated, not owned. n == 0 means absent. */
struct mh_str {
	const char *p;
	size_t n;
};

#define MH_STR_LIT(s) ((struct mh_str){(s), sizeof(s) - 1})

enum mh_source {
	MH_SRC_NONE = 0,
	MH_SRC_OKTA,
	MH_SRC_ENTRA,
	MH_SRC_ECS,
	MH_SRC_OSQUERY,
	MH_SRC_GITHUB,
	MH_SRC_ROSTER,
	MH_SRC__COUNT
};

enum mh_kind {
	MH_EV_SIGNIN = 0, /* a sign-in attempt at an identity provider; outcome set */
	MH_EV_AUTH,       /* other identity-provider activity (MFA, session, admin) */
	MH_EV_PROCESS,    /* a process started (ECS process, osquery processes) */
	MH_EV_FILE,       /* a file created, written, copied or renamed */
	MH_EV_NETWORK,    /* an outbound connection or flow */
	MH_EV_USB,        /* a USB device attached or present (osquery usb_devices) */
	MH_EV_PROGRAM,    /* an installed program (osquery programs) */
	MH_EV_CODE,       /* code-hosting action: clone, zip download, push ... */
	MH_EV_OTHER,      /* anything else attributable to a user; counts as activity */
	MH_EV__COUNT
};

enum mh_outcome { MH_OUT_UNKNOWN = 0, MH_OUT_SUCCESS, MH_OUT_FAILURE };

/* Set by the decoder when the event moves data out of a company system. */
enum mh_move {
	MH_MOVE_NONE = 0,
	MH_MOVE_CLONE,     /* git clone / fetch of a repository */
	MH_MOVE_DOWNLOAD,  /* archive or file download from a company service */
	MH_MOVE_ARCHIVE,   /* local archive creation (zip, tar, 7z, rar) */
	MH_MOVE_UPLOAD,    /* upload to an outside destination (bytes out) */
	MH_MOVE_USB_WRITE, /* file written to removable media */
	MH_MOVE_MAIL_OUT,  /* mail with attachment to an outside address */
	MH_MOVE__COUNT
};

/* Osquery differential action: added rows are new, removed rows went away. */
enum mh_diff { MH_DIFF_NONE = 0, MH_DIFF_ADDED, MH_DIFF_REMOVED, MH_DIFF_SNAPSHOT };

struct mh_ip {
	uint8_t family; /* 0 = absent, 4 or 6 */
	uint8_t a[16];  /* network order; IPv4 uses a[0..3] */
};

struct mh_event {
	int64_t ts_ms;   /* UTC milliseconds since the epoch */
	uint8_t src;     /* enum mh_source */
	uint8_t kind;    /* enum mh_kind */
	uint8_t outcome; /* enum mh_outcome */
	uint8_t move;    /* enum mh_move */
	uint8_t diff;    /* enum mh_diff */
	int8_t is_proxy; /* -1 unknown, 0 no, 1 yes (Okta securityContext.isProxy) */
	uint8_t has_tz_offset;
	int16_t tz_offset_min; /* offset the source recorded locally (git commits) */

	struct mh_str user; /* user name as the source spells it: e-mail, UPN, DOMAIN\user, login */
	struct mh_str host; /* device name or identifier */
	struct mh_str action; /* eventType, action, event.action, osquery query name */

	struct mh_ip ip;       /* client / source IP of the user */
	struct mh_str country; /* as given: ISO alpha-2 or a name */
	struct mh_str city;
	uint32_t asn;             /* 0 = unknown */
	struct mh_str as_org;     /* ASN organisation or ISP */
	struct mh_str mfa_device; /* MFA device identity (Okta dtHash) */
	struct mh_str user_agent;

	struct mh_str process;    /* process or program name */
	struct mh_str executable; /* full path of the executable */
	struct mh_str command_line;
	struct mh_str path;          /* file path */
	struct mh_str file_hash;     /* SHA-256 hex of the file, when the source gives it */
	struct mh_str repo;          /* repository "org/name" */
	struct mh_str dest;          /* destination IP, domain or address */
	struct mh_str usb_vendor_id; /* hex, as given ("1d6b") */
	struct mh_str usb_model_id;
	struct mh_str usb_vendor;
	struct mh_str usb_model;
	struct mh_str usb_serial;
	uint64_t bytes; /* bytes moved, 0 if unknown */

	/* provenance: the scan's source table index and 1-based line number */
	uint32_t file_id;
	uint64_t line;

	/* Filled by the core after decoding, before detectors see the event:
	 * the intel label of ip (NULL when it matched nothing). */
	const char *ip_intel;
};

/* Names for the enums, for output and the store. Never NULL. */
const char *mh_source_name(int src);
const char *mh_kind_name(int kind);
const char *mh_move_name(int move);

static inline int mh_str_eq(struct mh_str a, const char *lit)
{
	size_t i;

	for (i = 0; i < a.n; i++)
		if (!lit[i] || lit[i] != a.p[i])
			return 0;
	return lit[i] == '\0';
}

#endif
