/* episodes.c: the missing-episode repository (see episodes.h). */
#include "store/episodes.h"

#include "store/access.h"
#include "store/rows.h"
#include "store/merges.h"
#include "util/ltime.h"

int store_episode_insert(struct db *db, const struct store_episode_new *e)
{
	return db_run(
	        db,
	        "INSERT INTO episodes (id, child_id, reported_at, reported_by, reported_by_name,"
	        " reported_by_agency_id, last_seen_at, last_seen_where, last_seen_with,"
	        " missing_from, parents_carers, classification, classification_reason,"
	        " classification_rule, looked_after, risk_level, is_demo, created_at, updated_at)"
	        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
	        " $17, $18, $18)",
	        "sstsssTsssssssbsbt", e->id, e->child_id, e->reported_at, e->reported_by,
	        e->reported_by_name, e->reported_by_agency_id, e->last_seen_at, e->last_seen_where,
	        e->last_seen_with, e->missing_from, e->parents_carers ? e->parents_carers : "[]",
	        e->classification, e->reason, e->rule, e->looked_after, e->risk_level, e->demo,
	        e->at);
}

static const struct row_col EPISODE_COLS[] = {
        ROW_COL(struct episode_row, id, ROW_TEXT),
        ROW_COL(struct episode_row, child_id, ROW_TEXT),
        ROW_COL(struct episode_row, reported_at, ROW_TIME),
        ROW_COL(struct episode_row, returned_at, ROW_TIME),
        ROW_COL(struct episode_row, classification, ROW_TEXT),
        ROW_COL(struct episode_row, status, ROW_TEXT),
        ROW_COL(struct episode_row, risk_level, ROW_TEXT),
        ROW_COL(struct episode_row, reported_by_agency_id, ROW_TEXT),
        ROW_COL(struct episode_row, looked_after, ROW_BOOL),
        ROW_COLF(struct episode_row, parents_carers, ROW_TEXT, ROW_CUT),
        ROW_COL(struct episode_row, csc_interviewer_key, ROW_TEXT),
};
static const struct row_desc EPISODE = ROW_DESC(struct episode_row, EPISODE_COLS);

int store_episode_get(struct db *db, const char *id, struct episode_row *e)
{
	return row_get(db, &EPISODE, e,
	               "SELECT id, child_id, reported_at, returned_at, classification, status,"
	               " risk_level, reported_by_agency_id, looked_after, parents_carers,"
	               " csc_interviewer_key FROM episodes WHERE id = $1",
	               "s", id);
}

int store_episode_set_class(struct db *db, const char *id, const char *cls, int64_t at)
{
	return db_run(db, "UPDATE episodes SET classification = $2, updated_at = $3 WHERE id = $1",
	              "sst", id, cls, at);
}

int store_episode_set_risk(struct db *db, const char *id, const char *level, int64_t at)
{
	return db_run(db, "UPDATE episodes SET risk_level = $2, updated_at = $3 WHERE id = $1",
	              "sst", id, level, at);
}

int store_episode_set_returned(struct db *db, const struct store_episode_return *r)
{
	return db_run(
	        db,
	        "UPDATE episodes SET status = 'returned', returned_at = $2, returned_where = $3,"
	        " returned_with = $4, csc_interviewer = $5, csc_interviewer_key = $6,"
	        " updated_at = $7 WHERE id = $1",
	        "stsssst", r->id, r->returned_at, r->where, r->with, r->csc_interviewer, r->csc_key,
	        r->at);
}

int store_episode_change_add(struct db *db, const struct store_episode_change_new *c)
{
	return db_run(db,
	              "INSERT INTO episode_changes (episode_id, kind, from_value, to_value, reason,"
	              " rule, changed_at, changed_by, changed_by_name)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	              "sssssstss", c->episode_id, c->kind, c->from, c->to, c->reason, c->rule,
	              c->at, c->by, c->by_name);
}

/* Runs `sql` with one parameter and attaches the rows to obj[key]; false on error. */
static bool attach(struct db *db, json_t *obj, const char *key, const char *sql, const char *p1,
                   int *rc)
{
	json_t *rows = rows_query(db, sql, p1, rc);
	if (!rows)
		return false;
	json_object_set_new(obj, key, rows);
	return true;
}

json_t *store_episode_view(struct db *db, const char *id, int *rc)
{
	json_t *v = rows_one(
	        db,
	        "SELECT e.id, e.child_id, c.given_names, c.family_name, c.date_of_birth,"
	        " rec.reference AS record_ref, e.reported_at, e.reported_by_name,"
	        " a.name AS reported_by_agency, e.last_seen_at, e.last_seen_where, "
	        "e.last_seen_with,"
	        " e.missing_from, e.parents_carers, e.classification, e.classification_reason,"
	        " e.classification_rule, e.looked_after, e.risk_level, e.status, e.returned_at,"
	        " e.returned_where, e.returned_with, e.csc_interviewer, e.is_demo, e.created_at,"
	        " e.updated_at FROM episodes e JOIN children c ON c.id = e.child_id"
	        " LEFT JOIN records rec ON rec.child_id = e.child_id"
	        " LEFT JOIN agencies a ON a.id = e.reported_by_agency_id WHERE e.id = $1",
	        id, rc);
	if (!v)
		return NULL;
	bool ok = attach(db, v, "changes",
	                 "SELECT kind, from_value, to_value, reason, rule, changed_at, "
	                 "changed_by_name"
	                 " FROM episode_changes WHERE episode_id = $1 ORDER BY changed_at, id",
	                 id, rc) &&
	          attach(db, v, "safe_and_well_checks",
	                 "SELECT id, done_at, done_by_name, where_found, found_with, what_happened,"
	                 " crime_alleged, crime_number, recorded_at FROM safe_and_well_checks"
	                 " WHERE episode_id = $1 ORDER BY done_at",
	                 id, rc) &&
	          attach(db, v, "return_interview",
	                 "SELECT id, due_at, responsible, responsibility, child_preference,"
	                 " interviewer_name, interviewer_role, interviewer_agency, status, "
	                 "offered_at,"
	                 " accepted_at, declined_at, completed_at, findings, record_entry_id, "
	                 "updated_at"
	                 " FROM return_interviews WHERE episode_id = $1",
	                 id, rc) &&
	          attach(db, v, "forensic_decisions",
	                 "SELECT id, clothing, early_evidence_kit, phones, decision, rationale, "
	                 "decided_at,"
	                 " decided_by_name FROM forensic_decisions WHERE episode_id = $1"
	                 " ORDER BY decided_at",
	                 id, rc) &&
	          attach(db, v, "locations",
	                 "SELECT kind, text, location_key, at FROM episode_locations"
	                 " WHERE episode_id = $1 ORDER BY id",
	                 id, rc) &&
	          attach(db, v, "people",
	                 "SELECT kind, name, name_key, other_child_id, at FROM episode_people"
	                 " WHERE episode_id = $1 ORDER BY id",
	                 id, rc);
	if (!ok) {
		json_decref(v);
		return NULL;
	}
	return v;
}

json_t *store_episodes_for_child(struct db *db, const char *child_id, int *rc)
{
	return rows_query(db,
	                  "SELECT e.id, e.child_id, e.reported_at, e.missing_from, "
	                  "e.classification, e.risk_level,"
	                  " e.status, e.returned_at, e.last_seen_at, e.last_seen_where,"
	                  " ri.status AS interview_status, ri.due_at AS"
	                  " interview_due_at FROM episodes e"
	                  " LEFT JOIN return_interviews ri ON ri.episode_id = e.id"
	                  " WHERE e.child_id = $1 OR e.child_id IN " STORE_MERGED_INTO(
	                          "$1") " ORDER BY e.reported_at DESC",
	                  child_id, rc);
}

/* Adds the pair (e1, row) to pairs under "e1|other_episode_id", keeping named = 1 when
 * any link names them; a pair keeps the place it was first added at. */
static void pair_add(json_t *pairs, const char *e1, json_t *row, int named)
{
	const char *e2 = json_string_value(json_object_get(row, "other_episode_id"));
	char key[80];
	snprintf(key, sizeof key, "%s|%s", e1, e2 ? e2 : "");
	json_t *v = json_object_get(pairs, key);
	if (v) {
		if (named && !json_integer_value(json_object_get(v, "named")))
			json_object_set_new(v, "named", json_integer(1));
		return;
	}
	json_object_set_new(row, "named", json_integer(named));
	json_object_set(pairs, key, row);
}

/* The columns of a candidate row: this child's episode e1, then the other episode e2
 * and its child c. */
#define TOGETHER_COLS                                                                              \
	"e1.id AS episode_id, e1.reported_at, e1.returned_at, e2.child_id, c.given_names,"         \
	" c.family_name, e2.id AS other_episode_id, e2.reported_at AS other_reported_at,"          \
	" e2.returned_at AS other_returned_at"

json_t *store_episode_together_candidates(struct db *db, const char *child_id, int64_t slack,
                                          int *rc)
{
	json_t *pairs = json_object();
	/* 1. people named on this child's episodes, and episodes naming this child, in
	 * the order of (this child's episode id, other episode id): columns 1 and 7 */
	struct db_stmt *st;
	*rc = db_cached(
	        db,
	        "WITH mine AS (SELECT id FROM episodes WHERE child_id = $1)"
	        " SELECT " TOGETHER_COLS " FROM episode_people p"
	        "  JOIN episodes e1 ON e1.id = p.episode_id"
	        "  JOIN episodes e2 ON e2.child_id = p.other_child_id"
	        "  JOIN children c ON c.id = e2.child_id"
	        "  WHERE p.episode_id IN (SELECT id FROM mine)"
	        " UNION SELECT " TOGETHER_COLS " FROM episode_people p"
	        "  JOIN episodes e1 ON e1.id = p.episode_id"
	        "  JOIN children c2 ON c2.name_key = p.name_key"
	        "  JOIN episodes e2 ON e2.child_id = c2.id"
	        "  JOIN children c ON c.id = e2.child_id"
	        "  WHERE p.episode_id IN (SELECT id FROM mine) AND p.name_key <> ''"
	        " UNION SELECT " TOGETHER_COLS " FROM episode_people p"
	        "  JOIN episodes e2 ON e2.id = p.episode_id JOIN children c ON c.id = e2.child_id,"
	        "  mine m JOIN episodes e1 ON e1.id = m.id"
	        "  WHERE p.other_child_id = $1 OR p.name_key = (SELECT name_key FROM children"
	        "   WHERE id = $1)"
	        " ORDER BY 1, 7",
	        &st);
	json_t *named =
	        *rc == DB_OK && db_bind_text(st, 1, child_id) == DB_OK ? rows_all(st, rc) : NULL;
	size_t i;
	json_t *r;
	json_array_foreach(named, i, r)
	        pair_add(pairs, json_string_value(json_object_get(r, "episode_id")), r, 1);
	json_decref(named);

	/* 2. episodes near in time that share a place with one of this child's: each
	 * episode's window runs from 30 days before its report to a day after its return
	 * (open: no end), so a place where many children are found is not paired with
	 * every episode ever recorded there; an episode that was over more than `slack`
	 * seconds before this child's was reported is left out */
	json_t *mine = *rc == DB_OK ? rows_query(db,
	                                         "SELECT id, reported_at, returned_at FROM episodes"
	                                         " WHERE child_id = $1",
	                                         child_id, rc)
	                            : NULL;
	json_array_foreach(mine, i, r)
	{
		int64_t from, to;
		char lo[LT_TIME_LEN], hi[LT_TIME_LEN] = "9999", over[LT_TIME_LEN];
		if (ltime_parse(json_string_value(json_object_get(r, "reported_at")), &from) < 0)
			continue;
		ltime_format(from - 30 * 86400, lo);
		ltime_format(from - slack, over);
		const char *ret = json_string_value(json_object_get(r, "returned_at"));
		if (ret && ltime_parse(ret, &to) == 0)
			ltime_format(to + 86400, hi);
		const char *e1 = json_string_value(json_object_get(r, "id"));
		*rc = db_cached(db,
		                "SELECT eb.child_id, c.given_names, c.family_name,"
		                " eb.id AS other_episode_id, eb.reported_at AS other_reported_at,"
		                " eb.returned_at AS other_returned_at FROM episodes eb"
		                " JOIN children c ON c.id = eb.child_id"
		                " WHERE eb.reported_at BETWEEN $2 AND $3 AND eb.child_id <> $4"
		                " AND (eb.returned_at IS NULL OR eb.returned_at >= $5)"
		                " AND EXISTS (SELECT 1 FROM episode_locations l2"
		                " WHERE l2.episode_id = eb.id AND l2.location_key IN"
		                " (SELECT l1.location_key FROM episode_locations l1"
		                " WHERE l1.episode_id = $1 AND l1.location_key <> ''))"
		                " ORDER BY eb.reported_at, eb.rowid",
		                &st);
		if (*rc != DB_OK)
			break;
		db_bind_text(st, 1, e1);
		db_bind_text(st, 2, lo);
		db_bind_text(st, 3, hi);
		db_bind_text(st, 4, child_id);
		db_bind_text(st, 5, over);
		json_t *near = rows_all(st, rc);
		size_t k;
		json_t *n;
		json_array_foreach(near, k, n)
		{
			json_object_set(n, "episode_id", json_object_get(r, "id"));
			json_object_set(n, "reported_at", json_object_get(r, "reported_at"));
			json_object_set(n, "returned_at", json_object_get(r, "returned_at"));
			pair_add(pairs, e1, n, 0);
		}
		json_decref(near);
		if (*rc != DB_OK)
			break;
	}
	json_decref(mine);

	json_t *out = *rc == DB_OK ? json_array() : NULL;
	const char *key;
	json_t *v;
	json_object_foreach(pairs, key, v)
	{
		if (out)
			json_array_append(out, v);
	}
	json_decref(pairs);
	return out;
}

int store_episode_found_key(struct db *db, const char *episode_id, const char *other_episode_id,
                            char *out, size_t n)
{
	return db_query_text(
	        db, out, n,
	        "SELECT min(l2.location_key) FROM episode_locations l2"
	        " WHERE l2.episode_id = $2 AND l2.kind = 'found' AND l2.location_key IN"
	        " (SELECT l1.location_key FROM episode_locations l1"
	        " WHERE l1.episode_id = $1 AND l1.kind = 'found'"
	        " AND l1.location_key <> '')",
	        "ss", episode_id, other_episode_id);
}

int store_saw_insert(struct db *db, const struct store_saw_new *s)
{
	return db_run(
	        db,
	        "INSERT INTO safe_and_well_checks (id, episode_id, done_at, done_by, done_by_name,"
	        " done_by_key, agency_id, where_found, found_with, what_happened, crime_alleged,"
	        " crime_number, recorded_at)"
	        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	        "sstsssssssbst", s->id, s->episode_id, s->done_at, s->done_by, s->done_by_name,
	        s->done_by_key, s->agency_id, s->where_found, s->found_with, s->what_happened,
	        s->crime_alleged, s->crime_number, s->at);
}

int store_saw_latest_key(struct db *db, const char *episode_id, char *out, size_t n)
{
	int rc = db_query_text(db, out, n,
	                       "SELECT done_by_key FROM safe_and_well_checks WHERE episode_id = $1"
	                       " ORDER BY done_at DESC, recorded_at DESC, rowid DESC LIMIT 1",
	                       "s", episode_id);
	return rc == DB_DONE ? DB_OK : rc;
}

static const struct row_col INTERVIEW_COLS[] = {
        ROW_COL(struct interview_row, id, ROW_TEXT),
        ROW_COL(struct interview_row, status, ROW_TEXT),
        ROW_COL(struct interview_row, due_at, ROW_TIME),
        ROW_COL(struct interview_row, interviewer_key, ROW_TEXT),
        ROW_COL(struct interview_row, record_entry_id, ROW_TEXT),
        ROW_COLF(struct interview_row, interviewer_name, ROW_TEXT, ROW_CUT),
};
static const struct row_desc INTERVIEW = ROW_DESC(struct interview_row, INTERVIEW_COLS);

int store_interview_get(struct db *db, const char *episode_id, struct interview_row *r)
{
	return row_get(db, &INTERVIEW, r,
	               "SELECT id, status, due_at, interviewer_key, record_entry_id,"
	               " interviewer_name FROM return_interviews WHERE episode_id = $1",
	               "s", episode_id);
}

int store_interview_insert(struct db *db, const struct store_interview_new *n)
{
	return db_run(
	        db,
	        "INSERT INTO return_interviews (id, episode_id, due_at, responsible,"
	        " responsibility, child_preference, interviewer_id, interviewer_name,"
	        " interviewer_key, interviewer_role, interviewer_agency, status, offered_at,"
	        " updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
	        " 'offered', $12, $13, $14)",
	        "sstsssssssstts", n->id, n->episode_id, n->due_at, n->responsible,
	        n->responsibility, n->child_preference, n->interviewer_id, n->interviewer_name,
	        n->interviewer_key, n->interviewer_role, n->interviewer_agency, n->offered_at,
	        n->at, n->by);
}

int store_interview_update(struct db *db, const struct store_interview_set *s)
{
	return db_run(db,
	              "UPDATE return_interviews SET status = $2,"
	              " accepted_at = CASE WHEN $2 = 'accepted' THEN $3 ELSE accepted_at END,"
	              " declined_at = CASE WHEN $2 = 'declined' THEN $3 ELSE declined_at END,"
	              " completed_at = CASE WHEN $2 = 'completed' THEN $3 ELSE completed_at END,"
	              " findings = coalesce($4, findings),"
	              " record_entry_id = coalesce($5, record_entry_id),"
	              " updated_by = $6, updated_at = $7 WHERE id = $1",
	              "ssTssst", s->id, s->status, s->status_at, s->findings, s->entry_id, s->by,
	              s->at);
}

int store_forensic_insert(struct db *db, const struct store_forensic_new *f)
{
	return db_run(
	        db,
	        "INSERT INTO forensic_decisions (id, episode_id, clothing, early_evidence_kit,"
	        " phones, decision, rationale, decided_at, decided_by, decided_by_name)"
	        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	        "ssdddsstss", f->id, f->episode_id, f->answers[0], f->answers[1], f->answers[2],
	        f->decision, f->rationale, f->at, f->by, f->by_name);
}

int store_episode_location_add(struct db *db, const struct store_episode_named *l)
{
	return db_run(
	        db,
	        "INSERT INTO episode_locations (episode_id, child_id, kind, text, location_key,"
	        " at) SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM"
	        " episode_locations WHERE episode_id = $1 AND kind = $3 AND location_key = $5)",
	        "ssssst", l->episode_id, l->child_id, l->kind, l->text, l->key, l->at);
}

int store_episode_person_add(struct db *db, const struct store_episode_named *p)
{
	return db_run(db,
	              "INSERT INTO episode_people (episode_id, child_id, kind, name, name_key,"
	              " other_child_id, at) SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS"
	              " (SELECT 1 FROM episode_people WHERE episode_id = $1 AND kind = $3"
	              " AND name_key = $5)",
	              "sssssst", p->episode_id, p->child_id, p->kind, p->text, p->key,
	              p->other_child_id, p->at);
}

json_t *store_episodes_absent_before(struct db *db, int64_t cutoff, int *rc)
{
	struct db_stmt *st;
	*rc = db_query_stmt(db, &st,
	                    "SELECT id, child_id, reported_at FROM episodes WHERE status = 'open'"
	                    " AND classification = 'absent' AND reported_at <= $1"
	                    " ORDER BY reported_at, id",
	                    "t", cutoff);
	return st ? rows_all(st, rc) : NULL;
}

/* The open deadline rows of the episodes in `scope` (a FROM item naming episodes e),
 * as one statement text. */
#define DEADLINE_ROWS_SQL(scope)                                                                   \
	"SELECT * FROM (SELECT 'return_interview' AS kind, e.id AS episode_id, e.child_id,"        \
	" c.given_names, c.family_name, e.looked_after, e.reported_at, e.returned_at,"             \
	" ri.status AS interview_status FROM " scope " JOIN children c ON c.id = e.child_id"       \
	" LEFT JOIN return_interviews ri ON ri.episode_id = e.id"                                  \
	" WHERE e.returned_at IS NOT NULL AND coalesce(ri.status, '') NOT IN"                      \
	" ('completed', 'declined')"                                                               \
	" UNION ALL SELECT 'absent_escalation', e.id, e.child_id, c.given_names,"                  \
	" c.family_name, e.looked_after, e.reported_at, NULL, NULL FROM " scope                    \
	" JOIN children c ON c.id = e.child_id"                                                    \
	" WHERE e.status = 'open' AND e.classification = 'absent') d"                              \
	" ORDER BY coalesce(d.returned_at, d.reported_at), d.episode_id"

json_t *store_episode_deadline_rows(struct db *db, const struct store_viewer *v, int *rc)
{
	struct db_stmt *st;
	if (v->all) { /* partnership-wide: every open deadline */
		*rc = db_cached(db, DEADLINE_ROWS_SQL("episodes e"), &st);
		if (*rc != DB_OK)
			return NULL;
		return rows_all(st, rc);
	}
	/* driven from the children the viewer sees (STORE_MEMBER_CHILDREN), so a team's
	 * queue reads only its children */
	*rc = db_cached(db,
	                DEADLINE_ROWS_SQL(STORE_MEMBER_CHILDREN(
	                        "$1", "$2", "$3") " m JOIN episodes e ON e.child_id = m.child_id"),
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, v->agency_id);
	db_bind_text(st, 2, v->user_id);
	db_bind_text(st, 3, v->now);
	return rows_all(st, rc);
}

json_t *store_profile_get(struct db *db, const char *child_id, int *rc)
{
	return rows_one(db,
	                "SELECT p.child_id, p.description, p.associates, p.places,"
	                " p.phone_numbers, p.social_media, p.photo_ref, p.updated_at,"
	                " u.display_name AS updated_by FROM philomena_profiles p"
	                " LEFT JOIN users u ON u.id = p.updated_by WHERE p.child_id = $1",
	                child_id, rc);
}

int store_profile_upsert(struct db *db, const struct store_profile *p)
{
	return db_run(
	        db,
	        "INSERT INTO philomena_profiles (child_id, description, associates, places,"
	        " phone_numbers, social_media, photo_ref, updated_at, updated_by)"
	        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
	        " ON CONFLICT (child_id) DO UPDATE SET description = excluded.description,"
	        " associates = excluded.associates, places = excluded.places,"
	        " phone_numbers = excluded.phone_numbers, social_media = excluded.social_media,"
	        " photo_ref = excluded.photo_ref, updated_at = excluded.updated_at,"
	        " updated_by = excluded.updated_by",
	        "sssssssts", p->child_id, p->description, p->associates, p->places, p->phones,
	        p->social, p->photo_ref, p->at, p->by);
}

json_t *store_export_episodes(struct db *db, int64_t from, int64_t to, bool looked_after_only,
                              int *rc)
{
	struct db_stmt *st;
	*rc = db_query_stmt(
	        db, &st,
	        "SELECT child_id, classification, reported_at, returned_at FROM episodes"
	        " WHERE reported_at < $2 AND (returned_at IS NULL OR returned_at >= $1)"
	        " AND ($3 = 0 OR looked_after = 1) AND is_demo = 0"
	        " ORDER BY child_id, reported_at",
	        "ttb", from, to, looked_after_only);
	return st ? rows_all(st, rc) : NULL;
}

json_t *store_export_annex_a(struct db *db, int64_t from, int64_t to, int *rc)
{
	struct db_stmt *st;
	*rc = db_query_stmt(
	        db, &st,
	        "SELECT e.child_id, e.classification, e.reported_at, e.returned_at,"
	        " ri.status AS ri_status, ri.completed_at AS ri_completed_at"
	        " FROM episodes e LEFT JOIN return_interviews ri ON ri.episode_id = e.id"
	        " WHERE e.reported_at < $2 AND (e.returned_at IS NULL OR e.returned_at >= $1)"
	        " AND e.is_demo = 0 ORDER BY e.child_id, e.reported_at",
	        "tt", from, to);
	return st ? rows_all(st, rc) : NULL;
}

json_t *store_episode_people_keys(struct db *db, const char *episode_id, int *rc)
{
	json_t *rows =
	        rows_query(db,
	                   "SELECT DISTINCT name_key FROM episode_people WHERE episode_id = $1"
	                   " ORDER BY name_key LIMIT 200",
	                   episode_id, rc);
	if (!rows)
		return NULL;
	json_t *keys = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) json_array_append(keys, json_object_get(r, "name_key"));
	json_decref(rows);
	return keys;
}
