/*
 * orders.h: use cases about orders, notices and the other disruptions of persons of
 * concern, places and vehicles (R-ORD-1..4), the outcome codes they add (R-OUT-2..5) and
 * a borough's disruption summary (R-ORD-4, R-ORD-5, R-MASE-7). Each is one transaction
 * with its audit event, in the shape every use case shares.
 *
 * An order is recorded at any status whose dates are given, usually from its
 * application, and changed as it goes (made, served, varied, breached, expired,
 * discharged); every change is checked against what is stored (order_change_validate:
 * recorded dates are kept, only the lifecycle's transitions are allowed) and kept in the
 * order's history. Serving an order adds FP or FO to the person of concern in the same
 * transaction (R-OUT-5), with a chronology entry on the record of each child linked to
 * that person. Arrests and charges are recorded on the person's criminal justice case
 * (app/cj.h), which records them as disruptions too. A covert tactic exists only for
 * entitled police (R-INFO-3). An order on a person, place or child the actor may not
 * see answers exactly like one that does not exist, and the refusal is audited.
 *
 * Input fields (dates YYYY-MM-DD, instants ISO 8601 UTC):
 *   type: cawn | sro | notification_order | asbo_injunction | shpo | hotel_notice |
 *         closure_order | licensing_action | anpr_marker | cad_special_scheme |
 *         covert_tactic
 *   person_id, child_id (a CAWN's child), place_id, vehicle_id: what it is against
 *   status, applied_on, made_on, served_at, serving_officer, ends_on, varied_on,
 *   breaches: [dates], expired_on, discharged_on,
 *   travel_restricted, travel_from, travel_until (SHPO, SRO), notified_at (SRO),
 *   on, until (events, markers, tactics), note, borough (default: the actor's)
 * A CAWN's child's date of birth and care status on the date served come from the
 * child's record (R-ORD-1), never from the input.
 */
#ifndef LANTERN_APP_ORDERS_H
#define LANTERN_APP_ORDERS_H

#include "app/app.h"

/* Records an order or disruption (the fields above; a practitioner role). Refusals name
 * the rule and the field (R-ORD-1: CAWN for a child not eligible on the date served;
 * R-ORD-2/R-ORD-3: an SHPO or SRO shorter than its minimum; R-ORD-4: dates out of order;
 * R-ORD-3: a breach before the order), and nothing is written. -> the order's view
 * (app_order_get's) with "outcome_added" (the code added, or null). */
int app_order_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);

/*
 * Changes order `id` ("dsr_..."): in {status?, made_on?, served_at?, serving_officer?,
 * ends_on?, varied_on?, breach_on? (adds a breach), expired_on?, discharged_on?,
 * travel_restricted?, travel_from?, travel_until?, notified_at?, name_change_at? (a
 * change of name or address by an SRO's subject, R-ORD-3), change_notified? ({index,
 * notified_at}: that change notified), until? (a marker removed, a tactic ended), note?
 * (why, kept in the history)}. Checked by order_change_validate (R-ORD-4) as a whole.
 * -> the order's view with "outcome_added".
 */
int app_order_change(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

/* The order `id` with its breaches, changes, history, its deadlines (R-DL-4: due, status
 * and time left at the actor's clock) and the outcome code it warrants. Audited. */
int app_order_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);

/* Person of concern `id`'s orders and disruptions (covert ones for entitled police only),
 * outcome codes and criminal justice cases with their attrition (R-OUTC-2):
 * {person: {id, label}, orders: [...], outcomes: [...], cj_cases: [...], attrition}.
 * Audited. */
int app_person_orders(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

/* Place `id`'s orders and disruptions: {place: {id, label}, orders: [...]}. Audited. */
int app_place_orders(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

/*
 * R-ORD-4, R-ORD-5, R-MASE-7: the disruption summary of borough `id` (id, name or code;
 * NULL: the actor's): {borough, orders: [{type, label, status, count}], orders_total,
 * tactics: {records, shown, considered, in_place, not_applicable, not_considered,
 * options: [{code, label, considered, in_place, not_applicable, not_considered}]},
 * actions: {open, overdue}}. Counts only: covert tactics and the restricted options
 * counted for entitled police alone. Any role that sees records or persons. Audited.
 */
int app_disruption_summary(struct db *db, const struct actor *who, const char *id, json_t *in,
                           json_t **out, struct app_err *err);

#endif
