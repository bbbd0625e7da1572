/* Fuzz what the server parses from clients and files: the token file, the
 * Authorization header, pseudonyms in paths, and redaction of arbitrary text
 * against a small people index. The first byte picks the target. Contracts:
 * parse results are consistent (tokens only when parsing succeeded, every
 * token checkable), and redacted text never contains a known e-mail. */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/auth.h"
#include "http/index.h"
#include "http/pseudo.h"
#include "store/store.h"

static struct mh_ix *ix;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[] = "/tmp/mh-fuzz-http-XXXXXX";
	unsigned char salt[MH_SHA256_LEN] = {1};
	struct mh_err err;
	struct mh_store *s;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	s = mh_store_open(path, &err);
	if (!s)
		abort();
	sqlite3_exec(mh_store_db(s),
	             "INSERT INTO persons(id, key, resolved, email, name) VALUES"
	             " (1, 'E1', 1, 'ann.lee@corp.example', 'Ann Lee'),"
	             " (2, 'bob77', 0, NULL, NULL);",
	             NULL, NULL, NULL);
	ix = mh_ix_build(mh_store_db(s), salt, &err);
	mh_store_close(s);
	unlink(path);
	if (!ix)
		abort();
	return 0;
}

static void tokens(const char *p, size_t n)
{
	struct mh_tokens t = {0};
	struct mh_err err = {0};
	size_t i;

	if (mh_tokens_parse(&t, p, n, "fuzz", &err)) {
		if (t.n || !err.msg[0])
			abort();
		return;
	}
	for (i = 0; i < t.n; i++)
		if (t.v[i].role != MH_ROLE_ANALYST && t.v[i].role != MH_ROLE_INVESTIGATOR)
			abort();
	mh_tokens_check(&t, p, n);
	mh_tokens_release(&t);
}

static void header(const char *s)
{
	size_t n = 0;
	const char *t = mh_bearer(s, &n);

	if (t && (n == 0 || n > MH_TOKEN_MAX || t < s || t + n > s + strlen(s)))
		abort();
	mh_pseudo_valid(s);
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("._%+-@", c);
}

/* Does w occur in s as a whole token (as redaction splits text)? */
static int has_token(const char *s, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = strstr(s, w); p; p = strstr(p + 1, w)) {
		const char *e = p + n;

		while (*e == '.' || *e == '-')
			e++;
		if ((p == s || !word_char(p[-1])) && !word_char(*e))
			return 1;
	}
	return 0;
}

static void redact(const char *s)
{
	char *r = mh_ix_redact(ix, &ix->v[0], s);

	/* The subject's e-mail goes wherever it is; another person's key
	 * wherever it stands as a token of its own. */
	if (strcasestr(r, "ann.lee@corp.example") || has_token(r, "bob77"))
		abort();
	free(r);
	r = mh_ix_redact(ix, NULL, s);
	if (has_token(r, "ann.lee@corp.example"))
		abort();
	free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1)
		return 0;
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	switch (data[0] % 3) {
	case 0:
		tokens(s, size - 1);
		break;
	case 1:
		header(s);
		break;
	default:
		redact(s);
		break;
	}
	free(s);
	return 0;
}
