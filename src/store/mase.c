/* mase.c (store): the monthly multi-agency meeting and its agenda's facts (see mase.h). */
#include "store/mase.h"

#include "store/rows.h"
#include "util/id.h"
#include "store/orders.h"
#include "util/ltime.h"

/* The borough's open cases: a record owned by or allocated to it. */
#define BOROUGH_RECORDS                                                                            \
	"SELECT r.child_id FROM records r WHERE r.status = 'open'"                                 \
	" AND (r.owning_borough_id = $1 OR r.allocated_borough_id = $1)"

int store_mase_schedule_set(struct db *db, const char *borough_id, const struct mase_schedule *s,
                            int64_t at, const char *by, const char *by_name, bool demo)
{
	char t[LT_TIME_LEN];
	ltime_format(at, t);
	return db_run(
	        db,
	        "INSERT INTO mase_schedules (borough_id, rule, nth, weekday, day, hour, minute,"
	        " set_at, set_by, set_by_name, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7,"
	        " $8, $9, $10, $11) ON CONFLICT (borough_id) DO UPDATE SET rule = $2,"
	        " nth = $3, weekday = $4, day = $5, hour = $6, minute = $7, set_at = $8,"
	        " set_by = $9, set_by_name = $10",
	        "ssddddd"
	        "sssd",
	        borough_id, s->rule == MASE_NTH_WEEKDAY ? "nth_weekday" : "day_of_month", s->nth,
	        s->weekday, s->day, s->hour, s->minute, t, by, by_name, demo ? 1 : 0);
}

int store_mase_schedule_get(struct db *db, const char *borough_id, struct mase_schedule *s,
                            int64_t *set_at)
{
	struct db_stmt *st;
	int rc =
	        db_cached(db,
	                  "SELECT rule, nth, weekday, day, hour, minute, set_at FROM mase_schedules"
	                  " WHERE borough_id = $1",
	                  &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, borough_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *rule = db_column_text(st, 0);
		s->rule = rule && strcmp(rule, "nth_weekday") == 0 ? MASE_NTH_WEEKDAY
		                                                   : MASE_DAY_OF_MONTH;
		s->nth = (int)db_column_int64(st, 1);
		s->weekday = (int)db_column_int64(st, 2);
		s->day = (int)db_column_int64(st, 3);
		s->hour = (int)db_column_int64(st, 4);
		s->minute = (int)db_column_int64(st, 5);
		const char *t = db_column_text(st, 6);
		if (!t || ltime_parse(t, set_at) < 0)
			*set_at = 0;
	}
	db_reset(st);
	return rc;
}

json_t *store_mase_scheduled_boroughs(struct db *db, int *rc)
{
	return store_rows(db, rc, "SELECT borough_id AS id FROM mase_schedules ORDER BY borough_id",
	                  "");
}

int store_mase_last_meeting(struct db *db, const char *borough_id, int64_t before, char *id,
                            int64_t *held_at)
{
	char t[LT_TIME_LEN];
	ltime_format(before, t);
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT id, held_at FROM mase_meetings WHERE borough_id = $1"
	                   " AND held_at < $2 ORDER BY held_at DESC LIMIT 1",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, borough_id);
	db_bind_text(st, 2, t);
	rc = db_step(st);
	if (rc == DB_ROW) {
		row_copy_text(st, 0, id, ID_MAX);
		const char *h = db_column_text(st, 1);
		if (!h || ltime_parse(h, held_at) < 0)
			*held_at = 0;
	}
	db_reset(st);
	return rc;
}

int store_mase_meeting_insert(struct db *db, const struct store_mase_meeting *m,
                              const struct mase_attendee *a, const char *const *names, size_t n)
{
	char held[LT_TIME_LEN], at[LT_TIME_LEN];
	ltime_format(m->held_at, held);
	ltime_format(m->at, at);
	int rc = db_run(db,
	                "INSERT INTO mase_meetings (id, borough_id, held_at, name, gaps, flagged,"
	                " minutes, created_by, created_by_name, created_at, is_demo) VALUES ($1,"
	                " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	                "sssssdssssd", m->id, m->borough_id, held, m->name, m->gaps,
	                m->flagged ? 1 : 0, m->minutes, m->by, m->by_name, at, m->demo ? 1 : 0);
	for (size_t i = 0; i < n && rc == DB_OK; i++)
		rc = db_run(
		        db,
		        "INSERT INTO mase_attendees (meeting_id, seq, person_id, name, member,"
		        " rank, role, chair, co_chair, csc_manager, present) VALUES ($1, $2, $3,"
		        " $4, $5, $6, $7, $8, $9, $10, $11)",
		        "sdsssssdddd", m->id, (int)i, a[i].person_id, names[i], a[i].member,
		        a[i].rank, a[i].role, a[i].chair ? 1 : 0, a[i].co_chair ? 1 : 0,
		        a[i].csc_manager ? 1 : 0, a[i].present ? 1 : 0);
	return rc;
}

json_t *store_mase_meeting_get(struct db *db, const char *id, int *rc)
{
	json_t *rows = store_rows(db, rc,
	                          "SELECT m.id, m.borough_id, b.name AS borough, m.held_at, m.name,"
	                          " m.gaps, m.flagged, m.minutes, m.duties, m.duties_by_name,"
	                          " m.duties_at, m.created_by_name FROM mase_meetings m"
	                          " JOIN boroughs b ON b.id = m.borough_id WHERE m.id = $1",
	                          "s", id);
	if (!rows)
		return NULL;
	json_t *r = json_array_get(rows, 0);
	if (!r) {
		json_decref(rows);
		*rc = DB_DONE;
		return NULL;
	}
	json_incref(r);
	json_decref(rows);
	return r;
}

json_t *store_mase_attendees(struct db *db, const char *meeting_id, int *rc)
{
	json_t *r = store_rows(db, rc,
	                       "SELECT person_id, name, member, rank, role, chair, co_chair,"
	                       " csc_manager, present FROM mase_attendees WHERE meeting_id = $1"
	                       " ORDER BY seq",
	                       "s", meeting_id);
	static const char *const bools[] = {"chair", "co_chair", "csc_manager", "present", NULL};
	size_t i;
	json_t *v;
	json_array_foreach(r, i, v) rows_bools(v, bools);
	return r;
}

json_t *store_mase_meeting_cases(struct db *db, const char *meeting_id, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT mc.record_id, r.reference AS record_ref, r.child_id, "
	                  "r.restricted, mc.decision,"
	                  " mc.discussed_at, mc.recorded_by_name FROM mase_cases mc"
	                  " JOIN records r ON r.id = mc.record_id WHERE mc.meeting_id = $1"
	                  " ORDER BY r.reference",
	                  "s", meeting_id);
}

json_t *store_mase_meetings(struct db *db, const char *borough_id, int64_t from, int64_t to,
                            int *rc)
{
	char f[LT_TIME_LEN], t[LT_TIME_LEN];
	ltime_format(from, f);
	ltime_format(to, t);
	return store_rows(
	        db, rc,
	        "SELECT m.id, m.held_at, m.name, m.flagged, m.gaps,"
	        " (SELECT count(*) FROM mase_cases mc WHERE mc.meeting_id = m.id) AS cases"
	        " FROM mase_meetings m WHERE m.borough_id = $1 AND m.held_at >= $2"
	        " AND m.held_at < $3 ORDER BY m.held_at DESC",
	        "sss", borough_id, f, t);
}

int store_mase_case_set(struct db *db, const char *meeting_id, const char *record_id,
                        const char *decision, int64_t at, const char *by, const char *by_name,
                        bool demo)
{
	char t[LT_TIME_LEN];
	ltime_format(at, t);
	return db_run(db,
	              "INSERT INTO mase_cases (meeting_id, record_id, decision, discussed_at,"
	              " recorded_by, recorded_by_name, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7)"
	              " ON CONFLICT (meeting_id, record_id) DO UPDATE SET decision = $3,"
	              " discussed_at = $4, recorded_by = $5, recorded_by_name = $6",
	              "ssssssd", meeting_id, record_id, decision, t, by, by_name, demo ? 1 : 0);
}

int store_mase_first_referral(struct db *db, const char *child_id, int64_t *at)
{
	char t[LT_TIME_LEN] = "";
	int rc = db_query_text(db, t, sizeof t,
	                       "SELECT min(submitted_at) FROM referrals WHERE child_id = $1", "s",
	                       child_id);
	if (rc != DB_OK && rc != DB_DONE)
		return rc;
	return t[0] && ltime_parse(t, at) == 0 ? DB_ROW : DB_DONE;
}

json_t *store_mase_meeting_actions(struct db *db, const char *meeting_id, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT id, text, owner_name, due_at, status, tactic, record_id"
	                  " FROM plan_actions WHERE meeting_id = $1 ORDER BY due_at, id",
	                  "s", meeting_id);
}

int store_mase_duties_set(struct db *db, const char *meeting_id, const char *duties,
                          const char *by_name, int64_t at)
{
	char t[LT_TIME_LEN];
	ltime_format(at, t);
	return db_run(db,
	              "UPDATE mase_meetings SET duties = $2, duties_by_name = $3, duties_at = $4"
	              " WHERE id = $1",
	              "ssss", meeting_id, duties, by_name, t);
}

int store_mase_minutes_set(struct db *db, const char *meeting_id, const char *minutes)
{
	return db_run(db, "UPDATE mase_meetings SET minutes = $2 WHERE id = $1", "ss", meeting_id,
	              minutes);
}

json_t *store_mase_received(struct db *db, const char *borough_id, int64_t from, int64_t to,
                            int *rc)
{
	char f[LT_TIME_LEN], t[LT_TIME_LEN];
	ltime_format(from, f);
	ltime_format(to, t);
	return store_rows(db, rc,
	                  "SELECT a.type AS agency, count(DISTINCT ca.child_id) AS n FROM records r"
	                  " JOIN child_agencies ca ON ca.child_id = r.child_id"
	                  " JOIN agencies a ON a.id = ca.agency_id"
	                  " WHERE (r.owning_borough_id = $1 OR r.allocated_borough_id = $1)"
	                  " AND ca.kind = 'routed' AND ca.since >= $2 AND ca.since < $3"
	                  " GROUP BY a.type ORDER BY a.type",
	                  "sss", borough_id, f, t);
}

json_t *store_mase_cases(struct db *db, const char *borough_id, int64_t at,
                         const struct store_viewer *v, int *rc)
{
	char t[LT_TIME_LEN];
	ltime_format(at, t);
	return store_rows(
	        db, rc,
	        "SELECT r.id AS record_id, r.reference, r.child_id, c.given_names, c.family_name,"
	        " r.restricted, r.current_category AS category, c.residence_borough_id,"
	        " r.enquiring_borough_id, r.exploitation_borough,"
	        " (SELECT min(f.submitted_at) FROM referrals f WHERE f.child_id = r.child_id)"
	        " AS referred_at,"
	        " (SELECT count(*) FROM mase_cases mc JOIN mase_meetings m ON m.id = mc.meeting_id"
	        " WHERE mc.record_id = r.id AND m.held_at < $2) AS discussed,"
	        " (SELECT mc.meeting_id FROM mase_cases mc JOIN mase_meetings m"
	        " ON m.id = mc.meeting_id WHERE mc.record_id = r.id AND m.held_at < $2"
	        " ORDER BY m.held_at DESC LIMIT 1) AS last_meeting_id,"
	        " (SELECT mc.decision FROM mase_cases mc JOIN mase_meetings m"
	        " ON m.id = mc.meeting_id WHERE mc.record_id = r.id AND m.held_at < $2"
	        " ORDER BY m.held_at DESC LIMIT 1) AS last_decision,"
	        " CASE WHEN " STORE_VISIBLE(
	                "r.child_id", "$3", "$4", "$5",
	                "$6") " THEN 1 ELSE 0"
	                      " END AS visible"
	                      " FROM records r JOIN children c ON c.id = r.child_id WHERE r.status "
	                      "= 'open'"
	                      " AND (r.owning_borough_id = $1 OR r.allocated_borough_id = $1)"
	                      " AND r.opened_at <= $2 ORDER BY r.reference",
	        "ssdsss", borough_id, t, v->all ? 1 : 0, v->agency_id, v->user_id, v->now);
}

json_t *store_mase_record_actions(struct db *db, const char *record_id, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT id, text, owner_name, due_at, meeting_id FROM plan_actions"
	                  " WHERE record_id = $1 AND status = 'open' ORDER BY due_at, id",
	                  "s", record_id);
}

json_t *store_mase_persons(struct db *db, const char *borough_id, const struct store_viewer *v,
                           int *rc)
{
	return store_rows(
	        db, rc,
	        "WITH kids AS (" BOROUGH_RECORDS "),"
	        " lp AS (SELECT from_id AS pid, to_child_id AS child_id FROM links"
	        " WHERE from_type = 'person' AND to_child_id IN (SELECT child_id FROM kids)"
	        " AND ended_at IS NULL AND restricted = 0"
	        " UNION SELECT to_id, from_child_id FROM links WHERE to_type = 'person'"
	        " AND from_child_id IN (SELECT child_id FROM kids) AND ended_at IS NULL"
	        " AND restricted = 0)"
	        " SELECT p.id, p.label, p.restricted, lp.child_id,"
	        " CASE WHEN " STORE_VISIBLE(
	                "lp.child_id", "$2", "$3", "$4",
	                "$5") " THEN 1 ELSE 0 END AS visible FROM lp"
	                      " JOIN people p ON p.id = lp.pid ORDER BY p.label, p.id",
	        "sdsss", borough_id, v->all ? 1 : 0, v->agency_id, v->user_id, v->now);
}

json_t *store_mase_places(struct db *db, const char *borough_id, int64_t since,
                          const struct store_viewer *v, int *rc)
{
	char t[LT_TIME_LEN];
	ltime_format(since, t);
	return store_rows(
	        db, rc,
	        "WITH kids AS (" BOROUGH_RECORDS "),"
	        " lp AS (SELECT from_id AS pid, to_child_id AS child_id, recorded_at"
	        " FROM links WHERE from_type = 'place'"
	        " AND to_child_id IN (SELECT child_id FROM kids)"
	        " AND ended_at IS NULL AND restricted = 0"
	        " UNION SELECT to_id, from_child_id, recorded_at FROM links"
	        " WHERE to_type = 'place' AND from_child_id IN (SELECT child_id FROM kids)"
	        " AND ended_at IS NULL AND restricted = 0)"
	        " SELECT p.id, COALESCE(p.name, p.address) AS label, p.type, p.postcode,"
	        " p.hotspot, p.restricted, lp.child_id,"
	        " CASE WHEN lp.recorded_at >= $2 THEN 1 ELSE 0 END AS recent,"
	        " CASE WHEN " STORE_VISIBLE(
	                "lp.child_id", "$3", "$4", "$5",
	                "$6") " THEN 1 ELSE 0 END AS visible FROM lp"
	                      " JOIN places p ON p.id = lp.pid ORDER BY label, p.id",
	        "ssdsss", borough_id, t, v->all ? 1 : 0, v->agency_id, v->user_id, v->now);
}

json_t *store_mase_person_disruptions(struct db *db, const char *person_id, bool restricted,
                                      int *rc)
{
	return store_rows(db, rc,
	                  "SELECT type, COALESCE(status, '') AS status, count(*) AS n"
	                  " FROM disruptions WHERE person_id = $1 AND (restricted = 0 OR $2 = 1)"
	                  " GROUP BY type, status ORDER BY type, status",
	                  "sd", person_id, restricted ? 1 : 0);
}

json_t *store_mase_borough_actions(struct db *db, const char *borough_id, int *rc)
{
	return store_rows(
	        db, rc,
	        "SELECT pa.id, pa.text, pa.owner_name, pa.due_at, pa.meeting_id, pa.record_id"
	        " FROM plan_actions pa JOIN records r ON r.id = pa.record_id"
	        " WHERE pa.status = 'open' AND r.status = 'open'"
	        " AND (r.owning_borough_id = $1 OR r.allocated_borough_id = $1)"
	        " ORDER BY pa.due_at, pa.id",
	        "s", borough_id);
}

json_t *store_mase_borough_disruptions(struct db *db, const char *borough_id, bool restricted,
                                       int *rc)
{
	return store_rows(
	        db, rc,
	        "WITH kids AS (" BOROUGH_RECORDS "),"
	        " lp AS (SELECT from_id AS pid FROM links WHERE from_type = 'person'"
	        " AND to_child_id IN (SELECT child_id FROM kids) AND ended_at IS NULL"
	        " AND restricted = 0 UNION SELECT to_id FROM links WHERE to_type = 'person'"
	        " AND from_child_id IN (SELECT child_id FROM kids) AND ended_at IS NULL"
	        " AND restricted = 0)"
	        " SELECT person_id, type, COALESCE(status, '') AS status, count(*) AS n"
	        " FROM disruptions WHERE person_id IN (SELECT pid FROM lp)"
	        " AND (restricted = 0 OR $2 = 1) GROUP BY person_id, type, status"
	        " ORDER BY person_id, type, status",
	        "sd", borough_id, restricted ? 1 : 0);
}
