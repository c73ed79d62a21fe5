/*
 * request.h: one HTTP request and the response being built for it, independent of
 * the HTTP library (web/server.c fills a struct request from libmicrohttpd and sends
 * the struct response back), so that the router, handlers and their tests never see
 * libmicrohttpd.
 *
 * Memory: every string a request points to lives in req->pool, a per-request arena
 * freed in one go when the response has been queued. The response body is a struct buf
 * with a hard maximum (RESPONSE_BODY_MAX); headers are copied into the pool.
 *
 * Nothing a client sends is ever echoed into an error page: handlers build error
 * responses from fixed text (web/problem.h, templates/error.html).
 */
#ifndef LANTERN_WEB_REQUEST_H
#define LANTERN_WEB_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/pool.h"

/* Caps on what a request may carry. Larger requests are refused before any handler
 * runs (431 for headers, 413 for bodies, 414 for paths). */
#define REQUEST_MAX_HEADERS 64
#define REQUEST_MAX_HEADER_VALUE 8192
#define REQUEST_MAX_PATH 2048
#define REQUEST_MAX_SEGMENTS 16
#define REQUEST_MAX_SEGMENT 256
#define REQUEST_MAX_QUERY 32
#define REQUEST_MAX_COOKIES 32
#define REQUEST_MAX_PARAMS 8
#define REQUEST_BODY_MAX ((size_t)1 << 20)    /* 1 MiB: JSON and other bodies */
#define REQUEST_FORM_MAX ((size_t)64 << 10)   /* 64 KiB: urlencoded forms */
#define REQUEST_POOL_BUDGET ((size_t)8 << 20) /* per-request arena budget */
#define RESPONSE_BODY_MAX ((size_t)16 << 20)
#define RESPONSE_MAX_HEADERS 24

enum http_method {
	HTTP_OTHER = 0,
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP_OPTIONS,
};

/* A (name, value) pair; both NUL-terminated, pool-owned. */
struct kv {
	const char *name;
	const char *value;
};

struct route;
struct web_session;
struct form;

struct request {
	struct pool *pool;
	enum http_method method;
	const char *method_name; /* as sent, e.g. "GET" */
	const char *path;        /* raw path without the query string, e.g. "/records/R-1" */
	const char **segments;   /* percent-decoded path segments ("records", "R-1") */
	size_t nsegments;
	struct kv *query; /* percent-decoded query parameters, in order */
	size_t nquery;
	struct kv *headers; /* names as sent; look up with request_header() */
	size_t nheaders;
	struct kv *cookies;
	size_t ncookies;
	char remote_addr[64]; /* client address (text), or the proxy's client when trusted */
	bool tls;             /* came over HTTPS (directly, or via a trusted proxy) */
	const char *body;     /* NUL-terminated; may hold NUL bytes before body_len */
	size_t body_len;

	/* Filled by the router. */
	const struct route *route;
	struct kv params[REQUEST_MAX_PARAMS];
	size_t nparams;

	/* Filled by the dispatcher (web/webapp.c). */
	void *app;                   /* the server-wide struct web_app */
	struct web_session *session; /* signed-in session, or NULL */
	struct form *form;           /* parsed urlencoded body (state-changing pages), or NULL */
	const char *once_token;      /* the form's one-time token this POST claimed (web/once.h) */
	/* When the cookie named a session that had timed out: whose it was and its CSRF
	 * token, so that a form its pages posted is kept for that user (web/resume.h). */
	const char *ended_username, *ended_csrf;
	int64_t start_us; /* monotonic start time, for the access log */

	/* Set by the server when a handler may answer later (response.deferred): the
	 * handler passes done and ctx to work finishing on another thread, which calls
	 * done(ctx, rc) exactly once; the prepared response goes out only if rc is 0. */
	struct request_defer {
		void (*done)(void *ctx, int rc);
		void *ctx;
	} * defer;
};

struct response {
	int status;
	const char *content_type; /* static string or pool-owned */
	struct kv headers[RESPONSE_MAX_HEADERS];
	size_t nheaders;
	struct buf body;
	bool cacheable;    /* static asset: public caching instead of no-store */
	bool deferred;     /* prepared, to be sent once request.defer->done says so */
	struct pool *pool; /* the request's pool, for header strings */
};

/* Maps a method name to the enum (HTTP_OTHER for anything unknown). */
enum http_method http_method_parse(const char *name);
const char *http_method_name(enum http_method m);
/* Standard reason phrase ("Not Found"), or "Error" for an unknown code. */
const char *http_status_text(int status);

/* Case-insensitive header lookup; NULL if absent. */
const char *request_header(const struct request *req, const char *name);
/* First query parameter / cookie / route parameter called `name`, or NULL. */
const char *request_query(const struct request *req, const char *name);
const char *request_cookie(const struct request *req, const char *name);
const char *request_param(const struct request *req, const char *name);
/* The media type of Content-Type without parameters, lower-cased ("" if absent). */
const char *request_media_type(const struct request *req);
/* True for methods that change state (everything but GET, HEAD, OPTIONS). */
bool request_is_state_changing(const struct request *req);

/*
 * Splits a raw path ("/a/b%20c/") into percent-decoded segments. Empty segments (from
 * "//" or a trailing "/") are dropped, except that "/" alone gives zero segments.
 * Refuses (-1) a path not starting with "/", longer than REQUEST_MAX_PATH, with more
 * than REQUEST_MAX_SEGMENTS segments or one longer than REQUEST_MAX_SEGMENT decoded,
 * a bad %-escape, a decoded NUL or control character, invalid UTF-8, or a "." or
 * ".." segment.
 */
int request_split_path(struct request *req, const char *path);

/*
 * Percent-decodes s[0..n) into a new pool string; with plus_is_space, '+' becomes ' '
 * (form encoding). Returns NULL for a malformed escape, a decoded NUL byte, invalid
 * UTF-8, or out of pool memory. *outlen (optional) gets the decoded length.
 */
char *url_decode(struct pool *p, const char *s, size_t n, bool plus_is_space, size_t *outlen);

/*
 * Parses a Cookie header ("a=1; b=2") into pool-owned pairs, at most max pairs
 * (extra ones are ignored). Pairs without '=' or with an empty name are skipped;
 * values may be double-quoted (quotes removed). Names and values are not
 * percent-decoded (RFC 6265). Returns the number of pairs, or -1 if out of memory.
 */
int cookie_parse(struct pool *p, const char *header, struct kv *out, size_t max);

/* Response building. Each returns 0, or -1 if a cap or the pool budget was hit. */
void response_init(struct response *r, struct pool *pool);
void response_release(struct response *r);
/* Adds a header (name and value copied). Refuses values with CR, LF or NUL. */
int response_header(struct response *r, const char *name, const char *value);
/* Replaces a header of that name (case-insensitive), or adds it. */
int response_set_header(struct response *r, const char *name, const char *value);
const char *response_get_header(const struct response *r, const char *name);
/* Plain text body (for tests and tiny answers). */
int response_text(struct response *r, int status, const char *text);
/* 303 See Other to a local path (must start with "/" and not "//"). */
int response_redirect(struct response *r, const char *local_path);

#endif
