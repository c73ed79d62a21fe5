/* router.c: route matching (see router.h). */
#include "web/router.h"

/* Matches one route's pattern against the request's segments. Fills params (pool
 * strings) and returns the count, or -1 for no match. */
static int match_pattern(const char *pattern, struct request *req, struct kv *params)
{
	const char *p = pattern;
	size_t seg = 0;
	int np = 0;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t pl = strcspn(p, "/");
		if (p[0] == '{' && pl >= 3 && p[pl - 1] == '}') {
			bool tail = p[1] == '*';
			const char *name = p + (tail ? 2 : 1);
			size_t nl = pl - (tail ? 3 : 2);
			if (seg >= req->nsegments || np == REQUEST_MAX_PARAMS)
				return -1;
			struct buf v = BUF_INIT(ROUTE_PARAM_MAX);
			if (tail) {
				for (size_t i = seg; i < req->nsegments; i++) {
					if (i > seg)
						buf_putc(&v, '/');
					buf_puts(&v, req->segments[i]);
				}
				seg = req->nsegments;
			} else {
				buf_puts(&v, req->segments[seg++]);
			}
			if (v.failed) {
				buf_release(&v);
				return -1;
			}
			params[np].name = pool_strndup(req->pool, name, nl);
			params[np].value = pool_strdup(req->pool, buf_cstr(&v));
			buf_release(&v);
			if (!params[np].name || !params[np].value)
				return -1;
			np++;
		} else {
			if (seg >= req->nsegments || strlen(req->segments[seg]) != pl ||
			    memcmp(req->segments[seg], p, pl) != 0)
				return -1;
			seg++;
		}
		p += pl;
	}
	return seg == req->nsegments ? np : -1;
}

static bool method_matches(enum http_method route, enum http_method req)
{
	return route == req || (route == HTTP_GET && req == HTTP_HEAD);
}

enum router_result router_match(const struct route *routes, size_t n, struct request *req,
                                char *allow, size_t allowlen)
{
	bool seen[HTTP_OPTIONS + 1] = {false};
	bool path_found = false;
	struct kv params[REQUEST_MAX_PARAMS];
	for (size_t i = 0; i < n; i++) {
		int np = match_pattern(routes[i].pattern, req, params);
		if (np < 0)
			continue;
		if (method_matches(routes[i].method, req->method)) {
			memcpy(req->params, params, sizeof(params[0]) * (size_t)np);
			req->nparams = (size_t)np;
			req->route = &routes[i];
			return ROUTER_MATCH;
		}
		path_found = true;
		if ((size_t)routes[i].method < ARRAY_LEN(seen))
			seen[routes[i].method] = true;
	}
	if (!path_found)
		return ROUTER_NOT_FOUND;
	if (allow && allowlen) {
		struct buf b = BUF_INIT(allowlen - 1);
		if (seen[HTTP_GET])
			seen[HTTP_HEAD] = true;
		for (size_t m = 1; m < ARRAY_LEN(seen); m++) {
			if (!seen[m])
				continue;
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, http_method_name((enum http_method)m));
		}
		snprintf(allow, allowlen, "%s", buf_cstr(&b));
		buf_release(&b);
	}
	return ROUTER_METHOD_NOT_ALLOWED;
}

static int check_pattern(const char *pat, char *err, size_t errlen)
{
	if (!pat || pat[0] != '/') {
		snprintf(err, errlen, "route pattern must start with '/'");
		return -1;
	}
	int params = 0;
	const char *p = pat;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t pl = strcspn(p, "/");
		bool open = memchr(p, '{', pl) != NULL, close = memchr(p, '}', pl) != NULL;
		if (open || close) {
			bool tail = pl >= 2 && p[1] == '*';
			size_t min = tail ? 4 : 3;
			if (p[0] != '{' || p[pl - 1] != '}' || pl < min) {
				snprintf(err, errlen, "route %.100s: bad parameter", pat);
				return -1;
			}
			if (tail && p[pl] != '\0') {
				snprintf(err, errlen, "route %.100s: {*tail} must be last", pat);
				return -1;
			}
			if (++params > REQUEST_MAX_PARAMS) {
				snprintf(err, errlen, "route %.100s: too many parameters", pat);
				return -1;
			}
		}
		p += pl;
	}
	return 0;
}

/* Checks the use case of route r, if it has one (see router_validate). */
static int check_uc(const struct route *r, char *err, size_t errlen)
{
	const struct route_uc *uc = &r->uc;
	if (!uc->fn)
		return 0;
	char want[ROUTE_PARAM_MAX + 4];
	const char *why = NULL;
	if (uc->param && (snprintf(want, sizeof want, "{%s}", uc->param) >= (int)sizeof want ||
	                  !strstr(r->pattern, want)))
		why = "its use case's parameter is not in the pattern";
	else if (uc->status != 200 && uc->status != 201 && uc->status != 204)
		why = "its use case answers no success status";
	else if (uc->query && uc->input != ROUTE_IN_QUERY)
		why = "a query for a use case that does not read one";
	else if (uc->input > ROUTE_IN_QUERY)
		why = "an unknown kind of input";
	if (why)
		snprintf(err, errlen, "route %.100s: %s", r->pattern, why);
	return why ? -1 : 0;
}

int router_validate(const struct route *routes, size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		if (check_pattern(routes[i].pattern, err, errlen) < 0)
			return -1;
		if (check_uc(&routes[i], err, errlen) < 0)
			return -1;
		if (!routes[i].fn || routes[i].method == HTTP_OTHER) {
			snprintf(err, errlen, "route %.100s: no handler or method",
			         routes[i].pattern);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			if (routes[j].method == routes[i].method &&
			    strcmp(routes[j].pattern, routes[i].pattern) == 0) {
				snprintf(err, errlen, "route %.100s: defined twice",
				         routes[i].pattern);
				return -1;
			}
		}
	}
	return 0;
}
