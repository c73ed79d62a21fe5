/*
 * forensic.h: the forensic strategy decision after a child's return from a missing
 * episode (R-MISS-9).
 * Each use case is one transaction: authorise, apply the protocol, write, audit; a
 * refusal writes nothing. Seeing an episode needs what seeing the child needs
 * (authz_child_view); changing one needs a practitioner role too. Times in input are
 * ISO 8601 with a zone; a missing time means now. Output times are UTC text.
 */
#ifndef LANTERN_APP_FORENSIC_H
#define LANTERN_APP_FORENSIC_H

#include "app/app.h"

/* R-MISS-9: the questions the decision answers, in order: codes[i] is the input key,
 * texts[i] the question as the protocol words it. Fills at most max of each and returns
 * how many there are. Forms that ask them take their fields from here, so that a form
 * and the use case cannot disagree on a name. */
size_t app_forensic_questions(const char **codes, const char **texts, size_t max);

/* R-MISS-9. in: {"clothing", "early_evidence_kit", "devices": true, false or
 * "not_applicable" (considered; the codes app_forensic_questions gives),
 * "decision": "forensic_strategy"|"no_forensic_action", "rationale"}. */
int app_forensic_decision(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err);

#endif
