/*
 * category.h: police categories 1-3 (R-CAT-1..7). The category is a professional
 * judgement: the system validates and records the decision, offers the App B
 * indicators as a checklist, allocates the case, and never computes a category or a
 * score from the indicators.
 */
#ifndef LANTERN_PROTO_CATEGORY_H
#define LANTERN_PROTO_CATEGORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "protocol/reference.h"

enum cat_kind { CAT_KIND_INITIAL, CAT_KIND_SUPERVISOR, CAT_KIND_ASSESSMENT_TEAM };
enum cat_contact {
	CAT_CONTACT_UNSET,
	CAT_CONTACT_CONTACT, /* contact abuse */
	CAT_CONTACT_ONLINE,  /* non-contact: online only */
};

/* R-CAT-3: one category decision (the history is a list of these). */
struct cat_decision {
	int category;             /* 1, 2 or 3 */
	enum cat_contact contact; /* required for category 2 */
	const char *rationale;    /* required, at most PROTO_SHORT_MAX, wording checked */
	const char *decided_by;   /* user ID, required */
	enum cat_kind kind;
	int64_t decided_at; /* not in the future relative to `now` */
};
/* R-CAT-3. */
int category_decision_validate(const struct cat_decision *d, int64_t now, struct proto_err *err);
const char *category_kind_code(enum cat_kind k); /* "initial", ... */

/* R-CAT-3 with R-PATH-4, R-PATH-6, R-PATH-8: the kind of category decision a holder of
 * `roles` (ROLE_BIT set) makes: a police supervisor's is the supervisor's review of the
 * category, the assessment team's the re-assessment, anyone else's the initial one. */
enum cat_kind category_kind_for(uint32_t roles);
/* R-CAT-3: whether a holder of `roles` may make a decision of `kind`: the supervisor's
 * by a police supervisor, the re-assessment by the assessment team, the initial one by
 * police, the assessment team or the MASH. */
bool category_may_decide(uint32_t roles, enum cat_kind kind);
const char *category_contact_code(enum cat_contact c); /* "unset", "contact", "online" */

/* R-CAT-1. The protocol's short description of a category; NULL if not 1-3. */
const char *category_description(int category);

/* R-CAT-4..6: who leads the case. */
struct cat_alloc_input {
	int category;
	enum cat_contact contact;
	const char *residence_borough;    /* where the child lives (required) */
	const char *exploitation_borough; /* where exploitation happens; NULL if same/unknown */
	bool looked_after;
	const char *home_authority; /* looked-after: placing authority (required) */
	const char *host_authority; /* looked-after: where placed, if different */
};
enum cat_lead { CAT_LEAD_BOROUGH, CAT_LEAD_SET };
struct cat_allocation {
	enum cat_lead lead;
	const char *lead_borough;        /* CAT_LEAD_BOROUGH: the residence borough */
	const char *owning_borough;      /* always the residence borough */
	const char *enquiring_borough;   /* R-CAT-5: other borough enquiring; else NULL */
	const char *police_lead_borough; /* R-CAT-6: residence borough */
	const char *primary_authority;   /* R-CAT-6: home authority (looked-after), else NULL */
	const char *host_authority;      /* R-CAT-6: shown alongside, else NULL */
	const char *rule;                /* "R-CAT-4" */
};
/* R-CAT-4, R-CAT-5, R-CAT-6. Pointers in `out` point into `in`'s strings. */
int category_allocate(const struct cat_alloc_input *in, struct cat_allocation *out,
                      struct proto_err *err);

/* R-CAT-2. The App B indicators for a category (see ref_indicators_for). */
const struct ref_item *category_indicators(int category, size_t *n);

/* R-CAT-2. What ticked indicators add up to: how many are ticked in each domain. There
 * is deliberately no total, score or suggested category. */
struct cat_indicator_summary {
	size_t per_domain[10]; /* in REF_DOMAINS order */
};
/* R-CAT-2. Codes must be known indicators, each at most once. */
int category_indicator_summary(const char *const *ticked, size_t n,
                               struct cat_indicator_summary *out, struct proto_err *err);

/* R-CAT-7. The reminder every record shows. */
const char *category_low_reminder(void);
/* R-CAT-7. Whether a record of this category (0 = not yet set) takes part in link
 * analysis and MASE compliance checks: always true. */
bool category_included_in_checks(int category);

#endif
