#ifndef MH_INTEL_H
#define MH_INTEL_H
/*
 * Threat intelligence: indicator sets loaded from plain lists and STIX 2.1
 * bundles, matched against events and identity artifacts.
 *
 * Plain lists: one indicator per line, '#' starts a comment (also after
 * whitespace at the end of a line), blank lines ignored; the kind of each line
 * is inferred (IPv4/IPv6 address, CIDR or "first-last" range, e-mail, hash
 * (MD5/SHA-1/SHA-256 hex), wallet, phone, domain). Digits-and-dots alone are
 * never a phone; a URL with a path is refused (intel names whole domains).
 * The file name (without directory and extension, and ".gz") is the label; a
 * generic file name (ipv4, ipv6, ip, ips, list, all, cidr ...) gives way to its
 * directory's name, so "x4bnet/output/vpn/ipv4.txt" is "vpn". A
 * "# label: NAME" comment line sets the label for the lines after it.
 *
 * STIX 2.1: a bundle (or a lone indicator object). Every "indicator" object
 * with pattern_type "stix" that is not revoked contributes each comparison
 * "=", "IN (...)" or "ISSUBSET" (not under NOT) on ipv4-addr:value,
 * ipv6-addr:value, network-traffic:{src,dst}_ref.value, email-addr:value,
 * email-message:{from,sender}_ref.value, domain-name:value and
 * file:hashes.{MD5,SHA-1,SHA-256}; comparisons joined by AND are taken each
 * on its own (a hunt widens rather than misses). Its label is the indicator's
 * name, else labels[0], else the file's default label. Other objects and
 * pattern types are skipped; valid_until is not enforced (logs are often
 * older than the intel).
 *
 * When the same network is loaded twice, the first load wins; a more
 * specific network always wins over a containing one. Directory loads go in
 * name order, so "output/" loads datacenter/ before vpn/: load the list you
 * want to win first when lists overlap.
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
int mh_intel_load(struct mh_intel *in, const char *path, void (*warn)(void *arg, const char *msg),
                  void *warn_arg, struct mh_err *err);
/* As mh_intel_load for one file's content already in memory; name is used
 * for the default label, messages and hit.source. */
int mh_intel_load_mem(struct mh_intel *in, const char *name, const char *data, size_t n,
                      void (*warn)(void *arg, const char *msg), void *warn_arg, struct mh_err *err);
/* Build the lookup structures. Must be called after loading, before lookups
 * (string kinds match before it, addresses only after). Loading more and
 * sealing again is allowed while no lookups run. Load then seal for the
 * x4bnet lists (62,678 lines) takes about 10 ms. */
void mh_intel_seal(struct mh_intel *in);

/* Counts by kind, for the scan summary. */
size_t mh_intel_count(const struct mh_intel *in, enum mh_ioc_kind kind);

/* Does ip fall in any loaded address or range? On a hit fills *hit (may be
 * NULL) with the most specific range's label and returns 1; else 0. */
int mh_intel_match_ip(const struct mh_intel *in, const struct mh_ip *ip, struct mh_intel_hit *hit);

/* Match a raw value of the given kind (normalised here, intel/norm.h).
 * Returns 1 on a hit. MH_IOC_IP parses the text (mh_ip_parse).
 * MH_IOC_DOMAIN also matches parent domains ("a.evil.com" hits "evil.com") and
 * accepts URLs. An e-mail matches only the e-mail set; to test its domain,
 * match the part after '@' as MH_IOC_DOMAIN. */
int mh_intel_match(const struct mh_intel *in, enum mh_ioc_kind kind, const char *value, size_t n,
                   struct mh_intel_hit *hit);

#endif
