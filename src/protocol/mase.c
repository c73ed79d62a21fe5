/*
 * mase.c: the monthly multi-agency meeting (R-MASE-1..9, R-DL-5). See mase.h.
 */
#include "protocol/mase.h"

#include "protocol/deadlines.h"
#include "protocol/reference.h"
#include "util/ltime.h"

#define DAY ((int64_t)86400)

/* ---- R-MASE-1 ---- */

int mase_name_parse(const char *setting, enum mase_name *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_MEETING_NAMES, setting);
	if (!it)
		return proto_fail(err, "R-MASE-1", "meeting_name",
		                  "The meeting is called MASE or MACE (R-MASE-1).");
	*out = (enum mase_name)(it - ref_table(REF_MEETING_NAMES, NULL));
	return 0;
}

static const struct ref_item *name_item(enum mase_name n)
{
	size_t count;
	const struct ref_item *items = ref_table(REF_MEETING_NAMES, &count);
	return &items[(unsigned)n < count ? n : MASE_NAME_DEFAULT];
}

const char *mase_name_short(enum mase_name n)
{
	return name_item(n)->code;
}

const char *mase_name_long(enum mase_name n)
{
	return name_item(n)->label;
}

/* R-MASE-1 */
int mase_schedule_validate(const struct mase_schedule *s, struct proto_err *err)
{
	if (s->rule == MASE_NTH_WEEKDAY) {
		if (s->nth != -1 && (s->nth < 1 || s->nth > 4))
			return proto_fail(err, "R-MASE-1", "nth",
			                  "Choose the first to fourth, or the last, weekday of the "
			                  "month (R-MASE-1).");
		if (s->weekday < 1 || s->weekday > 7)
			return proto_fail(err, "R-MASE-1", "weekday",
			                  "Choose a weekday, Monday to Sunday (R-MASE-1).");
	} else if (s->rule == MASE_DAY_OF_MONTH) {
		if (s->day < 1 || s->day > 31)
			return proto_fail(err, "R-MASE-1", "day",
			                  "Choose a day of the month from 1 to 31 (R-MASE-1).");
	} else {
		return proto_fail(err, "R-MASE-1", "rule",
		                  "A schedule is a weekday of the month or a day of the month "
		                  "(R-MASE-1).");
	}
	if (s->hour < 0 || s->hour > 23 || s->minute < 0 || s->minute > 59)
		return proto_fail(err, "R-MASE-1", "hour",
		                  "Give the meeting's time on the 24-hour clock (R-MASE-1).");
	return 0;
}

static int64_t mod(int64_t a, int64_t b)
{
	int64_t r = a % b;
	return r < 0 ? r + b : r;
}

/* ISO weekday (1 Monday .. 7 Sunday) of a date; 1970-01-01 was a Thursday. */
static int weekday_of(struct lt_date d)
{
	return (int)mod(ltime_days(d) + 3, 7) + 1;
}

static int days_in_month(int y, int m)
{
	struct lt_date first = {y, m, 1};
	struct lt_date next =
	        m == 12 ? (struct lt_date){y + 1, 1, 1} : (struct lt_date){y, m + 1, 1};
	return (int)(ltime_days(next) - ltime_days(first));
}

/* The scheduled date in month (y, m). */
static struct lt_date occurrence(const struct mase_schedule *s, int y, int m)
{
	int last = days_in_month(y, m);
	if (s->rule == MASE_DAY_OF_MONTH)
		return (struct lt_date){y, m, s->day > last ? last : s->day};
	if (s->nth == -1) {
		int w = weekday_of((struct lt_date){y, m, last});
		return (struct lt_date){y, m, last - (int)mod(w - s->weekday, 7)};
	}
	int w1 = weekday_of((struct lt_date){y, m, 1});
	return (struct lt_date){y, m, 1 + (int)mod(s->weekday - w1, 7) + 7 * (s->nth - 1)};
}

static bool instant_ok(int64_t t)
{
	return t >= ltime_midnight((struct lt_date){1900, 1, 1}) &&
	       t < ltime_midnight((struct lt_date){2200, 12, 1});
}

/* R-MASE-1 */
int mase_schedule_next(const struct mase_schedule *s, int64_t after, int64_t *next,
                       struct proto_err *err)
{
	if (mase_schedule_validate(s, err) < 0)
		return -1;
	if (!instant_ok(after))
		return proto_fail(err, "R-MASE-1", "after", "The time is out of range (R-MASE-1).");
	struct lt_date d = dl_london_date(after);
	int y = d.y, m = d.m;
	for (int i = 0; i < 3; i++) { /* this month's may have passed; next month's has not */
		struct lt_date o = occurrence(s, y, m);
		int64_t t = dl_london_to_utc(ltime_days(o) * DAY + s->hour * 3600 + s->minute * 60);
		if (t > after) {
			*next = t;
			return 0;
		}
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return proto_fail(err, "R-MASE-1", "rule", "No scheduled date found (R-MASE-1).");
}

/* R-MASE-1, R-DL-5 */
int mase_next_due(const struct mase_schedule *s, int64_t last_meeting, int64_t *due,
                  struct proto_err *err)
{
	const struct dl_kind *k = dl_kind_find("mase_meeting");
	if (!s)
		return dl_due(k, last_meeting, NULL, due, err);
	if (!instant_ok(last_meeting))
		return proto_fail(err, "R-MASE-1", "last_meeting",
		                  "The last meeting's time is out of range (R-MASE-1).");
	struct dl_params p = {.due_at_set = true};
	if (mase_schedule_next(s, dl_add_days_london(last_meeting, MASE_EARLY_DAYS), &p.due_at,
	                       err) < 0)
		return -1;
	return dl_due(k, last_meeting, &p, due, err);
}

/* R-MASE-5 */
int64_t mase_circulate_by(int64_t meeting_at)
{
	return dl_add_days_london(meeting_at, -MASE_CIRCULATE_DAYS);
}

/* ---- R-MASE-2, R-MASE-3 ---- */

static bool is_police(const struct mase_attendee *a)
{
	return a->member && strcmp(a->member, "police") == 0;
}

static int rank_level(const char *rank)
{
	const struct ref_item *r = ref_lookup(REF_POLICE_RANKS, rank);
	return r ? r->category : -1;
}

/* R-MASE-2, R-MASE-3: one attendee on its own. */
static int attendee_check(const struct mase_attendee *a, struct proto_err *err)
{
	if (proto_name_check(a->person_id, PROTO_NAME_MAX, true, "R-MASE-2", "person_id",
	                     "Each attendee", err) < 0 ||
	    proto_name_check(a->role, PROTO_NAME_MAX, false, "R-MASE-2", "role",
	                     "The attendee's role", err) < 0)
		return -1;
	if (!ref_lookup(REF_MASE_MEMBERS, a->member))
		return proto_fail(err, "R-MASE-3", "member",
		                  "Choose the agency the attendee represents from the list of "
		                  "members (R-MASE-3).");
	if (is_police(a) && proto_blank(a->rank))
		return proto_fail(err, "R-MASE-2", "rank",
		                  "Give the rank of each police attendee (R-MASE-2).");
	if (!proto_blank(a->rank) && !is_police(a))
		return proto_fail(err, "R-MASE-2", "rank",
		                  "A police rank is given only for police attendees (R-MASE-2).");
	if (!proto_blank(a->rank) && rank_level(a->rank) < 0)
		return proto_fail(err, "R-MASE-2", a->chair ? "chair_rank" : "rank",
		                  "The rank is not in the list of police ranks (R-MASE-2).");
	if ((a->chair || a->co_chair) && !a->present)
		return proto_fail(err, "R-MASE-2", a->chair ? "chair" : "co_chair",
		                  "The chair and any co-chair are present at the meeting "
		                  "(R-MASE-2).");
	if (a->chair && a->co_chair)
		return proto_fail(err, "R-MASE-2", "co_chair",
		                  "One person cannot be both chair and co-chair (R-MASE-2).");
	return 0;
}

/* R-MASE-2, R-MASE-3 */
int mase_attendees_validate(const struct mase_attendee *a, size_t n, struct proto_err *err)
{
	if (n == 0)
		return proto_fail(err, "R-MASE-2", "attendees",
		                  "Record the chair and the attendees (R-MASE-2).");
	size_t chairs = 0, co_chairs = 0;
	for (size_t i = 0; i < n; i++) {
		if (attendee_check(&a[i], err) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(a[i].person_id, a[j].person_id) == 0)
				return proto_fail(err, "R-MASE-2", "person_id",
				                  "An attendee is listed twice (R-MASE-2).");
		chairs += a[i].chair;
		co_chairs += a[i].co_chair;
	}
	if (chairs != 1)
		return proto_fail(err, "R-MASE-2", "chair",
		                  chairs ? "A meeting has one chair (R-MASE-2)."
		                         : "Record who chaired the meeting (R-MASE-2).");
	if (co_chairs > 1)
		return proto_fail(err, "R-MASE-2", "co_chair",
		                  "A meeting has at most one co-chair (R-MASE-2).");
	return 0;
}

/* R-MASE-2, R-MASE-3 */
void mase_meeting_flags(const struct mase_attendee *a, size_t n, struct mase_flags *out)
{
	memset(out, 0, sizeof(*out));
	bool senior_police = false;
	for (size_t i = 0; i < n; i++) {
		if (!a[i].present)
			continue;
		int level = is_police(&a[i]) ? rank_level(a[i].rank) : -1;
		if (a[i].chair) {
			out->chair_not_police = !is_police(&a[i]);
			out->chair_below_inspector =
			        is_police(&a[i]) && level < MASE_CHAIR_MIN_LEVEL;
		} else if (level >= MASE_POLICE_MIN_LEVEL) {
			senior_police = true;
		}
		if (a[i].co_chair)
			out->co_chair_not_csc_manager =
			        !(a[i].csc_manager && a[i].member &&
			          strcmp(a[i].member, "childrens_social_care") == 0);
	}
	out->police_below_di = !senior_police;
	size_t nm;
	const struct ref_item *members = ref_table(REF_MASE_MEMBERS, &nm);
	for (size_t m = 0; m < nm; m++) {
		if (strcmp(members[m].group, "statutory") != 0)
			continue;
		bool here = false;
		for (size_t i = 0; i < n && !here; i++)
			here = a[i].present && a[i].member &&
			       strcmp(a[i].member, members[m].code) == 0;
		if (!here && out->n_missing < MASE_STATUTORY_COUNT)
			out->missing[out->n_missing++] = members[m].code;
	}
}

bool mase_flags_any(const struct mase_flags *f)
{
	return f->chair_not_police || f->chair_below_inspector || f->co_chair_not_csc_manager ||
	       f->police_below_di || f->n_missing > 0;
}

/* R-MASE-2, R-MASE-3 */
size_t mase_gaps(const struct mase_flags *f, struct mase_gap out[MASE_MAX_GAPS])
{
	size_t n = 0;
	if (f->chair_not_police)
		out[n++] = (struct mase_gap){"chair_not_police", "R-MASE-2", NULL,
		                             "The meeting was not chaired by the police"};
	if (f->chair_below_inspector)
		out[n++] = (struct mase_gap){"chair_below_inspector", "R-MASE-2", NULL,
		                             "The chair's rank was below Inspector"};
	if (f->co_chair_not_csc_manager)
		out[n++] =
		        (struct mase_gap){"co_chair_not_csc_manager", "R-MASE-2", NULL,
		                          "The co-chair was not a children's social care manager"};
	if (f->police_below_di)
		out[n++] = (struct mase_gap){"police_below_di", "R-MASE-2", NULL,
		                             "No police attendee at DI/DCI level"};
	for (size_t i = 0; i < f->n_missing && i < MASE_STATUTORY_COUNT; i++)
		out[n++] = (struct mase_gap){"missing_member", "R-MASE-3", f->missing[i],
		                             "A statutory member was absent"};
	return n;
}

/* ---- R-MASE-4 ---- */

int mase_agenda_admit(const struct mase_case_facts *f, struct proto_err *err)
{
	if (!f->referred || f->referred_at > f->meeting_at)
		return proto_fail(err, "R-MASE-4", "record_ref",
		                  "A case goes on the agenda only after it came through a referral "
		                  "route: the meeting is never the first referral. Refer the child "
		                  "first (R-MASE-4).");
	return 0;
}

/* ---- R-MASE-6 ---- */

const char *mase_section_code(enum mase_section s)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_AGENDA_SECTIONS, &n);
	return s >= 1 && (size_t)s <= n ? items[s - 1].code : NULL;
}

unsigned mase_case_sections(const struct mase_case_place *f)
{
	unsigned s = MASE_SEC_BIT(f->discussed_before ? MASE_SEC_REVIEW : MASE_SEC_NEW);
	if (f->lives_out_of_borough)
		s |= MASE_SEC_BIT(MASE_SEC_OUT_OF_BOROUGH);
	if (f->exploited_other_borough)
		s |= MASE_SEC_BIT(MASE_SEC_CROSS_BORDER);
	return s;
}

int mase_compliance_check(const struct mase_referral_count *c, size_t n,
                          struct mase_compliance *out, struct proto_err *err)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		if (!ref_lookup(REF_AGENCY_TYPES, c[i].agency))
			return proto_fail(err, "R-MASE-6", "agency",
			                  "Unknown agency type in the referral counts (R-MASE-6).");
		if (c[i].count < 0)
			return proto_fail(err, "R-MASE-6", "count",
			                  "A count of referrals cannot be negative (R-MASE-6).");
		for (size_t j = 0; j < i; j++)
			if (strcmp(c[i].agency, c[j].agency) == 0)
				return proto_fail(err, "R-MASE-6", "agency",
				                  "An agency is counted twice (R-MASE-6).");
		if (strcmp(c[i].agency, "police") == 0)
			out->police = c[i].count;
		else if (strcmp(c[i].agency, "childrens_social_care") == 0)
			out->csc = c[i].count;
	}
	out->difference = out->police - out->csc;
	out->mismatch = out->difference != 0;
	return 0;
}

/* ---- R-MASE-5 ---- */

enum mase_view mase_item_view(const struct mase_view_facts *f)
{
	if (f->section == MASE_SEC_COMPLIANCE)
		return MASE_VIEW_FULL;
	if (f->item_restricted && !f->police_entitled)
		return MASE_VIEW_NONE;
	switch (f->decision) {
	case ACCESS_OPEN:
	case ACCESS_OPEN_LOGGED:
		return MASE_VIEW_FULL;
	case ACCESS_RESTRICTED:
	case ACCESS_NEEDS_REASON:
		return MASE_VIEW_LISTED;
	case ACCESS_HIDDEN:
		break;
	}
	return MASE_VIEW_NONE;
}

bool mase_view_shows_restricted(const struct mase_view_facts *f)
{
	return f->police_entitled && mase_item_view(f) == MASE_VIEW_FULL;
}

/* ---- R-MASE-7, R-MASE-8: who records the meeting ---- */

bool mase_may_organise(uint32_t roles, bool system)
{
	return system || (roles & MASE_ROLES_ORGANISE);
}

bool mase_may_record_plan(uint32_t roles, bool system, bool at_meeting)
{
	return access_may_file(roles, system) || (at_meeting && mase_may_organise(roles, system));
}

/* ---- R-MASE-7 ---- */

bool mase_case_plan_check(const struct mase_case_plan *p, struct mase_plan_gaps *out)
{
	memset(out, 0, sizeof(*out));
	out->tactics_incomplete = p->tactics_not_considered > 0;
	out->no_decision = p->decisions == 0;
	for (size_t i = 0; i < p->n_actions; i++) {
		const struct plan_action *a = &p->actions[i];
		if (proto_blank(a->owner_person) && proto_blank(a->owner_agency))
			out->actions_without_owner++;
		if (a->due_at < a->agreed_at)
			out->actions_without_due++;
	}
	return !out->tactics_incomplete && !out->no_decision && out->actions_without_owner == 0 &&
	       out->actions_without_due == 0;
}

/* ---- R-MASE-8 ---- */

int mase_chair_duties_validate(const struct mase_duty duties[MASE_DUTY_COUNT],
                               const char *recorder_id, const char *chair_id,
                               const char *co_chair_id, const struct mase_flags *flags,
                               struct proto_err *err)
{
	static const char *const fields[MASE_DUTY_COUNT] = {"D1", "D2", "D3", "D4", "D5"};
	bool chair = !proto_blank(recorder_id) &&
	             ((chair_id && strcmp(recorder_id, chair_id) == 0) ||
	              (co_chair_id && strcmp(recorder_id, co_chair_id) == 0));
	if (!chair)
		return proto_fail(err, "R-MASE-8", "recorder_id",
		                  "The chair's duties are recorded by the chair or co-chair "
		                  "(R-MASE-8).");
	for (int i = 0; i < MASE_DUTY_COUNT; i++) {
		bool need = !duties[i].done || (i == 0 && flags && mase_flags_any(flags));
		if (proto_text_check(duties[i].note, PROTO_SHORT_MAX, false, "R-MASE-8", fields[i],
		                     "The note", err) < 0)
			return -1;
		if (need && proto_blank(duties[i].note))
			return proto_fail(
			        err, "R-MASE-8", fields[i],
			        i == 0 && duties[i].done
			                ? "The meeting broke the membership or rank rules: "
			                  "say what was reported to the board (R-MASE-8)."
			                : "Say why this duty was not met (R-MASE-8).");
	}
	return 0;
}

/* ---- R-MASE-9 ---- */

unsigned mase_analysis_of(const struct mase_link_facts *f)
{
	switch (f->kind) {
	case MASE_ENTITY_PERSON:
		return f->linked_records >= MASE_SERIAL_MIN ? MASE_AN_SERIAL : 0;
	case MASE_ENTITY_GROUP:
		return f->linked_records >= 1 && (f->members >= MASE_GROUP_MIN || f->group_flagged)
		               ? MASE_AN_GROUP
		               : 0;
	case MASE_ENTITY_PLACE:
		return f->linked_records >= MASE_LOCATION_MIN ? MASE_AN_LOCATION : 0;
	case MASE_ENTITY_RECORD: /* R-CAT-7 */
		return f->category <= 1 && f->linked_others >= 1 ? MASE_AN_LOW_LINKED : 0;
	}
	return 0;
}

const char *mase_analysis_code(unsigned bit)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_ANALYSIS, &n);
	for (size_t i = 0; i < n; i++)
		if (bit == 1u << i)
			return items[i].code;
	return NULL;
}
