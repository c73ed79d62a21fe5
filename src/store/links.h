/*
 * links.h (store): links between children, persons of concern, places, vehicles, phones
 * and missing episodes (migrations/011_people.sql), and the SQL form of who sees a
 * person of concern or a place (src/protocol/people.h, R-INFO-3). The rule is turned
 * into SQL once, here, as STORE_CONCERN_VISIBLE; the per-entity check and every list
 * filtered by viewer use it. Callers own transactions. Times are int64 UTC seconds in
 * this API and ISO 8601 text in the database.
 */
#ifndef LANTERN_STORE_LINKS_H
#define LANTERN_STORE_LINKS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/access.h"
#include "store/db.h"

/*
 * Who is looking, for persons of concern, places and links. Every query filtered by a
 * viewer binds it to parameters $1..$6 (store_concern_viewer_bind) and numbers its own
 * parameters from $7:
 *   $1..$4  the child viewer (store/access.h: all children?, agency, user, time)
 *   $5      sees every person and place that is not restricted (0/1)
 *   $6      sees what is restricted (0/1)
 */
struct store_concern_viewer {
	struct store_viewer v;
	bool all;        /* people_sees_all() */
	bool restricted; /* people_restricted_visible() of a restricted thing */
};
void store_concern_viewer_bind(struct db_stmt *st, const struct store_concern_viewer *cv);

/* The child in column `col` is seen by the viewer bound at $1..$4. */
#define STORE_CHILD_SEEN(col) STORE_VISIBLE(col, "$1", "$2", "$3", "$4")

/* The person of concern or place of alias `al` (a row of people or places) is seen by
 * the viewer bound at $1..$6: not restricted (or the viewer sees restricted things),
 * and the viewer sees all, or its agency recorded it, or a link that is not restricted
 * joins it to a child the viewer sees (directly or through one of the child's missing
 * episodes: links keep the child of an episode end in *_child_id). */
#define STORE_VIEWER_CHILDREN STORE_MEMBER_CHILDREN("$2", "$3", "$4")
#define STORE_CONCERN_VISIBLE(al)                                                                  \
	"((" al ".restricted = 0 OR $6 = 1) AND ($5 = 1 OR " al ".agency_id = $2"                  \
	" OR EXISTS (SELECT 1 FROM links vl WHERE vl.restricted = 0"                               \
	" AND ((vl.from_id = " al ".id AND vl.to_child_id IN " STORE_VIEWER_CHILDREN ")"           \
	" OR (vl.to_id = " al ".id AND vl.from_child_id IN " STORE_VIEWER_CHILDREN ")))))"

/* Whether the viewer sees person (`type` "person") or place ("place") `id`. *out is false
 * also when there is none. */
int store_concern_visible(struct db *db, const struct store_concern_viewer *cv, const char *type,
                          const char *id, bool *out);

/* Runs `sql` with the viewer bound at $1..$6 and the further parameters from $7, typed
 * as db_run's (store/db.h); returns every row (NULL with *rc on failure). For the store
 * files of this family. */
json_t *store_concern_rows(struct db *db, const struct store_concern_viewer *cv, int *rc,
                           const char *sql, const char *types, ...);

/* A new link. Ends are (type code, id, child the end is about or NULL). */
struct store_link_new {
	const char *id, *kind;
	const char *from_type, *from_id, *from_child_id;
	const char *to_type, *to_id, *to_child_id;
	const char *from_date, *to_date; /* YYYY-MM-DD or NULL */
	const char *nature;              /* "fact", "intelligence" */
	const char *source_eval, *assessment, *handling, *handling_conditions;
	const char *source, *note;
	bool restricted, demo;
	const char *recorded_by, *recorded_by_name, *agency_id;
	int64_t at;
};
int store_link_insert(struct db *db, const struct store_link_new *l);

/* A link as the use cases need it to decide (text valid until the next call). */
struct link_row {
	char id[32], kind[24];
	char from_type[12], from_id[32], from_child_id[32];
	char to_type[12], to_id[32], to_child_id[32];
	bool restricted, ended;
};
/* DB_ROW (filled) or DB_DONE. */
int store_link_get(struct db *db, const char *id, struct link_row *l);
/* Ends a current link, keeping it. DB_DONE when it had already ended. */
int store_link_end(struct db *db, const char *id, const char *by, const char *by_name,
                   const char *reason, int64_t at);
/* One link as shown: every column with its ends' labels (from_label, to_label), or NULL
 * with *rc = DB_DONE. */
json_t *store_link_view(struct db *db, const char *id, int *rc);

/*
 * The links of entity `id` the viewer sees, newest first, at most `limit`: those not
 * restricted (or the viewer sees restricted things) whose other end the viewer sees (a
 * child or an episode of a child it sees; a person or place by STORE_CONCERN_VISIBLE; a
 * vehicle or phone always). Ended links only when `include_ended`. Each row: id, kind,
 * direction ("from" when the entity is the link's from end, else "to"), other_type,
 * other_id, other_label, from_date, to_date, nature, source_eval, assessment, handling,
 * handling_conditions, source, note, restricted, recorded_at, recorded_by_name,
 * ended_at, ended_by_name, ended_reason.
 */
json_t *store_links_of(struct db *db, const struct store_concern_viewer *cv, const char *id,
                       bool include_ended, int limit, int *rc);

/*
 * The label of an entity for lists, links and chronology entries (a child's names, a
 * person's label, a place's name or address, a vehicle's registration, a phone number,
 * "Missing episode of <child>, reported <date>"), into out; DB_ROW, or DB_DONE when there
 * is no such entity. `type` is a code of protocol/people.h. For an episode, *child_id
 * (when not NULL, 32 bytes) receives its child; for a child, the child itself; else "".
 */
int store_entity_label(struct db *db, const char *type, const char *id, char *out, size_t n,
                       char *child_id);

#endif
