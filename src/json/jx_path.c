/*
 * Compiling dotted paths into the radix trie that jx.c walks.
 *
 * First a plain one-byte-per-node trie is built (first-child/next-sibling
 * lists), then it is compressed breadth first into radix nodes whose children
 * are contiguous, so a lookup is one vector compare over their first bytes.
 * A plain node becomes a radix node ("boundary") when it is the root, ends a
 * path, branches, is a '.' or is followed by a '.': keys must end exactly on
 * a boundary, and the '.' edge must be a node of its own so that entering an
 * object can continue from it.
 *
 * Ownership: the struct mh_jx owns copies of the paths and all arrays.
 */
#include "json/jx_int.h"

#include <stdlib.h>

#include "util/xalloc.h"

struct plain {
	size_t n;
	char *ch;
	int *kid, *sib, *term;
};

static int plain_child(struct plain *t, int x, char c)
{
	int *link = &t->kid[x];

	while (*link >= 0) {
		if (t->ch[*link] == c)
			return *link;
		link = &t->sib[*link];
	}
	t->ch[t->n] = c;
	t->kid[t->n] = t->sib[t->n] = t->term[t->n] = -1;
	*link = (int)t->n;
	return (int)t->n++;
}

static void plain_insert(struct plain *t, struct mh_jx *jx, int path)
{
	int x = 0;

	for (const char *c = jx->paths[path]; *c; c++)
		x = plain_child(t, x, *c);
	jx->next_dup[path] = -1;
	if (t->term[x] < 0) {
		t->term[x] = path;
		return;
	}
	for (x = t->term[x]; jx->next_dup[x] >= 0; x = jx->next_dup[x])
		continue;
	jx->next_dup[x] = (int8_t)path;
}

static int boundary(const struct plain *t, int x)
{
	int k = t->kid[x];

	return x == 0 || t->term[x] >= 0 || k < 0 || t->sib[k] >= 0 || t->ch[x] == '.' ||
	       t->ch[k] == '.';
}

/* Compress: queue[i] is the plain node of radix node i. */
static void compress(const struct plain *t, struct mh_jx *jx)
{
	int *queue = mh_malloc(t->n * sizeof(*queue));
	size_t nn = 1, nl = 0;

	queue[0] = 0;
	jx->nodes[0] = (struct mh_jx_node){.dot = -1, .term = (int16_t)t->term[0]};
	for (size_t i = 0; i < nn; i++) {
		struct mh_jx_node *r = &jx->nodes[i];

		r->first = (uint16_t)nn;
		for (int k = t->kid[queue[i]]; k >= 0; k = t->sib[k]) {
			struct mh_jx_node *c = &jx->nodes[nn];
			int y = k;

			c->label = (uint32_t)nl;
			jx->labels[nl++] = t->ch[y];
			while (!boundary(t, y)) {
				y = t->kid[y];
				jx->labels[nl++] = t->ch[y];
			}
			c->len = (uint16_t)(nl - c->label);
			c->dot = -1;
			c->term = (int16_t)t->term[y];
			jx->fc[nn] = (uint8_t)t->ch[k];
			if (c->len == 1 && t->ch[k] == '.')
				r->dot = (int16_t)nn;
			queue[nn++] = y;
			if (r->nchild < 16)
				r->fmask |= (uint16_t)(1u << r->nchild);
			r->nchild++;
		}
	}
	free(queue);
}

static int check_path(const char *p, struct mh_err *err)
{
	size_t n = strlen(p);

	if (n == 0)
		return mh_err_set(err, MH_EUSAGE, "empty JSON path");
	if (n > MH_JX_MAX_PATH_LEN)
		return mh_err_set(err, MH_ELIMIT, "JSON path longer than %d bytes: %.40s...",
		                  MH_JX_MAX_PATH_LEN, p);
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)p[i] < 0x20)
			return mh_err_set(err, MH_EUSAGE, "control character in JSON path '%s'", p);
	}
	return 0;
}

struct mh_jx *mh_jx_new(const char *const *paths, size_t npaths, struct mh_err *err)
{
	struct plain t = {.n = 1};
	struct mh_jx *jx;
	size_t total = 1;

	if (npaths > MH_JX_MAX_PATHS) {
		mh_err_set(err, MH_ELIMIT, "%zu JSON paths, at most %d allowed", npaths,
		           MH_JX_MAX_PATHS);
		return NULL;
	}
	for (size_t i = 0; i < npaths; i++) {
		if (check_path(paths[i], err) < 0)
			return NULL;
		total += strlen(paths[i]);
	}
	jx = mh_calloc(1, sizeof(*jx));
	jx->npaths = npaths;
	jx->paths = mh_calloc(npaths, sizeof(*jx->paths));
	jx->nodes = mh_calloc(total, sizeof(*jx->nodes));
	jx->fc = mh_calloc(total + 16, 1);
	jx->labels = mh_calloc(total + 16, 1);
	t.ch = mh_malloc(total);
	t.kid = mh_malloc(total * sizeof(int));
	t.sib = mh_malloc(total * sizeof(int));
	t.term = mh_malloc(total * sizeof(int));
	t.kid[0] = t.sib[0] = t.term[0] = -1;
	t.ch[0] = 0;
	for (size_t i = 0; i < npaths; i++) {
		jx->paths[i] = mh_strdup(paths[i]);
		plain_insert(&t, jx, (int)i);
	}
	compress(&t, jx);
	free(t.ch);
	free(t.kid);
	free(t.sib);
	free(t.term);
	return jx;
}

void mh_jx_free(struct mh_jx *jx)
{
	if (!jx)
		return;
	for (size_t i = 0; i < jx->npaths; i++)
		free(jx->paths[i]);
	free(jx->paths);
	free(jx->nodes);
	free(jx->fc);
	free(jx->labels);
	free(jx);
}

size_t mh_jx_npaths(const struct mh_jx *jx)
{
	return jx->npaths;
}

const char *mh_jx_path(const struct mh_jx *jx, size_t i)
{
	return i < jx->npaths ? jx->paths[i] : NULL;
}
