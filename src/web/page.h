/*
 * page.h: rendering pages and errors in the right form for the route: HTML through
 * the layout for pages, JSON (or problem+json) for /api/ routes.
 *
 * page_render adds what every page needs to the template data: `service` ("Lantern"),
 * `demo` (the demonstration banner), `user` ({name, agency}) when signed in, and
 * `csrf_token` for forms. Templates must put {{csrf_token}} in a hidden field named
 * csrf_token in every form that changes something.
 */
#ifndef LANTERN_WEB_PAGE_H
#define LANTERN_WEB_PAGE_H

#include <jansson.h>

#include "web/fielderr.h"
#include "web/problem.h"
#include "web/request.h"

/* Renders template `page` (e.g. "home.html") inside the layout with data (borrowed;
 * may be NULL), title (page <title>, fixed text or escaped data), status. On a render
 * failure answers 500. */
void page_render(struct request *req, struct response *resp, int status, const char *page,
                 const char *title, json_t *data);
/* An error answer for status (400, 401, 403, 404, 405, 413, 429, 500, 503): the
 * error page with fixed wording, or problem+json on API routes. Never echoes input. */
void page_error(struct request *req, struct response *resp, int status);
/* JSON answer (steals a reference to body). */
void page_json(struct response *resp, int status, json_t *body);
/* Builds the error summary data for a form page: sets data.has_errors, data.errors
 * [{field, message}] and data.<field>_error for each error. */
void page_add_errors(json_t *data, const struct field_errors *errs);
/* True if the request is on an API route (or, before routing, under /api/). */
bool page_is_api(const struct request *req);

#endif
