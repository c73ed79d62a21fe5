/*
 * router.h: the route table. A route is {method, pattern, handler, flags}; a pattern
 * is a path of literal segments and {name} parameters ("/records/{ref}/timeline"),
 * and its last segment may be {*name}, matching one or more remaining segments joined
 * by "/" (for static files). Matching is on percent-decoded segments, so "%2F" inside
 * a segment never splits it. Literal segments take precedence over parameters: routes
 * are tried in table order, so list "/children/new" before "/children/{id}".
 *
 * HEAD matches GET routes. A path that matches a route under another method gives
 * ROUTER_METHOD_NOT_ALLOWED with the Allow list; otherwise ROUTER_NOT_FOUND.
 */
#ifndef LANTERN_WEB_ROUTER_H
#define LANTERN_WEB_ROUTER_H

#include <stddef.h>

#include "web/request.h"

#define ROUTE_PARAM_MAX 128 /* bytes of one decoded {param}; longer never matches */

enum route_flag {
	ROUTE_PUBLIC = 1u << 0,  /* no session needed (sign-in, static, health) */
	ROUTE_API = 1u << 1,     /* JSON API: errors as problem+json, Bearer tokens allowed */
	ROUTE_NO_CSRF = 1u << 2, /* state-changing but no session yet (sign-in): the CSRF
	                          * token is not checked; the Origin check still is */
	ROUTE_STATIC = 1u << 3,  /* static asset: cacheable, no session lookup */
};

typedef void (*route_fn)(struct request *req, struct response *resp);

struct route {
	enum http_method method;
	const char *pattern;
	route_fn fn;
	unsigned flags;
};

enum router_result { ROUTER_MATCH, ROUTER_NOT_FOUND, ROUTER_METHOD_NOT_ALLOWED };

/*
 * Finds the route for req (its method and segments). On ROUTER_MATCH sets req->route
 * and req->params. On ROUTER_METHOD_NOT_ALLOWED writes the allowed methods
 * ("GET, HEAD, POST") into allow (if non-NULL).
 */
enum router_result router_match(const struct route *routes, size_t n, struct request *req,
                                char *allow, size_t allowlen);

/* Checks a table at startup: every pattern starts with "/", parameters are
 * {name} with a non-empty name, a {*tail} only last, no more than REQUEST_MAX_PARAMS
 * parameters, a handler on every route, and no two routes with the same method and
 * pattern. Returns 0, or -1 with a message naming the pattern. */
int router_validate(const struct route *routes, size_t n, char *err, size_t errlen);

#endif
