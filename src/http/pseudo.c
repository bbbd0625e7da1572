/* Pseudonyms from a keyed hash of the person key; the salt in serve_meta. */
#include "http/pseudo.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

static int read_salt(sqlite3 *db, unsigned char *salt, int *found)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db, "SELECT value FROM serve_meta WHERE key = 'pseudonym_salt'",
	                            -1, &q, NULL);

	*found = 0;
	if (rc != SQLITE_OK)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 0) == MH_SHA256_LEN) {
		memcpy(salt, sqlite3_column_blob(q, 0), MH_SHA256_LEN);
		*found = 1;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int mh_pseudo_salt(sqlite3 *db, unsigned char salt[MH_SHA256_LEN], struct mh_err *err)
{
	sqlite3_stmt *q;
	int found, rc;

	if (read_salt(db, salt, &found))
		return mh_err_set(err, MH_EINPUT, "reading the pseudonym salt: %s",
		                  sqlite3_errmsg(db));
	if (found)
		return 0;
	if (getrandom(salt, MH_SHA256_LEN, 0) != MH_SHA256_LEN)
		return mh_err_set(err, MH_EIO, "no randomness for the pseudonym salt");
	/* INSERT OR IGNORE then re-read: a concurrent first start keeps one salt. */
	rc = sqlite3_prepare_v2(db,
	                        "INSERT OR IGNORE INTO serve_meta(key, value)"
	                        " VALUES ('pseudonym_salt', ?)",
	                        -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_blob(q, 1, salt, MH_SHA256_LEN, SQLITE_STATIC);
		rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_OK || read_salt(db, salt, &found) || !found)
		return mh_err_set(err, MH_EINPUT, "storing the pseudonym salt: %s",
		                  sqlite3_errmsg(db));
	return 0;
}

void mh_pseudo_name(const unsigned char salt[MH_SHA256_LEN], const char *key, int resolved,
                    unsigned attempt, char out[MH_PSEUDO_MAX])
{
	unsigned char h[MH_SHA256_LEN];
	char msg[1100];
	int n = snprintf(msg, sizeof(msg), "person\n%d\n%u\n%s", resolved ? 1 : 0, attempt, key);
	unsigned num;

	if (n < 0 || (size_t)n >= sizeof(msg))
		n = (int)sizeof(msg) - 1;
	mh_http_hmac_sha256(salt, MH_SHA256_LEN, msg, (size_t)n, h);
	num = ((unsigned)h[2] << 24 | (unsigned)h[3] << 16 | (unsigned)h[4] << 8 | h[5]) % 10000;
	snprintf(out, MH_PSEUDO_MAX, "%s-%s-%04u", mh_pseudo_adjectives[h[0] % MH_PSEUDO_WORDS],
	         mh_pseudo_animals[h[1] % MH_PSEUDO_WORDS], num);
}

int mh_pseudo_valid(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n > 0 && n < MH_PSEUDO_MAX;
}
