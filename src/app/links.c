/*
 * links.c: links between children, persons of concern, places, vehicles, phones and
 * missing episodes (see links.h): adding one after checking its kind, ends, dates and
 * grading and gating both ends; ending one; and reading an entity's links and its
 * network to depth 1, each end filtered by what the actor sees.
 */
#include "app/links.h"

#include "app/concern.h"
#include "store/links.h"
#include "store/records.h"

#define LINKS_MAX 500
#define REASON_MAX 500

/* ---- adding ---- */

struct link_in {
	const char *from, *to, *kind, *note;
	char from_date[LT_DATE_LEN], to_date[LT_DATE_LEN];
	struct concern_grading gr;
	struct people_link_in pl;
};

/* Whether s is a record's reference, LAN-YYYY-NNNNNN (the child's end of a link may be
 * given by it, R-REC-1: one record per child). */
/* A date kept as text by app_json_date ("" when absent) as a date; y 0 when none. */
static struct lt_date date_or_none(const char *s)
{
	struct lt_date d = {0};
	if (!s || !s[0] || ltime_parse_date(s, &d) < 0)
		return (struct lt_date){0};
	return d;
}

static bool is_record_ref(const char *s)
{
	if (!s || strlen(s) != 15 || strncmp(s, "LAN-", 4) != 0 || s[8] != '-')
		return false;
	for (size_t i = 4; i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* The kind of end an id names (a record reference names a child); 0 for none given. */
static int end_of(const char *id)
{
	if (!id)
		return 0;
	return is_record_ref(id) ? (int)PEOPLE_CHILD : concern_end_of(id);
}

/* An end given by its record reference becomes the child's id (into buf); a reference
 * that names no record answers as a child the actor may not see would (R-INFO-3). */
static int resolve_ref(struct uc *u, const char **id, char buf[ID_MAX])
{
	if (!is_record_ref(*id))
		return APP_OK;
	struct record_row r;
	int rc = store_record_get(u->db, *id, &r);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "%s", concern_missing(PEOPLE_CHILD));
	if (rc != DB_ROW)
		return uc_db(u, rc);
	snprintf(buf, ID_MAX, "%s", r.child_id);
	*id = buf;
	return APP_OK;
}

/* Reads and checks a new link as far as can be done before the transaction. */
static int link_read(struct uc *u, json_t *in, struct link_in *l)
{
	struct app_err *err = u->err;
	memset(l, 0, sizeof *l);
	l->from = app_json_str(in, "from", true, ID_MAX, false, err);
	l->to = app_json_str(in, "to", true, ID_MAX, false, err);
	l->kind = app_json_str(in, "kind", true, 24, false, err);
	l->note = app_json_str(in, "note", false, PROTO_SHORT_MAX, true, err);
	bool present;
	app_json_date(in, "from_date", false, err, l->from_date, &present);
	app_json_date(in, "to_date", false, err, l->to_date, &present);
	int fe = end_of(l->from), te = end_of(l->to);
	if (fe < 0)
		app_field_error(
		        err, "from",
		        "Give a child's record reference (LAN-2025-000022), or the id of a child, "
		        "person of concern, place, vehicle, phone or missing episode.");
	if (te < 0)
		app_field_error(
		        err, "to",
		        "Give a child's record reference (LAN-2025-000022), or the id of a child, "
		        "person of concern, place, vehicle, phone or missing episode.");
	if (err->code)
		return err->code;
	struct proto_err pe;
	l->pl = (struct people_link_in){.kind = people_link_from_code(l->kind),
	                                .from = (enum people_end)fe,
	                                .to = (enum people_end)te,
	                                .from_id = l->from,
	                                .to_id = l->to};
	if (people_link_validate(&l->pl, &pe) < 0 ||
	    people_dates_validate(l->from_date, l->to_date, ltime_date_of(u->now), "from_date",
	                          "to_date", &pe) < 0 ||
	    proto_text_check(l->note, PROTO_SHORT_MAX, false, "R-LOC-1", "note", "The note", &pe) <
	            0)
		return uc_proto_refused(u, &pe);
	return concern_grading_read(u, in, NULL, "", &l->gr);
}

/* The link's view, with its grading. */
static int link_view(struct uc *u, const char *id, json_t **out)
{
	int rc;
	*out = store_link_view(u->db, id, &rc);
	if (!*out)
		return uc_db(u, rc);
	concern_grading_json(*out);
	return APP_OK;
}

int app_link_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err)
{
	UNUSED(id);
	static const char *const allowed[] = {
	        "from",    "to",     "kind",       "from_date",
	        "to_date", "nature", "grading",    "handling_conditions",
	        "source",  "note",   "restricted", NULL};
	struct uc u;
	struct link_in l;
	if (!uc_open_change(&u, db, who, in, out, err, "record links", "link", allowed))
		return err->code;
	int rc = link_read(&u, in, &l);
	if (rc != APP_OK)
		return rc;
	char from_child[ID_MAX], to_child[ID_MAX], lid[ID_MAX], from_id[ID_MAX], to_id[ID_MAX];
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = resolve_ref(&u, &l.from, from_id);
	if (rc == APP_OK)
		rc = resolve_ref(&u, &l.to, to_id);
	l.pl.from_id = l.from;
	l.pl.to_id = l.to;
	if (rc == APP_OK)
		rc = concern_gate(&u, l.pl.from, l.from, from_child);
	if (rc == APP_OK)
		rc = concern_gate(&u, l.pl.to, l.to, to_child);
	int fit = -1;
	if (rc == APP_OK) { /* again, knowing the children: a child and its own episode */
		struct proto_err pe;
		l.pl.from_child = concern_opt(from_child);
		l.pl.to_child = concern_opt(to_child);
		fit = people_link_validate(&l.pl, &pe);
		if (fit < 0)
			rc = uc_proto_refused(&u, &pe);
	}
	if (rc == APP_OK) {
		bool swap = fit == 1;
		struct concern_link cl = {.kind = (enum people_link)l.pl.kind,
		                          .from = swap ? l.pl.to : l.pl.from,
		                          .to = swap ? l.pl.from : l.pl.to,
		                          .from_id = swap ? l.to : l.from,
		                          .to_id = swap ? l.from : l.to,
		                          .from_child = swap ? l.pl.to_child : l.pl.from_child,
		                          .to_child = swap ? l.pl.from_child : l.pl.to_child,
		                          .from_date = date_or_none(l.from_date),
		                          .to_date = date_or_none(l.to_date),
		                          .gr = &l.gr,
		                          .note = l.note};
		rc = concern_link_write(&u, &cl, lid);
	}
	if (rc == APP_OK)
		rc = link_view(&u, lid, out);
	return uc_end(&u, rc, out);
}

/* ---- one link ---- */

/* Loads link `id` and checks the actor sees it (both ends, and its restriction); a link
 * the actor may not see answers as absent, and the refusal is noted for audit. */
static int link_gate(struct uc *u, const char *id, struct link_row *l)
{
	if (!id_valid(id, "lnk"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such link.");
	int src = store_link_get(u->db, id, l);
	if (src == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such link.");
	if (src != DB_ROW)
		return uc_db(u, src);
	bool sees_from = false, sees_to = false;
	int rc = concern_sees(u, (enum people_end)people_end_from_code(l->from_type), l->from_id,
	                      &sees_from);
	if (rc == APP_OK)
		rc = concern_sees(u, (enum people_end)people_end_from_code(l->to_type), l->to_id,
		                  &sees_to);
	if (rc != APP_OK)
		return rc;
	if (!people_link_visible(l->restricted, concern_entitled(u), u->who->system, sees_from,
	                         sees_to)) {
		uc_refuse(u, "link", id, NULL, "does not see both ends, or restricted");
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such link.");
	}
	return APP_OK;
}

int app_link_end(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err)
{
	static const char *const allowed[] = {"reason", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "end links", "request", allowed))
		return err->code;
	const char *reason = app_json_str(in, "reason", false, REASON_MAX, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (proto_text_check(reason, REASON_MAX, true, "R-LOC-1", "reason",
	                     "The reason for ending the link", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	struct link_row l;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = link_gate(&u, id, &l);
	if (rc == APP_OK)
		rc = concern_link_end(&u, &l, reason);
	if (rc == APP_OK)
		rc = link_view(&u, id, out);
	return uc_end(&u, rc, out);
}

int app_link_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct link_row l;
	int rc = concern_may_read(&u, "links");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = link_gate(&u, id, &l);
	if (rc == APP_OK)
		rc = link_view(&u, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "link", id, NULL, "all"));
	return uc_end(&u, rc, out);
}

/* ---- an entity's links ---- */

/* Opens a read of entity `id`'s links: its gate, its label and the links the actor
 * sees. *entity {type, id, label}; *links the rows. Links the actor does not see leave no
 * trace (not even their number). */
static int links_of(struct uc *u, const char *id, json_t *in, json_t **entity, json_t **links)
{
	static const char *const allowed[] = {"include_ended", NULL};
	*entity = *links = NULL;
	bool ended = false;
	if (in && !json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The request must be a JSON object.");
	if (in) {
		app_json_only(in, allowed, u->err);
		ended = app_json_bool(in, "include_ended", false, u->err);
		if (u->err->code)
			return u->err->code;
	}
	int e = concern_end_of(id);
	int rc = concern_may_read(u, "links");
	if (rc == APP_OK && e < 0)
		rc = app_fail(u->err, APP_NOT_FOUND, NULL, "No such thing.");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(u);
	if (rc == APP_OK)
		rc = concern_gate(u, (enum people_end)e, id, NULL);
	char label[512];
	if (rc == APP_OK) {
		int src = store_entity_label(u->db, people_end_code((enum people_end)e), id, label,
		                             sizeof label, NULL);
		rc = src == DB_ROW ? APP_OK : uc_db(u, src == DB_DONE ? DB_E_ERROR : src);
	}
	struct store_concern_viewer cv;
	concern_viewer(u, &cv);
	int src = DB_OK;
	if (rc == APP_OK && !(*links = store_links_of(u->db, &cv, id, ended, LINKS_MAX, &src)))
		rc = uc_db(u, src);
	if (rc == APP_OK) {
		concern_grading_json(*links);
		*entity = json_pack("{s:s, s:s, s:s}", "type", people_end_code((enum people_end)e),
		                    "id", id, "label", label);
		if (!*entity)
			rc = app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
	}
	if (rc == APP_OK)
		rc = uc_db(u, uc_audit(u, "view", "links", id, NULL, ended ? "all" : "current"));
	return rc;
}

int app_links_list(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	json_t *entity = NULL, *links = NULL;
	int rc = links_of(&u, id, in, &entity, &links);
	if (rc == APP_OK && !(*out = json_pack("{s:O, s:O}", "entity", entity, "links", links)))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	json_decref(entity);
	json_decref(links);
	return uc_end(&u, rc, out);
}

/* The nodes and edges of an entity's links (depth 1). */
static json_t *network_of(json_t *entity, json_t *links)
{
	const char *root = json_string_value(json_object_get(entity, "id"));
	json_t *nodes = json_array(), *edges = json_array(), *seen = json_object();
	json_array_append(nodes, entity);
	json_object_set_new(seen, root, json_true());
	size_t i;
	json_t *l;
	json_array_foreach(links, i, l)
	{
		const char *other = json_string_value(json_object_get(l, "other_id"));
		if (other && !json_object_get(seen, other)) {
			json_object_set_new(seen, other, json_true());
			json_array_append_new(nodes,
			                      json_pack("{s:O, s:O, s:O}", "id",
			                                json_object_get(l, "other_id"), "type",
			                                json_object_get(l, "other_type"), "label",
			                                json_object_get(l, "other_label")));
		}
		bool from_root =
		        strcmp(json_string_value(json_object_get(l, "direction")), "from") == 0;
		json_array_append_new(
		        edges,
		        json_pack("{s:O, s:O, s:s, s:s, s:O, s:O, s:O, s:O, s:O, s:b}", "id",
		                  json_object_get(l, "id"), "kind", json_object_get(l, "kind"),
		                  "from", from_root ? root : other, "to", from_root ? other : root,
		                  "nature", json_object_get(l, "nature"), "grading",
		                  json_object_get(l, "grading"), "restricted",
		                  json_object_get(l, "restricted"), "from_date",
		                  json_object_get(l, "from_date"), "to_date",
		                  json_object_get(l, "to_date"), "ended",
		                  !json_is_null(json_object_get(l, "ended_at"))));
	}
	json_decref(seen);
	return json_pack("{s:s, s:o, s:o}", "root", root, "nodes", nodes, "edges", edges);
}

int app_entity_network(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	json_t *entity = NULL, *links = NULL;
	int rc = links_of(&u, id, in, &entity, &links);
	if (rc == APP_OK && !(*out = network_of(entity, links)))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	json_decref(entity);
	json_decref(links);
	return uc_end(&u, rc, out);
}
