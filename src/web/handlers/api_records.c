/*
 * api_records.c: the two record routes that need more than their use case (the changes
 * to a record are answered through the route table, web/routes.c): the full view, sent
 * as the text the view cache keeps, and the chronology with cursor pagination.
 */
#include <sodium.h>

#include "app/record_view.h"
#include "app/viewcache.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/page.h"
#include "web/problem.h"
#include "web/usecase.h"

#define TIMELINE_DEFAULT 50
#define TIMELINE_MAX 200
#define CURSOR_MAX 96

/* The view goes out as the text the use case gives (often kept from an earlier view:
 * app_record_view), without being parsed and serialised again. Where the server can
 * answer later, the view's audit event is committed by the view log's writer while
 * this thread serves other requests, and the answer goes out once it has committed
 * (request.defer): never before. */
void handle_api_record_show(struct request *req, struct response *resp)
{
	const struct actor *who;
	struct db *db = api_open(req, resp, &who);
	if (!db)
		return;
	struct app_err err;
	app_err_clear(&err);
	struct view_text *t = NULL;
	bool pending = false;
	const char *ref = request_param(req, "ref");
	int rc = req->defer ? app_record_view_async(db, who, ref, &t, &pending, req->defer->done,
	                                            req->defer->ctx, &err)
	                    : app_record_view(db, who, ref, &t, &err);
	if (rc != APP_OK) {
		api_answer(req, resp, rc, &err, NULL, 200);
		return;
	}
	resp->status = 200;
	resp->content_type = "application/json";
	buf_reset(&resp->body);
	buf_append(&resp->body, t->text, t->len);
	view_text_release(t);
	resp->deferred = pending;
	if (resp->body.failed) /* the event is logged; the answer is an error all the same */
		problem_respond(resp, PROBLEM_INTERNAL, NULL);
}

/*
 * The cursor is opaque to clients: base64url of "e:" + the id of the last entry of
 * the previous page. The next page starts after that entry, so entries added
 * meanwhile (they are newest, at the front) never shift or repeat a page. Returns
 * the entry id in id_out, or -1 if the cursor does not decode.
 */
static int cursor_decode(const char *cursor, char *id_out, size_t idlen)
{
	unsigned char raw[CURSOR_MAX];
	size_t n = 0;
	if (strlen(cursor) > CURSOR_MAX ||
	    sodium_base642bin(raw, sizeof raw - 1, cursor, strlen(cursor), NULL, &n, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return -1;
	raw[n] = '\0';
	if (n < 3 || n - 2 >= idlen || memcmp(raw, "e:", 2) != 0 || memchr(raw, '\0', n))
		return -1;
	memcpy(id_out, raw + 2, n - 1);
	return 0;
}

static json_t *cursor_encode(const char *id)
{
	char raw[CURSOR_MAX], enc[sodium_base64_ENCODED_LEN(
	                              CURSOR_MAX, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	int n = snprintf(raw, sizeof raw, "e:%s", id);
	if (n < 0 || (size_t)n >= sizeof raw)
		return json_null();
	sodium_bin2base64(enc, sizeof enc, (const unsigned char *)raw, (size_t)n,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return json_string(enc);
}

/* GET /api/v1/records/{ref}/timeline?limit=&cursor=: newest first; `next` is the
 * cursor for the following page, or null on the last page. */
void handle_api_record_timeline(struct request *req, struct response *resp)
{
	static const char *const strings[] = {"cursor", NULL}, *const ints[] = {"limit", NULL};
	static const struct route_query query = {strings, ints, NULL, 1, TIMELINE_MAX};
	json_t *q = api_query_object(req, resp, &query);
	if (!q)
		return;
	json_int_t limit = json_integer_value(json_object_get(q, "limit"));
	if (limit <= 0)
		limit = TIMELINE_DEFAULT;
	char after[CURSOR_MAX] = "";
	const char *cursor = json_string_value(json_object_get(q, "cursor"));
	int bad = cursor && cursor_decode(cursor, after, sizeof after) < 0;
	json_decref(q);
	if (bad) {
		problem_respond(resp, PROBLEM_MALFORMED, "The cursor is not one this server gave.");
		return;
	}
	const struct actor *who;
	struct db *db = api_open(req, resp, &who);
	if (!db)
		return;
	struct app_err err;
	app_err_clear(&err);
	json_t *out = NULL;
	int rc = app_record_chronology(db, who, request_param(req, "ref"), NULL, &out, &err);
	if (rc != APP_OK) {
		api_answer(req, resp, rc, &err, out, 200);
		return;
	}
	json_t *all = json_object_get(out, "entries");
	size_t n = json_array_size(all), start = 0;
	if (after[0]) {
		for (start = 0; start < n; start++) {
			const char *id = json_string_value(
			        json_object_get(json_array_get(all, start), "id"));
			if (id && strcmp(id, after) == 0)
				break;
		}
		if (start == n) {
			json_decref(out);
			problem_respond(resp, PROBLEM_MALFORMED,
			                "The cursor does not belong to this record.");
			return;
		}
		start++;
	}
	json_t *page = json_array();
	for (size_t i = start; i < n && json_array_size(page) < (size_t)limit; i++)
		json_array_append(page, json_array_get(all, i));
	size_t end = start + json_array_size(page);
	json_t *next = json_null();
	if (end < n && end > 0) {
		json_decref(next);
		next = cursor_encode(
		        json_string_value(json_object_get(json_array_get(all, end - 1), "id")));
	}
	json_object_set_new(out, "entries", page);
	json_object_set_new(out, "next", next);
	json_object_set_new(out, "total", json_integer((json_int_t)n));
	page_json(resp, 200, out);
}
