/*
 * reference.h: the protocol's code tables (RULES.md, REFERENCE.md) as constant data
 * with stable codes. Records cite these codes, so a code, once published, never
 * changes meaning; labels are short and in Lantern's own words (R-DEF-4 applies to
 * them and a test scans them all).
 *
 * Every table is an array of struct ref_item. `group` and `category` carry the extra
 * column some tables have (the SAFEGUARD letter, an indicator's domain and police
 * category, a checklist's part, a MASE member's status); otherwise NULL and 0.
 */
#ifndef LANTERN_PROTO_REFERENCE_H
#define LANTERN_PROTO_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

struct ref_item {
	const char *code;
	const char *label;
	const char *group; /* see the table's comment in ref_table_name(), or NULL */
	int category;      /* indicators: police category 1-3; otherwise 0 */
	unsigned flags;    /* REF_RESTRICTED, ... */
};

#define REF_RESTRICTED 1u /* visible only to entitled police roles (R-INFO-3) */

enum ref_table {
	REF_SIGNS,              /* R-SIGN-1: group = SAFEGUARD letter */
	REF_DOMAINS,            /* App B indicator domains (EMO, MIS, ...) */
	REF_INDICATORS,         /* App B: group = domain code, category = 1..3 */
	REF_TACTICS,            /* App D tactical options T01-T29 (R-ORD-5) */
	REF_COERCION,           /* s7 methods of coercion */
	REF_VICTIM_CARE,        /* s7 victim care plan items */
	REF_RISK_GROUPS,        /* App C increased-risk groups (R-DEF-5) */
	REF_MODELS,             /* s2 exploitation models (R-DEF-3) */
	REF_EXPLOITATION_TYPES, /* sexual, criminal, trafficking, other */
	REF_AGENCY_TYPES,       /* enum proto_agency order */
	REF_ROLES,              /* enum proto_role order */
	REF_FLAGS,              /* s6 branch flags (R-FLAG-1..4) */
	REF_OUTCOMES,           /* s6 outcome codes (R-OUT-1..4): group = "victim"/"suspect" */
	REF_CHECKLIST,          /* App G: group = "initial"/"supervisor"/"essential" */
	REF_LEGISLATION,        /* App I legislation for charges and orders */
	REF_MASE_MEMBERS,       /* App D: group = "statutory"/"invited" (R-MASE-3) */
	REF_DISRUPTION_TYPES,   /* R-ORD-4, enum disruption_type order: group = class
	                           ("order", "notice", "event", "marker", "tactic") */
	REF_ORDER_STATUSES,     /* R-ORD-4, enum order_status order */
	REF_TACTIC_MARKS,       /* R-ORD-5, enum tactic_mark order */
	REF_ACTION_STATUSES,    /* R-MASE-7, enum action_status order */
	REF_POLICE_RANKS,       /* R-MASE-2: category = rank level (Inspector 3), group =
	                           "uniform"/"detective"/"staff" */
	REF_AGENDA_SECTIONS,    /* R-MASE-6: category = section number 1..7 */
	REF_CHAIR_DUTIES,       /* R-MASE-8, D1..D5 */
	REF_ANALYSIS,           /* R-MASE-9: the linked-case list's categories */
	REF_MEETING_NAMES,      /* R-MASE-1: the meeting's name setting ("MASE", "MACE") */
	REF_CHILD_OUTCOMES,     /* R-OUTC-1: the 13 outcomes, in enum child_outcome order */
	REF_OUTCOME_SCALE,      /* R-OUTC-1: scores "1".."5", category = the score */
	REF_CPS_DECISIONS,      /* R-OUTC-2, enum cj_decision order from CJ_CHARGE */
	REF_COURT_RESULTS,      /* R-OUTC-2, enum cj_result order from CJ_CONVICTED */
	REF_REPORT_SECTIONS,    /* R-RPT-1, R-RPT-3 */
	REF_REPORT_FIGURES,     /* R-RPT-1..3: each figure's definition; group = section */
	REF_CIN_FACTORS,        /* CIN census factor codes Lantern can assert; see reports.h */
	REF_TABLE_COUNT
};

/* Agency types, in REF_AGENCY_TYPES order. */
enum proto_agency {
	AGENCY_POLICE,
	AGENCY_CHILDRENS_SOCIAL_CARE,
	AGENCY_HEALTH,
	AGENCY_EDUCATION,
	AGENCY_YOUTH_OFFENDING,
	AGENCY_PROBATION,
	AGENCY_HOUSING,
	AGENCY_CHARITY,
	AGENCY_OTHER,
	AGENCY_COUNT
};

/* Roles, in REF_ROLES order. A user may hold several: see ROLE_BIT. */
enum proto_role {
	ROLE_POLICE_OFFICER,
	ROLE_POLICE_SUPERVISOR,
	ROLE_ASSESSMENT_TEAM,
	ROLE_MASH_WORKER,
	ROLE_SOCIAL_WORKER,
	ROLE_CSC_MANAGER,
	ROLE_HEALTH,
	ROLE_EDUCATION,
	ROLE_YOUTH_OFFENDING,
	ROLE_CHARITY,
	ROLE_ANALYST,
	ROLE_MASE_CHAIR,
	ROLE_AUDITOR,
	ROLE_ADMINISTRATOR,
	ROLE_COUNT
};
#define ROLE_BIT(r) (1u << (unsigned)(r))

/* Exploitation types (the 2021 protocol covers more than sexual exploitation). */
enum proto_exploitation {
	EXPLOIT_SEXUAL,
	EXPLOIT_CRIMINAL,
	EXPLOIT_TRAFFICKING,
	EXPLOIT_OTHER,
	EXPLOIT_COUNT
};

/* The whole table `t` and its length; NULL and 0 for an unknown table. */
const struct ref_item *ref_table(enum ref_table t, size_t *n);
/* A short name for the table, e.g. "signs", "indicators". NULL if unknown. */
const char *ref_table_name(enum ref_table t);
/* The item of table `t` with code `code` (exact, case-sensitive); NULL if unknown. */
const struct ref_item *ref_lookup(enum ref_table t, const char *code);
/* Calls `fn` for every item of every table; stops and returns fn's value when it is
 * non-zero; returns 0 after the last item. */
int ref_each(int (*fn)(enum ref_table t, const struct ref_item *item, void *ctx), void *ctx);

/* Shortcuts. Each returns NULL (or -1) when the code is unknown. */
const struct ref_item *ref_sign(const char *code);      /* R-SIGN-1 */
const struct ref_item *ref_indicator(const char *code); /* e.g. "c2.mis.2" */
const struct ref_item *ref_tactic(const char *code);    /* "T01".."T29" */
const char *ref_agency_code(enum proto_agency a);
int ref_agency_parse(const char *code, enum proto_agency *out); /* 0 or -1 */
const char *ref_role_code(enum proto_role r);
int ref_role_parse(const char *code, enum proto_role *out); /* 0 or -1 */
const char *ref_exploitation_code(enum proto_exploitation e);
int ref_exploitation_parse(const char *code, enum proto_exploitation *out);

/* The App B indicators of police category `category` (1-3), contiguous in the
 * indicator table; NULL and *n = 0 for any other category. R-CAT-2. */
const struct ref_item *ref_indicators_for(int category, size_t *n);

#endif
