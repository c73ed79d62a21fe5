/*
 * record_view.h: reading the child's one record: the whole view (kept in the view cache
 * between changes) and the chronology alone. A view is audited before it is returned;
 * a restricted record opens only with a reason (R-INFO-3).
 * Output field names are documented in docs/api.md.
 */
#ifndef LANTERN_APP_RECORD_VIEW_H
#define LANTERN_APP_RECORD_VIEW_H

#include "app/app.h"

/* The record's full view: summary, child, flags, outcomes, age band, chronology,
 * category history, checklists, references. Audited as a view. */
int app_record_get(struct db *db, const struct actor *who, const char *ref, json_t *in,
                   json_t **out, struct app_err *err);
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
int app_record_chronology(struct db *db, const struct actor *who, const char *ref, json_t *in,
                          json_t **out, struct app_err *err);

#endif
