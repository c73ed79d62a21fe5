/*
 * api_exports.c: the statutory exports as CSV downloads (GET /api/v1/exports/ssda903
 * and /api/v1/exports/annex-a, ?from=YYYY-MM-DD&to=YYYY-MM-DD). The use cases check
 * the role and the period and audit each export.
 */
#include "app/exports.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/usecase.h"

typedef int (*export_fn)(struct db *db, const struct actor *who, const char *from, const char *to,
                         char **csv, struct app_err *err);

static void export_run(struct request *req, struct response *resp, export_fn fn,
                       const char *filename)
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
	int rc = fn(db, web_actor(req), json_string_value(json_object_get(q, "from")),
	            json_string_value(json_object_get(q, "to")), &csv, &err);
	if (rc != APP_OK) {
		json_decref(q);
		free(csv);
		api_answer(req, resp, rc, &err, NULL, 200);
		return;
	}
	/* from and to were checked as dates by the use case, so the name is safe text */
	api_send_csv(req, resp, filename, json_string_value(json_object_get(q, "from")),
	             json_string_value(json_object_get(q, "to")), csv);
	json_decref(q);
}

void handle_api_export_ssda903(struct request *req, struct response *resp)
{
	export_run(req, resp, app_export_ssda903, "ssda903-missing");
}

void handle_api_export_annex_a(struct request *req, struct response *resp)
{
	export_run(req, resp, app_export_annex_a, "annex-a-missing");
}
