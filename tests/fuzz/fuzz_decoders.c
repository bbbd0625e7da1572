/* Fuzz every decoder: the first byte picks the decoder (modulo the registry
 * size), the rest is one record. Checks the decoder contract: no crash, a
 * result of OK/SKIP/ERR, a reason on SKIP/ERR, nothing emitted on ERR, and
 * every emitted string a valid slice. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/decoder.h"
#include "ingest/field.h"

static size_t emitted;
static volatile char touched; /* reading every byte lets ASan check the slices */

static void emit(void *arg, const struct mh_event *ev)
{
	const struct mh_str *s[] = {&ev->user, &ev->host, &ev->action, &ev->process,
	                            &ev->path, &ev->repo, &ev->dest,   &ev->command_line};

	(void)arg;
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		if (s[i]->n && !mh_utf8_valid(s[i]->p, s[i]->n))
			abort();
		for (size_t k = 0; k < s[i]->n; k++)
			touched ^= s[i]->p[k];
	}
	emitted++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *ctx[16];
	size_t ndec = 0;
	const struct mh_decoder *d;
	struct mh_record rec = {0};
	struct mh_err why = {0};
	int rc;

	while (mh_decoders[ndec])
		ndec++;
	if (size < 1)
		return 0;
	d = mh_decoders[data[0] % ndec];
	if (!ctx[data[0] % ndec])
		ctx[data[0] % ndec] = d->ctx_new();
	rec.p = (const char *)data + 1;
	rec.n = size - 1;
	rec.line = 1;
	d->sniff(rec.p, rec.n);
	emitted = 0;
	rc = d->decode(ctx[data[0] % ndec], &rec, emit, NULL, &why);
	if (rc != MH_DEC_OK && rc != MH_DEC_SKIP && rc != MH_DEC_ERR && rc != MH_DEC_FOREIGN)
		abort();
	if (rc != MH_DEC_OK && why.msg[0] == '\0')
		abort();
	if ((rc == MH_DEC_ERR || rc == MH_DEC_FOREIGN) && emitted)
		abort();
	return 0;
}
