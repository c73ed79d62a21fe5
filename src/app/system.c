/* system.c: the operator's tools' access to the audit log, the view log and the
 * borough list (see system.h). */
#include "app/system.h"

#include "audit/audit.h"
#include "audit/checkpoint.h"
#include "audit/viewlog.h"
#include "store/users.h"

_Static_assert(APP_AUDIT_PK_HEX == AUDIT_PK_HEX, "checkpoint public key size");
_Static_assert(APP_AUDIT_SK_HEX == AUDIT_SK_HEX, "checkpoint secret key size");
_Static_assert(APP_AUDIT_CHECKPOINT_LINE == AUDIT_CHECKPOINT_LINE, "checkpoint line size");

int app_audit_verify(struct db *db, struct app_audit_check *r)
{
	struct audit_verify_result v;
	memset(&v, 0, sizeof v);
	int rc = audit_verify(db, &v);
	r->events = v.events;
	r->first_bad = v.first_bad;
	snprintf(r->problem, sizeof r->problem, "%s", v.problem);
	return rc;
}

int app_audit_keygen(char pk_hex[APP_AUDIT_PK_HEX], char sk_hex[APP_AUDIT_SK_HEX])
{
	return audit_keygen(pk_hex, sk_hex);
}

int app_audit_checkpoint_make(struct db *db, const char *sk_hex, int64_t now, char *line, size_t n)
{
	return audit_checkpoint_make(db, sk_hex, now, line, n);
}

int app_audit_checkpoint_check(struct db *db, const char *pk_hex, const char *line, char *problem,
                               size_t n)
{
	return audit_checkpoint_check(db, pk_hex, line, problem, n);
}

int app_viewlog_fold(struct db *db, long *moved, struct app_err *err)
{
	app_err_clear(err);
	int rc = viewlog_fold(db, moved);
	return rc == DB_OK ? APP_OK : app_fail(err, APP_FAILED, NULL, "%s", db_errmsg(db));
}

int app_viewlog_attach(struct db *db, struct app_err *err)
{
	char msg[512];
	app_err_clear(err);
	if (viewlog_attach(db, msg, sizeof msg) != DB_OK)
		return app_fail(err, APP_FAILED, NULL, "%s", msg);
	return APP_OK;
}

void app_viewlog_detach(void)
{
	viewlog_detach();
}

int app_borough_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	app_err_clear(err);
	*out = store_boroughs_list(db);
	return *out ? APP_OK : app_db_fail(err, db, DB_E_ERROR);
}
