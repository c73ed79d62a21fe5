/*
 * server.c: libmicrohttpd glue (see server.h). The raw request URI is captured by
 * the URI log callback (before libmicrohttpd decodes anything), so that the path is
 * split and percent-decoded by request_split_path and the query string by the form
 * parser: one decoder, with its caps, for everything.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"
#include "util/ltime.h"
#include "util/parse.h"
#include "web/form.h"
#include "web/headers.h"

struct server {
	struct MHD_Daemon *d;
	bool tls;
	bool behind_proxy;
	server_handler handler;
	void *arg;
	char *cert, *key; /* PEM text, kept while the daemon runs */
	size_t keylen;
	uint16_t port;
	bool (*quick)(const struct request *req, void *arg);

	/* The handler workers and the queue they take requests from, first come first
	 * served (qmu guards the queue and qstop). */
	pthread_t *workers;
	int nworkers;
	pthread_mutex_t qmu;
	pthread_cond_t qcv;
	struct conn_state *qhead, *qtail;
	bool qstop;
};

/* Per-request state, created by the URI log callback. */
struct conn_state {
	char *uri;
	bool started;
	bool refused;  /* a response was already queued on the first call */
	bool draining; /* the body is over the cap: read and discard it, then answer 413 */
	size_t drained;
	size_t cap;
	struct buf body;

	/* A deferred answer (response.deferred): kept here while the connection is
	 * suspended until the work it waits for is done (defer_done). */
	struct MHD_Connection *conn;
	struct request_defer defer;
	struct pool *pool;
	struct response resp;
	bool tls;
	bool waiting;   /* suspended, or about to be: the resumed call sends resp */
	bool running;   /* queued for a worker, or its handler is running */
	bool completed; /* defer_done has run */
	int drc;        /* its result */

	/* A request queued for a worker (run_queued): kept here while it waits. */
	struct request req;
	struct conn_state *qnext;
	int64_t queued_ns; /* when it was queued (monotonic) */
};

/* Guards the deferral fields of every conn_state, and counts suspended connections
 * (which must all be resumed before the daemon stops). */
static pthread_mutex_t defer_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t defer_cv = PTHREAD_COND_INITIALIZER;
static int defer_suspended;
static bool defer_stopping; /* server_stop has begun: no more suspending */

static void *uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn_state *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	size_t n = strnlen(uri, SERVER_MAX_URI + 1);
	st->uri = n > SERVER_MAX_URI ? NULL : strndup(uri, n);
	return st;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
	struct conn_state *st = *con_cls;
	if (!st)
		return;
	if (st->pool) { /* a kept answer never sent (the connection ended first) */
		response_release(&st->resp);
		pool_free(st->pool);
	}
	free(st->uri);
	buf_release(&st->body);
	free(st);
	*con_cls = NULL;
}

static size_t unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	return strlen(s);
}

/* Sends resp (headers applied here) and releases it. */
static enum MHD_Result send_response(struct server *srv, struct MHD_Connection *c,
                                     struct response *resp, bool tls)
{
	headers_apply(resp, tls);
	size_t len = 0;
	char *body = resp->body.len ? buf_detach(&resp->body, &len) : NULL;
	struct MHD_Response *r =
	        body ? MHD_create_response_from_buffer_with_free_callback(len, body, free)
	             : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(body);
		response_release(resp);
		return MHD_NO;
	}
	if (resp->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
	for (size_t i = 0; i < resp->nheaders; i++)
		MHD_add_response_header(r, resp->headers[i].name, resp->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	response_release(resp);
	return ret;
}

/* Fills resp (initialised) with a fixed error: problem+json under /api/, else text. */
static void error_body(struct response *resp, const char *uri, int status, const char *slug,
                       const char *title)
{
	resp->status = status;
	if (uri && strncmp(uri, "/api/", 5) == 0) {
		resp->content_type = "application/problem+json";
		buf_printf(&resp->body,
		           "{\"type\":\"https://lantern.invalid/problems/%s\",\"title\":\"%s\","
		           "\"status\":%d}",
		           slug, title, status);
	} else {
		resp->content_type = "text/plain; charset=utf-8";
		buf_printf(&resp->body, "%s\n", title);
	}
}

/* Sends a fixed error produced by the server itself (error_body). */
static enum MHD_Result send_error(struct server *srv, struct MHD_Connection *c, const char *uri,
                                  int status, const char *slug, const char *title)
{
	struct pool *p = pool_new(16 << 10);
	if (!p)
		return MHD_NO;
	struct response resp;
	response_init(&resp, p);
	error_body(&resp, uri, status, slug, title);
	enum MHD_Result ret = send_response(srv, c, &resp, srv->tls);
	pool_free(p);
	return ret;
}

struct header_walk {
	struct request *req;
	size_t n;
	bool too_many;
	bool too_long;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
	struct header_walk *w = cls;
	if (w->n == REQUEST_MAX_HEADERS) {
		w->too_many = true;
		return MHD_NO;
	}
	if (!value)
		value = "";
	if (strlen(value) > REQUEST_MAX_HEADER_VALUE) {
		w->too_long = true;
		return MHD_NO;
	}
	if (w->req) {
		w->req->headers[w->n].name = pool_strdup(w->req->pool, key);
		w->req->headers[w->n].value = pool_strdup(w->req->pool, value);
	}
	w->n++;
	return MHD_YES;
}

static bool is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
	return false;
}

/* Client address and scheme, honouring a trusted proxy's headers. */
static void fill_peer(struct server *srv, struct MHD_Connection *c, struct request *req)
{
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(req->remote_addr, sizeof req->remote_addr, "unknown");
	req->tls = srv->tls;
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, req->remote_addr,
		          sizeof req->remote_addr);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, req->remote_addr,
		          sizeof req->remote_addr);
	if (!srv->behind_proxy || !is_loopback(sa))
		return;
	const char *xff = request_header(req, "X-Forwarded-For");
	if (xff) {
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		unsigned char tmp[sizeof(struct in6_addr)];
		char addr[64];
		snprintf(addr, sizeof addr, "%.*s", (int)strcspn(last, " "), last);
		if (inet_pton(AF_INET, addr, tmp) == 1 || inet_pton(AF_INET6, addr, tmp) == 1)
			snprintf(req->remote_addr, sizeof req->remote_addr, "%s", addr);
	}
	const char *proto = request_header(req, "X-Forwarded-Proto");
	if (proto)
		req->tls = strcasecmp(proto, "https") == 0;
}

/* Splits the raw URI into path and query and fills req. Returns 0/-1 (bad request). */
static int fill_uri(struct request *req, const char *uri)
{
	const char *q = strchr(uri, '?');
	size_t pl = q ? (size_t)(q - uri) : strlen(uri);
	char *path = pool_strndup(req->pool, uri, pl);
	if (!path || request_split_path(req, path) < 0)
		return -1;
	if (q && q[1]) {
		struct form f;
		struct form_limits lim = form_default_limits;
		lim.max_fields = REQUEST_MAX_QUERY;
		lim.max_value = 1024;
		if (form_parse(req->pool, q + 1, strlen(q + 1), &lim, &f, NULL) < 0)
			return -1;
		req->query = pool_calloc(req->pool, f.n ? f.n : 1, sizeof(struct kv));
		if (!req->query)
			return -1;
		for (size_t i = 0; i < f.n; i++) {
			req->query[i].name = f.fields[i].name;
			req->query[i].value = f.fields[i].value;
		}
		req->nquery = f.n;
	}
	return 0;
}

static bool is_form(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	return ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

/* Resumes st's suspended connection, once (defer_mu held). Returns whether it did. */
static bool resume_locked(struct conn_state *st)
{
	if (!st->conn)
		return false;
	struct MHD_Connection *c = st->conn;
	st->conn = NULL;
	MHD_resume_connection(c);
	defer_suspended--;
	return true;
}

/* Called once the work a deferred answer waits for is done, on another thread. */
static void defer_done(void *ctx, int rc)
{
	struct conn_state *st = ctx;
	pthread_mutex_lock(&defer_mu);
	st->completed = true;
	st->drc = rc;
	if (st->waiting && !st->running)
		resume_locked(st); /* suspended: its thread sends the answer (the resumed call) */
	pthread_cond_broadcast(&defer_cv); /* server_stop, or a thread waiting while it stops */
	pthread_mutex_unlock(&defer_mu);
}

/* Sends a deferred answer whose work is done: the kept response when it succeeded,
 * else a 503 that discloses nothing. */
static enum MHD_Result send_deferred(struct server *srv, struct MHD_Connection *c,
                                     struct conn_state *st)
{
	enum MHD_Result ret;
	if (st->drc == 0) {
		ret = send_response(srv, c, &st->resp, st->tls);
	} else {
		log_warn("a deferred answer was withheld: its audit event did not commit");
		response_release(&st->resp);
		ret = send_error(srv, c, st->uri, 503, "unavailable",
		                 "The service is busy; try again shortly");
	}
	pool_free(st->pool);
	st->pool = NULL;
	st->waiting = false;
	return ret;
}

/* Puts a suspended connection's request at the end of the workers' queue. */
static void enqueue(struct server *srv, struct conn_state *st)
{
	pthread_mutex_lock(&srv->qmu);
	st->qnext = NULL;
	st->queued_ns = ltime_mono_ns();
	if (srv->qtail)
		srv->qtail->qnext = st;
	else
		srv->qhead = st;
	srv->qtail = st;
	pthread_cond_signal(&srv->qcv);
	pthread_mutex_unlock(&srv->qmu);
}

/* Runs a queued request's handler on a worker. Its connection stays suspended until
 * the answer is ready: now, or when the work it waits for is done (defer_done, which
 * resumes nothing while the handler runs). Nothing here touches st once the connection
 * is resumed: its thread may then send the answer and free st. */
static void run_queued(struct server *srv, struct conn_state *st)
{
	/* A request that waited longer than a connection may stay idle (its client has
	 * likely given up), or that is still waiting once the server stops, is not run: it
	 * is answered 503, so that nothing is done that nobody waits for and stopping takes
	 * no longer than the requests already running. */
	pthread_mutex_lock(&defer_mu);
	bool stopping = defer_stopping;
	pthread_mutex_unlock(&defer_mu);
	if (stopping || ltime_mono_ns() - st->queued_ns > (int64_t)SERVER_TIMEOUT_S * 1000000000)
		error_body(&st->resp, st->uri, 503, "unavailable",
		           "The service is busy; try again shortly");
	else
		srv->handler(&st->req, &st->resp, srv->arg);
	pthread_mutex_lock(&defer_mu);
	st->running = false;
	if (!st->resp.deferred) {
		st->completed = true;
		st->drc = 0;
	}
	if (st->completed && resume_locked(st))
		pthread_cond_broadcast(&defer_cv);
	pthread_mutex_unlock(&defer_mu);
}

static void *worker_main(void *arg)
{
	struct server *srv = arg;
	pthread_mutex_lock(&srv->qmu);
	for (;;) {
		while (!srv->qhead && !srv->qstop)
			pthread_cond_wait(&srv->qcv, &srv->qmu);
		struct conn_state *st = srv->qhead;
		if (!st)
			break; /* stopping, and nothing left */
		srv->qhead = st->qnext;
		if (!srv->qhead)
			srv->qtail = NULL;
		pthread_mutex_unlock(&srv->qmu);
		run_queued(srv, st);
		pthread_mutex_lock(&srv->qmu);
	}
	pthread_mutex_unlock(&srv->qmu);
	return NULL;
}

/* Stops the workers once the queue is empty, and waits for them. */
static void stop_workers(struct server *s)
{
	pthread_mutex_lock(&s->qmu);
	s->qstop = true;
	pthread_cond_broadcast(&s->qcv);
	pthread_mutex_unlock(&s->qmu);
	for (int i = 0; i < s->nworkers; i++)
		pthread_join(s->workers[i], NULL);
	s->nworkers = 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct conn_state *st = *con_cls;
	if (!st)
		return MHD_NO; /* out of memory in uri_logger */
	if (st->waiting) {     /* resumed: the work this answer waited for is done */
		pthread_mutex_lock(&defer_mu);
		bool done = st->completed;
		pthread_mutex_unlock(&defer_mu);
		return done ? send_deferred(srv, c, st) : MHD_YES;
	}
	if (!st->started) {
		st->started = true;
		if (!st->uri)
			return send_error(srv, c, NULL, 414, "too-large", "URI too long");
		struct header_walk w = {0};
		MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &w);
		if (w.too_many || w.too_long) {
			st->refused = true;
			return send_error(srv, c, st->uri, 431, "too-large",
			                  "Request header fields too large");
		}
		st->cap = is_form(c) ? REQUEST_FORM_MAX : REQUEST_BODY_MAX;
		buf_init(&st->body, st->cap);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl) {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(cl, &end, 10);
			if (errno || *end || v > SERVER_DRAIN_MAX) {
				st->refused = true;
				return send_error(srv, c, st->uri, 413, "too-large",
				                  "The request is too large");
			}
			st->draining = v > st->cap;
		}
		return MHD_YES;
	}
	if (st->refused) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!st->draining && buf_append(&st->body, upload_data, *upload_data_size) < 0) {
			st->draining = true;
			st->drained = st->body.len;
			buf_release(&st->body);
		}
		if (st->draining) {
			st->drained += *upload_data_size;
			if (st->drained > SERVER_DRAIN_MAX)
				return MHD_NO; /* past what we are willing to read: close */
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (st->draining)
		return send_error(srv, c, st->uri, 413, "too-large", "The request is too large");

	/* The whole request is here. */
	struct pool *p = pool_new(REQUEST_POOL_BUDGET);
	if (!p)
		return MHD_NO;
	struct request req;
	memset(&req, 0, sizeof req);
	req.pool = p;
	req.method = http_method_parse(method);
	req.method_name = pool_strdup(p, method);
	req.headers = pool_calloc(p, REQUEST_MAX_HEADERS, sizeof(struct kv));
	struct header_walk w = {.req = &req};
	if (req.headers)
		MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &w);
	req.nheaders = w.n;
	fill_peer(srv, c, &req);
	if (!req.headers || !req.method_name || fill_uri(&req, st->uri) < 0) {
		pool_free(p);
		return send_error(srv, c, st->uri, 400, "malformed-request",
		                  "The request could not be read");
	}
	const char *cookie = request_header(&req, "Cookie");
	req.cookies = pool_calloc(p, REQUEST_MAX_COOKIES, sizeof(struct kv));
	if (cookie && req.cookies) {
		int nc = cookie_parse(p, cookie, req.cookies, REQUEST_MAX_COOKIES);
		req.ncookies = nc > 0 ? (size_t)nc : 0;
	}
	req.body = buf_cstr(&st->body);
	req.body_len = st->body.len;

	st->req = req;
	st->pool = p;
	st->tls = req.tls;
	response_init(&st->resp, p);
	st->defer = (struct request_defer){.done = defer_done, .ctx = st};
	st->req.defer = &st->defer;
	if (!(srv->quick && srv->quick(&st->req, srv->arg))) {
		/* a worker runs the handler: the connection waits suspended, in the queue
		 * (unless the server is stopping: then it is answered here) */
		pthread_mutex_lock(&defer_mu);
		bool queue = !defer_stopping;
		if (queue) {
			st->waiting = st->running = true;
			st->conn = c;
			MHD_suspend_connection(c);
			defer_suspended++;
		}
		pthread_mutex_unlock(&defer_mu);
		if (queue) {
			enqueue(srv, st);
			return MHD_YES;
		}
	}
	srv->handler(&st->req, &st->resp, srv->arg);
	if (st->resp.deferred) {
		/* the answer waits for work on another thread (a view's audit event): keep
		 * it, and suspend the connection unless that work is already done */
		pthread_mutex_lock(&defer_mu);
		st->waiting = true;
		if (!st->completed && defer_stopping) {
			/* stopping: the daemon must not be left with a suspended connection */
			while (!st->completed)
				pthread_cond_wait(&defer_cv, &defer_mu);
		}
		bool done = st->completed;
		if (!done) {
			st->conn = c;
			MHD_suspend_connection(c);
			defer_suspended++;
		}
		pthread_mutex_unlock(&defer_mu);
		return done ? send_deferred(srv, c, st) : MHD_YES;
	}
	enum MHD_Result ret = send_response(srv, c, &st->resp, st->tls);
	pool_free(p);
	st->pool = NULL;
	return ret;
}

int server_parse_listen(const char *listen, void *out, size_t outlen, bool *ipv6)
{
	if (!listen || outlen < sizeof(struct sockaddr_storage))
		return -1;
	char host[128];
	const char *port;
	memset(out, 0, outlen);
	if (listen[0] == '[') {
		const char *end = strchr(listen, ']');
		if (!end || end[1] != ':' || (size_t)(end - listen - 1) >= sizeof host)
			return -1;
		snprintf(host, sizeof host, "%.*s", (int)(end - listen - 1), listen + 1);
		port = end + 2;
	} else {
		const char *colon = strrchr(listen, ':');
		if (!colon || (size_t)(colon - listen) >= sizeof host)
			return -1;
		snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
		port = colon + 1;
	}
	int portnum;
	if (parse_int(port, 0, 65535, &portnum) < 0)
		return -1;
	struct sockaddr_in *v4 = out;
	struct sockaddr_in6 *v6 = out;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)portnum);
		*ipv6 = false;
		return 0;
	}
	if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)portnum);
		*ipv6 = true;
		return 0;
	}
	return -1;
}

/* Reads a PEM file of at most 64 KiB. */
static char *read_pem(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *data = calloc(1, 65537);
	size_t n = data ? fread(data, 1, 65536, f) : 0;
	bool more = fgetc(f) != EOF;
	fclose(f);
	if (!data || n == 0 || more) {
		free(data);
		return NULL;
	}
	*len = n;
	return data;
}

__attribute__((format(printf, 2, 0))) static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	char msg[256];
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_warn("http: %s", msg);
}

static void free_server(struct server *s)
{
	if (!s)
		return;
	if (s->key) {
		sodium_memzero(s->key, s->keylen);
		free(s->key);
	}
	free(s->cert);
	free(s->workers);
	pthread_cond_destroy(&s->qcv);
	pthread_mutex_destroy(&s->qmu);
	free(s);
}

/* Starts n handler workers. Returns 0, or -1 (none left running). */
static int start_workers(struct server *s, int n)
{
	s->workers = calloc((size_t)n, sizeof(*s->workers));
	if (!s->workers)
		return -1;
	for (int i = 0; i < n; i++) {
		if (pthread_create(&s->workers[i], NULL, worker_main, s) != 0) {
			stop_workers(s);
			return -1;
		}
		s->nworkers++;
	}
	return 0;
}

int server_start(const struct server_options *o, struct server **out, char *err, size_t errlen)
{
	*out = NULL;
	struct sockaddr_storage ss;
	bool v6 = false;
	if (server_parse_listen(o->listen, &ss, sizeof ss, &v6) < 0) {
		snprintf(err, errlen, "listen address must be HOST:PORT (e.g. 127.0.0.1:8080)");
		return -1;
	}
	struct server *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->handler = o->handler;
	s->arg = o->arg;
	s->quick = o->quick;
	s->behind_proxy = o->behind_proxy;
	pthread_mutex_init(&s->qmu, NULL);
	pthread_cond_init(&s->qcv, NULL);
	bool want_tls = (o->tls_cert && *o->tls_cert) || (o->tls_key && *o->tls_key);
	if (want_tls) {
		size_t cl;
		if (!o->tls_cert || !*o->tls_cert || !o->tls_key || !*o->tls_key) {
			snprintf(err, errlen, "TLS needs both tls_cert and tls_key");
			free_server(s);
			return -1;
		}
		s->cert = read_pem(o->tls_cert, &cl);
		s->key = read_pem(o->tls_key, &s->keylen);
		if (!s->cert || !s->key) {
			snprintf(err, errlen, "cannot read the TLS certificate or key file");
			free_server(s);
			return -1;
		}
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			snprintf(err, errlen, "this libmicrohttpd was built without TLS");
			free_server(s);
			return -1;
		}
		s->tls = true;
	}
	pthread_mutex_lock(&defer_mu);
	defer_stopping = false; /* a server started after another stopped */
	pthread_mutex_unlock(&defer_mu);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	                 MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
	if (v6)
		flags |= MHD_USE_IPv6;
	if (s->tls)
		flags |= MHD_USE_TLS;
	int workers = o->threads > 0 ? o->threads : 1;
	/* the connections' own threads only read requests and send answers (and answer
	 * quick requests, and do the TLS work): two, or one for every four workers past
	 * eight */
	unsigned threads = workers > 8 ? (unsigned)workers / 4 : workers > 1 ? 2 : 1;
	struct MHD_OptionItem opts[24];
	size_t no = 0;
#define OPT(o, v, p) (opts[no++] = (struct MHD_OptionItem){(o), (intptr_t)(v), (p)})
	OPT(MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL);
	OPT(MHD_OPTION_SOCK_ADDR, 0, &ss);
	OPT(MHD_OPTION_THREAD_POOL_SIZE, threads, NULL);
	OPT(MHD_OPTION_CONNECTION_LIMIT, SERVER_MAX_CONNECTIONS, NULL);
	OPT(MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->behind_proxy ? 0 : SERVER_MAX_PER_IP, NULL);
	OPT(MHD_OPTION_CONNECTION_TIMEOUT, SERVER_TIMEOUT_S, NULL);
	OPT(MHD_OPTION_CONNECTION_MEMORY_LIMIT, SERVER_CONN_MEMORY, NULL);
	OPT(MHD_OPTION_STRICT_FOR_CLIENT, 1, NULL);
	OPT(MHD_OPTION_URI_LOG_CALLBACK, uri_logger, NULL);
	OPT(MHD_OPTION_NOTIFY_COMPLETED, completed, NULL);
	OPT(MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, NULL);
	if (s->tls) {
		OPT(MHD_OPTION_HTTPS_MEM_CERT, 0, s->cert);
		OPT(MHD_OPTION_HTTPS_MEM_KEY, 0, s->key);
		OPT(MHD_OPTION_HTTPS_PRIORITIES, 0,
		    (void *)"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2");
	}
	OPT(MHD_OPTION_END, 0, NULL);
#undef OPT
	if (start_workers(s, workers) < 0) {
		snprintf(err, errlen, "cannot start the server's worker threads");
		free_server(s);
		return -1;
	}
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_ARRAY, opts,
	                        MHD_OPTION_END);
	if (!s->d) {
		snprintf(err, errlen, "cannot listen on %s (address in use or not available?)",
		         o->listen);
		stop_workers(s);
		free_server(s);
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	*out = s;
	return 0;
}

uint16_t server_port(const struct server *s)
{
	return s->port;
}

void server_stop(struct server *s, int drain_ms)
{
	if (!s)
		return;
	MHD_socket fd = MHD_quiesce_daemon(s->d);
	/* a suspended connection must be resumed before the daemon stops (libmicrohttpd
	 * aborts otherwise, and a late resume would touch freed memory); the work each
	 * waits for takes milliseconds, so a long wait is worth a warning, not a stop */
	int64_t t0 = ltime_mono_ns();
	bool warned = false;
	pthread_mutex_lock(&defer_mu);
	defer_stopping = true;
	while (defer_suspended > 0) {
		if (!warned && ltime_mono_ns() - t0 >= (int64_t)30 * 1000000000) {
			log_warn("stopping: %d request(s) still being answered (their handlers or"
			         " audit events)",
			         defer_suspended);
			warned = true;
		}
		struct timespec until = ltime_deadline_ns(100 * 1000 * 1000);
		pthread_cond_timedwait(&defer_cv, &defer_mu, &until);
	}
	pthread_mutex_unlock(&defer_mu);
	for (int waited = 0; waited < drain_ms; waited += 20) {
		const union MHD_DaemonInfo *di =
		        MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!di || di->num_connections == 0)
			break;
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(s->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	stop_workers(s); /* the queue is empty: every queued request was answered above */
	free_server(s);
}

void server_block_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int server_wait_for_signal(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	int sig = 0;
	while (sigwait(&set, &sig) != 0)
		;
	return sig;
}
