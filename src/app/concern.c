/*
 * concern.c: what the use cases about persons of concern, places, vehicles, phones and
 * links share (see concern.h): the viewer and the gate, grading input, finding or adding
 * an identifier, and writing a link with its audit event and chronology entries.
 */
#include "app/concern.h"

#include "app/chronology.h"
#include "app/gate.h"
#include "app/people_match.h"
#include "link/normalise.h"
#include "protocol/language.h"
#include "store/children.h"
#include "store/episodes.h"
#include "store/people.h"
#include "store/places.h"
#include "store/records.h"

/* ---- who sees what ---- */

bool concern_entitled(const struct uc *u)
{
	return u->who->system || access_police_entitled(u->who->roles, u->who->agency_type);
}

void concern_viewer(const struct uc *u, struct store_concern_viewer *cv)
{
	enum access_scope scope = actor_scope(u->who);
	if (scope == ACCESS_NONE && !u->who->system)
		store_viewer_init(&cv->v, false, NULL, NULL, u->now);
	else
		access_viewer(u->who, u->now, &cv->v);
	cv->all = people_sees_all(scope, concern_entitled(u), u->who->system);
	cv->restricted = concern_entitled(u);
}

int concern_may_read(struct uc *u, const char *what)
{
	if (u->who->system || actor_scope(u->who) != ACCESS_NONE)
		return APP_OK;
	return app_fail(u->err, APP_FORBIDDEN, NULL, "Your role cannot see %s.", what);
}

int concern_end_of(const char *id)
{
	int e = people_end_of_id(id);
	return e >= 0 && id_valid(id, people_end_prefix((enum people_end)e)) ? e : -1;
}

const char *concern_missing(enum people_end e)
{
	switch (e) {
	case PEOPLE_CHILD:
		return "No such child.";
	case PEOPLE_PERSON:
		return "No such person of concern.";
	case PEOPLE_PLACE:
		return "No such place.";
	case PEOPLE_VEHICLE:
		return "No such vehicle.";
	case PEOPLE_PHONE:
		return "No such phone.";
	case PEOPLE_EPISODE:
		return "No such episode.";
	case PEOPLE_END_N:
		break;
	}
	return "No such thing.";
}

/* Finds out whether entity `id` of type e exists and whether the actor sees it, without
 * the restricted-record decision of access_gate (for lists and for persons, places and
 * identifiers, whose decision this is). child_id (when not NULL) receives the child a
 * child or episode is about. */
static int sight_of(struct uc *u, enum people_end e, const char *id, bool *exists, bool *sees,
                    char *child_id)
{
	*exists = *sees = false;
	if (child_id)
		child_id[0] = '\0';
	enum access_scope scope = actor_scope(u->who);
	struct people_sight s = {
	        .scope = scope, .police_entitled = concern_entitled(u), .system = u->who->system};
	int rc = DB_OK;
	char kid[ID_MAX] = "";
	switch (e) {
	case PEOPLE_CHILD:
		rc = store_child_exists(u->db, id, exists);
		snprintf(kid, sizeof kid, "%s", id);
		break;
	case PEOPLE_EPISODE: {
		struct episode_row ep;
		rc = store_episode_get(u->db, id, &ep);
		*exists = rc == DB_ROW;
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
		if (*exists)
			snprintf(kid, sizeof kid, "%s", ep.child_id);
		break;
	}
	case PEOPLE_PERSON: {
		struct person_head h;
		rc = store_person_head(u->db, id, &h);
		*exists = rc == DB_ROW;
		s.restricted = h.restricted;
		s.own_agency = h.agency_id[0] && strcmp(h.agency_id, u->who->agency_id) == 0;
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
		break;
	}
	case PEOPLE_PLACE: {
		struct place_head h;
		rc = store_place_head(u->db, id, &h);
		*exists = rc == DB_ROW;
		s.restricted = h.restricted;
		s.own_agency = h.agency_id[0] && strcmp(h.agency_id, u->who->agency_id) == 0;
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
		break;
	}
	case PEOPLE_VEHICLE:
	case PEOPLE_PHONE: {
		char label[8];
		rc = store_entity_label(u->db, people_end_code(e), id, label, sizeof label, NULL);
		*exists = rc == DB_ROW;
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
		break;
	}
	case PEOPLE_END_N:
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such thing.");
	}
	if (rc != DB_OK)
		return uc_db(u, rc);
	if (!*exists)
		return APP_OK;
	if (child_id)
		snprintf(child_id, ID_MAX, "%s", kid);
	if (e == PEOPLE_CHILD || e == PEOPLE_EPISODE)
		return access_sees_child(u, kid, sees);
	if (e == PEOPLE_VEHICLE || e == PEOPLE_PHONE) {
		*sees = people_identifier_visible(scope, u->who->system);
		return APP_OK;
	}
	*sees = people_entity_visible(&s);
	if (!*sees && scope == ACCESS_MEMBERSHIP &&
	    people_restricted_visible(s.restricted, s.police_entitled, s.system)) {
		/* neither all nor their own agency's: is it linked to a child they see? */
		struct store_concern_viewer cv;
		concern_viewer(u, &cv);
		bool linked = false;
		rc = store_concern_visible(u->db, &cv, people_end_code(e), id, &linked);
		if (rc != DB_OK)
			return uc_db(u, rc);
		s.linked_to_child = linked;
		*sees = people_entity_visible(&s);
	}
	return APP_OK;
}

int concern_sees(struct uc *u, enum people_end e, const char *id, bool *sees)
{
	bool exists;
	return sight_of(u, e, id, &exists, sees, NULL);
}

int concern_gate(struct uc *u, enum people_end e, const char *id, char *child_id)
{
	bool exists = false, sees = false;
	char kid[ID_MAX] = "";
	if (child_id)
		child_id[0] = '\0';
	if ((unsigned)e >= PEOPLE_END_N || concern_end_of(id) != (int)e)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "%s", concern_missing(e));
	int rc = sight_of(u, e, id, &exists, &sees, kid);
	if (rc != APP_OK)
		return rc;
	if (!exists)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "%s", concern_missing(e));
	if (e == PEOPLE_CHILD || e == PEOPLE_EPISODE)
		rc = access_gate(u, kid, people_end_code(e), id, NULL, concern_missing(e));
	else if (!sees) {
		uc_refuse(u, people_end_code(e), id, NULL,
		          "not recorded by the agency nor linked to a child it sees");
		rc = app_fail(u->err, APP_NOT_FOUND, NULL, "%s", concern_missing(e));
	}
	if (rc == APP_OK && child_id)
		snprintf(child_id, ID_MAX, "%s", kid);
	return rc;
}

/* ---- grading ---- */

void concern_prefix_errors(struct app_err *err, int before, const char *prefix)
{
	if (!prefix || !*prefix)
		return;
	for (int i = before; i < err->nfields; i++) {
		char f[sizeof err->fields[0].field];
		snprintf(f, sizeof f, "%s%s", prefix, err->fields[i].field);
		memcpy(err->fields[i].field, f, sizeof f);
	}
}

int concern_refused(struct uc *u, const char *prefix, const struct proto_err *pe)
{
	u->err->code = APP_INVALID;
	u->err->rule = pe->rule;
	snprintf(u->err->message, sizeof u->err->message, "%s", pe->message);
	char f[sizeof u->err->fields[0].field];
	snprintf(f, sizeof f, "%s%s", prefix ? prefix : "", pe->field ? pe->field : "");
	app_field_error(u->err, f, "%s", pe->message);
	return APP_INVALID;
}

const char *concern_opt(const char *p)
{
	return p && *p ? p : NULL;
}

void concern_codes_of(const struct people_grading *g, struct concern_codes *c)
{
	memset(c, 0, sizeof *c);
	if (g->nature != PEOPLE_INTELLIGENCE)
		return;
	c->source_eval[0] = g->source_eval;
	c->assessment[0] = g->assessment;
	c->handling[0] = g->handling;
}

void concern_grading_json(json_t *row)
{
	if (json_is_array(row)) {
		size_t i;
		json_t *r;
		json_array_foreach(row, i, r) concern_grading_json(r);
		return;
	}
	const char *s = json_string_value(json_object_get(row, "source_eval"));
	const char *a = json_string_value(json_object_get(row, "assessment"));
	const char *h = json_string_value(json_object_get(row, "handling"));
	char g[PEOPLE_GRADING_LEN];
	if (s && a && h && s[0] && a[0] && h[0]) {
		snprintf(g, sizeof g, "%c/%c/%c", s[0], a[0], h[0]);
		json_object_set_new(row, "grading", json_string(g));
	} else {
		json_object_set_new(row, "grading", json_null());
	}
}

int concern_grading_read(struct uc *u, json_t *obj, const struct concern_grading *dflt,
                         const char *prefix, struct concern_grading *out)
{
	struct app_err *err = u->err;
	int before = err->nfields;
	memset(out, 0, sizeof *out);
	const char *nature = app_json_str(obj, "nature", false, 16, false, err);
	const char *grading = app_json_str(obj, "grading", false, 16, false, err);
	const char *cond =
	        app_json_str(obj, "handling_conditions", false, PEOPLE_CONDITIONS_MAX, true, err);
	const char *source = app_json_str(obj, "source", false, PEOPLE_SOURCE_MAX, false, err);
	out->restricted = app_json_bool(obj, "restricted", dflt ? dflt->restricted : false, err);
	out->g.nature = nature ? people_nature_from_code(nature)
	                : dflt ? dflt->g.nature
	                       : PEOPLE_NATURE_UNSET;
	if (nature && out->g.nature == PEOPLE_NATURE_UNSET)
		app_field_error(err, "nature", "Say whether this is a fact or intelligence.");
	if (grading && people_grading_parse(grading, &out->g) < 0)
		app_field_error(err, "grading",
		                "Write the grading as the source evaluation, the intelligence "
		                "assessment and the handling code, e.g. 2/B/P.");
	bool inherit = dflt && out->g.nature == dflt->g.nature;
	if (!grading && inherit) {
		out->g.source_eval = dflt->g.source_eval;
		out->g.assessment = dflt->g.assessment;
		out->g.handling = dflt->g.handling;
	}
	out->g.conditions = cond ? cond : inherit && !grading ? dflt->g.conditions : NULL;
	out->source = source ? source : dflt ? dflt->source : NULL;
	concern_prefix_errors(err, before, prefix);
	if (err->nfields > before)
		return APP_INVALID;
	struct proto_err pe;
	if (people_grading_validate(&out->g, "grading", &pe) < 0 ||
	    proto_name_check(out->source, PEOPLE_SOURCE_MAX, true, "R-POI-1", "source",
	                     "The source", &pe) < 0 ||
	    people_restricted_validate(out->restricted, concern_entitled(u), u->who->system,
	                               "restricted", &pe) < 0)
		return concern_refused(u, prefix, &pe);
	return APP_OK;
}

/* ---- vehicles and phones ---- */

#define IDENT_TEXT_MAX 40

int concern_ident_find_or_add(struct uc *u, enum people_end e, const char *text, const char *make,
                              const char *model, const char *colour, char id[ID_MAX], bool *created)
{
	*created = false;
	char normal[LINK_PHONE_LEN > LINK_VRM_LEN ? LINK_PHONE_LEN : LINK_VRM_LEN] = "";
	char key[IDENT_TEXT_MAX * 4 + 2];
	bool parsed;
	if (e == PEOPLE_VEHICLE) {
		char vrm[LINK_VRM_LEN];
		parsed = link_vrm_key(text, vrm) == 0 && link_normalise_vrm(text, normal) == 0;
		snprintf(key, sizeof key, "%s", vrm);
	} else {
		parsed = link_normalise_phone(text, normal) == 0;
		snprintf(key, sizeof key, "%s", normal);
	}
	if (!parsed) { /* kept as given, marked unparsed, found again by the same text */
		normal[0] = '\0';
		snprintf(key, sizeof key, "?%s", text);
	}
	struct ident_row r;
	int rc = e == PEOPLE_VEHICLE ? store_vehicle_find(u->db, key, &r)
	                             : store_phone_find(u->db, key, &r);
	if (rc == DB_ROW) {
		snprintf(id, ID_MAX, "%s", r.id);
		if (e == PEOPLE_VEHICLE && (make || model || colour))
			return uc_db(u, store_vehicle_fill(u->db, id, make, model, colour, u->now));
		return APP_OK;
	}
	if (rc != DB_DONE)
		return uc_db(u, rc);
	id_new(people_end_prefix(e), id);
	const char *agency = concern_opt(u->who->agency_id);
	if (e == PEOPLE_VEHICLE) {
		struct store_vehicle_new v = {.id = id,
		                              .registration = text,
		                              .vrm = parsed ? normal : NULL,
		                              .match_key = key,
		                              .make = make,
		                              .model = model,
		                              .colour = colour,
		                              .agency_id = agency,
		                              .created_by = uc_user_id(u),
		                              .at = u->now};
		rc = store_vehicle_insert(u->db, &v);
	} else {
		struct store_phone_new p = {.id = id,
		                            .number = text,
		                            .e164 = parsed ? normal : NULL,
		                            .match_key = key,
		                            .agency_id = agency,
		                            .created_by = uc_user_id(u),
		                            .at = u->now};
		rc = store_phone_insert(u->db, &p);
	}
	if (rc == DB_OK)
		rc = uc_audit(u, "create", people_end_code(e), id, NULL,
		              parsed ? "parsed" : "unparsed");
	*created = rc == DB_OK;
	return uc_db(u, rc);
}

/* ---- links ---- */

/* "Daniel Okoro (person of concern)", "another child"... for a chronology entry of the
 * child `child_id`, naming end (e, id) from that child's side. */
static int other_words(struct uc *u, enum people_end e, const char *id, char *out, size_t n)
{
	if (e == PEOPLE_CHILD) {
		snprintf(out, n, "another child");
		return APP_OK;
	}
	if (e == PEOPLE_EPISODE) {
		snprintf(out, n, "a missing episode of another child");
		return APP_OK;
	}
	char label[256];
	int rc = store_entity_label(u->db, people_end_code(e), id, label, sizeof label, NULL);
	if (rc != DB_ROW)
		return uc_db(u, rc == DB_DONE ? DB_E_ERROR : rc);
	static const char *const what[PEOPLE_END_N] = {[PEOPLE_PERSON] = "person of concern",
	                                               [PEOPLE_PLACE] = "place",
	                                               [PEOPLE_VEHICLE] = "vehicle",
	                                               [PEOPLE_PHONE] = "phone"};
	snprintf(out, n, "%s (%s)", label, what[e]);
	struct proto_err pe;
	if (language_check(out, &pe) != 0) /* a name that reads badly stays on the link */
		snprintf(out, n, "a %s (%s)", what[e], id);
	return APP_OK;
}

/* The sentence for the record of the child an end is about: "the child" (or "the
 * child's missing episode") and the other end, in the link's direction. */
static int link_sentence(struct uc *u, const struct concern_link *l, bool child_is_from, char *out,
                         size_t n)
{
	enum people_end me = child_is_from ? l->from : l->to;
	enum people_end other = child_is_from ? l->to : l->from;
	const char *other_id = child_is_from ? l->to_id : l->from_id;
	char words[320];
	int rc = other_words(u, other, other_id, words, sizeof words);
	if (rc != APP_OK)
		return rc;
	const char *self = me == PEOPLE_EPISODE ? "the child's missing episode" : "the child";
	const char *kind = people_link_words(l->kind);
	if (child_is_from)
		snprintf(out, n, "%s %s %s", self, kind, words);
	else
		snprintf(out, n, "%s %s %s", words, kind, self);
	return APP_OK;
}

int concern_chronology(struct uc *u, const char *child_id, const char *kind, enum rec_nature nature,
                       const char *text)
{
	struct record_row r;
	int rc = store_record_get(u->db, child_id, &r);
	if (rc == DB_DONE)
		return APP_OK; /* no record: nothing to add to */
	if (rc != DB_ROW)
		return uc_db(u, rc);
	json_t *people = json_pack("[s]", "the child");
	if (!people)
		return uc_db(u, DB_E_NOMEM);
	int arc = chronology_add(u, r.id, u->now, nature, kind, text, people, NULL, NULL, NULL);
	json_decref(people);
	return arc;
}

/* The chronology entry of a new link for the child on one side. */
static int link_entry(struct uc *u, const struct concern_link *l, bool child_is_from,
                      const char *link_id)
{
	const char *child = child_is_from ? l->from_child : l->to_child;
	char text[900];
	if (l->gr->restricted) {
		snprintf(text, sizeof text,
		         "Restricted intelligence about the child's links was recorded (%s): "
		         "entitled police officers can see it (R-INFO-3).",
		         link_id);
		return concern_chronology(u, child, "link", REC_FACT, text);
	}
	char sentence[600], grading[PEOPLE_GRADING_LEN], dates[64] = "";
	int rc = link_sentence(u, l, child_is_from, sentence, sizeof sentence);
	if (rc != APP_OK)
		return rc;
	people_grading_format(&l->gr->g, grading);
	if (l->from_date || l->to_date)
		snprintf(dates, sizeof dates, ", %s%s%s%s", l->from_date ? "from " : "",
		         l->from_date ? l->from_date : "", l->to_date ? " to " : "",
		         l->to_date ? l->to_date : "");
	bool intel = l->gr->g.nature == PEOPLE_INTELLIGENCE;
	snprintf(text, sizeof text, "Link recorded (%s): %s%s; %s%s%s.", link_id, sentence, dates,
	         intel ? "intelligence graded " : "fact", intel ? grading : "",
	         l->note ? "; see the link's note" : "");
	return concern_chronology(u, child, "link", intel ? REC_OPINION : REC_FACT, text);
}

int concern_link_write(struct uc *u, const struct concern_link *l, char id[ID_MAX])
{
	id_new("lnk", id);
	struct concern_codes c;
	concern_codes_of(&l->gr->g, &c);
	struct store_link_new row = {.id = id,
	                             .kind = people_link_code(l->kind),
	                             .from_type = people_end_code(l->from),
	                             .from_id = l->from_id,
	                             .from_child_id = l->from_child,
	                             .to_type = people_end_code(l->to),
	                             .to_id = l->to_id,
	                             .to_child_id = l->to_child,
	                             .from_date = l->from_date,
	                             .to_date = l->to_date,
	                             .nature = people_nature_code(l->gr->g.nature),
	                             .source_eval = concern_opt(c.source_eval),
	                             .assessment = concern_opt(c.assessment),
	                             .handling = concern_opt(c.handling),
	                             .handling_conditions = l->gr->g.conditions,
	                             .source = l->gr->source,
	                             .note = l->note,
	                             .restricted = l->gr->restricted,
	                             .demo = l->demo,
	                             .recorded_by = uc_user_id(u),
	                             .recorded_by_name = u->who->display_name,
	                             .agency_id = concern_opt(u->who->agency_id),
	                             .at = u->now};
	int rc = uc_db(u, store_link_insert(u->db, &row));
	char fields[64];
	snprintf(fields, sizeof fields, "%s:%s>%s", row.kind, row.from_type, row.to_type);
	if (rc == APP_OK)
		rc = uc_db(u, uc_audit(u, "link_add", "link", id, NULL, fields));
	/* a person's keys hold the phone their links join */
	if (rc == APP_OK && l->from == PEOPLE_PERSON)
		rc = pm_refresh(u, l->from_id);
	if (rc == APP_OK && l->to == PEOPLE_PERSON)
		rc = pm_refresh(u, l->to_id);
	if (rc == APP_OK && l->from_child)
		rc = link_entry(u, l, true, id);
	if (rc == APP_OK && l->to_child &&
	    !(l->from_child && strcmp(l->from_child, l->to_child) == 0))
		rc = link_entry(u, l, false, id);
	return rc;
}

/* The link of a stored row, as concern_link (ends and kind only). */
static void link_of_row(const struct link_row *r, struct concern_link *l)
{
	memset(l, 0, sizeof *l);
	l->kind = (enum people_link)people_link_from_code(r->kind);
	l->from = (enum people_end)people_end_from_code(r->from_type);
	l->to = (enum people_end)people_end_from_code(r->to_type);
	l->from_id = r->from_id;
	l->to_id = r->to_id;
	l->from_child = concern_opt(r->from_child_id);
	l->to_child = concern_opt(r->to_child_id);
}

/* The chronology entry of an ended link for the child on one side. */
static int end_entry(struct uc *u, const struct link_row *r, bool child_is_from, const char *reason)
{
	struct concern_link l;
	link_of_row(r, &l);
	const char *child = child_is_from ? l.from_child : l.to_child;
	char text[PROTO_SHORT_MAX + 700];
	if (r->restricted) {
		snprintf(text, sizeof text,
		         "A restricted link about the child was ended (%s): entitled police "
		         "officers can see it (R-INFO-3).",
		         r->id);
		return concern_chronology(u, child, "link", REC_FACT, text);
	}
	char sentence[600];
	int rc = link_sentence(u, &l, child_is_from, sentence, sizeof sentence);
	if (rc != APP_OK)
		return rc;
	snprintf(text, sizeof text, "Link ended (%s): %s. Reason: %s", r->id, sentence, reason);
	return concern_chronology(u, child, "link", REC_FACT, text);
}

int concern_link_end(struct uc *u, const struct link_row *l, const char *reason)
{
	int src = store_link_end(u->db, l->id, uc_user_id(u), u->who->display_name, reason, u->now);
	if (src == DB_DONE)
		return app_fail(u->err, APP_CONFLICT, NULL, "This link has already ended.");
	int rc = uc_db(u, src);
	if (rc == APP_OK)
		rc = uc_db(u, uc_audit(u, "link_end", "link", l->id, NULL, l->kind));
	if (rc == APP_OK && strcmp(l->from_type, "person") == 0)
		rc = pm_refresh(u, l->from_id);
	if (rc == APP_OK && strcmp(l->to_type, "person") == 0)
		rc = pm_refresh(u, l->to_id);
	if (rc == APP_OK && l->from_child_id[0])
		rc = end_entry(u, l, true, reason);
	if (rc == APP_OK && l->to_child_id[0] && strcmp(l->from_child_id, l->to_child_id) != 0)
		rc = end_entry(u, l, false, reason);
	return rc;
}
