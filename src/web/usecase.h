/*
 * usecase.h: the glue between a handler and a use case in src/app/. A handler parses
 * the request into a JSON object, calls the use case (the one shape, app_uc) with the
 * signed-in user's actor and this thread's database connection, and turns the result
 * into a response (most API routes do all of this through their row in the route table
 * and handle_api_uc; pages load their views through pages_load):
 *
 *   struct db *db = web_db(req, resp);            // 503 already sent when NULL
 *   json_t *in = web_json_body(req, resp);        // API: 400/415 already sent when NULL
 *   struct app_err err = {0};
 *   json_t *out = NULL;
 *   int rc = app_something(db, web_actor(req), id, in, &out, &err);
 *   if (rc != APP_OK) web_api_error(req, resp, &err, out); else page_json(resp, 201, out);
 *
 * Error mapping: one table (web_rcs in usecase.c) gives each result code its HTTP status
 * and problem type: APP_INVALID -> 422 validation, or protocol-rule when the error names
 * a rule (with `rule` and `errors`); APP_NOT_FOUND -> 404 (also for records the user
 * may not see); APP_FORBIDDEN -> 403; APP_CONFLICT -> 409, with any `candidates` the use
 * case returned (R-REC-1) copied into the problem body; APP_FAILED -> 500; APP_BUSY ->
 * 503; APP_LIMITED -> 429. Messages come from the use case's fixed text, never from the
 * request.
 */
#ifndef LANTERN_WEB_USECASE_H
#define LANTERN_WEB_USECASE_H

#include <jansson.h>

#include "app/app.h"
#include "web/fielderr.h"
#include "web/problem.h"
#include "web/request.h"

/* What a use-case result code answers over HTTP. */
struct web_rc {
	enum app_rc code;
	int status;                  /* problem_status(kind); the error page's status */
	enum problem_kind kind;      /* the problem type of the API's answer */
	enum problem_kind rule_kind; /* the same when the error names a protocol rule */
};

/* The row of code in the table, or NULL when it has none (tests/unit/test_app_rc.c
 * checks that every code has one). */
const struct web_rc *web_rc_find(enum app_rc code);

/* This thread's connection, or NULL after sending 503 (API) / the error page. */
struct db *web_db(struct request *req, struct response *resp);
/* The signed-in user's actor (the route table guarantees a session). */
const struct actor *web_actor(const struct request *req);
/* Views answered together (app_views_new): between web_views_begin and web_views_end,
 * the audited reads a handler makes as the signed-in user commit their events while it
 * goes on (where the server can answer later: request.defer), and web_views_end makes
 * the answer wait for all of them (response.deferred); it goes out only once they have
 * committed, else the server withholds it (503). Without request.defer, or out of
 * memory, every event is waited for where it is made, as usual. Every begin needs its
 * end, on every path. */
void web_views_begin(struct request *req);
void web_views_end(struct request *req, struct response *resp);
/* Parses the request body as a JSON object (caps from json_in.h); NULL after sending
 * 415 (not application/json) or 400 (malformed, too deep, not an object). */
json_t *web_json_body(struct request *req, struct response *resp);
/* Sends a use case's error as problem+json (see the mapping above). `out` may hold
 * {"candidates": [...]}; it is not consumed. */
void web_api_error(struct request *req, struct response *resp, const struct app_err *err,
                   json_t *out);
/* Copies a use case's field errors (and its summary when it has none) into errs, with
 * strings from the request's pool, for re-rendering a form. */
void web_form_errors(struct request *req, const struct app_err *err, struct field_errors *errs);
/* The HTTP status for a use case's error (its row in the table; 500 for a code without
 * one). */
int web_app_status(const struct app_err *err);

#endif
