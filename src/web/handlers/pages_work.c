/*
 * handlers/pages_work.c: the missing-now board (GET /missing-now: every child missing
 * now that the user sees, highest risk and longest missing first, with time missing,
 * risk, where last seen and a link to the episode; R-MISS-5) and one list of "My work"
 * a page at a time (GET /work/{key}?page=N), 25 to a page with a link to the next.
 */
#include "app/work.h"
#include "web/handlers/handlers.h"
#include "web/handlers/mash.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"

static const char *const page_ints[] = {"page", NULL};
const struct route_query web_page_query = {NULL, page_ints, NULL, 1, 10000};

/* ?page=N (1..max; anything else: 1). */
static json_int_t page_of(struct request *req, json_int_t max)
{
	const char *p = request_query(req, "page");
	char *end = NULL;
	long long n = p ? strtoll(p, &end, 10) : 1;
	if (!p || !*p || *end || n < 1)
		n = 1;
	return n > max ? max : n;
}

void handle_page_missing_now(struct request *req, struct response *resp)
{
	json_int_t page = page_of(req, 10000);
	json_t *in = json_pack("{s:I}", "page", page);
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_missing_now(db, web_actor(req), NULL, in, &out, &err);
	json_decref(in);
	if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(out, "items"), i, it)
	{
		pages_missing_item(req, it);
		json_object_set_new(it, "last_seen_when",
		                    json_string(pages_when(req, pages_str(it, "last_seen_at"))));
	}
	json_int_t pages = json_integer_value(json_object_get(out, "pages"));
	json_int_t count = json_integer_value(json_object_get(out, "count"));
	if (page < pages)
		json_object_set_new(
		        out, "next_href",
		        json_string(pages_fmt(req, "/missing-now?page=%lld", (long long)page + 1)));
	if (page > 1)
		json_object_set_new(
		        out, "prev_href",
		        json_string(pages_fmt(req, "/missing-now?page=%lld", (long long)page - 1)));
	json_object_set_new(out, "empty", json_boolean(count == 0));
	json_object_set_new(out, "showing",
	                    json_string(pages_fmt(req, "Showing %lld to %lld of %lld.",
	                                          (long long)(page - 1) * 25 + (count ? 1 : 0),
	                                          (long long)(page - 1) * 25 +
	                                                  (long long)json_array_size(
	                                                          json_object_get(out, "items")),
	                                          (long long)count)));
	page_render(req, resp, 200, "missing_now.html", "Missing now", out);
	json_decref(out);
}

void handle_page_work_section(struct request *req, struct response *resp)
{
	const char *key = request_param(req, "key");
	json_int_t page = page_of(req, WORK_MAX_PAGES);
	json_t *in = json_pack("{s:I}", "page", page);
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_work_queue(db, web_actor(req), key, in, &out, &err);
	json_decref(in);
	if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	json_t *sec = json_object_get(out, "section");
	json_object_set_new(sec, "paged", json_true());
	pages_work_section(req, sec, page);
	if (page > 1)
		json_object_set_new(out, "prev_href",
		                    json_string(pages_fmt(req, "/work/%s?page=%lld", key,
		                                          (long long)page - 1)));
	page_render(req, resp, 200, "work_section.html",
	            pages_fmt(req, "%s, page %lld", pages_str(sec, "title"), (long long)page), out);
	json_decref(out);
}
