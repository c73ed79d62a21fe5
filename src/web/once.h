/*
 * once.h: one-time tokens of page forms (app/form_tokens.h; docs/decisions.md). A form
 * page gets a token with once_issue and carries it in a hidden field `form_token`.
 * When such a form is posted, once_before claims the token before the page's handler
 * runs: a token an earlier POST already saved with answers 303 to where that POST went
 * (so the back button or a double click creates nothing), one still being saved is
 * waited for a moment. After the handler, once_after finishes the token when the page
 * saved (it answered 303), with where it went: that page then shows, once, a success
 * banner naming what was saved (once_banner; the address is not changed). Otherwise
 * the token is handed back for the corrected form. API routes and forms without a
 * token are untouched.
 */
#ifndef LANTERN_WEB_ONCE_H
#define LANTERN_WEB_ONCE_H

#include <stdbool.h>

#include "web/request.h"

/* The name of the hidden field. */
#define ONCE_FIELD "form_token"

/* A new token for a form on this page that saves `what` (words for the banner: "The
 * forensic strategy decision"; "" for no banner), in the request's pool; NULL when
 * none can be issued (no signed-in user or no database): the form works without. */
const char *once_issue(struct request *req, const char *what);
/* Before a page POST's handler. True when the request is answered already. */
bool once_before(struct request *req, struct response *resp);
/* After the handler of a POST once_before let through. */
void once_after(struct request *req, struct response *resp);
/* The banner's words for this page when a form the user just saved went here, or
 * NULL. One lookup on each page a signed-in user opens. */
const char *once_banner(struct request *req);

#endif
