#ifndef MH_CMD_ALERT_ARGS_H
#define MH_CMD_ALERT_ARGS_H
/*
 * The alert options `scan` and `serve` share: their getopt_long entries, the
 * lines of --help, and the handler that stores them. The values are borrowed
 * from argv.
 */
#include <getopt.h>

#include "alert/alert.h"

#define MH_ALERT_OPT_BASE 0x200

/* Entries for a getopt_long table (values MH_ALERT_OPT_BASE + 0..4). */
#define MH_ALERT_LONGOPTS                                                                          \
	{"alerts", required_argument, NULL, MH_ALERT_OPT_BASE},                                    \
	    {"syslog", required_argument, NULL, MH_ALERT_OPT_BASE + 1},                            \
	    {"syslog-facility", required_argument, NULL, MH_ALERT_OPT_BASE + 2},                   \
	    {"webhook", required_argument, NULL, MH_ALERT_OPT_BASE + 3},                           \
	{                                                                                          \
		"webhook-secret", required_argument, NULL, MH_ALERT_OPT_BASE + 4                   \
	}

#define MH_ALERT_USAGE                                                                             \
	"  --alerts FILE      append new or changed findings as ECS JSON Lines\n"                  \
	"  --syslog TARGET    also send them to syslog (RFC 5424): udp://HOST[:PORT],\n"           \
	"                     tcp://HOST[:PORT], tls://HOST[:PORT] (RFC 5425) or unix:PATH\n"      \
	"  --syslog-facility NAME  syslog facility, kern ... local7 or 0-23 (default local0)\n"    \
	"  --webhook URL      also POST them as JSON batches to URL (http or https)\n"             \
	"  --webhook-secret FILE  key (mode 600) for the X-Molehunt-Signature HMAC\n"              \
	"                     (alerts that cannot be delivered wait in the store and are\n"        \
	"                     retried by the next run: docs/ALERTS.md)\n"

/* 1 when c is one of the alert options (its value stored in o), else 0. */
int mh_alert_arg(int c, const char *arg, struct mh_alert_opts *o);

#endif
