/*
 * together.c: the children a child went missing with (R-MISS-10), for the child's
 * episodes (app_child_episodes): the store gives the candidate pairs linked by place
 * or name, missing_together decides each pair, and a child the actor may not see is
 * reported without a name. A child's candidates are kept between changes in a compact
 * form with their times already parsed, so that a record page reads them without
 * parsing JSON or asking the store again.
 */
#include "app/episode_common.h"

#include "app/gate.h"
#include "app/viewcache.h"
#include "protocol/missing.h"
#include "store/episodes.h"
#include "store/together.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * A candidate pair as the page reads it: strings and parsed times, decoded from the kept
 * form (tg_encode) without parsing JSON or times again. s[] point into what they were
 * read from (a store row, or the kept bytes); NULL is a column without a value.
 */
enum tg_str {
	TG_EPISODE,
	TG_OTHER_EPISODE,
	TG_CHILD,
	TG_GIVEN,
	TG_FAMILY,
	TG_OTHER_REPORTED,
	TG_OTHER_RETURNED,
	TG_FOUND_KEY, /* the place both were found at, when there is one */
	TG_NSTR
};
static const char *const TG_COLS[TG_NSTR] = {
        "episode_id",  "other_episode_id",  "child_id",          "given_names",
        "family_name", "other_reported_at", "other_returned_at", NULL};

#define TG_NAMED (1u << 0)           /* one episode names the other child */
#define TG_ENDED (1u << 1)           /* this child's episode has a return */
#define TG_OTHER_ENDED (1u << 2)     /* the other child's has */
#define TG_SAME_OWN (1u << 3)        /* kept form: this child's episode as the row before */
#define TG_TIME(i) (1u << (4 + (i))) /* t[i] parsed */
#define TG_STR(i) (1u << (12 + (i))) /* s[i] present */
/* what belongs to this child's episode, shared by the rows of that episode */
#define TG_OWN (TG_ENDED | TG_TIME(0) | TG_TIME(1) | TG_STR(TG_EPISODE))

struct tg_row {
	const char *s[TG_NSTR];
	int64_t t[4]; /* this child's reported and returned, the other's reported and returned */
	uint32_t flags;
};

static void tg_from_json(json_t *r, struct tg_row *g)
{
	memset(g, 0, sizeof *g);
	for (int i = 0; i < TG_NSTR; i++)
		g->s[i] = TG_COLS[i] ? json_string_value(json_object_get(r, TG_COLS[i])) : NULL;
	const char *times[4] = {json_string_value(json_object_get(r, "reported_at")),
	                        json_string_value(json_object_get(r, "returned_at")),
	                        g->s[TG_OTHER_REPORTED], g->s[TG_OTHER_RETURNED]};
	for (int i = 0; i < 4; i++)
		if (times[i] && times[i][0] && ltime_parse(times[i], &g->t[i]) == 0)
			g->flags |= TG_TIME(i);
	g->flags |= (times[1] ? TG_ENDED : 0) | (times[3] ? TG_OTHER_ENDED : 0) |
	            (json_integer_value(json_object_get(r, "named")) ? TG_NAMED : 0);
}

/* The two episodes of pair g for missing_together: this child's first. An unreadable
 * start or end counts as now, and an episode without a return runs to now. With
 * `any_place` both count as found at the same place. */
static void tg_episodes(const struct tg_row *g, const char *child_id, int64_t now, bool any_place,
                        struct miss_episode pair[2])
{
	memset(pair, 0, 2 * sizeof pair[0]);
	for (int k = 0; k < 2; k++) {
		pair[k].episode_id = g->s[k ? TG_OTHER_EPISODE : TG_EPISODE];
		pair[k].child_id = k ? g->s[TG_CHILD] : child_id;
		pair[k].start = g->flags & TG_TIME(2 * k) ? g->t[2 * k] : now;
		pair[k].end = g->flags & TG_TIME(2 * k + 1) ? g->t[2 * k + 1] : now;
		pair[k].ended = (g->flags & (k ? TG_OTHER_ENDED : TG_ENDED)) != 0;
		pair[k].found_location_id = any_place ? "any" : g->s[TG_FOUND_KEY];
	}
	if (g->flags & TG_NAMED)
		pair[0].found_with_person_id = g->s[TG_CHILD];
}

/* R-MISS-10: decides pair g with missing_together; true with *t when they were missing
 * together. With `any_place` both count as found at the same place, which can only add
 * pairs: a pair refused then is refused whatever the places were. */
static bool tg_pair(const struct tg_row *g, const char *child_id, int64_t now, bool any_place,
                    struct miss_together *t)
{
	struct miss_episode pair[2];
	tg_episodes(g, child_id, now, any_place, pair);
	if (pair[1].start < pair[0].start) { /* missing_together wants them by start */
		struct miss_episode tmp = pair[0];
		pair[0] = pair[1];
		pair[1] = tmp;
	}
	size_t found = 0;
	struct proto_err pe;
	return missing_together(pair, 2, NULL, now, t, 1, &found, &pe) == 0 && found;
}

/* Whether pair g can never be missing together, at any time: both episodes ended (by
 * now), and they were not together even as if found at the same place. Then nothing but
 * the rows themselves decides (missing_together uses the time only for an episode still
 * open, or to refuse one ending after it). */
static bool tg_never(const struct tg_row *g, const char *child_id, int64_t now)
{
	uint32_t all = TG_ENDED | TG_OTHER_ENDED | TG_TIME(1) | TG_TIME(3);
	if ((g->flags & all) != all || g->t[1] > now || g->t[3] > now)
		return false;
	struct miss_together t;
	return !tg_pair(g, child_id, now, true, &t);
}

/* Whether the place both were found at can decide pair g (missing_found_near). A return
 * that cannot be read is taken as maybe near. Both returns are fixed once made (a
 * change moves together_epoch), so this holds for as long as the kept form does. */
static bool tg_found_near(const struct tg_row *g)
{
	uint32_t ends = TG_ENDED | TG_OTHER_ENDED, read = TG_TIME(1) | TG_TIME(3);
	if ((g->flags & ends) == ends && (g->flags & read) != read)
		return true; /* a return that cannot be read counts as now: maybe near */
	struct miss_episode pair[2];
	tg_episodes(g, "", 0, true, pair);
	return missing_found_near(&pair[0], &pair[1], 0);
}

/* The kept form: "TG2\0", a row count, then per row its flags and, unless the row
 * before had the same (TG_SAME_OWN), this child's episode (its two times, its id); then
 * the other episode's two times and its strings, each ending in NUL. A report or return
 * time is kept as text only when its parsed form would not give the same text back.
 * Read back by tg_decode, which trusts it (only tg_encode writes it) but never reads
 * past its end. */
static const char TG_MAGIC[4] = {'T', 'G', '2', '\0'};

/* Whether s[i] must be kept as text: present, and for a time not what its parsed value
 * formats as. */
static bool tg_keep_text(const struct tg_row *g, int i)
{
	if (!g->s[i])
		return false;
	int ti = i == TG_OTHER_REPORTED ? 2 : i == TG_OTHER_RETURNED ? 3 : -1;
	if (ti < 0 || !(g->flags & TG_TIME(ti)))
		return true;
	char back[LT_TIME_LEN];
	ltime_format(g->t[ti], back);
	return strcmp(back, g->s[i]) != 0;
}

static int tg_encode(struct buf *b, struct tg_row *g, const struct tg_row *prev)
{
	for (int i = 0; i < TG_NSTR; i++)
		g->flags |= tg_keep_text(g, i) ? TG_STR(i) : 0;
	if (prev && (prev->flags & TG_OWN) == (g->flags & TG_OWN) && prev->t[0] == g->t[0] &&
	    prev->t[1] == g->t[1] &&
	    strcmp(prev->s[TG_EPISODE] ? prev->s[TG_EPISODE] : "",
	           g->s[TG_EPISODE] ? g->s[TG_EPISODE] : "") == 0)
		g->flags |= TG_SAME_OWN;
	int rc = buf_append(b, &g->flags, sizeof g->flags);
	if (rc == 0 && !(g->flags & TG_SAME_OWN)) {
		rc = buf_append(b, g->t, 2 * sizeof g->t[0]);
		if (rc == 0 && (g->flags & TG_STR(TG_EPISODE)))
			rc = buf_append(b, g->s[TG_EPISODE], strlen(g->s[TG_EPISODE]) + 1);
	}
	if (rc == 0)
		rc = buf_append(b, g->t + 2, 2 * sizeof g->t[0]);
	for (int i = TG_EPISODE + 1; rc == 0 && i < TG_NSTR; i++)
		if (g->flags & TG_STR(i))
			rc = buf_append(b, g->s[i], strlen(g->s[i]) + 1);
	return rc;
}

/* Reads a NUL-terminated string at *p (before end) into *out; false past the end. */
static bool tg_str_at(const char **p, const char *end, const char **out)
{
	const char *z = memchr(*p, '\0', (size_t)(end - *p));
	if (!z)
		return false;
	*out = *p;
	*p = z + 1;
	return true;
}

/* The rows of kept text t (a new array; *n its length), or NULL when t is not in the
 * kept form or memory runs out. The strings point into t; a time kept only parsed has
 * no text here (tg_time_text gives it). */
static struct tg_row *tg_decode(const struct view_text *t, size_t *n)
{
	const char *p = t->text, *end = t->text + t->len;
	uint32_t count;
	*n = 0;
	if (t->len < sizeof TG_MAGIC + sizeof count || memcmp(p, TG_MAGIC, sizeof TG_MAGIC) != 0)
		return NULL;
	memcpy(&count, p + sizeof TG_MAGIC, sizeof count);
	p += sizeof TG_MAGIC + sizeof count;
	struct tg_row *rows = calloc(count ? count : 1, sizeof *rows);
	if (!rows)
		return NULL;
	for (uint32_t r = 0; r < count; r++) {
		struct tg_row *g = &rows[r];
		const size_t two = 2 * sizeof g->t[0];
		if ((size_t)(end - p) < sizeof g->flags)
			goto bad;
		memcpy(&g->flags, p, sizeof g->flags);
		p += sizeof g->flags;
		if (g->flags & TG_SAME_OWN) {
			if (r == 0)
				goto bad;
			g->flags = (g->flags & ~TG_OWN) | (rows[r - 1].flags & TG_OWN);
			g->t[0] = rows[r - 1].t[0];
			g->t[1] = rows[r - 1].t[1];
			g->s[TG_EPISODE] = rows[r - 1].s[TG_EPISODE];
		} else {
			if ((size_t)(end - p) < two)
				goto bad;
			memcpy(g->t, p, two);
			p += two;
			if ((g->flags & TG_STR(TG_EPISODE)) &&
			    !tg_str_at(&p, end, &g->s[TG_EPISODE]))
				goto bad;
		}
		if ((size_t)(end - p) < two)
			goto bad;
		memcpy(g->t + 2, p, two);
		p += two;
		for (int i = TG_EPISODE + 1; i < TG_NSTR; i++)
			if ((g->flags & TG_STR(i)) && !tg_str_at(&p, end, &g->s[i]))
				goto bad;
	}
	*n = count;
	return rows;
bad:
	free(rows);
	return NULL;
}

/* The text of the other episode's report (i = TG_OTHER_REPORTED) or return time of g:
 * kept as text, or formatted from its parsed value into buf; NULL when it has none. */
static const char *tg_time_text(const struct tg_row *g, int i, char buf[LT_TIME_LEN])
{
	int ti = i == TG_OTHER_REPORTED ? 2 : 3;
	if (g->s[i])
		return g->s[i];
	if (!(g->flags & TG_TIME(ti)))
		return NULL;
	ltime_format(g->t[ti], buf);
	return buf;
}

/* Newest other episode first; in the store's order among equals. */
struct tg_sorted {
	const char *at;
	size_t i;
	json_t *r;
};
static int tg_newest_first(const void *a, const void *b)
{
	const struct tg_sorted *x = a, *y = b;
	int c = strcmp(y->at ? y->at : "", x->at ? x->at : "");
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The kept candidates of child_id, built from the store: its candidate pairs, less those
 * that can never be together (tg_never), each with the place both were found at when
 * there is one, newest other episode first. A new reference (NULL on a failure, *rc
 * set). */
static struct view_text *tg_build(struct uc *u, const char *child_id, int *rc)
{
	json_t *all =
	        store_episode_together_candidates(u->db, child_id, MISS_TOGETHER_FOUND_WITHIN, rc);
	if (!all)
		return NULL;
	size_t n = json_array_size(all), kept = 0;
	struct tg_sorted *keep = calloc(n ? n : 1, sizeof *keep);
	struct buf b;
	buf_init(&b, (size_t)1 << 30);
	struct view_text *t = NULL;
	if (!keep) {
		*rc = DB_E_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *r = json_array_get(all, i);
		struct tg_row g;
		tg_from_json(r, &g);
		if (tg_never(&g, child_id, u->now))
			continue;
		keep[kept++] = (struct tg_sorted){g.s[TG_OTHER_REPORTED], i, r};
	}
	qsort(keep, kept, sizeof *keep, tg_newest_first);
	uint32_t count = (uint32_t)kept;
	*rc = buf_append(&b, TG_MAGIC, sizeof TG_MAGIC) == 0 &&
	                      buf_append(&b, &count, sizeof count) == 0
	              ? DB_OK
	              : DB_E_NOMEM;
	struct tg_row prev;
	for (size_t k = 0; *rc == DB_OK && k < kept; k++) {
		struct tg_row g;
		tg_from_json(keep[k].r, &g);
		/* the place they were both found at: decides a pair found near in time */
		char key[512] = "";
		if (tg_found_near(&g))
			*rc = store_episode_found_key(u->db, g.s[TG_EPISODE], g.s[TG_OTHER_EPISODE],
			                              key, sizeof key);
		if (*rc != DB_OK)
			break;
		g.s[TG_FOUND_KEY] = key[0] ? key : NULL;
		if (tg_encode(&b, &g, k ? &prev : NULL) != 0)
			*rc = DB_E_NOMEM;
		prev = g; /* its strings stay in the store's rows until the form is made */
		prev.s[TG_FOUND_KEY] = NULL; /* key is this turn's */
	}
	if (*rc == DB_OK && !(t = view_text_new(buf_cstr(&b), b.len)))
		*rc = DB_E_NOMEM;
out:
	free(keep);
	buf_release(&b);
	json_decref(all);
	return t;
}

/* The candidates of child_id in their kept form (tg_build), kept in the view cache under
 * the id "together:<child id>" between changes: they depend on nothing but what the
 * together_epoch counter (migration 027) moves for, read here in the same transaction,
 * and are the same for every viewer (who may see the other child is decided per viewer,
 * after). A new reference; NULL on a database failure (*rc set). */
static struct view_text *together_candidates(struct uc *u, const char *child_id, int *rc)
{
	int64_t epoch = 0;
	if ((*rc = store_together_epoch(u->db, &epoch)) != DB_OK)
		return NULL;
	char id[64];
	snprintf(id, sizeof id, "together:%s", child_id);
	struct view_key k = {.scope = db_scope(u->db), .id = id, .version = epoch};
	struct view_text *t = viewcache_get(&k);
	if (t)
		return t;
	if ((t = tg_build(u, child_id, rc)))
		viewcache_put(&k, t);
	return t;
}

/* R-MISS-10: the other children this child went missing with. The store gives the
 * candidates linked by place or name; missing_together decides each pair. NULL on a
 * database failure (err set). */
json_t *co_missing(struct uc *u, const char *child_id, size_t offset, size_t limit, size_t *total)
{
	int rc;
	struct view_text *kept = together_candidates(u, child_id, &rc);
	if (!kept) {
		uc_db(u, rc);
		return NULL;
	}
	size_t nrows;
	struct tg_row *rows = tg_decode(kept, &nrows);
	if (!rows) {
		view_text_release(kept);
		uc_db(u, DB_E_NOMEM);
		return NULL;
	}
	json_t *co = json_array();
	json_t *seen = json_object(); /* other child id -> whether the actor may see them */
	size_t n = 0;
	for (size_t i = 0; i < nrows; i++) {
		const struct tg_row *g = &rows[i];
		const char *other = g->s[TG_CHILD];
		struct miss_together t;
		if (!other || strcmp(other, child_id) == 0 ||
		    !tg_pair(g, child_id, u->now, false, &t))
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
				json_decref(co);
				free(rows);
				view_text_release(kept);
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
		char rep[LT_TIME_LEN], ret[LT_TIME_LEN];
		json_array_append_new(
		        co, json_pack("{s:s, s:s?, s:s?, s:s, s:s, s:s, s:s?, s:s, s:I}",
		                      "child_id", other, "given_names", g->s[TG_GIVEN],
		                      "family_name", g->s[TG_FAMILY], "episode_id",
		                      g->s[TG_EPISODE], "other_episode_id", g->s[TG_OTHER_EPISODE],
		                      "other_reported_at", tg_time_text(g, TG_OTHER_REPORTED, rep),
		                      "other_returned_at", tg_time_text(g, TG_OTHER_RETURNED, ret),
		                      "how", how, "overlap_seconds", (json_int_t)t.overlap));
	}
	json_decref(seen);
	free(rows);
	view_text_release(kept);
	if (total)
		*total = n;
	return co;
}
