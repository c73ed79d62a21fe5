/*
 * missing.h: missing and absent children (App E, App C; R-MISS-1..10).
 * missing_classify() decides whether a report opens an episode and of which class;
 * 'absent' is never allowed for a child under 13 or a child with an open exploitation
 * record or identified risk. Escalation and return interview deadlines are computed
 * from times passed in. The return (found, safe and well check, return interview and
 * its chronology entry, forensic strategy) and the patterns across episodes (repeat
 * counts, children missing together) are checked and computed here too; storage is
 * elsewhere. The deadlines themselves are in deadlines.h (R-DL-1, R-DL-2).
 */
#ifndef LANTERN_PROTO_MISSING_H
#define LANTERN_PROTO_MISSING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "protocol/recording.h"
#include "util/buf.h"
#include "util/ltime.h"

enum miss_class { MISS_NONE, MISS_ABSENT, MISS_MISSING };

struct miss_report {
	bool whereabouts_known;     /* where the child is, is known */
	bool out_of_character;      /* being away is out of character */
	bool context_suggests_risk; /* the context suggests the child is at risk */
	int64_t reported_at;        /* when the child was reported; not in the future */
	enum miss_class requested;  /* what the reporter chose; MISS_NONE = let the rules decide */
	bool auto_correct;          /* a refused 'absent' becomes 'missing' instead of an error */
};

struct miss_child {
	struct lt_date dob; /* may be invalid/unknown: see dob_known */
	bool dob_known;
	bool open_cse_record;     /* R-MISS-3 */
	bool identified_cse_risk; /* R-MISS-3 */
};

struct miss_result {
	enum miss_class cls;
	const char *rule; /* the rule that decided */
	bool corrected;   /* a requested 'absent' was changed to 'missing' */
	char reason[256];
};

/* R-MISS-1..3. Classifies a report. Whereabouts known -> MISS_NONE (no episode). A
 * requested 'absent' that R-MISS-2/3 forbid is corrected to 'missing' when
 * auto_correct, else refused (-1, err). An unknown date of birth is treated as
 * possibly under 13, so never 'absent'. Without a request, 'missing' when out of
 * character or risk is suggested (or 'absent' is forbidden), else 'absent'. */
int missing_classify(const struct miss_report *r, const struct miss_child *c, int64_t now,
                     struct miss_result *out, struct proto_err *err);
const char *missing_class_code(enum miss_class c); /* "none", "absent", "missing" */

/* R-MISS-4. Default managed timeframe before an 'absent' episode escalates. */
#define MISS_ABSENT_DEFAULT_TIMEFRAME (6 * 3600)
/* R-MISS-4. When an absent episode that began at `absent_since` must escalate;
 * timeframe <= 0 means the default. */
int64_t missing_escalation_due(int64_t absent_since, int64_t timeframe);
struct miss_escalation {
	bool escalate;
	const char *rule;
	const char *reason; /* "risk_identified" or "timeframe_passed", else NULL */
};
/* R-MISS-4. Whether an absent episode must now become 'missing'. */
void missing_escalation_check(int64_t absent_since, int64_t timeframe, bool returned,
                              bool risk_identified, int64_t now, struct miss_escalation *out);

/* R-MISS-6. The return interview is due 72 hours after the child was located or
 * returned. */
#define MISS_RETURN_INTERVIEW_WINDOW (72 * 3600)
int64_t missing_return_interview_due(int64_t returned_at);

/* R-MISS-6. Who conducts the return interview, checked for independence. */
struct ri_interview {
	const char *interviewer_id;          /* required */
	const char *const *parent_carer_ids; /* the child's parents and carers */
	size_t n_parent_carers;
	const char
	        *police_interviewer_id; /* officer who did the police (safe and well) interview */
	const char *csc_interviewer_id; /* social worker who did the CSC interview */
	bool child_asked_preference;    /* the child was asked whom they want to speak to */
	const char *child_preference;   /* and their answer */
	/* the people the episode names the child as with (last seen with, found with) */
	const char *const *with_ids;
	size_t n_with;
};
int missing_interviewer_validate(const struct ri_interview *ri, struct proto_err *err);

/* R-MISS-7. Who is responsible for the return interview. */
struct ri_responsibility {
	size_t n;
	const char *parties[3]; /* codes: "placing_authority",
	                           "unit_manager_or_supervising_social_worker", "police",
	                           "childrens_social_care" */
	const char *text;
};
void missing_ri_responsibility(bool looked_after, struct ri_responsibility *out);

/* Risk level of a missing episode, as current police guidance grades it. */
enum miss_risk { MISS_RISK_NO_APPARENT, MISS_RISK_LOW, MISS_RISK_MEDIUM, MISS_RISK_HIGH };
/* "no_apparent_risk", "low", "medium", "high"; NULL for a value outside the enum. */
const char *missing_risk_code(enum miss_risk r);
/* "No apparent risk", "Low", "Medium", "High"; NULL outside the enum. */
const char *missing_risk_label(enum miss_risk r);
/* Exactly one of the codes above -> 0 and *out; anything else (NULL, other case,
 * spaces) -> -1 with err, *out untouched. */
int missing_risk_parse(const char *s, enum miss_risk *out, struct proto_err *err);

/* R-MISS-5: the child was found or returned. */
struct miss_return {
	int64_t reported_at;   /* when the episode was reported */
	int64_t returned_at;   /* when the child was located or returned */
	const char *where;     /* where found or returned to: required */
	const char *with_whom; /* who they were with, or NULL */
};
/* R-MISS-5. returned_at not before reported_at and not after `now`; `where` required,
 * `with_whom` optional (both wording checked, at most PROTO_SHORT_MAX). */
int missing_return_validate(const struct miss_return *r, int64_t now, struct proto_err *err);

/* R-MISS-6. A return interview's time: not before the return, not after `now`. (A
 * late interview is valid; the deadline shows it red, R-DL-1.) */
int missing_interview_time_validate(int64_t returned_at, int64_t interview_at, int64_t now,
                                    struct proto_err *err);
/* R-MISS-6. Whether an interview at `interview_at` was later than 72 hours. */
bool missing_interview_late(int64_t returned_at, int64_t interview_at);

/* R-MISS-5: the police Safe and Well Check. */
struct miss_safe_well {
	int64_t returned_at;         /* when the child was found or returned */
	int64_t checked_at;          /* when the check was done */
	const char *officer_id;      /* required */
	const char *where_found;     /* where the child was: required */
	bool found_alone;            /* true: found_with may be empty */
	const char *found_with;      /* who the child was with: required unless found_alone */
	const char *what_happened;   /* required */
	bool crime_alleged;          /* any allegation of crime */
	const char *crime_reference; /* the existing crime number, or NULL if none yet */
};
struct miss_safe_well_plan {
	bool crime_link; /* an allegation: a crime reference must be created or linked */
	struct crime_allegation_plan crime; /* R-REC-5, when crime_link */
};
/* R-MISS-5. Checks the record of the check (times: checked_at not before the return,
 * not after `now`; texts required as above, wording checked; a crime reference given
 * must be a valid crime number, R-REC-4, and is only accepted with an allegation).
 * Fills `plan` (may be NULL): an allegation links a crime reference, creating one if
 * none exists (recording_crime_allegation). */
int missing_safe_well_validate(const struct miss_safe_well *s, int64_t now,
                               struct miss_safe_well_plan *plan, struct proto_err *err);

/* R-MISS-8: what the return interview found, for the child's record chronology. */
struct ri_findings {
	int64_t returned_at;
	int64_t interview_at;       /* when it took place (or was offered, if declined) */
	const char *interviewer_id; /* required */
	bool declined;              /* the child declined to take part */
	const char *where_stayed;   /* where the child says they were */
	const char *with_whom;      /* who with */
	const char *what_happened;  /* the child's account: required unless declined */
	const char *why_left;       /* what led the child to go */
	const char *actions;        /* actions agreed */
	const char *assessment;     /* the interviewer's view of risk: an opinion */
};
/* R-MISS-8, R-REC-3. Builds the chronology entries the interview adds to the child's
 * record, dated interview_at: `facts` (always; nature REC_FACT) and `opinion` (only
 * when an assessment is given, else left empty; nature REC_OPINION). Both buffers are
 * reset first. Times as missing_interview_time_validate; texts at most
 * PROTO_SHORT_MAX each, wording checked, and each entry at most PROTO_TEXT_MAX.
 * On error the buffers are left empty. */
int missing_ri_chronology(const struct ri_findings *f, int64_t now, struct buf *facts,
                          struct buf *opinion, struct proto_err *err);

/* R-MISS-9: the forensic strategy considered after every episode. */
enum forensic_answer { FOR_UNANSWERED, FOR_YES, FOR_NO, FOR_NOT_APPLICABLE };
enum forensic_decision { FOR_DECISION_UNSET, FOR_STRATEGY, FOR_NO_STRATEGY };
#define MISS_FORENSIC_QUESTIONS 3
struct forensic_question {
	const char *code; /* "clothing", "early_evidence_kit", "devices" */
	const char *text;
};
/* The questions, in the order of miss_forensic.answers. */
const struct forensic_question *missing_forensic_questions(size_t *n);
struct miss_forensic {
	enum forensic_answer answers[MISS_FORENSIC_QUESTIONS];
	enum forensic_decision decision;
	const char *rationale;  /* required */
	const char *decided_by; /* required */
	int64_t decided_at;
};
/* R-MISS-9. Prompt for a forensic strategy decision: the episode has ended and no
 * decision is recorded yet. */
bool missing_forensic_prompt(bool episode_ended, bool decision_recorded);
/* R-MISS-9. Every question answered; a decision; rationale and decider required;
 * decided_at not before the episode ended and not after `now`; a decision of no
 * strategy when a question was answered yes, or a strategy when none was, is refused
 * as inconsistent. */
int missing_forensic_validate(const struct miss_forensic *f, int64_t episode_ended_at, int64_t now,
                              struct proto_err *err);

/* R-MISS-10: repeat missing. Episodes that started in the last 30, 90 and 365 days
 * (now - start < window, start <= now; 24-hour days of real time). */
struct miss_repeat {
	size_t days_30, days_90, days_365;
};
void missing_repeat_count(const int64_t *starts, size_t n, int64_t now, struct miss_repeat *out);

/* R-MISS-10: an episode, for finding children who went missing together. */
struct miss_episode {
	const char *episode_id;
	const char *child_id; /* required */
	int64_t start;
	int64_t end;                      /* when found/returned, if ended */
	bool ended;                       /* false: still missing (runs to `now`) */
	const char *found_location_id;    /* linkable location where found, or NULL */
	const char *found_with_person_id; /* linkable person found with, or NULL */
};
#define MISS_TOGETHER_MIN_OVERLAP 3600        /* default: an hour missing at the same time */
#define MISS_TOGETHER_FOUND_WITHIN (2 * 3600) /* default: found within two hours */
struct miss_together_opts {
	int64_t min_overlap;  /* <= 0: default */
	int64_t found_within; /* <= 0: default */
};
struct miss_together {
	size_t a, b;        /* indexes into the episodes, a < b */
	int64_t overlap;    /* seconds both were missing (0 if none) */
	bool overlapping;   /* overlap >= min_overlap */
	bool same_location; /* found within found_within of each other at the same location */
	bool same_person;   /* ... with the same person, or one found with the other child */
};
/* R-MISS-10. Pairs of episodes of different children that overlapped by at least
 * min_overlap or ended found together (same location or person, found within
 * found_within). `eps` must be sorted by start (-1 otherwise, as for an episode
 * ending before it starts, an ended one ending after `now`, or a missing child ID).
 * Writes at most `cap` pairs to `out` in order of (a, b) and sets *n_found to the
 * number of pairs there are (which may exceed cap). `o` may be NULL (defaults). */
int missing_together(const struct miss_episode *eps, size_t n, const struct miss_together_opts *o,
                     int64_t now, struct miss_together *out, size_t cap, size_t *n_found,
                     struct proto_err *err);

/* R-MISS-10: whether where and with whom two episodes ended can make them missing
 * together: both ended, within found_within seconds of each other (<= 0: the default,
 * MISS_TOGETHER_FOUND_WITHIN). missing_together compares the places and people only
 * then. */
bool missing_found_near(const struct miss_episode *a, const struct miss_episode *b,
                        int64_t found_within);

/* R-MISS-3: whether an increased-risk group (R-DEF-5 code) on the child counts as an
 * identified exploitation risk: going missing, trafficked, gang-associated or drawn in by
 * peers. Such a child is never classed absent. */
bool missing_group_is_identified_risk(const char *group_code);

#endif
