/*
 * definitions.h: who is a child and what the law says at each age (R-DEF-1, R-DEF-2),
 * exploitation models (R-DEF-3), increased-risk groups (R-DEF-5) and the looked-after
 * child's authorities (R-DEF-6). Age is always computed from the date of birth at the
 * date of the event; it is never stored. The facts shown for an age band state the
 * law; they never decide whether an offence happened.
 */
#ifndef LANTERN_PROTO_DEFINITIONS_H
#define LANTERN_PROTO_DEFINITIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/proto.h"
#include "util/ltime.h"

enum age_band {
	AGE_UNKNOWN,  /* date of birth or event date invalid */
	AGE_NOT_BORN, /* the event date is before the date of birth */
	AGE_UNDER_13,
	AGE_UNDER_16, /* 13, 14 or 15 */
	AGE_16_17,
	AGE_ADULT,
};

/* R-DEF-1, R-DEF-2. The band of someone born on `dob` on the date `on`. A 29 February
 * birthday falls on 1 March in common years (ltime_age_on). */
enum age_band def_age_band(struct lt_date dob, struct lt_date on);

/* R-DEF-1. True if the person is born and under 18 on `on`. The day of the 18th
 * birthday is the first day of adulthood. False for invalid dates: callers validate
 * dates of birth on entry. */
bool def_is_child(struct lt_date dob, struct lt_date on);

/* Stable code of a band: "unknown", "not_born", "under_13", "under_16", "16_17",
 * "adult". */
const char *def_age_band_code(enum age_band b);

/* R-DEF-2. The legal facts to show for the band on the record and in assessments.
 * Statements of law only, never a finding. Never NULL. */
const char *def_age_band_facts(enum age_band b);

/* R-DEF-1. Whether a record may be closed or downgraded *because of* the child's age
 * or education status: always false for a child (16 and 17 year olds remain children
 * at risk). Provided so callers ask rather than decide. */
bool def_age_allows_closure(enum age_band b);

/* R-DEF-3. A set of exploitation model codes (REF_MODELS): at least one, all known, no
 * duplicates. */
int def_models_validate(const char *const *codes, size_t n, struct proto_err *err);

/* R-DEF-5. A set of increased-risk group codes (REF_RISK_GROUPS): all known, no
 * duplicates; an empty set is allowed. When "looked_after" is present, `lac` must be
 * given and valid (def_looked_after_validate). */
struct def_looked_after {
	const char *home_authority;    /* the placing authority: required */
	const char *host_authority;    /* where the child lives, if different; else NULL */
	const char *reviewing_officer; /* Independent Reviewing Officer, optional */
	const char *host_cse_lead;     /* host authority's exploitation lead contact, optional */
};
int def_risk_groups_validate(const char *const *codes, size_t n, const struct def_looked_after *lac,
                             struct proto_err *err);

/* R-DEF-5, R-DEF-6. Home authority required; every name a single line within
 * PROTO_NAME_MAX. */
int def_looked_after_validate(const struct def_looked_after *lac, struct proto_err *err);

/* R-DEF-6. True when the child is placed out of its home authority, so the record
 * must show both the home authority (primarily responsible) and the host. */
bool def_placed_out_of_area(const struct def_looked_after *lac);

#endif
