/*
 * farm.shared_artifact — employees who share a phone, payroll account,
 * ship-to address, laptop serial or personal e-mail on the roster.
 *
 * What it catches: the paperwork of a laptop farm. One facilitator receives
 * every laptop (one ship-to address), one handler collects the pay (one bank
 * account), one phone or mailbox answers for several "people".
 *
 * How: finish normalises each roster field (intel/norm.h for phone and
 * e-mail; letters and digits for accounts and serials; lower-case words
 * with common street words abbreviated for addresses; state names are not
 * abbreviated) and groups equal values.
 * One finding per (person, field), naming the others and their roster lines
 * (evidence file 0 is the roster; lines are the rows').
 *
 * Points per field, by how innocent sharing it can be:
 *   payroll_account 35 — pay goes to one account: hardly ever innocent;
 *   personal_email  30 — one private mailbox for two employees;
 *   phone           25 — one personal number for two employees;
 *   laptop_serial   15 — one device on two people at the same time (a
 *                        serial re-issued after one left does not count);
 *   ship_address    20 — laptops shipped to someone else's home.
 * Those are for sharers who claim different home cities. When every sharer
 * claims one city it looks like a household (a joint account, a family
 * landline, one home): payroll 6, e-mail 5, phone 4, serial 5, ship-to 3.
 * The summary also says when the ship-to address is not in a sharer's
 * claimed city.
 * A value more than `max_people` (10) people share is a placeholder
 * ("N/A", the office) and skipped; values shorter than 5 characters after
 * normalising are ignored. Two rows with the same name whose employments do
 * not overlap are one person rehired, not a pair. Addresses listed in
 * allow.office_addresses (shipping to the office) are skipped.
 *
 * Benign look-alikes: relatives and flatmates (one city: a few points),
 * re-issued laptops, rehires, placeholder values.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "detect/detector.h"
#include "detect/dutil.h"
#include "intel/norm.h"
#include "util/xalloc.h"

#define ID        "farm.shared_artifact"
#define VAL_MAX   160
#define MAX_GROUP 64

extern const struct mh_detector mh_det_farm_shared_artifact;

enum field { F_PAYROLL = 0, F_EMAIL, F_PHONE, F_SERIAL, F_SHIP, F__COUNT };

static const char *const field_name[F__COUNT] = {
    "payroll_account", "personal_email", "phone", "laptop_serial", "ship_address",
};
static const double field_points[F__COUNT] = {35, 30, 25, 15, 20};
/* The same when every sharer claims one city: a household (joint account,
 * family landline, shared mailbox, one home). */
static const double home_points[F__COUNT] = {6, 5, 4, 5, 3};

static const struct mh_param params[] = {
    {"max_people", MH_P_NUM, 10, 2, MAX_GROUP, "a value more people share is a placeholder"},
    {"local_address_points", MH_P_NUM, 3, 0, 1000,
     "a shared ship-to address in every sharer's own city (a family home)"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double scale, max_people, local_pts;
	char office[8][VAL_MAX];
	int noffice;
};

struct item {
	uint8_t field;
	uint32_t r; /* roster index */
	char v[VAL_MAX];
};

static void norm_words(const char *s, char *out, size_t cap);

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));
	const char *const *items;
	size_t n = mh_config_list(cfg, "allow.office_addresses", &items), i;

	c->scale = mh_detector_points(&mh_det_farm_shared_artifact, cfg) / 35.0;
	c->max_people = mh_config_dnum(cfg, ID, "max_people", 10);
	c->local_pts = mh_config_dnum(cfg, ID, "local_address_points", 3);
	for (i = 0; i < n && c->noffice < 8; i++)
		norm_words(items[i], c->office[c->noffice++], VAL_MAX);
	*vctx = c;
	return 0;
}

/* Letters and digits, upper-cased: account numbers and serials. */
static void norm_alnum(const char *s, char *out, size_t cap)
{
	size_t o = 0;

	for (; *s && o + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[o++] = (char)toupper((unsigned char)*s);
	out[o] = '\0';
}

static const char *const abbrev[][2] = {
    {"street", "st"},     {"avenue", "ave"},     {"road", "rd"},  {"drive", "dr"},
    {"lane", "ln"},       {"boulevard", "blvd"}, {"court", "ct"}, {"place", "pl"},
    {"apartment", "apt"}, {"suite", "ste"},      {"unit", "apt"}, {"north", "n"},
    {"south", "s"},       {"east", "e"},         {"west", "w"},   {NULL, NULL},
};

/* Lower-case words separated by one space, common street words abbreviated. */
static void norm_words(const char *s, char *out, size_t cap)
{
	size_t o = 0;

	while (*s && o + 1 < cap) {
		char w[40];
		size_t n = 0, k;
		const char *word = w;

		while (*s && !isalnum((unsigned char)*s))
			s++;
		while (isalnum((unsigned char)*s)) {
			if (n + 1 < sizeof(w))
				w[n++] = (char)tolower((unsigned char)*s);
			s++;
		}
		w[n] = '\0';
		if (!n)
			break;
		for (k = 0; abbrev[k][0]; k++)
			if (!strcmp(w, abbrev[k][0]))
				word = abbrev[k][1];
		o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? " " : "", word);
	}
	if (o >= cap)
		o = cap - 1;
	out[o] = '\0';
}

static size_t norm_field(const struct ctx *c, int f, const char *s, char *out)
{
	int i;

	out[0] = '\0';
	if (!s || !*s)
		return 0;
	switch (f) {
	case F_EMAIL:
		return mh_norm_email(s, strlen(s), out, VAL_MAX);
	case F_PHONE:
		return mh_norm_phone(s, strlen(s), out, VAL_MAX);
	case F_SHIP:
		norm_words(s, out, VAL_MAX);
		for (i = 0; i < c->noffice; i++)
			if (!strcmp(out, c->office[i]))
				out[0] = '\0';
		break;
	default:
		norm_alnum(s, out, VAL_MAX);
	}
	return strlen(out) >= 5 ? strlen(out) : 0;
}

static const char *field_value(const struct mh_roster_entry *e, int f)
{
	switch (f) {
	case F_PAYROLL:
		return e->payroll_account;
	case F_EMAIL:
		return e->personal_email;
	case F_PHONE:
		return e->phone;
	case F_SERIAL:
		return e->laptop_serial;
	default:
		return e->ship_address;
	}
}

static int by_value(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int d = (int)x->field - (int)y->field;

	if (!d)
		d = strcmp(x->v, y->v);
	return d ? d : x->r < y->r ? -1 : x->r > y->r;
}

static int overlap(const struct mh_roster_entry *a, const struct mh_roster_entry *b)
{
	int32_t a1 = a->termination_day, b1 = b->termination_day;

	return !((a1 != MH_DAY_NONE && b->hire_day != MH_DAY_NONE && a1 < b->hire_day) ||
	         (b1 != MH_DAY_NONE && a->hire_day != MH_DAY_NONE && b1 < a->hire_day));
}

/* Do a and b count as two people sharing field f? */
static int pair(const struct mh_roster_entry *a, const struct mh_roster_entry *b, int f)
{
	if (!overlap(a, b))
		return f != F_SERIAL && !(a->name && b->name && !strcasecmp(a->name, b->name));
	return 1;
}

static int same_city(const struct mh_roster_entry *a, const struct mh_roster_entry *b)
{
	return a->city && b->city && *a->city && !strcasecmp(a->city, b->city);
}

/* Is e's claimed city named in the normalised address? */
static int city_in(const struct mh_roster_entry *e, const char *addr)
{
	char city[64];

	if (!e->city || !*e->city)
		return 1;
	norm_words(e->city, city, sizeof(city));
	return strstr(addr, city) != NULL;
}

/* The state person of roster index r (roster people come first). */
static uint32_t person_of(const struct mh_world *w, uint32_t r)
{
	return r < w->st->n && w->st->ps[r].roster == r ? r : MH_NOBODY;
}

static void report(struct ctx *c, const struct mh_world *w, const struct item *g, int n, int i,
                   const uint8_t *with, struct mh_findings *out)
{
	const struct mh_roster_entry *e = &w->roster->v[g[i].r];
	uint32_t p = person_of(w, g[i].r);
	double pts = field_points[g[i].field] * c->scale;
	struct mh_finding *fd;
	char others[100] = "";
	size_t o = 0;
	int j, k = 0, away = !city_in(e, g[i].v), apart = 0, isnew;

	if (p == MH_NOBODY)
		return;
	for (j = 0; j < n; j++)
		if (with[j]) {
			const struct mh_roster_entry *x = &w->roster->v[g[j].r];

			k++;
			away |= !city_in(x, g[i].v);
			apart |= !same_city(e, x);
			if (o < sizeof(others))
				o += (size_t)snprintf(others + o, sizeof(others) - o, "%s%s",
				                      o ? ", " : "", x->employee_id);
		}
	if (!apart)
		pts = g[i].field == F_SHIP ? c->local_pts : home_points[g[i].field] * c->scale;
	fd = mh_findings_upsert(out, ID, p, field_name[g[i].field], MH_ORIGIN_FINISH, w->now_ms,
	                        &isnew);
	fd->points = pts;
	snprintf(fd->summary, sizeof(fd->summary), "shares %s with %d other employee%s (%s)%s",
	         field_name[g[i].field], k, k == 1 ? "" : "s", others,
	         apart  ? ", claiming different home cities"
	         : away ? ", away from the claimed home city"
	                : ", one household?");
	mh_finding_evidence(fd, 0, e->line, 0, "roster %s: %s = %.60s", e->employee_id,
	                    field_name[g[i].field], field_value(e, g[i].field));
	for (j = 0; j < n; j++)
		if (with[j])
			mh_finding_evidence(
			    fd, 0, w->roster->v[g[j].r].line, 0, "roster %s has the same %s",
			    w->roster->v[g[j].r].employee_id, field_name[g[i].field]);
}

static void judge(struct ctx *c, const struct mh_world *w, const struct item *g, int n,
                  struct mh_findings *out)
{
	uint8_t with[MAX_GROUP];
	int i, j, any;

	for (i = 0; i < n; i++) {
		any = 0;
		for (j = 0; j < n; j++) {
			with[j] = j != i &&
			          pair(&w->roster->v[g[i].r], &w->roster->v[g[j].r], g[i].field);
			any |= with[j];
		}
		if (any)
			report(c, w, g, n, i, with, out);
	}
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vctx;
	struct item *it;
	size_t n = 0, i, j, r;
	int f;

	if (!w->roster || !w->roster->n)
		return;
	it = mh_calloc(w->roster->n * F__COUNT, sizeof(*it));
	for (r = 0; r < w->roster->n; r++)
		for (f = 0; f < F__COUNT; f++)
			if (norm_field(c, f, field_value(&w->roster->v[r], f), it[n].v)) {
				it[n].field = (uint8_t)f;
				it[n++].r = (uint32_t)r;
			}
	qsort(it, n, sizeof(*it), by_value);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && it[j].field == it[i].field && !strcmp(it[j].v, it[i].v);
		     j++)
			;
		if (j - i >= 2 && j - i <= c->max_people && j - i <= MAX_GROUP)
			judge(c, w, &it[i], (int)(j - i), out);
	}
	free(it);
}

static void cfree(void *vctx)
{
	free(vctx);
}

const struct mh_detector mh_det_farm_shared_artifact = {
    .id = ID,
    .family = "farm",
    .summary = "employees sharing payroll account, phone, personal e-mail, serial or ship-to",
    .technique = NULL,
    .points = 35,
    .cap = 45,
    .params = params,
    .init = init,
    .finish = finish,
    .free = cfree,
};
