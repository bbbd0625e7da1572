#ifndef MH_INTEL_H
#define MH_INTEL_H
/*
 * Threat intelligence: indicator sets loaded from plain lists and STIX 2.1
 * bundles, matched against events and identity artifacts.
 *
 * Plain lists: one indicator per line, '#' starts a comment, blank lines
 * ignored; the kind of each line is inferred (IPv4/IPv6 address or CIDR,
 * e-mail, phone, hash (MD5/SHA-1/SHA-256 hex), wallet, domain). The file name
 * (without directory and extension) is the label unless a "# label: NAME"
 * comment line says otherwise. STIX 2.1 bundles: every "indicator" object with
 * a pattern over ipv4-addr, ipv6-addr, email-addr, domain-name or file hashes;
 * its name (or first label) is the label.
 *
 * Values are normalised before they are stored and before they are matched
 * (intel/norm.h), so "Foo@Example.COM" matches "foo@example.com".
 *
 * Ownership: struct mh_intel owns everything loaded into it. After loading,
 * lookups do not modify it and may run on several threads at once. Hits point
 * into the intel set and live as long as it does.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "util/err.h"

enum mh_ioc_kind {
	MH_IOC_IP = 0, /* addresses and CIDR ranges, v4 and v6 */
	MH_IOC_EMAIL,
	MH_IOC_DOMAIN,
	MH_IOC_PHONE,
	MH_IOC_WALLET,
	MH_IOC_HASH,
	MH_IOC__COUNT
};

struct mh_intel_hit {
	const char *label;  /* list or indicator name, e.g. "vpn", "datacenter" */
	const char *source; /* file the indicator came from */
	uint8_t kind;       /* enum mh_ioc_kind */
};

struct mh_intel;

struct mh_intel *mh_intel_new(void);
void mh_intel_free(struct mh_intel *in);

/* Load a file, or every regular file in a directory (recursively, sorted by
 * name). Format is detected from content; .gz is read transparently. Bad lines
 * are reported as "file:line: reason" through warn (may be NULL) and skipped;
 * an unreadable file is an error. After the last load call mh_intel_seal(). */
int mh_intel_load(struct mh_intel *in, const char *path,
		  void (*warn)(void *arg, const char *msg), void *warn_arg, struct mh_err *err);
/* Build the lookup structures. Must be called once after loading, before lookups. */
void mh_intel_seal(struct mh_intel *in);

/* Counts by kind, for the scan summary. */
size_t mh_intel_count(const struct mh_intel *in, enum mh_ioc_kind kind);

/* Does ip fall in any loaded address or range? On a hit fills *hit (may be
 * NULL) with the most specific range's label and returns 1; else 0. */
int mh_intel_match_ip(const struct mh_intel *in, const struct mh_ip *ip, struct mh_intel_hit *hit);

/* Match a raw value of the given kind (normalised here). Returns 1 on a hit.
 * MH_IOC_DOMAIN also matches parent domains ("a.evil.com" hits "evil.com"). */
int mh_intel_match(const struct mh_intel *in, enum mh_ioc_kind kind, const char *value, size_t n,
		   struct mh_intel_hit *hit);

#endif
