/*
 * setup.c: the demo partnership's set-up (demo_internal.h): its boroughs, each with an
 * agency of every type, and a user for every role, through the admin use cases.
 */
#include "demo/demo_internal.h"

#include "app/admin.h"

/* Adds a user of definition u (of borough b, or partnership-wide when global) and
 * loads it as an actor into *out; the login is listed in g->logins. */
static int add_user(struct gen *g, const struct user_def *u, int b, bool global, struct actor *out)
{
	char username[64], display[128], agency[160];
	if (global) {
		snprintf(username, sizeof username, "%s", u->prefix);
		snprintf(display, sizeof display, "%s", u->title);
	} else {
		snprintf(username, sizeof username, "%s.%s", u->prefix, DEMO_BOROUGHS[b].slug);
		snprintf(display, sizeof display, "%s (%s)", u->title, DEMO_BOROUGHS[b].name);
	}
	snprintf(agency, sizeof agency, "%s %s", DEMO_BOROUGHS[b].name,
	         DEMO_AGENCIES[u->agency].suffix);
	json_t *in =
	        json_pack("{s:s, s:s, s:s, s:[s], s:s}", "username", username, "display_name",
	                  display, "agency", agency, "roles", u->role, "password", DEMO_PASSWORD);
	json_t *res = NULL;
	int rc = app_user_add(g->db, &g->sys, NULL, in, &res, g->err);
	json_decref(in);
	json_decref(res);
	if (rc != APP_OK)
		return demo_fail(g, rc, "adding a demo user");
	if ((rc = actor_load(g->db, username, out, g->err)) != APP_OK)
		return demo_fail(g, rc, "loading a demo user");
	json_array_append_new(g->logins, json_pack("{s:s, s:s, s:s}", "username", username, "roles",
	                                           u->role, "agency", agency));
	return APP_OK;
}

int demo_setup(struct gen *g)
{
	int rc;
	json_t *res = NULL;
	for (int b = 0; b < g->nb; b++) {
		json_t *in = json_pack("{s:s, s:s}", "name", DEMO_BOROUGHS[b].name, "code",
		                       DEMO_BOROUGHS[b].code);
		rc = app_borough_add(g->db, &g->sys, NULL, in, &res, g->err);
		json_decref(in);
		json_decref(res);
		if (rc != APP_OK)
			return demo_fail(g, rc, "adding a demo borough");
		for (int a = 0; a < A_COUNT; a++) {
			char name[160];
			snprintf(name, sizeof name, "%s %s", DEMO_BOROUGHS[b].name,
			         DEMO_AGENCIES[a].suffix);
			in = json_pack("{s:s, s:s, s:s}", "name", name, "type",
			               DEMO_AGENCIES[a].type, "borough", DEMO_BOROUGHS[b].name);
			rc = app_agency_add(g->db, &g->sys, NULL, in, &res, g->err);
			json_decref(in);
			json_decref(res);
			if (rc != APP_OK)
				return demo_fail(g, rc, "adding a demo agency");
		}
	}
	/* R-MISS-7: the placing authority of children placed from outside the partnership
	 * is an agency in Lantern, with no borough of the partnership */
	json_t *in = json_pack("{s:s, s:s}", "name", DEMO_OUTSIDE_AUTHORITY, "type",
	                       "childrens_social_care");
	rc = app_agency_add(g->db, &g->sys, NULL, in, &res, g->err);
	json_decref(in);
	json_decref(res);
	if (rc != APP_OK)
		return demo_fail(g, rc, "adding the outside placing authority");
	for (int b = 0; b < g->nb; b++)
		for (int u = 0; u < U_COUNT; u++)
			if ((rc = add_user(g, &DEMO_BOROUGH_USERS[u], b, false, &g->bu[b][u])) !=
			    APP_OK)
				return rc;
	for (int u = 0; u < G_COUNT; u++)
		if ((rc = add_user(g, &DEMO_GLOBAL_USERS[u], 0, true, &g->gu[u])) != APP_OK)
			return rc;
	return APP_OK;
}
