/* RFC 5424 formatting with hostile fields: the input is NUL-separated
 * host, app, procid, msgid, sd-id, name, value, name, value, msg; the first
 * two bytes pick the length limit. Every message that comes out must stay
 * within the limit, keep its header at six space-free fields, close its
 * structured data at the right ']', and carry a prefix of MSG cut on a
 * character boundary. Found: a run of continuation bytes used to cut MSG to
 * nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alert/rfc5424.h"

#define NF 10

static int cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* Index after the structured data at s[i], or 0 when malformed. */
static size_t skip_sd(const char *s, size_t n, size_t i)
{
	int quoted = 0;

	if (i < n && s[i] == '-')
		return i + 1;
	if (i >= n || s[i] != '[')
		return 0;
	for (i++; i < n; i++) {
		if (quoted && s[i] == '\\') {
			if (i + 1 >= n || !strchr("\"\\]", s[i + 1]))
				return 0;
			i++;
		} else if (s[i] == '"') {
			quoted = !quoted;
		} else if (!quoted && s[i] == ']') {
			return i + 1;
		} else if (quoted && s[i] == ']') {
			return 0;
		}
	}
	return 0;
}

static void check(const char *buf, long n, size_t max, const char *msg, size_t msglen)
{
	size_t i = 0, spaces = 0, len = (size_t)n, take;

	if ((size_t)n > max || strlen(buf) != len || buf[0] != '<')
		abort();
	while (i < len && spaces < 6)
		spaces += buf[i++] == ' ';
	if (spaces < 6)
		abort();
	i = skip_sd(buf, len, i);
	if (!i)
		abort();
	if (i == len)
		return;
	if (len - i < 4 || memcmp(buf + i, " \xEF\xBB\xBF", 4))
		abort();
	take = len - i - 4;
	if (take > msglen || memcmp(buf + i + 4, msg, take))
		abort();
	/* Cut inside a sequence only where the bytes are not UTF-8 anyway: only
	 * continuation bytes from 3 before the cut (or the start) on. */
	if (take < msglen && cont(msg[take])) {
		size_t j;

		for (j = take >= 3 ? take - 3 : 0; j < take; j++)
			if (!cont(msg[j]))
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy, *f[NF], buf[8193];
	struct mh_syslog_hdr h;
	struct mh_sd_param p[2];
	size_t max, nf = 0, i;
	long n;

	if (size < 2)
		return 0;
	max = 8 + (((size_t)data[0] << 8 | data[1]) % 8185);
	copy = malloc(size - 1);
	memcpy(copy, data + 2, size - 2);
	copy[size - 2] = '\0';
	f[nf++] = copy;
	for (i = 0; i + 2 < size && nf < NF; i++)
		if (!copy[i])
			f[nf++] = copy + i + 1;
	while (nf < NF)
		f[nf++] = "";
	h.facility = data[0] % 24;
	h.severity = data[1] % 8;
	h.time_ms = data[0] & 1 ? -1 : (int64_t)data[1] * 86400000LL * 365;
	h.hostname = f[0];
	h.app_name = f[1];
	h.procid = f[2];
	h.msgid = f[3];
	p[0] = (struct mh_sd_param){f[5], f[6]};
	p[1] = (struct mh_sd_param){f[7], f[8]};
	n = mh_rfc5424_format(buf, sizeof(buf), max, &h, *f[4] ? f[4] : NULL, p, *f[4] ? 2 : 0,
	                      f[9], strlen(f[9]), NULL);
	if (n >= 0)
		check(buf, n, max, f[9], strlen(f[9]));
	free(copy);
	return 0;
}
