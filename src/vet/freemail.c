/* Free-mail providers: anyone can open a mailbox there, so a reference on
 * one is unverifiable and the domain itself says nothing about a person. */
#include <string.h>
#include <strings.h>

#include "config/config.h"
#include "vet/vet_int.h"

static const char *const builtin[] = {
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com",  "live.com", "msn.com",
    "yahoo.com", "ymail.com",      "aol.com",     "icloud.com",   "me.com",   "mac.com",
    "proton.me", "protonmail.com", "pm.me",       "gmx.com",      "gmx.net",  "mail.com",
    "zoho.com",  "yandex.com",     "yandex.ru",   "mail.ru",      "qq.com",   "163.com",
    "126.com",   "tutanota.com",   "tuta.io",     "fastmail.com", "hey.com",  "inbox.com",
};

int mh_vet_free_mail(const struct mh_vet *v, const char *domain)
{
	const char *const *extra;
	size_t i, n;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (!strcasecmp(builtin[i], domain))
			return 1;
	n = mh_config_list(v->cfg, "vet.free_mail_domains", &extra);
	for (i = 0; i < n; i++)
		if (!strcasecmp(extra[i], domain))
			return 1;
	return 0;
}
