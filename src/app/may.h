/*
 * may.h: what the actor may do, asked by pages before they offer a link or a button, so
 * that no one is offered a form they cannot submit. Each answer comes from the same
 * protocol function the use case asks (named below), so the link and the use case
 * never disagree.
 */
#ifndef LANTERN_APP_MAY_H
#define LANTERN_APP_MAY_H

#include <stdbool.h>

#include "app/app.h"

/* File a referral or a missing report, add to a record the actor sees (chronology,
 * outcomes, references, essential steps, classification): access_may_file. */
bool app_may_file(const struct actor *who);
/* Make the category decision of the actor's role (R-CAT-3): category_may_decide with
 * category_kind_for, as app_category_decide. */
bool app_may_decide_category(const struct actor *who);
/* Make a supervisor review (R-PATH-6): supervisor_may_review, as
 * supervisor_review_validate. */
bool app_may_review(const struct actor *who);

/* Record a borough's meetings, their attendees and decisions (R-MASE-1, R-MASE-7):
 * mase_may_organise, as the meeting use cases (app/mase.h). */
bool app_may_organise_mase(const struct actor *who);
/* Record the actions and tactical options a meeting agreed (R-MASE-7):
 * mase_may_record_plan at a meeting, as app_action_add and app_tactic_mark with a
 * meeting's id. */
bool app_may_record_meeting_plan(const struct actor *who);

#endif
