/* cj.c (store): criminal justice cases and NRM referrals (see cj.h). */
#include "store/cj.h"

#include "store/rows.h"
#include "store/orders.h"

/* The case's fact columns, bound from $2 (12 of them). */
#define CJ_FACTS                                                                                   \
	"network, arrested_on, referred_on, decision, decided_on, charged_on, offence, result,"    \
	" result_on, sentenced_on, sentence, person_id"

static int bind_case(struct db_stmt *st, const struct cj_case *c)
{
	return db_bind_args(st, 2, "sDDsDDssDDss", c->network_id, c->arrested_on, c->referred_on,
	                    cj_decision_code(c->decision), c->decided_on, c->charged_on, c->offence,
	                    cj_result_code(c->result), c->result_on, c->sentenced_on, c->sentence,
	                    c->person_id);
}

/* Steps a bound statement to its end and resets it. */
static int run_bound(struct db_stmt *st, int rc)
{
	if (rc == DB_OK) {
		rc = db_step(st);
		rc = rc == DB_DONE ? DB_OK : rc;
	}
	db_reset(st);
	return rc;
}

int store_cj_insert(struct db *db, const struct store_cj_new *n)
{
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "INSERT INTO cj_cases (id, " CJ_FACTS ", borough_id, agency_id,"
	                   " created_by, created_by_name, created_at, updated_at, is_demo)"
	                   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
	                   " $15, $16, $17, $18, $18, $19)",
	                   &st);
	if (rc != DB_OK)
		return rc;
	rc = db_bind_text(st, 1, n->id);
	if (rc == DB_OK)
		rc = bind_case(st, n->c);
	if (rc == DB_OK)
		rc = db_bind_args(st, 14, "sssstb", n->borough_id, n->agency_id, n->by, n->by_name,
		                  n->at, n->demo);
	return run_bound(st, rc);
}

int store_cj_update(struct db *db, const char *id, const struct cj_case *c, int64_t at)
{
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "UPDATE cj_cases SET (" CJ_FACTS ", updated_at) = ($2, $3, $4, $5, $6,"
	                   " $7, $8, $9, $10, $11, $12, $13, $14) WHERE id = $1",
	                   &st);
	if (rc != DB_OK)
		return rc;
	rc = db_bind_text(st, 1, id);
	if (rc == DB_OK)
		rc = bind_case(st, c);
	if (rc == DB_OK)
		rc = db_bind_time(st, 14, at);
	rc = run_bound(st, rc);
	return rc == DB_OK && db_changes(db) == 0 ? DB_DONE : rc;
}

#define CJ_SELECT                                                                                  \
	"SELECT k.id, k.person_id, p.label AS person_label, k.network, k.arrested_on,"             \
	" k.referred_on, k.decision, k.decided_on, k.charged_on, k.offence, k.result,"             \
	" k.result_on, k.sentenced_on, k.sentence, k.borough_id, k.agency_id, k.created_by_name,"  \
	" k.created_at, k.updated_at FROM cj_cases k LEFT JOIN people p ON p.id = k.person_id"

json_t *store_cj_get(struct db *db, const char *id, int *rc)
{
	return rows_one(db, CJ_SELECT " WHERE k.id = $1", id, rc);
}

json_t *store_cj_list(struct db *db, const char *person_id, const char *network,
                      const char *borough_id, int limit, int *rc)
{
	return store_rows(db, rc,
	                  CJ_SELECT " WHERE ($1 IS NULL OR k.person_id = $1)"
	                            " AND ($2 IS NULL OR k.network = $2)"
	                            " AND ($3 IS NULL OR k.borough_id = $3)"
	                            " ORDER BY k.created_at, k.id LIMIT $4",
	                  "sssd", person_id, network, borough_id, limit);
}

int store_nrm_insert(struct db *db, const struct store_nrm_new *n)
{
	return db_run(db,
	              "INSERT INTO nrm_referrals (id, child_id, record_id, referred_at,"
	              " reference, note, agency_id, created_by, created_by_name, created_at,"
	              " updated_at, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
	              " $10, $11)",
	              "ssstssssstb", n->id, n->child_id, n->record_id, n->referred_at, n->reference,
	              n->note, n->agency_id, n->by, n->by_name, n->at, n->demo);
}

int store_nrm_decide(struct db *db, const char *id, bool conclusive, const char *decision,
                     struct lt_date on, int64_t at)
{
	int rc = db_run(db,
	                conclusive ? "UPDATE nrm_referrals SET conclusive_grounds = $2,"
	                             " conclusive_grounds_on = $3, updated_at = $4 WHERE id = $1"
	                             " AND conclusive_grounds IS NULL"
	                           : "UPDATE nrm_referrals SET reasonable_grounds = $2,"
	                             " reasonable_grounds_on = $3, updated_at = $4 WHERE id = $1"
	                             " AND reasonable_grounds IS NULL",
	                "ssDt", id, decision, on, at);
	return rc == DB_OK && db_changes(db) == 0 ? DB_DONE : rc;
}

#define NRM_SELECT                                                                                 \
	"SELECT n.id, n.child_id, c.given_names, c.family_name, r.reference AS record_ref,"        \
	" n.referred_at, n.reference, n.reasonable_grounds, n.reasonable_grounds_on,"              \
	" n.conclusive_grounds, n.conclusive_grounds_on, n.note, n.agency_id, a.name AS agency,"   \
	" n.created_by_name, n.created_at FROM nrm_referrals n JOIN children c ON c.id ="          \
	" n.child_id LEFT JOIN records r ON r.child_id = n.child_id"                               \
	" LEFT JOIN agencies a ON a.id = n.agency_id"

json_t *store_nrm_get(struct db *db, const char *id, int *rc)
{
	return rows_one(db, NRM_SELECT " WHERE n.id = $1", id, rc);
}

json_t *store_nrm_of_child(struct db *db, const char *child_id, int *rc)
{
	return rows_query(db, NRM_SELECT " WHERE n.child_id = $1 ORDER BY n.referred_at DESC, n.id",
	                  child_id, rc);
}

json_t *store_nrm_open(struct db *db, int limit, int *rc)
{
	return store_rows(db, rc,
	                  NRM_SELECT " WHERE n.conclusive_grounds_on IS NULL"
	                             " ORDER BY n.referred_at, n.id LIMIT $1",
	                  "d", limit);
}
