/*
 * plans.h: a case's plan. The tactical options checklist (R-ORD-5): each of the 29
 * options of App D (REF_TACTICS, T01-T29) marked considered, in place or not
 * applicable, with a note and an owner, and a summary that shows at a glance what has
 * not been considered. The plan's actions (R-MASE-7, R-DL-5): what is to be done, by
 * whom (a person or an agency), by when, about what (a record, a person of concern, a
 * place), and, once done, who did it and when.
 *
 * T14 (covert tactics) and T15 (source tasking) are restricted (R-INFO-3): only the
 * police roles entitled to restricted intelligence mark or see them, and the summary
 * a viewer gets neither shows nor counts them for anyone else, so that it says
 * nothing about whether they are in use.
 */
#ifndef LANTERN_PROTO_PLANS_H
#define LANTERN_PROTO_PLANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"

/* R-ORD-5: how an option is marked, in REF_TACTIC_MARKS order. An option with no mark
 * recorded is TACTIC_NOT_CONSIDERED. */
enum tactic_mark {
	TACTIC_NOT_CONSIDERED,
	TACTIC_CONSIDERED,
	TACTIC_IN_PLACE,
	TACTIC_NOT_APPLICABLE,
	TACTIC_MARK_COUNT
};
#define TACTIC_OPTIONS 29 /* T01..T29 */

const char *tactic_mark_code(enum tactic_mark m); /* "considered", ...; NULL outside */
int tactic_mark_parse(const char *code, enum tactic_mark *out, struct proto_err *err);

/* R-ORD-5: one option's mark on a record. Strings borrowed. */
struct tactic_entry {
	const char *code; /* "T01".."T29" */
	enum tactic_mark mark;
	const char *note;  /* what was decided and why */
	const char *owner; /* who takes it forward: a person or an agency id */
};

/*
 * R-ORD-5, R-INFO-3. Checks one mark before it is written: the option exists; a
 * restricted option only by an entitled police role (`police_entitled`; refused as
 * if it did not exist); the mark is considered, in place or not applicable (a mark is
 * never taken back to "not considered": a new mark replaces it); a note always (at
 * most PROTO_SHORT_MAX, wording checked); an owner for considered and in place (an
 * option not applicable needs no one to take it forward). 0, or -1 citing R-ORD-5.
 */
int tactic_entry_validate(const struct tactic_entry *e, bool police_entitled,
                          struct proto_err *err);

/* R-ORD-5: a record's checklist at a glance. */
struct tactic_summary {
	size_t shown;      /* options this viewer sees: 29, or 27 without T14 and T15 */
	size_t considered; /* marked considered */
	size_t in_place;   /* marked in place */
	size_t not_applicable;
	size_t not_considered;                            /* shown - the three above */
	const char *not_considered_codes[TACTIC_OPTIONS]; /* in T01..T29 order */
};

/*
 * R-ORD-5. Summarises a record's current marks (one entry per option; when an option
 * appears more than once the last entry counts) for a viewer: restricted options
 * count only when `police_entitled`, unknown codes are ignored. Every option without
 * a mark is "not considered" and listed, in order.
 */
void tactic_summarise(const struct tactic_entry *entries, size_t n, bool police_entitled,
                      struct tactic_summary *out);

/* R-MASE-7: an action's status, in REF_ACTION_STATUSES order. */
enum action_status { ACTION_OPEN, ACTION_DONE, ACTION_CANCELLED, ACTION_STATUS_COUNT };
const char *action_status_code(enum action_status s);
int action_status_parse(const char *code, enum action_status *out, struct proto_err *err);

/* R-MASE-7: one action of a plan. Strings borrowed; instants UTC. */
struct plan_action {
	const char *text;         /* what is to be done: required */
	const char *owner_person; /* a person ... */
	const char *owner_agency; /* ... or an agency: at least one */
	int64_t agreed_at;        /* when agreed: the meeting, or when recorded */
	int64_t due_at;           /* agreed due date: required, not before agreed_at */
	const char *record_id;    /* what it is about: at least one of the three */
	const char *person_id;
	const char *place_id;
	const char *meeting_id; /* the meeting that agreed it, or NULL */
	const char *tactic;     /* the tactical option it serves ("T06"), or NULL */
	enum action_status status;
	int64_t closed_at;     /* done or cancelled: when */
	const char *closed_by; /* done or cancelled: who */
	const char *reason;    /* cancelled: why (required) */
};

/*
 * R-MASE-7, R-DL-5. Checks an action at `now`: text (at most PROTO_SHORT_MAX, wording
 * checked); an owner; what it is about; agreed_at not after now; a due date not
 * before agreed_at (the deadline engine's "mase_action" kind computes it); a known
 * tactical option if given; done or cancelled with closed_at (not before agreed_at,
 * not after now) and closed_by, cancelled with a reason; open with none of these.
 * Identifiers single lines. 0, or -1 citing R-MASE-7 (R-DL-5 for the due date).
 */
int plan_action_validate(const struct plan_action *a, int64_t now, struct proto_err *err);

/* R-MASE-7, R-DL-5. An open action is overdue at `now` when now >= due_at (the due
 * instant is the last moment, as in dl_status_at). Done and cancelled: never. */
bool plan_action_overdue(const struct plan_action *a, int64_t now);
/* R-MASE-7: a done action was done on time when closed_at <= due_at. */
bool plan_action_on_time(const struct plan_action *a);

/*
 * R-MASE-7. Whether an action is carried into the review at the meeting held at
 * `meeting_at`, whose previous meeting was at `last_meeting_at` (pass INT64_MIN when
 * there was none): it was agreed before this meeting, and it is still open, or it was
 * closed since the previous meeting (so the meeting hears that it was done or why it
 * was cancelled).
 */
bool plan_action_for_review(const struct plan_action *a, int64_t last_meeting_at,
                            int64_t meeting_at);

#endif
