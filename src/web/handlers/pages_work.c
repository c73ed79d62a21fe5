/*
 * handlers/pages_work.c: the missing-now board (GET /missing-now: every child missing
 * now that the user sees, highest risk and longest missing first, with time missing,
 * risk, where last seen and a link to the episode; R-MISS-5) and one list of "My work"
 * a page at a time (GET /work/{key}?page=N), 25 to a page with a link to the next.
 */
#include "app/episodes.h"
#include "app/record_view.h"
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

void pages_episodes_more(struct request *req, json_t *eps, const char *ref)
{
	json_int_t ne = json_integer_value(json_object_get(eps, "episodes_count"));
	json_int_t nc = json_integer_value(json_object_get(eps, "co_missing_count"));
	if (ne > RECORD_PAGE_LIST)
		json_object_set_new(eps, "episodes_more",
		                    json_pack("{s:I, s:s}", "count", ne, "href",
		                              pages_fmt(req, "/records/%s/list/episodes", ref)));
	if (nc > RECORD_PAGE_LIST)
		json_object_set_new(
		        eps, "co_missing_more",
		        json_pack("{s:I, s:s}", "count", nc, "href",
		                  pages_fmt(req, "/records/%s/list/missing-together", ref)));
}

/* Keeps page `page` (of RECORD_PAGE_LIST) of array `a`; returns how many there were. */
static size_t keep_page(json_t *a, json_int_t page)
{
	size_t n = json_array_size(a), from = (size_t)(page - 1) * RECORD_PAGE_LIST;
	json_t *slice = json_array();
	for (size_t k = from; k < n && k < from + RECORD_PAGE_LIST; k++)
		json_array_append(slice, json_array_get(a, k));
	json_array_clear(a);
	json_array_extend(a, slice);
	json_decref(slice);
	return n;
}

void handle_page_record_list(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	const char *what = request_param(req, "what");
	json_int_t page = page_of(req, 100000);
	bool chron = strcmp(what, "chronology") == 0, refs = strcmp(what, "referrals") == 0;
	bool eps = strcmp(what, "episodes") == 0, co = strcmp(what, "missing-together") == 0;
	if (!chron && !refs && !eps && !co) {
		struct app_err err = {0};
		app_fail(&err, APP_NOT_FOUND, NULL, "No such list.");
		pages_error(req, resp, &err);
		return;
	}
	json_t *r = pages_load(req, resp, app_record_get, ref);
	if (!r)
		return;
	json_t *d = json_pack("{s:s, s:O, s:I}", "reference", ref, "child",
	                      json_object_get(r, "child"), "page", page);
	json_t *child = json_object_get(r, "child");
	const char *name = pages_fmt(req, "%s %s", pages_str(child, "given_names"),
	                             pages_str(child, "family_name"));
	json_object_set_new(d, "name", json_string(name));
	size_t count = 0;
	const char *title = "";
	if (chron || refs) {
		json_t *a = json_object_get(r, chron ? "chronology" : "referrals");
		count = keep_page(a, page);
		if (chron)
			pages_decorate_chronology(req, ref, a);
		else {
			static const char *const when[] = {"submitted_at", NULL};
			pages_add_when(req, a, when);
		}
		json_object_set(d, chron ? "chronology" : "referrals", a);
		title = chron ? "Chronology" : "Referrals";
	} else {
		json_t *in = json_pack("{s:i, s:I}", "limit", RECORD_PAGE_LIST, "page", page);
		json_t *v = NULL;
		struct app_err err = {0};
		struct db *db = web_db(req, resp);
		int rc = db ? app_child_episodes(db, web_actor(req), pages_str(r, "child_id"), in,
		                                 &v, &err)
		            : APP_FAILED;
		json_decref(in);
		if (!db || rc != APP_OK) {
			if (db)
				pages_error(req, resp, &err);
			json_decref(d);
			json_decref(r);
			return;
		}
		pages_decorate_episodes(req, v);
		count = (size_t)json_integer_value(
		        json_object_get(v, eps ? "episodes_count" : "co_missing_count"));
		/* this list only */
		json_object_set_new(v, eps ? "has_co_missing" : "has_episodes", json_false());
		json_object_set_new(d, "eps", v);
		title = eps ? "Missing and absent episodes" : "Children missing together";
	}
	json_int_t pages = ((json_int_t)count + RECORD_PAGE_LIST - 1) / RECORD_PAGE_LIST;
	if (page < pages)
		json_object_set_new(d, "next_href",
		                    json_string(pages_fmt(req, "/records/%s/list/%s?page=%lld", ref,
		                                          what, (long long)page + 1)));
	if (page > 1)
		json_object_set_new(d, "prev_href",
		                    json_string(pages_fmt(req, "/records/%s/list/%s?page=%lld", ref,
		                                          what, (long long)page - 1)));
	json_object_set_new(d, "title", json_string(title));
	json_object_set_new(d, "pages", json_integer(pages < 1 ? 1 : pages));
	json_object_set_new(d, "count", json_integer((json_int_t)count));
	json_object_set_new(d, "is_referrals", json_boolean(refs));
	page_render(req, resp, 200, "record_list.html",
	            pages_fmt(req, "%s: %s, page %lld", name, title, (long long)page), d);
	json_decref(d);
	json_decref(r);
}
