/*
 * plans.c: the tactical options checklist (R-ORD-5) and a plan's actions (R-MASE-7,
 * R-DL-5). See plans.h.
 */
#include "protocol/plans.h"

#include "protocol/reference.h"
#include "util/ltime.h"

const char *tactic_mark_code(enum tactic_mark m)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_TACTIC_MARKS, &n);
	return (unsigned)m < n ? items[m].code : NULL;
}

int tactic_mark_parse(const char *code, enum tactic_mark *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_TACTIC_MARKS, code);
	if (!it)
		return proto_fail(err, "R-ORD-5", "mark",
		                  "Mark a tactical option considered, in place or not applicable "
		                  "(R-ORD-5).");
	*out = (enum tactic_mark)(it - ref_table(REF_TACTIC_MARKS, NULL));
	return 0;
}

/* R-ORD-5, R-INFO-3: the option, if this viewer may see it. */
static const struct ref_item *visible_tactic(const char *code, bool police_entitled)
{
	const struct ref_item *t = ref_tactic(code);
	if (!t || ((t->flags & REF_RESTRICTED) && !police_entitled))
		return NULL;
	return t;
}

/* R-ORD-5 */
int tactic_entry_validate(const struct tactic_entry *e, bool police_entitled, struct proto_err *err)
{
	if (!visible_tactic(e->code, police_entitled))
		return proto_fail(err, "R-ORD-5", "code",
		                  "Unknown tactical option: T01 to T29 (R-ORD-5).");
	if (e->mark != TACTIC_CONSIDERED && e->mark != TACTIC_IN_PLACE &&
	    e->mark != TACTIC_NOT_APPLICABLE)
		return proto_fail(err, "R-ORD-5", "mark",
		                  "Mark a tactical option considered, in place or not applicable "
		                  "(R-ORD-5).");
	if (proto_text_check(e->note, PROTO_SHORT_MAX, true, "R-ORD-5", "note",
	                     "A note on what was decided", err) < 0)
		return -1;
	return proto_name_check(e->owner, PROTO_NAME_MAX, e->mark != TACTIC_NOT_APPLICABLE,
	                        "R-ORD-5", "owner", "The owner who takes the option forward", err);
}

/* R-ORD-5 */
void tactic_summarise(const struct tactic_entry *entries, size_t n, bool police_entitled,
                      struct tactic_summary *out)
{
	size_t total;
	const struct ref_item *opts = ref_table(REF_TACTICS, &total);
	enum tactic_mark marks[TACTIC_OPTIONS] = {TACTIC_NOT_CONSIDERED};
	for (size_t i = 0; i < n; i++) {
		const struct ref_item *t = visible_tactic(entries[i].code, police_entitled);
		if (t && (unsigned)entries[i].mark < TACTIC_MARK_COUNT)
			marks[t - opts] = entries[i].mark;
	}
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < total && i < TACTIC_OPTIONS; i++) {
		if (!visible_tactic(opts[i].code, police_entitled))
			continue;
		out->shown++;
		switch (marks[i]) {
		case TACTIC_CONSIDERED:
			out->considered++;
			break;
		case TACTIC_IN_PLACE:
			out->in_place++;
			break;
		case TACTIC_NOT_APPLICABLE:
			out->not_applicable++;
			break;
		case TACTIC_NOT_CONSIDERED:
		case TACTIC_MARK_COUNT:
			out->not_considered_codes[out->not_considered++] = opts[i].code;
			break;
		}
	}
}

const char *action_status_code(enum action_status s)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_ACTION_STATUSES, &n);
	return (unsigned)s < n ? items[s].code : NULL;
}

int action_status_parse(const char *code, enum action_status *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_ACTION_STATUSES, code);
	if (!it)
		return proto_fail(err, "R-MASE-7", "status",
		                  "An action is open, done or cancelled (R-MASE-7).");
	*out = (enum action_status)(it - ref_table(REF_ACTION_STATUSES, NULL));
	return 0;
}

static int action_names(const struct plan_action *a, struct proto_err *err)
{
	const struct {
		const char *v, *field, *what;
	} ids[] = {
	        {a->owner_person, "owner_person", "The owner"},
	        {a->owner_agency, "owner_agency", "The owning agency"},
	        {a->record_id, "record_id", "The record"},
	        {a->person_id, "person_id", "The person of concern"},
	        {a->place_id, "place_id", "The place"},
	        {a->meeting_id, "meeting_id", "The meeting"},
	        {a->closed_by, "closed_by", "Who closed the action"},
	};
	for (size_t i = 0; i < ARRAY_LEN(ids); i++)
		if (proto_name_check(ids[i].v, PROTO_NAME_MAX, false, "R-MASE-7", ids[i].field,
		                     ids[i].what, err) < 0)
			return -1;
	if (proto_blank(a->owner_person) && proto_blank(a->owner_agency))
		return proto_fail(err, "R-MASE-7", "owner_person",
		                  "Every action has an owner: a person or an agency (R-MASE-7).");
	if (proto_blank(a->record_id) && proto_blank(a->person_id) && proto_blank(a->place_id))
		return proto_fail(err, "R-MASE-7", "record_id",
		                  "Link the action to a record, a person of concern or a place "
		                  "(R-MASE-7).");
	if (a->tactic && !ref_tactic(a->tactic))
		return proto_fail(err, "R-MASE-7", "tactic",
		                  "Unknown tactical option: T01 to T29 (R-ORD-5, R-MASE-7).");
	return 0;
}

static bool instant_ok(int64_t t)
{
	return t >= ltime_midnight((struct lt_date){1900, 1, 1}) &&
	       t < ltime_midnight((struct lt_date){2201, 1, 1});
}

static int action_times(const struct plan_action *a, int64_t now, struct proto_err *err)
{
	if (!instant_ok(a->agreed_at) || a->agreed_at > now)
		return proto_fail(
		        err, "R-MASE-7", "agreed_at",
		        "When the action was agreed must be a real time, not in the future "
		        "(R-MASE-7).");
	if (!instant_ok(a->due_at) || a->due_at < a->agreed_at)
		return proto_fail(err, "R-DL-5", "due_at",
		                  "Give the due date agreed; it cannot be before the action was "
		                  "agreed (R-DL-5, R-MASE-7).");
	bool closed = a->status == ACTION_DONE || a->status == ACTION_CANCELLED;
	if (!closed) {
		if (a->closed_at || !proto_blank(a->closed_by) || !proto_blank(a->reason))
			return proto_fail(
			        err, "R-MASE-7", "status",
			        "An open action has no completion or cancellation recorded "
			        "(R-MASE-7).");
		return 0;
	}
	if (!instant_ok(a->closed_at) || a->closed_at < a->agreed_at || a->closed_at > now)
		return proto_fail(err, "R-MASE-7", "closed_at",
		                  "Give when the action was %s: after it was agreed, not in the "
		                  "future (R-MASE-7).",
		                  a->status == ACTION_DONE ? "done" : "cancelled");
	if (proto_blank(a->closed_by))
		return proto_fail(err, "R-MASE-7", "closed_by",
		                  "Record who %s the action (R-MASE-7).",
		                  a->status == ACTION_DONE ? "completed" : "cancelled");
	if (a->status == ACTION_CANCELLED)
		return proto_text_check(a->reason, PROTO_SHORT_MAX, true, "R-MASE-7", "reason",
		                        "The reason the action was cancelled", err);
	if (!proto_blank(a->reason))
		return proto_fail(err, "R-MASE-7", "reason",
		                  "A reason is given when an action is cancelled (R-MASE-7).");
	return 0;
}

/* R-MASE-7, R-DL-5 */
int plan_action_validate(const struct plan_action *a, int64_t now, struct proto_err *err)
{
	if ((unsigned)a->status >= ACTION_STATUS_COUNT)
		return proto_fail(err, "R-MASE-7", "status",
		                  "An action is open, done or cancelled (R-MASE-7).");
	if (proto_text_check(a->text, PROTO_SHORT_MAX, true, "R-MASE-7", "text",
	                     "What is to be done", err) < 0)
		return -1;
	if (action_names(a, err) < 0)
		return -1;
	return action_times(a, now, err);
}

/* R-MASE-7, R-DL-5 */
bool plan_action_overdue(const struct plan_action *a, int64_t now)
{
	return a->status == ACTION_OPEN && now >= a->due_at;
}

/* R-MASE-7 */
bool plan_action_on_time(const struct plan_action *a)
{
	return a->status == ACTION_DONE && a->closed_at <= a->due_at;
}

/* R-MASE-7 */
bool plan_action_for_review(const struct plan_action *a, int64_t last_meeting_at,
                            int64_t meeting_at)
{
	if (a->agreed_at >= meeting_at)
		return false;
	if (a->status == ACTION_OPEN)
		return true;
	return a->closed_at >= last_meeting_at && a->closed_at < meeting_at;
}
