/* once.c: one-time tokens of page forms (see once.h). */
#include "web/once.h"

#include <time.h>

#include "app/database.h"
#include "app/form_tokens.h"
#include "util/log.h"
#include "util/pool.h"
#include "web/form.h"
#include "web/page.h"
#include "web/session.h"
#include "web/webapp.h"

/* The request's database connection, or NULL. */
static struct db *db_of(struct request *req)
{
	struct web_app *app = req->app;
	return app && app->dbs ? app_database_pool_get(app->dbs) : NULL;
}

static bool page_user(const struct request *req)
{
	return req->session && !req->session->bearer && req->session->actor.user_id[0];
}

const char *once_issue(struct request *req, const char *what)
{
	struct db *db = page_user(req) ? db_of(req) : NULL;
	if (!db)
		return NULL;
	char t[SESSION_TOKEN_LEN + 1];
	if (session_token_new(t) < 0)
		return NULL;
	struct app_err err;
	if (app_form_token_issue(db, &req->session->actor, t, what, &err) != APP_OK) {
		log_warn("form token not issued: %s", err.message);
		return NULL;
	}
	return pool_strdup(req->pool, t);
}

bool once_before(struct request *req, struct response *resp)
{
	const char *t = req->form ? form_get(req->form, ONCE_FIELD) : NULL;
	if (!t || !*t || !page_user(req))
		return false;
	struct db *db = db_of(req);
	if (!db)
		return false;
	struct app_err err;
	enum app_form_claim claim = APP_FORM_UNKNOWN;
	char result[APP_FORM_RESULT_MAX + 1];
	/* a POST of the same form still being saved (a double click) is waited for */
	for (int i = 0; i < 50; i++) {
		if (app_form_token_claim(db, &req->session->actor, t, &claim, result, &err) !=
		    APP_OK)
			return false; /* the store failed: the handler answers as it can */
		if (claim != APP_FORM_WORKING)
			break;
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	switch (claim) {
	case APP_FORM_CLAIMED:
		req->once_token = pool_strdup(req->pool, t);
		return false;
	case APP_FORM_DONE:
		/* sent before and saved: where the first went, nothing made again */
		if (response_redirect(resp, result) < 0)
			page_error(req, resp, 409);
		return true;
	case APP_FORM_WORKING:
		page_error(req, resp, 409);
		return true;
	case APP_FORM_UNKNOWN:
		return false;
	}
	return false;
}

void once_after(struct request *req, struct response *resp)
{
	if (!req->once_token)
		return;
	struct db *db = db_of(req);
	if (!db)
		return;
	struct app_err err;
	const char *loc = response_get_header(resp, "Location");
	if (resp->status == 303 && loc && loc[0] == '/' && loc[1] != '/') {
		if (app_form_token_finish(db, &req->session->actor, req->once_token, loc, &err) !=
		    APP_OK)
			log_warn("form token not finished");
	} else if (app_form_token_release(db, &req->session->actor, req->once_token, &err) !=
	           APP_OK) {
		log_warn("form token not released");
	}
}

const char *once_banner(struct request *req)
{
	struct db *db = page_user(req) && req->path ? db_of(req) : NULL;
	if (!db)
		return NULL;
	char what[APP_FORM_WHAT_MAX + 1];
	struct app_err err;
	if (app_form_token_banner(db, &req->session->actor, req->path, what, &err) != APP_OK ||
	    !what[0])
		return NULL;
	return pool_strdup(req->pool, what);
}
