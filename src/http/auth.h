#ifndef MH_HTTP_AUTH_H
#define MH_HTTP_AUTH_H
/*
 * Bearer tokens and roles. The token file has one token per line:
 *
 *     role token [label]        # role: analyst or investigator
 *
 * with blank lines and '#' comments allowed. Only the SHA-256 of each token is
 * kept: the file's text is wiped from memory once parsed. A presented token is
 * hashed and compared with every stored hash in constant time, so neither the
 * match nor its position leaks through timing.
 *
 * Ownership: struct mh_tokens owns its array (mh_tokens_release).
 */
#include <stddef.h>

#include "http/hash.h"
#include "util/err.h"

#define MH_TOKEN_MIN       16   /* shortest accepted token */
#define MH_TOKEN_MAX       256  /* longest accepted token */
#define MH_TOKENS_MAX      1024 /* tokens per file */
#define MH_TOKEN_FILE_MAX  (256u << 10)
#define MH_TOKEN_LABEL_MAX 64

enum mh_role { MH_ROLE_NONE = 0, MH_ROLE_ANALYST = 1, MH_ROLE_INVESTIGATOR = 2 };

struct mh_token {
	unsigned char hash[MH_SHA256_LEN];
	enum mh_role role;
	char id[13]; /* first 6 bytes of the hash, hex: names the token in logs */
	char label[MH_TOKEN_LABEL_MAX]; /* from the file, or the id */
};

struct mh_tokens {
	struct mh_token *v;
	size_t n;
};

/* Parse token-file text (name is used in messages). Replaces t's contents. */
int mh_tokens_parse(struct mh_tokens *t, const char *text, size_t n, const char *name,
                    struct mh_err *err);
/* Read and parse a token file; refuses a file others may read or write. */
int mh_tokens_load(struct mh_tokens *t, const char *path, struct mh_err *err);
void mh_tokens_release(struct mh_tokens *t);

/* The token matching tok (n bytes), or NULL. */
const struct mh_token *mh_tokens_check(const struct mh_tokens *t, const char *tok, size_t n);

/* The token from an "Authorization: Bearer X" header value; NULL when absent
 * or malformed. *n receives X's length. */
const char *mh_bearer(const char *header, size_t *n);

const char *mh_role_name(enum mh_role r);
enum mh_role mh_role_parse(const char *s, size_t n);

#endif
