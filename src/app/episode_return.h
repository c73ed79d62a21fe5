/*
 * episode_return.h: the child's return from a missing episode and what follows it
 * (App E; R-MISS-5..8): the return, the police Safe and Well Check, and the independent
 * Return Interview, offered and then recorded.
 * Each use case is one transaction: authorise, apply the protocol, write, audit; a
 * refusal writes nothing. Seeing an episode needs what seeing the child needs
 * (authz_child_view); changing one needs a practitioner role too. Times in input are
 * ISO 8601 with a zone; a missing time means now. Output times are UTC text.
 */
#ifndef LANTERN_APP_EPISODE_RETURN_H
#define LANTERN_APP_EPISODE_RETURN_H

#include "app/app.h"

/* The child was found or came back. in: {"returned_at"?, "where"?, "with"?: [name |
 * {"name", "child_id"?}], "csc_interviewer"?: username or name}. Refused when
 * returned_at is before the report or in the future. out lists what is now due. */
int app_episode_return(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);
/* R-MISS-5: the police Safe and Well Check. in: {"done_at"?, "done_by"?: username or
 * name (default: the actor), "where_found", "found_with"?: [..], "what_happened",
 * "crime_alleged"?, "crime_number"? (required with an allegation)}. The crime number
 * is linked to the child's record (R-REC-5) when the child has one; the result says
 * when there is no record to link it to. */
int app_safe_and_well(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);
/* R-MISS-6, R-MISS-7: offers the Return Interview. in: {"interviewer": username or name,
 * "interviewer_role"?, "interviewer_agency"?, "child_asked": true, "child_preference",
 * "parents_carers"?: [names], "offered_at"?}. Refused before the return, and when the
 * interviewer is a parent/carer or did the police or social care interview. */
int app_return_interview_offer(struct db *db, const struct actor *who, const char *id, json_t *in,
                               json_t **out, struct app_err *err);
/* R-MISS-6, R-MISS-8: records the interview's progress. in: {"status": "accepted" |
 * "declined" | "completed", "at"?, "findings" (required when completed)}. Completed
 * findings are appended to the child's record chronology when the child has a record;
 * the result says so ("record_entry_id") or says there is no record. */
int app_return_interview_record(struct db *db, const struct actor *who, const char *id, json_t *in,
                                json_t **out, struct app_err *err);

#endif
