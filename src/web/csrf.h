/*
 * csrf.h: cross-site request forgery defences for state-changing requests (POST, PUT,
 * PATCH, DELETE), checked by the dispatcher before any handler runs:
 *
 *  1. Origin: if the request carries Sec-Fetch-Site (every current browser sends it,
 *     and no page can forge it), it must be "same-origin" (or "none": typed by the
 *     user) and decides alone. Otherwise, if it carries Origin, that must equal this
 *     server's own origin (scheme + Host), and "Origin: null" is refused. Sec-Fetch-Site
 *     goes first because with `Referrer-Policy: no-referrer` (which Lantern sends)
 *     browsers send "Origin: null" even on same-origin form posts. Browsers send at
 *     least one of these on every cross-site POST, so a forged request is refused even
 *     before the token is looked at. Clients without either (curl, integrations) pass
 *     this step.
 *  2. Token: requests authenticated by the session cookie must carry the session's
 *     CSRF token, in the form field `csrf_token` or the X-CSRF-Token header, compared
 *     in constant time. Requests authenticated by a Bearer token need none (a browser
 *     never attaches one by itself).
 *
 * Every session gets its own CSRF token (same shape as a session token) at sign-in.
 */
#ifndef LANTERN_WEB_CSRF_H
#define LANTERN_WEB_CSRF_H

#include <stdbool.h>

#include "web/request.h"

#define CSRF_FIELD "csrf_token"
#define CSRF_HEADER "X-CSRF-Token"

/* Step 1 above. `tls` says which scheme this server is reached by. */
bool csrf_origin_ok(const struct request *req, bool tls);
/* Step 2: `given` (from the form or header) against the session's token. */
bool csrf_token_ok(const char *session_token, const char *given);

#endif
