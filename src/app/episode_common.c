/*
 * episode_common.c: what the use cases on missing episodes share (episode_common.h):
 * loading an episode the actor may see, reading and writing the people and places named
 * in input, the chronology entry an episode adds to the child's record, and the check
 * that the child has returned.
 */
#include "app/episode_common.h"

#include "app/gate.h"
#include "app/chronology.h"
#include "link/normalise.h"
#include "store/children.h"
#include "store/episodes.h"
#include "util/parse.h"

int64_t parse_time_or(const char *s, int64_t dflt)
{
	int64_t t;
	return s && s[0] && ltime_parse(s, &t) == 0 ? t : dflt;
}

/* "family given" normalised, to compare with children.name_key. */
void people_key(const char *name, char key[KEY_LEN])
{
	struct link_full_name fn;
	key[0] = '\0';
	if (link_split_full_name(name, &fn) < 0) {
		link_normalise_text(name, key, KEY_LEN);
		return;
	}
	char g[LINK_TEXT_LEN], f[LINK_TEXT_LEN];
	link_tokens_join(&fn.given, g, sizeof g);
	link_tokens_join(&fn.family, f, sizeof f);
	snprintf(key, KEY_LEN, "%.120s%s%.120s", f, f[0] && g[0] ? " " : "", g);
}

void people_parse(struct uc *u, json_t *in, const char *key, struct people_in *p)
{
	memset(p, 0, sizeof(*p));
	json_t *a = json_object_get(in, key);
	if (!a || json_is_null(a))
		return;
	if (!json_is_array(a) || json_array_size(a) > MAX_PEOPLE) {
		app_field_error(u->err, key, "%s must be a list of at most %d names.", key,
		                MAX_PEOPLE);
		return;
	}
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		const char *name = NULL, *cid = NULL;
		if (json_is_string(v)) {
			name = json_string_value(v);
		} else if (json_is_object(v)) {
			name = json_string_value(json_object_get(v, "name"));
			cid = json_string_value(json_object_get(v, "child_id"));
		}
		if (!name || !text_ok(name, 200, false) || proto_blank(name) ||
		    (cid && !id_valid(cid, "ch"))) {
			app_field_error(u->err, key,
			                "Each person in %s is a name of at most 200 characters, or "
			                "{\"name\", \"child_id\"}.",
			                key);
			continue;
		}
		p->name[p->n] = name;
		p->child_id[p->n++] = cid;
	}
}

/* Writes the people and joins their names with "; " into text. */
int people_store(struct uc *u, const struct people_in *p, const char *episode_id,
                 const char *child_id, const char *kind, char *text, size_t n)
{
	int rc = DB_OK;
	if (text)
		text[0] = '\0';
	for (size_t i = 0; rc == DB_OK && i < p->n; i++) {
		char key[KEY_LEN];
		people_key(p->name[i], key);
		const char *other = p->child_id[i];
		if (other) {
			int crc;
			json_t *c = store_child_get(u->db, other, &crc);
			if (!c) {
				if (crc != DB_DONE)
					return uc_db(u, crc);
				app_field_error(u->err, kind, "There is no child %.40s.", other);
				return APP_INVALID;
			}
			json_decref(c);
		}
		struct store_episode_named pn = {.episode_id = episode_id,
		                                 .child_id = child_id,
		                                 .kind = kind,
		                                 .text = p->name[i],
		                                 .key = key,
		                                 .other_child_id = other,
		                                 .at = u->now};
		rc = store_episode_person_add(u->db, &pn);
		if (text) {
			size_t len = strlen(text);
			snprintf(text + len, n - len, "%s%s", len ? "; " : "", p->name[i]);
		}
	}
	return uc_db(u, rc);
}

int location_store(struct uc *u, const char *episode_id, const char *child_id, const char *kind,
                   const char *text)
{
	if (!text)
		return APP_OK;
	char key[KEY_LEN];
	if (link_normalise_text(text, key, sizeof key) < 0)
		snprintf(key, sizeof key, "%.200s", text);
	struct store_episode_named ln = {.episode_id = episode_id,
	                                 .child_id = child_id,
	                                 .kind = kind,
	                                 .text = text,
	                                 .key = key,
	                                 .at = u->now};
	return uc_db(u, store_episode_location_add(u->db, &ln));
}

/* Appends an entry involving the child to the child's record chronology (R-REC-3). */
int chron_add(struct uc *u, const char *record_id, int64_t occurred, enum rec_nature nat,
              const char *kind, const char *text, char id_out[ID_MAX])
{
	json_t *people = json_pack("[s]", "the child");
	if (!people)
		return uc_db(u, DB_E_NOMEM);
	int arc =
	        chronology_add(u, record_id, occurred, nat, kind, text, people, NULL, NULL, id_out);
	json_decref(people);
	return arc;
}

int fetch_episode(struct uc *u, const char *id, struct episode_row *e)
{
	if (!id || !id_valid(id, "mep"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such episode.");
	int rc = store_episode_get(u->db, id, e);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such episode.");
	return rc == DB_ROW ? APP_OK : uc_db(u, rc);
}

/* Loads an episode and checks the actor may see its child (the access gate). */
static int load_episode(struct uc *u, const char *id, struct episode_row *e)
{
	int rc = fetch_episode(u, id, e);
	return rc == APP_OK
	               ? access_gate(u, e->child_id, "episode", e->id, NULL, "No such episode.")
	               : rc;
}

/* Opens a transaction with the episode loaded and visible. */
int open_episode(struct uc *u, const char *id, struct episode_row *e)
{
	if (uc_begin(u) != APP_OK)
		return u->err->code;
	int rc = load_episode(u, id, e);
	return rc == APP_OK ? APP_OK : uc_abort(u, rc);
}

/* Joins the names with "; " into text. */
void people_text(const struct people_in *p, char *text, size_t n)
{
	text[0] = '\0';
	for (size_t i = 0; i < p->n; i++) {
		size_t len = strlen(text);
		snprintf(text + len, n - len, "%s%s", i ? "; " : "", p->name[i]);
	}
}

/* Refuses an episode whose child has not returned yet. */
int must_be_returned(struct uc *u, const struct episode_row *e, const char *rule, const char *what)
{
	if (e->returned_at)
		return APP_OK;
	return app_fail(u->err, APP_CONFLICT, rule,
	                "The child has not been recorded as found or returned yet, so %s cannot be "
	                "recorded (%s).",
	                what, rule);
}

/* Parses JSON text stored in a column into a value. */
void parse_member(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	if (!s)
		return;
	json_t *v = json_loads(s, 0, NULL);
	json_object_set_new(obj, key, v ? v : json_null());
}
