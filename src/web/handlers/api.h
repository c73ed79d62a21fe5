/*
 * api.h: what the JSON API handlers share. Most API routes name their use case in the
 * route table (web/routes.c, struct route_uc) and are answered by handle_api_uc: it
 * reads the input the route says (none, the JSON body, or the query), runs the use case
 * as the signed-in user on the route's path parameter, and answers with the view
 * (200/201, or 204 without a body) or the use case's error as problem+json
 * (web/usecase.h). The routes that need more (the record's view text, the chronology's
 * pages, the choice between offering and recording a return interview, CSV exports,
 * sessions and tokens) keep a handler of their own, built from the same helpers.
 */
#ifndef LANTERN_WEB_HANDLERS_API_H
#define LANTERN_WEB_HANDLERS_API_H

#include <jansson.h>

#include "app/app.h"
#include "web/request.h"
#include "web/router.h"

/*
 * The signed-in user's actor for one call. Its purpose (recorded with the audit events;
 * the reason that opens a restricted record, R-INFO-3) comes from the Lantern-Purpose
 * header, applied by web/auth.c; here a header that is not valid text short enough for
 * actor.purpose is a 400 (sent; returns NULL) rather than silently ignored.
 */
#define API_PURPOSE_HEADER "Lantern-Purpose"
const struct actor *api_actor(struct request *req, struct response *resp);
/* The actor (api_actor) into *who and the database (web_db) of a request, or NULL when
 * either cannot be had (the problem already answered). */
struct db *api_open(struct request *req, struct response *resp, const struct actor **who);

/* The handler of every route that names a use case (req->route->uc; see above). */
void handle_api_uc(struct request *req, struct response *resp);

/* Runs uc as the request's actor on the route parameter `param` (none when NULL) and
 * in (consumed; may be NULL), and answers `status` with its view or the problem. */
void api_run(struct request *req, struct response *resp, app_uc *uc, const char *param, json_t *in,
             int status);
/* Answers the use case result: page_json(status, out) on APP_OK (an empty answer for
 * 204), else the problem (out then only carries candidates and is released). */
void api_answer(struct request *req, struct response *resp, int rc, const struct app_err *err,
                json_t *out, int status);

/* Builds a JSON object from the query string as q says (struct route_query; q NULL
 * takes no parameters). A parameter q does not take, a repeated one, or a value that
 * does not parse is a 400 malformed-request (sent; returns NULL). Nothing from the
 * query is echoed. */
json_t *api_query_object(struct request *req, struct response *resp, const struct route_query *q);

/* Answers csv (which it frees) as the attachment "<name>-<from>-<to>.csv". from and to
 * must be dates the use case checked, so that the file name is safe text. */
void api_send_csv(struct request *req, struct response *resp, const char *name, const char *from,
                  const char *to, char *csv);

#endif
