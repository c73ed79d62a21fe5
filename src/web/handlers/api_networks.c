/*
 * api_networks.c: a network's entities and links as a CSV download for IBM i2 Analyst's
 * Notebook (entities.csv, links.csv) or Gephi (nodes.csv, edges.csv): GET
 * /api/v1/exports/network?file=&entity=&hops=&kinds=&from=&to=&facts_only=. The use
 * case (app_network_export) checks the role, the entity and the filters, reads only what
 * the user may see, writes formula-safe cells and audits the export.
 */
#include "app/networks.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/handlers/people.h"
#include "web/usecase.h"

void handle_api_export_network(struct request *req, struct response *resp)
{
	static const char *const strings[] = {"file", "entity", "kinds", "from", "to", NULL};
	static const char *const ints[] = {"hops", NULL};
	static const char *const bools[] = {"facts_only", NULL};
	static const struct route_query query = {strings, ints, bools, 1, 3};
	json_t *q = api_query_object(req, resp, &query);
	if (!q)
		return;
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(q);
		return;
	}
	char entity[64] = "";
	const char *e = json_string_value(json_object_get(q, "entity"));
	if (e)
		snprintf(entity, sizeof entity, "%s", e);
	json_object_del(q, "entity");
	struct app_err err;
	json_t *out = NULL;
	int rc = app_network_export(db, web_actor(req), e ? entity : NULL, q, &out, &err);
	json_decref(q);
	if (rc != APP_OK) {
		api_answer(req, resp, rc, &err, NULL, 200);
		return;
	}
	/* the file name is one of four fixed names */
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s\"",
	         json_string_value(json_object_get(out, "file_name")));
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	response_set_header(resp, "Content-Disposition", disp);
	buf_reset(&resp->body);
	buf_puts(&resp->body, json_string_value(json_object_get(out, "csv")));
	json_decref(out);
}
