#ifndef MH_NORM_H
#define MH_NORM_H
/*
 * Canonical forms of identity artifacts, so that the same e-mail, phone,
 * domain or hash written differently compares equal. Each writes a
 * NUL-terminated result into dst (cap bytes, truncating) and returns its
 * length, or 0 when the input is not a plausible value of that kind.
 */
#include <stddef.h>

/* lower-case; trims spaces and angle brackets; "mailto:" dropped. */
size_t mh_norm_email(const char *s, size_t n, char *dst, size_t cap);
/* lower-case, trailing dot and "www." dropped; accepts a URL and keeps its host. */
size_t mh_norm_domain(const char *s, size_t n, char *dst, size_t cap);
/* digits only with a leading '+': "+1 (555) 010-9999" -> "+15550109999"; a
 * 10-digit number without country code is taken as NANP (+1). */
size_t mh_norm_phone(const char *s, size_t n, char *dst, size_t cap);
/* lower-case hex; 32, 40 or 64 digits only. */
size_t mh_norm_hash(const char *s, size_t n, char *dst, size_t cap);

#endif
