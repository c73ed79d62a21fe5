/*
 * mase.h: the monthly multi-agency meeting (s5, App D; R-MASE-1..9, R-DL-5). Its name
 * is a setting (MASE, or MACE as the 2021 London protocol calls it). Here are: the
 * borough's monthly schedule and when the next meeting is due; who chaired and
 * attended, with rank or role, and what that breaks (chair below Inspector, police
 * below DI, a statutory member absent), refusing ranks and members outside the
 * reference lists; which cases may go on the agenda (only referred ones) and in which
 * of the seven sections; what each attendee's agency sees of an agenda item; the
 * compliance check that opens the meeting; each case's plan; the chair's duties; and
 * the categories of the linked-case list brought by analysis.
 *
 * Pure: the caller gathers the facts (attendees, counts, access decisions, links) and
 * asks here what follows from them. Instants are int64 UTC; the schedule is on the
 * London wall clock.
 */
#ifndef LANTERN_PROTO_MASE_H
#define LANTERN_PROTO_MASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/access.h"
#include "protocol/plans.h"
#include "protocol/proto.h"

/* ---- R-MASE-1: the name, the schedule, the next meeting (R-DL-5) ---- */

/* The meeting's name, a partnership setting, in REF_MEETING_NAMES order. */
enum mase_name { MASE_NAME_MASE, MASE_NAME_MACE, MASE_NAME_COUNT };
#define MASE_NAME_DEFAULT MASE_NAME_MASE
/* "MASE" or "MACE" exactly -> 0; anything else -> -1 (err cites R-MASE-1). */
int mase_name_parse(const char *setting, enum mase_name *out, struct proto_err *err);
const char *mase_name_short(enum mase_name n); /* "MASE"; the default's for a bad value */
const char *mase_name_long(enum mase_name n);  /* "Multi-Agency Sexual Exploitation meeting" */

/* A borough's monthly schedule: the nth weekday of the month (the second Tuesday, the
 * last Friday) or a day of the month, at a time on the London clock. */
enum mase_rule { MASE_NTH_WEEKDAY, MASE_DAY_OF_MONTH };
struct mase_schedule {
	enum mase_rule rule;
	int nth;          /* MASE_NTH_WEEKDAY: 1..4, or -1 for the last */
	int weekday;      /* MASE_NTH_WEEKDAY: 1 Monday .. 7 Sunday */
	int day;          /* MASE_DAY_OF_MONTH: 1..31; past the month's end, its last day */
	int hour, minute; /* London wall clock */
};
/* R-MASE-1. Checks the fields' ranges; 0 or -1 naming the field. */
int mase_schedule_validate(const struct mase_schedule *s, struct proto_err *err);
/* R-MASE-1. The first scheduled meeting strictly after instant `after`. 0, or -1 for
 * an invalid schedule or an instant outside 1900..2200. */
int mase_schedule_next(const struct mase_schedule *s, int64_t after, int64_t *next,
                       struct proto_err *err);

/* A meeting held up to this many days before its scheduled date still counts as that
 * month's: the next due is the first scheduled date more than this after it. */
#define MASE_EARLY_DAYS 7

/*
 * R-MASE-1, R-DL-5. When the next meeting is due, given the last meeting's time (or,
 * before the first meeting, when the schedule was set up): the first scheduled date
 * more than MASE_EARLY_DAYS after it, or, without a schedule (`s` NULL), a calendar
 * month after it. The answer is the deadline engine's "mase_meeting" due instant
 * (dl_due with due_at), so queues and this function agree. 0, or -1 with err.
 */
int mase_next_due(const struct mase_schedule *s, int64_t last_meeting, int64_t *due,
                  struct proto_err *err);

/* R-MASE-5: the case list goes out this many days before the meeting (Lantern's
 * choice: the protocol says "prior to the meeting"; a week lets each agency prepare
 * its view). */
#define MASE_CIRCULATE_DAYS 7
/* R-MASE-5. The latest time to circulate the case list for a meeting at `meeting_at`:
 * MASE_CIRCULATE_DAYS calendar days before it on the London clock. */
int64_t mase_circulate_by(int64_t meeting_at);

/* ---- R-MASE-2, R-MASE-3: chair and attendees ---- */

/* Levels (REF_POLICE_RANKS category). */
#define MASE_CHAIR_MIN_LEVEL 3  /* Inspector */
#define MASE_POLICE_MIN_LEVEL 3 /* DI/DCI level: Detective Inspector and above */
#define MASE_STATUTORY_COUNT 6  /* REF_MASE_MEMBERS with group "statutory" */

struct mase_attendee {
	const char *person_id; /* required */
	const char *member;    /* REF_MASE_MEMBERS code of the agency they represent */
	const char *rank;      /* police: REF_POLICE_RANKS code (required); others NULL */
	const char *role;      /* others: role or title, optional free text */
	bool chair;
	bool co_chair;
	bool csc_manager; /* a manager in children's social care (who may co-chair) */
	bool present;     /* attended; false: sent apologies */
};

/*
 * R-MASE-2, R-MASE-3. Refuses what cannot be recorded: no attendees; an attendee
 * without person_id or listed twice; a member code outside REF_MASE_MEMBERS
 * (R-MASE-3); a police attendee without a rank, a rank outside REF_POLICE_RANKS, or a
 * rank on someone who is not police (R-MASE-2); no chair, more than one chair or
 * co-chair, one person both, or a chair or co-chair not present (R-MASE-2); a role
 * longer than PROTO_NAME_MAX. What breaks the protocol but happened (a sergeant in
 * the chair) is recorded and flagged: mase_meeting_flags. 0, or -1 with err.
 */
int mase_attendees_validate(const struct mase_attendee *a, size_t n, struct proto_err *err);

/* R-MASE-2, R-MASE-3: what a meeting broke. */
struct mase_flags {
	bool chair_not_police;         /* R-MASE-2: the chair is not police */
	bool chair_below_inspector;    /* R-MASE-2: police chair below Inspector */
	bool co_chair_not_csc_manager; /* R-MASE-2: a co-chair who is not a CSC manager */
	bool police_below_di;          /* R-MASE-2: no police attendee (the chair aside)
	                                  at DI/DCI level or above */
	size_t n_missing;              /* R-MASE-3: statutory members absent */
	const char *missing[MASE_STATUTORY_COUNT]; /* their REF_MASE_MEMBERS codes */
};
/* R-MASE-2, R-MASE-3. The flags of attendees that passed mase_attendees_validate.
 * Only those present count. Police attendance at DI/DCI level is judged without the
 * chair: the chair leads the meeting and does not also speak for the police (Lantern's
 * reading of "police attendance should always be at a senior level"). */
void mase_meeting_flags(const struct mase_attendee *a, size_t n, struct mase_flags *out);
/* True if any flag is set: the meeting goes into the board report (R-MASE-3). */
bool mase_flags_any(const struct mase_flags *f);

/* One gap for the board report: stable code, the rule, words. */
struct mase_gap {
	const char *code; /* "chair_not_police", ..., or "missing_member" */
	const char *rule;
	const char *member; /* missing_member: the REF_MASE_MEMBERS code, else NULL */
	const char *text;
};
#define MASE_MAX_GAPS (4 + MASE_STATUTORY_COUNT)
/* R-MASE-2, R-MASE-3. The gaps of `f` in a fixed order; returns how many (at most
 * MASE_MAX_GAPS). */
size_t mase_gaps(const struct mase_flags *f, struct mase_gap out[MASE_MAX_GAPS]);

/* ---- R-MASE-4: who may be on the agenda ---- */

struct mase_case_facts {
	bool referred;       /* the record came through a referral route (R-PATH-1..4) */
	int64_t referred_at; /* when it was first referred */
	int64_t meeting_at;  /* the meeting the case would be discussed at */
};
/* R-MASE-4. A case goes on the agenda only if it came through a referral route
 * before the meeting: MASE is never the first referral. 0, or -1 citing R-MASE-4,
 * field "record_ref". */
int mase_agenda_admit(const struct mase_case_facts *f, struct proto_err *err);

/* ---- R-MASE-6: the agenda's sections and the compliance check ---- */

/* The seven sections, numbered as on the agenda (REF_AGENDA_SECTIONS). */
enum mase_section {
	MASE_SEC_COMPLIANCE = 1,
	MASE_SEC_NEW,
	MASE_SEC_REVIEW,
	MASE_SEC_OUT_OF_BOROUGH,
	MASE_SEC_CROSS_BORDER,
	MASE_SEC_PERPETRATORS,
	MASE_SEC_LOCATIONS,
};
#define MASE_SECTION_COUNT 7
#define MASE_SEC_BIT(s) (1u << (unsigned)(s))
const char *mase_section_code(enum mase_section s); /* "compliance", ...; NULL outside */

struct mase_case_place {
	bool discussed_before;        /* on the agenda of an earlier meeting */
	bool lives_out_of_borough;    /* the child resides outside the borough (R-DEF-6) */
	bool exploited_other_borough; /* exploitation in, or enquiries by, another borough
	                                 (R-CAT-5) */
};
/* R-MASE-6. The sections a child's case appears in (MASE_SEC_BIT set): new (never
 * discussed) or review (discussed before), and also "children living out of borough"
 * and "cross-border issues" when those apply. */
unsigned mase_case_sections(const struct mase_case_place *f);

/* R-MASE-6 (1): referrals received by one agency since the last meeting. */
struct mase_referral_count {
	const char *agency; /* REF_AGENCY_TYPES code */
	int64_t count;
};
struct mase_compliance {
	int64_t police;     /* received by the police */
	int64_t csc;        /* received by children's social care */
	bool mismatch;      /* they differ: a recording issue to resolve */
	int64_t difference; /* police - csc */
};
/* R-MASE-6. Compares the police and children's social care counts (an agency with no
 * entry counts 0): the two should hold the same cases, and a difference is a
 * recording issue. Refuses an unknown agency, one listed twice, a negative count.
 * 0, or -1 citing R-MASE-6. */
int mase_compliance_check(const struct mase_referral_count *c, size_t n,
                          struct mase_compliance *out, struct proto_err *err);

/* ---- R-MASE-5: each attendee's agency view ---- */

enum mase_view {
	MASE_VIEW_NONE,   /* the item is not shown at all */
	MASE_VIEW_LISTED, /* shown as on the agenda: name, record reference, section; no
	                     content */
	MASE_VIEW_FULL,   /* the item's summary: what the attendee may see of the record */
};
struct mase_view_facts {
	enum mase_section section;
	enum access_decision decision; /* access_decide() for this attendee and the item's
	                                  record; for a perpetrator or location item, the
	                                  most open decision over the records it links to */
	bool item_restricted;          /* the item itself is restricted intelligence (a
	                                  covert tactic, a restricted person of concern) */
	bool police_entitled;          /* access_police_entitled() for the attendee */
};
/*
 * R-MASE-5, R-INFO-3. What an attendee sees of an agenda item ahead of the meeting:
 * the compliance section (counts only, no child named) in full; a restricted item
 * only for an entitled police role; an item whose record the attendee may not see
 * (ACCESS_HIDDEN) not at all, as if it were not on the agenda; a restricted record
 * they are not entitled to, or one that needs a reason first, listed without content
 * (the case list goes out before anyone gives a reason); otherwise in full.
 */
enum mase_view mase_item_view(const struct mase_view_facts *f);
/* R-MASE-5, R-INFO-3. Whether a FULL view includes restricted parts (covert tactics,
 * T14 and T15): only for an entitled police role. */
bool mase_view_shows_restricted(const struct mase_view_facts *f);

/* ---- R-MASE-7, R-MASE-8: who records the meeting ---- */

/* Roles that record a borough's meetings: the schedule, the meeting held with its
 * attendees, and what it decided about each case. */
#define MASE_ROLES_ORGANISE                                                                        \
	(ROLE_BIT(ROLE_MASE_CHAIR) | ROLE_BIT(ROLE_POLICE_SUPERVISOR) |                            \
	 ROLE_BIT(ROLE_CSC_MANAGER) | ROLE_BIT(ROLE_ANALYST))
/* R-MASE-1, R-MASE-7: whether an actor with role bits `roles` (system: the operator)
 * records meetings and their decisions. The chair's duties are the chair's or co-chair's
 * alone besides (mase_chair_duties_validate). */
bool mase_may_organise(uint32_t roles, bool system);
/*
 * R-MASE-7: whether the actor records a case's plan: its actions (what, owner, due date,
 * the tactical option served) and its tactical options checklist (R-ORD-5). Every
 * practitioner does, anywhere (access_may_file); and what a meeting agreed
 * (`at_meeting`: recorded with the meeting's id) is recorded also by those who record
 * the meeting (mase_may_organise), so that the chair, who is not a practitioner, records
 * the decisions and actions of the meeting they chair.
 */
bool mase_may_record_plan(uint32_t roles, bool system, bool at_meeting);

/* ---- R-MASE-7: each case's plan ---- */

struct mase_case_plan {
	size_t tactics_not_considered;     /* tactic_summarise(...).not_considered (all 29) */
	size_t decisions;                  /* decisions recorded for the case at this meeting */
	const struct plan_action *actions; /* the case's actions agreed at this meeting */
	size_t n_actions;
};
struct mase_plan_gaps {
	bool tactics_incomplete; /* an option of the checklist not yet considered */
	bool no_decision;        /* nothing decided for the case */
	size_t actions_without_owner;
	size_t actions_without_due; /* due before it was agreed: no real due date */
};
/* R-MASE-7. What a discussed case's plan lacks: the plan covers at least the whole
 * tactical options checklist; decisions are recorded; each action has an owner and a
 * due date. Returns true when nothing is lacking. */
bool mase_case_plan_check(const struct mase_case_plan *p, struct mase_plan_gaps *out);

/* ---- R-MASE-8: the chair's duties ---- */

#define MASE_DUTY_COUNT 5 /* D1..D5, REF_CHAIR_DUTIES */
struct mase_duty {
	bool done;
	const char *note; /* required when not done, and on D1 when the meeting is flagged
	                     (what was reported to the board) */
};
/* R-MASE-8. Recorded by the meeting's chair or co-chair (`recorder_id` equal to one
 * of them); each duty done, or not done with a note saying why; D1 (representation)
 * with a note whenever `flags` show a gap. Notes at most PROTO_SHORT_MAX, wording
 * checked. 0, or -1 citing R-MASE-8 and the field "D1".."D5" or "recorder_id". */
int mase_chair_duties_validate(const struct mase_duty duties[MASE_DUTY_COUNT],
                               const char *recorder_id, const char *chair_id,
                               const char *co_chair_id, const struct mase_flags *flags,
                               struct proto_err *err);

/* ---- R-MASE-9: the linked-case list (R-CAT-7) ---- */

#define MASE_AN_SERIAL 1u     /* a person of concern linked to several children */
#define MASE_AN_GROUP 2u      /* a group or gang of people of concern */
#define MASE_AN_LOCATION 4u   /* a place linked to several cases */
#define MASE_AN_LOW_LINKED 8u /* a low-category case linked to other cases */
#define MASE_ANALYSIS_COUNT 4 /* bits, in REF_ANALYSIS order */
#define MASE_SERIAL_MIN 2     /* children linked to one person */
#define MASE_GROUP_MIN 2      /* people of concern in one group */
#define MASE_LOCATION_MIN 2   /* cases linked to one place */

enum mase_entity { MASE_ENTITY_PERSON, MASE_ENTITY_GROUP, MASE_ENTITY_PLACE, MASE_ENTITY_RECORD };
struct mase_link_facts {
	enum mase_entity kind;
	size_t linked_records; /* person, place: children's records it is linked to; group:
	                          records linked to any member */
	size_t members;        /* group: people of concern in it */
	bool group_flagged;    /* group: GE or GA set on a linked record (R-FLAG-4) */
	int category;          /* record: current police category, 0 when none yet */
	size_t linked_others;  /* record: other records linked to it through a person, a
	                          place or a shared missing episode */
};
/* R-MASE-9, R-CAT-7. The categories an entity belongs to on the list (MASE_AN_* bits):
 * a person linked to MASE_SERIAL_MIN or more children; a group of MASE_GROUP_MIN or
 * more people of concern, or one flagged GE/GA, linked to a child; a place linked to
 * MASE_LOCATION_MIN or more cases; a record of category 1 or none yet linked to any
 * other (never hidden because its category is low, R-CAT-7). */
unsigned mase_analysis_of(const struct mase_link_facts *f);
/* The code of a single MASE_AN_* bit ("serial_person", ...), NULL otherwise. */
const char *mase_analysis_code(unsigned bit);

#endif
