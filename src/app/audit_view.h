/*
 * audit_view.h: reading the audit log (auditors only, and the command line). Reading
 * the log is itself audited. Nobody can change or delete events through Lantern.
 */
#ifndef LANTERN_APP_AUDIT_VIEW_H
#define LANTERN_APP_AUDIT_VIEW_H

#include "app/app.h"

/* in (all optional): {"user_id", "username" (a field error when there is no such user),
 * "record_ref", "entity_id", "action", "from", "to" (UK dates YYYY-MM-DD: events on or
 * after the first and on or before the second), "before_seq" (for the next page),
 * "limit" (1..200, default 50), "verify" (true: also walk the whole hash chain, which
 * takes time in proportion to the log)}. Each event's "fields" names what it changed
 * or showed. out: {"events": [...],
 * "next": seq or null, "chain": {"intact": bool, "events": N, "problem"?} or null when
 * not verified} with events newest first. */
int app_audit_list(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

#endif
