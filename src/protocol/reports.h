/*
 * reports.h: what the board report and the analyst's problem profile count (R-RPT-1..3),
 * the agencies' leads and single points of contact (R-INFO-1), and the children in need
 * census factor codes Lantern exports. Every figure is computed from the records
 * (R-RPT-2): these functions define, over plain facts and counts, what is counted and
 * how; the store's queries that count many records at once must count exactly what
 * these predicates say (REF_REPORT_FIGURES holds each figure's definition in words).
 *
 * A period is [from, to) in UTC instants; a date (an order served, an arrest) falls in
 * it when 00:00 London time on that date does. A period with nothing in it gives an
 * empty report that says so (rpt_is_empty, RPT_EMPTY_TEXT), never an error.
 */
#ifndef LANTERN_PROTO_REPORTS_H
#define LANTERN_PROTO_REPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/mase.h"
#include "protocol/orders.h"
#include "protocol/outcomes.h"
#include "protocol/plans.h"
#include "protocol/proto.h"

struct rpt_period {
	int64_t from; /* first instant in the period */
	int64_t to;   /* first instant after it */
};
/* R-RPT-1. from < to, both within 1900..2200, at most 20 years long. 0, or -1 citing
 * R-RPT-1, field "from" or "to". */
int rpt_period_validate(const struct rpt_period *p, struct proto_err *err);
bool rpt_in_period(int64_t t, const struct rpt_period *p);
/* A calendar date in the period (00:00 London time that day). */
bool rpt_date_in_period(struct lt_date d, const struct rpt_period *p);
/* The census year starting 1 April `year`: [1 April year, 1 April year + 1) London. */
struct rpt_period rpt_census_year(int year);

/* ---- R-RPT-1: volume ---- */

struct rpt_record_facts {
	int64_t opened_at; /* when the child's record was created */
	bool closed;
	int64_t closed_at;
};
/* R-RPT-1, R-REC-1, R-CAT-7. A child counts once in the volume of a period when their
 * record was open at any time in it: opened before the period ends and not closed
 * before it starts. Whatever the category: low categories count. */
bool rpt_in_volume(const struct rpt_record_facts *r, const struct rpt_period *p);
/* R-RPT-1. A new case: the record was opened in the period. */
bool rpt_is_new(const struct rpt_record_facts *r, const struct rpt_period *p);

/* ---- R-RPT-1: disruptions and activity against perpetrators ---- */

/*
 * R-RPT-1, R-INFO-3. Whether a disruption counts in the period's "number and type of
 * disruptions": what was achieved, dated in the period (disruption_achieved_on: an
 * order or notice once served, an arrest, charge or licensing action, a marker or
 * scheme put in place). Applications and orders made but not yet served are activity,
 * not disruptions. Covert tactics are never counted in a report that leaves the
 * police: the board report is read by every agency (R-INFO-3).
 */
bool rpt_disruption_counted(const struct disruption *d, const struct rpt_period *p);
/* R-RPT-1. Activity against perpetrators also counts an order applied for or made in
 * the period, and a breach dated in it (an order's lifecycle events); covert tactics
 * never. */
bool rpt_activity_counted(const struct disruption *d, const struct rpt_period *p);
/* R-RPT-1, R-OUTC-2. The arrest and charge of a criminal justice case as disruptions
 * (DISRUPT_ARREST on arrested_on, DISRUPT_CHARGE on charged_on with the offence), so
 * that they are recorded once, on the case, and counted with the rest. Writes up to 2
 * into `out` and returns how many. */
size_t rpt_case_disruptions(const struct cj_case *c, struct disruption out[2]);

/* ---- R-RPT-1: performance of each agency ---- */

/* R-RPT-1, R-MASE-3. Whether statutory member `member` (REF_MASE_MEMBERS code)
 * attended a meeting with these flags. */
bool rpt_member_attended(const struct mase_flags *f, const char *member);
/* R-RPT-1, R-MASE-7. An action counts for "actions on time" when it was due in the
 * period and not cancelled; it was on time when done by its due date
 * (plan_action_on_time). */
bool rpt_action_counted(const struct plan_action *a, const struct rpt_period *p);

/* ---- figures ---- */

/* A share in whole per cent, rounded half up, written as "75%"; with a zero or
 * negative denominator "no data" and -1 (never a division by zero). Returns the
 * percentage otherwise. `out` is always NUL-terminated (n > 0). */
int rpt_percent(int64_t num, int64_t den, char *out, size_t n);

/* The headline counts that say whether there is anything to report. */
struct rpt_totals {
	int64_t cases_open, cases_new, disruptions, meetings, referrals, persons;
};
#define RPT_EMPTY_TEXT "No records in this period: there is nothing to report."
/* R-RPT-1. True when every count is zero: the report shows RPT_EMPTY_TEXT. */
bool rpt_is_empty(const struct rpt_totals *t);

/* ---- R-RPT-3: the problem profile over time and place ---- */

enum rpt_grain { RPT_MONTH, RPT_QUARTER, RPT_YEAR };
/* The number of London calendar months, quarters or years the period touches (a
 * partial one counts); 0 for an invalid period. */
size_t rpt_buckets(const struct rpt_period *p, enum rpt_grain g);
/* The bucket of instant `t` (in the period) -> 0 and *index; -1 outside. */
int rpt_bucket_of(int64_t t, const struct rpt_period *p, enum rpt_grain g, size_t *index);
/* The bucket's label: "Mar 2026", "2026 Q1" (quarters from January), "2026". */
void rpt_bucket_label(const struct rpt_period *p, enum rpt_grain g, size_t index, char *out,
                      size_t n);
/* R-RPT-3, R-CAT-5. Where a case is placed on the profile: the borough where the
 * exploitation happens when recorded, else the borough where the child lives. */
const char *rpt_case_place(const char *exploited_in, const char *lives_in);

/* ---- R-INFO-1: each agency's senior lead and single point of contact ---- */

struct rpt_agency_contacts {
	const char *agency_id;
	const char *lead; /* senior accountable lead */
	const char *spoc; /* daily operational single point of contact */
};
/* R-INFO-1. Both recorded, single lines of at most PROTO_NAME_MAX. 0, or -1 citing
 * R-INFO-1, field "lead" or "spoc". */
int rpt_contacts_validate(const struct rpt_agency_contacts *c, struct proto_err *err);
/* R-INFO-1. How many agencies of the list lack a lead or a single point of contact
 * (for the board report's agency section). */
size_t rpt_contacts_missing(const struct rpt_agency_contacts *c, size_t n);

/* ---- children in need census factor codes ---- */

/*
 * The protocol names no census codes; these are the children in need census's
 * "factors identified at the end of assessment" that Lantern's records can support,
 * for children's social care to check against its own assessments (Lantern records
 * concerns, not the assessment). A child counts for a factor in a census year when,
 * during that year:
 *   10A going or being missing: a missing episode (not an absent one: R-MISS-1) began;
 *   11A child sexual exploitation: the child's record, of exploitation type sexual,
 *       was open (whatever its category, R-CAT-7);
 *   12A trafficking: a record of type trafficking was open, or the child was recorded
 *       as trafficked (R-DEF-5) or referred to the NRM (R-DL-6);
 *   13A gangs: the child was recorded as gang-associated (R-DEF-5), or a record open
 *       in the year carried the GA flag (R-FLAG-4);
 *   24A child criminal exploitation: a record of type criminal was open.
 */
#define RPT_CIN_10A 1u
#define RPT_CIN_11A 2u
#define RPT_CIN_12A 4u
#define RPT_CIN_13A 8u
#define RPT_CIN_24A 16u
#define RPT_CIN_COUNT 5 /* bits, in REF_CIN_FACTORS order */
struct rpt_cin_facts {
	bool missing_episode;    /* a missing episode began in the year */
	bool sexual_record;      /* an open record of type sexual in the year */
	bool trafficking_record; /* ... of type trafficking */
	bool criminal_record;    /* ... of type criminal */
	bool trafficked;         /* the trafficked risk group recorded in the year */
	bool nrm_referral;       /* referred to the NRM in the year */
	bool gang_associated;    /* the gang-associated risk group recorded in the year */
	bool gang_flag;          /* GA on a record open in the year */
};
unsigned rpt_cin_factors(const struct rpt_cin_facts *f);
/* The codes of a factor set, in order ("10A", "11A", ...); returns how many. */
size_t rpt_cin_codes(unsigned factors, const char *out[RPT_CIN_COUNT]);

#endif
