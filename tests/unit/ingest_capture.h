/* Test helper for the ingest tests: a sink that copies every event (bounded)
 * so tests can assert decoded values after mh_ingest_file returns. */
#ifndef INGEST_CAPTURE_H
#define INGEST_CAPTURE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/event.h"
#include "ingest/ingest.h"

struct cap_ev {
	struct mh_event ev;
	unsigned thread;
	char user[128], host[128], action[128], country[64], city[64], as_org[128], mfa[128],
	    ua[256], process[128], exe[256], cmd[256], path[256], repo[128], dest[128], usb_vid[16],
	    usb_pid[16], usb_vendor[64], usb_model[64], usb_serial[64];
};

struct capture {
	struct cap_ev *v;
	size_t n, cap;
	char rejects[64][256];
	size_t nrej;
	char skips[256][256];
	size_t nskip;
};

static inline void cap_str(char *dst, size_t cap, struct mh_str s)
{
	snprintf(dst, cap, "%.*s", (int)s.n, s.p ? s.p : "");
}

static inline void cap_sink(void *arg, unsigned thread, const struct mh_event *ev)
{
	struct capture *c = arg;
	struct cap_ev *e;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = realloc(c->v, c->cap * sizeof(*c->v));
	}
	e = &c->v[c->n++];
	memset(e, 0, sizeof(*e));
	e->ev = *ev;
	e->thread = thread;
	cap_str(e->user, sizeof(e->user), ev->user);
	cap_str(e->host, sizeof(e->host), ev->host);
	cap_str(e->action, sizeof(e->action), ev->action);
	cap_str(e->country, sizeof(e->country), ev->country);
	cap_str(e->city, sizeof(e->city), ev->city);
	cap_str(e->as_org, sizeof(e->as_org), ev->as_org);
	cap_str(e->mfa, sizeof(e->mfa), ev->mfa_device);
	cap_str(e->ua, sizeof(e->ua), ev->user_agent);
	cap_str(e->process, sizeof(e->process), ev->process);
	cap_str(e->exe, sizeof(e->exe), ev->executable);
	cap_str(e->cmd, sizeof(e->cmd), ev->command_line);
	cap_str(e->path, sizeof(e->path), ev->path);
	cap_str(e->repo, sizeof(e->repo), ev->repo);
	cap_str(e->dest, sizeof(e->dest), ev->dest);
	cap_str(e->usb_vid, sizeof(e->usb_vid), ev->usb_vendor_id);
	cap_str(e->usb_pid, sizeof(e->usb_pid), ev->usb_model_id);
	cap_str(e->usb_vendor, sizeof(e->usb_vendor), ev->usb_vendor);
	cap_str(e->usb_model, sizeof(e->usb_model), ev->usb_model);
	cap_str(e->usb_serial, sizeof(e->usb_serial), ev->usb_serial);
}

static inline void cap_reject(void *arg, const char *where, const char *why)
{
	struct capture *c = arg;

	if (c->nrej < 64)
		snprintf(c->rejects[c->nrej], sizeof(c->rejects[0]), "%s: %s", where, why);
	c->nrej++;
}

static inline void cap_skip(void *arg, const char *where, const char *why)
{
	struct capture *c = arg;

	if (c->nskip < 256)
		snprintf(c->skips[c->nskip], sizeof(c->skips[0]), "%s", why);
	c->nskip++;
}

static inline void cap_free(struct capture *c)
{
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Ingest path into c with the given format (NULL: sniff) and threads. */
static inline int cap_ingest(struct capture *c, const char *path, const char *format,
                             unsigned threads, struct mh_ingest_stats *st, struct mh_err *err)
{
	struct mh_ingest_opts o;

	memset(&o, 0, sizeof(o));
	o.threads = threads;
	o.format = format;
	o.reject = cap_reject;
	o.skip = cap_skip;
	o.cb_arg = c;
	return mh_ingest_file(path, 7, &o, cap_sink, c, st, err);
}

static inline void cap_print_rejects(const struct capture *c)
{
	for (size_t i = 0; i < c->nrej && i < 64; i++)
		fprintf(stderr, "  reject: %s\n", c->rejects[i]);
}

#endif
