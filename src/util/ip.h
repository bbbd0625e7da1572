#ifndef MH_IP_H
#define MH_IP_H
/* IP address text <-> struct mh_ip (core/event.h). No allocation. */
#include <stddef.h>

#include "core/event.h"

/* Parse dotted IPv4 or RFC 4291 IPv6 text (including "::ffff:1.2.3.4", which
 * becomes IPv4). Surrounding brackets and a ":port" after IPv4 or "]:port"
 * after IPv6 are accepted, as logs write them. Returns 0 or -1.
 * Strict: exactly s[0..n), no whitespace; IPv4 octets without leading zeros
 * ("01.2.3.4" is rejected, as glibc inet_pton does: BSD reads it as octal);
 * no zone ids ("fe80::1%eth0"); port 0..65535, discarded. The deprecated
 * IPv4-compatible "::1.2.3.4" stays IPv6. Bare text is accepted exactly when
 * inet_pton accepts it (tests/unit/test_ip.c checks this differentially). */
int mh_ip_parse(const char *s, size_t n, struct mh_ip *out);

/* Write canonical text (RFC 5952 for IPv6: lower case, no leading zeros, the
 * first longest run of 2+ zero groups as "::", ::ffff:0:0/96 with a dotted
 * tail) into dst (>= 46 bytes; shorter truncates). Returns dst. */
char *mh_ip_format(const struct mh_ip *ip, char *dst, size_t cap);

/* Not publicly routable: RFC 1918, loopback, link-local, CGNAT 100.64/10,
 * 0/8, 198.18/15, multicast, reserved 240/4; ::, ::1, ULA fc00::/7,
 * fe80::/10, fec0::/10, ff00::/8, 100::/64. The documentation ranges
 * (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) count as public:
 * examples and simulations use them for public addresses. */
int mh_ip_is_private(const struct mh_ip *ip);

int mh_ip_eq(const struct mh_ip *a, const struct mh_ip *b);

#endif
