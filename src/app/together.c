/*
 * together.c: the children a child went missing with (R-MISS-10), for the child's
 * episodes (app_child_episodes): the store gives the candidate pairs linked by place
 * or name, missing_together decides each pair, and a child the actor may not see is
 * reported without a name.
 */
#include "app/episode_common.h"

#include "app/gate.h"
#include "app/viewcache.h"
#include "protocol/missing.h"
#include "store/episodes.h"
#include "store/rows.h"
#include "store/together.h"

/* An episode of a together-candidate row (`prefix` "" for this child's, "other_" for the
 * other child's) for missing_together. */
static void together_episode(json_t *r, const char *prefix, const char *child_id, int64_t now,
                             struct miss_episode *m)
{
	char k1[32], k2[32], k3[32];
	snprintf(k1, sizeof k1, "%sepisode_id", prefix);
	snprintf(k2, sizeof k2, "%sreported_at", prefix);
	snprintf(k3, sizeof k3, "%sreturned_at", prefix);
	const char *ret = json_string_value(json_object_get(r, k3));
	memset(m, 0, sizeof(*m));
	m->episode_id = json_string_value(json_object_get(r, k1));
	m->child_id = child_id;
	m->start = parse_time_or(json_string_value(json_object_get(r, k2)), now);
	m->ended = ret != NULL;
	m->end = parse_time_or(ret, now);
	m->found_location_id = json_string_value(json_object_get(r, "found_key"));
}

/* R-MISS-10: decides the pair of a together-candidate row with missing_together; true
 * with *t when they were missing together. With `any_place` both count as found at the
 * same place, which can only add pairs: a pair refused then is refused whatever the
 * places were, so its details need not be read. */
static bool together_pair(json_t *r, const char *child_id, int64_t now, bool any_place,
                          struct miss_together *t)
{
	const char *other = json_string_value(json_object_get(r, "child_id"));
	struct miss_episode pair[2];
	together_episode(r, "", child_id, now, &pair[0]);
	together_episode(r, "other_", other, now, &pair[1]);
	if (any_place)
		pair[0].found_location_id = pair[1].found_location_id = "any";
	if (json_integer_value(json_object_get(r, "named")))
		pair[0].found_with_person_id = other;
	if (pair[1].start < pair[0].start) { /* missing_together wants them by start */
		struct miss_episode tmp = pair[0];
		pair[0] = pair[1];
		pair[1] = tmp;
	}
	size_t found = 0;
	struct proto_err pe;
	return missing_together(pair, 2, NULL, now, t, 1, &found, &pe) == 0 && found;
}

/* Whether the pair of candidate row r can never be missing together, at any time: both
 * episodes ended (by now), and they were not together even as if found at the same
 * place. Then nothing but the rows themselves decides (missing_together uses the time
 * only for an episode still open, or to refuse one ending after it). */
static bool never_together(json_t *r, const char *child_id, int64_t now)
{
	const char *ret = json_string_value(json_object_get(r, "returned_at"));
	const char *other_ret = json_string_value(json_object_get(r, "other_returned_at"));
	int64_t a, b;
	if (!ret || !other_ret || ltime_parse(ret, &a) < 0 || ltime_parse(other_ret, &b) < 0 ||
	    a > now || b > now)
		return false;
	struct miss_together t;
	return !together_pair(r, child_id, now, true, &t);
}

/* The store's candidate pairs of child_id, less those that can never be together
 * (never_together), kept in the view cache (as text, under the id "together:<child
 * id>") between changes: they depend on nothing but what the together_epoch counter
 * (migration 027) moves for, read here in the same transaction, and are the same for
 * every viewer (who may see the other child is decided per viewer, after). Reading and
 * deciding them took most of a record page's time. NULL on a database failure (*rc
 * set). */
static json_t *together_candidates(struct uc *u, const char *child_id, int *rc)
{
	int64_t epoch = 0;
	if ((*rc = store_together_epoch(u->db, &epoch)) != DB_OK)
		return NULL;
	char id[64];
	snprintf(id, sizeof id, "together:%s", child_id);
	struct view_key k = {.scope = db_scope(u->db), .id = id, .version = epoch};
	struct view_text *t = viewcache_get(&k);
	json_t *rows = t ? json_loadb(t->text, t->len, 0, NULL) : NULL;
	view_text_release(t);
	if (json_is_array(rows))
		return rows;
	json_decref(rows);
	json_t *all =
	        store_episode_together_candidates(u->db, child_id, MISS_TOGETHER_FOUND_WITHIN, rc);
	if (!all)
		return NULL;
	rows = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(all, i, r)
	{
		if (!never_together(r, child_id, u->now))
			json_array_append(rows, r);
	}
	json_decref(all);
	char *s = json_dumps(rows, JSON_COMPACT);
	t = s ? view_text_new(s, strlen(s)) : NULL;
	free(s);
	viewcache_put(&k, t);
	view_text_release(t);
	return rows;
}

/* R-MISS-10: the candidate pairs that may have been missing together (see
 * together_pair), newest other episode first, each with found_key when the place they
 * were found at could decide. A pair of the child with itself is never missing together.
 * NULL on a database failure (err set). */
static json_t *together_rows(struct uc *u, const char *child_id)
{
	int rc;
	json_t *rows = together_candidates(u, child_id, &rc);
	if (!rows) {
		uc_db(u, rc);
		return NULL;
	}
	json_t *out = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		struct miss_together t;
		if (!together_pair(r, child_id, u->now, true, &t))
			continue;
		if (t.same_location) { /* found near in time: the place decides */
			char key[512];
			rc = store_episode_found_key(
			        u->db, json_string_value(json_object_get(r, "episode_id")),
			        json_string_value(json_object_get(r, "other_episode_id")), key,
			        sizeof key);
			if (rc != DB_OK) {
				uc_db(u, rc);
				json_decref(rows);
				json_decref(out);
				return NULL;
			}
			if (key[0])
				json_object_set_new(r, "found_key", json_string(key));
		}
		json_array_append(out, r);
	}
	json_decref(rows);
	rows_sort_by(out, "other_reported_at", true);
	return out;
}

/* R-MISS-10: the other children this child went missing with. The store gives the
 * candidates linked by place or name; missing_together decides each pair. NULL on a
 * database failure (err set). */
json_t *co_missing(struct uc *u, const char *child_id, size_t offset, size_t limit, size_t *total)
{
	json_t *rows = together_rows(u, child_id);
	if (!rows)
		return NULL;
	json_t *co = json_array();
	json_t *seen = json_object(); /* other child id -> whether the actor may see them */
	size_t i, n = 0;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *other = json_string_value(json_object_get(r, "child_id"));
		struct miss_together t;
		if (!together_pair(r, child_id, u->now, false, &t))
			continue;
		/* a page of them: the others are counted, and not looked at further */
		size_t at = n++;
		if (at < offset || (limit && at >= offset + limit))
			continue;
		const char *how = t.same_location ? "same_place"
		                  : t.same_person ? "named_together"
		                                  : "overlapping";
		/* the other child is named only to those who may see them; others learn that
		 * a child they cannot see went missing at the same time */
		json_t *known = json_object_get(seen, other);
		bool vis = known && json_is_true(known);
		if (!known) {
			if (access_sees_child(u, other, &vis) != APP_OK) {
				json_decref(seen);
				json_decref(rows);
				json_decref(co);
				return NULL;
			}
			json_object_set_new(seen, other, json_boolean(vis));
		}
		if (!vis) {
			json_array_append_new(co,
			                      json_pack("{s:b, s:s, s:I}", "hidden", 1, "how", how,
			                                "overlap_seconds", (json_int_t)t.overlap));
			continue;
		}
		json_array_append_new(
		        co,
		        json_pack("{s:s, s:s?, s:s?, s:s, s:s, s:s, s:s?, s:s, s:I}", "child_id",
		                  other, "given_names",
		                  json_string_value(json_object_get(r, "given_names")),
		                  "family_name",
		                  json_string_value(json_object_get(r, "family_name")),
		                  "episode_id", json_string_value(json_object_get(r, "episode_id")),
		                  "other_episode_id",
		                  json_string_value(json_object_get(r, "other_episode_id")),
		                  "other_reported_at",
		                  json_string_value(json_object_get(r, "other_reported_at")),
		                  "other_returned_at",
		                  json_string_value(json_object_get(r, "other_returned_at")), "how",
		                  how, "overlap_seconds", (json_int_t)t.overlap));
	}
	json_decref(seen);
	json_decref(rows);
	if (total)
		*total = n;
	return co;
}
