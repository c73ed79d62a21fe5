/* records.c: the record repository (see records.h). */
#include "store/records.h"

#include "protocol/flags.h"
#include "store/rows.h"

int store_record_insert(struct db *db, const struct store_record_new *r, char ref[24])
{
	int64_t seq = 0;
	int rc = db_query_int64(
	        db, &seq, "SELECT coalesce(max(ref_seq), 0) + 1 FROM records WHERE ref_year = $1",
	        "d", r->year);
	if (rc != DB_OK)
		return rc;
	snprintf(ref, 24, "LAN-%04d-%06lld", r->year % 10000, (long long)(seq % 1000000));
	return db_run(db,
	              "INSERT INTO records (id, child_id, reference, ref_year, ref_seq, opened_at,"
	              " opened_by, owning_borough_id, is_demo, updated_at)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $6)",
	              "sssditssb", r->id, r->child_id, ref, r->year, seq, r->opened_at,
	              r->opened_by, r->borough_id, r->demo);
}

static const struct row_col RECORD_COLS[] = {
        ROW_COL(struct record_row, id, ROW_TEXT),
        ROW_COL(struct record_row, child_id, ROW_TEXT),
        ROW_COL(struct record_row, reference, ROW_TEXT),
        ROW_COL(struct record_row, status, ROW_TEXT),
        ROW_COL(struct record_row, category, ROW_INT),
        ROW_COL(struct record_row, contact_mode, ROW_TEXT),
        ROW_COL(struct record_row, allocation, ROW_TEXT),
        ROW_COL(struct record_row, owning_borough_id, ROW_TEXT),
        ROW_COL(struct record_row, restricted, ROW_BOOL),
        ROW_COL(struct record_row, online, ROW_BOOL),
        ROW_COL(struct record_row, group, ROW_BOOL),
        ROW_COL(struct record_row, gang, ROW_BOOL),
        ROW_COL(struct record_row, view_version, ROW_INT64),
        ROW_COL(struct record_row, view_epoch, ROW_INT64),
};
static const struct row_desc RECORD = ROW_DESC(struct record_row, RECORD_COLS);

int store_record_get(struct db *db, const char *key, struct record_row *r)
{
	return row_get(db, &RECORD, r,
	               "SELECT id, child_id, reference, status, current_category AS category,"
	               " contact_mode, allocation, owning_borough_id, restricted, online,"
	               " group_responsible AS \"group\", gang_responsible AS gang, view_version,"
	               " (SELECT n FROM view_epoch) AS view_epoch"
	               " FROM records WHERE id = $1 OR reference = $1 OR child_id = $1",
	               "s", key);
}

int store_record_set_category(struct db *db, const struct store_record_category *c)
{
	return db_run(
	        db,
	        "UPDATE records SET current_category = $2, contact_mode = $3, allocation = $4,"
	        " allocated_borough_id = $5, enquiring_borough_id = $6,"
	        " exploitation_borough = $7, updated_at = $8 WHERE id = $1",
	        "sdssssst", c->record_id, c->category, c->contact_mode, c->allocation,
	        c->allocated_borough_id, c->enquiring_borough_id, c->exploitation_borough, c->at);
}

int store_record_set_facts(struct db *db, const char *record_id, bool online, bool group, bool gang,
                           int64_t at)
{
	return db_run(
	        db,
	        "UPDATE records SET online = $2, group_responsible = $3, gang_responsible = $4,"
	        " updated_at = $5 WHERE id = $1",
	        "sbbbt", record_id, online, group, gang, at);
}

json_t *store_record_summary(struct db *db, const char *record_id, int *rc)
{
	return rows_one(
	        db,
	        "SELECT r.id, r.reference, r.status, r.opened_at, r.current_category AS category,"
	        " r.contact_mode, r.allocation, ab.name AS allocated_borough,"
	        " eb.name AS enquiring_borough, r.exploitation_borough,"
	        " ob.name AS owning_borough, r.online, r.group_responsible, r.gang_responsible,"
	        " r.restricted, r.is_demo, r.updated_at, r.child_id"
	        " FROM records r LEFT JOIN boroughs ab ON ab.id = r.allocated_borough_id"
	        " LEFT JOIN boroughs eb ON eb.id = r.enquiring_borough_id"
	        " LEFT JOIN boroughs ob ON ob.id = r.owning_borough_id WHERE r.id = $1",
	        record_id, rc);
}

int store_referral_insert(struct db *db, const struct store_referral_new *r)
{
	return db_run(
	        db,
	        "INSERT INTO referrals (id, child_id, record_id, source_agency_id, referrer_id,"
	        " referrer_name, came_to_notice_at, submitted_at, circumstances, rationale,"
	        " no_sign_rationale, risk_review, other_info, route, route_rule, status)"
	        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
	        " $16)",
	        "ssssssttssssssss", r->id, r->child_id, r->record_id, r->source_agency_id,
	        r->referrer_id, r->referrer_name, r->came_to_notice_at, r->submitted_at,
	        r->circumstances, r->rationale, r->no_sign_rationale, r->risk_review, r->other_info,
	        r->route, r->route_rule, r->status);
}

int store_referral_add_sign(struct db *db, const char *referral_id, const char *code,
                            const char *evidence, struct lt_date seen_on)
{
	return db_run(db,
	              "INSERT INTO referral_signs (referral_id, sign_code, evidence, seen_on)"
	              " VALUES ($1, $2, $3, $4)",
	              "sssD", referral_id, code, evidence, seen_on);
}

int store_referral_add_step(struct db *db, const char *referral_id, int seq, const char *action,
                            const char *who, const char *rule, const char *text)
{
	return db_run(db,
	              "INSERT INTO referral_steps (referral_id, seq, action, who, rule, text)"
	              " VALUES ($1, $2, $3, $4, $5, $6)",
	              "sdssss", referral_id, seq, action, who, rule, text);
}

json_t *store_referral_get(struct db *db, const char *id, int *rc)
{
	json_t *r =
	        rows_one(db,
	                 "SELECT f.id, f.child_id, f.record_id, rec.reference AS record_ref,"
	                 " f.source_agency_id, a.name AS source_agency, f.referrer_id,"
	                 " f.referrer_name, f.came_to_notice_at, f.submitted_at, f.circumstances,"
	                 " f.rationale, f.no_sign_rationale, f.risk_review, f.other_info, f.route,"
	                 " f.route_rule, f.status, c.given_names AS child_given_names,"
	                 " c.family_name AS child_family_name,"
	                 " rec.current_category IS NOT NULL AS has_category,"
	                 " EXISTS (SELECT 1 FROM external_refs x WHERE x.record_id = f.record_id"
	                 "  AND x.kind = 'merlin_pac') AS has_merlin_pac FROM referrals f"
	                 " JOIN children c ON c.id = f.child_id"
	                 " LEFT JOIN agencies a ON a.id = f.source_agency_id"
	                 " LEFT JOIN records rec ON rec.id = f.record_id WHERE f.id = $1",
	                 id, rc);
	if (!r)
		return NULL;
	json_t *signs = rows_query(db,
	                           "SELECT sign_code AS code, evidence, seen_on FROM referral_signs"
	                           " WHERE referral_id = $1 ORDER BY sign_code",
	                           id, rc);
	json_t *steps = signs ? rows_query(db,
	                                   "SELECT action, who, rule, text FROM referral_steps"
	                                   " WHERE referral_id = $1 ORDER BY seq",
	                                   id, rc)
	                      : NULL;
	if (!signs || !steps) {
		json_decref(signs);
		json_decref(r);
		return NULL;
	}
	json_object_set_new(r, "signs", signs);
	json_object_set_new(r, "steps", steps);
	return r;
}

json_t *store_referrals_for_child(struct db *db, const char *child_id, int *rc)
{
	return rows_query(
	        db,
	        "SELECT f.id, f.submitted_at, f.came_to_notice_at, a.name AS source_agency,"
	        " f.referrer_name, f.route, f.status,"
	        " (SELECT count(*) FROM referral_signs s WHERE s.referral_id = f.id) AS signs"
	        " FROM referrals f LEFT JOIN agencies a ON a.id = f.source_agency_id"
	        " WHERE f.child_id = $1 ORDER BY f.submitted_at DESC",
	        child_id, rc);
}

int store_referrals_triaged(struct db *db, const char *record_id)
{
	return db_run(db,
	              "UPDATE referrals SET status = 'triaged'"
	              " WHERE record_id = $1 AND status = 'awaiting_triage'",
	              "s", record_id);
}

int store_entry_insert(struct db *db, const struct store_entry_new *e)
{
	return db_run(db,
	              "INSERT INTO record_entries (id, record_id, occurred_at, recorded_at,"
	              " author_id, author_name, agency_id, people_involved, nature, kind, text,"
	              " supersedes_id, referral_id)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	              "ssttsssssssss", e->id, e->record_id, e->occurred_at, e->recorded_at,
	              e->author_id, e->author_name, e->agency_id, e->people_involved, e->nature,
	              e->kind, e->text, e->supersedes_id, e->referral_id);
}

int store_entry_get(struct db *db, const char *entry_id, char record_id[32], bool *superseded)
{
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT record_id, superseded_by IS NOT NULL FROM record_entries"
	                   " WHERE id = $1",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, entry_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(record_id, 32, "%s", db_column_text(st, 0));
		*superseded = db_column_int64(st, 1) != 0;
	}
	db_reset(st);
	return rc;
}

int store_entry_text(struct db *db, const char *entry_id, char **text)
{
	*text = NULL;
	struct db_stmt *st;
	int rc = db_cached(db, "SELECT text FROM record_entries WHERE id = $1", &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, entry_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *t = db_column_text(st, 0);
		*text = strdup(t ? t : "");
		if (!*text)
			rc = DB_E_NOMEM;
	}
	db_reset(st);
	return rc;
}

int store_entry_set_reason(struct db *db, const char *entry_id, const char *reason)
{
	return db_run(db, "UPDATE record_entries SET correction_reason = $2 WHERE id = $1", "ss",
	              entry_id, reason);
}

int store_entry_mark_superseded(struct db *db, const char *entry_id, const char *by)
{
	return db_run(db,
	              "UPDATE record_entries SET superseded_by = $2 WHERE id = $1"
	              " AND superseded_by IS NULL",
	              "ss", entry_id, by);
}

json_t *store_entries(struct db *db, const char *record_id, int *rc)
{
	return rows_query(db,
	                  "SELECT e.id, e.occurred_at, e.recorded_at, e.author_id, e.author_name,"
	                  " a.name AS agency, e.people_involved, e.nature, e.kind, e.text,"
	                  " e.supersedes_id, e.superseded_by, e.referral_id, e.correction_reason"
	                  " FROM record_entries e"
	                  " LEFT JOIN agencies a ON a.id = e.agency_id WHERE e.record_id = $1"
	                  " ORDER BY e.occurred_at DESC, e.recorded_at DESC",
	                  record_id, rc);
}

int store_category_insert(struct db *db, const struct store_category_new *d)
{
	return db_run(db,
	              "INSERT INTO category_decisions (id, record_id, category, contact_mode,"
	              " rationale, kind, decided_by, decided_by_name, decided_at, allocation,"
	              " allocated_borough_id, enquiring_borough_id, indicators)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	              "ssdssssstssss", d->id, d->record_id, d->category, d->contact_mode,
	              d->rationale, d->kind, d->decided_by, d->decided_by_name, d->decided_at,
	              d->allocation, d->allocated_borough_id, d->enquiring_borough_id,
	              d->indicators);
}

json_t *store_categories(struct db *db, const char *record_id, int *rc)
{
	return rows_query(
	        db,
	        "SELECT d.id, d.category, d.contact_mode, d.rationale, d.kind, d.decided_by,"
	        " d.decided_by_name, d.decided_at, d.allocation, ab.name AS allocated_borough,"
	        " eb.name AS enquiring_borough, d.indicators FROM category_decisions d"
	        " LEFT JOIN boroughs ab ON ab.id = d.allocated_borough_id"
	        " LEFT JOIN boroughs eb ON eb.id = d.enquiring_borough_id"
	        " WHERE d.record_id = $1 ORDER BY d.decided_at DESC, d.rowid DESC",
	        record_id, rc);
}

int store_flags_current(struct db *db, const char *record_id, uint32_t *mask)
{
	struct db_stmt *st;
	*mask = 0;
	int rc = db_cached(
	        db, "SELECT flag FROM record_flags WHERE record_id = $1 AND cleared_at IS NULL",
	        &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, record_id);
	while ((rc = db_step(st)) == DB_ROW)
		*mask |= flags_bit(db_column_text(st, 0));
	db_reset(st);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_flag_set(struct db *db, const char *record_id, const char *flag, int64_t at,
                   const char *reason)
{
	return db_run(db,
	              "INSERT INTO record_flags (record_id, flag, set_at, reason)"
	              " VALUES ($1, $2, $3, $4)",
	              "ssts", record_id, flag, at, reason);
}

int store_flag_clear(struct db *db, const char *record_id, const char *flag, int64_t at)
{
	return db_run(db,
	              "UPDATE record_flags SET cleared_at = $3 WHERE record_id = $1 AND flag = $2"
	              " AND cleared_at IS NULL",
	              "sst", record_id, flag, at);
}

json_t *store_flags_history(struct db *db, const char *record_id, int *rc)
{
	return rows_query(db,
	                  "SELECT flag, set_at, cleared_at, reason FROM record_flags"
	                  " WHERE record_id = $1 ORDER BY set_at, id",
	                  record_id, rc);
}

int store_outcome_insert(struct db *db, const struct store_outcome_new *o)
{
	return db_run(db,
	              "INSERT INTO outcomes (id, record_id, person_id, code, achieved_on, note,"
	              " recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	              "ssssDsst", o->id, o->record_id, o->person_id, o->code, o->achieved_on,
	              o->note, o->by, o->at);
}

json_t *store_outcomes(struct db *db, const char *record_id, int *rc)
{
	return rows_query(
	        db,
	        "SELECT o.id, o.code, o.achieved_on, o.note, u.display_name AS recorded_by,"
	        " o.recorded_at FROM outcomes o LEFT JOIN users u ON u.id = o.recorded_by"
	        " WHERE o.record_id = $1 ORDER BY o.achieved_on DESC",
	        record_id, rc);
}

int store_ext_ref_add(struct db *db, const char *record_id, const char *kind, const char *value,
                      bool es_flagged, int64_t at, const char *by)
{
	return db_run(db,
	              "INSERT INTO external_refs (record_id, kind, value, es_flagged,"
	              " added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
	              "sssbts", record_id, kind, value, es_flagged, at, by);
}

json_t *store_ext_refs(struct db *db, const char *record_id, int *rc)
{
	return rows_query(db,
	                  "SELECT kind, value, es_flagged, added_at FROM external_refs"
	                  " WHERE record_id = $1 ORDER BY id",
	                  record_id, rc);
}

int store_classification_set(struct db *db, const char *record_id, const char *kind,
                             const char *const *codes, size_t n, int64_t at)
{
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT id, code FROM record_classifications WHERE record_id = $1"
	                   " AND kind = $2 AND to_at IS NULL",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, record_id);
	db_bind_text(st, 2, kind);
	json_t *current = json_object();
	while ((rc = db_step(st)) == DB_ROW)
		json_object_set_new(current, db_column_text(st, 1),
		                    json_integer(db_column_int64(st, 0)));
	db_reset(st);
	if (rc != DB_DONE) {
		json_decref(current);
		return rc;
	}
	rc = DB_OK;
	json_t *done = json_object(); /* codes handled already: a repeated code is kept once */
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		if (json_object_get(done, codes[i]))
			continue;
		json_object_set_new(done, codes[i], json_true());
		if (json_object_get(current, codes[i])) {
			json_object_del(current, codes[i]); /* kept */
			continue;
		}
		rc = db_run(db,
		            "INSERT INTO record_classifications (record_id, kind, code, from_at)"
		            " VALUES ($1, $2, $3, $4)",
		            "ssst", record_id, kind, codes[i], at);
	}
	const char *code;
	json_t *idv;
	json_object_foreach(current, code, idv)
	{
		if (rc == DB_OK)
			rc = db_run(db,
			            "UPDATE record_classifications SET to_at = $2 WHERE id = $1",
			            "it", (int64_t)json_integer_value(idv), at);
	}
	json_decref(current);
	json_decref(done);
	return rc;
}

json_t *store_classifications(struct db *db, const char *record_id, bool current_only, int *rc)
{
	return rows_query(db,
	                  current_only
	                          ? "SELECT kind, code, from_at, to_at FROM record_classifications"
	                            " WHERE record_id = $1 AND to_at IS NULL ORDER BY kind, code"
	                          : "SELECT kind, code, from_at, to_at FROM record_classifications"
	                            " WHERE record_id = $1 ORDER BY from_at, id",
	                  record_id, rc);
}

int store_supervisor_review_insert(struct db *db, const struct store_supervisor_review_new *s)
{
	return db_run(db,
	              "INSERT INTO supervisor_reviews (id, record_id, reviewer_id,"
	              " reporting_officer_id, reviewed_at, items, threat_to_life)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7)",
	              "sssstss", s->id, s->record_id, s->reviewer_id, s->reporting_officer_id,
	              s->at, s->items_json, s->ttl);
}

json_t *store_supervisor_reviews(struct db *db, const char *record_id, int *rc)
{
	return rows_query(db,
	                  "SELECT s.id, u.display_name AS reviewer, s.reviewed_at, s.items,"
	                  " s.threat_to_life FROM supervisor_reviews s"
	                  " JOIN users u ON u.id = s.reviewer_id WHERE s.record_id = $1"
	                  " ORDER BY s.reviewed_at DESC",
	                  record_id, rc);
}

int store_reporting_officer(struct db *db, const char *record_id, char out[32])
{
	int rc =
	        db_query_text(db, out, 32,
	                      "SELECT coalesce(referrer_id, '') FROM referrals WHERE record_id = $1"
	                      " AND route = 'police_pathway' ORDER BY submitted_at DESC, rowid DESC"
	                      " LIMIT 1",
	                      "s", record_id);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_essential_steps_insert(struct db *db, const struct store_essential_steps_new *e)
{
	return db_run(db,
	              "INSERT INTO essential_steps (id, record_id, recorded_by, recorded_at, steps,"
	              " outstanding) VALUES ($1, $2, $3, $4, $5, $6)",
	              "ssstss", e->id, e->record_id, e->by, e->at, e->steps_json, e->outstanding);
}

json_t *store_essential_steps_latest(struct db *db, const char *record_id, int *rc)
{
	return rows_one(
	        db,
	        "SELECT e.id, e.recorded_at, u.display_name AS recorded_by, e.steps,"
	        " e.outstanding FROM essential_steps e LEFT JOIN users u ON u.id = e.recorded_by"
	        " WHERE e.record_id = $1 ORDER BY e.recorded_at DESC, e.rowid DESC LIMIT 1",
	        record_id, rc);
}

int store_record_set_restricted(struct db *db, const char *record_id, bool restricted,
                                const char *reason, int64_t at)
{
	return db_run(db,
	              "UPDATE records SET restricted = $2, restricted_reason = $3, updated_at = $4"
	              " WHERE id = $1",
	              "sbst", record_id, restricted, reason, at);
}

int store_restricted_access_add(struct db *db, const struct store_restricted_access_new *a)
{
	/* one entry per user, record and reason while it waits for review: reading several
	 * pages of the record for the same reason is one opening */
	return db_run(db,
	              "INSERT INTO restricted_access (id, record_id, user_id, user_name, agency_id,"
	              " opened_at, purpose) SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS"
	              " (SELECT 1 FROM restricted_access WHERE record_id = $2 AND "
	              "coalesce(user_id, '') = coalesce($3, '')"
	              " AND purpose = $7 AND reviewed_at IS NULL)",
	              "sssssts", a->id, a->record_id, a->user_id, a->user_name, a->agency_id,
	              a->opened_at, a->purpose);
}

json_t *store_restricted_access_unreviewed(struct db *db, int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(
	        db,
	        "SELECT a.id, a.opened_at, a.user_name, a.purpose, r.reference AS record_ref"
	        " FROM restricted_access a JOIN records r ON r.id = a.record_id"
	        " WHERE a.reviewed_at IS NULL ORDER BY a.opened_at LIMIT $1",
	        &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_int64(st, 1, limit);
	json_t *items = rows_all(st, rc);
	int64_t n = 0;
	if (items && (*rc = db_query_int64(db, &n,
	                                   "SELECT count(*) FROM restricted_access"
	                                   " WHERE reviewed_at IS NULL",
	                                   "")) != DB_OK) {
		json_decref(items);
		return NULL;
	}
	return items ? json_pack("{s:I, s:o}", "count", (json_int_t)n, "items", items) : NULL;
}

int store_restricted_access_get(struct db *db, const char *id, char opener[32], char record_id[32],
                                bool *reviewed)
{
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT coalesce(user_id, ''), record_id, reviewed_at IS NOT NULL"
	                   " FROM restricted_access WHERE id = $1",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(opener, 32, "%s", db_column_text(st, 0));
		snprintf(record_id, 32, "%s", db_column_text(st, 1));
		*reviewed = db_column_int64(st, 2) != 0;
	}
	db_reset(st);
	return rc;
}

int store_restricted_access_review(struct db *db, const char *id, const char *by, int64_t at,
                                   const char *note)
{
	return db_run(db,
	              "UPDATE restricted_access SET reviewed_by = $2, reviewed_at = $3,"
	              " review_note = $4 WHERE id = $1 AND reviewed_at IS NULL",
	              "ssts", id, by, at, note);
}

json_t *store_restricted_access_view(struct db *db, const char *id, int *rc)
{
	return rows_one(db,
	                "SELECT a.id, r.reference AS record_ref, a.user_id, a.user_name,"
	                " g.name AS agency, a.opened_at, a.purpose, a.reviewed_at,"
	                " u.display_name AS reviewed_by_name, a.review_note"
	                " FROM restricted_access a JOIN records r ON r.id = a.record_id"
	                " LEFT JOIN agencies g ON g.id = a.agency_id"
	                " LEFT JOIN users u ON u.id = a.reviewed_by WHERE a.id = $1",
	                id, rc);
}

int store_record_restricted_reason(struct db *db, const char *record_id, char *out, size_t n)
{
	int rc = db_query_text(db, out, n,
	                       "SELECT coalesce(restricted_reason, '') FROM records WHERE id = $1",
	                       "s", record_id);
	return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}
