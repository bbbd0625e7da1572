#ifndef MH_ALERT_SINK_H
#define MH_ALERT_SINK_H
/*
 * One place alerts leave to. Each sink is one file (jsonl.c, syslog.c,
 * webhook.c) with a constructor that checks its settings and fills this ops
 * struct; nothing is connected or written until send. outbox.c drives them.
 *
 * send delivers alerts[0..n) (ECS JSON texts, alert/record.h) in order and
 * sets *done to how many the far end has taken, always a prefix: on failure
 * it returns -1 with err saying why, and the rest stay in the outbox.
 *
 * Ownership: the sink owns ctx (released by free); alerts are borrowed for
 * the call.
 */
#include <stddef.h>

#include "util/err.h"

#define MH_SINK_NAME_MAX 300

struct mh_config;

struct mh_alert_sink {
	/* "jsonl", "syslog" or "webhook": the outbox's key, so alerts waiting
	 * for a webhook go to its new URL when the URL is changed */
	const char *key;
	/* "jsonl FILE", "syslog udp://HOST:PORT", "webhook URL" (without
	 * credentials or query): for messages */
	char name[MH_SINK_NAME_MAX];
	void *ctx;
	int (*send)(void *ctx, const char *const *alerts, size_t n, size_t *done,
	            struct mh_err *err);
	void (*free)(void *ctx);
};

int mh_sink_jsonl_open(struct mh_alert_sink *s, const char *path, struct mh_err *err);

struct mh_syslog_conf {
	const char *target;   /* udp://, tcp://, tls://HOST[:PORT], unix:PATH */
	const char *facility; /* name or number */
	const char *sd_id;
	size_t max_bytes;    /* 0: 2048 on UDP, 8192 otherwise */
	const char *ca_file; /* tls://: NULL = the system's CAs */
};
int mh_sink_syslog_open(struct mh_alert_sink *s, const struct mh_syslog_conf *c,
                        struct mh_err *err);

struct mh_webhook_conf {
	const char *url;
	const char *secret_file; /* NULL: unsigned */
	const char *ca_file;     /* NULL: the system's CAs */
	unsigned timeout_s, retries, backoff_ms, batch;
};
int mh_sink_webhook_open(struct mh_alert_sink *s, const struct mh_webhook_conf *c,
                         struct mh_err *err);

#endif
