/*
 * episodes.h: use cases on episodes of children who go missing or absent (App E, App C;
 * R-MISS-1..4, R-MISS-10): reporting and classifying an episode, escalation and the
 * risk level, the episode's view, and the child's episodes with repeat counts and the
 * children missing with them. What follows the return is in episode_return.h and
 * forensic.h; the profile in profile.h; the deadline sections of the work queue in
 * episode_deadlines.h; the statutory exports in exports.h.
 *
 * Each use case is one transaction: authorise, apply the protocol, write, audit; a
 * refusal writes nothing. Seeing an episode needs what seeing the child needs
 * (authz_child_view); changing one needs a practitioner role too. Reporting a child
 * missing needs a practitioner role and makes the reporter's agency involved with the
 * child, as a referral does.
 *
 * Times in input are ISO 8601 with a zone; a missing time means now. Output times are
 * UTC text.
 */
#ifndef LANTERN_APP_EPISODES_H
#define LANTERN_APP_EPISODES_H

#include "app/app.h"

/*
 * Reports a child missing or absent. in: {"child_id", "reported_at"?, "missing_from":
 * "home"|"care"|"school"|"other", "last_seen_at"?, "last_seen_where"?,
 * "last_seen_with"?: [name | {"name", "child_id"?}], "parents_carers"?: [names],
 * "classification"?: "absent"|"missing" (omitted: Lantern classifies), "auto_correct"?,
 * "whereabouts_known"?, "out_of_character"?, "context_suggests_risk"?,
 * "risk_identified"?, "risk_level"?: "no_apparent_risk"|"low"|"medium"|"high"}.
 * R-MISS-1..3: an 'absent' that the rules forbid is refused (APP_INVALID naming
 * R-MISS-2 or R-MISS-3) unless auto_correct, when it is classed 'missing' and the
 * result says why. out: {"id", "child_id", "classification", "rule", "reason",
 * "corrected", "escalation_due_at"?, "profile"?: the child's profile when one exists}.
 */
int app_episode_report(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);
/* The episode with its history, checks, interview and decisions, and what is still
 * to do (prompts). Audited as a view. */
int app_episode_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);
/* R-MISS-4: escalates an open 'absent' episode to 'missing'. in: {"reason",
 * "risk_level"?}. APP_CONFLICT if the episode is not open and absent. */
int app_episode_escalate(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);
/* Sets the risk level. in: {"risk_level", "reason"}. A risk above no apparent risk on
 * an absent episode escalates it to missing (R-MISS-4, reason risk identified). */
int app_episode_risk(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);
/* R-MISS-4, R-DL-2: for the scheduler and `lantern deadlines run`. Escalates, as the
 * system, every open absent episode whose managed timeframe (seconds; <= 0 means the
 * default 6 hours) has passed at `now`, with reason 'managed timeframe passed'. One
 * transaction. out: {"escalated": [{"episode_id", "child_id", "reported_at",
 * "due_at"}], "count"}. */
int app_episodes_escalate_due(struct db *db, int64_t now, int64_t timeframe, json_t **out,
                              struct app_err *err);

/* R-MISS-10: the child's episodes (newest first), repeat counts over 30/90/365 days,
 * and children who went missing with them. out: {"child_id", "episodes", "repeat":
 * {"days_30", "days_90", "days_365"}, "co_missing": [...], "episodes_count",
 * "co_missing_count"}. in (optional, for pages): {"limit": N (1..500), "page": P}: only
 * page P of N of the episodes and of the children missing together (the counts are of
 * all); without it, all. */
int app_child_episodes(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                       json_t **out, struct app_err *err);

#endif
