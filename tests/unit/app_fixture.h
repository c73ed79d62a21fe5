/*
 * app_fixture.h: shared set-up for the use-case tests (tests/unit/test_app_*.c). Builds
 * a SQLite database in a temporary file (tmpdb.h; so the view cache, which never keeps views of an
 * in-memory database, is at work in every test that reads a record after changing it)
 * with the real migrations, three boroughs, a handful of
 * agencies and one user per role, all through the admin use cases, at a fixed instant.
 * The partnership is built once per test file (password hashing is deliberately slow);
 * each test then uses its own made-up children, so tests do not see each other's data.
 * All names and details here are synthetic.
 */
#ifndef LANTERN_TEST_APP_FIXTURE_H
#define LANTERN_TEST_APP_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

#include "app/admin.h"
#include "app/app.h"
#include "app/children.h"
#include "app/record_view.h"
#include "app/referrals.h"
#include "audit/audit.h"
#include "store/db.h"
#include "store/records.h"
#include "store/migrate.h"
#include "util/embedded.h"
#include "util/ltime.h"
#include "tmpdb.h"

/* 2026-03-10T12:00:00Z: the clock of every use case in these tests. */
#define FX_NOW ((int64_t)1773144000)
#define FX_PASSWORD "correct-horse-battery-staple"

struct fx {
	struct db *db;
	struct tmpdb file; /* the temporary database file */
	struct actor sys;
	char camden[ID_MAX], hackney[ID_MAX], islington[ID_MAX];
};

/* The users every test file gets: username, agency, roles (comma list). */
static const struct {
	const char *username, *agency, *roles;
} FX_USERS[] = {
        {"pc.ames", "Camden Police", "police_officer"},
        {"pc.brook", "Camden Police", "police_officer"},
        {"ps.clark", "Camden Police", "police_officer,police_supervisor"},
        {"ps.dunn", "Camden Police", "police_supervisor"},
        {"at.lewis", "Sexual Exploitation Team", "assessment_team"},
        {"mash.fry", "Camden Children's Services", "mash_worker"},
        {"sw.green", "Camden Children's Services", "social_worker"},
        {"nurse.hill", "North Central Health Trust", "health"},
        {"nurse.irwin", "Riverside Health Trust", "health"},
        {"teacher.jones", "Fernbank Academy", "education"},
        {"aud.king", "Camden Children's Services", "auditor"},
        {"admin.moss", "Camden Children's Services", "administrator"},
};

/* Runs an admin use case that must succeed; returns the new object's "id" into id. */
static inline void fx_must(int rc, json_t *out, const struct app_err *err, char *id)
{
	if (rc != APP_OK)
		fail_msg("set-up failed (%d): %s %s %s", rc, err->message,
		         err->nfields ? err->fields[0].field : "",
		         err->nfields ? err->fields[0].message : "");
	if (id)
		snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
}

/* app_user_disable, dropping its view (the tests check its code and the database). */
static inline int fx_user_disable(struct fx *f, const struct actor *who, const char *username,
                                  struct app_err *err)
{
	json_t *out = NULL;
	int rc = app_user_disable(f->db, who, username, NULL, &out, err);
	json_decref(out);
	return rc;
}

static inline void fx_borough(struct fx *f, const char *name, const char *code, char id[ID_MAX])
{
	struct app_err err = {0};
	json_t *in = json_pack("{s:s, s:s}", "name", name, "code", code), *out = NULL;
	int rc = app_borough_add(f->db, &f->sys, NULL, in, &out, &err);
	json_decref(in);
	fx_must(rc, out, &err, id);
}

static inline void fx_agency(struct fx *f, const char *name, const char *type, const char *borough)
{
	struct app_err err = {0};
	json_t *in = json_pack("{s:s, s:s, s:s?}", "name", name, "type", type, "borough", borough);
	json_t *out = NULL;
	int rc = app_agency_add(f->db, &f->sys, NULL, in, &out, &err);
	json_decref(in);
	fx_must(rc, out, &err, NULL);
}

static inline void fx_user(struct fx *f, const char *username, const char *agency,
                           const char *roles)
{
	struct app_err err = {0};
	json_t *r = json_array();
	char buf[200];
	snprintf(buf, sizeof buf, "%s", roles);
	char *save = NULL;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(r, json_string(t));
	json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:s}", "username", username, "display_name",
	                       username, "agency", agency, "roles", r, "password", FX_PASSWORD);
	json_t *out = NULL;
	int rc = app_user_add(f->db, &f->sys, NULL, in, &out, &err);
	json_decref(in);
	fx_must(rc, out, &err, NULL);
}

/* Opens a fresh database with the whole partnership. For cmocka group set-up. */
static inline int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	tmpdb_make(&f->file, &f->db);
	actor_system(&f->sys);
	f->sys.now = FX_NOW;
	fx_borough(f, "Camden", "CAM", f->camden);
	fx_borough(f, "Hackney", "HAC", f->hackney);
	fx_borough(f, "Islington", "ISL", f->islington);
	fx_agency(f, "Camden Police", "police", "Camden");
	fx_agency(f, "Sexual Exploitation Team", "police", NULL);
	fx_agency(f, "Camden Children's Services", "childrens_social_care", "Camden");
	fx_agency(f, "North Central Health Trust", "health", NULL);
	fx_agency(f, "Riverside Health Trust", "health", NULL);
	fx_agency(f, "Fernbank Academy", "education", "Camden");
	for (size_t i = 0; i < ARRAY_LEN(FX_USERS); i++)
		fx_user(f, FX_USERS[i].username, FX_USERS[i].agency, FX_USERS[i].roles);
	*state = f;
	return 0;
}

static inline int fx_teardown(void **state)
{
	struct fx *f = *state;
	if (f) {
		assert_false(db_in_tx(f->db));
		db_close(f->db);
		tmpdb_remove(&f->file);
		free(f);
	}
	return 0;
}

/* The actor of a fixture user, at FX_NOW. */
static inline struct actor fx_actor(struct fx *f, const char *username)
{
	struct actor a;
	struct app_err err = {0};
	if (actor_load(f->db, username, &a, &err) != APP_OK)
		fail_msg("actor_load %s: %s", username, err.message);
	a.now = FX_NOW;
	return a;
}

static inline int64_t fx_count(struct fx *f, const char *table)
{
	char sql[160];
	int64_t n = -1;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	assert_int_equal(db_query_int64(f->db, &n, sql, ""), DB_OK);
	return n;
}

/* Row counts of every table a use case may write, to prove nothing was written. */
static const char *const FX_TABLES[] = {
        "children",           "child_names",     "child_keys",     "child_addresses",
        "child_risk_groups",  "child_agencies",  "records",        "referrals",
        "referral_signs",     "referral_steps",  "record_entries", "category_decisions",
        "record_flags",       "outcomes",        "external_refs",  "record_classifications",
        "supervisor_reviews", "essential_steps", "audit_events",
};
#define FX_NTABLES (sizeof FX_TABLES / sizeof FX_TABLES[0])

static inline void fx_counts(struct fx *f, int64_t out[FX_NTABLES])
{
	for (size_t i = 0; i < FX_NTABLES; i++)
		out[i] = fx_count(f, FX_TABLES[i]);
}

static inline void fx_assert_counts_unchanged(struct fx *f, const int64_t before[FX_NTABLES])
{
	for (size_t i = 0; i < FX_NTABLES; i++) {
		int64_t now = fx_count(f, FX_TABLES[i]);
		if (now != before[i])
			fail_msg("table %s went from %lld to %lld rows", FX_TABLES[i],
			         (long long)before[i], (long long)now);
	}
	assert_false(db_in_tx(f->db));
}

/* As fx_assert_counts_unchanged, except that the audit log grew by exactly n events,
 * the newest n, each of `action` (a refusal or a disclosure is audited although the
 * use case wrote nothing else, R-INFO-2). */
static inline void fx_assert_only_audited(struct fx *f, const int64_t before[FX_NTABLES],
                                          const char *action, int64_t n)
{
	for (size_t i = 0; i < FX_NTABLES; i++) {
		int64_t now = fx_count(f, FX_TABLES[i]);
		int64_t want = before[i] + (strcmp(FX_TABLES[i], "audit_events") == 0 ? n : 0);
		if (now != want)
			fail_msg("table %s went from %lld to %lld rows (expected %lld)",
			         FX_TABLES[i], (long long)before[i], (long long)now,
			         (long long)want);
	}
	int64_t last = 0;
	char sql[200];
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM (SELECT action FROM audit_events ORDER BY seq DESC"
	         " LIMIT %lld) WHERE action = $1",
	         (long long)n);
	assert_int_equal(db_query_int64(f->db, &last, sql, "s", action), DB_OK);
	assert_int_equal(last, n);
	assert_false(db_in_tx(f->db));
}

/* A child object. dob may be NULL. */
static inline json_t *fx_child(const char *given, const char *family, const char *dob)
{
	return json_pack("{s:s, s:s, s:s?, s:s, s:s}", "given_names", given, "family_name", family,
	                 "date_of_birth", dob, "gender", "female", "residence_borough", "Camden");
}

/* A non-police referral with one sign (gifts_money) and its rationale, for a new child
 * (confirm_new_child) or, when child is NULL, for child_id. Takes ownership of child. */
static inline json_t *fx_referral(json_t *child, const char *child_id)
{
	json_t *in = json_pack(
	        "{s:s, s:[{s:s, s:s, s:s}], s:s, s:[s, s]}", "circumstances",
	        "School noticed the child collected by an unknown adult in a car after lessons.",
	        "signs", "code", "gifts_money", "evidence",
	        "Two new phones and expensive trainers.", "seen_on", "2026-03-02", "rationale",
	        "Receipt of unexplained gifts: two new phones, source not explained.",
	        "people_involved", "the child", "form tutor");
	if (child) {
		json_object_set_new(in, "child", child);
		json_object_set_new(in, "confirm_new_child", json_true());
	} else {
		json_object_set_new(in, "child_id", json_string(child_id));
	}
	return in;
}

/* The police App G template for a referral (items 1-5 and an initial category). */
static inline void fx_police_template(json_t *in, int category, const char *contact)
{
	json_t *p = json_pack("{s:s, s:s, s:s}", "risk_review",
	                      "PNC and local checks on the child and two known associates.",
	                      "merlin_pac", "01MP/204518", "other_info",
	                      "Reported missing twice this term.");
	if (category) {
		json_object_set_new(p, "initial_category", json_integer(category));
		json_object_set_new(p, "category_rationale",
		                    json_string("Gifts and an older associate; no offence yet."));
		if (contact)
			json_object_set_new(p, "contact", json_string(contact));
	}
	json_object_set_new(in, "police", p);
}

/* Submits a referral that must succeed; returns the output (caller decrefs). A
 * referrer who does not see the child is told neither the record reference nor the
 * route (R-INFO-3); for the tests' convenience they are then read from the store (not
 * audited) and added to the output ("record_ref", "route", "rule", "steps"), while the
 * output's "record_visible" still says what the referrer was told. Tests of what a
 * referrer is told call app_referral_submit themselves. */
static inline json_t *fx_submit(struct fx *f, const struct actor *who, json_t *in)
{
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_referral_submit(f->db, who, NULL, in, &out, &err);
	json_decref(in);
	if (rc != APP_OK)
		fail_msg("referral refused (%d, %s): %s [%s: %s]", rc, err.rule ? err.rule : "-",
		         err.message, err.nfields ? err.fields[0].field : "",
		         err.nfields ? err.fields[0].message : "");
	if (!json_object_get(out, "record_ref")) {
		int src;
		json_t *full = store_referral_get(
		        f->db, json_string_value(json_object_get(out, "referral_id")), &src);
		if (full) { /* read from the store: nothing audited */
			json_object_set(out, "record_ref", json_object_get(full, "record_ref"));
			json_object_set(out, "route", json_object_get(full, "route"));
			json_object_set(out, "rule", json_object_get(full, "route_rule"));
			json_object_set(out, "steps", json_object_get(full, "steps"));
		}
		json_decref(full);
	}
	return out;
}

/* Files a referral for a new child by `username` and copies the record reference
 * and child id out (either may be NULL). */
static inline void fx_new_record(struct fx *f, const char *username, const char *given,
                                 const char *family, const char *dob, char ref[32],
                                 char child_id[ID_MAX])
{
	struct actor a = fx_actor(f, username);
	json_t *out = fx_submit(f, &a, fx_referral(fx_child(given, family, dob), NULL));
	const char *r = json_string_value(json_object_get(out, "record_ref"));
	assert_non_null(r);
	if (ref)
		snprintf(ref, 32, "%s", r);
	if (child_id)
		snprintf(child_id, ID_MAX, "%s",
		         json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
}

/* Gets a record view as the system operator (caller decrefs). */
static inline json_t *fx_record(struct fx *f, const char *ref)
{
	struct app_err err = {0};
	json_t *out = NULL;
	if (app_record_get(f->db, &f->sys, ref, NULL, &out, &err) != APP_OK)
		fail_msg("record %s: %s", ref, err.message);
	return out;
}

/* Whether a JSON array of strings holds s. */
static inline bool fx_has_string(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return true;
	}
	return false;
}

/* Whether any field error names `field`. */
static inline bool fx_field(const struct app_err *err, const char *field)
{
	for (int i = 0; i < err->nfields; i++)
		if (strcmp(err->fields[i].field, field) == 0)
			return true;
	return false;
}

static inline void fx_assert_audit_intact(struct fx *f)
{
	struct audit_verify_result r;
	memset(&r, 0, sizeof r);
	int rc = audit_verify(f->db, &r);
	if (rc != 0)
		fail_msg("audit chain broken at %lld: %s", (long long)r.first_bad, r.problem);
	assert_true(r.events > 0);
}

/* Events in the audit log with this action and entity id (NULL: any entity). */
static inline int64_t fx_audit_count(struct fx *f, const char *action, const char *entity_id)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM audit_events WHERE action = $1"
	                                " AND ($2 IS NULL OR entity_id = $2)",
	                                "ss", action, entity_id),
	                 DB_OK);
	return n;
}

#endif
