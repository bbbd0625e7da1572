/* extortion/winnow.c and text.c: fingerprints survive reformatting, find
 * excerpts, and separate unrelated texts. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "extortion/text.h"
#include "extortion/winnow.h"

static const char doc[] =
    "func (l *Ledger) Post(ctx context.Context, e Entry) error {\n"
    "\tdefer span.End()\n\tmetrics.Inc(\"ledger_post_total\")\n"
    "\tif err := l.validate(e); err != nil {\n"
    "\t\treturn fmt.Errorf(\"posting %s: %w\", e.ID, err)\n\t}\n"
    "\t// retry budget agreed in incident 2291 with the payments team\n"
    "\tfor attempt := 0; attempt < retryBudget; attempt++ {\n"
    "\t\tif err := l.store.Append(ctx, e); err == nil {\n\t\t\treturn nil\n\t\t}\n\t}\n"
    "\treturn ErrLedgerUnavailable\n}\n";

static void fps_of(const char *t, struct mh_fps *f)
{
	memset(f, 0, sizeof(*f));
	mh_winnow(t, strlen(t), f);
	mh_fps_finish(f);
}

static void test_reformatted(void **state)
{
	/* re-indented, re-wrapped, upper-cased, punctuation changed */
	static const char other[] =
	    "FUNC (L *LEDGER) POST(CTX CONTEXT.CONTEXT, E ENTRY) ERROR {   DEFER SPAN.END(); "
	    "METRICS.INC('LEDGER_POST_TOTAL');\n\n  IF ERR := L.VALIDATE(E); ERR != NIL { RETURN "
	    "FMT.ERRORF('POSTING %S: %W', E.ID, ERR) }\n// RETRY BUDGET AGREED IN INCIDENT 2291 "
	    "WITH THE PAYMENTS TEAM\n FOR ATTEMPT := 0; ATTEMPT < RETRYBUDGET; ATTEMPT++ { IF "
	    "ERR := L.STORE.APPEND(CTX, E); ERR == NIL { RETURN NIL } } RETURN "
	    "ERRLEDGERUNAVAILABLE }";
	struct mh_fps a, b;

	fps_of(doc, &a);
	fps_of(other, &b);
	assert_true(a.n > 10);
	assert_int_equal(a.n, b.n);
	assert_int_equal(mh_fps_common(&a, &b), a.n);
	mh_fps_release(&a);
	mh_fps_release(&b);
}

static void test_excerpt_and_unrelated(void **state)
{
	static const char unrelated[] =
	    "Quarterly forecast for the northern region: renewals are up eleven percent, churn "
	    "is flat, and the board asked for a pricing proposal before the offsite in March.";
	struct mh_fps a, ex, un;
	char excerpt[200];

	/* the middle of the document, cut mid-word on both sides */
	snprintf(excerpt, sizeof(excerpt), "%.150s", doc + 95);
	fps_of(doc, &a);
	fps_of(excerpt, &ex);
	fps_of(unrelated, &un);
	assert_true(ex.n >= 3);
	/* all but the shingles touching the cut words are shared */
	assert_true(mh_fps_common(&ex, &a) + 2 >= ex.n);
	assert_int_equal(mh_fps_common(&un, &a), 0);
	mh_fps_release(&a);
	mh_fps_release(&ex);
	mh_fps_release(&un);
}

/* The winnowing guarantee: any shared run of K + W - 1 tokens shares a
 * fingerprint, wherever it sits in two otherwise random texts. */
static void test_guarantee(void **state)
{
	unsigned seed = 7, round, i;

	for (round = 0; round < 200; round++) {
		char a[4096], b[4096], shared[512];
		size_t na = 0, nb = 0, ns = 0;
		struct mh_fps fa, fb;
		unsigned pa = rand_r(&seed) % 40, pb = rand_r(&seed) % 40;

		for (i = 0; i < MH_WINNOW_K + MH_WINNOW_W - 1; i++)
			ns += (size_t)snprintf(shared + ns, sizeof(shared) - ns, "s%u ",
			                       rand_r(&seed) % 100000);
		for (i = 0; i < 40; i++) {
			if (i == pa)
				na += (size_t)snprintf(a + na, sizeof(a) - na, "%s", shared);
			if (i == pb)
				nb += (size_t)snprintf(b + nb, sizeof(b) - nb, "%s", shared);
			na += (size_t)snprintf(a + na, sizeof(a) - na, "a%u ", rand_r(&seed));
			nb += (size_t)snprintf(b + nb, sizeof(b) - nb, "b%u ", rand_r(&seed));
		}
		fps_of(a, &fa);
		fps_of(b, &fb);
		assert_true(mh_fps_common(&fa, &fb) >= 1);
		mh_fps_release(&fa);
		mh_fps_release(&fb);
	}
}

static void test_short_and_cap(void **state)
{
	struct mh_fps f;

	fps_of("", &f);
	assert_int_equal(f.n, 0);
	fps_of("two words", &f);
	assert_int_equal(f.n, 1);
	mh_fps_release(&f);
	fps_of(doc, &f);
	{
		uint64_t smallest = f.v[0];

		mh_fps_cap(&f, 3);
		assert_int_equal(f.n, 3);
		assert_true(f.v[0] == smallest && f.v[1] < f.v[2]);
	}
	mh_fps_release(&f);
}

static void test_text_of(void **state)
{
	static const unsigned char utf16le[] = {0xff, 0xfe, 'h', 0, 'i', 0, 0xe9, 0};
	static const unsigned char bom8[] = {0xef, 0xbb, 0xbf, 'o', 'k'};
	static const unsigned char bin[] = {'P', 'N', 'G', 0, 1, 2};
	char *t;
	size_t n;

	assert_int_equal(mh_text_of(utf16le, sizeof(utf16le), &t, &n), 1);
	assert_string_equal(t, "hi\xc3\xa9");
	free(t);
	assert_int_equal(mh_text_of(bom8, sizeof(bom8), &t, &n), 1);
	assert_string_equal(t, "ok");
	free(t);
	assert_int_equal(mh_text_of(bin, sizeof(bin), &t, &n), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reformatted), cmocka_unit_test(test_excerpt_and_unrelated),
	    cmocka_unit_test(test_guarantee),   cmocka_unit_test(test_short_and_cap),
	    cmocka_unit_test(test_text_of),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
