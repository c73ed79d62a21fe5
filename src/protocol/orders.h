/*
 * orders.h: orders, notices and the other disruptions of people of concern (R-ORD-1..4)
 * and the outcome codes they add (R-OUT-5). This is the one place that says which
 * disruption types exist, what each needs, which order statuses follow which, which
 * dates must come in which order, how long an order must last, who a Child Abduction
 * Warning Notice may protect, and which deadlines an order starts (R-DL-4).
 *
 * A disruption is described by a struct disruption of plain facts (dates, instants,
 * borrowed identifiers). Callers build it from what is stored plus the change asked
 * for, and ask disruption_validate() (a new disruption) or order_change_validate()
 * (a change to one) before writing anything; on refusal nothing is written, and the
 * error names the rule and the field.
 *
 * Dates. Court and notice dates are calendar dates (struct lt_date; {0, 0, 0} means
 * "not set"); service is an instant (served_at), because the notification clock of a
 * Sexual Risk Order runs from it. "The date served" is the London calendar date of
 * served_at. "Today" is the London date of `now`; no recorded event may be after it.
 *
 * Durations (R-ORD-2, R-ORD-3). `ends_on` is the date the court said the order runs
 * until. An order lasts N years when ends_on is on or after the Nth anniversary of the
 * date it was made (order_anniversary: the anniversary of 29 February is 1 March in a
 * common year, as for a birthday, ltime_age_on). Without ends_on the order runs until
 * further order: SHPOs and SROs have no maximum duration.
 */
#ifndef LANTERN_PROTO_ORDERS_H
#define LANTERN_PROTO_ORDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/deadlines.h"
#include "protocol/outcomes.h"
#include "protocol/proto.h"
#include "util/ltime.h"

/*
 * R-ORD-4: every type of disruption, in REF_DISRUPTION_TYPES order. The first seven
 * are the orders and notices of enum order_type (outcomes.h), with the same values
 * and codes, so an order's outcome code is decided in one place (outcome_for_order).
 */
enum disruption_type {
	DISRUPT_CAWN = ORDER_CAWN,                  /* child abduction warning notice */
	DISRUPT_SRO = ORDER_SRO,                    /* sexual risk order */
	DISRUPT_NOTIFICATION = ORDER_NOTIFICATION,  /* notification order */
	DISRUPT_INJUNCTION = ORDER_ASBO_INJUNCTION, /* civil injunction (formerly ASBO) */
	DISRUPT_SHPO = ORDER_SHPO,                  /* sexual harm prevention order */
	DISRUPT_HOTEL_NOTICE = ORDER_HOTEL_NOTICE,  /* information request to a hotel */
	DISRUPT_CLOSURE = ORDER_CLOSURE,            /* closure order on premises */
	DISRUPT_ARREST,
	DISRUPT_CHARGE,
	DISRUPT_LICENSING,   /* licensing action (premises, taxi or private hire licence) */
	DISRUPT_ANPR_MARKER, /* a vehicle put on ANPR */
	DISRUPT_CAD_SCHEME,  /* a special scheme on CAD for an address */
	DISRUPT_COVERT,      /* covert tactic: restricted to entitled police (R-INFO-3) */
	DISRUPTION_TYPE_COUNT
};

/* How a type is recorded. */
enum disruption_class {
	DCLASS_ORDER,  /* made by a court, served, with the full status lifecycle */
	DCLASS_NOTICE, /* issued and served by the police: served, breached, expired... */
	DCLASS_EVENT,  /* one dated act: arrest, charge, licensing action */
	DCLASS_MARKER, /* in place from a date until removed: ANPR, CAD scheme */
	DCLASS_TACTIC, /* covert tactic: from a date until ended; restricted */
};

/* What a disruption is against: bits of disruption_targets(). */
#define DTARGET_PERSON 1u  /* subject_id: a person of concern */
#define DTARGET_CHILD 2u   /* child_id: the child protected (CAWN) */
#define DTARGET_PLACE 4u   /* place_id: premises or an address */
#define DTARGET_VEHICLE 8u /* vehicle_id */

/* Stable code ("cawn", "arrest", ...) or NULL outside the enum. */
const char *disruption_type_code(enum disruption_type t);
/* 0 and *out, or -1 (with err citing R-ORD-4, field "type") for an unknown code. */
int disruption_type_parse(const char *code, enum disruption_type *out, struct proto_err *err);
enum disruption_class disruption_class_of(enum disruption_type t);
/* R-ORD-4. The targets a type requires (all bits must be present), and those it
 * accepts (required ones included). Licensing action requires a person or a place:
 * its `required` is 0 and disruption_validate asks for one of the two. */
unsigned disruption_targets_required(enum disruption_type t);
unsigned disruption_targets_allowed(enum disruption_type t);
/* R-ORD-4, R-INFO-3. Whether a type is restricted to entitled police roles (covert). */
bool disruption_restricted(enum disruption_type t);
/* R-ORD-4, R-INFO-3. Whether a viewer sees a disruption of this type at all: a
 * restricted type only when `police_entitled` (access_police_entitled()). A refusal
 * must answer as if the disruption did not exist. */
bool disruption_visible(enum disruption_type t, bool police_entitled);
/* R-ORD-4, R-INFO-3. Recording a restricted type needs an entitled police role:
 * 0, or -1 citing R-ORD-4, field "type". */
int disruption_may_record(enum disruption_type t, bool police_entitled, struct proto_err *err);

/* R-ORD-4: the status of an order or notice, in REF_ORDER_STATUSES order. */
enum order_status {
	ORDER_APPLIED,
	ORDER_MADE,
	ORDER_SERVED,
	ORDER_VARIED,
	ORDER_BREACHED,
	ORDER_EXPIRED,
	ORDER_DISCHARGED,
	ORDER_STATUS_COUNT
};
const char *order_status_code(enum order_status s); /* "applied", ...; NULL outside */
/* Whether a type has status `s`: every status for a court order; served, breached,
 * expired and discharged for a notice; none for the other classes. */
bool order_status_fits(enum disruption_type t, enum order_status s);
int order_status_parse(const char *code, enum order_status *out, struct proto_err *err);
/* True for an order or notice that is no longer in force (expired, discharged). */
bool order_status_ended(enum order_status s);

/*
 * R-ORD-4. The lifecycle of a court order; a notice starts at served (it is issued
 * and served by the police, with no application) and is never varied.
 *   applied -> made
 *   made -> served | discharged
 *   served, varied, breached -> varied | breached | expired | discharged
 *     (a notice is never varied)
 *   expired, discharged: final.
 * `from` == `to` is allowed only for varied and breached (a further variation or
 * breach). Events, markers and tactics have no status: always false.
 */
bool order_transition_allowed(enum disruption_type t, enum order_status from, enum order_status to);

/* R-ORD-3: a change of name or home address by the subject of a Sexual Risk Order. */
struct order_change {
	int64_t changed_at;  /* when the name or address changed (as far as known) */
	bool notified;       /* the subject has notified the police of it */
	int64_t notified_at; /* when */
};

/* A disruption's facts. Zero-initialise, then set what the type needs. Strings are
 * borrowed; dates {0, 0, 0} are unset. */
struct disruption {
	enum disruption_type type;
	/* what it is against (disruption_targets_*) */
	const char *subject_id; /* the person of concern: the person warned, the defendant,
	                           the person arrested or charged */
	const char *child_id;   /* CAWN: the child the notice protects */
	const char *place_id;   /* hotel notice, closure order, CAD scheme, licensing */
	const char *vehicle_id; /* ANPR marker */

	/* orders and notices */
	enum order_status status; /* the current status */
	struct lt_date applied_on, made_on;
	bool served;
	int64_t served_at;              /* the instant of service */
	const char *serving_officer;    /* who served it (required for a CAWN: R-ORD-1) */
	struct lt_date varied_on;       /* the latest variation */
	const struct lt_date *breaches; /* each breach's date (R-ORD-3: breaches recorded) */
	size_t n_breaches;
	struct lt_date expired_on, discharged_on;
	struct lt_date ends_on; /* the date the court said the order runs until; unset:
	                           until further order */

	/* R-ORD-1: the child of a CAWN */
	struct lt_date child_dob;
	bool child_in_care; /* in local authority care on the date served */

	/* R-ORD-2, R-ORD-3: foreign travel restrictions (SHPO, SRO only) */
	bool travel_restricted;
	struct lt_date travel_from;  /* imposed, or last renewed, on */
	struct lt_date travel_until; /* unset: five years from travel_from */

	/* R-ORD-3: notifications (SRO only) */
	bool notified; /* name and address notified after service */
	int64_t notified_at;
	const struct order_change *changes;
	size_t n_changes;

	/* events, markers, tactics */
	struct lt_date on;    /* the arrest, charge or licensing action; a marker's or
	                         tactic's start */
	struct lt_date until; /* a marker removed or a tactic ended on; unset: in place */
	const char *offence;  /* charge: the offence (App I code or words); required */
	const char *note;     /* optional */
};

/* The minimum duration of a type in years (SHPO 5: R-ORD-2; SRO 2: R-ORD-3), or 0. */
int order_min_years(enum disruption_type t);
/* Foreign travel restrictions last at most this many years unless renewed
 * (R-ORD-2, R-ORD-3). */
#define ORDER_TRAVEL_MAX_YEARS 5
/* The `years`th anniversary of `d` (29 February -> 1 March in a common year). */
struct lt_date order_anniversary(struct lt_date d, int years);
/* R-ORD-2, R-ORD-3. The earliest date an order of type `t` made on `made_on` may run
 * until: its minimum-duration anniversary. 0, or -1 for a type without a minimum or
 * an invalid date. */
int order_min_end(enum disruption_type t, struct lt_date made_on, struct lt_date *out);
/* R-ORD-2, R-ORD-3. The date foreign travel restrictions imposed or renewed on `from`
 * must be renewed by, and the latest travel_until allowed: five calendar years on,
 * where 29 February gives 28 February (a maximum is never exceeded, as a minimum is
 * never cut short: order_min_end gives 1 March). The same date as the deadline
 * engine's "foreign_travel_renewal". */
struct lt_date order_travel_renewal_on(struct lt_date from);

/* R-ORD-1. Whether a child born on `dob` may be protected by a CAWN served on
 * `served_on`: under 16 that day, or under 18 and in local authority care that day.
 * 0, or -1 citing R-ORD-1 with field "child_dob" (unknown, invalid or after the date)
 * or "child_id" (not eligible: the message gives the age). */
int cawn_eligible(struct lt_date dob, struct lt_date served_on, bool in_care,
                  struct proto_err *err);

/* R-ORD-1. The date a CAWN stops protecting the child: their 16th birthday, or their
 * 18th when in local authority care (a 29 February birthday falls on 1 March in a
 * common year). For the record and the work queue; nothing expires it by itself.
 * 0, or -1 for an invalid date of birth. */
int cawn_lapses_on(struct lt_date dob, bool in_care, struct lt_date *out);

/*
 * R-ORD-1..4. Checks a disruption's facts as a whole, at `now`. An order may be
 * recorded at any status whose dates are given (an order made years ago and breached
 * since is recorded as breached, with its dates), not only from its application:
 *  - the type is known; the targets it requires are given, none it does not accept;
 *    identifiers are single lines of at most PROTO_NAME_MAX;
 *  - orders and notices: the status is one the type has; the dates the status implies
 *    are present (made_on from made on, served from served on, varied_on, a breach,
 *    expired_on, discharged_on) and none beyond it; applied <= made <= date served <=
 *    variation; every breach on or after the date served and not after the order
 *    ended; expiry on or after ends_on (an order without ends_on is discharged, never
 *    expired); discharge on or after the order's date; no event after today;
 *  - R-ORD-1 CAWN: person warned, child, serving officer, date served all given; the
 *    child eligible on the date served;
 *  - R-ORD-2 SHPO at least 5 years, R-ORD-3 SRO at least 2 years: ends_on (if set)
 *    on or after order_min_end(made_on); foreign travel restrictions only on these two,
 *    from on or after made_on, until after from and at most 5 years after it, and not
 *    beyond ends_on;
 *  - R-ORD-3 SRO notifications: only on an SRO, only once served; each at or after
 *    the service or the change it reports and not after now; changes after service;
 *  - events, markers, tactics: `on` given and not after today; `until` on or after
 *    `on` and not after today; a charge names the offence (text, wording checked);
 *  - note: text of at most PROTO_SHORT_MAX, wording checked (R-DEF-4).
 * Returns 0, or -1 with err naming the rule and the field.
 */
int disruption_validate(const struct disruption *d, int64_t now, struct proto_err *err);

/*
 * R-ORD-4. Checks a change from `before` (as stored) to `after` (as it would be
 * stored) at `now`: the same type; a status change allowed by
 * order_transition_allowed() (an unchanged status may still add a breach or a
 * variation, or edit details); dates already recorded are kept (applied_on, made_on,
 * served_at, earlier breaches; a marker's or tactic's on and until: correcting one is
 * a correction, R-REC-6, not a status change); a variation or a renewal of foreign
 * travel restrictions is not dated before the last one; an ended order takes no
 * further change; then disruption_validate(after). 0, or -1 with err.
 */
int order_change_validate(const struct disruption *before, const struct disruption *after,
                          int64_t now, struct proto_err *err);

/* The date a disruption counts from: an order's or notice's date served (NULL if not
 * served), an event's, marker's or tactic's `on`. For reports (R-RPT-1). Returns
 * false when there is none yet. */
bool disruption_achieved_on(const struct disruption *d, struct lt_date *out);

/* R-OUT-2..5. The outcome code the facts warrant on the person of concern: FP or FO
 * for an order served on a person (outcome_for_order_served), FQ for a charge
 * (outcome_for_charge), otherwise OUTCOME_NONE. */
enum outcome_code disruption_outcome(const struct disruption *d);
/* R-OUT-5. The code a write newly warrants, to be added in the same transaction:
 * disruption_outcome(after) when `before` (NULL for a new disruption) did not already
 * warrant it, else OUTCOME_NONE. */
enum outcome_code disruption_new_outcome(const struct disruption *before,
                                         const struct disruption *after);

/* R-DL-4: one deadline an order starts. `kind` is one of the deadline table's kinds;
 * `index` is the change (d->changes[index]) a notification is for, or -1 for the
 * notification after service and for reviews and renewals. */
struct order_deadline {
	const struct dl_kind *kind;
	int64_t anchor;
	int64_t due;
	bool done; /* the notification was made */
	int64_t done_at;
	long index;
};

/*
 * R-DL-4. The deadlines of an order in force (none once it has expired or been
 * discharged, and none for other classes):
 *  - SRO served: "sro_notification" from served_at (name and address within three
 *    days), and one per change of name or address from its changed_at; done when
 *    notified, with done_at. The protocol says "three days of the order being made";
 *    the clock runs from service, because the subject can only notify an order they
 *    know of (made in their presence, it is served the same day); "three days" is
 *    three London calendar days at the time of day of service (deadlines.c);
 *  - SRO made: "sro_review" from made_on (the two-year minimum: from then the order
 *    may be discharged); SHPO made: "shpo_review" (five years);
 *  - foreign travel restrictions: "foreign_travel_renewal" from travel_from, due on
 *    travel_until when that is earlier than five years.
 * Dates are taken at 00:00 London time. Writes at most `cap` items into `out` and
 * returns how many there are (like snprintf: call again with room for them all), or
 * -1 with err when a date is outside the deadline engine's range. The caller checks
 * the facts with disruption_validate first.
 */
long order_deadlines(const struct disruption *d, struct order_deadline *out, size_t cap,
                     struct proto_err *err);

#endif
