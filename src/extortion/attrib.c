/*
 * Attribution, data part (attrib.h): the leaked set's keys (hashes, paths by
 * base name, repository names) in maps, one pass over each artifact kind,
 * raw hits expanded from archives to the leaves they hold, the best hit per
 * (person, leaf), and exclusivity from how many people match each leaf.
 */
#include "extortion/attrib.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_cases.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* A multimap: key -> list of (item, aux) through next links. */
struct mmap {
	struct mh_strmap *m;
	struct node {
		int item, aux;
		int next;
	} * v;
	size_t n, cap;
};

/* hash: aux is the weight in percent; base: aux indexes paths; repo: no aux */
struct keyset {
	struct mmap hash, base, repo;
	char **paths;   /* normalised paths, aux of base entries indexes this */
	double *path_w; /* weight of each path: 1 for the item's own, a document's score */
	size_t npaths, cappaths;
};

struct raw {
	int64_t person;
	int item, via;
	const char *how;
	double w;
	char *kind, *value, *matched;
	uint64_t count;
	int64_t first_ms, last_ms, source_id;
	uint64_t line;
};

struct scan {
	const struct mh_leak *L;
	struct keyset *ks;
	struct raw *raw;
	size_t nraw, capraw;
	int64_t mail_ms;
	int **below; /* per archive item: leaf indexes it holds, -1 ended */
	int *is_leaf;
};

static void mm_init(struct mmap *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->m = mh_strmap_new();
}

static void mm_free(struct mmap *mm)
{
	mh_strmap_free(mm->m);
	free(mm->v);
}

static void mm_add(struct mmap *mm, const char *key, size_t n, int item, int aux)
{
	uint32_t head;
	int prev = -1;

	if (mh_strmap_get(mm->m, key, n, &head))
		prev = (int)head;
	mm->v = mh_grow(mm->v, &mm->cap, mm->n + 1, sizeof(*mm->v));
	mm->v[mm->n].item = item;
	mm->v[mm->n].aux = aux;
	mm->v[mm->n].next = prev;
	mh_strmap_put(mm->m, key, n, (uint32_t)mm->n);
	mm->n++;
}

static int mm_first(const struct mmap *mm, const char *key, size_t n)
{
	uint32_t head;

	return mh_strmap_get(mm->m, key, n, &head) ? (int)head : -1;
}

/* Lower case, '\' to '/', no trailing '/'. */
static char *norm_path(const char *p)
{
	char *s = mh_strdup(p), *c;
	size_t n;

	for (c = s; *c; c++) {
		if (*c == '\\')
			*c = '/';
		else if (*c >= 'A' && *c <= 'Z')
			*c += 32;
	}
	n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

static const char *base_of(const char *p)
{
	const char *b = strrchr(p, '/');

	return b ? b + 1 : p;
}

/* Directory names too common to name a repository. */
static int generic_dir(const char *s, size_t n)
{
	static const char *const g[] = {"src",     "home",      "users", "documents", "downloads",
	                                "desktop", "tmp",       "c:",    "volumes",   "media",
	                                "mnt",     "(unnamed)", NULL};
	int i;

	if (n == 0 || (n == 1 && s[0] == '.'))
		return 1;
	for (i = 0; g[i]; i++)
		if (strlen(g[i]) == n && !memcmp(g[i], s, n))
			return 1;
	return 0;
}

static void add_path(struct keyset *ks, int item, const char *path, double w)
{
	char *p = norm_path(path);
	const char *b = base_of(p), *c = p;

	ks->paths = mh_grow(ks->paths, &ks->cappaths, ks->npaths + 1, sizeof(*ks->paths));
	ks->path_w = mh_realloc(ks->path_w, ks->cappaths * sizeof(*ks->path_w));
	ks->paths[ks->npaths] = p;
	ks->path_w[ks->npaths] = w;
	mm_add(&ks->base, b, strlen(b), item, (int)ks->npaths);
	ks->npaths++;
	while (c < b) { /* directory components name repositories */
		size_t k = strcspn(c, "/");

		if (!generic_dir(c, k))
			mm_add(&ks->repo, c, k, item, 0);
		c += k + 1;
	}
}

static void add_repo(struct keyset *ks, int item, const char *repo)
{
	char *r = norm_path(repo);
	const char *b = base_of(r);
	size_t n = strlen(b);

	if (n > 4 && !strcmp(b + n - 4, ".git"))
		n -= 4;
	if (!generic_dir(b, n))
		mm_add(&ks->repo, b, n, item, 0);
	free(r);
}

static void build_keys(const struct mh_leak *L, struct keyset *ks)
{
	size_t i, d;

	memset(ks, 0, sizeof(*ks));
	mm_init(&ks->hash);
	mm_init(&ks->base);
	mm_init(&ks->repo);
	for (i = 0; i < L->n; i++) {
		const struct mh_leak_item *it = &L->v[i];

		if (it->kind != MH_ITEM_BODY) {
			if (it->size > 0)
				mm_add(&ks->hash, it->sha256, strlen(it->sha256), (int)i, 100);
			add_path(ks, (int)i, it->name, 1.0);
		}
		for (d = 0; d < it->ndocs; d++) {
			const struct mh_doc_hit *h = &it->docs[d];
			int w = (int)(90 * (h->score < 1 ? h->score : 1));

			mm_add(&ks->hash, h->sha256, strlen(h->sha256), (int)i, w);
			add_path(ks, (int)i, h->path, h->score < 1 ? h->score : 1);
			if (h->repo)
				add_repo(ks, (int)i, h->repo);
		}
	}
}

static void free_keys(struct keyset *ks)
{
	size_t i;

	mm_free(&ks->hash);
	mm_free(&ks->base);
	mm_free(&ks->repo);
	for (i = 0; i < ks->npaths; i++)
		free(ks->paths[i]);
	free(ks->paths);
	free(ks->path_w);
}

static void hit(struct scan *sc, int item, const char *how, double w, const char *matched,
                const struct mh_art_row *r)
{
	struct raw *x;

	if (sc->nraw >= MH_ATTRIB_MAX_HITS)
		return;
	sc->raw = mh_grow(sc->raw, &sc->capraw, sc->nraw + 1, sizeof(*sc->raw));
	x = &sc->raw[sc->nraw++];
	memset(x, 0, sizeof(*x));
	x->person = r->person;
	x->item = item;
	x->via = item;
	x->how = how;
	x->w = w;
	x->kind = mh_strdup(r->kind);
	x->value = mh_strdup(r->value);
	x->matched = mh_strdup(matched);
	x->count = r->count;
	x->first_ms = r->first_ms;
	x->last_ms = r->last_ms;
	x->source_id = r->source_id;
	x->line = r->line;
}

static int too_late(const struct scan *sc, const struct mh_art_row *r)
{
	return sc->mail_ms > 0 && r->first_ms > sc->mail_ms;
}

static int on_hash(void *arg, const struct mh_art_row *r)
{
	struct scan *sc = arg;
	char v[MH_SHA256_HEX];
	size_t i, n = strlen(r->value);
	int k;

	if (too_late(sc, r) || n != 64)
		return 0;
	for (i = 0; i < n; i++)
		v[i] = (char)(r->value[i] >= 'A' && r->value[i] <= 'F' ? r->value[i] + 32
		                                                       : r->value[i]);
	v[n] = '\0';
	for (k = mm_first(&sc->ks->hash, v, n); k >= 0; k = sc->ks->hash.v[k].next) {
		int w = sc->ks->hash.v[k].aux;

		hit(sc, sc->ks->hash.v[k].item,
		    w >= 100 ? "sha256" : "sha256 of a matching document", w / 100.0, v, r);
	}
	return 0;
}

/* Trailing path components a and b share. */
static unsigned common_tail(const char *a, const char *b)
{
	size_t i = strlen(a), j = strlen(b);
	unsigned k = 0;

	while (i > 0 && j > 0) {
		size_t si = i, sj = j;

		while (si > 0 && a[si - 1] != '/')
			si--;
		while (sj > 0 && b[sj - 1] != '/')
			sj--;
		if (i - si != j - sj || memcmp(a + si, b + sj, i - si))
			break;
		k++;
		if (!si || !sj)
			break;
		i = si - 1;
		j = sj - 1;
	}
	return k;
}

static size_t archive_stem(const char *base)
{
	static const char *const ext[] = {".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip",
	                                  ".tar",    ".7z",      ".rar",    NULL};
	size_t n = strlen(base), k;
	int i;

	for (i = 0; ext[i]; i++) {
		k = strlen(ext[i]);
		if (n > k && !strcmp(base + n - k, ext[i]))
			return n - k;
	}
	return 0;
}

static int on_file(void *arg, const struct mh_art_row *r)
{
	struct scan *sc = arg;
	char *p;
	const char *b;
	size_t stem;
	int k;

	if (too_late(sc, r))
		return 0;
	p = norm_path(r->value);
	b = base_of(p);
	for (k = mm_first(&sc->ks->base, b, strlen(b)); k >= 0; k = sc->ks->base.v[k].next) {
		const struct node *nd = &sc->ks->base.v[k];
		const char *lp = sc->ks->paths[nd->aux];
		unsigned c = common_tail(p, lp);
		double w = c >= 3 ? 0.8 : c == 2 ? 0.6 : 0.3;

		hit(sc, nd->item, c >= 2 ? "path" : "file name", w * sc->ks->path_w[nd->aux], lp,
		    r);
	}
	stem = archive_stem(b);
	for (k = stem ? mm_first(&sc->ks->repo, b, stem) : -1; k >= 0; k = sc->ks->repo.v[k].next)
		hit(sc, sc->ks->repo.v[k].item, "archive named after a leaked repository", 0.4, b,
		    r);
	free(p);
	return 0;
}

static int on_repo(void *arg, const struct mh_art_row *r)
{
	struct scan *sc = arg;
	char *p;
	const char *b;
	size_t n;
	int k;

	if (too_late(sc, r))
		return 0;
	p = norm_path(r->value);
	b = base_of(p);
	n = strlen(b);
	if (n > 4 && !strcmp(b + n - 4, ".git"))
		n -= 4;
	for (k = mm_first(&sc->ks->repo, b, n); k >= 0; k = sc->ks->repo.v[k].next)
		hit(sc, sc->ks->repo.v[k].item, "repository", 0.5, b, r);
	free(p);
	return 0;
}

/* For every archive, the leaves below it; leaves are files and matched bodies. */
static void tree(struct scan *sc)
{
	const struct mh_leak *L = sc->L;
	size_t i, *n = mh_calloc(L->n + 1, sizeof(size_t));

	sc->is_leaf = mh_calloc(L->n + 1, sizeof(int));
	sc->below = mh_calloc(L->n + 1, sizeof(int *));
	for (i = 0; i < L->n; i++)
		sc->is_leaf[i] = L->v[i].kind == MH_ITEM_FILE ||
		                 (L->v[i].kind == MH_ITEM_BODY && L->v[i].ndocs > 0);
	for (i = 0; i < L->n; i++) {
		int p;

		if (!sc->is_leaf[i])
			continue;
		for (p = L->v[i].parent; p >= 0; p = L->v[p].parent) {
			sc->below[p] = mh_realloc(sc->below[p], (n[p] + 2) * sizeof(int));
			sc->below[p][n[p]++] = (int)i;
			sc->below[p][n[p]] = -1;
		}
	}
	free(n);
}

static int cmp_raw(const void *a, const void *b)
{
	const struct raw *x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->last_ms > y->last_ms ? -1 : x->last_ms < y->last_ms;
}

static void add_best(struct mh_attrib *a, const struct raw *x)
{
	struct mh_candidate *c = mh_attrib_person(a, x->person);
	struct mh_attrib_hit *h;

	c->hits = mh_realloc(c->hits, (c->nhits + 1) * sizeof(*c->hits));
	h = &c->hits[c->nhits++];
	h->item = x->item;
	h->via = x->via;
	h->how = x->how;
	h->w = x->w;
	h->kind = mh_strdup(x->kind);
	h->value = mh_strdup(x->value);
	h->matched = mh_strdup(x->matched);
	h->count = x->count;
	h->first_ms = x->first_ms;
	h->last_ms = x->last_ms;
	h->source_id = x->source_id;
	h->line = x->line;
}

/* Raw hits on leaves and archives -> the best hit per (person, leaf). The
 * expanded copies borrow the raw hits' strings. */
static void best_hits(struct scan *sc, struct mh_attrib *a)
{
	struct raw *ex = NULL;
	size_t nex = 0, cap = 0, i;

	for (i = 0; i < sc->nraw; i++) {
		const struct raw *x = &sc->raw[i];
		int one[2] = {x->item, -1};
		const int *leaf = sc->is_leaf[x->item] ? one : sc->below[x->item];

		for (; leaf && *leaf >= 0; leaf++) {
			ex = mh_grow(ex, &cap, nex + 1, sizeof(*ex));
			ex[nex] = *x;
			ex[nex].via = x->item;
			ex[nex++].item = *leaf;
		}
	}
	if (nex)
		qsort(ex, nex, sizeof(*ex), cmp_raw);
	for (i = 0; i < nex; i++)
		if (!i || ex[i].person != ex[i - 1].person || ex[i].item != ex[i - 1].item)
			add_best(a, &ex[i]);
	free(ex);
}

static void free_scan(struct scan *sc)
{
	size_t i;

	for (i = 0; i < sc->nraw; i++) {
		free(sc->raw[i].kind);
		free(sc->raw[i].value);
		free(sc->raw[i].matched);
	}
	free(sc->raw);
	for (i = 0; i < sc->L->n + 1; i++)
		if (sc->below)
			free(sc->below[i]);
	free(sc->below);
	free(sc->is_leaf);
}

int mh_attrib_run(struct mh_store *s, const struct mh_leak *L, const struct mh_mail *m,
                  int64_t mail_ms, struct mh_attrib *out, struct mh_err *err)
{
	struct keyset ks;
	struct scan sc;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->byid = mh_strmap_new();
	out->mail_ms = mail_ms;
	memset(&sc, 0, sizeof(sc));
	sc.L = L;
	sc.ks = &ks;
	sc.mail_ms = mail_ms;
	build_keys(L, &ks);
	tree(&sc);
	for (i = 0; i < L->n; i++)
		out->leaves += (size_t)sc.is_leaf[i];
	rc = mh_store_each_art(s, "file_hash", NULL, on_hash, &sc, err);
	if (!rc)
		rc = mh_store_each_art(s, "file", NULL, on_file, &sc, err);
	if (!rc)
		rc = mh_store_each_art(s, "repo", NULL, on_repo, &sc, err);
	if (!rc)
		best_hits(&sc, out);
	free_scan(&sc);
	free_keys(&ks);
	if (!rc)
		rc = mh_attrib_links(s, out, m, err);
	if (rc) {
		mh_attrib_release(out);
		return -1;
	}
	mh_attrib_score(out);
	mh_attrib_reasons(out, L);
	return 0;
}
