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
	struct essential_steps s = {
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
	if (err->code)
		return err->code;
	struct proto_err pe;
	/* R-PATH-7: a decision not to intervene always needs its rationale, and an immediate
	 * risk its police-protection note; other steps may be recorded as they happen */
	if (s.declined_to_intervene_or_refer &&
	    proto_text_check(s.e4_rationale, 2000, true, "R-PATH-7", "e4_rationale",
	                     "the rationale for not intervening or referring (E4)", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	if (s.immediate_risk && s.police_protection_considered &&
	    proto_text_check(s.police_protection_note, 2000, true, "R-PATH-7",
	                     "police_protection_note", "the police protection decision (E1)",
	                     &pe) < 0)
		return uc_proto_refused(&u, &pe);
	const char *codes[5];
	size_t n = essential_steps_outstanding(&s, codes);
	char outstanding[32] = "";
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(outstanding);
		snprintf(outstanding + len, sizeof outstanding - len, "%s%s", i ? "," : "",
		         codes[i]);
	}
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	char *steps_s = json_dumps(in, JSON_COMPACT | JSON_SORT_KEYS);
	char id[ID_MAX];
	id_new("ess", id);
	int rc = store_essential_steps_insert(db, id, r.id, uc_user_id(&u), u.now_s,
	                                      steps_s ? steps_s : "{}", outstanding);
	free(steps_s);
	int arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	char text[2600];
	snprintf(text, sizeof text, "Essential steps recorded (R-PATH-7). %s%s%s%s",
	         n ? "Still outstanding: " : "All five essential steps are complete.",
	         n ? outstanding : "",
	         s.declined_to_intervene_or_refer ? " Decision not to intervene: " : "",
	         s.declined_to_intervene_or_refer ? s.e4_rationale : "");
	json_t *people = json_pack("[s]", "the child");
	if (arc == APP_OK)
		arc = chronology_add(&u, r.id, u.now, REC_FACT, "essential_steps", text, people,
		                     NULL, NULL, NULL);
	json_decref(people);
	json_t *left = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(left, json_string(codes[i]));
	*out = json_pack("{s:s, s:s, s:o, s:b}", "id", id, "record_ref", r.reference, "outstanding",
	                 left, "complete", n == 0);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "essential_steps", out);
}
