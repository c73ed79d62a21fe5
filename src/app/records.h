/*
 * records.h: use cases on the child's one record (R-REC-*, R-SIGN-*, R-PATH-*, R-CAT-*,
 * R-FLAG-*, R-OUT-*). Each is one transaction: authorise, apply the protocol, write,
 * audit. Input is a JSON object (from the API, a form or a file); output a view.
 * Field names are documented in docs/api.md.
 */
#ifndef LANTERN_APP_RECORDS_H
#define LANTERN_APP_RECORDS_H

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
int app_referral_submit(struct db *db, const struct actor *who, json_t *in, json_t **out,
                        struct app_err *err);
int app_referral_get(struct db *db, const struct actor *who, const char *id, json_t **out,
                     struct app_err *err);

/* The record's full view: summary, child, flags, outcomes, age band, chronology,
 * category history, checklists, references. Audited as a view. */
int app_record_get(struct db *db, const struct actor *who, const char *ref, json_t **out,
                   struct app_err *err);
/* The same view as serialised JSON text (one reference: view_text_release), kept
 * between changes in the view cache (viewcache.h); authorised and audited per call. */
struct view_text;
int app_record_view(struct db *db, const struct actor *who, const char *ref, struct view_text **out,
                    struct app_err *err);
/* As app_record_view, but where the process keeps a view log the view's audit event is
 * handed to its writer instead of waited for: then *pending is true and done(ctx, rc)
 * is called later, on another thread, with DB_OK once the event committed. The caller
 * must not disclose *out before that (and not at all on a failure). Otherwise (a
 * restricted record's break-glass, no view log) the event is already committed when
 * this returns and *pending is false. */
int app_record_view_async(struct db *db, const struct actor *who, const char *ref,
                          struct view_text **out, bool *pending, void (*done)(void *ctx, int rc),
                          void *ctx, struct app_err *err);
/* The chronology only, newest first, superseded entries marked. */
int app_record_timeline(struct db *db, const struct actor *who, const char *ref, json_t **out,
                        struct app_err *err);

/* in: {"category": 1-3, "contact": "contact"|"online" (category 2), "rationale",
 * "kind"?: "initial"|"supervisor"|"assessment_team", "exploitation_borough"?,
 * "indicators"?: [App B codes], "decided_at"?} */
int app_category_decide(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);
/* in: {"items": [{"ticked": true, "note": ...} x6], "threat_to_life_appropriate"?,
 * "threat_to_life_done"?} (R-PATH-6) */
int app_supervisor_review(struct db *db, const struct actor *who, const char *ref, json_t *in,
                          json_t **out, struct app_err *err);
/* in: the E1-E5 answers (R-PATH-7); out lists what is still outstanding. */
int app_essential_steps(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);
/* in: {"occurred_at", "nature": "fact"|"opinion", "people_involved": [..], "text"}
 * (R-REC-3); or with "supersedes": entry id, a correction (R-REC-6). */
int app_record_add_entry(struct db *db, const struct actor *who, const char *ref, json_t *in,
                         json_t **out, struct app_err *err);
/* in: {"code": "MI", "achieved_on", "note"?} (R-OUT-1) */
int app_outcome_add(struct db *db, const struct actor *who, const char *ref, json_t *in,
                    json_t **out, struct app_err *err);
/* in: {"kind": "crime_number"|"non_crime_number"|"merlin_pac"|"csc_case", "value",
 * "crime_allegation"?} (R-REC-4, R-REC-5) */
int app_external_ref_add(struct db *db, const struct actor *who, const char *ref, json_t *in,
                         json_t **out, struct app_err *err);
/* in: {"exploitation_types": [...], "models": [...], "online"?, "group"?, "gang"?}
 * (R-DEF-3, R-FLAG-3, R-FLAG-4) */
int app_record_classify(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);

/* R-INFO-3. in: {"restricted": true|false, "reason" (required when restricting)}. Police
 * supervisors and CSC managers only. Opening a restricted record afterwards needs a
 * reason in actor.purpose (break-glass): each opening is logged for review. */
int app_record_restrict(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);
/* R-INFO-3. Reviews a break-glass opening (id "rax_..."): in {"note"}. Not by the person
 * who opened it. */
int app_restricted_access_review(struct db *db, const struct actor *who, const char *id, json_t *in,
                                 json_t **out, struct app_err *err);

#endif
