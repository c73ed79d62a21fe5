/* definitions.c: ages, models, risk groups and looked-after facts (see definitions.h). */
#include "protocol/definitions.h"

#include "protocol/reference.h"

/* R-DEF-1, R-DEF-2 */
enum age_band def_age_band(struct lt_date dob, struct lt_date on)
{
	if (!ltime_date_valid(dob) || !ltime_date_valid(on))
		return AGE_UNKNOWN;
	int age = ltime_age_on(dob, on);
	if (age < 0)
		return AGE_NOT_BORN;
	if (age < 13)
		return AGE_UNDER_13;
	if (age < 16)
		return AGE_UNDER_16;
	if (age < 18)
		return AGE_16_17;
	return AGE_ADULT;
}

/* R-DEF-1 */
bool def_is_child(struct lt_date dob, struct lt_date on)
{
	enum age_band b = def_age_band(dob, on);
	return b == AGE_UNDER_13 || b == AGE_UNDER_16 || b == AGE_16_17;
}

const char *def_age_band_code(enum age_band b)
{
	switch (b) {
	case AGE_NOT_BORN:
		return "not_born";
	case AGE_UNDER_13:
		return "under_13";
	case AGE_UNDER_16:
		return "under_16";
	case AGE_16_17:
		return "16_17";
	case AGE_ADULT:
		return "adult";
	case AGE_UNKNOWN:
		break;
	}
	return "unknown";
}

/* R-DEF-2: facts only. */
const char *def_age_band_facts(enum age_band b)
{
	switch (b) {
	case AGE_UNDER_13:
		return "Under 13: in law a child of this age cannot consent to any sexual "
		       "activity; sexual activity with them is an offence whatever the "
		       "circumstances.";
	case AGE_UNDER_16:
		return "Aged 13 to 15: sexual activity with a child under 16 is an offence.";
	case AGE_16_17:
		return "Aged 16 or 17: still a child. Sexual activity with a person in a "
		       "position of trust is an offence, and exploitation is abuse at any age "
		       "under 18.";
	case AGE_ADULT:
		return "Aged 18 or over on this date: an adult. Concerns from before the 18th "
		       "birthday remain concerns about a child.";
	case AGE_NOT_BORN:
		return "The date is before the date of birth.";
	case AGE_UNKNOWN:
		break;
	}
	return "Age unknown: check the date of birth.";
}

/* R-DEF-1: 16 and 17 year olds stay children at risk. */
bool def_age_allows_closure(enum age_band b)
{
	return b == AGE_ADULT;
}

/* Checks a code list against a table: all known and no duplicates. */
static int check_codes(enum ref_table t, const char *const *codes, size_t n, const char *rule,
                       const char *field, const char *what, struct proto_err *err)
{
	for (size_t i = 0; i < n; i++) {
		if (!codes || !codes[i] || !ref_lookup(t, codes[i]))
			return proto_fail(err, rule, field, "Unknown %s '%s' (%s).", what,
			                  codes && codes[i] ? codes[i] : "(none)", rule);
		for (size_t j = 0; j < i; j++)
			if (strcmp(codes[i], codes[j]) == 0)
				return proto_fail(err, rule, field,
				                  "The %s '%s' is listed twice (%s).", what,
				                  codes[i], rule);
	}
	return 0;
}

/* R-DEF-3 */
int def_models_validate(const char *const *codes, size_t n, struct proto_err *err)
{
	if (n == 0)
		return proto_fail(err, "R-DEF-3", "models",
		                  "Choose at least one exploitation model (R-DEF-3).");
	return check_codes(REF_MODELS, codes, n, "R-DEF-3", "models", "exploitation model", err);
}

/* R-DEF-5, R-DEF-6 */
int def_looked_after_validate(const struct def_looked_after *lac, struct proto_err *err)
{
	if (!lac)
		return proto_fail(
		        err, "R-DEF-6", "home_authority",
		        "A looked-after child needs its home authority recorded (R-DEF-6).");
	if (proto_name_check(lac->home_authority, PROTO_NAME_MAX, true, "R-DEF-6", "home_authority",
	                     "The home authority", err) ||
	    proto_name_check(lac->host_authority, PROTO_NAME_MAX, false, "R-DEF-6",
	                     "host_authority", "The host authority", err) ||
	    proto_name_check(lac->reviewing_officer, PROTO_NAME_MAX, false, "R-DEF-5",
	                     "reviewing_officer", "The Independent Reviewing Officer", err) ||
	    proto_name_check(lac->host_cse_lead, PROTO_NAME_MAX, false, "R-DEF-5", "host_cse_lead",
	                     "The host authority's exploitation lead", err))
		return -1;
	return 0;
}

/* R-DEF-5 */
int def_risk_groups_validate(const char *const *codes, size_t n, const struct def_looked_after *lac,
                             struct proto_err *err)
{
	if (check_codes(REF_RISK_GROUPS, codes, n, "R-DEF-5", "risk_groups", "increased-risk group",
	                err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(codes[i], "looked_after") == 0)
			return def_looked_after_validate(lac, err);
	return 0;
}

/* R-DEF-6 */
bool def_placed_out_of_area(const struct def_looked_after *lac)
{
	return lac && !proto_blank(lac->host_authority) && !proto_blank(lac->home_authority) &&
	       strcasecmp(lac->host_authority, lac->home_authority) != 0;
}
