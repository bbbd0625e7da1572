/* Fuzz the TZif parser and the POSIX rule evaluation behind it. */
#include <stddef.h>
#include <stdint.h>

#include "util/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t when[] = {
	    -4000000000LL,
	    -1,
	    0,
	    1000000000LL,
	    1710054000LL,
	    1730613600LL,
	    4102444800LL,
	    253402300799LL,
	    INT64_MAX,
	    INT64_MIN,
	};
	struct mh_tzinfo *z;
	volatile int32_t sink = 0;
	size_t i;

	if (mh_tzif_parse(data, size, &z, NULL))
		return 0;
	for (i = 0; i < sizeof(when) / sizeof(when[0]); i++)
		sink += mh_tzinfo_offset(z, when[i]);
	mh_tzinfo_free(z);
	(void)sink;
	return 0;
}
