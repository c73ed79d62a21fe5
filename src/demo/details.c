/*
 * details.c: the demo's changes of children's details (app/child_changes.h), so that the
 * demonstration shows a history of details: for every fourth child with a record, the
 * borough's MASH worker records the parents and carers and a new school. They are
 * played after every planned event (and at the same second as the last possible one),
 * so that the audit log still reads in time order. All names are made up.
 */
#include "app/child_changes.h"
#include "demo/demo_internal.h"

/* The time of the changes: just after the last event played, and no later than the
 * demo's own closing event (app_demo_generate: an hour before the reference time). */
static int64_t changes_at(const struct gen *g)
{
	int64_t last = g->ref - 2 * HOUR;
	for (size_t i = 0; i < g->nev; i++)
		if (g->evs[i].at > last)
			last = g->evs[i].at;
	return last + 1 < g->ref - HOUR + 1 ? last + 1 : g->ref - HOUR + 1;
}

int demo_details(struct gen *g)
{
	int64_t at = changes_at(g);
	for (int i = 0; i < g->nkids; i += 4) {
		struct kid *k = &g->kids[i];
		if (!k->id[0] || !k->ref[0])
			continue;
		const char *family = json_string_value(json_object_get(k->details, "family_name"));
		char mother[160], carer[160], school[160];
		snprintf(mother, sizeof mother, "Jo %s (mother)", family ? family : "Demo");
		snprintf(carer, sizeof carer, "Pat Morgan-Demo (%s)",
		         k->looked_after ? "foster carer" : "grandparent");
		snprintf(school, sizeof school, "%s Demo College", DEMO_BOROUGHS[k->b].name);
		json_t *in = json_pack("{s:[s, s], s:s, s:s}", "carers", mother, carer, "school",
		                       school, "reason",
		                       i % 8 ? "Confirmed at the home visit"
		                             : "Moved to a new school at the start of term");
		struct actor who = at_time(&g->bu[k->b][U_MASH], at);
		json_t *out = NULL;
		int rc = in ? app_child_change(g->db, &who, k->id, in, &out, g->err) : APP_FAILED;
		json_decref(in);
		json_decref(out);
		if (rc != APP_OK)
			return demo_fail(g, rc, "changing a child's details");
	}
	return APP_OK;
}
