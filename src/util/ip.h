#ifndef MH_IP_H
#define MH_IP_H
/* IP address text <-> struct mh_ip (core/event.h). No allocation. */
#include <stddef.h>

#include "core/event.h"

/* Parse dotted IPv4 or RFC 4291 IPv6 text (including "::ffff:1.2.3.4", which
 * becomes IPv4). Surrounding brackets and a ":port" after IPv4 or "]:port"
 * after IPv6 are accepted, as logs write them. Returns 0 or -1. */
int mh_ip_parse(const char *s, size_t n, struct mh_ip *out);

/* Write canonical text (RFC 5952 for IPv6) into dst (>= 46 bytes). Returns dst. */
char *mh_ip_format(const struct mh_ip *ip, char *dst, size_t cap);

/* RFC 1918, loopback, link-local, CGNAT 100.64/10, ULA fc00::/7 ... */
int mh_ip_is_private(const struct mh_ip *ip);

int mh_ip_eq(const struct mh_ip *a, const struct mh_ip *b);

#endif
