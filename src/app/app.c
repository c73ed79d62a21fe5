/* app.c: roles, actors, errors and input helpers shared by the use cases. */
#include "app/app.h"

#include <pthread.h>

#include "audit/audit.h"
#include "audit/viewlog.h"
#include "store/users.h"
#include "util/log.h"
#include "util/ltime.h"
#include "util/parse.h"

unsigned role_from_code(const char *code)
{
	enum proto_role r;
	return code && ref_role_parse(code, &r) == 0 ? ROLE_BIT(r) : 0;
}

/* The role whose bit is `bit`, or ROLE_COUNT. */
static enum proto_role role_of_bit(unsigned bit)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (ROLE_BIT(r) == bit)
			return (enum proto_role)r;
	return ROLE_COUNT;
}

const char *role_code(unsigned bit)
{
	enum proto_role r = role_of_bit(bit);
	return r == ROLE_COUNT ? NULL : ref_role_code(r);
}

const char *role_label(unsigned bit)
{
	const char *code = role_code(bit);
	const struct ref_item *it = code ? ref_lookup(REF_ROLES, code) : NULL;
	return it ? it->label : NULL;
}

bool app_rc_valid(int rc)
{
	return rc == APP_OK || (rc >= APP_RC_FIRST && rc < APP_RC_END);
}

const char *app_rc_name(int rc)
{
	static const char *const names[] = {
	        [APP_INVALID - APP_RC_FIRST] = "APP_INVALID",
	        [APP_NOT_FOUND - APP_RC_FIRST] = "APP_NOT_FOUND",
	        [APP_FORBIDDEN - APP_RC_FIRST] = "APP_FORBIDDEN",
	        [APP_CONFLICT - APP_RC_FIRST] = "APP_CONFLICT",
	        [APP_FAILED - APP_RC_FIRST] = "APP_FAILED",
	        [APP_BUSY - APP_RC_FIRST] = "APP_BUSY",
	        [APP_LIMITED - APP_RC_FIRST] = "APP_LIMITED",
	};
	_Static_assert(ARRAY_LEN(names) == APP_RC_END - APP_RC_FIRST, "a name for every code");
	if (rc == APP_OK)
		return "APP_OK";
	return app_rc_valid(rc) ? names[rc - APP_RC_FIRST] : NULL;
}

int app_fail(struct app_err *err, enum app_rc code, const char *rule, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	err->rule = rule;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return code;
}

void app_field_error(struct app_err *err, const char *field, const char *fmt, ...)
{
	err->code = APP_INVALID;
	if (!err->message[0])
		snprintf(err->message, sizeof err->message,
		         "There is a problem with the details given.");
	if (err->nfields >= APP_MAX_FIELD_ERRORS)
		return;
	snprintf(err->fields[err->nfields].field, sizeof err->fields[0].field, "%s", field);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->fields[err->nfields].message, sizeof err->fields[0].message, fmt, ap);
	va_end(ap);
	err->nfields++;
}

void app_err_clear(struct app_err *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int app_db_fail(struct app_err *err, struct db *db, int rc)
{
	log_error("database error %d: %s", rc, db_errmsg(db));
	if (rc == DB_E_BUSY)
		return app_fail(err, APP_BUSY, NULL,
		                "The database is busy. Nothing was saved; please try again.");
	return app_fail(
	        err, APP_FAILED, NULL,
	        "Lantern could not complete this because of a database error. Nothing was saved.");
}

int64_t app_now(const struct actor *a)
{
	return a && a->now ? a->now : ltime_now();
}

const char *actor_purpose(const struct actor *a)
{
	if (a->purpose[0])
		return a->purpose;
	return a->system ? "command line" : NULL;
}

/* The audit event of an actor's action, at the actor's clock. */
static struct audit_event actor_event(const struct actor *who, const char *action, const char *type,
                                      const char *id, const char *record_ref, const char *fields)
{
	return (struct audit_event){.user_id = who->user_id[0] ? who->user_id : NULL,
	                            .agency_id = who->agency_id[0] ? who->agency_id : NULL,
	                            .action = action,
	                            .entity_type = type,
	                            .entity_id = id,
	                            .record_ref = record_ref,
	                            .fields = fields,
	                            .purpose = actor_purpose(who),
	                            .at = app_now(who)};
}

int app_audit(struct db *db, const struct actor *who, const char *action, const char *type,
              const char *id, const char *record_ref, const char *fields)
{
	struct audit_event ev = actor_event(who, action, type, id, record_ref, fields);
	return audit_append(db, &ev);
}

int app_audit_submit(struct db *db, const struct actor *who, const char *action, const char *type,
                     const char *id, const char *record_ref, const char *fields,
                     void (*done)(void *ctx, int rc), void *ctx)
{
	struct audit_event ev = actor_event(who, action, type, id, record_ref, fields);
	return viewlog_submit(db, &ev, done, ctx);
}

struct app_views {
	pthread_mutex_t mu;
	int open;      /* events handed over and not yet settled, plus one until sealed */
	int submitted; /* events handed over */
	int rc;        /* the first failure, else DB_OK */
	void (*done)(void *ctx, int rc);
	void *ctx;
};

struct app_views *app_views_new(void (*done)(void *ctx, int rc), void *ctx)
{
	struct app_views *v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	pthread_mutex_init(&v->mu, NULL);
	v->open = 1;
	v->rc = DB_OK;
	v->done = done;
	v->ctx = ctx;
	return v;
}

/* Takes one from v's open count (an event settled with rc, or the seal); the last one
 * calls done (when anything was handed over) and frees v. Returns whether it did. */
static bool views_settle(struct app_views *v, int rc)
{
	pthread_mutex_lock(&v->mu);
	if (rc != DB_OK && v->rc == DB_OK)
		v->rc = rc;
	bool last = --v->open == 0;
	pthread_mutex_unlock(&v->mu);
	if (!last)
		return false;
	if (v->submitted)
		v->done(v->ctx, v->rc);
	pthread_mutex_destroy(&v->mu);
	free(v);
	return true;
}

static void views_event_done(void *ctx, int rc)
{
	views_settle(ctx, rc);
}

bool app_views_seal(struct app_views *v)
{
	pthread_mutex_lock(&v->mu);
	bool any = v->submitted > 0;
	pthread_mutex_unlock(&v->mu);
	views_settle(v, DB_OK);
	return any;
}

/* Hands ev to the view log for v: DB_OK (v waits for it), or the view log's refusal
 * (DB_E_MISUSE: none attached; the caller appends the event itself). */
static int views_submit(struct app_views *v, struct db *db, const struct audit_event *ev)
{
	pthread_mutex_lock(&v->mu);
	v->open++;
	v->submitted++;
	pthread_mutex_unlock(&v->mu);
	int rc = viewlog_submit(db, ev, views_event_done, v);
	if (rc != DB_OK) { /* never handed over: as if not asked (the seal is still due) */
		pthread_mutex_lock(&v->mu);
		v->open--;
		v->submitted--;
		pthread_mutex_unlock(&v->mu);
	}
	return rc;
}

int app_audit_shared(struct db *db, const struct actor *who, const char *action, const char *type,
                     const char *id, const char *record_ref, const char *fields)
{
	struct audit_event ev = actor_event(who, action, type, id, record_ref, fields);
	if (who->views && !db_in_tx(db)) {
		int rc = views_submit(who->views, db, &ev);
		if (rc != DB_E_MISUSE)
			return rc;
	}
	return audit_append_shared(db, &ev);
}

bool actor_has(const struct actor *a, unsigned roles_any)
{
	return (a->roles & roles_any) != 0;
}

void actor_system(struct actor *a)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof a->username, "system");
	snprintf(a->display_name, sizeof a->display_name, "Lantern operator (command line)");
	a->roles = ROLE_BIT(ROLE_ADMINISTRATOR);
	a->system = true;
}

int actor_load(struct db *db, const char *username, struct actor *a, struct app_err *err)
{
	app_err_clear(err);
	memset(a, 0, sizeof(*a));
	struct user_row u;
	char roles_csv[512];
	int rc = store_user_get(db, username, &u);
	if (rc == DB_DONE || (rc == DB_ROW && strcmp(u.status, "active") != 0))
		return app_fail(err, APP_NOT_FOUND, NULL, "No active user with that username.");
	if (rc != DB_ROW)
		return app_db_fail(err, db, rc);
	if ((rc = store_user_roles(db, u.id, roles_csv, sizeof roles_csv)) != DB_OK)
		return app_db_fail(err, db, rc);
	snprintf(a->user_id, sizeof a->user_id, "%s", u.id);
	snprintf(a->username, sizeof a->username, "%s", u.username);
	snprintf(a->display_name, sizeof a->display_name, "%s", u.display_name);
	snprintf(a->agency_id, sizeof a->agency_id, "%s", u.agency_id);
	snprintf(a->agency_type, sizeof a->agency_type, "%s", u.agency_type);
	snprintf(a->borough_id, sizeof a->borough_id, "%s", u.borough_id);
	snprintf(a->team, sizeof a->team, "%s", u.team);
	char *save = NULL;
	for (char *r = strtok_r(roles_csv, ",", &save); r; r = strtok_r(NULL, ",", &save))
		a->roles |= role_from_code(r);
	return APP_OK;
}

const char *app_json_str(json_t *in, const char *key, bool required, size_t max, bool multiline,
                         struct app_err *err)
{
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			app_field_error(err, key, "Enter %s.", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		app_field_error(err, key, "%s must be text.", key);
		return NULL;
	}
	const char *s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || !text_ok(s, max, multiline)) {
		app_field_error(err, key, "%s must be plain text of at most %zu characters%s.", key,
		                max, multiline ? "" : " on one line");
		return NULL;
	}
	return s;
}

int app_json_date(json_t *in, const char *key, bool required, struct app_err *err, char out[11],
                  bool *present)
{
	*present = false;
	out[0] = '\0';
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (required)
			app_field_error(err, key, "Enter %s.", key);
		return required ? -1 : 0;
	}
	struct lt_date d;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v) ||
	    ltime_parse_date(json_string_value(v), &d) < 0) {
		app_field_error(err, key, "%s must be a real date written YYYY-MM-DD.", key);
		return -1;
	}
	ltime_format_date(d, out);
	*present = true;
	return 0;
}

int app_json_bool(json_t *in, const char *key, bool dflt, struct app_err *err)
{
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_boolean(v)) {
		app_field_error(err, key, "%s must be true or false.", key);
		return dflt;
	}
	return json_is_true(v);
}

void app_json_only(json_t *in, const char *const *allowed, struct app_err *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v)
	{
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				ok = true;
		if (!ok)
			/* the key is not echoed: error text never repeats the request */
			app_field_error(err, "(unknown)", "%s",
			                "A field is not one Lantern knows: check the names in "
			                "docs/api.md.");
	}
}
