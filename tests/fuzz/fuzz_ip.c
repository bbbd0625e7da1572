/*
 * Fuzz mh_ip_parse / mh_ip_format. Invariants: anything parsed formats to
 * text that parses back to the same address; bare text is accepted exactly
 * when glibc inet_pton accepts it (brackets and "v4:port" are our additions).
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/ip.h"

static int pton_accepts(const char *s)
{
	uint8_t b[16];

	return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

static int v4_port_form(const char *s)
{
	const char *colon = strrchr(s, ':');
	char addr[64];
	uint8_t b[4];

	if (!colon || (size_t)(colon - s) >= sizeof(addr))
		return 0;
	memcpy(addr, s, (size_t)(colon - s));
	addr[colon - s] = '\0';
	return inet_pton(AF_INET, addr, b) == 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_ip ip, back;
	char text[128], out[64];
	int ok;

	ok = mh_ip_parse((const char *)data, size, &ip) == 0;
	if (ok) {
		if (ip.family != 4 && ip.family != 6)
			abort();
		mh_ip_format(&ip, out, sizeof(out));
		if (mh_ip_parse(out, strlen(out), &back) != 0 || !mh_ip_eq(&ip, &back))
			abort();
		(void)mh_ip_is_private(&ip);
	}
	if (size >= sizeof(text) || memchr(data, '\0', size))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (pton_accepts(text) && !ok)
		abort();
	if (ok && !pton_accepts(text) && !strchr(text, '[') && !v4_port_form(text))
		abort();
	return 0;
}
