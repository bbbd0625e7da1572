/* The configured sinks: command line over config (alert/alert.h). */
#include <stdlib.h>
#include <string.h>

#include "alert/alert.h"
#include "alert/sink.h"
#include "alert/sinks_priv.h"
#include "config/config.h"
#include "util/xalloc.h"

static const char *pick(const char *cli, const struct mh_config *cfg, const char *key)
{
	const char *v = cli ? cli : mh_config_gstr(cfg, key);

	return v && *v ? v : NULL;
}

static int open_syslog(struct mh_alert_sinks *s, const struct mh_alert_opts *o,
                       const struct mh_config *cfg, const char *target, struct mh_err *err)
{
	struct mh_syslog_conf c;

	c.target = target;
	c.facility =
	    o->syslog_facility ? o->syslog_facility : mh_config_gstr(cfg, "alert.syslog.facility");
	c.sd_id = mh_config_gstr(cfg, "alert.syslog.sd_id");
	c.max_bytes = (size_t)mh_config_gnum(cfg, "alert.syslog.max_bytes");
	c.ca_file = pick(NULL, cfg, "alert.syslog.ca_file");
	if (mh_sink_syslog_open(&s->v[s->n], &c, err))
		return -1;
	s->n++;
	return 0;
}

static int open_webhook(struct mh_alert_sinks *s, const struct mh_alert_opts *o,
                        const struct mh_config *cfg, const char *url, struct mh_err *err)
{
	struct mh_webhook_conf c;

	c.url = url;
	c.secret_file = pick(o->webhook_secret, cfg, "alert.webhook.secret_file");
	c.ca_file = pick(NULL, cfg, "alert.webhook.ca_file");
	c.timeout_s = (unsigned)mh_config_gnum(cfg, "alert.webhook.timeout_s");
	c.retries = (unsigned)mh_config_gnum(cfg, "alert.webhook.retries");
	c.backoff_ms = (unsigned)mh_config_gnum(cfg, "alert.webhook.backoff_ms");
	c.batch = (unsigned)mh_config_gnum(cfg, "alert.webhook.batch");
	if (mh_sink_webhook_open(&s->v[s->n], &c, err))
		return -1;
	s->n++;
	return 0;
}

struct mh_alert_sinks *mh_alert_sinks_open(const struct mh_alert_opts *o,
                                           const struct mh_config *cfg, struct mh_err *err)
{
	struct mh_alert_sinks *s = mh_calloc(1, sizeof(*s));
	const char *jsonl = pick(o->jsonl, cfg, "alert.jsonl");
	const char *target = pick(o->syslog, cfg, "alert.syslog.target");
	const char *url = pick(o->webhook, cfg, "alert.webhook.url");

	s->max_age_ms = (int64_t)(mh_config_gnum(cfg, "alert.outbox.max_age_days") * 86400000.0);
	s->keep = (int64_t)mh_config_gnum(cfg, "alert.outbox.max");
	if (o->syslog_facility && !target) {
		mh_err_set(err, MH_EUSAGE, "--syslog-facility without a syslog target");
		goto fail;
	}
	if (o->webhook_secret && !url) {
		mh_err_set(err, MH_EUSAGE, "--webhook-secret without a webhook URL");
		goto fail;
	}
	if (jsonl && mh_sink_jsonl_open(&s->v[s->n++], jsonl, err))
		goto fail_one;
	if (target && open_syslog(s, o, cfg, target, err))
		goto fail;
	if (url && open_webhook(s, o, cfg, url, err))
		goto fail;
	return s;
fail_one:
	s->n--;
fail:
	mh_alert_sinks_free(s);
	return NULL;
}

size_t mh_alert_sinks_count(const struct mh_alert_sinks *s)
{
	return s ? s->n : 0;
}

void mh_alert_sinks_free(struct mh_alert_sinks *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		if (s->v[i].free)
			s->v[i].free(s->v[i].ctx);
	free(s);
}
