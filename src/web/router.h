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
 *
 * An API route may name the use case that answers it (struct route_uc): its handler is
 * then the one generic handle_api_uc (handlers/api.h), which reads the input the route
 * says, runs the use case as the signed-in user on the path parameter it names, and
 * answers the success status with the view, or the use case's error as problem+json.
 */
#ifndef LANTERN_WEB_ROUTER_H
#define LANTERN_WEB_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
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

/* The input a route's use case takes. */
enum route_input {
	ROUTE_IN_NONE,     /* none (in is NULL; the body and query are not read) */
	ROUTE_IN_BODY,     /* the body, a JSON object (415 or 400 otherwise) */
	ROUTE_IN_BODY_OPT, /* the body as ROUTE_IN_BODY when there is one, else none */
	ROUTE_IN_QUERY,    /* the query string, read through a struct route_query */
};

/* The query parameters a route takes, read into a JSON object: each name in `strings`
 * copied as a string, in `ints` parsed as a whole number in [min, max], in `bools`
 * read as true or false (NULL-terminated lists; NULL for none). Any other parameter,
 * a repeated one or a value that does not parse is a 400 malformed-request. */
struct route_query {
	const char *const *strings, *const *ints, *const *bools;
	int64_t min, max;
};

/* The use case that answers a route (fn NULL: the route's own handler does). */
struct route_uc {
	app_uc *fn;
	const char *param;               /* the path parameter passed as id, or NULL */
	enum route_input input;          /* what is passed as in */
	int status;                      /* on success: 200, 201, or 204 (no body) */
	const struct route_query *query; /* ROUTE_IN_QUERY: what it takes (NULL: none) */
	const char *wrap;                /* answer {wrap: view} instead of the view, or NULL */
};

struct route {
	enum http_method method;
	const char *pattern;
	route_fn fn;
	unsigned flags;
	struct route_uc uc;
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
 * pattern; a route with a use case names a parameter of its pattern (if any), a
 * success status of 200, 201 or 204, and a query only for ROUTE_IN_QUERY. Returns 0,
 * or -1 with a message naming the pattern. */
int router_validate(const struct route *routes, size_t n, char *err, size_t errlen);

#endif
