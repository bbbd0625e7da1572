/*
 * The decoder registry (decoder.h) and format sniffing. Order matters only for
 * ties: a more specific format comes before a more general one (the Azure
 * Monitor shape before the bare Graph signIn, GitHub before ECS, since both
 * write "@timestamp").
 */
#include "ingest/decoder.h"
#include "ingest/sniff.h"

#include <string.h>

extern const struct mh_decoder mh_dec_okta, mh_dec_entra_diag, mh_dec_entra, mh_dec_github,
    mh_dec_ecs, mh_dec_osquery;

const struct mh_decoder *const mh_decoders[] = {
    &mh_dec_okta, &mh_dec_entra_diag, &mh_dec_entra, &mh_dec_github,
    &mh_dec_ecs,  &mh_dec_osquery,    NULL,
};

const struct mh_decoder *mh_decoder_find(const char *name)
{
	for (int i = 0; mh_decoders[i]; i++)
		if (strcmp(mh_decoders[i]->name, name) == 0)
			return mh_decoders[i];
	return NULL;
}

const struct mh_decoder *mh_decoder_sniff(const char *rec, size_t n)
{
	const struct mh_decoder *best = NULL;
	int top = 0;

	for (int i = 0; mh_decoders[i]; i++) {
		int s = mh_decoders[i]->sniff(rec, n);

		if (s > top) {
			top = s;
			best = mh_decoders[i];
		}
	}
	return best;
}

void mh_sniffer_add(struct mh_sniffer *s, const char *rec, size_t n)
{
	for (int i = 0; mh_decoders[i] && i < MH_SNIFF_MAX_DECODERS; i++)
		s->score[i] += mh_decoders[i]->sniff(rec, n);
	s->records++;
}

const struct mh_decoder *mh_sniffer_best(const struct mh_sniffer *s)
{
	const struct mh_decoder *best = NULL;
	int top = 0;

	for (int i = 0; mh_decoders[i] && i < MH_SNIFF_MAX_DECODERS; i++) {
		if (s->score[i] > top) {
			top = s->score[i];
			best = mh_decoders[i];
		}
	}
	return best;
}

/* A key, quoted, followed by optional blanks and a colon: "key": */
int mh_sniff_key(const char *rec, size_t n, const char *key)
{
	size_t k = strlen(key);
	const char *p = rec, *end = rec + n;

	while ((p = memmem(p, (size_t)(end - p), key, k)) != NULL) {
		const char *q = p + k;

		if (p > rec && p[-1] == '"' && q < end && *q == '"') {
			for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
				;
			if (q < end && *q == ':')
				return 1;
		}
		p++;
	}
	return 0;
}
