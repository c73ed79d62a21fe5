/*
 * filing.c: the child a practitioner files about, as the filer may know them (see
 * filing.h).
 */
#include "app/filing.h"

#include "app/children.h"
#include "app/gate.h"
#include "app/may.h"
#include "app/uc.h"
#include "store/children.h"

int app_child_to_file(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!app_may_file(who))
		return app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                "Your role does not file referrals or missing reports.");
	if (!id || !id_valid(id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	if (uc_begin(&u) != APP_OK)
		return err->code;
	bool sees = false;
	int rc = access_sees_child(&u, id, &sees);
	if (rc != APP_OK)
		return uc_end(&u, rc, out);
	if (sees) {              /* the whole child, through the child's own use case */
		db_rollback(db); /* nothing written: the child's use case reads and audits */
		rc = app_child_get(db, who, id, in, out, err);
		if (rc == APP_OK)
			json_object_set_new(*out, "visible", json_true());
		return rc;
	}
	int src;
	json_t *c = store_child_get(db, id, &src);
	if (!c)
		return uc_end(&u,
		              src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                             : uc_db(&u, src),
		              out);
	/* R-INFO-3: what is needed to file about the right child, nothing more */
	*out = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?, s:b}", "id", id, "given_names",
	                 json_object_get(c, "given_names"), "family_name",
	                 json_object_get(c, "family_name"), "date_of_birth",
	                 json_object_get(c, "date_of_birth"), "gender",
	                 json_object_get(c, "gender"), "visible", 0);
	json_decref(c);
	return uc_end(&u, uc_db(&u, uc_audit(&u, "view", "child", id, NULL, "to file")), out);
}
