/*
 * work.h: a user's work queue ("my work"): what is waiting for them or their team,
 * with counts. Sections depend on the user's roles; each lists items the user may
 * open. Missing-episode deadlines (app/episodes.h) are further sections; other
 * deadlines (reviews, orders) join the same way.
 */
#ifndef LANTERN_APP_WORK_H
#define LANTERN_APP_WORK_H

#include "app/app.h"

/* out: {"sections": [{"key", "title", "count", "items": [...]}], "total": N} */
int app_work_queue(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

#endif
