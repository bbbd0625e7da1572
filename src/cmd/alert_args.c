/* The alert options of scan and serve (cmd/alert_args.h). */
#include "cmd/alert_args.h"

int mh_alert_arg(int c, const char *arg, struct mh_alert_opts *o)
{
	switch (c - MH_ALERT_OPT_BASE) {
	case 0:
		o->jsonl = arg;
		return 1;
	case 1:
		o->syslog = arg;
		return 1;
	case 2:
		o->syslog_facility = arg;
		return 1;
	case 3:
		o->webhook = arg;
		return 1;
	case 4:
		o->webhook_secret = arg;
		return 1;
	default:
		return 0;
	}
}
