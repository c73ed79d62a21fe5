/*
 * orders.c: orders, notices and other disruptions (R-ORD-1..4), their outcome codes
 * (R-OUT-5) and deadlines (R-DL-4). See orders.h. disruption_validate() reads as a
 * short sequence of checks: type, targets, note, then the class's own (lifecycle and
 * dates for orders and notices, one date for the rest), then the type's own (CAWN,
 * durations, foreign travel, notifications).
 */
#include "protocol/orders.h"

#include "protocol/reference.h"

_Static_assert((int)DISRUPT_CLOSURE == (int)ORDER_TYPE_COUNT - 1,
               "the orders and notices come first, as in enum order_type");

struct type_info {
	enum disruption_class cls;
	unsigned required; /* DTARGET_* that must be present */
	unsigned allowed;  /* DTARGET_* that may be present */
	const char *rule;  /* the rule that describes the type */
};

#define P DTARGET_PERSON
#define C DTARGET_CHILD
#define L DTARGET_PLACE
#define V DTARGET_VEHICLE
/* R-ORD-1..4. A licensing action and a covert tactic need one target of those allowed
 * (required 0: see check_targets). */
static const struct type_info TYPES[DISRUPTION_TYPE_COUNT] = {
        [DISRUPT_CAWN] = {DCLASS_NOTICE, P | C, P | C, "R-ORD-1"},
        [DISRUPT_SRO] = {DCLASS_ORDER, P, P, "R-ORD-3"},
        [DISRUPT_NOTIFICATION] = {DCLASS_ORDER, P, P, "R-ORD-4"},
        [DISRUPT_INJUNCTION] = {DCLASS_ORDER, P, P | L, "R-ORD-4"},
        [DISRUPT_SHPO] = {DCLASS_ORDER, P, P, "R-ORD-2"},
        [DISRUPT_HOTEL_NOTICE] = {DCLASS_NOTICE, L, L | P, "R-ORD-4"},
        [DISRUPT_CLOSURE] = {DCLASS_ORDER, L, L | P, "R-ORD-4"},
        [DISRUPT_ARREST] = {DCLASS_EVENT, P, P | L, "R-ORD-4"},
        [DISRUPT_CHARGE] = {DCLASS_EVENT, P, P, "R-ORD-4"},
        [DISRUPT_LICENSING] = {DCLASS_EVENT, 0, P | L | V, "R-ORD-4"},
        [DISRUPT_ANPR_MARKER] = {DCLASS_MARKER, V, V | P, "R-ORD-4"},
        [DISRUPT_CAD_SCHEME] = {DCLASS_MARKER, L, L | P | C, "R-ORD-4"},
        [DISRUPT_COVERT] = {DCLASS_TACTIC, 0, P | L | V, "R-ORD-4"},
};
#undef P
#undef C
#undef L
#undef V

static bool type_ok(enum disruption_type t)
{
	return (unsigned)t < DISRUPTION_TYPE_COUNT;
}

static bool lifecycle(enum disruption_type t)
{
	return type_ok(t) && (TYPES[t].cls == DCLASS_ORDER || TYPES[t].cls == DCLASS_NOTICE);
}

const char *disruption_type_code(enum disruption_type t)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_DISRUPTION_TYPES, &n);
	return (unsigned)t < n ? items[t].code : NULL;
}

int disruption_type_parse(const char *code, enum disruption_type *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_DISRUPTION_TYPES, code);
	if (!it)
		return proto_fail(err, "R-ORD-4", "type",
		                  "Unknown type of order or disruption (R-ORD-4).");
	*out = (enum disruption_type)(it - ref_table(REF_DISRUPTION_TYPES, NULL));
	return 0;
}

/* The type's label for messages ("Sexual Risk Order"). */
static const char *type_label(enum disruption_type t)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_DISRUPTION_TYPES, &n);
	return (unsigned)t < n ? items[t].label : "Disruption";
}

enum disruption_class disruption_class_of(enum disruption_type t)
{
	return type_ok(t) ? TYPES[t].cls : DCLASS_EVENT;
}

unsigned disruption_targets_required(enum disruption_type t)
{
	return type_ok(t) ? TYPES[t].required : 0;
}

unsigned disruption_targets_allowed(enum disruption_type t)
{
	return type_ok(t) ? TYPES[t].allowed : 0;
}

/* R-ORD-4, R-INFO-3 */
bool disruption_restricted(enum disruption_type t)
{
	return t == DISRUPT_COVERT;
}

/* R-ORD-4, R-INFO-3 */
bool disruption_visible(enum disruption_type t, bool police_entitled)
{
	return type_ok(t) && (!disruption_restricted(t) || police_entitled);
}

/* R-ORD-4, R-INFO-3 */
int disruption_may_record(enum disruption_type t, bool police_entitled, struct proto_err *err)
{
	if (!type_ok(t))
		return proto_fail(err, "R-ORD-4", "type",
		                  "Unknown type of order or disruption (R-ORD-4).");
	if (!disruption_visible(t, police_entitled))
		return proto_fail(
		        err, "R-ORD-4", "type",
		        "Covert tactics are recorded only by the police roles entitled to "
		        "restricted intelligence (R-ORD-4, R-INFO-3).");
	return 0;
}

const char *order_status_code(enum order_status s)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_ORDER_STATUSES, &n);
	return (unsigned)s < n ? items[s].code : NULL;
}

int order_status_parse(const char *code, enum order_status *out, struct proto_err *err)
{
	const struct ref_item *it = ref_lookup(REF_ORDER_STATUSES, code);
	if (!it)
		return proto_fail(err, "R-ORD-4", "status",
		                  "Unknown order status: applied, made, served, varied, breached, "
		                  "expired or discharged (R-ORD-4).");
	*out = (enum order_status)(it - ref_table(REF_ORDER_STATUSES, NULL));
	return 0;
}

bool order_status_ended(enum order_status s)
{
	return s == ORDER_EXPIRED || s == ORDER_DISCHARGED;
}

/* R-ORD-4 */
bool order_status_fits(enum disruption_type t, enum order_status s)
{
	if (!lifecycle(t) || (unsigned)s >= ORDER_STATUS_COUNT)
		return false;
	if (TYPES[t].cls == DCLASS_ORDER)
		return true;
	return s == ORDER_SERVED || s == ORDER_BREACHED || s == ORDER_EXPIRED ||
	       s == ORDER_DISCHARGED;
}

/* R-ORD-4 */
bool order_transition_allowed(enum disruption_type t, enum order_status from, enum order_status to)
{
	if (!order_status_fits(t, from) || !order_status_fits(t, to))
		return false;
	switch (from) {
	case ORDER_APPLIED:
		return to == ORDER_MADE;
	case ORDER_MADE:
		return to == ORDER_SERVED || to == ORDER_DISCHARGED;
	case ORDER_SERVED:
	case ORDER_VARIED:
	case ORDER_BREACHED:
		return to == ORDER_VARIED || to == ORDER_BREACHED || to == ORDER_EXPIRED ||
		       to == ORDER_DISCHARGED;
	case ORDER_EXPIRED:
	case ORDER_DISCHARGED:
	case ORDER_STATUS_COUNT:
		break;
	}
	return false;
}

int order_min_years(enum disruption_type t)
{
	return t == DISRUPT_SHPO ? 5 : t == DISRUPT_SRO ? 2 : 0;
}

struct lt_date order_anniversary(struct lt_date d, int years)
{
	struct lt_date r = {d.y + years, d.m, d.d};
	if (d.m == 2 && d.d == 29 && !ltime_date_valid(r)) {
		r.m = 3;
		r.d = 1;
	}
	return r;
}

/* R-ORD-2, R-ORD-3 */
int order_min_end(enum disruption_type t, struct lt_date made_on, struct lt_date *out)
{
	int years = order_min_years(t);
	if (years == 0 || !ltime_date_valid(made_on))
		return -1;
	*out = order_anniversary(made_on, years);
	return 0;
}

/* R-ORD-2, R-ORD-3 */
struct lt_date order_travel_renewal_on(struct lt_date from)
{
	return dl_add_months(from, ORDER_TRAVEL_MAX_YEARS * 12);
}

/* R-ORD-1 */
int cawn_eligible(struct lt_date dob, struct lt_date served_on, bool in_care, struct proto_err *err)
{
	if (!ltime_date_valid(dob))
		return proto_fail(
		        err, "R-ORD-1", "child_dob",
		        "A child abduction warning notice needs the child's date of birth, "
		        "to check their age on the date served (R-ORD-1).");
	int age = ltime_date_valid(served_on) ? ltime_age_on(dob, served_on) : -1;
	if (age < 0)
		return proto_fail(err, "R-ORD-1", "child_dob",
		                  "The child's date of birth is after the date served (R-ORD-1).");
	if (age < 16 || (age < 18 && in_care))
		return 0;
	if (age < 18)
		return proto_fail(err, "R-ORD-1", "child_id",
		                  "The child was %d on the date served: a child abduction warning "
		                  "notice protects a child under 16, or under 18 in local "
		                  "authority care (R-ORD-1).",
		                  age);
	return proto_fail(err, "R-ORD-1", "child_id",
	                  "The person protected was %d on the date served, not a child: a child "
	                  "abduction warning notice protects a child under 16, or under 18 in "
	                  "local authority care (R-ORD-1).",
	                  age);
}

/* R-ORD-1 */
int cawn_lapses_on(struct lt_date dob, bool in_care, struct lt_date *out)
{
	if (!ltime_date_valid(dob))
		return -1;
	*out = order_anniversary(dob, in_care ? 18 : 16);
	return 0;
}

/* ---- disruption_validate and its steps ---- */

static bool dset(struct lt_date d)
{
	return d.y != 0 || d.m != 0 || d.d != 0;
}

static bool instant_ok(int64_t t)
{
	return t >= ltime_midnight((struct lt_date){1900, 1, 1}) &&
	       t < ltime_midnight((struct lt_date){2201, 1, 1});
}

/* A set date must be valid and, unless `future_ok`, not after `today`. */
static int date_check(struct lt_date d, struct lt_date today, bool future_ok, const char *rule,
                      const char *field, const char *what, struct proto_err *err)
{
	if (!dset(d))
		return 0;
	if (!ltime_date_valid(d) || d.y < 1900 || d.y > 2200)
		return proto_fail(err, rule, field, "The %s is not a valid date (%s).", what, rule);
	if (!future_ok && ltime_date_cmp(d, today) > 0)
		return proto_fail(err, rule, field, "The %s cannot be in the future (%s).", what,
		                  rule);
	return 0;
}

/* An instant must be in range and not after `now`. */
static int instant_check(int64_t t, int64_t now, const char *rule, const char *field,
                         const char *what, struct proto_err *err)
{
	if (!instant_ok(t))
		return proto_fail(err, rule, field, "The %s is out of range (%s).", what, rule);
	if (t > now)
		return proto_fail(err, rule, field, "The %s cannot be in the future (%s).", what,
		                  rule);
	return 0;
}

/* `later` must not be before `earlier` (both set). */
static int order_check(struct lt_date earlier, struct lt_date later, const char *rule,
                       const char *field, const char *msg, struct proto_err *err)
{
	if (dset(earlier) && dset(later) && ltime_date_cmp(later, earlier) < 0)
		return proto_fail(err, rule, field, "%s (%s).", msg, rule);
	return 0;
}

static int check_type(const struct disruption *d, struct proto_err *err)
{
	if (!type_ok(d->type))
		return proto_fail(err, "R-ORD-4", "type",
		                  "Unknown type of order or disruption (R-ORD-4).");
	return 0;
}

/* R-ORD-1, R-ORD-4: what the disruption is against. */
static int check_targets(const struct disruption *d, struct proto_err *err)
{
	static const struct {
		unsigned bit;
		const char *field, *what;
	} T[] = {
	        {DTARGET_PERSON, "subject_id", "the person of concern"},
	        {DTARGET_CHILD, "child_id", "the child"},
	        {DTARGET_PLACE, "place_id", "the place"},
	        {DTARGET_VEHICLE, "vehicle_id", "the vehicle"},
	};
	const char *ids[] = {d->subject_id, d->child_id, d->place_id, d->vehicle_id};
	const struct type_info *ti = &TYPES[d->type];
	unsigned present = 0;
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		if (proto_blank(ids[i])) {
			if (ti->required & T[i].bit)
				return proto_fail(err, ti->rule, T[i].field,
				                  "Name %s this is against (%s).", T[i].what,
				                  ti->rule);
			continue;
		}
		if (!(ti->allowed & T[i].bit))
			return proto_fail(err, ti->rule, T[i].field,
			                  "%s: not recorded against %s (%s).", type_label(d->type),
			                  T[i].what, ti->rule);
		if (proto_name_check(ids[i], PROTO_NAME_MAX, true, ti->rule, T[i].field, T[i].what,
		                     err) < 0)
			return -1;
		present |= T[i].bit;
	}
	if (ti->required == 0 && present == 0)
		return proto_fail(err, ti->rule, "subject_id",
		                  "Name the person, place or vehicle this is against (%s).",
		                  ti->rule);
	return 0;
}

static int check_note(const struct disruption *d, struct proto_err *err)
{
	return proto_text_check(d->note, PROTO_SHORT_MAX, false, "R-ORD-4", "note", "The note",
	                        err);
}

/* The order's own date: made_on for a court order, the date served for a notice. */
static struct lt_date order_date(const struct disruption *d)
{
	if (TYPES[d->type].cls == DCLASS_ORDER)
		return d->made_on;
	return d->served ? dl_london_date(d->served_at) : (struct lt_date){0, 0, 0};
}

/* R-ORD-4: which dates the current status implies, and which it rules out. */
static int check_status_dates(const struct disruption *d, struct proto_err *err)
{
	enum order_status s = d->status;
	bool court = TYPES[d->type].cls == DCLASS_ORDER;
	if (!order_status_fits(d->type, s))
		return proto_fail(err, "R-ORD-4", "status",
		                  "%s: cannot have the status '%s' (R-ORD-4).", type_label(d->type),
		                  order_status_code(s) ? order_status_code(s) : "unknown");
	if (!court && (dset(d->applied_on) || dset(d->made_on) || dset(d->varied_on)))
		return proto_fail(err, "R-ORD-4", dset(d->varied_on) ? "varied_on" : "made_on",
		                  "A notice is issued and served by the police: it has no "
		                  "application, court date or variation (R-ORD-4).");
	bool after_made = s != ORDER_APPLIED;
	bool after_served = after_made && s != ORDER_MADE;
	if (s == ORDER_APPLIED && !dset(d->applied_on))
		return proto_fail(err, "R-ORD-4", "applied_on",
		                  "Give the date the order was applied for (R-ORD-4).");
	if (court && after_made && !dset(d->made_on))
		return proto_fail(err, "R-ORD-4", "made_on",
		                  "Give the date the court made the order (R-ORD-4).");
	if (court && !after_made && dset(d->made_on))
		return proto_fail(err, "R-ORD-4", "made_on",
		                  "An order with a court date is made, not only applied for "
		                  "(R-ORD-4).");
	if (after_served && !d->served)
		return proto_fail(err, TYPES[d->type].rule, "served_at",
		                  "Give the date and time it was served (%s).",
		                  TYPES[d->type].rule);
	if (!after_served && d->served)
		return proto_fail(err, "R-ORD-4", "served_at",
		                  "An order with a service date has the status served (R-ORD-4).");
	if (s == ORDER_VARIED && !dset(d->varied_on))
		return proto_fail(err, "R-ORD-4", "varied_on",
		                  "Give the date the order was varied (R-ORD-4).");
	if (s == ORDER_BREACHED && d->n_breaches == 0)
		return proto_fail(err, "R-ORD-3", "breaches",
		                  "Give the date of the breach (R-ORD-3, R-ORD-4).");
	if ((s == ORDER_SERVED || !after_served) && (dset(d->varied_on) || d->n_breaches > 0))
		return proto_fail(err, "R-ORD-4", dset(d->varied_on) ? "varied_on" : "breaches",
		                  "A variation or breach comes after service: the status is then "
		                  "varied or breached (R-ORD-4).");
	if ((s == ORDER_EXPIRED) != dset(d->expired_on))
		return proto_fail(err, "R-ORD-4", "expired_on",
		                  s == ORDER_EXPIRED ? "Give the date the order expired (R-ORD-4)."
		                                     : "Only an expired order has an expiry date "
		                                       "(R-ORD-4).");
	if ((s == ORDER_DISCHARGED) != dset(d->discharged_on))
		return proto_fail(
		        err, "R-ORD-4", "discharged_on",
		        s == ORDER_DISCHARGED
		                ? "Give the date the order was discharged (R-ORD-4)."
		                : "Only a discharged order has a discharge date (R-ORD-4).");
	return 0;
}

/* R-ORD-3, R-ORD-4: every date valid, none in the future, all in order. */
static int check_order_dates(const struct disruption *d, int64_t now, struct proto_err *err)
{
	struct lt_date today = dl_london_date(now);
	struct lt_date served_on = {0, 0, 0};
	if (date_check(d->applied_on, today, false, "R-ORD-4", "applied_on",
	               "date of the application", err) < 0 ||
	    date_check(d->made_on, today, false, "R-ORD-4", "made_on", "date the order was made",
	               err) < 0 ||
	    date_check(d->varied_on, today, false, "R-ORD-4", "varied_on", "date of variation",
	               err) < 0 ||
	    date_check(d->expired_on, today, false, "R-ORD-4", "expired_on", "expiry date", err) <
	            0 ||
	    date_check(d->discharged_on, today, false, "R-ORD-4", "discharged_on", "discharge date",
	               err) < 0 ||
	    date_check(d->ends_on, today, true, "R-ORD-4", "ends_on", "end date", err) < 0)
		return -1;
	if (d->served) {
		if (instant_check(d->served_at, now, "R-ORD-4", "served_at", "time of service",
		                  err) < 0)
			return -1;
		served_on = dl_london_date(d->served_at);
	}
	if (order_check(d->applied_on, d->made_on, "R-ORD-4", "made_on",
	                "An order cannot be made before it was applied for", err) < 0 ||
	    order_check(d->made_on, served_on, "R-ORD-4", "served_at",
	                "An order cannot be served before the date it was made", err) < 0 ||
	    order_check(served_on, d->varied_on, "R-ORD-4", "varied_on",
	                "An order cannot be varied before it was served", err) < 0)
		return -1;
	struct lt_date start = order_date(d);
	struct lt_date ended = dset(d->expired_on) ? d->expired_on : d->discharged_on;
	for (size_t i = 0; i < d->n_breaches; i++) {
		if (date_check(d->breaches[i], today, false, "R-ORD-3", "breaches",
		               "date of the breach", err) < 0)
			return -1;
		if (!dset(d->breaches[i]))
			return proto_fail(err, "R-ORD-3", "breaches",
			                  "Give the date of each breach (R-ORD-3).");
		if (order_check(start, d->breaches[i], "R-ORD-3", "breaches",
		                "A breach cannot be before the order", err) < 0 ||
		    order_check(served_on, d->breaches[i], "R-ORD-3", "breaches",
		                "A breach cannot be before the order was served", err) < 0 ||
		    order_check(d->breaches[i], ended, "R-ORD-3", "breaches",
		                "A breach cannot be after the order ended", err) < 0)
			return -1;
	}
	if (order_check(start, d->ends_on, "R-ORD-4", "ends_on",
	                "An order cannot end before it starts", err) < 0 ||
	    order_check(start, d->discharged_on, "R-ORD-4", "discharged_on",
	                "An order cannot be discharged before it was made", err) < 0 ||
	    order_check(served_on, d->expired_on, "R-ORD-4", "expired_on",
	                "An order cannot expire before it was served", err) < 0 ||
	    order_check(d->varied_on, ended, "R-ORD-4",
	                dset(d->expired_on) ? "expired_on" : "discharged_on",
	                "An order cannot end before its last variation", err) < 0)
		return -1;
	if (dset(d->expired_on) && dset(d->ends_on) &&
	    ltime_date_cmp(d->expired_on, d->ends_on) < 0)
		return proto_fail(err, "R-ORD-4", "expired_on",
		                  "An order expires on or after the date it runs until; an order "
		                  "ended early is discharged (R-ORD-4).");
	if (dset(d->expired_on) && !dset(d->ends_on) && TYPES[d->type].cls == DCLASS_ORDER)
		return proto_fail(err, "R-ORD-4", "expired_on",
		                  "An order without an end date runs until further order: record "
		                  "its discharge, not its expiry (R-ORD-4).");
	return proto_name_check(d->serving_officer, PROTO_NAME_MAX, false, "R-ORD-4",
	                        "serving_officer", "The serving officer", err);
}

/* R-ORD-1 */
static int check_cawn(const struct disruption *d, struct proto_err *err)
{
	if (!d->served)
		return proto_fail(err, "R-ORD-1", "served_at",
		                  "A child abduction warning notice records the date it was served "
		                  "(R-ORD-1).");
	if (proto_blank(d->serving_officer))
		return proto_fail(
		        err, "R-ORD-1", "serving_officer",
		        "A child abduction warning notice names the officer who served it "
		        "(R-ORD-1).");
	return cawn_eligible(d->child_dob, dl_london_date(d->served_at), d->child_in_care, err);
}

/* R-ORD-2, R-ORD-3: minimum durations. */
static int check_duration(const struct disruption *d, struct proto_err *err)
{
	struct lt_date min;
	if (!dset(d->ends_on) || order_min_end(d->type, d->made_on, &min) < 0)
		return 0;
	if (ltime_date_cmp(d->ends_on, min) >= 0)
		return 0;
	char m[LT_DATE_LEN];
	ltime_format_date(min, m);
	const char *rule = TYPES[d->type].rule;
	return proto_fail(err, rule, "ends_on",
	                  "A %s lasts at least %d years: made on this date it runs until %s or "
	                  "later (%s).",
	                  d->type == DISRUPT_SHPO ? "Sexual Harm Prevention Order"
	                                          : "Sexual Risk Order",
	                  order_min_years(d->type), m, rule);
}

/* R-ORD-2, R-ORD-3: foreign travel restrictions. */
static int check_travel(const struct disruption *d, int64_t now, struct proto_err *err)
{
	if (!d->travel_restricted) {
		if (dset(d->travel_from) || dset(d->travel_until))
			return proto_fail(
			        err, "R-ORD-2", "travel_from",
			        "Dates of foreign travel restrictions are given only with "
			        "the restrictions (R-ORD-2, R-ORD-3).");
		return 0;
	}
	if (d->type != DISRUPT_SHPO && d->type != DISRUPT_SRO)
		return proto_fail(
		        err, "R-ORD-2", "travel_restricted",
		        "Foreign travel restrictions are part of a Sexual Harm Prevention "
		        "Order or a Sexual Risk Order (R-ORD-2, R-ORD-3).");
	const char *rule = TYPES[d->type].rule;
	struct lt_date today = dl_london_date(now);
	if (!dset(d->travel_from))
		return proto_fail(err, rule, "travel_from",
		                  "Give the date the foreign travel restrictions were imposed or "
		                  "last renewed (%s).",
		                  rule);
	if (date_check(d->travel_from, today, false, rule, "travel_from",
	               "date the foreign travel restrictions were imposed or renewed", err) < 0 ||
	    date_check(d->travel_until, today, true, rule, "travel_until",
	               "end of the foreign travel restrictions", err) < 0 ||
	    order_check(d->made_on, d->travel_from, rule, "travel_from",
	                "Foreign travel restrictions cannot start before the order was made",
	                err) < 0)
		return -1;
	if (!dset(d->travel_until))
		return 0;
	struct lt_date limit = order_travel_renewal_on(d->travel_from);
	if (ltime_date_cmp(d->travel_until, d->travel_from) <= 0 ||
	    ltime_date_cmp(d->travel_until, limit) > 0) {
		char m[LT_DATE_LEN];
		ltime_format_date(limit, m);
		return proto_fail(err, rule, "travel_until",
		                  "Foreign travel restrictions last at most five years unless "
		                  "renewed: from this date, until %s at the latest (%s).",
		                  m, rule);
	}
	return order_check(d->travel_until, d->ends_on, rule, "travel_until",
	                   "Foreign travel restrictions cannot outlast the order", err);
}

/* R-ORD-3: name and address notified after service and after each change. */
static int check_notifications(const struct disruption *d, int64_t now, struct proto_err *err)
{
	if (!d->notified && d->n_changes == 0)
		return 0;
	if (d->type != DISRUPT_SRO)
		return proto_fail(err, "R-ORD-3", d->notified ? "notified" : "changes",
		                  "Notifications of name and address are recorded on a Sexual Risk "
		                  "Order (R-ORD-3).");
	if (!d->served)
		return proto_fail(err, "R-ORD-3", d->notified ? "notified" : "changes",
		                  "Notifications follow the service of the order (R-ORD-3).");
	if (d->notified) {
		if (instant_check(d->notified_at, now, "R-ORD-3", "notified_at",
		                  "time of the notification", err) < 0)
			return -1;
		if (d->notified_at < d->served_at)
			return proto_fail(err, "R-ORD-3", "notified_at",
			                  "A notification cannot be before the order was served "
			                  "(R-ORD-3).");
	}
	for (size_t i = 0; i < d->n_changes; i++) {
		const struct order_change *c = &d->changes[i];
		if (instant_check(c->changed_at, now, "R-ORD-3", "changes",
		                  "time of the change of name or address", err) < 0)
			return -1;
		if (c->changed_at < d->served_at)
			return proto_fail(err, "R-ORD-3", "changes",
			                  "A change of name or address under the order comes after "
			                  "its service (R-ORD-3).");
		if (!c->notified)
			continue;
		if (instant_check(c->notified_at, now, "R-ORD-3", "changes",
		                  "time the change was notified", err) < 0)
			return -1;
		if (c->notified_at < c->changed_at)
			return proto_fail(
			        err, "R-ORD-3", "changes",
			        "A change cannot be notified before it happened (R-ORD-3).");
	}
	return 0;
}

/* R-ORD-4: orders and notices. */
static int check_lifecycle(const struct disruption *d, int64_t now, struct proto_err *err)
{
	if (check_status_dates(d, err) < 0 || check_order_dates(d, now, err) < 0)
		return -1;
	if (d->type == DISRUPT_CAWN && check_cawn(d, err) < 0)
		return -1;
	if (check_duration(d, err) < 0 || check_travel(d, now, err) < 0)
		return -1;
	return check_notifications(d, now, err);
}

/* R-ORD-4: events, markers and tactics: a date, an optional end, no lifecycle. */
static int check_dated(const struct disruption *d, int64_t now, struct proto_err *err)
{
	if (d->served || dset(d->applied_on) || dset(d->made_on) || d->n_breaches ||
	    dset(d->varied_on) || dset(d->expired_on) || dset(d->discharged_on) ||
	    dset(d->ends_on) || d->travel_restricted || d->notified || d->n_changes)
		return proto_fail(
		        err, "R-ORD-4", "status",
		        "%s: recorded with a date, not an order's status or court dates (R-ORD-4).",
		        type_label(d->type));
	struct lt_date today = dl_london_date(now);
	if (!dset(d->on))
		return proto_fail(err, "R-ORD-4", "on", "%s: give its date (R-ORD-4).",
		                  type_label(d->type));
	if (date_check(d->on, today, false, "R-ORD-4", "on", "date", err) < 0 ||
	    date_check(d->until, today, false, "R-ORD-4", "until", "end date", err) < 0 ||
	    order_check(d->on, d->until, "R-ORD-4", "until", "It cannot end before it started",
	                err) < 0)
		return -1;
	if (TYPES[d->type].cls == DCLASS_EVENT && dset(d->until))
		return proto_fail(err, "R-ORD-4", "until",
		                  "An arrest, charge or licensing action happens on one date "
		                  "(R-ORD-4).");
	if (d->type == DISRUPT_CHARGE)
		return proto_text_check(d->offence, PROTO_SHORT_MAX, true, "R-ORD-4", "offence",
		                        "The offence charged", err);
	if (!proto_blank(d->offence))
		return proto_fail(err, "R-ORD-4", "offence",
		                  "An offence is recorded with a charge (R-ORD-4).");
	return 0;
}

/* R-ORD-1..4 */
int disruption_validate(const struct disruption *d, int64_t now, struct proto_err *err)
{
	if (check_type(d, err) < 0 || check_targets(d, err) < 0 || check_note(d, err) < 0)
		return -1;
	if (lifecycle(d->type))
		return check_lifecycle(d, now, err);
	return check_dated(d, now, err);
}

static bool same_date(struct lt_date a, struct lt_date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

static int rewritten(const char *field, struct proto_err *err)
{
	return proto_fail(err, "R-ORD-4", field,
	                  "A recorded date is not changed by a new status: correct it as a "
	                  "correction (R-ORD-4, R-REC-6).");
}

/* A date recorded before must be unchanged after. */
static int kept(struct lt_date before, struct lt_date after, const char *field,
                struct proto_err *err)
{
	if (dset(before) && !same_date(before, after))
		return rewritten(field, err);
	return 0;
}

/* R-ORD-4: the history of an order or notice is kept. */
static int check_history(const struct disruption *b, const struct disruption *a,
                         struct proto_err *err)
{
	if (order_status_ended(b->status))
		return proto_fail(err, "R-ORD-4", "status",
		                  "The order has %s: it takes no further change (R-ORD-4).",
		                  b->status == ORDER_EXPIRED ? "expired" : "been discharged");
	if (a->status != b->status && !order_transition_allowed(b->type, b->status, a->status))
		return proto_fail(
		        err, "R-ORD-4", "status", "An order that is %s cannot become %s (R-ORD-4).",
		        order_status_code(b->status) ? order_status_code(b->status) : "?",
		        order_status_code(a->status) ? order_status_code(a->status) : "?");
	if (kept(b->applied_on, a->applied_on, "applied_on", err) < 0 ||
	    kept(b->made_on, a->made_on, "made_on", err) < 0)
		return -1;
	if (b->served && (!a->served || a->served_at != b->served_at))
		return rewritten("served_at", err);
	if (dset(b->travel_from) && dset(a->travel_from) &&
	    ltime_date_cmp(a->travel_from, b->travel_from) < 0)
		return proto_fail(
		        err, "R-ORD-2", "travel_from",
		        "Foreign travel restrictions are renewed after they were imposed, "
		        "not before (R-ORD-2, R-ORD-3).");
	if (dset(b->varied_on) && dset(a->varied_on) &&
	    ltime_date_cmp(a->varied_on, b->varied_on) < 0)
		return proto_fail(err, "R-ORD-4", "varied_on",
		                  "A new variation cannot be before the last one (R-ORD-4).");
	if (a->n_breaches < b->n_breaches)
		return rewritten("breaches", err);
	for (size_t i = 0; i < b->n_breaches; i++)
		if (kept(b->breaches[i], a->breaches[i], "breaches", err) < 0)
			return -1;
	return 0;
}

/* R-ORD-4 */
int order_change_validate(const struct disruption *before, const struct disruption *after,
                          int64_t now, struct proto_err *err)
{
	if (check_type(before, err) < 0 || check_type(after, err) < 0)
		return -1;
	if (after->type != before->type)
		return proto_fail(
		        err, "R-ORD-4", "type",
		        "The type of an order or disruption does not change: record a new "
		        "one (R-ORD-4).");
	if (lifecycle(before->type)) {
		if (check_history(before, after, err) < 0)
			return -1;
	} else {
		if (kept(before->on, after->on, "on", err) < 0 ||
		    kept(before->until, after->until, "until", err) < 0)
			return -1;
	}
	return disruption_validate(after, now, err);
}

bool disruption_achieved_on(const struct disruption *d, struct lt_date *out)
{
	if (!type_ok(d->type))
		return false;
	if (lifecycle(d->type)) {
		if (!d->served)
			return false;
		*out = dl_london_date(d->served_at);
		return true;
	}
	if (!dset(d->on))
		return false;
	*out = d->on;
	return true;
}

/* R-OUT-2..5 */
enum outcome_code disruption_outcome(const struct disruption *d)
{
	if (!type_ok(d->type))
		return OUTCOME_NONE;
	if (lifecycle(d->type))
		return outcome_for_order_served((enum order_type)d->type, d->served);
	if (d->type == DISRUPT_CHARGE)
		return outcome_for_charge();
	return OUTCOME_NONE;
}

/* R-OUT-5 */
enum outcome_code disruption_new_outcome(const struct disruption *before,
                                         const struct disruption *after)
{
	enum outcome_code now = disruption_outcome(after);
	if (before && disruption_outcome(before) == now)
		return OUTCOME_NONE;
	return now;
}

/* Appends a deadline of kind `code` if there is room; counts it either way. */
static int add_deadline(const char *code, int64_t anchor, const struct dl_params *p, bool done,
                        int64_t done_at, long index, struct order_deadline *out, size_t cap,
                        long *n, struct proto_err *err)
{
	const struct dl_kind *k = dl_kind_find(code);
	int64_t due;
	if (dl_due(k, anchor, p, &due, err) < 0)
		return -1;
	if ((size_t)*n < cap)
		out[*n] = (struct order_deadline){k, anchor, due, done, done_at, index};
	(*n)++;
	return 0;
}

/* R-DL-4 */
long order_deadlines(const struct disruption *d, struct order_deadline *out, size_t cap,
                     struct proto_err *err)
{
	long n = 0;
	if (!lifecycle(d->type) || order_status_ended(d->status))
		return 0;
	if (d->type == DISRUPT_SRO && d->served) {
		if (add_deadline("sro_notification", d->served_at, NULL, d->notified,
		                 d->notified ? d->notified_at : 0, -1, out, cap, &n, err) < 0)
			return -1;
		for (size_t i = 0; i < d->n_changes; i++) {
			const struct order_change *c = &d->changes[i];
			if (add_deadline("sro_notification", c->changed_at, NULL, c->notified,
			                 c->notified ? c->notified_at : 0, (long)i, out, cap, &n,
			                 err) < 0)
				return -1;
		}
	}
	if ((d->type == DISRUPT_SRO || d->type == DISRUPT_SHPO) && dset(d->made_on) &&
	    add_deadline(d->type == DISRUPT_SRO ? "sro_review" : "shpo_review",
	                 dl_london_midnight(d->made_on), NULL, false, 0, -1, out, cap, &n, err) < 0)
		return -1;
	if (d->travel_restricted && dset(d->travel_from)) {
		struct dl_params p = {0};
		if (dset(d->travel_until)) {
			p.due_at = dl_london_midnight(d->travel_until);
			p.due_at_set = true;
		}
		if (add_deadline("foreign_travel_renewal", dl_london_midnight(d->travel_from), &p,
		                 false, 0, -1, out, cap, &n, err) < 0)
			return -1;
	}
	return n;
}
