/*
 * routes.c: every URL Lantern answers, in one table (see web/router.h for patterns
 * and flags). Handlers live in src/web/handlers/, one file per resource.
 */
#include "web/app.h"
#include "web/handlers/handlers.h"

const struct route web_routes[] = {
    {HTTP_GET, "/static/{*path}", handle_static, ROUTE_PUBLIC | ROUTE_STATIC},
    {HTTP_GET, "/healthz", handle_health, ROUTE_PUBLIC | ROUTE_STATIC},
};

const size_t web_routes_count = ARRAY_LEN(web_routes);
