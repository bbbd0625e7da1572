#ifndef MH_NORM_H
#define MH_NORM_H
/*
 * Canonical forms of identity artifacts, so that the same e-mail, phone,
 * domain, hash or wallet written differently compares equal. Each writes a
 * NUL-terminated result into dst (cap bytes) and returns its length, or 0 when
 * the input is not a plausible value of that kind. A result that does not fit
 * in cap is reported as 0 (dst = ""), never truncated: a truncated key would
 * compare equal to a different value. Inputs over 2048 bytes are rejected.
 * Nothing allocates; all functions are thread-safe.
 */
#include <stddef.h>

/* lower-case; trims spaces, quotes and angle brackets; takes the address out
 * of "Display Name <a@b>"; "mailto:" and a "?subject=..." query dropped.
 * Needs exactly one '@', a local part of 1..64 characters and a valid domain.
 * Sub-addresses ("a+tag@b") are kept: not every provider treats them alike. */
size_t mh_norm_email(const char *s, size_t n, char *dst, size_t cap);
/* lower-case, trailing dot, leading "*." or "." and "www." dropped; accepts a
 * URL, "host:port/path" or "user@host" and keeps the host. Needs two or more
 * labels and a top-level label that is not all digits (IP addresses are not
 * domains). */
size_t mh_norm_domain(const char *s, size_t n, char *dst, size_t cap);
/* digits only with a leading '+': "+1 (555) 010-9999" -> "+15550109999".
 * "tel:" dropped; an extension ("x123", "ext. 123", "#123", ";ext=123")
 * dropped; "00" international prefix -> '+'; "(0)" after a country code
 * dropped; a 10-digit number, or 11 digits starting with 1, without country
 * code is taken as NANP (+1). Other national numbers without country code
 * (7..15 digits) are kept as bare digits without '+'. Letters reject. */
size_t mh_norm_phone(const char *s, size_t n, char *dst, size_t cap);
/* lower-case hex; 32, 40 or 64 digits only; an "md5:", "sha1:", "sha256:"
 * prefix is dropped. */
size_t mh_norm_hash(const char *s, size_t n, char *dst, size_t cap);
/* Cryptocurrency address: EVM "0x" + 40 hex (lower-cased; EIP-55 case is only
 * a checksum), bech32 bc1/tb1/ltc1 (lower-cased), base58 Bitcoin/Litecoin/
 * Dogecoin/Tron (26..35 characters, case kept) and Monero (95 or 106). A
 * "bitcoin:" or "ethereum:" URI prefix and its query are dropped. */
size_t mh_norm_wallet(const char *s, size_t n, char *dst, size_t cap);

#endif
