/*
 * routes.c: every URL Lantern answers, in one table (see web/router.h for patterns
 * and flags). Handlers live in src/web/handlers/, one file per resource. Anything not
 * marked ROUTE_PUBLIC needs a signed-in user; state-changing methods are CSRF- and
 * Origin-checked unless marked ROUTE_NO_CSRF (sign-in: there is no session yet).
 */
#include "web/app.h"
#include "web/handlers/handlers.h"

#define PUBLIC ROUTE_PUBLIC
#define API ROUTE_API

const struct route web_routes[] = {
        {HTTP_GET, "/static/{*path}", handle_static, PUBLIC | ROUTE_STATIC},
        {HTTP_GET, "/healthz", handle_health, PUBLIC | ROUTE_STATIC},

        {HTTP_GET, "/", handle_home, 0},
        {HTTP_GET, "/sign-in", handle_sign_in_form, PUBLIC},
        {HTTP_POST, "/sign-in", handle_sign_in, PUBLIC | ROUTE_NO_CSRF},
        {HTTP_POST, "/sign-out", handle_sign_out, 0},

        {HTTP_POST, "/api/v1/session", handle_api_session_create, API | PUBLIC | ROUTE_NO_CSRF},
        {HTTP_GET, "/api/v1/session", handle_api_session_show, API},
        {HTTP_DELETE, "/api/v1/session", handle_api_session_delete, API},
        {HTTP_GET, "/api/v1/tokens", handle_api_tokens_list, API},
        {HTTP_POST, "/api/v1/tokens", handle_api_tokens_create, API},
        {HTTP_DELETE, "/api/v1/tokens/{id}", handle_api_tokens_revoke, API},
};

const size_t web_routes_count = ARRAY_LEN(web_routes);
