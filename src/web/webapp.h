/*
 * webapp.h: the web application: the state shared by every request (configuration,
 * compiled templates, route table, rate limiters, database pool) and the dispatcher
 * that the server calls for each request. (Named apart from app/app.h, which is what
 * every use case shares.)
 *
 * The dispatcher, in order: matches the route (404 / 405 with Allow); looks up the
 * session unless the route serves static files; refuses an unauthenticated request
 * to a non-public route (pages: 303 to /sign-in; API: 401); on a state-changing
 * request checks Origin / Sec-Fetch-Site and then the CSRF token (web/csrf.h), and
 * for pages parses the urlencoded body into req->form; runs the handler; and logs
 * one line: method, route pattern, status, duration. Query strings, paths with
 * identifiers, and anything personal are never logged.
 */
#ifndef LANTERN_WEB_WEBAPP_H
#define LANTERN_WEB_WEBAPP_H

#include <stdbool.h>

#include "util/config.h"
#include "web/ratelimit.h"
#include "web/render.h"
#include "web/request.h"
#include "web/router.h"

struct db_pool;

struct web_app {
	const struct config *cfg;
	struct render_set *views;
	const struct route *routes;
	size_t nroutes;
	struct db_pool *dbs;          /* NULL when serving without a database (tests) */
	struct ratelimit *rl_account; /* sign-in attempts per username */
	struct ratelimit *rl_address; /* sign-in attempts per client address */
	bool demo_data;               /* the database holds synthetic demo data: show banner */
	bool tls;                     /* served over TLS (or behind a TLS proxy) */
	/* Finds the session for req (cookie or Bearer) and sets req->session; NULL hook:
	 * nobody is ever signed in. Returns 0, or -1 if the lookup failed (503). */
	int (*authenticate)(struct request *req);
};

/* Sets up app: compiles templates (errors reported here, at startup), validates the
 * route table and creates the rate limiters. cfg must outlive app. Returns 0, or -1
 * with a message in err. */
int web_app_init(struct web_app *app, const struct config *cfg, const struct route *routes,
                 size_t nroutes, char *err, size_t errlen);
void web_app_release(struct web_app *app);

/* The server_handler: dispatches one request (see above). arg is the struct web_app. */
void web_app_handle(struct request *req, struct response *resp, void *arg);

/* The server's quick test (server_options.quick): true for a request for a static file
 * (a ROUTE_STATIC route: no session, no database), answered on the connection's thread. */
bool web_app_quick(const struct request *req, void *arg);

/* The application's route table (web/routes.c). */
extern const struct route web_routes[];
extern const size_t web_routes_count;

#endif
