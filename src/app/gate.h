/*
 * gate.h: the one gate every read of record content passes (R-INFO-2, R-INFO-3; the rule
 * itself is src/protocol/access.h). Internal to src/app/.
 *
 * Use: inside a use case's transaction, after loading what is asked for,
 *     rc = access_gate(u, child_id, "episode", episode_id, record_ref, "No such episode.");
 * A refusal answers exactly as if the thing did not exist (APP_NOT_FOUND with
 * `missing`), or APP_FORBIDDEN naming R-INFO-3 for a restricted record the actor sees
 * the child of; either way it is noted in the use case and audited once the use case
 * has rolled back (uc_end, uc_abort). A restricted record opened with a reason is logged
 * for a supervisor's review in the use case's write transaction.
 */
#ifndef LANTERN_APP_GATE_H
#define LANTERN_APP_GATE_H

#include "app/app.h"
#include "protocol/access.h"
#include "store/access.h"

struct uc;

/* The actor's scope (protocol/access.h). */
enum access_scope actor_scope(const struct actor *who);

/* The viewer of an actor at `now`, for store queries filtered by STORE_VISIBLE. */
void access_viewer(const struct actor *who, int64_t now, struct store_viewer *v);

/* Whether the actor sees the child (no audit: for filtering lists and candidates). */
int access_sees_child(struct uc *u, const char *child_id, bool *sees);

/* The gate (see above). `record_ref` may be NULL (the gate finds the child's record
 * for its restriction either way). Returns APP_OK or the refusal. */
int access_gate(struct uc *u, const char *child_id, const char *type, const char *id,
                const char *record_ref, const char *missing);

/* Logs a pending restricted-record opening (u->opening) in the open write transaction. */
int access_log_opening(struct uc *u);

/*
 * R-INFO-3, R-REC-1: a list of children found by a search or offered as possible
 * duplicates ([{id, given_names, family_name, date_of_birth, gender, residence_borough,
 * record_ref, ...}]) cut to what the actor may see of each: a child the actor does not
 * see keeps only what is needed to refer the right child (names, date of birth, gender,
 * why it matched), never the borough, the record reference or whether there is a
 * record. The ids disclosed go to `ids` (comma-separated, cut to fit n) for the audit
 * event. Returns APP_OK or a database error.
 */
int access_disclose_children(struct uc *u, json_t *list, char *ids, size_t n);

/* The pathway or an allocation makes every agency of `agency_type` in `borough_id` a
 * member of the child's case (`kind`: MEMBER_ROUTED, MEMBER_ALLOCATED...), for
 * `reason`. A NULL borough adds nobody. */
int access_route(struct uc *u, const char *child_id, const char *agency_type,
                 const char *borough_id, const char *kind, const char *reason);

/* Records that the actor's agency filed about the child: it grants nothing (a filer
 * sees what it filed, never the record), but the case knows who raised concerns. */
int access_note_filed(struct uc *u, const char *child_id, const char *what);

#endif
