/*
 * reports.c: the definitions of the board report's figures and the problem profile
 * (R-RPT-1..3), agency contacts (R-INFO-1) and the census factor codes. See reports.h.
 */
#include "protocol/reports.h"

#include "protocol/deadlines.h"
#include "protocol/reference.h"
#include "util/ltime.h"

#define YEAR_SECONDS ((int64_t)366 * 86400)

/* R-RPT-1 */
int rpt_period_validate(const struct rpt_period *p, struct proto_err *err)
{
	int64_t lo = ltime_midnight((struct lt_date){1900, 1, 1});
	int64_t hi = ltime_midnight((struct lt_date){2201, 1, 1});
	if (p->from < lo || p->from >= hi)
		return proto_fail(err, "R-RPT-1", "from",
		                  "The period's start is out of range "
		                  "(R-RPT-1).");
	if (p->to <= p->from || p->to > hi)
		return proto_fail(err, "R-RPT-1", "to",
		                  "The period ends after it starts (R-RPT-1).");
	if (p->to - p->from > 20 * YEAR_SECONDS)
		return proto_fail(err, "R-RPT-1", "to",
		                  "A report covers at most 20 years (R-RPT-1).");
	return 0;
}

bool rpt_in_period(int64_t t, const struct rpt_period *p)
{
	return t >= p->from && t < p->to;
}

bool rpt_date_in_period(struct lt_date d, const struct rpt_period *p)
{
	return ltime_date_valid(d) && rpt_in_period(dl_london_midnight(d), p);
}

struct rpt_period rpt_census_year(int year)
{
	return (struct rpt_period){dl_london_midnight((struct lt_date){year, 4, 1}),
	                           dl_london_midnight((struct lt_date){year + 1, 4, 1})};
}

/* R-RPT-1, R-REC-1, R-CAT-7 */
bool rpt_in_volume(const struct rpt_record_facts *r, const struct rpt_period *p)
{
	return r->opened_at < p->to && (!r->closed || r->closed_at >= p->from);
}

/* R-RPT-1 */
bool rpt_is_new(const struct rpt_record_facts *r, const struct rpt_period *p)
{
	return rpt_in_period(r->opened_at, p);
}

/* R-RPT-1, R-INFO-3 */
bool rpt_disruption_counted(const struct disruption *d, const struct rpt_period *p)
{
	struct lt_date on;
	if (disruption_restricted(d->type) || !disruption_achieved_on(d, &on))
		return false;
	return rpt_date_in_period(on, p);
}

/* R-RPT-1 */
bool rpt_activity_counted(const struct disruption *d, const struct rpt_period *p)
{
	if (disruption_restricted(d->type))
		return false;
	if (rpt_disruption_counted(d, p) || rpt_date_in_period(d->applied_on, p) ||
	    rpt_date_in_period(d->made_on, p) || rpt_date_in_period(d->varied_on, p))
		return true;
	for (size_t i = 0; i < d->n_breaches; i++)
		if (rpt_date_in_period(d->breaches[i], p))
			return true;
	return false;
}

/* R-RPT-1, R-OUTC-2 */
size_t rpt_case_disruptions(const struct cj_case *c, struct disruption out[2])
{
	size_t n = 0;
	if (ltime_date_valid(c->arrested_on))
		out[n++] = (struct disruption){
		        .type = DISRUPT_ARREST, .subject_id = c->person_id, .on = c->arrested_on};
	if (ltime_date_valid(c->charged_on))
		out[n++] = (struct disruption){.type = DISRUPT_CHARGE,
		                               .subject_id = c->person_id,
		                               .on = c->charged_on,
		                               .offence = c->offence};
	return n;
}

/* R-RPT-1, R-MASE-3 */
bool rpt_member_attended(const struct mase_flags *f, const char *member)
{
	if (!member)
		return false;
	for (size_t i = 0; i < f->n_missing && i < MASE_STATUTORY_COUNT; i++)
		if (f->missing[i] && strcmp(f->missing[i], member) == 0)
			return false;
	return true;
}

/* R-RPT-1, R-MASE-7 */
bool rpt_action_counted(const struct plan_action *a, const struct rpt_period *p)
{
	return a->status != ACTION_CANCELLED && rpt_in_period(a->due_at, p);
}

int rpt_percent(int64_t num, int64_t den, char *out, size_t n)
{
	if (den <= 0 || num < 0) {
		if (out && n)
			snprintf(out, n, "no data");
		return -1;
	}
	/* round half up without overflow for counts below 2^56 */
	int64_t pc = (num * 200 / den + 1) / 2;
	if (out && n)
		snprintf(out, n, "%lld%%", (long long)pc);
	return pc > INT32_MAX ? INT32_MAX : (int)pc;
}

/* R-RPT-1 */
bool rpt_is_empty(const struct rpt_totals *t)
{
	return t->cases_open == 0 && t->cases_new == 0 && t->disruptions == 0 && t->meetings == 0 &&
	       t->referrals == 0 && t->persons == 0;
}

/* ---- R-RPT-3 ---- */

/* The bucket number of a London date: months, quarters or years since year 0. */
static int64_t bucket_key(struct lt_date d, enum rpt_grain g)
{
	switch (g) {
	case RPT_MONTH:
		return (int64_t)d.y * 12 + (d.m - 1);
	case RPT_QUARTER:
		return (int64_t)d.y * 4 + (d.m - 1) / 3;
	case RPT_YEAR:
		break;
	}
	return d.y;
}

static bool period_ok(const struct rpt_period *p)
{
	return rpt_period_validate(p, NULL) == 0;
}

/* R-RPT-3 */
size_t rpt_buckets(const struct rpt_period *p, enum rpt_grain g)
{
	if (!period_ok(p))
		return 0;
	int64_t first = bucket_key(dl_london_date(p->from), g);
	int64_t last = bucket_key(dl_london_date(p->to - 1), g);
	return (size_t)(last - first + 1);
}

/* R-RPT-3 */
int rpt_bucket_of(int64_t t, const struct rpt_period *p, enum rpt_grain g, size_t *index)
{
	if (!period_ok(p) || !rpt_in_period(t, p))
		return -1;
	*index =
	        (size_t)(bucket_key(dl_london_date(t), g) - bucket_key(dl_london_date(p->from), g));
	return 0;
}

/* R-RPT-3 */
void rpt_bucket_label(const struct rpt_period *p, enum rpt_grain g, size_t index, char *out,
                      size_t n)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	if (!out || n == 0)
		return;
	if (!period_ok(p) || index >= rpt_buckets(p, g)) {
		out[0] = '\0';
		return;
	}
	int64_t key = bucket_key(dl_london_date(p->from), g) + (int64_t)index;
	switch (g) {
	case RPT_MONTH:
		snprintf(out, n, "%s %lld", months[key % 12], (long long)(key / 12));
		return;
	case RPT_QUARTER:
		snprintf(out, n, "%lld Q%lld", (long long)(key / 4), (long long)(key % 4 + 1));
		return;
	case RPT_YEAR:
		break;
	}
	snprintf(out, n, "%lld", (long long)key);
}

/* R-RPT-3, R-CAT-5 */
const char *rpt_case_place(const char *exploited_in, const char *lives_in)
{
	return !proto_blank(exploited_in) ? exploited_in : lives_in;
}

/* ---- R-INFO-1 ---- */

int rpt_contacts_validate(const struct rpt_agency_contacts *c, struct proto_err *err)
{
	if (proto_name_check(c->agency_id, PROTO_NAME_MAX, true, "R-INFO-1", "agency_id",
	                     "The agency", err) < 0 ||
	    proto_name_check(c->lead, PROTO_NAME_MAX, true, "R-INFO-1", "lead",
	                     "The agency's senior accountable lead", err) < 0)
		return -1;
	return proto_name_check(c->spoc, PROTO_NAME_MAX, true, "R-INFO-1", "spoc",
	                        "The agency's daily single point of contact", err);
}

size_t rpt_contacts_missing(const struct rpt_agency_contacts *c, size_t n)
{
	size_t missing = 0;
	for (size_t i = 0; i < n; i++)
		missing += proto_blank(c[i].lead) || proto_blank(c[i].spoc);
	return missing;
}

/* ---- census factor codes ---- */

unsigned rpt_cin_factors(const struct rpt_cin_facts *f)
{
	unsigned s = 0;
	if (f->missing_episode)
		s |= RPT_CIN_10A;
	if (f->sexual_record)
		s |= RPT_CIN_11A;
	if (f->trafficking_record || f->trafficked || f->nrm_referral)
		s |= RPT_CIN_12A;
	if (f->gang_associated || f->gang_flag)
		s |= RPT_CIN_13A;
	if (f->criminal_record)
		s |= RPT_CIN_24A;
	return s;
}

size_t rpt_cin_codes(unsigned factors, const char *out[RPT_CIN_COUNT])
{
	size_t n_items, n = 0;
	const struct ref_item *items = ref_table(REF_CIN_FACTORS, &n_items);
	for (size_t i = 0; i < n_items && i < RPT_CIN_COUNT; i++)
		if (factors & (1u << i))
			out[n++] = items[i].code;
	return n;
}
