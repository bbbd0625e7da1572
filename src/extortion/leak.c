/* Building the leaked set (leak.h). */
#include "extortion/leak.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extortion/text.h"
#include "util/xalloc.h"

#define MAX_STACK (MH_UNPACK_DEPTH_CAP + 2)

struct build {
	struct mh_leak *L;
	const char *origin;
	int stack[MAX_STACK];
	int depth;
};

void mh_leak_init(struct mh_leak *L)
{
	memset(L, 0, sizeof(*L));
	mh_unpack_limits_default(&L->lim);
}

static void item_release(struct mh_leak_item *it)
{
	size_t i;

	for (i = 0; i < it->ndocs; i++) {
		free(it->docs[i].path);
		free(it->docs[i].repo);
		free(it->docs[i].sha256);
	}
	free(it->docs);
	free(it->name);
	free(it->origin);
	free(it->refused);
	mh_fps_release(&it->fps);
}

void mh_leak_release(struct mh_leak *L)
{
	size_t i;

	for (i = 0; i < L->n; i++)
		item_release(&L->v[i]);
	for (i = 0; i < L->nrefusals; i++)
		free(L->refusals[i]);
	free(L->v);
	free(L->refusals);
	memset(L, 0, sizeof(*L));
}

static struct mh_leak_item *push(struct mh_leak *L, const char *name, const char *origin, int kind,
                                 int parent)
{
	struct mh_leak_item *it;

	L->v = mh_grow(L->v, &L->cap, L->n + 1, sizeof(*L->v));
	it = &L->v[L->n++];
	memset(it, 0, sizeof(*it));
	it->name = mh_strdup(name);
	it->origin = mh_strdup(origin);
	it->kind = kind;
	it->parent = parent;
	return it;
}

static void fingerprint(struct mh_leak_item *it, const unsigned char *p, size_t n)
{
	char *t;
	size_t tn;

	if (!mh_text_of(p, n, &t, &tn))
		return;
	it->text = 1;
	mh_winnow(t, tn, &it->fps);
	mh_fps_finish(&it->fps);
	mh_fps_cap(&it->fps, MH_LEAK_MAX_FPS);
	free(t);
}

static int on_unpacked(void *arg, const struct mh_unpacked *u)
{
	struct build *b = arg;
	int parent = b->depth ? b->stack[b->depth - 1] : -1;
	struct mh_leak_item *it;

	switch (u->ev) {
	case MH_UNPACK_ENTER:
		push(b->L, u->path, b->origin, MH_ITEM_ARCHIVE, parent);
		if (b->depth < MAX_STACK)
			b->stack[b->depth++] = (int)b->L->n - 1;
		return 0;
	case MH_UNPACK_LEAVE:
		if (!b->depth)
			return 0;
		it = &b->L->v[b->stack[--b->depth]];
		it->size = u->size;
		mh_sha256_hex(u->sha256, it->sha256);
		return 0;
	case MH_UNPACK_FILE:
		it = push(b->L, u->path, b->origin, MH_ITEM_FILE, parent);
		it->size = u->size;
		mh_sha256_hex(u->sha256, it->sha256);
		fingerprint(it, u->head, u->head_n);
		return 0;
	}
	return 0;
}

static void refused(struct mh_leak *L, size_t first, const char *where, const char *name,
                    const char *origin, const void *data, size_t n, const char *why)
{
	struct mh_leak_item *it;
	size_t len = strlen(where) + strlen(why) + 3;
	char *msg = mh_malloc(len);

	while (L->n > first)
		item_release(&L->v[--L->n]);
	it = push(L, name, origin, MH_ITEM_FILE, -1);
	it->size = n;
	mh_sha256_hexof(data, n, it->sha256);
	it->refused = mh_strdup(why);
	snprintf(msg, len, "%s: %s", where, why);
	L->refusals = mh_realloc(L->refusals, (L->nrefusals + 1) * sizeof(char *));
	L->refusals[L->nrefusals++] = msg;
}

int mh_leak_add(struct mh_leak *L, const char *where, const char *name, const char *origin,
                const void *data, size_t n, struct mh_err *err)
{
	struct build b;
	size_t first = L->n;
	struct mh_err uerr;
	int rc;

	memset(&b, 0, sizeof(b));
	b.L = L;
	b.origin = origin;
	mh_err_clear(&uerr);
	rc = mh_unpack(name, data, n, &L->lim, on_unpacked, &b, &uerr);
	if (rc == -1)
		refused(L, first, where, name, origin, data, n, uerr.msg);
	else if (rc)
		return mh_err_set(err, MH_EINPUT, "%s: unpacking stopped", where);
	return 0;
}

void mh_leak_add_body(struct mh_leak *L, const char *name, const char *text, size_t n)
{
	struct mh_leak_item *it = push(L, name, "body", MH_ITEM_BODY, -1);

	it->size = n;
	mh_sha256_hexof(text, n, it->sha256);
	fingerprint(it, (const unsigned char *)text, n);
}

int mh_leak_is_leaf(const struct mh_leak *L, size_t i)
{
	return L->v[i].kind != MH_ITEM_ARCHIVE;
}
