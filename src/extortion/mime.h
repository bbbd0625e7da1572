#ifndef MH_MIME_H
#define MH_MIME_H
/*
 * An RFC 5322 / MIME message parsed with GMime: the headers attribution needs
 * (From, Reply-To, Sender, Return-Path addresses; the Received chain and the
 * IP addresses in it; Message-ID, Subject, Date) and every leaf part with its
 * transfer encoding (base64, quoted-printable, uuencode) undone. Multiparts
 * are walked depth first; an attached message (message/rfc822) is walked too,
 * its parts named "attached message N/...". Parts with a file name or an
 * "attachment" disposition are attachments; the other text parts are the
 * body.
 *
 * Limits, each refused with a message: the message size (MH_MAIL_MAX), the
 * number of leaf parts (MH_MAIL_MAX_PARTS) and the nesting of multiparts and
 * attached messages (MH_MAIL_MAX_DEPTH; checked on the raw text before GMime
 * recurses, so hostile nesting cannot exhaust the stack).
 *
 * Ownership: struct mh_mail owns every string and buffer in it;
 * mh_mail_release frees them. GMime is initialised once, on first use.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_MAIL_MAX       (64u << 20)
#define MH_MAIL_MAX_PARTS 1000
#define MH_MAIL_MAX_DEPTH 32
#define MH_MAIL_MAX_ADDRS 64
#define MH_MAIL_MAX_HOPS  64

struct mh_mail_addr {
	char *role; /* "from", "reply-to", "sender", "return-path" */
	char *addr; /* lower-cased local@domain */
	char *name; /* display name or NULL */
};

struct mh_mail_hop {
	unsigned hop; /* 0: the Received header on top (nearest the recipient) */
	char ip[48];  /* canonical text */
	int is_private;
};

struct mh_mail_part {
	char *name;          /* file name, "attached message 1/x.zip", or "part N" */
	char *content_type;  /* "application/zip" */
	unsigned char *data; /* n bytes and a NUL */
	size_t n;
	int attachment; /* else body text */
	unsigned depth;
};

struct mh_mail {
	char *subject, *message_id, *date_text; /* NULL when absent */
	int64_t date_ms;                        /* Date, else the top Received date; 0 unknown */
	struct mh_mail_addr *addrs;
	size_t naddrs;
	char **received; /* raw Received values, top first */
	size_t nreceived;
	struct mh_mail_hop *hops;
	size_t nhops;
	struct mh_mail_part *parts;
	size_t nparts;
};

/* Parse data[0..n); name is used in messages. */
int mh_mail_parse(const char *name, const void *data, size_t n, struct mh_mail *m,
                  struct mh_err *err);
void mh_mail_release(struct mh_mail *m);

/* The IP addresses in one Received header value, appended as hops. */
void mh_mail_received_ips(struct mh_mail *m, const char *value, unsigned hop);

#endif
