/*
 * request.c: the library-independent parts of requests and responses (see
 * request.h): method and status names, lookups, path splitting, percent-decoding,
 * Cookie header parsing and response building.
 */
#include "web/request.h"

#include "util/parse.h"

static const char *const method_names[] = {
        [HTTP_OTHER] = "OTHER",   [HTTP_GET] = "GET",         [HTTP_HEAD] = "HEAD",
        [HTTP_POST] = "POST",     [HTTP_PUT] = "PUT",         [HTTP_PATCH] = "PATCH",
        [HTTP_DELETE] = "DELETE", [HTTP_OPTIONS] = "OPTIONS",
};

enum http_method http_method_parse(const char *name)
{
	if (!name)
		return HTTP_OTHER;
	for (size_t i = 1; i < ARRAY_LEN(method_names); i++)
		if (strcmp(method_names[i], name) == 0)
			return (enum http_method)i;
	return HTTP_OTHER;
}

const char *http_method_name(enum http_method m)
{
	if ((size_t)m >= ARRAY_LEN(method_names))
		return "OTHER";
	return method_names[m];
}

const char *http_status_text(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 204:
		return "No Content";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorised";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 406:
		return "Not Acceptable";
	case 409:
		return "Conflict";
	case 411:
		return "Length Required";
	case 413:
		return "Content Too Large";
	case 414:
		return "URI Too Long";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Content";
	case 429:
		return "Too Many Requests";
	case 431:
		return "Request Header Fields Too Large";
	case 500:
		return "Internal Server Error";
	case 501:
		return "Not Implemented";
	case 503:
		return "Service Unavailable";
	default:
		return "Error";
	}
}

static const char *kv_find(const struct kv *kv, size_t n, const char *name, bool nocase)
{
	for (size_t i = 0; i < n; i++) {
		if (!kv[i].name)
			continue;
		if (nocase ? strcasecmp(kv[i].name, name) == 0 : strcmp(kv[i].name, name) == 0)
			return kv[i].value;
	}
	return NULL;
}

const char *request_header(const struct request *req, const char *name)
{
	return kv_find(req->headers, req->nheaders, name, true);
}

const char *request_query(const struct request *req, const char *name)
{
	return kv_find(req->query, req->nquery, name, false);
}

const char *request_cookie(const struct request *req, const char *name)
{
	return kv_find(req->cookies, req->ncookies, name, false);
}

const char *request_param(const struct request *req, const char *name)
{
	return kv_find(req->params, req->nparams, name, false);
}

const char *request_media_type(const struct request *req)
{
	const char *ct = request_header(req, "Content-Type");
	if (!ct)
		return "";
	size_t n = strcspn(ct, ";");
	while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	if (n > 127)
		return "";
	char *out = pool_strndup(req->pool, ct, n);
	if (!out)
		return "";
	for (char *c = out; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return out;
}

bool request_is_state_changing(const struct request *req)
{
	return !(req->method == HTTP_GET || req->method == HTTP_HEAD ||
	         req->method == HTTP_OPTIONS);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *url_decode(struct pool *p, const char *s, size_t n, bool plus_is_space, size_t *outlen)
{
	char *out = pool_alloc(p, n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (n - i < 3) /* fewer than two characters follow */
				return NULL;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return NULL;
		out[o++] = c;
	}
	out[o] = '\0';
	if (!utf8_valid(out, o))
		return NULL;
	if (outlen)
		*outlen = o;
	return out;
}

int request_split_path(struct request *req, const char *path)
{
	size_t len = strlen(path);
	if (len == 0 || path[0] != '/' || len > REQUEST_MAX_PATH)
		return -1;
	const char **segs = pool_calloc(req->pool, REQUEST_MAX_SEGMENTS, sizeof(*segs));
	if (!segs)
		return -1;
	size_t n = 0;
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t sl = strcspn(p, "/");
		if (n == REQUEST_MAX_SEGMENTS)
			return -1;
		size_t dl;
		char *seg = url_decode(req->pool, p, sl, false, &dl);
		if (!seg || dl == 0 || dl > REQUEST_MAX_SEGMENT)
			return -1;
		for (size_t i = 0; i < dl; i++)
			if ((unsigned char)seg[i] < 0x20 || seg[i] == 0x7f)
				return -1;
		if (strcmp(seg, ".") == 0 || strcmp(seg, "..") == 0)
			return -1;
		segs[n++] = seg;
		p += sl;
	}
	req->path = pool_strdup(req->pool, path);
	if (!req->path)
		return -1;
	req->segments = segs;
	req->nsegments = n;
	return 0;
}

int cookie_parse(struct pool *p, const char *header, struct kv *out, size_t max)
{
	size_t n = 0;
	const char *s = header;
	while (*s && n < max) {
		while (*s == ' ' || *s == '\t' || *s == ';')
			s++;
		if (!*s)
			break;
		size_t pl = strcspn(s, ";");
		const char *eq = memchr(s, '=', pl);
		if (eq && eq > s) {
			size_t nl = (size_t)(eq - s);
			while (nl > 0 && (s[nl - 1] == ' ' || s[nl - 1] == '\t'))
				nl--;
			const char *v = eq + 1;
			size_t vl = pl - (size_t)(v - s);
			while (vl > 0 && (*v == ' ' || *v == '\t'))
				v++, vl--;
			while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
				vl--;
			if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"')
				v++, vl -= 2;
			if (nl > 0) {
				char *name = pool_strndup(p, s, nl);
				char *val = pool_strndup(p, v, vl);
				if (!name || !val)
					return -1;
				out[n].name = name;
				out[n].value = val;
				n++;
			}
		}
		s += pl;
	}
	return (int)n;
}

void response_init(struct response *r, struct pool *pool)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->pool = pool;
	buf_init(&r->body, RESPONSE_BODY_MAX);
}

void response_release(struct response *r)
{
	buf_release(&r->body);
}

static bool header_value_ok(const char *v)
{
	for (; *v; v++)
		if (*v == '\r' || *v == '\n')
			return false;
	return true;
}

int response_header(struct response *r, const char *name, const char *value)
{
	if (r->nheaders == RESPONSE_MAX_HEADERS || !header_value_ok(name) ||
	    !header_value_ok(value))
		return -1;
	char *n = pool_strdup(r->pool, name), *v = pool_strdup(r->pool, value);
	if (!n || !v)
		return -1;
	r->headers[r->nheaders].name = n;
	r->headers[r->nheaders].value = v;
	r->nheaders++;
	return 0;
}

int response_set_header(struct response *r, const char *name, const char *value)
{
	for (size_t i = 0; i < r->nheaders; i++) {
		if (strcasecmp(r->headers[i].name, name) == 0) {
			if (!header_value_ok(value))
				return -1;
			char *v = pool_strdup(r->pool, value);
			if (!v)
				return -1;
			r->headers[i].value = v;
			return 0;
		}
	}
	return response_header(r, name, value);
}

const char *response_get_header(const struct response *r, const char *name)
{
	return kv_find(r->headers, r->nheaders, name, true);
}

int response_text(struct response *r, int status, const char *text)
{
	r->status = status;
	r->content_type = "text/plain; charset=utf-8";
	buf_reset(&r->body);
	return buf_puts(&r->body, text);
}

int response_redirect(struct response *r, const char *local_path)
{
	if (!local_path || local_path[0] != '/' || local_path[1] == '/' || local_path[1] == '\\')
		return -1;
	r->status = 303;
	buf_reset(&r->body);
	r->content_type = NULL;
	return response_set_header(r, "Location", local_path);
}
