/* Fuzz the MIME path: any bytes either parse into a message whose parts are
 * unpacked and fingerprinted (with small limits), or fail with a message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extortion/leak.h"
#include "extortion/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_mail m;
	struct mh_leak L;
	struct mh_err err = {0};
	size_t i;

	if (mh_mail_parse("fuzz.eml", data, size, &m, &err)) {
		if (!err.msg[0])
			abort();
		return 0;
	}
	for (i = 0; i < m.nhops; i++)
		if (!m.hops[i].ip[0])
			abort();
	mh_leak_init(&L);
	L.lim.max_total = 1u << 20;
	L.lim.max_entries = 64;
	L.lim.text_max = 1u << 16;
	for (i = 0; i < m.nparts; i++) {
		const struct mh_mail_part *p = &m.parts[i];

		if (p->data[p->n] != '\0')
			abort();
		if (p->attachment)
			mh_leak_add(&L, "fuzz.eml", p->name, "attachment", p->data, p->n, &err);
		else
			mh_leak_add_body(&L, p->name, (const char *)p->data, p->n);
	}
	mh_leak_release(&L);
	mh_mail_release(&m);
	return 0;
}
