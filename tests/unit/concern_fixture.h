/*
 * concern_fixture.h: helpers shared by the tests of persons of concern, places, vehicles,
 * phones and links (test_app_people.c, test_app_places.c, test_app_links.c), on top of
 * app_fixture.h: counts of every table a use case may write (the fixture's and
 * migration 011's), calling a use case as a fixture user, and making the persons,
 * places and links the tests need. All names and details are synthetic.
 */
#ifndef LANTERN_TEST_CONCERN_FIXTURE_H
#define LANTERN_TEST_CONCERN_FIXTURE_H

#include "app_fixture.h"

#include "app/episodes.h"
#include "app/links.h"
#include "app/people.h"
#include "app/places.h"

/* Tables of migration 011, beside FX_TABLES. */
static const char *const CX_TABLES[] = {
        "people",   "person_items", "people_keys", "child_pnc_markers", "places", "place_hotspots",
        "vehicles", "phones",       "links",
};
#define CX_NTABLES (sizeof CX_TABLES / sizeof CX_TABLES[0])

struct cx_counts {
	int64_t fx[FX_NTABLES], cx[CX_NTABLES];
};

static inline void cx_counts(struct fx *f, struct cx_counts *c)
{
	fx_counts(f, c->fx);
	for (size_t i = 0; i < CX_NTABLES; i++)
		c->cx[i] = fx_count(f, CX_TABLES[i]);
}

/* Every table as before, except audit_events, which may have grown by `audit` (a
 * refusal or a shown candidate list is audited on its own). */
static inline void cx_assert_unchanged(struct fx *f, const struct cx_counts *c, int64_t audit)
{
	for (size_t i = 0; i < FX_NTABLES; i++) {
		int64_t now = fx_count(f, FX_TABLES[i]);
		int64_t want = c->fx[i] + (strcmp(FX_TABLES[i], "audit_events") == 0 ? audit : 0);
		if (now != want)
			fail_msg("table %s went from %lld to %lld rows (wanted %lld)", FX_TABLES[i],
			         (long long)c->fx[i], (long long)now, (long long)want);
	}
	for (size_t i = 0; i < CX_NTABLES; i++) {
		int64_t now = fx_count(f, CX_TABLES[i]);
		if (now != c->cx[i])
			fail_msg("table %s went from %lld to %lld rows", CX_TABLES[i],
			         (long long)c->cx[i], (long long)now);
	}
	assert_false(db_in_tx(f->db));
}

typedef int (*cx_use_case)(struct db *db, const struct actor *who, const char *id, json_t *in,
                           json_t **out, struct app_err *err);

/* Runs a use case as fixture user `username` (NULL: the system operator); takes `in`. */
static inline int cx_call(struct fx *f, cx_use_case fn, const char *username, const char *id,
                          json_t *in, json_t **out, struct app_err *err)
{
	struct actor a = username ? fx_actor(f, username) : f->sys;
	memset(err, 0, sizeof *err);
	*out = NULL;
	int rc = fn(f->db, &a, id, in, out, err);
	json_decref(in);
	return rc;
}

/* As cx_call, for a use case that must succeed; returns its output (caller decrefs). */
static inline json_t *cx_ok(struct fx *f, cx_use_case fn, const char *username, const char *id,
                            json_t *in)
{
	json_t *out;
	struct app_err err;
	int rc = cx_call(f, fn, username, id, in, &out, &err);
	if (rc != APP_OK)
		fail_msg("use case refused (%d, %s): %s [%s: %s]", rc, err.rule ? err.rule : "-",
		         err.message, err.nfields ? err.fields[0].field : "",
		         err.nfields ? err.fields[0].message : "");
	return out;
}

/* The "id" member of out, copied into id; decrefs out. */
static inline void cx_id(json_t *out, char id[ID_MAX])
{
	snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
}

/* A person known by one full name, recorded as fact from `source`, confirmed new. */
static inline json_t *cx_person(const char *name, const char *dob)
{
	json_t *in = json_pack("{s:[{s:s, s:s}], s:s, s:s, s:b}", "names", "name", name, "kind",
	                       "name", "nature", "fact", "source", "PNC check", "confirm_new", 1);
	if (dob)
		json_object_set_new(in, "dates_of_birth", json_pack("[{s:s}]", "date", dob));
	return in;
}

/* Adds a person as `username`; id out. */
static inline void cx_add_person(struct fx *f, const char *username, const char *name,
                                 const char *dob, char id[ID_MAX])
{
	cx_id(cx_ok(f, app_person_add, username, NULL, cx_person(name, dob)), id);
}

/* A link of `kind` from -> to, as fact. */
static inline json_t *cx_link(const char *from, const char *to, const char *kind)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "from", from, "to", to, "kind", kind,
	                 "nature", "fact", "source", "Safe and well check");
}

/* Adds a link as `username`; id out (may be NULL). */
static inline void cx_add_link(struct fx *f, const char *username, const char *from, const char *to,
                               const char *kind, char id[ID_MAX])
{
	json_t *out = cx_ok(f, app_link_add, username, NULL, cx_link(from, to, kind));
	if (id)
		cx_id(out, id);
	else
		json_decref(out);
}

/* Events in the audit log with this action, entity type and entity id. */
static inline int64_t cx_audit(struct fx *f, const char *action, const char *type,
                               const char *entity_id)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM audit_events WHERE action = $1"
	                                " AND entity_type = $2 AND entity_id = $3",
	                                "sss", action, type, entity_id),
	                 DB_OK);
	return n;
}

/* Chronology entries of the record `ref` of kind `kind` whose text contains `part`. */
static inline int64_t cx_entries(struct fx *f, const char *ref, const char *kind, const char *part)
{
	char like[256];
	snprintf(like, sizeof like, "%%%s%%", part);
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM record_entries e JOIN records r"
	                                " ON r.id = e.record_id WHERE r.reference = $1"
	                                " AND e.kind = $2 AND e.text LIKE $3",
	                                "sss", ref, kind, like),
	                 DB_OK);
	return n;
}

/* Whether an array of objects has one whose `key` is the string `value`. */
static inline bool cx_has(json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
	{
		const char *v = json_string_value(json_object_get(o, key));
		if (v && strcmp(v, value) == 0)
			return true;
	}
	return false;
}

#endif
