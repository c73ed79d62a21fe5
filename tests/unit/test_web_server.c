/* test_web_server.c: the real HTTP server on a loopback port, through the dispatcher:
 * static files, security headers, 404/405 without echo, body caps, CSRF and Origin
 * checks, sign-in redirects, problem+json on API routes, and handlers run by workers
 * from one queue (a waiting handler holds up no other connection). */
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/config.h"
#include "util/ltime.h"
#include "web/webapp.h"
#include "web/page.h"
#include "web/server.h"
#include "web/session.h"
#include "web/static.h"

static struct config cfg;
static struct web_app app;
static struct server *srv;
static uint16_t port;

static void h_static(struct request *req, struct response *resp)
{
	static_serve(app.cfg->static_dir, request_param(req, "path"), resp);
}

static void h_echo_len(struct request *req, struct response *resp)
{
	char t[64];
	snprintf(t, sizeof t, "len=%zu", req->body_len);
	response_text(resp, 200, t);
}

static void h_private(struct request *req, struct response *resp)
{
	response_text(resp, 200, req->session->actor.display_name);
}

static void h_api(struct request *req, struct response *resp)
{
	page_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

/* /block holds its worker until the test releases it (or 10 s pass: then 503); /fast
 * says how many are held at the moment it runs. */
static pthread_mutex_t block_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t block_cv = PTHREAD_COND_INITIALIZER;
static int blocked;
static bool released;

static void h_block(struct request *req, struct response *resp)
{
	pthread_mutex_lock(&block_mu);
	blocked++;
	pthread_cond_broadcast(&block_cv);
	struct timespec until = ltime_deadline_ns((int64_t)10 * 1000 * 1000 * 1000);
	int rc = 0;
	while (!released && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&block_cv, &block_mu, &until);
	blocked--;
	pthread_mutex_unlock(&block_mu);
	response_text(resp, released ? 200 : 503, released ? "released" : "never released");
}

static void h_fast(struct request *req, struct response *resp)
{
	pthread_mutex_lock(&block_mu);
	char t[32];
	snprintf(t, sizeof t, "held=%d", blocked);
	pthread_mutex_unlock(&block_mu);
	response_text(resp, 200, t);
}

static const struct route routes[] = {
        {HTTP_GET, "/static/{*path}", h_static, ROUTE_PUBLIC | ROUTE_STATIC, {0}},
        {HTTP_POST, "/public-post", h_echo_len, ROUTE_PUBLIC | ROUTE_NO_CSRF, {0}},
        {HTTP_GET, "/private", h_private, 0, {0}},
        {HTTP_POST, "/private", h_private, 0, {0}},
        {HTTP_GET, "/api/v1/thing", h_api, ROUTE_API, {0}},
        {HTTP_POST, "/api/v1/thing", h_api, ROUTE_API, {0}},
        {HTTP_GET, "/block", h_block, ROUTE_PUBLIC, {0}},
        {HTTP_GET, "/fast", h_fast, ROUTE_PUBLIC, {0}},
};

/* A session for the cookie "lantern=good". */
static int fake_auth(struct request *req)
{
	const char *c = request_cookie(req, "lantern");
	if (!c || strcmp(c, "good") != 0)
		return 0;
	struct web_session *s = pool_calloc(req->pool, 1, sizeof(*s));
	snprintf(s->actor.display_name, sizeof s->actor.display_name, "Synthetic Tester");
	snprintf(s->csrf, sizeof s->csrf, "csrf-token-value");
	req->session = s;
	return 0;
}

static int setup(void **state)
{
	config_defaults(&cfg);
	const char *src = getenv("LANTERN_SOURCE_DIR");
	snprintf(cfg.static_dir, sizeof cfg.static_dir, "%s/static", src ? src : "..");
	cfg.secure_cookies = false;
	char err[256];
	if (web_app_init(&app, &cfg, routes, ARRAY_LEN(routes), err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	app.authenticate = fake_auth;
	struct server_options o = {.listen = "127.0.0.1:0",
	                           .threads = 2,
	                           .handler = web_app_handle,
	                           .quick = web_app_quick,
	                           .arg = &app};
	signal(SIGPIPE, SIG_IGN);
	if (server_start(&o, &srv, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	port = server_port(srv);
	return port ? 0 : -1;
}

static int teardown(void **state)
{
	server_stop(srv, 500);
	web_app_release(&app);
	return 0;
}

/* Sends raw request text and returns the whole answer (malloc'd). */
static char *http(const char *raw, size_t len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		close(fd);
		return NULL;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = send(fd, raw + off, len - off, MSG_NOSIGNAL);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	struct buf out = BUF_INIT(8 << 20);
	char chunk[8192];
	ssize_t r;
	while ((r = recv(fd, chunk, sizeof chunk, 0)) > 0)
		buf_append(&out, chunk, (size_t)r);
	close(fd);
	return buf_detach(&out, NULL);
}

static char *get(const char *path, const char *extra)
{
	char req[4096];
	int n = snprintf(req, sizeof req,
	                 "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s\r\n", path,
	                 extra ? extra : "");
	return http(req, (size_t)n);
}

static char *post(const char *path, const char *headers, const char *body)
{
	char req[8192];
	int n = snprintf(req, sizeof req,
	                 "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n"
	                 "Content-Length: %zu\r\n%s\r\n%s",
	                 path, port, strlen(body), headers ? headers : "", body);
	return http(req, (size_t)n);
}

static int status_of(const char *resp)
{
	int s = 0;
	if (!resp || sscanf(resp, "HTTP/1.1 %d", &s) != 1)
		return -1;
	return s;
}

static bool has_header(const char *resp, const char *line)
{
	const char *end = strstr(resp, "\r\n\r\n");
	const char *h = strcasestr(resp, line);
	return h && end && h < end;
}

static void test_static_file_served_with_type_and_cache(void **state)
{
	char *r = get("/static/lantern.css", NULL);
	assert_int_equal(status_of(r), 200);
	assert_true(has_header(r, "Content-Type: text/css; charset=utf-8"));
	assert_true(has_header(r, "Cache-Control: public, max-age=86400"));
	assert_true(has_header(r, "X-Content-Type-Options: nosniff"));
	free(r);
}

static void test_static_traversal_and_dotfiles_refused(void **state)
{
	const char *bad[] = {"/static/..%2f..%2fCMakeLists.txt",
	                     "/static/%2e%2e/CMakeLists.txt",
	                     "/static/../CMakeLists.txt",
	                     "/static/.hidden.css",
	                     "/static/lantern.css%00.js",
	                     "/static/lantern.exe",
	                     "/static/govuk/..%2F..%2Fstatic%2Flantern.css"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *r = get(bad[i], NULL);
		int s = status_of(r);
		assert_true(s == 404 || s == 400);
		free(r);
	}
}

static void test_not_found_page_does_not_echo(void **state)
{
	char *r = get("/no-such-%3Cscript%3Ealert(1)%3C%2Fscript%3E", NULL);
	assert_int_equal(status_of(r), 404);
	assert_true(has_header(r, "Content-Type: text/html"));
	assert_true(has_header(r, "Content-Security-Policy: default-src 'self'"));
	assert_true(has_header(r, "Cache-Control: no-store"));
	assert_null(strstr(r, "script%3E"));
	assert_null(strstr(r, "<script>alert"));
	assert_null(strstr(r, "alert(1)"));
	assert_non_null(strstr(r, "Page not found"));
	free(r);
}

static void test_method_not_allowed_has_allow(void **state)
{
	char req[] = "DELETE /private HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	char *r = http(req, sizeof req - 1);
	assert_int_equal(status_of(r), 405);
	assert_true(has_header(r, "Allow: GET, HEAD, POST"));
	free(r);
}

static void test_private_page_redirects_to_sign_in(void **state)
{
	char *r = get("/private", NULL);
	assert_int_equal(status_of(r), 303);
	assert_true(has_header(r, "Location: /sign-in"));
	free(r);
	r = get("/private", "Cookie: lantern=good\r\n");
	assert_int_equal(status_of(r), 200);
	assert_non_null(strstr(r, "Synthetic Tester"));
	free(r);
}

static void test_api_unauthenticated_is_problem_json(void **state)
{
	char *r = get("/api/v1/thing", NULL);
	assert_int_equal(status_of(r), 401);
	assert_true(has_header(r, "Content-Type: application/problem+json"));
	assert_non_null(strstr(r, "https://lantern.invalid/problems/unauthenticated"));
	free(r);
	r = get("/api/v1/nothing", NULL);
	assert_int_equal(status_of(r), 404);
	assert_true(has_header(r, "Content-Type: application/problem+json"));
	free(r);
}

static void test_csrf_token_required_for_session_posts(void **state)
{
	const char *ck =
	        "Cookie: lantern=good\r\nContent-Type: application/x-www-form-urlencoded\r\n";
	char *r = post("/private", ck, "a=1");
	assert_int_equal(status_of(r), 403);
	free(r);
	r = post("/private", ck, "a=1&csrf_token=wrong");
	assert_int_equal(status_of(r), 403);
	free(r);
	r = post("/private", ck, "a=1&csrf_token=csrf-token-value");
	assert_int_equal(status_of(r), 200);
	free(r);
	/* API: header form of the token. */
	r = post("/api/v1/thing",
	         "Cookie: lantern=good\r\nContent-Type: application/json\r\n"
	         "X-CSRF-Token: csrf-token-value\r\n",
	         "{}");
	assert_int_equal(status_of(r), 200);
	free(r);
	r = post("/api/v1/thing", "Cookie: lantern=good\r\nContent-Type: application/json\r\n",
	         "{}");
	assert_int_equal(status_of(r), 403);
	assert_non_null(strstr(r, "problems/csrf"));
	free(r);
}

static void test_cross_origin_post_refused(void **state)
{
	char *r = post("/public-post", "Origin: https://evil.example\r\n", "x=1");
	assert_int_equal(status_of(r), 403);
	free(r);
	r = post("/public-post", "Sec-Fetch-Site: cross-site\r\n", "x=1");
	assert_int_equal(status_of(r), 403);
	free(r);
	char origin[96];
	snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%u\r\n", port);
	r = post("/public-post", origin, "x=1");
	assert_int_equal(status_of(r), 200);
	assert_non_null(strstr(r, "len=3"));
	free(r);
}

/* Sends a request with a body of n bytes of 'a'. */
static char *post_sized(const char *path, const char *ctype, size_t n)
{
	struct buf b = BUF_INIT(8 << 20);
	buf_printf(&b,
	           "POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	           "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
	           path, ctype, n);
	for (size_t i = 0; i < n; i++)
		buf_putc(&b, 'a');
	char *r = http(buf_cstr(&b), b.len);
	buf_release(&b);
	return r;
}

static void test_body_caps(void **state)
{
	/* A form over 64 KiB is read, discarded and answered 413. */
	char *r = post_sized("/public-post", "application/x-www-form-urlencoded",
	                     (size_t)(64 << 10) + 1);
	assert_int_equal(status_of(r), 413);
	free(r);
	/* A JSON body may be larger than a form but not over 1 MiB. */
	r = post_sized("/api/v1/thing", "application/json", (size_t)(1 << 20) + 1);
	assert_int_equal(status_of(r), 413);
	assert_non_null(strstr(r, "problem"));
	free(r);
	/* A Content-Length past what the server will read is refused before the body. */
	char req[512];
	int n = snprintf(req, sizeof req,
	                 "POST /public-post HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                 "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
	                 SERVER_DRAIN_MAX + 1);
	r = http(req, (size_t)n);
	assert_int_equal(status_of(r), 413);
	free(r);
	/* Within the cap the body arrives whole. */
	size_t blen = 100000;
	char *body = malloc(blen + 1);
	memset(body, 'a', blen);
	body[blen] = '\0';
	struct buf b = BUF_INIT(1 << 20);
	buf_printf(&b,
	           "POST /public-post HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	           "Content-Type: application/octet-stream\r\nContent-Length: %zu\r\n\r\n%s",
	           blen, body);
	r = http(buf_cstr(&b), b.len);
	assert_int_equal(status_of(r), 200);
	assert_non_null(strstr(r, "len=100000"));
	free(r);
	buf_release(&b);
	free(body);
}

static void test_header_caps(void **state)
{
	struct buf b = BUF_INIT(1 << 20);
	buf_puts(&b, "GET /static/lantern.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
	for (int i = 0; i < REQUEST_MAX_HEADERS + 5; i++)
		buf_printf(&b, "X-Filler-%d: v\r\n", i);
	buf_puts(&b, "\r\n");
	char *r = http(buf_cstr(&b), b.len);
	assert_int_equal(status_of(r), 431);
	free(r);
	buf_reset(&b);
	buf_puts(&b, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ");
	for (int i = 0; i < 100000; i++)
		buf_putc(&b, 'a');
	buf_puts(&b, "\r\n\r\n");
	r = http(buf_cstr(&b), b.len);
	int s = status_of(r);
	assert_true(s == 431 || s == 413 || s == 400 || s == -1); /* refused or closed */
	free(r);
	buf_release(&b);
}

static void test_bad_query_is_400(void **state)
{
	char *r = get("/private?x=%zz", NULL);
	assert_int_equal(status_of(r), 400);
	free(r);
}

static void *get_block(void *arg)
{
	return get("/block", NULL);
}

/* Waits (at most 10 s) until n requests are held in /block. */
static void wait_blocked(int n)
{
	pthread_mutex_lock(&block_mu);
	struct timespec until = ltime_deadline_ns((int64_t)10 * 1000 * 1000 * 1000);
	int rc = 0;
	while (blocked < n && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&block_cv, &block_mu, &until);
	assert_int_equal(blocked, n);
	pthread_mutex_unlock(&block_mu);
}

/* Handlers run on workers that take requests in arrival order from one queue: a handler
 * that waits holds up no request of another connection (a connection's own thread would
 * hold up every connection it owns), and static files are answered on the connection's
 * thread even while every worker is busy. */
static void test_a_waiting_handler_holds_up_no_other_request(void **state)
{
	released = false;
	pthread_t t1, t2;
	assert_int_equal(pthread_create(&t1, NULL, get_block, NULL), 0);
	wait_blocked(1);
	for (int i = 0; i < 8; i++) { /* each on a connection of its own */
		char *r = get("/fast", NULL);
		assert_int_equal(status_of(r), 200);
		assert_non_null(strstr(r, "held=1"));
		free(r);
	}
	assert_int_equal(pthread_create(&t2, NULL, get_block, NULL), 0);
	wait_blocked(2); /* both workers are busy */
	char *r = get("/static/lantern.css", NULL);
	assert_int_equal(status_of(r), 200);
	free(r);
	pthread_mutex_lock(&block_mu);
	assert_int_equal(blocked, 2);
	released = true;
	pthread_cond_broadcast(&block_cv);
	pthread_mutex_unlock(&block_mu);
	void *a1, *a2;
	pthread_join(t1, &a1);
	pthread_join(t2, &a2);
	assert_int_equal(status_of(a1), 200);
	assert_int_equal(status_of(a2), 200);
	assert_non_null(strstr(a1, "released"));
	free(a1);
	free(a2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_static_file_served_with_type_and_cache),
	        cmocka_unit_test(test_static_traversal_and_dotfiles_refused),
	        cmocka_unit_test(test_not_found_page_does_not_echo),
	        cmocka_unit_test(test_method_not_allowed_has_allow),
	        cmocka_unit_test(test_private_page_redirects_to_sign_in),
	        cmocka_unit_test(test_api_unauthenticated_is_problem_json),
	        cmocka_unit_test(test_csrf_token_required_for_session_posts),
	        cmocka_unit_test(test_cross_origin_post_refused),
	        cmocka_unit_test(test_body_caps),
	        cmocka_unit_test(test_header_caps),
	        cmocka_unit_test(test_bad_query_is_400),
	        cmocka_unit_test(test_a_waiting_handler_holds_up_no_other_request),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
