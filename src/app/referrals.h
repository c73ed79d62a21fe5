/*
 * referrals.h: filing and reading referrals (R-SIGN-*, R-REC-1, R-REC-2, R-PATH-1..5,
 * R-FLAG-1): a referral finds or creates the child, is routed by the protocol and joins
 * the child's one record when it takes the exploitation pathway.
 * Each use case is one transaction: authorise, apply the protocol, write, audit. Input
 * is a JSON object (from the API, a form or a file); output a view. Field names are
 * documented in docs/api.md.
 */
#ifndef LANTERN_APP_REFERRALS_H
#define LANTERN_APP_REFERRALS_H

#include "app/app.h"

/*
 * Files a referral. in: {"child_id" | "child": {...}, "confirm_new_child"?,
 * "came_to_notice_at"?, "circumstances", "signs": [{code, evidence, seen_on}],
 * "rationale" (naming the signs) | "no_sign_rationale" (when no sign), "people_involved"?,
 * "exploitation_types"?, "models"?, "online"?, "group"?, "gang"?, "police"?: {
 * "risk_review", "merlin_pac", "other_info", "initial_category", "contact", "category_rationale"}}.
 * Finds or creates the child (R-REC-1: possible matches are returned as APP_CONFLICT
 * with {"candidates": [...]}), routes it (R-PATH-1..4, R-SIGN-2), creates or updates
 * the ES-flagged record, appends the chronology, derives flags.
 * out: {"referral_id", "child_id", "record_ref" (null when not the CSE pathway), "route",
 * "rule", "steps": [{who, rule, text}], "cse_pathway", "record_action": "created" |
 * "updated" | null}.
 */
int app_referral_submit(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err);
int app_referral_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

#endif
