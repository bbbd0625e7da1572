/*
 * Splitting a whole buffer of top-level JSON values (work.h, struct mh_jseq):
 * "[{...},{...}]", pretty-printed or not, several arrays one after another
 * (paged API dumps), or bare objects between them. Element boundaries come
 * from mh_jx_skip_value, which validates as it goes; the element's line is the
 * line where it starts.
 */
#include <string.h>

#include "ingest/lines.h"
#include "ingest/work.h"
#include "json/jx.h"

void mh_jseq_init(struct mh_jseq *s, const char *p, size_t n, uint64_t line)
{
	memset(s, 0, sizeof(*s));
	s->p = p;
	s->n = n;
	s->line = line;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		s->pos = 3;
}

static uint64_t count_nl(const char *p, size_t n)
{
	uint64_t k = 0;
	const char *end = p + n;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

static void skip_ws(struct mh_jseq *s)
{
	while (s->pos < s->n) {
		char c = s->p[s->pos];

		if (c == '\n')
			s->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return;
		s->pos++;
	}
}

/* After damage: continue at the next line whose first non-blank byte is '{'. */
static void resync(struct mh_jseq *s)
{
	const char *nl;

	while ((nl = memchr(s->p + s->pos, '\n', s->n - s->pos)) != NULL) {
		size_t q = (size_t)(nl - s->p) + 1;

		s->line++;
		s->pos = q;
		while (q < s->n && (s->p[q] == ' ' || s->p[q] == '\t'))
			q++;
		if (q < s->n && s->p[q] == '{') {
			s->need_sep = 0;
			return;
		}
	}
	s->pos = s->n;
}

static int damaged(struct mh_jseq *s, struct mh_record *rec, struct mh_err *why)
{
	rec->line = s->line;
	rec->p = s->p + s->pos;
	rec->n = 0;
	resync(s);
	return -1;
}

int mh_jseq_next(struct mh_jseq *s, struct mh_record *rec, struct mh_err *why)
{
	size_t end;

	for (;;) {
		skip_ws(s);
		if (s->pos >= s->n) {
			if (s->in_array) {
				s->in_array = 0;
				rec->line = s->line;
				mh_err_set(why, MH_EINPUT, "JSON array is not closed");
				return -1;
			}
			return 0;
		}
		if (s->in_array && s->p[s->pos] == ']') {
			s->in_array = 0;
			s->pos++;
			continue;
		}
		if (!s->in_array && s->p[s->pos] == '[') {
			s->in_array = 1;
			s->need_sep = 0;
			s->pos++;
			continue;
		}
		if (s->in_array && s->need_sep) {
			if (s->p[s->pos] != ',') {
				mh_err_set(why, MH_EINPUT,
				           "expected ',' or ']' between array elements");
				return damaged(s, rec, why);
			}
			s->pos++;
			s->need_sep = 0;
			continue;
		}
		if (mh_jx_skip_value(s->p + s->pos, s->n - s->pos, &end, why) != 0)
			return damaged(s, rec, why);
		rec->p = s->p + s->pos;
		rec->n = end;
		rec->line = s->line;
		s->line += count_nl(rec->p, end);
		s->pos += end;
		s->need_sep = s->in_array;
		return 1;
	}
}
