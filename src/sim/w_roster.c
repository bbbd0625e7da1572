/*
 * HR roster writer: CSV with the SPEC section 3 header, RFC 4180 quoting.
 * aliases lists every spelling the logs use for the person: directory user
 * name, DOMAIN\user, UPN (when it differs from the e-mail), GitHub login and
 * laptop host name.
 */
#include <stdio.h>
#include <string.h>

#include "sim/wcommon.h"

static void field(struct mh_out *o, const char *v)
{
	const char *q;

	if (!strpbrk(v, ",\"\r\n")) {
		mh_out_str(o, v);
		return;
	}
	mh_out_ch(o, '"');
	for (q = v; *q; q++) {
		if (*q == '"')
			mh_out_ch(o, '"');
		mh_out_ch(o, *q);
	}
	mh_out_ch(o, '"');
}

static void day(struct mh_out *o, int32_t d)
{
	char b[11];

	mh_sim_fmt_day(d, b);
	mh_out_str(o, b);
}

int mh_sim_w_roster(const struct mh_sim *s, const char *path, struct mh_err *err)
{
	struct mh_out o;
	uint32_t i;
	char aliases[512];

	if (mh_out_open(&o, path, err))
		return -1;
	MH_LIT(&o, "employee_id,email,name,department,title,manager_id,country,city,timezone,"
	           "hire_date,notice_date,termination_date,privileged,aliases,phone,personal_email,"
	           "payroll_account,laptop_serial,ship_address,referred_by\n");
	for (i = 0; i < s->np; i++) {
		const struct mh_sim_person *p = &s->p[i];
		const struct mh_sim_city *c = &mh_sim_cities[p->city];
		const struct mh_sim_role *r = &mh_sim_roles[p->role];

		mh_out_str(&o, p->id);
		mh_out_ch(&o, ',');
		field(&o, p->email);
		mh_out_ch(&o, ',');
		field(&o, p->name);
		mh_out_ch(&o, ',');
		field(&o, r->department);
		mh_out_ch(&o, ',');
		field(&o, r->titles[p->title % 4]);
		mh_out_ch(&o, ',');
		if (p->manager >= 0)
			mh_out_str(&o, s->p[p->manager].id);
		mh_out_ch(&o, ',');
		mh_out_str(&o, c->cc);
		mh_out_ch(&o, ',');
		field(&o, c->city);
		mh_out_ch(&o, ',');
		mh_out_str(&o, mh_sim_tzs[c->tz].name);
		mh_out_ch(&o, ',');
		day(&o, p->hire);
		mh_out_ch(&o, ',');
		day(&o, p->notice);
		mh_out_ch(&o, ',');
		day(&o, p->term);
		mh_out_ch(&o, ',');
		mh_out_str(&o, p->privileged ? "true" : "false");
		mh_out_ch(&o, ',');
		if (strcmp(p->upn, p->email))
			snprintf(aliases, sizeof(aliases), "%s;%s\\%s;%s;%s;%s", p->sam, s->netbios,
			         p->sam, p->upn, p->login, p->host);
		else
			snprintf(aliases, sizeof(aliases), "%s;%s\\%s;%s;%s", p->sam, s->netbios,
			         p->sam, p->login, p->host);
		field(&o, aliases);
		mh_out_ch(&o, ',');
		field(&o, p->phone);
		mh_out_ch(&o, ',');
		field(&o, p->personal_email);
		mh_out_ch(&o, ',');
		field(&o, p->payroll);
		mh_out_ch(&o, ',');
		field(&o, p->serial);
		mh_out_ch(&o, ',');
		field(&o, p->ship);
		mh_out_ch(&o, ',');
		if (p->referred_by >= 0)
			mh_out_str(&o, s->p[p->referred_by].id);
		mh_out_ch(&o, '\n');
	}
	return mh_out_close(&o, err);
}
