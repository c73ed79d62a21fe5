/*
 * server.h: the HTTP server (libmicrohttpd). It accepts connections, enforces the
 * transport-level limits, turns each request into a struct request (web/request.h),
 * calls one handler (the dispatcher in web/webapp.c), adds the security headers
 * (web/headers.h) and sends the struct response back.
 *
 * Threads and I/O: `threads` worker threads run the handlers, taking requests from one
 * queue in the order they arrived, so that no request waits behind the others of its
 * connection's thread; a handler may block (database). One or two connection threads,
 * each with its own epoll loop (MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL with
 * MHD_OPTION_THREAD_POOL_SIZE), read requests and send answers: a request waits for
 * its worker with its connection suspended. Quick requests (the `quick` test, e.g.
 * static files) are answered on the connection's thread. A request still queued when
 * the server stops, or queued for longer than SERVER_TIMEOUT_S, is answered 503
 * without running its handler.
 *
 * Limits: at most SERVER_MAX_CONNECTIONS connections (and SERVER_MAX_PER_IP per
 * client address unless behind a proxy); a connection idle for SERVER_TIMEOUT_S
 * seconds is closed; request line and headers must fit in SERVER_CONN_MEMORY bytes
 * (else libmicrohttpd answers 431/414), at most REQUEST_MAX_HEADERS headers of
 * at most REQUEST_MAX_HEADER_VALUE bytes each (else 431); a body may be at most
 * REQUEST_FORM_MAX bytes for application/x-www-form-urlencoded and REQUEST_BODY_MAX
 * otherwise. A body over its cap but within SERVER_DRAIN_MAX is read and discarded
 * and then answered 413 (a client still sending would otherwise see a reset rather
 * than the answer); a Content-Length beyond SERVER_DRAIN_MAX is answered 413 at once
 * and the connection closed, as is a chunked body that grows past SERVER_DRAIN_MAX.
 *
 * TLS: with tls_cert and tls_key (PEM files), the server speaks only HTTPS
 * (MHD_USE_TLS; libmicrohttpd uses GnuTLS), TLS 1.2 and 1.3 only, and requests are
 * marked tls (HSTS is then sent). Behind a reverse proxy (behind_proxy), requests
 * from a loopback peer take the client address from the last X-Forwarded-For entry
 * and tls from X-Forwarded-Proto: https; from any other peer those headers are
 * ignored.
 *
 * Errors produced here (400, 413, 431) carry fixed text only: never request data.
 */
#ifndef LANTERN_WEB_SERVER_H
#define LANTERN_WEB_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/request.h"

#define SERVER_MAX_CONNECTIONS 1024
#define SERVER_MAX_PER_IP 128
#define SERVER_TIMEOUT_S 30
#define SERVER_CONN_MEMORY ((size_t)64 << 10)
#define SERVER_MAX_URI 4096
#define SERVER_DRAIN_MAX                                                                           \
	((size_t)4 << 20) /* an over-cap body up to this is read and                               \
	                   * discarded so the client sees the 413 */

typedef void (*server_handler)(struct request *req, struct response *resp, void *arg);

struct server_options {
	const char *listen;   /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free port */
	int threads;          /* worker threads (>= 1) */
	const char *tls_cert; /* PEM file paths; both empty/NULL: plain HTTP */
	const char *tls_key;
	bool behind_proxy;
	server_handler handler;
	void *arg;
	/* Optional: true for a request to answer on its connection's thread (quick, no
	 * database); it may call nothing that blocks. */
	bool (*quick)(const struct request *req, void *arg);
};

struct server;

/* Starts serving in background threads. Returns 0, or -1 with a message in err. */
int server_start(const struct server_options *o, struct server **out, char *err, size_t errlen);
/* The port actually bound (useful with port 0). */
uint16_t server_port(const struct server *s);
/* Stops accepting, waits up to `drain_ms` for requests in flight, then closes
 * everything and frees s. */
void server_stop(struct server *s, int drain_ms);

/* Blocks SIGINT, SIGTERM and ignores SIGPIPE in the calling thread: call before
 * server_start so that the worker threads inherit the mask. */
void server_block_signals(void);
/* Waits for SIGINT or SIGTERM (blocked by server_block_signals) and returns it. */
int server_wait_for_signal(void);

/* Parses "host:port" / "[v6]:port" (used by server_start; exposed for tests).
 * Fills a struct sockaddr_storage in out (size outlen). Returns 0/-1. */
int server_parse_listen(const char *listen, void *out, size_t outlen, bool *ipv6);

#endif
