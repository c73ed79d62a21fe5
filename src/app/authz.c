/* authz.c: per-record access rules (see authz.h). */
#include "app/authz.h"

#include "store/children.h"

int authz_child_view(struct db *db, const struct actor *who, const char *child_id,
                     struct app_err *err)
{
	if (who->system || actor_has(who, ROLES_PARTNERSHIP_WIDE))
		return APP_OK;
	if (!actor_has(who, ROLES_PRACTITIONER))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	bool involved = false;
	int rc = store_child_involved(db, child_id, who->agency_id, &involved);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	if (involved)
		return APP_OK;
	bool mine = false;
	rc = store_child_is_social_worker(db, child_id, who->user_id, &mine);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	return mine ? APP_OK : app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
}
