/* TLS client for syslog over TLS (see tls.h). */
#include "alert/tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "util/xalloc.h"

#define DRAIN_S 5

struct mh_tls {
	SSL_CTX *ctx;
	SSL *ssl;
	int fd;
};

static int fail(struct mh_err *err, const char *what)
{
	unsigned long e = ERR_get_error();
	char buf[256];

	ERR_error_string_n(e, buf, sizeof(buf));
	ERR_clear_error();
	return mh_err_set(err, MH_EIO, "TLS %s: %s", what, e ? buf : "failed");
}

static void release(struct mh_tls *t)
{
	if (t->ssl)
		SSL_free(t->ssl);
	if (t->ctx)
		SSL_CTX_free(t->ctx);
	if (t->fd >= 0)
		close(t->fd);
	free(t);
}

/* The host as the peer's certificate must name it: an IP address or a DNS name. */
static int expect_host(SSL *ssl, const char *host)
{
	unsigned char bin[16];
	X509_VERIFY_PARAM *vp = SSL_get0_param(ssl);

	if (inet_pton(AF_INET, host, bin) == 1 || inet_pton(AF_INET6, host, bin) == 1)
		return X509_VERIFY_PARAM_set1_ip_asc(vp, host) == 1;
	return SSL_set_tlsext_host_name(ssl, host) == 1 && SSL_set1_host(ssl, host) == 1;
}

struct mh_tls *mh_tls_open(int fd, const char *host, const char *ca_file, struct mh_err *err)
{
	struct mh_tls *t = mh_calloc(1, sizeof(*t));
	long v;

	t->fd = fd;
	if (!(t->ctx = SSL_CTX_new(TLS_client_method())) ||
	    !SSL_CTX_set_min_proto_version(t->ctx, TLS1_2_VERSION)) {
		fail(err, "setup");
		release(t);
		return NULL;
	}
	SSL_CTX_set_verify(t->ctx, SSL_VERIFY_PEER, NULL);
	if ((ca_file ? SSL_CTX_load_verify_locations(t->ctx, ca_file, NULL)
	             : SSL_CTX_set_default_verify_paths(t->ctx)) != 1) {
		fail(err, ca_file ? ca_file : "system CA store");
		release(t);
		return NULL;
	}
	if (!(t->ssl = SSL_new(t->ctx)) || !expect_host(t->ssl, host) ||
	    SSL_set_fd(t->ssl, fd) != 1) {
		fail(err, "setup");
		release(t);
		return NULL;
	}
	if (SSL_connect(t->ssl) != 1) {
		v = SSL_get_verify_result(t->ssl);
		if (v != X509_V_OK)
			mh_err_set(err, MH_EIO,
			           "TLS handshake with %s: certificate not trusted (%s)", host,
			           X509_verify_cert_error_string(v));
		else
			fail(err, "handshake");
		ERR_clear_error();
		release(t);
		return NULL;
	}
	return t;
}

int mh_tls_write_all(struct mh_tls *t, const char *p, size_t n, struct mh_err *err)
{
	while (n) {
		int w = SSL_write(t->ssl, p, n > 1u << 30 ? 1 << 30 : (int)n);

		if (w <= 0)
			return fail(err, "write");
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Sends close_notify, then reads until the peer closes (at most DRAIN_S
 * seconds): a socket closed with unread bytes in it (TLS 1.3 session
 * tickets the server sent after the handshake) is reset, and a reset can
 * make the server drop messages it had not read yet. */
int mh_tls_close(struct mh_tls *t, struct mh_err *err)
{
	struct timeval tv = {DRAIN_S, 0};
	char buf[512];
	int rc = 0, r;

	if (!t)
		return 0;
	r = SSL_shutdown(t->ssl);
	if (r < 0) {
		rc = fail(err, "close");
	} else if (r == 0) {
		setsockopt(t->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		while (SSL_read(t->ssl, buf, sizeof(buf)) > 0)
			;
		ERR_clear_error();
	}
	if (close(t->fd) && !rc)
		rc = mh_err_set(err, MH_EIO, "close: %s", strerror(errno));
	t->fd = -1;
	release(t);
	return rc;
}
