/*
 * places.c: places (R-LOC-1) with their hotspot markings and derived counts, and
 * vehicles and phones found or added by their normalised key (see places.h).
 */
#include "app/places.h"

#include "app/concern.h"
#include "link/normalise.h"
#include "store/places.h"
#include "store/users.h"

/* ---- places ---- */

struct place_in {
	const char *type, *name, *address, *postcode_text, *borough, *notes;
	char postcode[LINK_POSTCODE_LEN], outward[LINK_OUTWARD_LEN], name_key[LINK_TEXT_LEN];
	char borough_id[ID_MAX];
	bool restricted, confirm_new;
};

/* Reads and checks a new place (R-LOC-1); the borough is found inside the transaction. */
static int place_read(struct uc *u, json_t *in, struct place_in *p)
{
	struct app_err *err = u->err;
	memset(p, 0, sizeof *p);
	p->type = app_json_str(in, "type", false, 32, false, err);
	p->name = app_json_str(in, "name", false, PEOPLE_PLACE_NAME_MAX, false, err);
	p->address = app_json_str(in, "address", false, PEOPLE_ADDRESS_MAX, false, err);
	p->postcode_text = app_json_str(in, "postcode", false, 10, false, err);
	p->borough = app_json_str(in, "borough", false, 80, false, err);
	p->notes = app_json_str(in, "notes", false, PEOPLE_NOTES_MAX, true, err);
	p->restricted = app_json_bool(in, "restricted", false, err);
	p->confirm_new = app_json_bool(in, "confirm_new", false, err);
	if (p->postcode_text &&
	    link_normalise_postcode(p->postcode_text, p->postcode, p->outward) < 0)
		app_field_error(err, "postcode", "That is not a UK postcode.");
	if (err->code)
		return err->code;
	if (p->name && link_normalise_text(p->name, p->name_key, sizeof p->name_key) < 0)
		p->name_key[0] = '\0';
	struct proto_err pe;
	if (people_place_validate(p->type, p->name, p->address, p->notes, &pe) < 0 ||
	    people_restricted_validate(p->restricted, concern_entitled(u), u->who->system,
	                               "restricted", &pe) < 0)
		return uc_proto_refused(u, &pe);
	return APP_OK;
}

/* Finds the borough named (name, code or id) into p->borough_id. */
static int borough_of(struct uc *u, const char *borough, char id[ID_MAX])
{
	id[0] = '\0';
	if (!borough)
		return APP_OK;
	int rc = store_borough_find(u->db, borough, id);
	if (rc == DB_DONE) {
		app_field_error(u->err, "borough", "There is no such borough in Lantern.");
		return APP_INVALID;
	}
	return uc_db(u, rc);
}

/* The place's view with its counts (after gating). */
static int place_view(struct uc *u, const char *id, json_t **out)
{
	int rc;
	*out = store_place_get(u->db, id, &rc);
	if (!*out)
		return uc_db(u, rc);
	int64_t children = 0, episodes = 0;
	rc = store_place_counts(u->db, id, concern_entitled(u), &children, &episodes);
	if (rc != DB_OK)
		return uc_db(u, rc);
	json_object_set_new(*out, "children", json_integer(children));
	json_object_set_new(*out, "episodes", json_integer(episodes));
	/* R-LOC-1, R-MISS-10: a suggestion for the professional, never a marking */
	json_object_set_new(*out, "hotspot_suggested",
	                    json_boolean(people_hotspot_suggested(children, episodes)));
	return APP_OK;
}

int app_place_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	UNUSED(id);
	static const char *const allowed[] = {"type",       "name",        "address",
	                                      "postcode",   "borough",     "notes",
	                                      "restricted", "confirm_new", NULL};
	struct uc u;
	struct place_in p;
	if (!uc_open_change(&u, db, who, in, out, err, "record places", "place", allowed))
		return err->code;
	int rc = place_read(&u, in, &p);
	if (rc != APP_OK)
		return rc;
	json_t *cands = NULL;
	char pid[ID_MAX];
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = borough_of(&u, p.borough, p.borough_id);
	if (rc == APP_OK && !p.confirm_new && (p.name_key[0] || p.postcode[0])) {
		struct store_concern_viewer cv;
		concern_viewer(&u, &cv);
		int src;
		cands = store_place_candidates(db, &cv, concern_opt(p.name_key),
		                               concern_opt(p.postcode), 10, &src);
		if (!cands)
			rc = uc_db(&u, src);
		else if (json_array_size(cands) > 0)
			rc = app_fail(
			        err, APP_CONFLICT, "R-LOC-1",
			        "This place may already be known to Lantern. Choose an existing "
			        "place, or confirm that this is a new place.");
	}
	if (rc == APP_OK) {
		id_new("plc", pid);
		struct store_place_new row = {.id = pid,
		                              .type = p.type,
		                              .name = p.name,
		                              .name_key = concern_opt(p.name_key),
		                              .address = p.address,
		                              .postcode = concern_opt(p.postcode),
		                              .outward = concern_opt(p.outward),
		                              .borough_id = concern_opt(p.borough_id),
		                              .notes = p.notes,
		                              .restricted = p.restricted,
		                              .agency_id = concern_opt(who->agency_id),
		                              .created_by = uc_user_id(&u),
		                              .at = u.now};
		rc = uc_db(&u, store_place_insert(db, &row));
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "place", pid, NULL, "all"));
	if (rc == APP_OK)
		rc = place_view(&u, pid, out);
	bool conflict = rc == APP_CONFLICT;
	rc = uc_end(&u, rc, out);
	if (conflict) { /* the candidates were shown: a search, audited on its own */
		app_audit_shared(db, who, "search", "place", NULL, NULL, "candidates");
		*out = json_pack("{s:o}", "candidates", cands);
		cands = NULL;
	}
	json_decref(cands);
	return rc;
}

int app_place_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "places");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PLACE, id, NULL);
	if (rc == APP_OK)
		rc = place_view(&u, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "place", id, NULL, "all"));
	return uc_end(&u, rc, out);
}

/* Reads the list's filters; the borough is found inside the transaction. */
static int list_read(struct uc *u, json_t *in, const char **borough, const char **type,
                     bool *hotspots, const char **after, int *limit)
{
	static const char *const allowed[] = {"borough", "type",  "hotspots",
	                                      "limit",   "after", NULL};
	*limit = 50;
	*borough = *type = *after = NULL;
	*hotspots = false;
	if (!in)
		return APP_OK;
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The request must be a JSON object.");
	app_json_only(in, allowed, u->err);
	*borough = app_json_str(in, "borough", false, 80, false, u->err);
	*type = app_json_str(in, "type", false, 32, false, u->err);
	*hotspots = app_json_bool(in, "hotspots", false, u->err);
	*after = app_json_str(in, "after", false, ID_MAX, false, u->err);
	json_t *l = json_object_get(in, "limit");
	if (l && (!json_is_integer(l) || json_integer_value(l) < 1 || json_integer_value(l) > 200))
		app_field_error(u->err, "limit", "limit must be a whole number from 1 to 200.");
	else if (l)
		*limit = (int)json_integer_value(l);
	if (*type && people_place_type_from_code(*type) < 0)
		app_field_error(u->err, "type", "Unknown type of place.");
	if (*after && !id_valid(*after, "plc"))
		app_field_error(u->err, "after",
		                "after must be a place id from the previous page.");
	return u->err->code ? u->err->code : APP_OK;
}

int app_places_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	UNUSED(id);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	const char *borough, *type, *after;
	bool hotspots;
	int limit;
	char bid[ID_MAX] = "";
	int rc = concern_may_read(&u, "places");
	if (rc == APP_OK)
		rc = list_read(&u, in, &borough, &type, &hotspots, &after, &limit);
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = borough_of(&u, borough, bid);
	json_t *list = NULL;
	if (rc == APP_OK) {
		struct store_concern_viewer cv;
		concern_viewer(&u, &cv);
		int src;
		list = store_places_list(db, &cv, concern_opt(bid), type, hotspots, after, limit,
		                         &src);
		if (!list)
			rc = uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "place_list", NULL, NULL,
		                        hotspots ? "hotspots" : "places"));
	if (rc == APP_OK) {
		size_t i, n = json_array_size(list);
		json_t *r;
		json_array_foreach(list, i, r)
		{
			int64_t c = json_integer_value(json_object_get(r, "children"));
			int64_t e = json_integer_value(json_object_get(r, "episodes"));
			json_object_set_new(r, "hotspot_suggested",
			                    json_boolean(people_hotspot_suggested(c, e)));
		}
		json_t *next =
		        n == (size_t)limit
		                ? json_incref(json_object_get(json_array_get(list, n - 1), "id"))
		                : json_null();
		*out = json_pack("{s:O, s:o}", "places", list, "next", next);
	}
	json_decref(list);
	return uc_end(&u, rc, out);
}

int app_place_hotspot(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"hotspot", "rationale", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The decision must be a JSON object.");
	app_json_only(in, allowed, err);
	json_t *hv = json_object_get(in, "hotspot");
	if (!json_is_boolean(hv))
		app_field_error(err, "hotspot",
		                "Say whether the place is a hotspot (true or false).");
	const char *rationale = app_json_str(in, "rationale", false, PROTO_SHORT_MAX, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (people_hotspot_validate(rationale, who->roles, concern_entitled(&u), who->system, &pe) <
	    0)
		return pe.field ? uc_proto_refused(&u, &pe)
		                : app_fail(err, APP_FORBIDDEN, pe.rule, "%s", pe.message);
	bool hotspot = json_is_true(hv);
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PLACE, id, NULL);
	if (rc == APP_OK) /* R-LOC-1 */
		rc = uc_db(&u, store_place_set_hotspot(db, id, hotspot, rationale, uc_user_id(&u),
		                                       who->display_name, u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, hotspot ? "hotspot_mark" : "hotspot_unmark", "place",
		                        id, NULL, "hotspot,rationale"));
	if (rc == APP_OK)
		rc = place_view(&u, id, out);
	return uc_end(&u, rc, out);
}

/* ---- vehicles and phones ---- */

/* The identifier's view. */
static int ident_view(struct uc *u, enum people_end e, const char *id, json_t **out)
{
	int rc;
	*out = e == PEOPLE_VEHICLE ? store_vehicle_get(u->db, id, &rc)
	                           : store_phone_get(u->db, id, &rc);
	return *out ? APP_OK : uc_db(u, rc);
}

/* Finds or adds the vehicle or phone of `in`. */
static int ident_find_or_add(struct db *db, const struct actor *who, enum people_end e, json_t *in,
                             json_t **out, struct app_err *err)
{
	static const char *const allowed_vehicle[] = {"registration", "make", "model", "colour",
	                                              NULL};
	static const char *const allowed_phone[] = {"number", NULL};
	bool vehicle = e == PEOPLE_VEHICLE;
	struct uc u;
	if (!uc_open_change(
	            &u, db, who, in, out, err, vehicle ? "record vehicles" : "record phones",
	            vehicle ? "vehicle" : "phone", vehicle ? allowed_vehicle : allowed_phone))
		return err->code;
	const char *text =
	        app_json_str(in, vehicle ? "registration" : "number", true, 40, false, err);
	const char *make = vehicle ? app_json_str(in, "make", false, 60, false, err) : NULL;
	const char *model = vehicle ? app_json_str(in, "model", false, 60, false, err) : NULL;
	const char *colour = vehicle ? app_json_str(in, "colour", false, 40, false, err) : NULL;
	if (err->code)
		return err->code;
	char id[ID_MAX];
	bool created = false;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_ident_find_or_add(&u, e, text, make, model, colour, id, &created);
	if (rc == APP_OK && !created)
		rc = uc_db(&u, uc_audit(&u, "view", people_end_code(e), id, NULL, "found"));
	if (rc == APP_OK)
		rc = ident_view(&u, e, id, out);
	if (rc == APP_OK)
		json_object_set_new(*out, "created", json_boolean(created));
	return uc_end(&u, rc, out);
}

int app_vehicle_find_or_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                            json_t **out, struct app_err *err)
{
	UNUSED(id);
	return ident_find_or_add(db, who, PEOPLE_VEHICLE, in, out, err);
}

int app_phone_find_or_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err)
{
	UNUSED(id);
	return ident_find_or_add(db, who, PEOPLE_PHONE, in, out, err);
}

/* Shows the vehicle or phone `id`. */
static int ident_get(struct db *db, const struct actor *who, enum people_end e, const char *id,
                     json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, e == PEOPLE_VEHICLE ? "vehicles" : "phones");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, e, id, NULL);
	if (rc == APP_OK)
		rc = ident_view(&u, e, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", people_end_code(e), id, NULL, "all"));
	return uc_end(&u, rc, out);
}

int app_vehicle_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	UNUSED(in);
	return ident_get(db, who, PEOPLE_VEHICLE, id, out, err);
}

int app_phone_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	UNUSED(in);
	return ident_get(db, who, PEOPLE_PHONE, id, out, err);
}
