/*
 * outcomes.c: outcome codes for children and persons of concern (R-OUT-1..5), the
 * long-term outcomes for each child (R-OUTC-1, R-DL-8) and criminal justice outcomes
 * (R-OUTC-2). See outcomes.h.
 */
#include "protocol/outcomes.h"

#include "protocol/deadlines.h"
#include "protocol/reference.h"

static const char *const order_codes[ORDER_TYPE_COUNT] = {
        [ORDER_CAWN] = "cawn",
        [ORDER_SRO] = "sro",
        [ORDER_NOTIFICATION] = "notification_order",
        [ORDER_ASBO_INJUNCTION] = "asbo_injunction",
        [ORDER_SHPO] = "shpo",
        [ORDER_HOTEL_NOTICE] = "hotel_notice",
        [ORDER_CLOSURE] = "closure_order",
};

const char *outcome_code_str(enum outcome_code c)
{
	switch (c) {
	case OUTCOME_MI:
		return "MI";
	case OUTCOME_FP:
		return "FP";
	case OUTCOME_FO:
		return "FO";
	case OUTCOME_FQ:
		return "FQ";
	case OUTCOME_NONE:
		break;
	}
	return NULL;
}

enum outcome_code outcome_parse(const char *s)
{
	for (int c = OUTCOME_MI; c <= OUTCOME_FQ; c++)
		if (s && strcmp(s, outcome_code_str((enum outcome_code)c)) == 0)
			return (enum outcome_code)c;
	return OUTCOME_NONE;
}

const char *order_type_code(enum order_type t)
{
	return (unsigned)t < ORDER_TYPE_COUNT ? order_codes[t] : NULL;
}

int order_type_parse(const char *s, enum order_type *out)
{
	for (int i = 0; s && i < ORDER_TYPE_COUNT; i++)
		if (strcmp(s, order_codes[i]) == 0) {
			*out = (enum order_type)i;
			return 0;
		}
	return -1;
}

/* R-OUT-1..4 */
bool outcome_fits(enum outcome_code c, enum outcome_subject subject)
{
	switch (c) {
	case OUTCOME_MI:
		return subject == OUTCOME_SUBJECT_CHILD;
	case OUTCOME_FP:
	case OUTCOME_FO:
	case OUTCOME_FQ:
		return subject == OUTCOME_SUBJECT_PERSON_OF_CONCERN;
	case OUTCOME_NONE:
		break;
	}
	return false;
}

int outcome_validate(enum outcome_code c, enum outcome_subject subject, struct proto_err *err)
{
	if (outcome_fits(c, subject))
		return 0;
	if (c == OUTCOME_MI)
		return proto_fail(err, "R-OUT-1", "outcome",
		                  "MI records a positive intervention for the child and belongs on "
		                  "the child's record (R-OUT-1).");
	if (c == OUTCOME_FP || c == OUTCOME_FO || c == OUTCOME_FQ)
		return proto_fail(err,
		                  c == OUTCOME_FP   ? "R-OUT-2"
		                  : c == OUTCOME_FO ? "R-OUT-3"
		                                    : "R-OUT-4",
		                  "outcome",
		                  "%s records action against a suspect and belongs on a person of "
		                  "concern, never on a child's record (R-OUT-%d).",
		                  outcome_code_str(c),
		                  c == OUTCOME_FP   ? 2
		                  : c == OUTCOME_FO ? 3
		                                    : 4);
	return proto_fail(err, "R-OUT-1", "outcome", "Unknown outcome code (R-OUT-1).");
}

/* R-OUT-2, R-OUT-3 */
enum outcome_code outcome_for_order(enum order_type t)
{
	switch (t) {
	case ORDER_CAWN:
	case ORDER_SRO:
	case ORDER_NOTIFICATION:
	case ORDER_ASBO_INJUNCTION:
		return OUTCOME_FP;
	case ORDER_SHPO:
		return OUTCOME_FO;
	case ORDER_HOTEL_NOTICE:
	case ORDER_CLOSURE:
	case ORDER_TYPE_COUNT:
		break;
	}
	return OUTCOME_NONE;
}

/* R-OUT-5 */
enum outcome_code outcome_for_order_served(enum order_type t, bool served)
{
	return served ? outcome_for_order(t) : OUTCOME_NONE;
}

/* R-OUT-4, R-OUT-5 */
enum outcome_code outcome_for_charge(void)
{
	return OUTCOME_FQ;
}

/* ---- R-OUTC-1 ---- */

const char *child_outcome_code(enum child_outcome o)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_CHILD_OUTCOMES, &n);
	return (unsigned)o < n ? items[o].code : NULL;
}

int child_outcome_parse(const char *code, enum child_outcome *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_CHILD_OUTCOMES, code);
	if (!it)
		return proto_fail(
		        err, "R-OUTC-1", "outcome",
		        "Unknown outcome: one of the 13 outcomes for the child (R-OUTC-1).");
	*out = (enum child_outcome)(it - ref_table(REF_CHILD_OUTCOMES, NULL));
	return 0;
}

const char *outc_score_label(int score)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_OUTCOME_SCALE, &n);
	return score >= OUTC_SCORE_MIN && (size_t)score <= n ? items[score - 1].label : NULL;
}

static bool instant_ok(int64_t t)
{
	return t >= ltime_midnight((struct lt_date){1900, 1, 1}) &&
	       t < ltime_midnight((struct lt_date){2201, 1, 1});
}

/* R-OUTC-1 */
int outc_review_validate(const struct outc_review *r, int64_t now, struct proto_err *err)
{
	if (!instant_ok(r->reviewed_at) || r->reviewed_at > now)
		return proto_fail(err, "R-OUTC-1", "reviewed_at",
		                  "Give when the review took place; it cannot be in the future "
		                  "(R-OUTC-1).");
	if (proto_name_check(r->reviewer_id, PROTO_NAME_MAX, true, "R-OUTC-1", "reviewer_id",
	                     "The reviewer", err) < 0)
		return -1;
	size_t scored = 0;
	for (int i = 0; i < CHILD_OUTCOME_COUNT; i++) {
		const char *code = child_outcome_code((enum child_outcome)i);
		int s = r->score[i];
		if (s != OUTC_NOT_SCORED && (s < OUTC_SCORE_MIN || s > OUTC_SCORE_MAX))
			return proto_fail(
			        err, "R-OUTC-1", code,
			        "Score each outcome from %d to %d, or leave it unscored with "
			        "a note (R-OUTC-1).",
			        OUTC_SCORE_MIN, OUTC_SCORE_MAX);
		if (proto_text_check(r->note[i], PROTO_SHORT_MAX, s == OUTC_NOT_SCORED, "R-OUTC-1",
		                     code, "A note on why the outcome was not scored", err) < 0)
			return -1;
		scored += s != OUTC_NOT_SCORED;
	}
	if (scored == 0)
		return proto_fail(err, "R-OUTC-1", "score",
		                  "A review scores at least one outcome (R-OUTC-1).");
	return 0;
}

/* R-OUTC-1 */
int outc_distance(const struct outc_review *earlier, const struct outc_review *later,
                  struct outc_distance *out, struct proto_err *err)
{
	if (later->reviewed_at < earlier->reviewed_at)
		return proto_fail(err, "R-OUTC-1", "reviewed_at",
		                  "Distance travelled runs from the earlier review to the later "
		                  "one (R-OUTC-1).");
	memset(out, 0, sizeof(*out));
	out->days = (later->reviewed_at - earlier->reviewed_at) / 86400;
	for (int i = 0; i < CHILD_OUTCOME_COUNT; i++) {
		int a = earlier->score[i], b = later->score[i];
		if (a < OUTC_SCORE_MIN || a > OUTC_SCORE_MAX || b < OUTC_SCORE_MIN ||
		    b > OUTC_SCORE_MAX)
			continue;
		out->compared[i] = true;
		out->change[i] = b - a;
		out->total += b - a;
		out->n_compared++;
		if (b > a)
			out->improved++;
		else if (b < a)
			out->worse++;
		else
			out->same++;
	}
	return 0;
}

/* R-DL-8 */
int outc_next_review(int64_t last, int months, int64_t *due, struct proto_err *err)
{
	struct dl_params p = {.amount = months};
	return dl_due(dl_kind_find("outcome_review"), last, &p, due, err);
}

/* ---- R-OUTC-2 ---- */

/* Code of enum value v (1-based in the table: v == 1 is the table's first item). */
static const char *code_from(enum ref_table t, int v)
{
	size_t n;
	const struct ref_item *items = ref_table(t, &n);
	return v >= 1 && (size_t)v <= n ? items[v - 1].code : NULL;
}

const char *cj_decision_code(enum cj_decision d)
{
	return code_from(REF_CPS_DECISIONS, (int)d);
}

int cj_decision_parse(const char *code, enum cj_decision *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_CPS_DECISIONS, code);
	if (!it)
		return proto_fail(err, "R-OUTC-2", "decision",
		                  "Unknown CPS decision: charge, no further action, more evidence "
		                  "or out-of-court disposal (R-OUTC-2).");
	*out = (enum cj_decision)(it - ref_table(REF_CPS_DECISIONS, NULL) + 1);
	return 0;
}

const char *cj_result_code(enum cj_result r)
{
	return code_from(REF_COURT_RESULTS, (int)r);
}

int cj_result_parse(const char *code, enum cj_result *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_COURT_RESULTS, code);
	if (!it)
		return proto_fail(
		        err, "R-OUTC-2", "result",
		        "Unknown result: convicted, acquitted or discontinued (R-OUTC-2).");
	*out = (enum cj_result)(it - ref_table(REF_COURT_RESULTS, NULL) + 1);
	return 0;
}

static bool dset(struct lt_date d)
{
	return d.y != 0 || d.m != 0 || d.d != 0;
}

/* The case's dates in the order the process runs, with their fields and words. */
struct cj_step {
	struct lt_date on;
	const char *field, *what;
};

static int cj_dates(const struct cj_case *c, int64_t now, struct proto_err *err)
{
	const struct cj_step steps[] = {
	        {c->arrested_on, "arrested_on", "arrest"},
	        {c->referred_on, "referred_on", "referral to the CPS"},
	        {c->decided_on, "decided_on", "CPS decision"},
	        {c->charged_on, "charged_on", "charge"},
	        {c->result_on, "result_on", "result"},
	        {c->sentenced_on, "sentenced_on", "sentence"},
	};
	struct lt_date today = dl_london_date(now);
	const struct cj_step *prev = NULL;
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		const struct cj_step *s = &steps[i];
		if (!dset(s->on))
			continue;
		if (!ltime_date_valid(s->on) || s->on.y < 1900 || ltime_date_cmp(s->on, today) > 0)
			return proto_fail(
			        err, "R-OUTC-2", s->field,
			        "The date of the %s must be a real date, not in the future "
			        "(R-OUTC-2).",
			        s->what);
		if (prev && ltime_date_cmp(s->on, prev->on) < 0)
			return proto_fail(err, "R-OUTC-2", s->field,
			                  "The %s cannot be before the %s (R-OUTC-2).", s->what,
			                  prev->what);
		prev = s;
	}
	return 0;
}

/* The CPS decision and the charge. */
static int cj_charge(const struct cj_case *c, struct proto_err *err)
{
	if ((unsigned)c->decision >= CJ_DECISION_COUNT)
		return proto_fail(err, "R-OUTC-2", "decision", "Unknown CPS decision (R-OUTC-2).");
	bool decided = c->decision != CJ_DECISION_NONE;
	if (decided && (!dset(c->referred_on) || !dset(c->decided_on)))
		return proto_fail(
		        err, "R-OUTC-2", dset(c->referred_on) ? "decided_on" : "referred_on",
		        "A CPS decision needs the date of the referral and of the decision "
		        "(R-OUTC-2).");
	if (!decided && dset(c->decided_on))
		return proto_fail(err, "R-OUTC-2", "decision",
		                  "Give the CPS decision made on that date (R-OUTC-2).");
	bool charged = dset(c->charged_on);
	if (c->decision == CJ_CHARGE && !charged)
		return proto_fail(err, "R-OUTC-2", "charged_on",
		                  "The CPS decided to charge: give the date of the charge "
		                  "(R-OUTC-2).");
	if (charged && dset(c->referred_on) && c->decision != CJ_CHARGE)
		return proto_fail(err, "R-OUTC-2", "charged_on",
		                  "A case referred to the CPS is charged on its decision to charge "
		                  "(R-OUTC-2).");
	if (charged)
		return proto_text_check(c->offence, PROTO_SHORT_MAX, true, "R-OUTC-2", "offence",
		                        "The offence charged", err);
	if (!proto_blank(c->offence))
		return proto_fail(err, "R-OUTC-2", "offence",
		                  "An offence is recorded with the charge (R-OUTC-2).");
	return 0;
}

/* The result at court and the sentence. */
static int cj_court(const struct cj_case *c, struct proto_err *err)
{
	if ((unsigned)c->result >= CJ_RESULT_COUNT)
		return proto_fail(err, "R-OUTC-2", "result", "Unknown court result (R-OUTC-2).");
	bool resulted = c->result != CJ_RESULT_NONE;
	if (resulted && !dset(c->charged_on))
		return proto_fail(err, "R-OUTC-2", "result",
		                  "A court result follows a charge (R-OUTC-2).");
	if (resulted != dset(c->result_on))
		return proto_fail(err, "R-OUTC-2", resulted ? "result_on" : "result",
		                  resulted ? "Give the date of the result (R-OUTC-2)."
		                           : "Give the result reached on that date (R-OUTC-2).");
	bool sentenced = dset(c->sentenced_on) || !proto_blank(c->sentence);
	if (sentenced && c->result != CJ_CONVICTED)
		return proto_fail(err, "R-OUTC-2", "sentenced_on",
		                  "A sentence follows a conviction (R-OUTC-2).");
	if (sentenced && !dset(c->sentenced_on))
		return proto_fail(err, "R-OUTC-2", "sentenced_on",
		                  "Give the date of the sentence (R-OUTC-2).");
	if (sentenced)
		return proto_text_check(c->sentence, PROTO_SHORT_MAX, true, "R-OUTC-2", "sentence",
		                        "The sentence", err);
	return 0;
}

/* R-OUTC-2 */
int cj_case_validate(const struct cj_case *c, int64_t now, struct proto_err *err)
{
	if (proto_name_check(c->person_id, PROTO_NAME_MAX, true, "R-OUTC-2", "person_id",
	                     "The person of concern", err) < 0 ||
	    proto_name_check(c->network_id, PROTO_NAME_MAX, false, "R-OUTC-2", "network_id",
	                     "The network", err) < 0)
		return -1;
	if (cj_dates(c, now, err) < 0 || cj_charge(c, err) < 0)
		return -1;
	return cj_court(c, err);
}

/* R-OUT-4, R-OUT-5 */
enum outcome_code cj_case_outcome(const struct cj_case *c)
{
	return dset(c->charged_on) ? outcome_for_charge() : OUTCOME_NONE;
}

/* Whether `d` (set) falls within [from, to], an unset bound being open. */
static bool within(struct lt_date d, struct lt_date from, struct lt_date to)
{
	return dset(d) && (!dset(from) || ltime_date_cmp(d, from) >= 0) &&
	       (!dset(to) || ltime_date_cmp(d, to) <= 0);
}

/* R-OUTC-2 */
void cj_attrition(const struct cj_case *c, size_t n, struct lt_date from, struct lt_date to,
                  struct cj_attrition *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const struct cj_case *k = &c[i];
		bool charged = dset(k->charged_on);
		if (within(k->referred_on, from, to)) {
			out->referred++;
			if (charged) {
				out->charged++;
				if (k->result == CJ_CONVICTED)
					out->convicted++;
				else if (k->result == CJ_RESULT_NONE)
					out->awaiting_result++;
			} else if (k->decision == CJ_DECISION_NONE ||
			           k->decision == CJ_MORE_EVIDENCE) {
				out->awaiting_decision++;
			}
		}
		out->arrests += within(k->arrested_on, from, to);
		out->charges += within(k->charged_on, from, to);
		out->convictions += k->result == CJ_CONVICTED && within(k->result_on, from, to);
	}
}
