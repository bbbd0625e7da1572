#ifndef MH_ALERT_RFC5424_H
#define MH_ALERT_RFC5424_H
/*
 * Syslog messages as RFC 5424 lays them out, with no I/O:
 *
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID p="v" ...] BOM MSG
 *
 * PRI = facility * 8 + severity. Header fields are cut to their RFC lengths
 * (HOSTNAME 255, APP-NAME 48, PROCID 128, MSGID 32), characters outside
 * printable US-ASCII become '_', and an empty field is the NILVALUE "-".
 * SD-ID and PARAM-NAMEs are cut to 32 and also lose '=', ']', '"' and space;
 * PARAM-VALUEs escape '"', '\' and ']' with a backslash and are cut to
 * MH_SD_VALUE_MAX bytes on a UTF-8 character boundary. MSG is UTF-8 behind
 * the byte order mark, as RFC 5424 section 6.4 asks.
 *
 * A message longer than the sink allows is truncated, never dropped: MSG is
 * cut on a UTF-8 character boundary so the whole is at most max bytes (RFC
 * 5424 section 6.1 lets a relay do the same). Header and structured data are
 * never cut; when they alone do not fit, formatting fails.
 *
 * Ownership: the caller owns every buffer; nothing is allocated.
 */
#include <stddef.h>
#include <stdint.h>

#define MH_SD_VALUE_MAX 256

struct mh_syslog_hdr {
	int facility;                                     /* 0..23 */
	int severity;                                     /* 0..7 */
	int64_t time_ms;                                  /* < 0: NILVALUE */
	const char *hostname, *app_name, *procid, *msgid; /* NULL or "": NILVALUE */
};

struct mh_sd_param {
	const char *name, *value;
};

/* Format into buf (cap bytes, at least max + 1). sd_id NULL or nparams 0
 * with sd_id NULL: no structured data ("-"). Returns the length (at most
 * max), or -1 when header and structured data exceed max. *cut (may be NULL)
 * is set when MSG was truncated. */
long mh_rfc5424_format(char *buf, size_t cap, size_t max, const struct mh_syslog_hdr *h,
                       const char *sd_id, const struct mh_sd_param *p, size_t nparams,
                       const char *msg, size_t msglen, int *cut);

/* RFC 6587 octet counting: "LEN SP" before a message on a stream. Writes the
 * prefix into out (at least 24 bytes); returns its length. */
size_t mh_rfc6587_prefix(char *out, size_t cap, size_t msglen);

/* Facility code of a name ("auth", "local0" ...) or of a number 0..23; -1
 * when neither. */
int mh_syslog_facility(const char *name);

/* The length of the longest prefix of s (len bytes) that is at most n
 * bytes and does not end inside a UTF-8 sequence (bytes that are not UTF-8
 * are cut at n). */
size_t mh_utf8_cut(const char *s, size_t len, size_t n);

#endif
