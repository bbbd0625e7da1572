#ifndef MH_HTTP_H
#define MH_HTTP_H
/*
 * `molehunt serve`: the HTTP JSON API and the dashboard over one store, with
 * an ingest worker that keeps scanning POSTed log lines and tailed files
 * while the server runs, and optionally a Kafka consumer (src/kafka/) that
 * feeds the same scans (docs/API.md, docs/DASHBOARD.md, docs/KAFKA.md).
 *
 * The server runs on libmicrohttpd's own threads (a small pool). Every /api/
 * route needs a bearer token from the token file; the dashboard's static
 * files carry no data and are served without one. Limits: request body size
 * per route, header memory per connection, requests per second per client
 * address, connections overall and per address, an idle timeout per
 * connection and a time budget per database query.
 *
 * Ownership: mh_server_start() copies what it needs from the options except
 * the strings and arrays they point to, which must outlive the server.
 */
#include <stddef.h>
#include <stdint.h>

#include "engine/scan.h"
#include "kafka/consumer.h"
#include "util/err.h"

struct mh_serve_opts {
	const char *db;
	const char *listen; /* "ADDR:PORT", "[v6]:PORT" or ":PORT"; port 0 = any */
	const char *token_file;
	const char *spool;        /* spool directory for POSTed lines; NULL = DB.spool */
	struct mh_scan_opts scan; /* roster, intel, mmdb, config; inputs are the tailed files */
	unsigned threads;         /* HTTP worker threads */
	double rate;              /* requests per second per client address; 0 = no limit */
	double burst;             /* bucket size for the rate */
	size_t max_ingest;        /* largest POST /api/ingest body */
	unsigned timeout_s;       /* idle connection timeout */
	unsigned query_ms;        /* time budget of one database query */
	unsigned max_conns, max_conns_per_ip;
	unsigned poll_ms;           /* how often tailed files are checked */
	int quiet;                  /* no request log */
	struct mh_kafka_opts kafka; /* brokers NULL: no Kafka; db, dir and quiet are set by serve */
};

/* Defaults for every field but db, token_file and scan. */
void mh_serve_opts_init(struct mh_serve_opts *o);

struct mh_server;

struct mh_server *mh_server_start(const struct mh_serve_opts *o, struct mh_err *err);
/* The port actually bound (useful with port 0). */
unsigned mh_server_port(const struct mh_server *s);
void mh_server_stop(struct mh_server *s);

#endif
