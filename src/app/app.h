/*
 * app.h: what every use case shares. A use case is one function per thing a user does;
 * it opens one transaction and, inside it: authorises the actor, applies the protocol
 * (src/protocol/), writes through src/store/, and writes the audit event. It returns a
 * view as a jansson object that the web layer renders as JSON or HTML and the CLI
 * prints. Nothing here knows about HTTP.
 */
#ifndef LANTERN_APP_H
#define LANTERN_APP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "protocol/reference.h"
#include "util/id.h"

/* The database connection (store/db.h), opaque here: the web and command-line layers
 * pass it along and never call the store themselves (app/database.h opens it). */
struct db;

/* Roles (DESIGN.md security model) are enum proto_role in protocol/reference.h; an
 * actor holds a bit set of them, ROLE_BIT(ROLE_X). */
#define ROLES_POLICE (ROLE_BIT(ROLE_POLICE_OFFICER) | ROLE_BIT(ROLE_POLICE_SUPERVISOR))

/* Role code <-> bit; 0 / NULL when unknown. */
unsigned role_from_code(const char *code);
const char *role_code(unsigned bit);
const char *role_label(unsigned bit);

/* Who is acting. The CLI acts as `system` (an operator at the server) unless told to act
 * as a named user; the web always acts as the signed-in user. */
struct actor {
	char user_id[ID_MAX];
	char username[64];
	char display_name[128];
	char agency_id[ID_MAX];
	char agency_type[32];
	char borough_id[ID_MAX];
	char team[64];
	unsigned roles;
	bool system;
	int64_t now;       /* the use case's clock; 0 means the real time */
	char purpose[256]; /* why the user is doing this, when given (break-glass reason,
	                      export purpose); recorded in the audit event */
	bool check_only;   /* validate only: a use case that would succeed rolls back
	                      instead of committing (uc_end, uc_commit), so that a page can
	                      show all of a form's errors at once; set by the pages, never
	                      from input */
	/* when set, view events go out without waiting and the answer waits for them all at
	 * once (app_views_new) */
	struct app_views *views;
};

/*
 * Result codes of use cases: one space of their own, apart from the store's DB_* codes
 * (store/db.h: -9 to 2), so that a store code that leaks out of a use case is never
 * read as an answer (uc_end and uc_abort map any store code they are given; asserted in
 * debug builds). What each code answers over HTTP is the table in web/usecase.c; the
 * exit code of the command line, the table in cli/common.c (tests/unit/test_app_rc.c
 * checks that both have a row for every code).
 */
enum app_rc {
	APP_OK = 0,
	APP_INVALID = 1000, /* the input is wrong, or a protocol rule refuses it */
	APP_NOT_FOUND,      /* no such thing, or not visible to this actor */
	APP_FORBIDDEN,      /* the actor may not do this */
	APP_CONFLICT,       /* it clashes with what exists */
	APP_FAILED,         /* the system failed; nothing was saved */
	APP_BUSY,           /* the database was busy; nothing was saved, try again */
	APP_LIMITED,        /* too many requests; wait and try again */
	APP_RC_END          /* one past the last code */
};
#define APP_RC_FIRST APP_INVALID /* the first code after APP_OK */

/* Whether rc is one of the codes above (APP_RC_END is not). */
bool app_rc_valid(int rc);
/* The name of code rc ("APP_BUSY"), or NULL when rc is not one. */
const char *app_rc_name(int rc);

#define APP_MAX_FIELD_ERRORS 12

struct app_err {
	enum app_rc code;
	const char *rule;  /* protocol rule ID behind a refusal, or NULL */
	char message[320]; /* summary for the user; never echoes secrets */
	int nfields;
	struct {
		char field[48];
		char message[200];
	} fields[APP_MAX_FIELD_ERRORS];
};

/*
 * The one shape of a use case, so that the API's route table (web/routes.c) and the
 * command table (main.c, cli/) can call any of them:
 *
 *   int app_THING_VERB(struct db *db, const struct actor *who, const char *id,
 *                      json_t *in, json_t **out, struct app_err *err);
 *
 * - id: the object the path names (a child or episode id, a record reference, a
 *   username), or NULL for a use case that names none (it is then ignored);
 * - in: the JSON input, or NULL for a use case that takes none (then ignored). The
 *   caller keeps its reference: a use case never takes or frees `in`, and may keep
 *   pointers into it only until it returns;
 * - out: always set: a new reference to the view on APP_OK (the caller releases it),
 *   NULL on an error, except where a use case says it answers details with the error
 *   ({"candidates": [...]} of a refused child, R-REC-1); the caller releases those too;
 * - err: cleared first (app_err_clear), then the error and its code.
 * Returns APP_OK or the error's code (also err->code). The return type is int rather
 * than enum app_rc so that a use case and the callers that keep codes in ints stay one
 * function type (an enum's underlying type is the compiler's choice, so int and enum
 * functions are not interchangeable); the typed code is err->code.
 *
 * Use cases of another shape, each for a reason:
 * - app_export_ssda903, app_export_annex_a (exports.h), app_profile_print
 *   (profile.h): their result is text (CSV, a print view), not a JSON view;
 * - app_record_view, app_record_view_async (record_view.h): the view is shared
 *   serialised text from the view cache, and the async one answers through a callback
 *   once its audit event is written;
 * - app_episodes_escalate_due (episodes.h): the scheduler's pass, always as the system,
 *   with the managed timeframe as a number;
 * - app_demo_generate (demo/demo.h): generator options, no actor;
 * - app_session_sign_in, app_session_sign_out, app_session_find, app_session_grant,
 *   app_api_token_find, app_api_token_create (session.h): the web layer holds the
 *   token, its hash and the session policy, which are no JSON input;
 * - app/database.h, and app/system.h but for app_borough_list: opening and migrating
 *   the database, verifying and checkpointing the audit log, the view log: operator
 *   tools on the database itself, with no actor.
 */
typedef int app_uc(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/* Empties err (code APP_OK, no rule, message or field errors). Every public use case
 * clears its err first, so a struct app_err reused from an earlier call, failed or
 * not, never makes the next call fail. NULL is ignored. */
void app_err_clear(struct app_err *err);
/* Sets err and returns code. */
int app_fail(struct app_err *err, enum app_rc code, const char *rule, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* Adds a field error (kept up to APP_MAX_FIELD_ERRORS) and sets code APP_INVALID. */
void app_field_error(struct app_err *err, const char *field, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Maps a DB_E_* code to an app error (logging the engine's message): APP_BUSY for
 * DB_E_BUSY, else APP_FAILED. Returns the code. */
int app_db_fail(struct app_err *err, struct db *db, int rc);

int64_t app_now(const struct actor *a);
/* The purpose recorded with the actor's audit events: the given purpose, else
 * "command line" for the system operator, else NULL. */
const char *actor_purpose(const struct actor *a);
/* Appends an audit event for the actor (inside the caller's transaction). Returns a
 * DB code. */
int app_audit(struct db *db, const struct actor *who, const char *action, const char *type,
              const char *id, const char *record_ref, const char *fields);
/* As app_audit, for an action that writes nothing itself (a view): the event commits
 * on its own (audit_append_shared: in the view log where the process keeps one) before
 * this returns; or, when who->views is set and the view log takes the event, later,
 * and the answer waits for it (app_views_new). No transaction may be open on db. */
int app_audit_shared(struct db *db, const struct actor *who, const char *action, const char *type,
                     const char *id, const char *record_ref, const char *fields);
/* As app_audit_shared, without waiting, where the process keeps a view log
 * (audit/viewlog.h): returns DB_OK and done(ctx, rc) is called later, on another
 * thread, once the event committed (DB_OK) or failed. Returns DB_E_MISUSE when the
 * event cannot be handed over (done is never called): use app_audit_shared. */
int app_audit_submit(struct db *db, const struct actor *who, const char *action, const char *type,
                     const char *id, const char *record_ref, const char *fields,
                     void (*done)(void *ctx, int rc), void *ctx);

/*
 * Views answered together. A page that shows several audited reads (the record page:
 * the record, the child's episodes, tactical options, the network) would wait for each
 * read's event to commit on its own, on the thread serving it. While an actor carries
 * an app_views (actor.views), app_audit_shared hands each event to the view log without
 * waiting (where the process keeps one; else it waits as usual), and the caller, once
 * it has prepared its answer, seals the set: done(ctx, rc) is then called exactly once,
 * on another thread or before app_views_seal returns, when every event handed over has
 * committed (rc 0) or one of them failed (rc its DB_E_* code). The answer must not go
 * out before that, and not at all unless rc is 0: nothing is shown that was not logged.
 */
struct app_views;
/* A new set calling done(ctx, rc) once sealed and settled; NULL when out of memory (the
 * caller then leaves actor.views NULL, and every event is waited for as before). */
struct app_views *app_views_new(void (*done)(void *ctx, int rc), void *ctx);
/* No more events go into v. Returns true when some were handed over (done will be
 * called, maybe already has been), false when none were (done is never called). v is
 * freed either way, by whichever of this and the last event's commit comes last. */
bool app_views_seal(struct app_views *v);

bool actor_has(const struct actor *a, unsigned roles_any);
/* The actor the command line uses: a system operator with administrator rights. */
void actor_system(struct actor *a);
/* Loads a user (active only) into an actor. APP_NOT_FOUND if unknown or disabled. */
int actor_load(struct db *db, const char *username, struct actor *a, struct app_err *err);

/* Typed field access for JSON input, with errors recorded in err. `max` caps the length
 * in characters; text must be valid UTF-8 without control characters (newlines allowed
 * where `multiline`). Missing optional fields give NULL. */
const char *app_json_str(json_t *in, const char *key, bool required, size_t max, bool multiline,
                         struct app_err *err);
int app_json_date(json_t *in, const char *key, bool required, struct app_err *err, char out[11],
                  bool *present);
int app_json_bool(json_t *in, const char *key, bool dflt, struct app_err *err);
/* Refuses keys in `in` that are not in the NULL-terminated `allowed`. */
void app_json_only(json_t *in, const char *const *allowed, struct app_err *err);

#endif
