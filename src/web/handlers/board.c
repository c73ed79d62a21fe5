/*
 * board.c: the board's report (app/board.h) on the web: GET /boroughs/{id}/board-report
 * (a page: the period chosen with a GET form, each table beside its chart, the chart an
 * SVG image drawn by the server), the CSV downloads GET /api/v1/boroughs/{id}/
 * board-report/csv and /api/v1/boroughs/{id}/cin-factors (?from=&to=), and the report as
 * a workbook, GET /api/v1/boroughs/{id}/board-report/xlsx. The JSON report is
 * a use-case route (routes.c).
 */
#include <sodium.h>

#include "app/board.h"
#include "util/pool.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/handlers/mase.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"
#include "web/webapp.h"

typedef int (*csv_fn)(struct db *db, const struct actor *who, const char *borough, const char *from,
                      const char *to, char **csv, struct app_err *err);

static void csv_run(struct request *req, struct response *resp, csv_fn fn, const char *name)
{
	static const char *const strings[] = {"from", "to", NULL};
	static const struct route_query query = {strings, NULL, NULL, 0, 0};
	json_t *q = api_query_object(req, resp, &query);
	if (!q)
		return;
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(q);
		return;
	}
	struct app_err err;
	app_err_clear(&err);
	char *csv = NULL;
	int rc = fn(db, web_actor(req), request_param(req, "id"),
	            json_string_value(json_object_get(q, "from")),
	            json_string_value(json_object_get(q, "to")), &csv, &err);
	if (rc != APP_OK) {
		json_decref(q);
		free(csv);
		api_answer(req, resp, rc, &err, NULL, 200);
		return;
	}
	/* from and to were checked as dates by the use case, so the name is safe text */
	api_send_csv(req, resp, name, json_string_value(json_object_get(q, "from")),
	             json_string_value(json_object_get(q, "to")), csv);
	json_decref(q);
}

void handle_api_board_csv(struct request *req, struct response *resp)
{
	csv_run(req, resp, app_board_report_csv, "board-report");
}

/* GET /api/v1/boroughs/{id}/board-report/xlsx?from=&to=: the report as a workbook. */
void handle_api_board_xlsx(struct request *req, struct response *resp)
{
	static const char *const strings[] = {"from", "to", NULL};
	static const struct route_query query = {strings, NULL, NULL, 0, 0};
	json_t *q = api_query_object(req, resp, &query);
	if (!q)
		return;
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(q);
		return;
	}
	struct app_err err;
	app_err_clear(&err);
	unsigned char *data = NULL;
	size_t len = 0;
	const char *from = json_string_value(json_object_get(q, "from")),
	           *to = json_string_value(json_object_get(q, "to"));
	int rc = app_board_report_xlsx(db, web_actor(req), request_param(req, "id"), from, to,
	                               &data, &len, &err);
	if (rc != APP_OK) {
		json_decref(q);
		api_answer(req, resp, rc, &err, NULL, 200);
		return;
	}
	/* from and to were checked as dates by the use case, so the name is safe text */
	char disp[128];
	snprintf(disp, sizeof disp, "attachment; filename=\"board-report-%s-%s.xlsx\"", from, to);
	resp->status = 200;
	resp->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	response_set_header(resp, "Content-Disposition", disp);
	buf_reset(&resp->body);
	if (buf_append(&resp->body, data, len) != 0)
		response_text(resp, 500, "The workbook is too large.");
	free(data);
	json_decref(q);
}

void handle_api_cin_csv(struct request *req, struct response *resp)
{
	csv_run(req, resp, app_board_cin_csv, "cin-factors");
}

/* The chart as a data: URI (the page's CSP allows data: images), in the pool. */
static const char *svg_uri(struct request *req, const char *svg)
{
	size_t n = strlen(svg);
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = pool_alloc(req->pool, len + 32);
	if (!b64)
		return "";
	memcpy(b64, "data:image/svg+xml;base64,", 26);
	sodium_bin2base64(b64 + 26, len, (const unsigned char *)svg, n,
	                  sodium_base64_VARIANT_ORIGINAL);
	return b64;
}

void handle_page_board_report(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	const char *from = NULL, *to = NULL;
	for (size_t i = 0; i < req->nquery; i++) {
		if (strcmp(req->query[i].name, "from") == 0)
			from = req->query[i].value;
		else if (strcmp(req->query[i].name, "to") == 0)
			to = req->query[i].value;
	}
	json_t *d = json_pack("{s:s, s:s, s:s}", "borough_id", id, "from", from ? from : "", "to",
	                      to ? to : "");
	int status = 200;
	if (from && to) {
		struct db *db = web_db(req, resp);
		if (!db) {
			json_decref(d);
			return;
		}
		struct app_err err = {0};
		json_t *out = NULL, *in = json_pack("{s:s, s:s}", "from", from, "to", to);
		int rc = app_board_report(db, web_actor(req), id, in, &out, &err);
		json_decref(in);
		if (rc == APP_INVALID) {
			struct field_errors errs;
			fielderr_init(&errs);
			for (int i = 0; i < err.nfields; i++)
				fielderr_add(&errs, err.fields[i].field, err.fields[i].message);
			if (!err.nfields)
				fielderr_add(&errs, "from", err.message);
			page_add_errors(d, &errs);
			status = 422;
		} else if (rc != APP_OK) {
			json_decref(d);
			pages_error(req, resp, &err);
			return;
		} else {
			size_t i, j;
			json_t *s, *t;
			json_array_foreach(json_object_get(out, "sections"), i, s)
			        json_array_foreach(json_object_get(s, "tables"), j, t)
			{
				const char *svg = json_string_value(json_object_get(t, "svg"));
				json_object_set_new(t, "src",
				                    json_string(svg ? svg_uri(req, svg) : ""));
				json_object_del(t, "svg");
			}
			json_object_set_new(out, "report", json_true());
			json_object_update(d, out);
			json_decref(out);
		}
	}
	page_render(req, resp, status, "board_report.html", "The board's report", d);
	json_decref(d);
}
