/* category.c: category decisions, allocation and App B indicators (see category.h). */
#include "protocol/category.h"

const char *category_kind_code(enum cat_kind k)
{
	switch (k) {
	case CAT_KIND_INITIAL:
		return "initial";
	case CAT_KIND_SUPERVISOR:
		return "supervisor";
	case CAT_KIND_ASSESSMENT_TEAM:
		return "assessment_team";
	}
	return NULL;
}

const char *category_contact_code(enum cat_contact c)
{
	switch (c) {
	case CAT_CONTACT_UNSET:
		return "unset";
	case CAT_CONTACT_CONTACT:
		return "contact";
	case CAT_CONTACT_ONLINE:
		return "online";
	}
	return NULL;
}

/* R-CAT-1 */
const char *category_description(int category)
{
	switch (category) {
	case 1:
		return "Category 1: concerns that the child is being targeted and groomed, with "
		       "warning signs, and no evidence yet of offences.";
	case 2:
		return "Category 2: evidence that the child is targeted for opportunistic abuse, "
		       "such as sex exchanged for drugs, affection, belonging, somewhere to stay, "
		       "money or goods, or online exploitation without reward; coercion and "
		       "control are likely.";
	case 3:
		return "Category 3: the exploitation is habitual and often not recognised by the "
		       "child; coercion and control are implicit and there are often several "
		       "perpetrators.";
	}
	return NULL;
}

/* R-CAT-3 */
int category_decision_validate(const struct cat_decision *d, int64_t now, struct proto_err *err)
{
	if (d->category < 1 || d->category > 3)
		return proto_fail(err, "R-CAT-3", "category",
		                  "Choose category 1, 2 or 3 (R-CAT-3).");
	if (d->contact != CAT_CONTACT_UNSET && d->contact != CAT_CONTACT_CONTACT &&
	    d->contact != CAT_CONTACT_ONLINE)
		return proto_fail(err, "R-CAT-3", "contact", "Unknown contact type (R-CAT-3).");
	if (d->category == 2 && d->contact == CAT_CONTACT_UNSET)
		return proto_fail(err, "R-CAT-3", "contact",
		                  "For category 2, say whether the abuse is contact or online only "
		                  "(R-CAT-3).");
	if (!category_kind_code(d->kind))
		return proto_fail(err, "R-CAT-3", "kind", "Unknown kind of decision (R-CAT-3).");
	if (proto_name_check(d->decided_by, PROTO_NAME_MAX, true, "R-CAT-3", "decided_by",
	                     "Who made the decision", err))
		return -1;
	if (d->decided_at > now)
		return proto_fail(err, "R-CAT-3", "decided_at",
		                  "A category decision cannot be dated in the future (R-CAT-3).");
	return proto_text_check(d->rationale, PROTO_SHORT_MAX, true, "R-CAT-3", "rationale",
	                        "The rationale for the category", err);
}

/* R-CAT-4, R-CAT-5, R-CAT-6 */
int category_allocate(const struct cat_alloc_input *in, struct cat_allocation *out,
                      struct proto_err *err)
{
	memset(out, 0, sizeof(*out));
	if (in->category < 1 || in->category > 3)
		return proto_fail(err, "R-CAT-4", "category",
		                  "A case is allocated once it has category 1, 2 or 3 (R-CAT-4).");
	if (in->category == 2 && in->contact != CAT_CONTACT_CONTACT &&
	    in->contact != CAT_CONTACT_ONLINE)
		return proto_fail(err, "R-CAT-4", "contact",
		                  "Category 2 is allocated by whether the abuse is contact or "
		                  "online only; say which (R-CAT-4).");
	if (proto_name_check(in->residence_borough, PROTO_NAME_MAX, true, "R-CAT-4",
	                     "residence_borough", "The borough where the child lives", err) ||
	    proto_name_check(in->exploitation_borough, PROTO_NAME_MAX, false, "R-CAT-5",
	                     "exploitation_borough", "The borough where exploitation happens", err))
		return -1;
	if (in->looked_after &&
	    (proto_name_check(in->home_authority, PROTO_NAME_MAX, true, "R-CAT-6", "home_authority",
	                      "A looked-after child's home authority", err) ||
	     proto_name_check(in->host_authority, PROTO_NAME_MAX, false, "R-CAT-6",
	                      "host_authority", "The host authority", err)))
		return -1;

	out->rule = "R-CAT-4";
	bool set = in->category == 3 || (in->category == 2 && in->contact == CAT_CONTACT_CONTACT);
	out->lead = set ? CAT_LEAD_SET : CAT_LEAD_BOROUGH;
	out->lead_borough = set ? NULL : in->residence_borough;
	out->owning_borough = in->residence_borough;
	/* R-CAT-5: the other borough enquires on the owning borough's behalf. */
	if (!proto_blank(in->exploitation_borough) &&
	    strcasecmp(in->exploitation_borough, in->residence_borough) != 0)
		out->enquiring_borough = in->exploitation_borough;
	/* R-CAT-6: police lead where the child lives; home authority primarily responsible. */
	out->police_lead_borough = in->residence_borough;
	if (in->looked_after) {
		out->primary_authority = in->home_authority;
		if (!proto_blank(in->host_authority) &&
		    strcasecmp(in->host_authority, in->home_authority) != 0)
			out->host_authority = in->host_authority;
	}
	return 0;
}

/* R-CAT-2 */
const struct ref_item *category_indicators(int category, size_t *n)
{
	return ref_indicators_for(category, n);
}

/* R-CAT-2: counts per domain only; never a score or a suggested category. */
int category_indicator_summary(const char *const *ticked, size_t n,
                               struct cat_indicator_summary *out, struct proto_err *err)
{
	memset(out, 0, sizeof(*out));
	size_t nd;
	const struct ref_item *domains = ref_table(REF_DOMAINS, &nd);
	for (size_t i = 0; i < n; i++) {
		const struct ref_item *ind = ticked ? ref_indicator(ticked[i]) : NULL;
		if (!ind)
			return proto_fail(err, "R-CAT-2", "indicators",
			                  "'%s' is not an App B indicator (R-CAT-2).",
			                  ticked && ticked[i] ? ticked[i] : "(none)");
		for (size_t j = 0; j < i; j++)
			if (strcmp(ticked[j], ticked[i]) == 0)
				return proto_fail(err, "R-CAT-2", "indicators",
				                  "The indicator '%s' is ticked twice (R-CAT-2).",
				                  ticked[i]);
		for (size_t d = 0; d < nd && d < ARRAY_LEN(out->per_domain); d++)
			if (strcmp(domains[d].code, ind->group) == 0)
				out->per_domain[d]++;
	}
	return 0;
}

/* R-CAT-7 */
const char *category_low_reminder(void)
{
	return "A low category may reflect missing information or a child who has not yet "
	       "engaged, not low risk. Keep looking for links and review the category as "
	       "information arrives.";
}

/* R-CAT-7 */
bool category_included_in_checks(int category)
{
	(void)category;
	return true;
}

enum cat_kind category_kind_for(uint32_t roles)
{
	if (roles & ROLE_BIT(ROLE_POLICE_SUPERVISOR))
		return CAT_KIND_SUPERVISOR;
	if (roles & ROLE_BIT(ROLE_ASSESSMENT_TEAM))
		return CAT_KIND_ASSESSMENT_TEAM;
	return CAT_KIND_INITIAL;
}

bool category_may_decide(uint32_t roles, enum cat_kind kind)
{
	uint32_t need = kind == CAT_KIND_SUPERVISOR ? ROLE_BIT(ROLE_POLICE_SUPERVISOR)
	                : kind == CAT_KIND_ASSESSMENT_TEAM
	                        ? ROLE_BIT(ROLE_ASSESSMENT_TEAM)
	                        : ROLE_BIT(ROLE_POLICE_OFFICER) | ROLE_BIT(ROLE_POLICE_SUPERVISOR) |
	                                  ROLE_BIT(ROLE_ASSESSMENT_TEAM) |
	                                  ROLE_BIT(ROLE_MASH_WORKER);
	return (roles & need) != 0;
}
