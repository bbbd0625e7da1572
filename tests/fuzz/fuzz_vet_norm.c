/* libFuzzer: the vetting normalisers. Every result must be NUL-terminated,
 * fit the buffer, report its length, and be a fixed point where the form is
 * meant to be canonical (normalising a canonical e-mail or phone again gives
 * the same value). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vet/minhash.h"
#include "vet/vnorm.h"

static void check(size_t len, const char *out, size_t cap)
{
	if (len >= cap || strlen(out) != len)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char out[600], again[600], cc[3];
	struct mh_minhash sig;
	size_t len;

	if (size > 4096)
		return 0;
	len = mh_vet_norm_email(s, size, out, sizeof(out));
	check(len, out, sizeof(out));
	if (len && (mh_vet_norm_email(out, len, again, sizeof(again)) != len || strcmp(out, again)))
		abort();
	len = mh_vet_norm_phone(s, size, size > 2 ? s : "GB", out, sizeof(out));
	check(len, out, sizeof(out));
	if (len && out[0] == '+' &&
	    (mh_vet_norm_phone(out, len, "", again, sizeof(again)) != len || strcmp(out, again)))
		abort();
	check(mh_vet_norm_address(s, size, out, sizeof(out)), out, sizeof(out));
	check(mh_vet_norm_address(s, size, out, 16), out, 16);
	mh_vet_address_country(s, size, cc);
	if (strlen(cc) != 0 && strlen(cc) != 2)
		abort();
	check(mh_vet_norm_url(s, size, NULL, out, sizeof(out)), out, sizeof(out));
	check(mh_vet_norm_url(s, size, "github", out, 24), out, 24);
	mh_minhash_text(s, size, 1 + size % 8, &sig);
	if (size > 1) {
		double j = mh_shingle_jaccard(s, size / 2, s + size / 2, size - size / 2, 3);

		if (j < 0 || j > 1)
			abort();
	}
	return 0;
}
