/*
 * missing.h: missing and absent children (App E, App C; R-MISS-1..4, 6, 7).
 * missing_classify() decides whether a report opens an episode and of which class;
 * 'absent' is never allowed for a child under 13 or a child with an open exploitation
 * record or identified risk. Escalation and return interview deadlines are computed
 * from times passed in.
 */
#ifndef LANTERN_PROTO_MISSING_H
#define LANTERN_PROTO_MISSING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
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
	    *police_interviewer_id;     /* officer who did the police (safe and well) interview */
	const char *csc_interviewer_id; /* social worker who did the CSC interview */
	bool child_asked_preference;    /* the child was asked whom they want to speak to */
	const char *child_preference;   /* and their answer */
};
int missing_interviewer_validate(const struct ri_interview *ri, struct proto_err *err);

/* R-MISS-7. Who is responsible for the return interview. */
struct ri_responsibility {
	size_t n;
	const char
	    *parties[3]; /* codes: "placing_authority", "unit_manager_or_supervising_social_worker",
	                    "police", "childrens_social_care" */
	const char *text;
};
void missing_ri_responsibility(bool looked_after, struct ri_responsibility *out);

#endif
