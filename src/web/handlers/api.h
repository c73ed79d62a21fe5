/*
 * api.h: what the JSON API handlers (handlers/api_*.c) share. Each handler is thin:
 * it takes its path parameter and body (or query), calls one use case through the
 * helpers below, and answers with the use case's view (200/201) or its error as
 * problem+json (web/usecase.h). The helpers hold the one copy of that plumbing.
 */
#ifndef LANTERN_WEB_HANDLERS_API_H
#define LANTERN_WEB_HANDLERS_API_H

#include <jansson.h>

#include "app/app.h"
#include "web/request.h"

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

/* Runs uc with the JSON body; answers `status` with its view or the problem. */
void api_run_in(struct request *req, struct response *resp, app_uc *uc, int status);
/* Runs uc with the route parameter `param`; answers 200 with its view or the problem. */
void api_run_id(struct request *req, struct response *resp, const char *param, app_uc *uc);
/* Runs uc with the route parameter `param` and the JSON body; answers `status`. */
void api_run_id_in(struct request *req, struct response *resp, const char *param, app_uc *uc,
                   int status);
/* Runs uc with an already-built input (consumed); answers `status`. */
void api_run_with(struct request *req, struct response *resp, app_uc *uc, json_t *in, int status);
/* Answers the use case result: page_json(status, out) on APP_OK, else the problem
 * (out then only carries candidates and is released). */
void api_answer(struct request *req, struct response *resp, int rc, const struct app_err *err,
                json_t *out, int status);

/*
 * Builds a JSON object from the query string: each name in `strings` is copied as a
 * string, each name in `ints` parsed as a whole number in [min, max] (NULL-terminated
 * lists). Any other parameter, a repeated one, or a number that does not parse is a
 * 400 malformed-request (sent; returns NULL). Nothing from the query is echoed.
 */
json_t *api_query_object(struct request *req, struct response *resp, const char *const *strings,
                         const char *const *ints, int64_t min, int64_t max);

#endif
