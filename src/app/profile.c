/*
 * profile.c: the missing person profile (the Philomena protocol's form) of a child (profile.h):
 * read, replaced, and printed to share with police. It is shared (audited as a disclosure) the
 * moment a missing episode opens (episodes.c).
 */
#include "app/profile.h"

#include "app/gate.h"
#include "app/episode_common.h"
#include "store/children.h"
#include "store/episodes.h"
#include "util/buf.h"
#include "util/ltime.h"
#include "util/parse.h"

#define MAX_LIST 50

static const char *const PROFILE_LISTS[] = {"associates", "places", "phone_numbers",
                                            "social_media"};

/* Starts a use case that reads child `child_id`'s profile: checks the id,
 * begins the transaction and checks the actor may see the child. Returns APP_OK with
 * the transaction open, or the error code (in u->err) with none open. */
static int child_open(struct uc *u, const char *child_id)
{
	if (!child_id || !id_valid(child_id, "ch"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.");
	if (uc_begin(u) != APP_OK)
		return u->err->code;
	int arc = access_gate(u, child_id, "profile", child_id, NULL, "No such child.");
	return arc == APP_OK ? APP_OK : uc_end(u, arc, NULL);
}

int app_profile_get(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (child_open(&u, child_id) != APP_OK)
		return err->code;
	int rc;
	*out = store_profile_get(db, child_id, &rc);
	if (!*out && rc != DB_DONE)
		return uc_end(&u, uc_db(&u, rc), out);
	if (!*out) {
		*out = json_pack("{s:s, s:b}", "child_id", child_id, "exists", false);
	} else {
		for (size_t i = 0; i < ARRAY_LEN(PROFILE_LISTS); i++)
			parse_member(*out, PROFILE_LISTS[i]);
		json_object_set_new(*out, "exists", json_true());
	}
	return uc_end(&u,
	              uc_db(&u, uc_audit(&u, "view", "philomena_profile", child_id, NULL, "all")),
	              out);
}

/* "14 Apr 2010" for "2010-04-14" into out; out unchanged for NULL or a malformed date. */
static void uk_date(const char *iso, char *out, size_t n)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct lt_date d;
	if (iso && ltime_parse_date(iso, &d) == 0)
		snprintf(out, n, "%d %s %d", d.d, months[d.m - 1], d.y);
}

int app_profile_update(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                       json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "description",  "associates", "places", "phone_numbers",
	        "social_media", "photo_ref",  NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change profiles", "profile", allowed))
		return err->code;
	const char *desc = app_json_str(in, "description", false, 4000, true, err);
	const char *photo = app_json_str(in, "photo_ref", false, 200, false, err);
	char *lists[4] = {NULL, NULL, NULL, NULL};
	for (size_t i = 0; i < ARRAY_LEN(PROFILE_LISTS); i++) {
		json_t *a = json_object_get(in, PROFILE_LISTS[i]);
		bool ok = !a || json_is_null(a) ||
		          (json_is_array(a) && json_array_size(a) <= MAX_LIST);
		size_t k;
		json_t *v;
		json_array_foreach(a, k, v)
		{
			if (!json_is_string(v) || !text_ok(json_string_value(v), 200, false))
				ok = false;
		}
		if (!ok)
			app_field_error(
			        err, PROFILE_LISTS[i],
			        "%s is a list of at most %d entries of at most 200 characters.",
			        PROFILE_LISTS[i], MAX_LIST);
		else
			lists[i] = json_is_array(a) ? json_dumps(a, JSON_COMPACT) : strdup("[]");
	}
	struct proto_err pe;
	if (!err->code && desc &&
	    proto_text_check(desc, 4000, false, "R-DEF-4", "description", "The description", &pe) <
	            0)
		uc_proto_refused(&u, &pe);
	int arc = err->code;
	if (arc == APP_OK && !id_valid(child_id, "ch"))
		arc = app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	if (arc == APP_OK && uc_begin(&u) == APP_OK) {
		arc = access_gate(&u, child_id, "profile", child_id, NULL, "No such child.");
		if (arc == APP_OK)
			arc = uc_db(&u, store_profile_upsert(
			                        db, &(struct store_profile){.child_id = child_id,
			                                                    .description = desc,
			                                                    .associates = lists[0],
			                                                    .places = lists[1],
			                                                    .phones = lists[2],
			                                                    .social = lists[3],
			                                                    .photo_ref = photo,
			                                                    .at = u.now,
			                                                    .by = uc_user_id(&u)}));
		if (arc == APP_OK)
			arc = uc_db(&u, uc_audit(&u, "change", "philomena_profile", child_id, NULL,
			                         "all"));
		*out = json_pack("{s:s, s:s}", "child_id", child_id, "updated_at", u.now_s);
		arc = uc_end(&u, arc, out);
	} else if (arc == APP_OK) {
		arc = err->code;
	}
	for (size_t i = 0; i < 4; i++)
		free(lists[i]);
	return arc;
}

/* Prints list a under `title`, one entry a line ("(none recorded)" when empty). */
static void print_list(struct buf *b, const char *title, json_t *a)
{
	buf_printf(b, "%s:\n", title);
	if (json_array_size(a) == 0)
		buf_puts(b, "  (none recorded)\n");
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) buf_printf(b, "  - %s\n", json_string_value(v));
}

int app_profile_print(struct db *db, const struct actor *who, const char *child_id, char **text,
                      struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*text = NULL;
	if (child_open(&u, child_id) != APP_OK)
		return err->code;
	int arc = APP_OK;
	int rc;
	json_t *c = store_child_get(db, child_id, &rc);
	json_t *p = c ? store_profile_get(db, child_id, &rc) : NULL;
	if (!c || (!p && rc != DB_DONE)) {
		json_decref(c);
		return uc_end(&u,
		              rc == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                            : uc_db(&u, rc),
		              NULL);
	}
	struct buf b = BUF_INIT(1 << 20);
	/* dates in UK form, as on every print */
	char dob[32] = "unknown", updated[48] = "";
	uk_date(json_string_value(json_object_get(c, "date_of_birth")), dob, sizeof dob);
	int64_t t;
	const char *up = p ? json_string_value(json_object_get(p, "updated_at")) : NULL;
	if (up && ltime_parse(up, &t) == 0)
		ltime_london_format(t, updated, sizeof updated);
	buf_printf(&b, "MISSING CHILD PROFILE (Philomena) - OFFICIAL-SENSITIVE\n\n");
	buf_printf(&b, "Name: %s %s\nDate of birth: %s\nGender: %s\n",
	           json_string_value(json_object_get(c, "given_names")),
	           json_string_value(json_object_get(c, "family_name")), dob,
	           json_string_value(json_object_get(c, "gender")));
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(c, "other_names"), i, n) buf_printf(
	        &b, "Also known as: %s\n", json_string_value(json_object_get(n, "name")));
	if (!p) {
		buf_puts(&b, "\nNo profile has been filled in for this child yet.\n");
	} else {
		const char *desc = json_string_value(json_object_get(p, "description"));
		const char *photo = json_string_value(json_object_get(p, "photo_ref"));
		buf_printf(&b, "\nDescription:\n  %s\n", desc ? desc : "(none recorded)");
		buf_printf(&b, "Photo: %s\n\n", photo ? photo : "(none held)");
		static const char *const titles[] = {"Associates", "Places they may go",
		                                     "Phone numbers", "Social media"};
		for (size_t k = 0; k < ARRAY_LEN(PROFILE_LISTS); k++) {
			parse_member(p, PROFILE_LISTS[k]);
			print_list(&b, titles[k], json_object_get(p, PROFILE_LISTS[k]));
		}
		buf_printf(&b, "\nProfile last updated %s by %s.\n", updated[0] ? updated : "-",
		           json_is_string(json_object_get(p, "updated_by"))
		                   ? json_string_value(json_object_get(p, "updated_by"))
		                   : "the command line");
	}
	json_decref(c);
	json_decref(p);
	if (b.failed) {
		buf_release(&b);
		return uc_end(&u,
		              app_fail(err, APP_FAILED, NULL, "The profile is too large to print."),
		              NULL);
	}
	arc = uc_db(&u, uc_audit(&u, "disclose", "philomena_profile", child_id, NULL, "print"));
	arc = uc_end(&u, arc, NULL);
	if (arc == APP_OK)
		*text = buf_detach(&b, NULL);
	else
		buf_release(&b);
	return arc;
}
