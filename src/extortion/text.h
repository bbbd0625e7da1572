#ifndef MH_TEXT_H
#define MH_TEXT_H
/*
 * Which bytes are text worth fingerprinting, as UTF-8: a UTF-8 byte-order
 * mark is dropped, UTF-16 with a byte-order mark is transcoded, and data with
 * a NUL byte in its first 8 KiB (without a UTF-16 mark) is binary.
 *
 * Ownership: *out is malloc'ed (the caller frees) when text is returned.
 */
#include <stddef.h>

/* 1 with *out and *outn set for text, 0 for binary. */
int mh_text_of(const unsigned char *p, size_t n, char **out, size_t *outn);

#endif
