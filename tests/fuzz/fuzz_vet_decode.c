/* libFuzzer: the applicant decoders (Greenhouse JSON, JSON Lines, CSV) and a
 * vetting run over whatever they accept. */
#include <stddef.h>
#include <stdint.h>

#include "vet/applicant.h"
#include "vet/vet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_applicants set = {0};
	struct mh_err err;
	struct mh_vet *v;

	if (size > (1u << 20))
		return 0;
	mh_applicants_parse(&set, "fuzz", (const char *)data, size, NULL, NULL, &err);
	v = mh_vet_new(NULL, NULL, NULL);
	mh_vet_run(v, &set, &err);
	mh_vet_free(v);
	mh_applicants_release(&set);
	return 0;
}
