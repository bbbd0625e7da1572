#include "cases/playbook.h"

#include <cjson/cJSON.h>
#include <string.h>

#define FBI_2025                                                                                   \
	"FBI PSA I-012325-PSA, North Korean IT Workers Conducting Data Extortion (2025-01-23),"    \
	" https://www.ic3.gov/PSA/2025/PSA250123"
#define ADVISORY_2022                                                                              \
	"US State, Treasury and FBI, Guidance on the DPRK Information Technology Workers"          \
	" (2022-05-16)"
#define OFAC_2021                                                                                  \
	"US Treasury OFAC, Updated Advisory on Potential Sanctions Risks for Facilitating"         \
	" Ransomware Payments (2021-09-21)"

const struct mh_play_step mh_playbook[] = {
    {"preserve", "Preserve the evidence",
     "Keep the message exactly as received (all headers) and the samples: they are stored in "
     "this case under their SHA-256. Export the case (molehunt case export) and record the head "
     "hash it prints in the ticket. Put the candidates' sign-in, endpoint, code-hosting and "
     "mail logs on legal hold beyond normal retention. Do not forward the message: forwarding "
     "rewrites its headers.",
     FBI_2025},
    {"revoke", "Revoke access behind a facade",
     "Cut every remaining account, session, token, SSH key, OAuth grant, VPN profile and "
     "repository access of the candidates and of accounts sharing their artifacts, all at "
     "once, under a routine pretext (access review, re-organisation) and without saying why: "
     "a warning invites deletion, wider leaks and retaliation. Rotate every secret that "
     "appears in the leaked sample.",
     FBI_2025},
    {"network", "Look for more hires from the same network",
     "Operators hold several jobs and facilitators host many laptops: look for other "
     "employees, contractors and applicants sharing the candidates' artifacts (IP addresses, "
     "MFA devices, phones, payroll accounts, addresses, laptop shipping, referrers) with "
     "molehunt risk and the farm.* and identity.* findings, and check staffing firms that "
     "placed them.",
     ADVISORY_2022},
    {"payments", "Stop payments",
     "Hold salary, contractor and invoice payments to the candidates and to the payroll "
     "accounts and staffing firms they used. Money that reaches the DPRK is sanctions "
     "exposure: OFAC applies strict liability, and payments to sanctioned persons can be "
     "violations even without knowledge.",
     OFAC_2021},
    {"report", "Report to law enforcement",
     "Report the extortion to the FBI (ic3.gov or the local field office) with the case "
     "bundle, the sender addresses, the Received chain and the payment demands; tell counsel.",
     FBI_2025},
    {"no-pay", "Do not pay",
     "Paying funds the DPRK regime, may violate sanctions, and buys no deletion: the FBI "
     "reports that in some cases the workers published victims' proprietary code.",
     OFAC_2021},
};

const size_t mh_playbook_n = sizeof(mh_playbook) / sizeof(mh_playbook[0]);

const struct mh_play_step *mh_playbook_find(const char *id)
{
	size_t i;

	for (i = 0; i < mh_playbook_n; i++)
		if (!strcmp(mh_playbook[i].id, id))
			return &mh_playbook[i];
	return NULL;
}

cJSON *mh_playbook_json(void)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < mh_playbook_n; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "id", mh_playbook[i].id);
		cJSON_AddStringToObject(o, "title", mh_playbook[i].title);
		cJSON_AddStringToObject(o, "action", mh_playbook[i].action);
		cJSON_AddStringToObject(o, "source", mh_playbook[i].source);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}
