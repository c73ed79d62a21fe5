/* board.c (store): the board report's counts (see board.h). */
#include "store/board.h"

#include <string.h>

#include "store/orders.h"

/* R-RPT-1: the records in the volume ($1 borough, $2 from, $3 to). */
#define VOL                                                                                        \
	"WITH vol AS (SELECT r.id, r.child_id, r.reference, r.current_category, r.opened_at"       \
	" FROM records r WHERE (r.owning_borough_id = $1 OR r.allocated_borough_id = $1)"          \
	" AND r.opened_at < $3 AND (r.status = 'open' OR r.updated_at >= $2)) "

json_t *store_board_volume(struct db *db, const char *bid, int64_t from, int64_t to, int *rc)
{
	json_t *r = store_rows(db, rc,
	                       VOL "SELECT count(*) AS open, COALESCE(sum(CASE WHEN opened_at >= $2"
	                           " THEN 1 ELSE 0 END), 0) AS new FROM vol",
	                       "stt", bid, from, to);
	if (!r)
		return NULL;
	json_t *o = json_incref(json_array_get(r, 0));
	json_decref(r);
	return o;
}

static const struct {
	const char *what, *sql;
} COUNTS[] = {
        {"category", VOL "SELECT COALESCE(CAST(current_category AS TEXT), 'none') AS code,"
                         " count(*) AS n FROM vol GROUP BY 1 ORDER BY 1"},
        {"gender", VOL "SELECT c.gender AS code, count(*) AS n FROM vol"
                       " JOIN children c ON c.id = vol.child_id GROUP BY 1 ORDER BY 1"},
        {"ethnicity", VOL "SELECT COALESCE(c.ethnicity, 'not recorded') AS code, count(*) AS n"
                          " FROM vol JOIN children c ON c.id = vol.child_id GROUP BY 1"
                          " ORDER BY 2 DESC, 1"},
        {"looked_after", VOL "SELECT CASE WHEN c.looked_after = 1 THEN 'Looked after'"
                             " ELSE 'Not looked after' END AS code, count(*) AS n FROM vol"
                             " JOIN children c ON c.id = vol.child_id GROUP BY 1 ORDER BY 1"},
        {"type", VOL "SELECT rc.code, count(DISTINCT rc.record_id) AS n FROM vol"
                     " JOIN record_classifications rc ON rc.record_id = vol.id"
                     " WHERE rc.kind = 'type' AND rc.from_at < $3"
                     " AND (rc.to_at IS NULL OR rc.to_at >= $2) GROUP BY rc.code ORDER BY 2 DESC"},
        {"referrals", VOL "SELECT a.type AS code, count(*) AS n FROM referrals f"
                          " JOIN agencies a ON a.id = f.source_agency_id"
                          " WHERE f.child_id IN (SELECT child_id FROM vol)"
                          " AND f.submitted_at >= $2 AND f.submitted_at < $3"
                          " GROUP BY a.type ORDER BY 2 DESC"},
        {"attendance", "SELECT a.member AS code, count(DISTINCT a.meeting_id) AS n"
                       " FROM mase_attendees a JOIN mase_meetings m ON m.id = a.meeting_id"
                       " WHERE m.borough_id = $1 AND m.held_at >= $2 AND m.held_at < $3"
                       " AND a.present = 1 GROUP BY a.member ORDER BY a.member"},
};

json_t *store_board_counts(struct db *db, const char *what, const char *bid, int64_t from,
                           int64_t to, int *rc)
{
	for (size_t i = 0; i < sizeof COUNTS / sizeof COUNTS[0]; i++)
		if (strcmp(COUNTS[i].what, what) == 0)
			return store_rows(db, rc, COUNTS[i].sql, "stt", bid, from, to);
	*rc = DB_E_MISUSE;
	return NULL;
}

int store_board_count(struct db *db, const char *what, const char *bid, int64_t from, int64_t to,
                      int64_t *n)
{
	*n = 0;
	if (strcmp(what, "missing") == 0)
		return db_query_int64(db, n,
		                      VOL
		                      "SELECT count(*) FROM episodes e WHERE e.child_id IN"
		                      " (SELECT child_id FROM vol) AND e.classification = 'missing'"
		                      " AND e.reported_at >= $2 AND e.reported_at < $3",
		                      "stt", bid, from, to);
	if (strcmp(what, "persons") == 0)
		return db_query_int64(
		        db, n,
		        VOL
		        ", lp AS (SELECT from_id AS pid, min(recorded_at) AS first FROM links"
		        " WHERE from_type = 'person' AND to_child_id IN (SELECT child_id FROM vol)"
		        " AND restricted = 0 GROUP BY from_id UNION ALL SELECT to_id, "
		        "min(recorded_at)"
		        " FROM links WHERE to_type = 'person' AND from_child_id IN"
		        " (SELECT child_id FROM vol) AND restricted = 0 GROUP BY to_id)"
		        " SELECT count(*) FROM (SELECT pid, min(first) AS first FROM lp GROUP BY "
		        "pid)"
		        " x WHERE x.first >= $2 AND x.first < $3",
		        "stt", bid, from, to);
	if (strcmp(what, "meetings") == 0)
		return db_query_int64(db, n,
		                      "SELECT count(*) FROM mase_meetings WHERE borough_id = $1"
		                      " AND held_at >= $2 AND held_at < $3",
		                      "stt", bid, from, to);
	return DB_E_MISUSE;
}

json_t *store_board_meetings(struct db *db, const char *bid, int64_t from, int64_t to, int *rc)
{
	return store_rows(
	        db, rc,
	        "SELECT id, held_at, gaps, flagged FROM mase_meetings WHERE borough_id = $1"
	        " AND held_at >= $2 AND held_at < $3 ORDER BY held_at",
	        "stt", bid, from, to);
}

json_t *store_board_actions(struct db *db, const char *bid, int64_t from, int64_t to, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT COALESCE(ag.name, pa.owner_name) AS agency, count(*) AS due,"
	                  " COALESCE(sum(CASE WHEN pa.status = 'done' AND pa.closed_at <= pa.due_at"
	                  " THEN 1 ELSE 0 END), 0) AS on_time FROM plan_actions pa"
	                  " LEFT JOIN agencies ag ON ag.id = pa.owner_agency_id"
	                  " WHERE pa.borough_id = $1 AND pa.due_at >= $2 AND pa.due_at < $3"
	                  " AND pa.status <> 'cancelled' GROUP BY 1 ORDER BY 1",
	                  "stt", bid, from, to);
}

json_t *store_board_contacts(struct db *db, const char *bid, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT name, type, senior_lead AS lead, spoc FROM agencies"
	                  " WHERE borough_id = $1 OR borough_id IS NULL ORDER BY name",
	                  "s", bid);
}

json_t *store_board_disruptions(struct db *db, const char *bid, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT type, status, person_id, served_at, on_date FROM disruptions"
	                  " WHERE borough_id = $1 AND restricted = 0 AND type <> 'covert_tactic'",
	                  "s", bid);
}

/* A classification of `code` open in the period. */
#define TYPE_OPEN(code)                                                                            \
	"EXISTS (SELECT 1 FROM record_classifications rc WHERE rc.record_id = vol.id"              \
	" AND rc.kind = 'type' AND rc.code = '" code "' AND rc.from_at < $3"                       \
	" AND (rc.to_at IS NULL OR rc.to_at >= $2))"
#define GROUP_IN(code)                                                                             \
	"EXISTS (SELECT 1 FROM child_risk_groups g WHERE g.child_id = vol.child_id"                \
	" AND g.group_code = '" code "' AND (g.from_date IS NULL OR g.from_date < $3)"             \
	" AND (g.to_date IS NULL OR g.to_date >= substr($2, 1, 10)))"

/* clang-format off */
static const char CIN_SQL[] =
	VOL "SELECT vol.child_id, vol.reference AS record_ref,"
	" CASE WHEN EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = vol.child_id"
	" AND e.classification = 'missing' AND e.reported_at >= $2"
	" AND e.reported_at < $3) THEN 1 ELSE 0 END AS missing_episode,"
	" CASE WHEN " TYPE_OPEN("sexual") " THEN 1 ELSE 0 END AS sexual_record,"
	" CASE WHEN " TYPE_OPEN("trafficking") " THEN 1 ELSE 0 END AS trafficking_record,"
	" CASE WHEN " TYPE_OPEN("criminal") " THEN 1 ELSE 0 END AS criminal_record,"
	" CASE WHEN " GROUP_IN("trafficked") " THEN 1 ELSE 0 END AS trafficked,"
	" CASE WHEN EXISTS (SELECT 1 FROM nrm_referrals n WHERE n.child_id = vol.child_id"
	" AND n.referred_at >= $2 AND n.referred_at < $3) THEN 1 ELSE 0 END AS nrm_referral,"
	" CASE WHEN " GROUP_IN("gang_associated") " THEN 1 ELSE 0 END AS gang_associated,"
	" CASE WHEN EXISTS (SELECT 1 FROM record_flags fl WHERE fl.record_id = vol.id"
	" AND fl.flag = 'GA' AND fl.set_at < $3 AND (fl.cleared_at IS NULL"
	" OR fl.cleared_at >= $2)) THEN 1 ELSE 0 END AS gang_flag"
	" FROM vol ORDER BY vol.reference";
/* clang-format on */

json_t *store_board_cin(struct db *db, const char *bid, int64_t from, int64_t to, int *rc)
{
	return store_rows(db, rc, CIN_SQL, "stt", bid, from, to);
}

int store_agency_contacts_set(struct db *db, const char *agency_id, const char *lead,
                              const char *spoc)
{
	return db_run(db, "UPDATE agencies SET senior_lead = $2, spoc = $3 WHERE id = $1", "sss",
	              agency_id, lead, spoc);
}
