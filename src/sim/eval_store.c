/* Rankings for `molehunt eval --db`: people ordered by score, from the store. */
#include <string.h>

#include "sim/eval.h"
#include "store/store.h"
#include "util/xalloc.h"

static char *keep(struct mh_eval_files *f, const char *s, size_t *cap)
{
	char *copy;

	if (!s)
		return NULL;
	copy = mh_strdup(s);
	f->strings = mh_grow(f->strings, cap, f->nstrings + 1, sizeof(*f->strings));
	f->strings[f->nstrings++] = copy;
	return copy;
}

struct ctx {
	struct mh_eval_files *f;
	size_t cap, scap;
};

static int on_person(void *arg, const struct mh_person_row *p)
{
	struct ctx *c = arg;
	struct mh_eval_rank *r;

	c->f->risk = mh_grow(c->f->risk, &c->cap, c->f->nrisk + 1, sizeof(*c->f->risk));
	r = &c->f->risk[c->f->nrisk++];
	r->person = keep(c->f, p->key, &c->scap);
	r->email = keep(c->f, p->email, &c->scap);
	r->score = p->score;
	return 0;
}

int mh_eval_read_store(struct mh_eval_files *f, const char *db, struct mh_err *err)
{
	struct mh_store *s = mh_store_open_existing(db, err);
	struct ctx c = {f, 0, f->nstrings};
	int rc;

	if (!s)
		return -1;
	rc = mh_store_each_person(s, 0, on_person, &c, err);
	mh_store_close(s);
	return rc;
}
