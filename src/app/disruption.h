/*
 * disruption.h: what the use cases about orders and disruptions (app/orders.c), criminal
 * justice cases (app/cj.c) and plans (app/plans.c) share. Internal to src/app/.
 *
 *  - the facts of a stored disruption as a struct disruption (protocol/orders.h), with
 *    room for its breaches and name and address changes;
 *  - the gate for what a disruption is against (the person, the child, the place, the
 *    vehicle), answering a refusal exactly like absence and auditing it, and the rule
 *    that a covert tactic exists only for entitled police (R-ORD-4, R-INFO-3);
 *  - writing a new disruption with the outcome code its facts warrant on the person of
 *    concern (R-OUT-2..5), in the same transaction, with a chronology entry on the
 *    record of each child linked to that person, and the audit events;
 *  - reading a person, place or agency given by id or name.
 * The rules themselves are src/protocol/orders.h, plans.h and outcomes.h.
 */
#ifndef LANTERN_APP_DISRUPTION_H
#define LANTERN_APP_DISRUPTION_H

#include <jansson.h>

#include "app/uc.h"
#include "protocol/orders.h"

#define ORDER_MAX_BREACHES 64 /* breaches kept on one order */
#define ORDER_MAX_CHANGES 64  /* name and address changes on one order */

/* A disruption's facts as stored. d's strings point into `row`, which it keeps. */
struct order_facts {
	struct disruption d;
	struct lt_date breaches[ORDER_MAX_BREACHES];
	struct order_change changes[ORDER_MAX_CHANGES];
	json_t *row; /* store_disruption_get's row (owned) */
};

/* Loads disruption `id` into f (f->row owned: release with order_facts_release). APP_OK;
 * APP_NOT_FOUND ("No such order.") when there is none; else the error. No gate. */
int order_facts_load(struct uc *u, const char *id, struct order_facts *f);
void order_facts_release(struct order_facts *f);
/* Copies f into g (a value copy whose arrays are g's own; g->row is not set). */
void order_facts_copy(const struct order_facts *f, struct order_facts *g);

/* Whether the actor sees and may record restricted things (entitled police, system). */
bool disruption_entitled(const struct uc *u);

/* R-ORD-4, R-INFO-3: the gate for reading or changing disruption d (loaded as stored):
 * a covert tactic the actor may not see answers "No such order." (audited as a
 * refusal); then what it is against: the person of concern, else the place, else the
 * vehicle (concern_gate); a child it names is gated only when `child` is true (a CAWN
 * recorded or changed needs the child's record; reading one shows the child only to
 * those who see the child). APP_OK or the refusal. */
int disruption_gate(struct uc *u, const struct disruption *d, const char *id, bool child);

/* Writes new disruption d (validated by the caller) under a new id (into id) filed under
 * `borough_id` (may be NULL) and `cj_case_id` (may be NULL), audited ("create",
 * "disruption"), and adds the outcome code it warrants (disruption_outcome_write with no
 * `before`). APP_OK or the error. */
int disruption_insert(struct uc *u, const struct disruption *d, const char *borough_id,
                      const char *cj_case_id, char id[ID_MAX]);

/* R-OUT-2..5: adds to the person of concern of `after` the outcome code that the change
 * from `before` (NULL for a new disruption) newly warrants (disruption_new_outcome), in
 * the open transaction, audited ("outcome_add" on the person), with a chronology entry
 * on the record of every child a current, unrestricted link joins the person to, and on
 * that of the child a notice protects. *added receives the code (OUTCOME_NONE when
 * none). APP_OK or the error. */
int disruption_outcome_write(struct uc *u, const char *id, const struct disruption *before,
                             const struct disruption *after, enum outcome_code *added);

/* R-OUTC-2: the attrition of criminal justice cases (rows as store_cj_list's) referred
 * between `from` and `to` (unset: open), computed by cj_attrition: {referred, charged,
 * convicted, awaiting_decision, awaiting_result, arrests, charges, convictions}
 * (app/cj.c). */
json_t *cj_attrition_json(json_t *cases, struct lt_date from, struct lt_date to);

/* The borough `key` names (id, name or code) into id, or the actor's borough when key is
 * NULL ("" when the actor has none). An unknown borough is a field error on `field`. */
int disruption_borough(struct uc *u, const char *key, const char *field, char id[ID_MAX]);

/* Reads an optional date `key` of `in` (YYYY-MM-DD) into *d ({0, 0, 0} when absent);
 * a malformed one adds a field error. */
void disruption_date_field(struct uc *u, json_t *in, const char *key, struct lt_date *d);
/* Reads an optional instant `key` (ISO 8601) into *t with *set; a malformed one adds a
 * field error. Whether it is in the future is the protocol's to say. */
void disruption_time_field(struct uc *u, json_t *in, const char *key, int64_t *t, bool *set);

#endif
