/* Fuzz target: resume text through the technology-anachronism scan. */
#include <stddef.h>
#include <stdint.h>

#include "vet/anachronism.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_anachronism a;

	(void)mh_anachronism_find((const char *)data, size, &a);
	return 0;
}
