/*
 * people.c: persons of concern (see people.h): reading what a person is known by from
 * input, the R-POI-1 candidate check before a person is added, showing, changing and
 * finding persons, and the R-POI-2 PNC markers of persons and children.
 */
#include "app/people.h"

#include "app/concern.h"
#include "app/people_match.h"
#include "link/normalise.h"
#include "store/people.h"

#define FIELD_LEN 32

/* ---- reading items ---- */

/* Kinds beyond enum people_item: identifiers, joined by a link. */
enum { ITEM_PHONE = PEOPLE_ITEM_N, ITEM_VEHICLE };

struct item_in {
	int kind; /* enum people_item, ITEM_PHONE or ITEM_VEHICLE */
	const char *value;
	char key[LINK_TEXT_LEN];
	char postcode[LINK_POSTCODE_LEN];
	const char *platform, *make, *model, *colour;
	struct people_dob dob;
	char dob_text[64];
	struct concern_grading gr;
	char field[FIELD_LEN]; /* "names[3]." */
};

struct person_in {
	struct item_in items[PERSON_MAX_ITEMS];
	size_t n, n_names;
	struct concern_grading dflt;
	const char *gender, *description;
	bool restricted, confirm_new;
};

/* The arrays of items an input may hold (people.h), with each entry's main field. */
static const struct {
	const char *array, *main;
	int kind; /* -1: names, whose kind is the entry's "kind" */
} ARRAYS[] = {
        {"names", "name", -1},
        {"dates_of_birth", "date", PEOPLE_ITEM_DOB},
        {"addresses", "address", PEOPLE_ITEM_ADDRESS},
        {"phones", "number", ITEM_PHONE},
        {"vehicles", "registration", ITEM_VEHICLE},
        {"social_media", "handle", PEOPLE_ITEM_SOCIAL_MEDIA},
        {"groups", "name", PEOPLE_ITEM_GROUP},
};

#define GRADING_KEYS "nature", "grading", "handling_conditions", "source", "restricted"

/* Reads the top-level grading as the entries' default (checked per entry, where the
 * source may still come from the entry itself). */
static void defaults_read(struct uc *u, json_t *in, struct concern_grading *d)
{
	memset(d, 0, sizeof *d);
	const char *nature = app_json_str(in, "nature", false, 16, false, u->err);
	const char *grading = app_json_str(in, "grading", false, 16, false, u->err);
	d->g.conditions =
	        app_json_str(in, "handling_conditions", false, PEOPLE_CONDITIONS_MAX, true, u->err);
	d->source = app_json_str(in, "source", false, PEOPLE_SOURCE_MAX, false, u->err);
	d->restricted = app_json_bool(in, "restricted", false, u->err);
	d->g.nature = people_nature_from_code(nature);
	if (nature && d->g.nature == PEOPLE_NATURE_UNSET)
		app_field_error(u->err, "nature", "Say whether this is a fact or intelligence.");
	if (grading && people_grading_parse(grading, &d->g) < 0)
		app_field_error(u->err, "grading",
		                "Write the grading as the source evaluation, the intelligence "
		                "assessment and the handling code, e.g. 2/B/P.");
}

/* A date of birth entry: {"date"} | {"year"} | {"age_min", "age_max", "on"?}. */
static void dob_read(struct uc *u, json_t *o, struct item_in *it)
{
	struct app_err *err = u->err;
	struct lt_date today = ltime_date_of(u->now);
	json_t *year = json_object_get(o, "year"), *amin = json_object_get(o, "age_min"),
	       *amax = json_object_get(o, "age_max");
	char date[LT_DATE_LEN], on[LT_DATE_LEN];
	bool has_date = false, has_on = false;
	app_json_date(o, "date", false, err, date, &has_date);
	app_json_date(o, "on", false, err, on, &has_on);
	int forms = has_date + (year != NULL) + (amin != NULL || amax != NULL);
	if (forms != 1) {
		app_field_error(err, "date",
		                "Give one of: a date of birth, a year of birth, or an age range.");
		return;
	}
	if (has_date) {
		it->dob.kind = PEOPLE_DOB_EXACT;
		ltime_parse_date(date, &it->dob.date);
	} else if (year) {
		it->dob.kind = PEOPLE_DOB_YEAR;
		if (!json_is_integer(year) || json_integer_value(year) < 0 ||
		    json_integer_value(year) > 9999) {
			app_field_error(err, "year", "The year of birth must be a whole number.");
			return;
		}
		it->dob.year = (int)json_integer_value(year);
	} else {
		it->dob.kind = PEOPLE_DOB_AGE_RANGE;
		if (!json_is_integer(amin) || !json_is_integer(amax) ||
		    json_integer_value(amin) < -1 || json_integer_value(amax) > 1000) {
			app_field_error(err, "age_min", "Give the age range as two whole numbers.");
			return;
		}
		it->dob.age_min = (int)json_integer_value(amin);
		it->dob.age_max = (int)json_integer_value(amax);
		it->dob.on = today;
		if (has_on)
			ltime_parse_date(on, &it->dob.on);
	}
	struct proto_err pe;
	if (people_dob_validate(&it->dob, today, "date", &pe) < 0) {
		app_field_error(err, pe.field, "%s", pe.message);
		return;
	}
	people_dob_describe(&it->dob, it->dob_text, sizeof it->dob_text);
	it->value = it->dob_text;
}

/* The fields of one entry other than its grading; errors are named without the
 * entry's prefix (the caller adds it). */
static void entry_fields(struct uc *u, json_t *o, int kind, const char *main, struct item_in *it)
{
	struct app_err *err = u->err;
	it->kind = kind;
	if (kind == PEOPLE_ITEM_DOB) {
		static const char *const allowed[] = {"date", "year",       "age_min", "age_max",
		                                      "on",   GRADING_KEYS, NULL};
		app_json_only(o, allowed, err);
		dob_read(u, o, it);
		return;
	}
	static const char *const allowed_name[] = {"name", "kind", GRADING_KEYS, NULL};
	static const char *const allowed_address[] = {"address", "postcode", GRADING_KEYS, NULL};
	static const char *const allowed_phone[] = {"number", GRADING_KEYS, NULL};
	static const char *const allowed_vehicle[] = {"registration", "make",       "model",
	                                              "colour",       GRADING_KEYS, NULL};
	static const char *const allowed_social[] = {"handle", "platform", GRADING_KEYS, NULL};
	static const char *const allowed_group[] = {"name", GRADING_KEYS, NULL};
	const char *const *allowed = kind < 0                           ? allowed_name
	                             : kind == PEOPLE_ITEM_ADDRESS      ? allowed_address
	                             : kind == ITEM_PHONE               ? allowed_phone
	                             : kind == ITEM_VEHICLE             ? allowed_vehicle
	                             : kind == PEOPLE_ITEM_SOCIAL_MEDIA ? allowed_social
	                                                                : allowed_group;
	app_json_only(o, allowed, err);
	size_t max = kind == ITEM_PHONE || kind == ITEM_VEHICLE ? 40 : PEOPLE_VALUE_MAX;
	it->value = app_json_str(o, main, true, max, false, err);
	it->kind = kind;
	if (kind < 0) {
		const char *k = app_json_str(o, "kind", false, 16, false, err);
		int pk = k ? people_item_from_code(k) : PEOPLE_ITEM_NAME;
		if (pk < 0 || !people_item_is_name((enum people_item)pk))
			app_field_error(err, "kind",
			                "A name's kind is name, alias, street_name or nickname.");
		it->kind = pk < 0 ? PEOPLE_ITEM_NAME : pk;
	} else if (kind == PEOPLE_ITEM_ADDRESS) {
		const char *pc = app_json_str(o, "postcode", false, 10, false, err);
		char outward[LINK_OUTWARD_LEN];
		if (pc && link_normalise_postcode(pc, it->postcode, outward) != 0)
			app_field_error(err, "postcode", "That is not a full UK postcode.");
	} else if (kind == ITEM_VEHICLE) {
		it->make = app_json_str(o, "make", false, 60, false, err);
		it->model = app_json_str(o, "model", false, 60, false, err);
		it->colour = app_json_str(o, "colour", false, 40, false, err);
	} else if (kind == PEOPLE_ITEM_SOCIAL_MEDIA) {
		it->platform = app_json_str(o, "platform", false, 60, false, err);
	}
	if (!it->value)
		return;
	char h[LINK_HANDLE_LEN];
	if (kind == PEOPLE_ITEM_SOCIAL_MEDIA && link_normalise_handle(it->value, h) == 0)
		snprintf(it->key, sizeof it->key, "%s", h);
	else if (kind != ITEM_PHONE && kind != ITEM_VEHICLE &&
	         link_normalise_text(it->value, it->key, sizeof it->key) < 0)
		it->key[0] = '\0';
	struct proto_err pe; /* the source is checked with the grading: "-" stands in here */
	if (kind != ITEM_PHONE && kind != ITEM_VEHICLE &&
	    people_item_validate((enum people_item)it->kind, it->value, "-", &pe) < 0)
		app_field_error(err, pe.field, "%s", pe.message);
}

/* Reads every array of items of `in` into pi->items (after the top-level default). */
static void items_read(struct uc *u, json_t *in, struct person_in *pi)
{
	struct app_err *err = u->err;
	for (size_t a = 0; a < ARRAY_LEN(ARRAYS); a++) {
		json_t *arr = json_object_get(in, ARRAYS[a].array);
		if (!arr || json_is_null(arr))
			continue;
		if (!json_is_array(arr) || json_array_size(arr) + pi->n > PERSON_MAX_ITEMS) {
			app_field_error(err, ARRAYS[a].array,
			                "%s must be a list (at most %d items in all).",
			                ARRAYS[a].array, PERSON_MAX_ITEMS);
			continue;
		}
		size_t i;
		json_t *v;
		json_array_foreach(arr, i, v)
		{
			struct item_in *it = &pi->items[pi->n];
			memset(it, 0, sizeof *it);
			snprintf(it->field, sizeof it->field, "%s[%zu].", ARRAYS[a].array, i);
			json_t *tmp =
			        json_is_string(v) ? json_pack("{s:O}", ARRAYS[a].main, v) : NULL;
			json_t *o = tmp ? tmp : v;
			if (!json_is_object(o)) {
				app_field_error(err, ARRAYS[a].array,
				                "Each entry is an object or text.");
				json_decref(tmp);
				continue;
			}
			int before = err->nfields;
			entry_fields(u, o, ARRAYS[a].kind, ARRAYS[a].main, it);
			concern_prefix_errors(err, before, it->field);
			if (err->nfields == before &&
			    concern_grading_read(u, o, &pi->dflt, it->field, &it->gr) == APP_OK) {
				/* a string entry's text is v's own, which outlives tmp */
				if (it->kind == PEOPLE_ITEM_DOB)
					it->value = it->dob_text;
				pi->n_names += it->kind < PEOPLE_ITEM_N &&
				               people_item_is_name((enum people_item)it->kind);
				pi->n++;
			}
			json_decref(tmp);
		}
	}
}

/* Reads a whole person input (add: with_person) or items only. */
static int person_read(struct uc *u, json_t *in, bool with_person, struct person_in *pi)
{
	static const char *const person_keys[] = {"names",       "dates_of_birth", "addresses",
	                                          "phones",      "vehicles",       "social_media",
	                                          "groups",      GRADING_KEYS,     "gender",
	                                          "description", "confirm_new",    NULL};
	static const char *const items_keys[] = {"names",  "dates_of_birth", "addresses",
	                                         "phones", "vehicles",       "social_media",
	                                         "groups", GRADING_KEYS,     NULL};
	memset(pi, 0, sizeof *pi);
	app_json_only(in, with_person ? person_keys : items_keys, u->err);
	defaults_read(u, in, &pi->dflt);
	pi->restricted = pi->dflt.restricted;
	if (with_person) {
		pi->gender = app_json_str(in, "gender", false, 16, false, u->err);
		pi->description = app_json_str(in, "description", false, PEOPLE_DESCRIPTION_MAX,
		                               true, u->err);
		pi->confirm_new = app_json_bool(in, "confirm_new", false, u->err);
	}
	if (u->err->code)
		return u->err->code;
	items_read(u, in, pi);
	if (u->err->code)
		return u->err->code;
	struct proto_err pe;
	if (with_person) {
		struct people_person_facts f = {.n_names = pi->n_names,
		                                .gender = pi->gender,
		                                .description = pi->description};
		if (people_person_validate(&f, &pe) < 0)
			return uc_proto_refused(u, &pe);
	} else if (pi->n == 0) {
		app_field_error(u->err, "names", "Give at least one item to add.");
	}
	return u->err->code ? u->err->code : APP_OK;
}

/* ---- writing ---- */

/* Writes the items of pi on person `id`: phones and vehicles as their entities joined by
 * a 'uses' link, the rest as person items. */
static int items_write(struct uc *u, const char *id, const struct person_in *pi)
{
	int rc = APP_OK;
	for (size_t i = 0; rc == APP_OK && i < pi->n; i++) {
		const struct item_in *it = &pi->items[i];
		if (it->kind == ITEM_PHONE || it->kind == ITEM_VEHICLE) {
			enum people_end e = it->kind == ITEM_PHONE ? PEOPLE_PHONE : PEOPLE_VEHICLE;
			char ident[ID_MAX], lid[ID_MAX];
			bool created;
			rc = concern_ident_find_or_add(u, e, it->value, it->make, it->model,
			                               it->colour, ident, &created);
			struct concern_link l = {.kind = PEOPLE_USES,
			                         .from = PEOPLE_PERSON,
			                         .to = e,
			                         .from_id = id,
			                         .to_id = ident,
			                         .gr = &it->gr};
			if (rc == APP_OK)
				rc = concern_link_write(u, &l, lid);
			continue;
		}
		struct concern_codes c;
		concern_codes_of(&it->gr.g, &c);
		char item_id[ID_MAX], dob[LT_DATE_LEN] = "", on[LT_DATE_LEN] = "";
		id_new("pit", item_id);
		bool is_dob = it->kind == PEOPLE_ITEM_DOB;
		if (is_dob && it->dob.kind == PEOPLE_DOB_EXACT)
			ltime_format_date(it->dob.date, dob);
		if (is_dob && it->dob.kind == PEOPLE_DOB_AGE_RANGE)
			ltime_format_date(it->dob.on, on);
		struct store_person_item_new row = {
		        .id = item_id,
		        .person_id = id,
		        .kind = people_item_code((enum people_item)it->kind),
		        .value = it->value,
		        .value_key = concern_opt(it->key),
		        .platform = it->platform,
		        .postcode = concern_opt(it->postcode),
		        .dob_date = concern_opt(dob),
		        .dob_year = is_dob && it->dob.kind == PEOPLE_DOB_YEAR ? it->dob.year : 0,
		        .age_range = is_dob && it->dob.kind == PEOPLE_DOB_AGE_RANGE,
		        .age_min = it->dob.age_min,
		        .age_max = it->dob.age_max,
		        .age_on = concern_opt(on),
		        .nature = people_nature_code(it->gr.g.nature),
		        .source_eval = concern_opt(c.source_eval),
		        .assessment = concern_opt(c.assessment),
		        .handling = concern_opt(c.handling),
		        .handling_conditions = it->gr.g.conditions,
		        .source = it->gr.source,
		        .restricted = it->gr.restricted,
		        .recorded_by = uc_user_id(u),
		        .recorded_by_name = u->who->display_name,
		        .agency_id = concern_opt(u->who->agency_id),
		        .at = u->now};
		rc = uc_db(u, store_person_item_insert(u->db, &row));
	}
	return rc == APP_OK ? pm_refresh(u, id) : rc;
}

/* The probe of a new person: names (full names first), first exact date or year of
 * birth, gender, first phone that parses. */
static void probe_of(const struct person_in *pi, struct pm_person *p, char phone[LINK_PHONE_LEN])
{
	memset(p, 0, sizeof *p);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < pi->n && p->n_names < PM_MAX_NAMES; i++) {
			const struct item_in *it = &pi->items[i];
			bool name = it->kind < PEOPLE_ITEM_N &&
			            people_item_is_name((enum people_item)it->kind);
			if (name && (it->kind == PEOPLE_ITEM_NAME) == (pass == 0))
				p->names[p->n_names++] = it->value;
		}
	for (size_t i = 0; i < pi->n && !p->dob.y; i++) {
		const struct item_in *it = &pi->items[i];
		if (it->kind == PEOPLE_ITEM_DOB && it->dob.kind == PEOPLE_DOB_EXACT)
			p->dob = (struct link_dob){it->dob.date.y, it->dob.date.m, it->dob.date.d};
		else if (it->kind == PEOPLE_ITEM_DOB && it->dob.kind == PEOPLE_DOB_YEAR)
			p->dob.y = it->dob.year;
	}
	p->gender = pm_gender(pi->gender);
	for (size_t i = 0; i < pi->n && !p->phone; i++)
		if (pi->items[i].kind == ITEM_PHONE &&
		    link_normalise_phone(pi->items[i].value, phone) == 0)
			p->phone = phone;
}

/* ---- use cases ---- */

/* The person's view, after gating. */
static int person_view(struct uc *u, const char *id, json_t **out)
{
	int rc;
	*out = store_person_get(u->db, id, concern_entitled(u), &rc);
	if (!*out)
		return uc_db(u, rc);
	concern_grading_json(json_object_get(*out, "items"));
	concern_grading_json(json_object_get(*out, "phones"));
	concern_grading_json(json_object_get(*out, "vehicles"));
	return APP_OK;
}

int app_person_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	UNUSED(id);
	struct uc u;
	struct person_in *pi = calloc(1, sizeof *pi);
	json_t *cands = NULL;
	char pid[ID_MAX], phone[LINK_PHONE_LEN];
	int rc = !pi ? app_fail(err, APP_FAILED, NULL, "Out of memory.")
	         : uc_open_change(&u, db, who, in, out, err, "record persons of concern", "person",
	                          NULL)
	                 ? person_read(&u, in, true, pi)
	                 : (int)err->code;
	struct proto_err pe;
	if (rc == APP_OK && people_restricted_validate(pi->restricted, concern_entitled(&u),
	                                               who->system, "restricted", &pe) < 0)
		rc = uc_proto_refused(&u, &pe);
	if (rc != APP_OK) {
		free(pi);
		return rc;
	}
	rc = uc_begin(&u);
	if (rc == APP_OK && !pi->confirm_new) { /* R-POI-1: look before adding */
		struct pm_person probe;
		probe_of(pi, &probe, phone);
		rc = pm_candidates(&u, &probe, 10, &cands);
		if (rc == APP_OK && json_array_size(cands) > 0)
			rc = app_fail(
			        err, APP_CONFLICT, "R-POI-1",
			        "This person may already be known to Lantern. Choose an existing "
			        "person, or confirm that this is a new person.");
	}
	if (rc == APP_OK) {
		id_new("poc", pid);
		struct store_person_new p = {.id = pid,
		                             .label = "",
		                             .gender = pi->gender,
		                             .description = pi->description,
		                             .restricted = pi->restricted,
		                             .agency_id = concern_opt(who->agency_id),
		                             .created_by = uc_user_id(&u),
		                             .at = u.now};
		rc = uc_db(&u, store_person_insert(db, &p));
	}
	if (rc == APP_OK)
		rc = items_write(&u, pid, pi);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "person", pid, NULL, "identity,items"));
	if (rc == APP_OK)
		rc = person_view(&u, pid, out);
	bool conflict = rc == APP_CONFLICT;
	rc = uc_end(&u, rc, out);
	if (conflict) { /* the candidates were shown: a search, audited on its own */
		char n[16];
		snprintf(n, sizeof n, "candidates:%zu", json_array_size(cands));
		app_audit_shared(db, who, "search", "person", NULL, NULL, n);
		*out = json_pack("{s:o}", "candidates", cands);
		cands = NULL;
	}
	json_decref(cands);
	free(pi);
	return rc;
}

int app_person_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "persons of concern");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PERSON, id, NULL);
	if (rc == APP_OK)
		rc = person_view(&u, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "person", id, NULL, "all"));
	return uc_end(&u, rc, out);
}

int app_person_update(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"gender", "description", "restricted", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change persons of concern", "change",
	                    allowed))
		return err->code;
	const char *gender = app_json_str(in, "gender", false, 16, false, err);
	const char *description =
	        app_json_str(in, "description", false, PEOPLE_DESCRIPTION_MAX, true, err);
	json_t *rv = json_object_get(in, "restricted");
	int restricted = rv && !json_is_null(rv) ? app_json_bool(in, "restricted", false, err) : -1;
	if (err->code)
		return err->code;
	if (!gender && !description && restricted < 0)
		return app_fail(err, APP_INVALID, NULL, "Give something to change.");
	struct people_person_facts f = {.n_names = 1, .gender = gender, .description = description};
	struct proto_err pe;
	if (people_person_validate(&f, &pe) < 0 ||
	    people_restricted_validate(restricted >= 0, concern_entitled(&u), who->system,
	                               "restricted", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	char fields[64];
	snprintf(fields, sizeof fields, "%s%s%s", gender ? "gender," : "",
	         description ? "description," : "", restricted >= 0 ? "restricted" : "");
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PERSON, id, NULL);
	if (rc == APP_OK)
		rc = uc_db(&u, store_person_update(db, id, gender, description, restricted, NULL,
		                                   u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "update", "person", id, NULL, fields));
	if (rc == APP_OK)
		rc = person_view(&u, id, out);
	return uc_end(&u, rc, out);
}

int app_person_items_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	struct uc u;
	struct person_in *pi = calloc(1, sizeof *pi);
	int rc = !pi ? app_fail(err, APP_FAILED, NULL, "Out of memory.")
	         : uc_open_change(&u, db, who, in, out, err, "change persons of concern", "items",
	                          NULL)
	                 ? person_read(&u, in, false, pi)
	                 : (int)err->code;
	if (rc == APP_OK)
		rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PERSON, id, NULL);
	if (rc == APP_OK)
		rc = items_write(&u, id, pi);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "update", "person", id, NULL, "items"));
	if (rc == APP_OK)
		rc = person_view(&u, id, out);
	bool opened = pi != NULL;
	free(pi);
	return opened ? uc_end(&u, rc, out) : rc;
}

/* ---- search ---- */

struct search_in {
	const char *name, *phone, *vehicle;
	struct lt_date dob;
	bool has_dob;
	int limit;
};

static int search_read(struct uc *u, json_t *in, struct search_in *s)
{
	static const char *const allowed[] = {"name",    "date_of_birth", "phone",
	                                      "vehicle", "limit",         NULL};
	memset(s, 0, sizeof *s);
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The search must be a JSON object.");
	app_json_only(in, allowed, u->err);
	s->name = app_json_str(in, "name", false, PEOPLE_VALUE_MAX, false, u->err);
	s->phone = app_json_str(in, "phone", false, 40, false, u->err);
	s->vehicle = app_json_str(in, "vehicle", false, 40, false, u->err);
	char d[LT_DATE_LEN];
	if (app_json_date(in, "date_of_birth", false, u->err, d, &s->has_dob) == 0 && s->has_dob)
		ltime_parse_date(d, &s->dob);
	json_t *l = json_object_get(in, "limit");
	s->limit = 25;
	if (l && (!json_is_integer(l) || json_integer_value(l) < 1 || json_integer_value(l) > 100))
		app_field_error(u->err, "limit", "limit must be a whole number from 1 to 100.");
	else if (l)
		s->limit = (int)json_integer_value(l);
	if (!u->err->code && !s->name && !s->has_dob && !s->phone && !s->vehicle)
		app_field_error(u->err, "name",
		                "Give a name, a date of birth, a phone number or a vehicle "
		                "registration to search for.");
	return u->err->code ? u->err->code : APP_OK;
}

/* The candidate ids of every criterion but the name, intersected; NULL when none given. */
static int filter_ids(struct uc *u, const struct search_in *s, bool dob_filters, json_t **set)
{
	*set = NULL;
	struct {
		bool on;
		enum people_end e;
		const char *text;
	} crit[] = {{dob_filters, PEOPLE_CHILD, NULL}, /* the date of birth (e unused) */
	            {s->phone != NULL, PEOPLE_PHONE, s->phone},
	            {s->vehicle != NULL, PEOPLE_VEHICLE, s->vehicle}};
	for (size_t i = 0; i < ARRAY_LEN(crit); i++) {
		if (!crit[i].on)
			continue;
		json_t *ids = NULL;
		int rc = crit[i].text ? pm_ident_ids(u, crit[i].e, crit[i].text, &ids)
		                      : pm_dob_ids(u, s->dob, &ids);
		if (rc != APP_OK) {
			json_decref(*set);
			*set = NULL;
			return rc;
		}
		if (!*set) {
			*set = ids;
		} else {
			pm_intersect(*set, ids);
			json_decref(ids);
		}
	}
	return APP_OK;
}

int app_person_search(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	UNUSED(id);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct search_in s;
	int rc = concern_may_read(&u, "persons of concern");
	if (rc == APP_OK)
		rc = search_read(&u, in, &s);
	if (rc != APP_OK)
		return rc;
	json_t *ids = NULL, *set = NULL, *found = json_array(), *results = NULL;
	struct pm_person probe = {.n_names = 1, .names = {s.name}};
	if (s.has_dob)
		probe.dob = (struct link_dob){s.dob.y, s.dob.m, s.dob.d};
	rc = uc_begin(&u);
	if (rc == APP_OK) /* with a name, the date of birth is scored; alone, it filters */
		rc = filter_ids(&u, &s, s.has_dob && !s.name, &set);
	if (rc == APP_OK && s.name) {
		rc = pm_name_ids(&u, &probe, &ids);
		if (rc == APP_OK && set)
			pm_intersect(ids, set);
		if (rc == APP_OK)
			rc = pm_score_ids(&u, ids, &probe, NULL, found);
	} else if (rc == APP_OK) {
		rc = pm_score_ids(&u, set, NULL,
		                  s.phone     ? "uses this phone"
		                  : s.vehicle ? "uses this vehicle"
		                              : "date of birth fits",
		                  found);
	}
	if (rc == APP_OK && !(results = pm_strongest(found, (size_t)s.limit)))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "search", "person", NULL, NULL,
		                        "name,date_of_birth,phone,vehicle"));
	if (rc == APP_OK && !(*out = json_pack("{s:O}", "results", results)))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	json_decref(results);
	json_decref(ids);
	json_decref(set);
	json_decref(found);
	return uc_end(&u, rc, out);
}

/* ---- R-POI-2 ---- */

/* Reads {"status", "note"?} of a marker and checks it (police only). */
static int pnc_read(struct uc *u, json_t *in, const char **status, const char **note)
{
	static const char *const allowed[] = {"status", "note", NULL};
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The marker must be a JSON object.");
	app_json_only(in, allowed, u->err);
	*status = app_json_str(in, "status", false, 16, false, u->err);
	*note = app_json_str(in, "note", false, PROTO_SHORT_MAX, true, u->err);
	if (u->err->code)
		return u->err->code;
	struct proto_err pe;
	if (people_pnc_validate(*status, *note, concern_entitled(u), u->who->system, &pe) < 0)
		return pe.field ? uc_proto_refused(u, &pe)
		                : app_fail(u->err, APP_FORBIDDEN, pe.rule, "%s", pe.message);
	return APP_OK;
}

int app_person_pnc_marker(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	const char *status = NULL, *note = NULL;
	int rc = pnc_read(&u, in, &status, &note);
	if (rc == APP_OK)
		rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PERSON, id, NULL);
	if (rc == APP_OK) /* R-POI-2 */
		rc = uc_db(&u, store_person_pnc_set(db, id, status, note, uc_user_id(&u),
		                                    who->display_name, u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "pnc_marker", "person", id, NULL, status));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s?, s:s, s:s}", "id", id, "pnc_marker", status,
		                 "pnc_marker_note", note, "pnc_marker_at", u.now_s,
		                 "pnc_marker_by_name", who->display_name);
	return uc_end(&u, rc, out);
}

int app_child_pnc_marker(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	const char *status = NULL, *note = NULL;
	int rc = pnc_read(&u, in, &status, &note);
	if (rc == APP_OK)
		rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_CHILD, id, NULL);
	if (rc == APP_OK) /* R-POI-2 */
		rc = uc_db(&u, store_child_pnc_set(db, id, status, note, uc_user_id(&u),
		                                   who->display_name, u.now));
	if (rc == APP_OK)
		rc = concern_chronology(&u, id, "pnc_marker", REC_FACT,
		                        strcmp(status, "done") == 0
		                                ? "PNC locate/trace marker for the child: done "
		                                  "(R-POI-2)."
		                                : "PNC locate/trace marker for the child: not done "
		                                  "(R-POI-2).");
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "pnc_marker", "child", id, NULL, status));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s?, s:s, s:s}", "child_id", id, "status", status,
		                 "note", note, "recorded_at", u.now_s, "recorded_by_name",
		                 who->display_name);
	return uc_end(&u, rc, out);
}

int app_child_pnc_marker_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                             json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "children");
	if (rc == APP_OK)
		rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_CHILD, id, NULL);
	json_t *m = NULL;
	if (rc == APP_OK) {
		int src;
		m = store_child_pnc_get(db, id, &src);
		if (!m && src != DB_DONE)
			rc = uc_db(&u, src);
		else if (!m)
			m = json_pack("{s:n, s:n, s:n, s:n}", "status", "note", "recorded_at",
			              "recorded_by_name");
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "pnc_marker", id, NULL, "status"));
	if (rc == APP_OK) {
		json_object_set_new(m, "child_id", json_string(id));
		*out = m;
		m = NULL;
	}
	json_decref(m);
	return uc_end(&u, rc, out);
}
