#ifndef MH_ALERT_TLS_H
#define MH_ALERT_TLS_H
/*
 * A TLS client over a connected socket, for syslog over TLS (RFC 5425):
 * TLS 1.2 or later, the peer's certificate verified against ca_file (or the
 * system's CAs) and its name against host (SNI sent). OpenSSL does the work.
 *
 * Ownership: mh_tls_open takes the socket; mh_tls_close closes both.
 */
#include <stddef.h>

#include "util/err.h"

struct mh_tls;

struct mh_tls *mh_tls_open(int fd, const char *host, const char *ca_file, struct mh_err *err);
int mh_tls_write_all(struct mh_tls *t, const char *p, size_t n, struct mh_err *err);
/* Sends close_notify, closes the socket; -1 with err when that fails. */
int mh_tls_close(struct mh_tls *t, struct mh_err *err);

#endif
