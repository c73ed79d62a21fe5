/* handlers/pages_common.c: helpers every page handler shares (see pages.h). */
#include <stdarg.h>

#include "app/database.h"
#include "util/ltime.h"
#include "util/pool.h"
#include "web/handlers/pages.h"
#include "web/once.h"
#include "web/session.h"
#include "web/usecase.h"
#include "web/webapp.h"

void pages_form(struct request *req, struct response *resp, int status, const struct form_page *fp,
                const struct field_errors *errs)
{
	json_t *d = json_object();
	json_object_set_new(d, "heading", json_string(fp->heading));
	if (fp->caption)
		json_object_set_new(d, "caption", json_string(fp->caption));
	if (fp->intro)
		json_object_set_new(d, "intro", json_string(fp->intro));
	if (fp->warning)
		json_object_set_new(d, "warning", json_string(fp->warning));
	if (fp->back_href)
		json_object_set_new(d, "back",
		                    json_pack("{s:s, s:s}", "href", fp->back_href, "text",
		                              fp->back_text ? fp->back_text : "Back"));
	if (fp->link_href)
		json_object_set_new(d, "link",
		                    json_pack("{s:s, s:s}", "href", fp->link_href, "text",
		                              fp->link_text ? fp->link_text : fp->link_href));
	json_object_set_new(d, "action", json_string(fp->action));
	json_object_set_new(d, "submit", json_string(fp->submit ? fp->submit : "Save"));
	if (json_array_size(fp->facts)) {
		json_object_set(d, "facts", fp->facts);
		json_object_set_new(d, "has_facts", json_true());
	}
	/* each error in words that name its field */
	struct field_errors worded;
	fielderr_init(&worded);
	for (size_t i = 0; errs && i < errs->n; i++) {
		const struct field_error *e = &errs->items[i];
		worded.items[worded.n++] = (struct field_error){
		        e->field,
		        formspec_error_words(formspec_spec_for(fp->specs, fp->n, e->field),
		                             e->field, e->message, req->pool)};
	}
	if (errs)
		worded.dropped = errs->dropped;
	errs = errs ? &worded : NULL;
	json_object_set_new(d, "fields",
	                    formspec_fields(fp->specs, fp->n,
	                                    req->method == HTTP_POST ? req->form : NULL, fp->values,
	                                    errs));
	/* a one-time token: the form sent twice saves once (web/once.h) */
	const char *once = once_issue(req, fp->saved ? pages_fmt(req, "%s saved", fp->saved)
	                                             : pages_fmt(req, "Saved: %s", fp->title));
	if (once)
		json_object_set_new(d, "form_token", json_string(once));
	page_add_errors(d, errs);
	page_render(req, resp, status, "form_page.html", fp->title, d);
	json_decref(d);
}

void pages_app_errors(struct request *req, const struct app_err *err, const struct fs_field *specs,
                      size_t n, struct field_errors *errs)
{
	struct field_errors raw;
	fielderr_init(&raw);
	web_form_errors(req, err, &raw);
	for (size_t i = 0; i < raw.n; i++) {
		const char *target = formspec_error_target(specs, n, raw.items[i].field);
		const char *msg =
		        formspec_error_words(formspec_spec_for(specs, n, raw.items[i].field),
		                             raw.items[i].field, raw.items[i].message, req->pool);
		pages_add_error(errs, target, msg);
	}
}

void pages_add_error(struct field_errors *errs, const char *field, const char *message)
{
	/* the same message twice says nothing more */
	for (size_t i = 0; i < errs->n; i++)
		if (strcmp(errs->items[i].field, field) == 0 &&
		    strcmp(errs->items[i].message, message) == 0)
			return;
	/* one message per field is kept by fielderr_add; a second message for the same
	 * field still belongs in the summary, so it goes to a fresh slot */
	if (fielderr_get(errs, field) && errs->n < FIELDERR_MAX)
		errs->items[errs->n++] = (struct field_error){field, message};
	else
		fielderr_add(errs, field, message);
}

void pages_check_rest(struct request *req, app_uc *uc, const char *id, json_t *in,
                      const struct fs_field *specs, size_t n, struct field_errors *errs)
{
	struct web_app *app = req->app;
	struct db *db = app && app->dbs ? app_database_pool_get(app->dbs) : NULL;
	if (!db || !req->session)
		return;
	struct actor who = req->session->actor;
	who.check_only = true; /* nothing is kept, even when the rest is right */
	struct app_err err;
	app_err_clear(&err);
	json_t *out = NULL;
	if (uc(db, &who, id, in, &out, &err) != APP_OK &&
	    (err.code == APP_INVALID || err.code == APP_CONFLICT)) {
		struct field_errors more;
		fielderr_init(&more);
		pages_app_errors(req, &err, specs, n, &more);
		/* a field the page could not read already says so: the use case only
		 * missed it */
		for (size_t i = 0; i < more.n; i++)
			if (!fielderr_get(errs, more.items[i].field) ||
			    strcmp(more.items[i].field, "summary") == 0)
				pages_add_error(errs, more.items[i].field, more.items[i].message);
	}
	json_decref(out);
}

const struct form *pages_posted(struct request *req, struct response *resp)
{
	if (!req->form)
		page_error(req, resp, 400);
	return req->form;
}

json_t *pages_posted_json(struct request *req, struct response *resp, const struct fs_field *specs,
                          size_t n, struct field_errors *errs)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return NULL;
	fielderr_init(errs);
	json_t *in = formspec_to_json(specs, n, f, errs);
	if (!in)
		page_error(req, resp, 500);
	return in;
}

void pages_restricted(struct request *req, struct response *resp, const char *ref,
                      const struct field_errors *errs)
{
	json_t *d = json_pack("{s:s}", "ref", ref ? ref : "");
	page_add_errors(d, errs);
	page_render(req, resp, errs && errs->n ? 422 : 403, "restricted.html",
	            "This record is restricted", d);
	json_decref(d);
}

json_t *pages_load(struct request *req, struct response *resp, app_uc *uc, const char *id)
{
	struct db *db = web_db(req, resp);
	if (!db)
		return NULL;
	struct app_err err;
	app_err_clear(&err);
	json_t *v = NULL;
	if (uc(db, web_actor(req), id, NULL, &v, &err) != APP_OK) {
		json_decref(v);
		pages_error(req, resp, &err);
		return NULL;
	}
	return v;
}

void pages_error(struct request *req, struct response *resp, const struct app_err *err)
{
	/* R-INFO-3: a restricted record asks for the reason instead of a bare refusal */
	const char *ref = request_param(req, "ref");
	if (err->code == APP_FORBIDDEN && err->rule && strcmp(err->rule, "R-INFO-3") == 0 && ref &&
	    req->session && !req->session->bearer) {
		pages_restricted(req, resp, ref, NULL);
		return;
	}
	int status = web_app_status(err);
	page_error(req, resp, status == 422 || status == 409 ? 400 : status);
}

void pages_fail(struct request *req, struct response *resp, const struct app_err *err,
                const struct form_page *fp)
{
	if (err->code == APP_INVALID || err->code == APP_CONFLICT) {
		struct field_errors errs;
		fielderr_init(&errs);
		pages_app_errors(req, err, fp->specs, fp->n, &errs);
		pages_form(req, resp, web_app_status(err), fp, &errs);
		return;
	}
	pages_error(req, resp, err);
}

const char *pages_when(struct request *req, const char *utc)
{
	int64_t t;
	if (!utc || ltime_parse(utc, &t) < 0)
		return "";
	char s[48];
	ltime_london_format(t, s, sizeof s);
	return pool_strdup(req->pool, s);
}

const char *pages_date(struct request *req, const char *date)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct lt_date d;
	if (!date || ltime_parse_date(date, &d) < 0)
		return "Not known";
	return pool_printf(req->pool, "%d %s %d", d.d, months[d.m - 1], d.y);
}

static void add_when_one(struct request *req, json_t *o, const char *const *keys)
{
	if (!json_is_object(o))
		return;
	for (size_t i = 0; keys[i]; i++) {
		json_t *v = json_object_get(o, keys[i]);
		if (!json_is_string(v))
			continue;
		char k[80];
		snprintf(k, sizeof k, "%s_when", keys[i]);
		json_object_set_new(o, k, json_string(pages_when(req, json_string_value(v))));
	}
}

void pages_add_when(struct request *req, json_t *o, const char *const *keys)
{
	if (json_is_array(o)) {
		size_t i;
		json_t *x;
		json_array_foreach(o, i, x) add_when_one(req, x, keys);
	} else {
		add_when_one(req, o, keys);
	}
}

const char *pages_label(enum ref_table t, const char *code)
{
	const struct ref_item *it = code ? ref_lookup(t, code) : NULL;
	return it ? it->label : (code ? code : "");
}

const char *pages_fmt(struct request *req, const char *fmt, ...)
{
	char s[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	return pool_strdup(req->pool, s);
}

void pages_redirect(struct request *req, struct response *resp, const char *fmt, ...)
{
	char s[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	if (response_redirect(resp, pool_strdup(req->pool, s)) < 0)
		page_error(req, resp, 500);
}

enum pages_post_rc pages_post(struct request *req, struct response *resp, app_uc *fn,
                              const char *id, json_t *in, const struct fs_field *specs, size_t n,
                              struct field_errors *errs, struct app_err *err, json_t **out)
{
	*out = NULL;
	app_err_clear(err);
	if (errs->n) { /* all of the form's errors at once */
		pages_check_rest(req, fn, id, in, specs, n, errs);
		json_decref(in);
		return PAGES_POST_REFUSED;
	}
	bool answered;
	int rc = pages_run_uc(req, resp, fn, id, in, out, err, &answered);
	if (answered)
		return PAGES_POST_ANSWERED;
	if (rc == APP_OK)
		return PAGES_POST_SAVED;
	json_decref(*out);
	*out = NULL;
	if (rc == APP_INVALID || rc == APP_CONFLICT)
		return PAGES_POST_REFUSED;
	pages_error(req, resp, err);
	return PAGES_POST_ANSWERED;
}

const char *pages_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

int pages_run_uc(struct request *req, struct response *resp, app_uc *fn, const char *id, json_t *in,
                 json_t **out, struct app_err *err, bool *answered)
{
	*answered = false;
	*out = NULL;
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		*answered = true;
		return APP_FAILED;
	}
	int rc = fn(db, web_actor(req), id, in, out, err);
	json_decref(in);
	return rc;
}
