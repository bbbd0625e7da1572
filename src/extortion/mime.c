/*
 * GMime adapter (mime.h). GMime builds the whole tree in memory (the message
 * is at most MH_MAIL_MAX bytes); each leaf part is decoded into a memory
 * stream and copied out, so the struct mh_mail outlives the GMime objects.
 */
#include "extortion/mime.h"

#include <gmime/gmime.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/ip.h"
#include "util/xalloc.h"

#define MAX_CONTAINERS 256 /* multipart/ and message/ headers in the raw text */

struct walk {
	const char *name;
	struct mh_mail *m;
	size_t pcap, nattached;
	struct mh_err *err;
};

static void init_once(void)
{
	static int done;

	if (!done) {
		g_mime_init();
		done = 1;
	}
}

static char *lower_dup(const char *s)
{
	char *d = mh_strdup(s);
	char *p;

	for (p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	return d;
}

static void add_addr(struct mh_mail *m, const char *role, InternetAddress *ia)
{
	const char *addr, *name;
	struct mh_mail_addr *a;

	if (!INTERNET_ADDRESS_IS_MAILBOX(ia) || m->naddrs >= MH_MAIL_MAX_ADDRS)
		return;
	addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
	if (!addr || !*addr)
		return;
	m->addrs = mh_realloc(m->addrs, (m->naddrs + 1) * sizeof(*m->addrs));
	a = &m->addrs[m->naddrs++];
	a->role = mh_strdup(role);
	a->addr = lower_dup(addr);
	name = internet_address_get_name(ia);
	a->name = name && *name ? mh_strdup(name) : NULL;
}

static void add_list(struct mh_mail *m, const char *role, InternetAddressList *l, int depth)
{
	int i, n = l ? internet_address_list_length(l) : 0;

	for (i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(l, i);

		if (INTERNET_ADDRESS_IS_GROUP(ia) && depth < 2)
			add_list(m, role,
			         internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)),
			         depth + 1);
		else
			add_addr(m, role, ia);
	}
}

static int ip_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
	       c == ':' || c == '.';
}

static void add_hop(struct mh_mail *m, const struct mh_ip *ip, unsigned hop)
{
	struct mh_mail_hop *h;
	char txt[48];
	size_t d;

	mh_ip_format(ip, txt, sizeof(txt));
	for (d = 0; d < m->nhops; d++)
		if (!strcmp(m->hops[d].ip, txt))
			return;
	m->hops = mh_realloc(m->hops, (m->nhops + 1) * sizeof(*m->hops));
	h = &m->hops[m->nhops++];
	h->hop = hop;
	memcpy(h->ip, txt, sizeof(h->ip));
	h->is_private = mh_ip_is_private(ip);
}

/* Every maximal run of hex digits, ':' and '.' that parses as an address with
 * three dots or two colons ("IPv6:" prefixes skipped, trailing dots dropped):
 * the bracketed and parenthesised forms MTAs write, without matching times
 * ("02:59:59" is no address) or ids. */
void mh_mail_received_ips(struct mh_mail *m, const char *v, unsigned hop)
{
	size_t i = 0, n = strlen(v);
	int after_prefix = 0;

	while (i < n && m->nhops < MH_MAIL_MAX_HOPS) {
		size_t j, k, dots = 0, colons = 0;
		struct mh_ip ip;

		if (!strncasecmp(v + i, "ipv6:", 5)) {
			i += 5;
			after_prefix = 1;
			continue;
		}
		if (!ip_char(v[i]) ||
		    (!after_prefix && i > 0 && (ip_char(v[i - 1]) || v[i - 1] == '_'))) {
			i++;
			after_prefix = 0;
			continue;
		}
		after_prefix = 0;
		for (j = i; j < n && ip_char(v[j]); j++)
			;
		for (k = j; k > i && v[k - 1] == '.'; k--)
			;
		for (size_t x = i; x < k; x++) {
			dots += v[x] == '.';
			colons += v[x] == ':';
		}
		if ((dots == 3 || colons >= 2) && !mh_ip_parse(v + i, k - i, &ip))
			add_hop(m, &ip, hop);
		i = j;
	}
}

static int64_t header_date(const char *s)
{
	GDateTime *d = s ? g_mime_utils_header_decode_date(s) : NULL;
	int64_t ms = 0;

	if (d) {
		ms = (int64_t)g_date_time_to_unix(d) * 1000;
		g_date_time_unref(d);
	}
	return ms;
}

static void headers(struct mh_mail *m, GMimeMessage *msg)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	int i, n = hl ? g_mime_header_list_get_count(hl) : 0;
	const char *s;
	GDateTime *d;

	add_list(m, "from", g_mime_message_get_from(msg), 0);
	add_list(m, "reply-to", g_mime_message_get_reply_to(msg), 0);
	add_list(m, "sender", g_mime_message_get_sender(msg), 0);
	s = g_mime_object_get_header(GMIME_OBJECT(msg), "Return-Path");
	if (s) {
		InternetAddressList *l = internet_address_list_parse(NULL, s);

		if (l) {
			add_list(m, "return-path", l, 0);
			g_object_unref(l);
		}
	}
	if ((s = g_mime_message_get_subject(msg)))
		m->subject = mh_strdup(s);
	if ((s = g_mime_message_get_message_id(msg)))
		m->message_id = mh_strdup(s);
	if ((s = g_mime_object_get_header(GMIME_OBJECT(msg), "Date")))
		m->date_text = mh_strdup(s);
	d = g_mime_message_get_date(msg);
	if (d)
		m->date_ms = (int64_t)g_date_time_to_unix(d) * 1000;
	for (i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *name = g_mime_header_get_name(h), *v = g_mime_header_get_value(h);

		if (!name || strcasecmp(name, "Received") || m->nreceived >= MH_MAIL_MAX_HOPS)
			continue;
		if (!v)
			v = g_mime_header_get_raw_value(h);
		if (!v)
			continue;
		m->received = mh_realloc(m->received, (m->nreceived + 1) * sizeof(char *));
		m->received[m->nreceived] = mh_strdup(v);
		mh_mail_received_ips(m, v, (unsigned)m->nreceived);
		m->nreceived++;
	}
	if (!m->date_ms && m->nreceived && strrchr(m->received[0], ';'))
		m->date_ms = header_date(strrchr(m->received[0], ';') + 1);
}

/* The decoded content of a leaf, converted to UTF-8 for text with a charset. */
static unsigned char *content(GMimePart *part, GMimeContentType *ct, size_t *n)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *st;
	GByteArray *arr;
	unsigned char *out;
	const char *cs = ct ? g_mime_content_type_get_parameter(ct, "charset") : NULL;

	*n = 0;
	if (!w)
		return mh_calloc(1, 1);
	st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, st);
	arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	if (cs && g_mime_content_type_is_type(ct, "text", "*") && strcasecmp(cs, "utf-8") &&
	    strcasecmp(cs, "us-ascii")) {
		gsize got = 0;
		gchar *u = g_convert((const gchar *)arr->data, (gssize)arr->len, "UTF-8", cs, NULL,
		                     &got, NULL);

		if (u) {
			out = mh_malloc(got + 1);
			memcpy(out, u, got);
			out[got] = '\0';
			*n = got;
			g_free(u);
			g_object_unref(st);
			return out;
		}
	}
	out = mh_malloc(arr->len + 1);
	if (arr->len)
		memcpy(out, arr->data, arr->len);
	out[arr->len] = '\0';
	*n = arr->len;
	g_object_unref(st);
	return out;
}

static int leaf(struct walk *w, GMimePart *part, unsigned depth, const char *prefix)
{
	struct mh_mail *m = w->m;
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	const char *fn = g_mime_part_get_filename(part);
	const char *disp = g_mime_object_get_disposition(GMIME_OBJECT(part));
	char *type = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
	struct mh_mail_part *p;
	char label[64];
	size_t plen = strlen(prefix);

	if (m->nparts >= MH_MAIL_MAX_PARTS) {
		g_free(type);
		return mh_err_set(w->err, MH_ELIMIT, "%s: more than %d MIME parts, refused",
		                  w->name, MH_MAIL_MAX_PARTS);
	}
	m->parts = mh_grow(m->parts, &w->pcap, m->nparts + 1, sizeof(*m->parts));
	p = &m->parts[m->nparts++];
	memset(p, 0, sizeof(*p));
	snprintf(label, sizeof(label), "part %zu", m->nparts);
	if (!fn || !*fn)
		fn = label;
	p->name = mh_malloc(plen + strlen(fn) + 1);
	memcpy(p->name, prefix, plen);
	memcpy(p->name + plen, fn, strlen(fn) + 1);
	p->content_type = lower_dup(type ? type : "application/octet-stream");
	g_free(type);
	p->attachment = fn != label || (disp && !strcasecmp(disp, "attachment")) ||
	                strncmp(p->content_type, "text/", 5);
	p->depth = depth;
	p->data = content(part, ct, &p->n);
	return 0;
}

static int walk(struct walk *w, GMimeObject *obj, unsigned depth, const char *prefix)
{
	if (depth > MH_MAIL_MAX_DEPTH)
		return mh_err_set(w->err, MH_ELIMIT,
		                  "%s: MIME parts nested deeper than %d, refused", w->name,
		                  MH_MAIL_MAX_DEPTH);
	if (GMIME_IS_MULTIPART(obj)) {
		int i, n = g_mime_multipart_get_count(GMIME_MULTIPART(obj));

		for (i = 0; i < n; i++)
			if (walk(w, g_mime_multipart_get_part(GMIME_MULTIPART(obj), i), depth + 1,
			         prefix))
				return -1;
		return 0;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *msg = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		GMimeObject *body = msg ? g_mime_message_get_mime_part(msg) : NULL;
		char sub[512];

		if (!body)
			return 0;
		snprintf(sub, sizeof(sub), "%sattached message %zu/", prefix, ++w->nattached);
		return walk(w, body, depth + 1, sub);
	}
	if (GMIME_IS_PART(obj))
		return leaf(w, GMIME_PART(obj), depth, prefix);
	return 0;
}

/* Upper bound of GMime's recursion: every container needs such a header. */
static size_t containers(const char *p, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i + 10 <= n; i++)
		if ((p[i] | 32) == 'm' &&
		    (!strncasecmp(p + i, "multipart/", 10) || !strncasecmp(p + i, "message/", 8)))
			c++;
	return c;
}

int mh_mail_parse(const char *name, const void *data, size_t n, struct mh_mail *m,
                  struct mh_err *err)
{
	struct walk w = {name, m, 0, 0, err};
	GMimeStream *st;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeObject *body;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	if (n > MH_MAIL_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s: message larger than %u bytes, refused", name,
		                  MH_MAIL_MAX);
	if (containers(data, n) > MAX_CONTAINERS)
		return mh_err_set(err, MH_ELIMIT,
		                  "%s: more than %d multipart or attached-message parts, refused",
		                  name, MAX_CONTAINERS);
	init_once();
	st = g_mime_stream_mem_new_with_buffer(data, n);
	parser = g_mime_parser_new_with_stream(st);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(st);
	if (!msg)
		return mh_err_set(err, MH_EINPUT, "%s: not an RFC 5322 message", name);
	headers(m, msg);
	body = g_mime_message_get_mime_part(msg);
	if (body)
		rc = walk(&w, body, 0, "");
	g_object_unref(msg);
	if (rc)
		mh_mail_release(m);
	return rc;
}

void mh_mail_release(struct mh_mail *m)
{
	size_t i;

	for (i = 0; i < m->naddrs; i++) {
		free(m->addrs[i].role);
		free(m->addrs[i].addr);
		free(m->addrs[i].name);
	}
	for (i = 0; i < m->nreceived; i++)
		free(m->received[i]);
	for (i = 0; i < m->nparts; i++) {
		free(m->parts[i].name);
		free(m->parts[i].content_type);
		free(m->parts[i].data);
	}
	free(m->addrs);
	free(m->received);
	free(m->hops);
	free(m->parts);
	free(m->subject);
	free(m->message_id);
	free(m->date_text);
	memset(m, 0, sizeof(*m));
}
