/*
 * api_imports.c: the children's CSV import and export over the API. POST
 * /api/v1/imports/children takes the file as a text/csv body (capped at the request
 * body's maximum, REQUEST_BODY_MAX) with ?dry_run=true and ?commit_good_rows=true, and
 * answers the import's report: 201 when the batch was committed, 200 for a dry run with
 * nothing refused, 422 with the report (refused rows with line and reason) when nothing
 * was written. GET /api/v1/exports/children answers the CSV. The use cases check the
 * role and audit (src/app/import.h).
 */
#include "app/import.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/handlers/imports.h"
#include "web/problem.h"
#include "web/usecase.h"

struct body {
	const char *s;
	size_t len, pos;
};

static long body_read(void *ctx, char *buf, size_t n)
{
	struct body *b = ctx;
	size_t k = b->len - b->pos < n ? b->len - b->pos : n;
	memcpy(buf, b->s + b->pos, k);
	b->pos += k;
	return (long)k;
}

void handle_api_import_children(struct request *req, struct response *resp)
{
	static const char *const bools[] = {"dry_run", "commit_good_rows", NULL};
	static const struct route_query query = {NULL, NULL, bools, 0, 0};
	const char *mt = request_media_type(req);
	if (strcmp(mt, "text/csv") != 0) {
		problem_respond(resp, PROBLEM_MEDIA_TYPE, "Send the file as text/csv (UTF-8).");
		return;
	}
	json_t *q = api_query_object(req, resp, &query);
	if (!q)
		return;
	const struct actor *who;
	struct db *db = api_open(req, resp, &who);
	if (!db) {
		json_decref(q);
		return;
	}
	struct import_opts o = {
	        .source = "upload",
	        .dry_run = json_is_true(json_object_get(q, "dry_run")),
	        .commit_good = json_is_true(json_object_get(q, "commit_good_rows")),
	};
	json_decref(q);
	struct app_err err;
	app_err_clear(&err);
	json_t *rep = NULL;
	struct body b = {req->body ? req->body : "", req->body_len, 0};
	int rc = app_import_children(db, who, &o, body_read, &b, &rep, &err);
	if (rc == APP_INVALID && rep) {
		json_t *p = problem_json(PROBLEM_VALIDATION, err.message, NULL, NULL);
		json_object_set_new(p, "report", rep);
		problem_send(resp, 422, p);
		return;
	}
	api_answer(req, resp, rc, &err, rep, o.dry_run ? 200 : 201);
}

static int body_write(void *ctx, const char *s, size_t n)
{
	return buf_append(ctx, s, n);
}

void handle_api_export_children(struct request *req, struct response *resp)
{
	const struct actor *who;
	struct db *db = api_open(req, resp, &who);
	if (!db)
		return;
	struct app_err err;
	app_err_clear(&err);
	struct buf csv;
	buf_init(&csv, RESPONSE_BODY_MAX);
	size_t rows = 0;
	int rc = app_export_children(db, who, body_write, &csv, &rows, &err);
	if (rc != APP_OK) {
		buf_release(&csv);
		api_answer(req, resp, rc, &err, NULL, 200);
		return;
	}
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	response_set_header(resp, "Content-Disposition", "attachment; filename=\"children.csv\"");
	buf_reset(&resp->body);
	buf_append(&resp->body, csv.data ? csv.data : "", csv.len);
	buf_release(&csv);
}
