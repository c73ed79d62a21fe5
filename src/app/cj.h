/*
 * cj.h: use cases about criminal justice outcomes (R-OUTC-2) and referrals of trafficked
 * children to the National Referral Mechanism (R-DL-6). Each is one transaction with its
 * audit event, in the shape every use case shares.
 *
 * A criminal justice case follows one person of concern from arrest through referral to
 * the CPS, the decision, the charge (with the offence), the result at court and the
 * sentence (cj_case_validate checks it whole). An arrest or a charge newly recorded on
 * a case is recorded as a disruption of that type too (R-ORD-4), and a charge adds FQ to
 * the person in the same transaction (R-OUT-4, R-OUT-5) with a chronology entry on the
 * record of each child linked to them. Attrition from referred to charged to convicted
 * is computed from the cases (cj_attrition), per person, per network or per borough.
 *
 * Case input: {person_id, network?, arrested_on?, referred_on?, decision?: charge |
 * no_further_action | more_evidence | out_of_court, decided_on?, charged_on?, offence?,
 * result?: convicted | acquitted | discontinued, result_on?, sentenced_on?, sentence?,
 * borough?} (dates YYYY-MM-DD; an update gives only what changes).
 */
#ifndef LANTERN_APP_CJ_H
#define LANTERN_APP_CJ_H

#include "app/app.h"

/* Opens a case on a person of concern the actor sees (a practitioner role). -> the
 * case's view {..., disruptions_added: [ids], outcome_added}. Refusals name R-OUTC-2
 * and the field; nothing is written. */
int app_cj_case_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);
/* Updates case `id` ("cjc_...") with the fields given; the whole case is checked again. */
int app_cj_case_update(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);
/* The case `id`. Audited. */
int app_cj_case_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);
/*
 * R-OUTC-2: cases and their attrition. in (the query) {person_id?, network?, borough?,
 * from?, to?} (from and to bound the referral dates of the cohort). -> {cases: [...]
 * (those about persons the actor sees), attrition: {referred, charged, convicted,
 * awaiting_decision, awaiting_result, arrests, charges, convictions}}. Audited.
 */
int app_cj_cases(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err);

/*
 * R-DL-6: refers child `id` ("ch_...") to the National Referral Mechanism: in
 * {referred_at? (default now), reference?, note?}. Starts the reflection and recovery
 * period (at least 45 days, the deadline engine's "nrm_reflection"), adds an entry to
 * the child's record chronology. -> the referral's view with "reflection_ends_at".
 */
int app_nrm_refer(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);
/* Records a decision on NRM referral `id` ("nrm_..."): in {grounds: reasonable |
 * conclusive, decision: positive | negative, on: YYYY-MM-DD}. A conclusive grounds
 * decision closes the deadline. -> the referral's view. */
int app_nrm_decide(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);
/* Child `id`'s NRM referrals with their reflection periods at the actor's clock:
 * {referrals: [{..., reflection_ends_at, state, time_left}]}. Audited. */
int app_child_nrm(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);

#endif
