/*
 * Greenhouse Harvest writer: a JSON array of candidate objects as
 * GET /v1/candidates returns them, one application each. Two documented
 * custom fields carry what vetting needs and Harvest only links to:
 * custom_fields.resume_text (the resume's text) and custom_fields.photo_sha256
 * (SHA-256 of the profile photo). A referral names the referring employee in
 * applications[].credited_to.employee_id.
 */
#include <stdio.h>

#include "sim/wcommon.h"
#include "vet/anachronism.h"

static const char *const sources[] = {"LinkedIn", "Indeed", "Company Website",
                                      "Referral", "Agency", "Wellfound"};

static const char *const lines[] = {
    "Built REST and gRPC services in Go handling millions of requests per day.",
    "Led the migration of a monolith to Kubernetes on AWS with zero downtime.",
    "Developed React and TypeScript front ends with a shared design system.",
    "Designed PostgreSQL schemas and tuned slow queries for a payments ledger.",
    "Wrote CI/CD pipelines with GitHub Actions and Terraform modules.",
    "Implemented OAuth 2.0 and OpenID Connect sign-in for partner APIs.",
    "Shipped iOS and Android features in Swift and Kotlin.",
    "Mentored junior engineers and ran weekly code reviews.",
    "Reduced cloud spend by 30% through right-sizing and reserved capacity.",
    "Built data pipelines in Python, Airflow and dbt feeding a Snowflake warehouse.",
    "Trained and deployed machine-learning models for fraud scoring.",
    "Automated infrastructure with Ansible and wrote runbooks for on-call.",
    "Integrated Stripe and Adyen payment flows with idempotent retries.",
    "Improved test coverage from 40% to 85% with unit and contract tests.",
    "Worked in an agile team with two-week sprints and daily stand-ups.",
    "Built real-time dashboards with Grafana, Prometheus and OpenTelemetry.",
    "Developed blockchain smart contracts in Solidity and audited DeFi protocols.",
    "Optimised web performance: Lighthouse score from 55 to 95.",
    "Designed event-driven systems with Kafka and exactly-once consumers.",
    "Maintained Linux servers and hardened SSH, firewalls and patching.",
    "Delivered features for a SaaS platform serving Fortune 500 customers.",
    "Collaborated with product and design to define quarterly roadmaps.",
    "Built a customer support portal with Node.js and MongoDB.",
    "Led incident response and wrote blameless postmortems.",
};
/* A bullet is a line and a context; 24 lines alone would give unrelated
 * people five of eight bullets in common about once in three runs, a
 * near-duplicate nobody planted. */
static const char *const contexts[] = {
    "",
    " Team of five.",
    " Fintech client.",
    " Healthcare client.",
    " Retail client.",
    " Remote-first team.",
    " Shared the on-call rotation.",
    " Reported to the CTO.",
    " Used by two million people.",
    " In scope for SOC 2.",
    " Released as open source.",
    " Cut p99 latency by 40%.",
    " Two-person team.",
    " Public-sector client.",
    " Presented it at a meetup.",
    " Migrated from a legacy vendor.",
};
#define NLINES    (sizeof(lines) / sizeof(lines[0]))
#define NCONTEXTS (sizeof(contexts) / sizeof(contexts[0]))
#define NBULLETS  (NLINES * NCONTEXTS)

static const char *const employers[] = {"Initech",
                                        "Globex",
                                        "Hooli",
                                        "Vandelay Industries",
                                        "Stark Digital",
                                        "Acme Labs",
                                        "Umbrella Software",
                                        "Soylent Systems",
                                        "Wayne Tech",
                                        "Cyberdyne Cloud"};

/* Resume text: a template (shared by near-duplicates) plus per-person edits. */
static void resume(struct mh_out *o, const struct mh_sim_applicant *a)
{
	struct mh_rng t, e;
	unsigned pick[10], k, n = 8, end = 0;
	char buf[256];

	mh_rng_seed(&t, 0x7e5u + a->resume_template);
	mh_rng_seed(&e, a->resume_seed);
	for (k = 0; k < n; k++)
		pick[k] = mh_rng_below(&t, NBULLETS);
	for (k = 0; k < a->resume_edits; k++)
		pick[mh_rng_below(&e, n)] = mh_rng_below(&e, NBULLETS);
	snprintf(buf, sizeof(buf), "%s %s\\n%s\\n\\nExperience\\n", a->first, a->last,
	         mh_sim_roles[a->role].titles[a->resume_template % 4]);
	mh_out_str(o, buf);
	for (k = 0; k < n; k++) {
		unsigned line = pick[k] % NLINES;

		if (k % 3 == 0) {
			end = 2016 + k + mh_rng_below(&t, 2);
			snprintf(buf, sizeof(buf), "%s (%u-%u)\\n",
			         employers[mh_rng_below(k ? &t : &e, 10)], 2014 + k, end);
			mh_out_str(o, buf);
		}
		/* nobody claims a technology at a job that ended before it existed */
		while (mh_anachronism_in_line(lines[line], strlen(lines[line]), (int)end))
			line = (line + 1) % NLINES;
		MH_LIT(o, "- ");
		mh_out_str(o, lines[line]);
		mh_out_str(o, contexts[pick[k] / NLINES]);
		MH_LIT(o, "\\n");
	}
	MH_LIT(o, "\\nEducation\\nB.Sc. Computer Science");
}

static void one(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_applicant *a)
{
	int64_t ts = (int64_t)a->applied * 86400000 + 3600000 * 14 + (a->id % 3600) * 1000;
	const char *job = mh_sim_roles[a->role].titles[a->id % 4];

	MH_LIT(o, "{\"id\":");
	mh_out_u64(o, a->id);
	MH_LIT(o, ",\"first_name\":");
	mh_out_jstr(o, a->first);
	MH_LIT(o, ",\"last_name\":");
	mh_out_jstr(o, a->last);
	MH_LIT(o, ",\"company\":");
	mh_out_jstr(o, employers[a->id % 10]);
	MH_LIT(o, ",\"title\":");
	mh_out_jstr(o, mh_sim_roles[a->role].titles[a->resume_template % 4]);
	MH_LIT(o, ",\"created_at\":\"");
	mh_out_iso(o, ts, 1);
	MH_LIT(o, "\",\"updated_at\":\"");
	mh_out_iso(o, ts, 1);
	MH_LIT(o, "\",\"last_activity\":\"");
	mh_out_iso(o, ts, 1);
	MH_LIT(o, "\",\"is_private\":false,\"photo_url\":null,\"attachments\":[{\"filename\":\"");
	mh_out_str(o, a->first);
	mh_out_ch(o, '_');
	mh_out_str(o, a->last);
	MH_LIT(o, "_Resume.pdf\",\"url\":\"https://grnhse-prod.s3.amazonaws.com/person_attachments/"
	          "data/");
	mh_out_u64(o, a->id);
	MH_LIT(o, "/resume.pdf\",\"type\":\"resume\",\"created_at\":\"");
	mh_out_iso(o, ts, 1);
	MH_LIT(o, "\"}],\"application_ids\":[");
	mh_out_u64(o, a->id + 100000000u);
	MH_LIT(o, "],\"phone_numbers\":[{\"value\":");
	mh_out_jstr(o, a->phone);
	MH_LIT(o, ",\"type\":\"mobile\"}],\"addresses\":[{\"value\":");
	mh_out_jstr(o, a->address);
	MH_LIT(o, ",\"type\":\"home\"}],\"email_addresses\":[{\"value\":");
	mh_out_jstr(o, a->email);
	MH_LIT(o, ",\"type\":\"personal\"}],\"website_addresses\":[{\"value\":");
	mh_out_jstr(o, a->website);
	MH_LIT(o, ",\"type\":\"portfolio\"}],\"social_media_addresses\":[],\"recruiter\":null,"
	          "\"coordinator\":null,\"can_email\":true,\"tags\":[],\"applications\":[{\"id\":");
	mh_out_u64(o, a->id + 100000000u);
	MH_LIT(o, ",\"candidate_id\":");
	mh_out_u64(o, a->id);
	MH_LIT(o, ",\"prospect\":false,\"applied_at\":\"");
	mh_out_iso(o, ts, 1);
	MH_LIT(o, "\",\"rejected_at\":null,\"last_activity_at\":\"");
	mh_out_iso(o, ts, 1);
	MH_LIT(o, "\",\"location\":null,\"source\":{\"id\":");
	mh_out_u64(o, 7000 + a->source);
	MH_LIT(o, ",\"public_name\":\"");
	mh_out_str(o, sources[a->source % 6]);
	MH_LIT(o, "\"},\"credited_to\":");
	if (a->referrer >= 0) {
		const struct mh_sim_person *p = &s->p[a->referrer];

		MH_LIT(o, "{\"id\":");
		mh_out_u64(o, 500000u + (uint32_t)a->referrer);
		MH_LIT(o, ",\"first_name\":");
		mh_out_jstr(o, p->first);
		MH_LIT(o, ",\"last_name\":");
		mh_out_jstr(o, p->last);
		MH_LIT(o, ",\"name\":");
		mh_out_jstr(o, p->name);
		MH_LIT(o, ",\"employee_id\":");
		mh_out_jstr(o, p->id);
		mh_out_ch(o, '}');
	} else {
		MH_LIT(o, "null");
	}
	MH_LIT(o, ",\"rejection_reason\":null,\"jobs\":[{\"id\":");
	mh_out_u64(o, 4000000u + a->role * 10u + a->id % 4);
	MH_LIT(o, ",\"name\":");
	mh_out_jstr(o, job);
	MH_LIT(o, "}],\"status\":\"active\",\"current_stage\":{\"id\":");
	mh_out_u64(o, 9000u + a->id % 5);
	MH_LIT(o, ",\"name\":\"Application Review\"}}],\"educations\":[],\"employments\":[],"
	          "\"custom_fields\":{\"resume_text\":\"");
	resume(o, a);
	MH_LIT(o, "\",\"photo_sha256\":\"");
	mh_out_str(o, a->photo);
	MH_LIT(o, "\"},\"keyed_custom_fields\":{}}");
}

int mh_sim_w_greenhouse(const struct mh_sim *s, const char *path, struct mh_err *err)
{
	struct mh_out o;
	uint32_t i;

	if (mh_out_open(&o, path, err))
		return -1;
	mh_out_ch(&o, '[');
	for (i = 0; i < s->nap; i++) {
		if (i)
			MH_LIT(&o, ",\n");
		one(&o, s, &s->ap[i]);
	}
	MH_LIT(&o, "]\n");
	return mh_out_close(&o, err);
}
