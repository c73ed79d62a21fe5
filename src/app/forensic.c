/*
 * forensic.c: the forensic strategy decision after a child's return (forensic.h;
 * R-MISS-9): the protocol's questions answered, the decision and its rationale.
 */
#include "app/forensic.h"

#include "app/episode_common.h"
#include "protocol/missing.h"
#include "store/episodes.h"

/* One answer to a forensic question: true (yes), false (no) or "not_applicable". */
static enum forensic_answer forensic_answer_of(json_t *v)
{
	if (json_is_true(v))
		return FOR_YES;
	if (json_is_false(v))
		return FOR_NO;
	if (json_is_string(v) && strcmp(json_string_value(v), "not_applicable") == 0)
		return FOR_NOT_APPLICABLE;
	return FOR_UNANSWERED;
}

size_t app_forensic_questions(const char **codes, const char **texts, size_t max)
{
	size_t n;
	const struct forensic_question *q = missing_forensic_questions(&n);
	for (size_t i = 0; i < n && i < max; i++) {
		if (codes)
			codes[i] = q[i].code;
		if (texts)
			texts[i] = q[i].text;
	}
	return n;
}

int app_forensic_decision(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err)
{
	static const char *const DECISIONS[] = {"forensic_strategy", "no_forensic_action", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record this decision", "decision", NULL))
		return err->code;
	/* R-MISS-9: the protocol's questions, by their codes */
	size_t nq;
	const struct forensic_question *q = missing_forensic_questions(&nq);
	const char *allowed[MISS_FORENSIC_QUESTIONS + 3] = {NULL};
	for (size_t i = 0; i < nq && i < MISS_FORENSIC_QUESTIONS; i++)
		allowed[i] = q[i].code;
	allowed[nq] = "decision";
	allowed[nq + 1] = "rationale";
	app_json_only(in, allowed, err);
	struct miss_forensic f = {.decided_by = who->display_name, .decided_at = u.now};
	for (size_t i = 0; i < nq && i < MISS_FORENSIC_QUESTIONS; i++)
		f.answers[i] = forensic_answer_of(json_object_get(in, q[i].code));
	const char *decision = app_json_str(in, "decision", true, 24, false, err);
	if (decision && !uc_one_of(decision, DECISIONS))
		app_field_error(err, "decision",
		                "decision is forensic_strategy or no_forensic_action.");
	f.decision = !decision                                     ? FOR_DECISION_UNSET
	             : strcmp(decision, "forensic_strategy") == 0  ? FOR_STRATEGY
	             : strcmp(decision, "no_forensic_action") == 0 ? FOR_NO_STRATEGY
	                                                           : FOR_DECISION_UNSET;
	f.rationale = app_json_str(in, "rationale", true, 2000, true, err);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-9", "a forensic strategy decision");
	struct proto_err pe;
	if (arc == APP_OK && missing_forensic_validate(&f, e.returned_at, u.now, &pe) < 0)
		arc = uc_proto_refused(&u, &pe);
	char fid[ID_MAX];
	id_new("for", fid);
	struct store_forensic_new fn = {.id = fid,
	                                .episode_id = e.id,
	                                .decision = decision,
	                                .rationale = f.rationale,
	                                .at = u.now,
	                                .by = uc_user_id(&u),
	                                .by_name = who->display_name};
	_Static_assert(MISS_FORENSIC_QUESTIONS == ARRAY_LEN(fn.answers), "one answer a question");
	for (size_t i = 0; i < MISS_FORENSIC_QUESTIONS; i++)
		fn.answers[i] = f.answers[i] == FOR_YES ? 1 : f.answers[i] == FOR_NO ? 0 : 2;
	if (arc == APP_OK)
		arc = uc_db(&u, store_forensic_insert(db, &fn));
	char rref[24] = "";
	if (arc == APP_OK)
		arc = uc_child_record_ref(&u, e.child_id, rref);
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "create", "forensic_decision", fid,
		                         rref[0] ? rref : NULL, "all"));
	*out = json_pack("{s:s, s:s, s:s}", "id", fid, "episode_id", e.id, "decision", decision);
	return uc_end(&u, arc, out);
}
