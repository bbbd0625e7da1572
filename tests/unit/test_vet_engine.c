/*
 * vet/: the checks and clusters on the Greenhouse fixture with a roster,
 * intel from memory, and the store round trip (a later batch is checked
 * against applicants stored by an earlier one).
 */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config/config.h"
#include "intel/intel.h"
#include "store/store_vet.h"
#include "vet/minhash.h"
#include "vet/report.h"
#include "util/xalloc.h"
#include "vet/vet.h"

#define DATA "tests/data/greenhouse/"
/* Hand-made Greenhouse candidates: placeholders, a persona cluster's mail
 * drop, families, strangers sharing a persona cluster's phone (the e2e case
 * vet_placeholder reads them too). */
#define PLACEHOLDER "tests/e2e/vet_placeholder/inputs/candidates.json"
#define AVATAR      "a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7"

struct fx {
	struct mh_applicants b;
	struct mh_roster r;
	struct mh_intel *in;
	struct mh_vet *v;
};

static const struct mh_vet_result *res(const struct fx *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->b.n; i++)
		if (!strcmp(f->b.v[i].id, id))
			return mh_vet_result(f->v, i);
	fail_msg("no applicant %s", id);
	return NULL;
}

static const struct mh_vet_finding *finding(const struct mh_vet_result *r, const char *check)
{
	uint8_t k;

	for (k = 0; k < r->nf; k++)
		if (!strcmp(r->f[k].check, check))
			return &r->f[k];
	return NULL;
}

static const struct mh_vet_ev *ev_of(const struct mh_vet_finding *f, const char *artifact)
{
	uint8_t k;

	for (k = 0; k < f->nev; k++)
		if (!strcmp(f->ev[k].artifact, artifact))
			return &f->ev[k];
	return NULL;
}

static void setup(struct fx *f, int with_intel)
{
	static const char intel[] = "# label: dprk-it-worker\nd.okafor@outlook.com\n";
	struct mh_err err;

	memset(f, 0, sizeof(*f));
	assert_int_equal(mh_applicants_read(&f->b, DATA "candidates.json", NULL, NULL, &err), 0);
	assert_int_equal(mh_roster_load(&f->r, DATA "roster.csv", NULL, NULL, &err), 0);
	if (with_intel) {
		f->in = mh_intel_new();
		assert_int_equal(mh_intel_load_mem(f->in, "dprk.txt", intel, sizeof(intel) - 1,
		                                   NULL, NULL, &err),
		                 0);
		mh_intel_seal(f->in);
	}
	f->v = mh_vet_new(NULL, f->in, NULL);
	mh_vet_add_employees(f->v, &f->r, NULL, NULL, 0);
	assert_int_equal(mh_vet_run(f->v, &f->b, &err), 0);
}

/* The placeholder fixture, vetted alone, with an optional config text. */
static void setup_ph(struct fx *f, struct mh_config **cfg, const char *yaml)
{
	struct mh_err err;

	memset(f, 0, sizeof(*f));
	*cfg = NULL;
	if (yaml) {
		*cfg = mh_config_parse("t.yaml", yaml, strlen(yaml), &err);
		assert_non_null(*cfg);
	}
	assert_int_equal(mh_applicants_read(&f->b, PLACEHOLDER, NULL, NULL, &err), 0);
	f->v = mh_vet_new(*cfg, NULL, NULL);
	assert_int_equal(mh_vet_run(f->v, &f->b, &err), 0);
}

static size_t batch_index(const struct fx *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->b.n && strcmp(f->b.v[i].id, id); i++)
		;
	assert_true(i < f->b.n);
	return i;
}

static void teardown(struct fx *f)
{
	mh_vet_free(f->v);
	mh_intel_free(f->in);
	mh_roster_free(&f->r);
	mh_applicants_release(&f->b);
}

static void test_reuse_pair(void **state)
{
	struct fx f;
	const struct mh_vet_finding *r;

	(void)state;
	setup(&f, 0);
	/* phone + address + near-duplicate resume with each other */
	assert_true(res(&f, "7001")->score >= 60);
	assert_true(res(&f, "7002")->score >= 60);
	r = finding(res(&f, "7002"), "identity.reuse");
	assert_non_null(r);
	assert_true(r->points >= 90);
	assert_non_null(ev_of(r, "phone"));
	assert_int_equal(ev_of(r, "phone")->nwith, 2);   /* applicant 7001 and employee E100 */
	assert_int_equal(ev_of(r, "address")->nwith, 2); /* 7001 and the relative 7003 */
	assert_non_null(ev_of(r, "resume"));
	assert_true(ev_of(r, "resume")->sim > 0.5);
	/* a relative at the same address under the same surname: little */
	assert_true(res(&f, "7003")->score < 50);
	/* the same mailbox written another way, nothing else: below the threshold */
	r = finding(res(&f, "7005"), "identity.reuse");
	assert_non_null(r);
	assert_int_equal((int)r->points, 45);
	assert_true(res(&f, "7005")->score < 50);
	assert_true(res(&f, "7001")->cluster != 0);
	assert_int_equal(res(&f, "7001")->cluster, res(&f, "7002")->cluster);
	teardown(&f);
}

static void test_other_checks(void **state)
{
	struct fx f;
	const struct mh_vet_finding *r;

	(void)state;
	setup(&f, 1);
	r = finding(res(&f, "7002"), "identity.intel");
	assert_non_null(r);
	assert_int_equal((int)r->points, 70);
	assert_null(finding(res(&f, "7001"), "identity.intel"));
	/* ship-to, education abroad, free-mail references: capped at 35 */
	r = finding(res(&f, "7001"), "identity.inconsistency");
	assert_non_null(r);
	assert_int_equal((int)r->points, 35);
	assert_int_equal(r->nev, 3);
	r = finding(res(&f, "7007"), "identity.velocity");
	assert_non_null(r);
	assert_non_null(strstr(r->summary, "9 requisitions"));
	assert_null(finding(res(&f, "7004"), "identity.velocity"));
	/* referred by E100, whose phone the confirmed pair 7001/7002 uses */
	r = finding(res(&f, "7004"), "identity.referral");
	assert_non_null(r);
	assert_non_null(strstr(r->summary, "E100"));
	assert_true(res(&f, "7004")->score >= 60);
	teardown(&f);
}

/* A referral carries the referrer's certainty: half the points just over
 * risk.flagged_threshold (an honest employee with odd habits can sit
 * there), all of them from risk.confirmed_threshold, a line between. */
/* The fixture with applicant 7003 referred by employee E200 (Ann Moss). */
static void referred_by_ann(struct fx *f)
{
	struct mh_err err;
	size_t i;

	memset(f, 0, sizeof(*f));
	assert_int_equal(mh_applicants_read(&f->b, DATA "candidates.json", NULL, NULL, &err), 0);
	assert_int_equal(mh_roster_load(&f->r, DATA "roster.csv", NULL, NULL, &err), 0);
	i = batch_index(f, "7003");
	free(f->b.v[i].referrer);
	f->b.v[i].referrer = mh_strdup("ann.moss@corp.example");
	f->v = mh_vet_new(NULL, NULL, NULL);
}

static double referral_points(double referrer_score)
{
	const char *ids[] = {"E200"};
	double scores[] = {referrer_score}, pts;
	const struct mh_vet_finding *r;
	struct mh_err err;
	struct fx f;

	referred_by_ann(&f);
	mh_vet_add_employees(f.v, &f.r, ids, scores, 1);
	assert_int_equal(mh_vet_run(f.v, &f.b, &err), 0);
	r = finding(res(&f, "7003"), "identity.referral");
	pts = r ? r->points : 0;
	if (r)
		assert_non_null(strstr(r->summary, "E200"));
	teardown(&f);
	return pts;
}

/* A referral by the subject of an open case weighs in full, flagged or not. */
static void test_referral_by_case_subject(void **state)
{
	const char *keys[] = {"E200"};
	int64_t cases[] = {7};
	const struct mh_vet_finding *r;
	struct mh_err err;
	struct fx f;

	(void)state;
	referred_by_ann(&f);
	mh_vet_add_employees(f.v, &f.r, NULL, NULL, 0);
	mh_vet_add_case_subjects(f.v, keys, cases, 1);
	assert_int_equal(mh_vet_run(f.v, &f.b, &err), 0);
	r = finding(res(&f, "7003"), "identity.referral");
	assert_non_null(r);
	assert_int_equal((int)r->points, 60);
	assert_non_null(strstr(r->summary, "open case 7"));
	teardown(&f);
}

static void test_referral_weighs_referrer(void **state)
{
	(void)state;
	assert_int_equal((int)referral_points(75), 30);
	assert_int_equal((int)referral_points(80), 45);
	assert_int_equal((int)referral_points(85), 60);
	assert_int_equal((int)referral_points(97), 60);
	assert_true(referral_points(75.6) < 50);
}

/* Two strangers to each other (two persona clusters, say) whose applications
 * carry an employee's own phone: while the employee is unremarkable the
 * number is a placeholder (three holders sharing nothing else); once the
 * employee is flagged, it is the operative's number and links both. */
static void staff_phone(int flagged)
{
	const char *ids[] = {"E200"};
	double scores[] = {97};
	const struct mh_vet_finding *r;
	const struct mh_vet_ev *e;
	struct mh_err err;
	struct fx f;
	size_t i, k, a;
	const char *who[] = {"7003", "7005"};

	memset(&f, 0, sizeof(f));
	assert_int_equal(mh_applicants_read(&f.b, DATA "candidates.json", NULL, NULL, &err), 0);
	assert_int_equal(mh_roster_load(&f.r, DATA "roster.csv", NULL, NULL, &err), 0);
	for (k = 0; k < 2; k++) {
		i = batch_index(&f, who[k]);
		for (a = 0; a < f.b.v[i].narts; a++)
			if (f.b.v[i].arts[a].kind == MH_VA_PHONE) {
				free(f.b.v[i].arts[a].value);
				f.b.v[i].arts[a].value = mh_strdup("+12125550100");
			}
	}
	f.v = mh_vet_new(NULL, NULL, NULL);
	mh_vet_add_employees(f.v, &f.r, ids, scores, flagged ? 1 : 0);
	assert_int_equal(mh_vet_run(f.v, &f.b, &err), 0);
	for (k = 0; k < 2; k++) {
		r = finding(res(&f, who[k]), "identity.reuse");
		assert_non_null(r);
		e = ev_of(r, "phone");
		assert_non_null(e);
		if (flagged)
			assert_null(strstr(e->value, "placeholder"));
		else
			assert_non_null(strstr(e->value, "placeholder"));
	}
	teardown(&f);
}

static void test_staff_operative_phone_is_specific(void **state)
{
	(void)state;
	staff_phone(0);
	staff_phone(1);
}

/* A resume claiming Docker at a job that ended in 2010 adds an anachronism
 * to identity.inconsistency; the same resume with the job running does not. */
static int anachronism_points(const char *resume)
{
	const struct mh_vet_finding *r;
	const struct mh_vet_ev *e;
	struct mh_err err;
	struct fx f;
	size_t i;
	int found;

	memset(&f, 0, sizeof(f));
	assert_int_equal(mh_applicants_read(&f.b, DATA "candidates.json", NULL, NULL, &err), 0);
	i = batch_index(&f, "7005");
	free(f.b.v[i].resume);
	f.b.v[i].resume = mh_strdup(resume);
	f.v = mh_vet_new(NULL, NULL, NULL);
	assert_int_equal(mh_vet_run(f.v, &f.b, &err), 0);
	r = finding(res(&f, "7005"), "identity.inconsistency");
	e = r ? ev_of(r, "resume") : NULL;
	found = e && strstr(e->value, "Docker (first released 2013)") && strstr(e->value, "2010");
	teardown(&f);
	return found;
}

static void test_resume_anachronism(void **state)
{
	(void)state;
	assert_true(anachronism_points("Experience\nAcme (2007-2010)\n- Shipped Docker images\n"));
	assert_false(
	    anachronism_points("Experience\nAcme (2007 - present)\n- Shipped Docker images\n"));
}

static void test_clusters_once(void **state)
{
	struct fx f;
	size_t c, seen = 0, k;

	(void)state;
	setup(&f, 0);
	for (c = 0; c < mh_vet_nclusters(f.v); c++) {
		const struct mh_vet_cluster *cl = mh_vet_cluster(f.v, c);

		for (k = 0; k < cl->n; k++)
			if (!strcmp(mh_vet_rec(f.v, cl->members[k])->id, "7001"))
				seen++;
	}
	assert_int_equal(seen, 1);
	teardown(&f);
}

static void test_json(void **state)
{
	struct fx f;
	char *s;

	(void)state;
	setup(&f, 0);
	s = mh_vet_report_json(f.v, &f.b, 1);
	assert_non_null(strstr(s, "\"applicant\":\"7002\""));
	assert_non_null(strstr(s, "\"detector\":\"identity.reuse\""));
	assert_non_null(strstr(s, "\"type\":\"employee\",\"id\":\"E100\""));
	free(s);
	teardown(&f);
}

static void test_store_round_trip(void **state)
{
	static const char later[] =
	    "{\"id\": 8001, \"first_name\": \"Chen\", \"last_name\": \"Liu\","
	    " \"phone_numbers\": [{\"value\": \"(305) 555 0149\"}],"
	    " \"custom_fields\": {\"photo_sha256\": "
	    "\"9A1F9A1F9A1F9A1F9A1F9A1F9A1F9A1F9A1F9A1F9A1F9A1F"
	    "9A1F9A1F9A1F9A1F\"}}\n";
	char db[] = "/tmp/test_vet_XXXXXX";
	struct mh_applicants b2 = {0};
	struct mh_store *s;
	struct mh_vet *v2;
	struct mh_err err;
	struct fx f;
	const struct mh_vet_finding *r;
	int fd = mkstemp(db);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(db);
	setup(&f, 0);
	s = mh_store_open(db, &err);
	assert_non_null(s);
	assert_int_equal(mh_store_vet_save(s, &f.b, f.v, NULL, &err), 0);
	assert_int_equal(
	    mh_applicants_parse(&b2, "later.json", later, sizeof(later) - 1, NULL, NULL, &err), 0);
	v2 = mh_vet_new(NULL, NULL, NULL);
	assert_int_equal(mh_store_vet_load(s, v2, &err), 0);
	assert_int_equal(mh_vet_run(v2, &b2, &err), 0);
	r = finding(mh_vet_result(v2, 0), "identity.reuse");
	assert_non_null(r);
	/* phone and photo of the stored, flagged applicant 7001 */
	assert_true(mh_vet_result(v2, 0)->score >= 60);
	assert_int_equal(mh_vet_rec(v2, r->ev[0].with[0])->type, MH_VR_OLD);
	mh_vet_free(v2);
	/* re-vetting the same ids replaces them instead of matching themselves */
	v2 = mh_vet_new(NULL, NULL, NULL);
	assert_int_equal(mh_store_vet_load(s, v2, &err), 0);
	assert_int_equal(mh_vet_run(v2, &f.b, &err), 0);
	assert_true(mh_vet_result(v2, 4)->score < 50);
	mh_vet_free(v2);
	mh_applicants_release(&b2);
	mh_store_close(s);
	teardown(&f);
	unlink(db);
}

/* A default avatar on four strangers and an agency's phone on three are
 * placeholders: no points, no cluster, even for the avatar holder whose
 * resume overlaps two corroborated records of a persona cluster (it scored
 * 60 when any shared value let a resemblance count). */
static void test_placeholder_links_nobody(void **state)
{
	static const char *const ids[] = {"9201", "9202", "9203", "9204", "9301", "9302", "9303"};
	struct mh_config *cfg;
	const struct mh_vet_finding *r;
	struct fx f;
	size_t k;

	(void)state;
	setup_ph(&f, &cfg, NULL);
	for (k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		const struct mh_vet_rec *rec = mh_vet_rec(f.v, (uint32_t)batch_index(&f, ids[k]));

		assert_true(res(&f, ids[k])->score == 0);
		assert_int_equal(res(&f, ids[k])->cluster, 0);
		assert_false(rec->resembles || rec->member || rec->core);
		r = finding(res(&f, ids[k]), "identity.reuse");
		assert_non_null(r);
		assert_non_null(strstr(r->ev[0].value, "placeholder"));
	}
	assert_non_null(
	    strstr(finding(res(&f, "9201"), "identity.reuse")->ev[0].value, "held by 4 records"));
	teardown(&f);
	/* four holders are too few for a placeholder when five are required */
	setup_ph(&f, &cfg, "vet:\n  placeholder.holders: 5\n");
	assert_true(res(&f, "9202")->score == 40);
	assert_true(res(&f, "9201")->score >= 60);
	assert_true(res(&f, "9301")->score == 40);
	teardown(&f);
	mh_config_free(cfg);
	/* nor when five holders sharing nothing else are required */
	setup_ph(&f, &cfg, "vet:\n  placeholder.unlinked: 5\n");
	assert_true(res(&f, "9301")->score == 40);
	assert_true(res(&f, "9202")->score == 40);
	teardown(&f);
	mh_config_free(cfg);
}

/* A persona with a rewritten resume whose only shared value is the cluster's
 * mail drop is a member: the value is specific (every other holder shares
 * resumes) and three corroborated records hold it. */
static void test_member_through_specific_value(void **state)
{
	struct mh_config *cfg;
	const struct mh_vet_finding *r;
	const struct mh_vet_ev *e;
	const struct mh_vet_rec *rec;
	struct fx f;

	(void)state;
	setup_ph(&f, &cfg, NULL);
	rec = mh_vet_rec(f.v, (uint32_t)batch_index(&f, "9104"));
	assert_true(rec->member);
	assert_false(rec->core || rec->resembles);
	assert_int_equal(rec->member_cores, 3);
	assert_true(res(&f, "9104")->score >= 60);
	r = finding(res(&f, "9104"), "identity.reuse");
	assert_non_null(r);
	e = ev_of(r, "cluster");
	assert_non_null(e);
	assert_int_equal(e->nwith, 3);
	assert_non_null(strstr(e->value, "address"));
	assert_non_null(ev_of(r, "address"));
	assert_null(ev_of(r, "resume"));
	assert_true(res(&f, "9101")->score >= 60);
	assert_int_equal(res(&f, "9104")->cluster, res(&f, "9101")->cluster);
	assert_true(mh_vet_cluster(f.v, res(&f, "9104")->cluster - 1)->confirmed);
	teardown(&f);
	/* membership is the cluster_points rule: set lower, it scores lower */
	setup_ph(&f, &cfg, "vet:\n  cluster_points: 50\n");
	assert_true(res(&f, "9104")->score == 50);
	teardown(&f);
	mh_config_free(cfg);
}

/* Families stay low, the relative of a persona too; strangers who give the
 * phone a persona cluster also gives are not members (the value is not the
 * operation's alone); a cluster sharing only its photo, with resumes of one
 * template, keeps its photo (its holders share resumes: not a placeholder). */
static void test_families_strangers_and_photo_cluster(void **state)
{
	struct mh_config *cfg;
	struct fx f;

	(void)state;
	setup_ph(&f, &cfg, NULL);
	assert_true(res(&f, "9401")->score == 5);
	assert_true(res(&f, "9402")->score == 5);
	assert_true(res(&f, "9403")->score == 5);
	assert_int_equal(res(&f, "9403")->cluster, 0);
	assert_true(res(&f, "9601")->score == 40);
	assert_true(res(&f, "9602")->score == 40);
	assert_false(mh_vet_rec(f.v, (uint32_t)batch_index(&f, "9601"))->member);
	assert_true(res(&f, "9501")->score >= 60);
	assert_true(res(&f, "9701")->score >= 60);
	assert_true(res(&f, "9702")->score >= 60);
	assert_true(res(&f, "9703")->score >= 60);
	assert_non_null(ev_of(finding(res(&f, "9701"), "identity.reuse"), "photo"));
	teardown(&f);
}

/* A photo shared with earlier applicants, some flagged. With strangers
 * (unflagged, sharing nothing else) the majority of its holders it is a
 * placeholder and the flagged holder adds nothing; held by the flagged
 * applicant alone, or mostly by flagged ones (known operatives are not
 * strangers), it is a link and the flagged bonus applies (40 + 30). */
static void test_placeholder_flagged_earlier(void **state)
{
	static const char batch[] = "{\"id\": 1, \"first_name\": \"Ada\", \"last_name\": \"Vance\","
	                            " \"custom_fields\": {\"photo_sha256\": \"" AVATAR "\"}}\n";
	static const char *const names[] = {"Bo Flagged", "Cy Two", "Di Three"};
	static const struct {
		size_t holders, flagged;
		double score;
	} cases[] = {{1, 1, 70}, {2, 1, 0}, {3, 1, 0}, {3, 2, 70}, {3, 3, 70}};
	const uint8_t kind = MH_VA_PHOTO;
	const char *val = AVATAR;
	struct mh_applicants b = {0};
	struct mh_err err;
	size_t c, k;

	(void)state;
	assert_int_equal(
	    mh_applicants_parse(&b, "b.json", batch, sizeof(batch) - 1, NULL, NULL, &err), 0);
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct mh_vet *v = mh_vet_new(NULL, NULL, NULL);
		char id[8];

		for (k = 0; k < cases[c].holders; k++) {
			snprintf(id, sizeof(id), "old%zu", k);
			mh_vet_add_old(v, id, names[k], strchr(names[k], ' ') + 1, 0,
			               k < cases[c].flagged ? 80 : 0, NULL, &kind, &val, 1);
		}
		assert_int_equal(mh_vet_run(v, &b, &err), 0);
		if (mh_vet_result(v, 0)->score != cases[c].score)
			fail_msg("case %zu: score %.0f, expected %.0f", c,
			         mh_vet_result(v, 0)->score, cases[c].score);
		mh_vet_free(v);
	}
	mh_applicants_release(&b);
}

static void test_minhash(void **state)
{
	static const char a[] = "Built REST and gRPC services in Go handling millions of requests "
	                        "per day. Led the migration of a monolith to Kubernetes on AWS.";
	static const char b[] = "Built REST and gRPC services in Go handling millions of requests "
	                        "per day. Led the migration of a monolith to Kubernetes on GCP.";
	static const char c[] = "Ran user research with twenty customers every quarter and drew "
	                        "the design system in Figma.";
	struct mh_minhash sa, sb, sc, sa2;
	double exact;

	(void)state;
	assert_true(mh_minhash_text(a, sizeof(a) - 1, 4, &sa) > 10);
	mh_minhash_text(b, sizeof(b) - 1, 4, &sb);
	mh_minhash_text(c, sizeof(c) - 1, 4, &sc);
	mh_minhash_text(a, sizeof(a) - 1, 4, &sa2);
	assert_memory_equal(&sa, &sa2, sizeof(sa));
	assert_true(mh_minhash_sim(&sa, &sa2) == 1.0);
	exact = mh_shingle_jaccard(a, sizeof(a) - 1, b, sizeof(b) - 1, 4);
	assert_true(exact > 0.8 && exact < 1.0);
	assert_true(mh_minhash_sim(&sa, &sb) > exact - 0.15 &&
	            mh_minhash_sim(&sa, &sb) < exact + 0.15);
	assert_true(mh_minhash_sim(&sa, &sc) < 0.1);
	assert_true(mh_shingle_jaccard(a, sizeof(a) - 1, c, sizeof(c) - 1, 4) == 0);
	assert_int_equal(mh_minhash_text("", 0, 4, &sc), 0);
	assert_int_equal(mh_minhash_text("two words", 9, 4, &sc), 1);
	assert_true(mh_minhash_band(&sa, 0) == mh_minhash_band(&sa2, 0));
	assert_true(mh_minhash_band(&sa, 0) != mh_minhash_band(&sa, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reuse_pair),
	    cmocka_unit_test(test_other_checks),
	    cmocka_unit_test(test_referral_weighs_referrer),
	    cmocka_unit_test(test_referral_by_case_subject),
	    cmocka_unit_test(test_staff_operative_phone_is_specific),
	    cmocka_unit_test(test_resume_anachronism),
	    cmocka_unit_test(test_clusters_once),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_store_round_trip),
	    cmocka_unit_test(test_minhash),
	    cmocka_unit_test(test_placeholder_links_nobody),
	    cmocka_unit_test(test_member_through_specific_value),
	    cmocka_unit_test(test_families_strangers_and_photo_cluster),
	    cmocka_unit_test(test_placeholder_flagged_earlier),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
