#ifndef MH_VNORM_H
#define MH_VNORM_H
/*
 * Canonical forms of the identity artifacts an applicant gives, beyond the
 * intel normalisers (intel/norm.h) they build on. Same contract: each writes
 * a NUL-terminated result into dst (cap bytes) and returns its length, or 0
 * (dst = "") when the input is not a plausible value of that kind or the
 * result does not fit; inputs over 2048 bytes are rejected. Nothing
 * allocates; everything is thread-safe. docs/VET.md lists the rules.
 */
#include <stddef.h>

/* mh_norm_email, then the forms one mailbox hides behind: the "+tag"
 * sub-address dropped on every domain; for gmail.com and googlemail.com the
 * dots of the local part dropped and the domain written gmail.com. */
size_t mh_vet_norm_email(const char *s, size_t n, char *dst, size_t cap);

/* E.164 ("+" and 8..15 digits) where it can be derived: mh_norm_phone first
 * ("+44 ...", "0044 ...", 10-digit NANP); a national number with a leading
 * trunk "0" (or "8" for RU) becomes international when country (ISO alpha-2,
 * may be NULL or "") is in the documented subset (docs/VET.md). Otherwise the
 * bare national digits, so that equal writings still compare equal. */
size_t mh_vet_norm_phone(const char *s, size_t n, const char *country, char *dst, size_t cap);

/* Postal address: lower case, punctuation to spaces, street types,
 * directionals and unit designators to their USPS abbreviations ("Street" ->
 * "st", "Apartment 4B" / "Apt. 4B" / "#4B" -> "unit 4b"), US state names to
 * their codes, ZIP+4 to the ZIP, a trailing country name dropped. Needs a
 * digit and a letter (a house number or postcode and a street). */
size_t mh_vet_norm_address(const char *s, size_t n, char *dst, size_t cap);

/* The country an address names (ISO alpha-2 into cc[3]): a trailing country
 * name or code, a US state with a ZIP, a Canadian province with a postal
 * code, a UK postcode. Returns 1 when found, else 0 (cc = ""). */
int mh_vet_address_country(const char *s, size_t n, char cc[3]);

/* Web and social profile URLs to one key per profile: "github:login" for
 * github.com/login/... and login.github.io, "gitlab:login", "linkedin:slug"
 * for linkedin.com/in/slug, "x:handle" for twitter.com and x.com, otherwise
 * "web:" + host (lower case, "www." dropped) + path (trailing '/', query and
 * fragment dropped). A bare handle ("@login") is read as a profile of hint
 * ("github", "linkedin", "x"; NULL: not a handle). A platform's home page
 * without a profile gives 0. */
size_t mh_vet_norm_url(const char *s, size_t n, const char *hint, char *dst, size_t cap);

#endif
