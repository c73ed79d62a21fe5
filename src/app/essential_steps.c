/*
 * essential_steps.c: recording the essential steps on a child's record
 * (essential_steps.h; R-PATH-7, E1-E5): what was done, what is still outstanding, and
 * the rationale a decision not to intervene needs.
 */
#include "app/essential_steps.h"

#include "app/chronology.h"
#include "app/record_common.h"
#include "protocol/checklists.h"
#include "protocol/recording.h"
#include "store/records.h"

/* Reads the E1-E5 answers of `in` into s, pointing into `in`; errors go to u->err. */
static void steps_parse(struct uc *u, json_t *in, struct essential_steps *s)
{
	struct app_err *err = u->err;
	*s = (struct essential_steps){
	        .immediate_risk = app_json_bool(in, "immediate_risk", false, err),
	        .police_protection_considered =
	                app_json_bool(in, "police_protection_considered", false, err),
	        .police_protection_note =
	                app_json_str(in, "police_protection_note", false, 2000, true, err),
	        .pnc_marker_done = app_json_bool(in, "pnc_marker_done", false, err),
	        .mase_referred_or_updated =
	                app_json_bool(in, "mase_referred_or_updated", false, err),
	        .outcome_mi_considered = app_json_bool(in, "outcome_mi_considered", false, err),
	        .declined_to_intervene_or_refer =
	                app_json_bool(in, "declined_to_intervene_or_refer", false, err),
	        .e4_rationale = app_json_str(in, "e4_rationale", false, 2000, true, err),
	        .category_reviewed_by_assessment_team =
	                app_json_bool(in, "category_reviewed_by_assessment_team", false, err),
	        .flag_set = app_json_bool(in, "flag_set", false, err),
	};
}

/* The codes of the steps still outstanding into codes, and comma separated into
 * `outstanding`; returns how many. */
static size_t steps_outstanding(const struct essential_steps *s, const char *codes[5],
                                char outstanding[32])
{
	size_t n = essential_steps_outstanding(s, codes);
	outstanding[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(outstanding);
		snprintf(outstanding + len, 32 - len, "%s%s", i ? "," : "", codes[i]);
	}
	return n;
}

/* Writes the answers (`in`, as given) with what is outstanding to record r, and the
 * chronology entry; the new id into id. */
static int steps_store(struct uc *u, const struct record_row *r, json_t *in,
                       const struct essential_steps *s, const char *outstanding, size_t n,
                       char id[ID_MAX])
{
	char *steps_s = json_dumps(in, JSON_COMPACT | JSON_SORT_KEYS);
	id_new("ess", id);
	struct store_essential_steps_new row = {.id = id,
	                                        .record_id = r->id,
	                                        .by = uc_user_id(u),
	                                        .at = u->now,
	                                        .steps_json = steps_s ? steps_s : "{}",
	                                        .outstanding = outstanding};
	int rc = store_essential_steps_insert(u->db, &row);
	free(steps_s);
	if (rc != DB_OK)
		return app_db_fail(u->err, u->db, rc);
	char text[2600];
	snprintf(text, sizeof text, "Essential steps recorded (R-PATH-7). %s%s%s%s",
	         n ? "Still outstanding: " : "All five essential steps are complete.",
	         n ? outstanding : "",
	         s->declined_to_intervene_or_refer ? " Decision not to intervene: " : "",
	         s->declined_to_intervene_or_refer ? s->e4_rationale : "");
	json_t *people = json_pack("[s]", "the child");
	int arc = chronology_add(u, r->id, u->now, REC_FACT, "essential_steps", text, people, NULL,
	                         NULL, NULL);
	json_decref(people);
	return arc;
}

int app_essential_steps(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"immediate_risk",
	                                      "police_protection_considered",
	                                      "police_protection_note",
	                                      "pnc_marker_done",
	                                      "mase_referred_or_updated",
	                                      "outcome_mi_considered",
	                                      "declined_to_intervene_or_refer",
	                                      "e4_rationale",
	                                      "category_reviewed_by_assessment_team",
	                                      "flag_set",
	                                      NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record essential steps", "steps", allowed))
		return err->code;
	struct essential_steps s;
	steps_parse(&u, in, &s);
	struct proto_err pe;
	if (!err->code && essential_steps_answers_validate(&s, &pe) < 0) /* R-PATH-7 */
		uc_proto_refused(&u, &pe);
	if (err->code)
		return err->code;
	const char *codes[5];
	char outstanding[32];
	size_t n = steps_outstanding(&s, codes, outstanding);
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	char id[ID_MAX];
	int arc = steps_store(&u, &r, in, &s, outstanding, n, id);
	json_t *left = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(left, json_string(codes[i]));
	/* R-PATH-7: the next step to take, in the protocol's words */
	bool complete = essential_steps_validate(&s, &pe) == 0;
	*out = json_pack("{s:s, s:s, s:o, s:b, s:s?}", "id", id, "record_ref", r.reference,
	                 "outstanding", left, "complete", complete, "next_step",
	                 complete ? NULL : pe.message);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "essential_steps", out);
}
