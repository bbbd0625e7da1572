#ifndef MH_ALERT_H
#define MH_ALERT_H
/*
 * Where alerts go, and the promise about them: every alert of a committed
 * scan reaches every configured sink, or is reported as still waiting.
 *
 *   1. mh_alert_sinks_open: the sinks from the command line and the config
 *      (alert.*), each checked before the scan reads anything (a file that
 *      cannot be created, a bad target, a secret file others can read);
 *   2. mh_alert_stage, inside the scan's transaction: each alert text goes
 *      into the store's outbox once per sink (store/store_alerts.h), so it
 *      commits or rolls back with the findings it reports;
 *   3. mh_alert_deliver, after the commit: each sink gets its outbox rows in
 *      order, the earlier scans' leftovers first; what a sink took is
 *      deleted, what it did not stays for the next run, with the failure
 *      counted and printed ("alerts: webhook https://...: HTTP 503 (4
 *      attempts); 12 alerts wait in the outbox"). Delivery never fails the
 *      scan. Rows older than alert.outbox.max_age_days, or beyond
 *      alert.outbox.max per sink, are dropped, loudly.
 *
 * Delivery is at least once: a crash between a sink taking a batch and the
 * outbox forgetting it sends the batch again; event.id lets receivers drop
 * the copy.
 *
 * Ownership: the sinks set owns its sinks; options' strings are borrowed
 * and must outlive it.
 */
#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

struct mh_config;
struct mh_store;

/* From the command line; NULL: the config's alert.* value. */
struct mh_alert_opts {
	const char *jsonl;           /* --alerts FILE */
	const char *syslog;          /* --syslog TARGET */
	const char *syslog_facility; /* --syslog-facility NAME */
	const char *webhook;         /* --webhook URL */
	const char *webhook_secret;  /* --webhook-secret FILE */
};

#define MH_ALERT_SINKS_MAX 3

struct mh_alert_sink_report {
	const char *key; /* "jsonl", "syslog", "webhook" */
	char name[300];
	size_t delivered; /* this run */
	size_t pending;   /* still in the outbox afterwards */
	size_t dropped;   /* expired from the outbox this run */
	char error[512];  /* why delivery stopped; "" when it did not */
};

struct mh_alert_report {
	size_t staged; /* alerts this scan produced */
	struct mh_alert_sink_report sink[MH_ALERT_SINKS_MAX];
	size_t nsinks;
	size_t orphaned; /* outbox rows for sinks this run does not have */
	size_t dropped;  /* of those, expired this run */
};

struct mh_alert_sinks;

/* NULL with err (code MH_EUSAGE or MH_EINPUT) when a sink is misconfigured;
 * a set with no sinks when none is configured. */
struct mh_alert_sinks *mh_alert_sinks_open(const struct mh_alert_opts *o,
                                           const struct mh_config *cfg, struct mh_err *err);
size_t mh_alert_sinks_count(const struct mh_alert_sinks *s);
void mh_alert_sinks_free(struct mh_alert_sinks *s);

/* Add one alert (JSON text) to the outbox of every sink. Call inside the
 * scan's transaction. */
int mh_alert_stage(struct mh_store *store, const struct mh_alert_sinks *s, const char *text,
                   struct mh_err *err);

/* Trim, then deliver every sink's outbox; failures go to log and r. */
void mh_alert_deliver(struct mh_store *store, const struct mh_alert_sinks *s, FILE *log,
                      struct mh_alert_report *r);

/* Rows still waiting in the outbox (all sinks), or -1. */
long mh_alert_pending(struct mh_store *store, struct mh_err *err);

/* The report's lines for a scan summary (nothing when there is nothing to
 * say). */
void mh_alert_report_print(FILE *f, const struct mh_alert_report *r);

#endif
