/*
 * resume.h: carrying on after a session ends (WCAG 2.2.1): nothing typed is lost and
 * the user comes back to where they were.
 *
 * Where they were: a page asked for without a session answers 303 to
 * /sign-in?return=PATH; the sign-in page carries PATH in a hidden field and, once
 * signed in, sends the user there. A return path must be a local page path
 * (resume_path_ok): never another site, never the sign-in page itself, the API or a
 * static file.
 *
 * What they typed: a page form posted without a live session (it timed out while the
 * user typed) is kept (resume_keep): sealed with a fresh random key (web/session.h:
 * session_seal) and stored through app/kept_forms.h, which holds only the sealed text
 * and the key's hash. The key goes to the browser in a hidden field of the sign-in page
 * that answers the post, never in a URL or a cookie; the database alone cannot open
 * the form. Once the user signs in (resume_after_sign_in) the form is taken (used once)
 * and unsealed, and then:
 *  - if it came from the session of the user who signed in, with that session's CSRF
 *    token (trusted), it is sent at once: the route it was posted to runs in this
 *    request as the new session, and answers as it would have (a 303 to what was saved,
 *    or the form again, filled in, with its errors);
 *  - otherwise (the session that posted it was not known any more) it is kept again
 *    for the user who signed in, and a page asks them whether to send it (POST
 *    /session/kept), so that nothing is sent in anyone's name without their say.
 *    Such forms are kept at most at the pace of sign-in attempts from one address.
 * A form posted to sign out is not kept.
 */
#ifndef LANTERN_WEB_RESUME_H
#define LANTERN_WEB_RESUME_H

#include <jansson.h>
#include <stdbool.h>

#include "web/fielderr.h"
#include "web/request.h"

/* The longest return path kept. */
#define RESUME_PATH_MAX 512

/* True when p is a local page path to return to after signing in: "/" followed by at
 * most RESUME_PATH_MAX printable ASCII characters (no space, quote, angle bracket or
 * backslash), not "//", and not the sign-in or sign-out page, the session pages, the
 * API or a static file. */
bool resume_path_ok(const char *p);

/* "/sign-in?return=PATH" for the request's own path (percent-encoded), or "/sign-in"
 * when the path is not one to return to. In the request's pool. */
const char *resume_sign_in_url(struct request *req);

/* The sign-in page: username to refill (may be NULL), errors (may be NULL), the kept
 * form's key and the return path to carry (either may be NULL), and a notice shown
 * above the form (may be NULL). */
void resume_sign_in_page(struct request *req, struct response *resp, int status,
                         const char *username, const struct field_errors *errs,
                         const char *kept_key, const char *return_path, const char *notice);

/* Answers a page form posted without a live session: keeps it (see above) and answers
 * the sign-in page (401) carrying its key; a form that cannot be kept answers the 401
 * error page. */
void resume_keep(struct request *req, struct response *resp);

/* After a sign-in that made req->session: uses the kept form with key `kept_key` (see
 * above). Returns true when it answered the request, false when there was no such
 * form for this user (the caller then answers as it would have). */
bool resume_after_sign_in(struct request *req, struct response *resp, const char *kept_key);

/* POST /session/kept: the user chose to send ("send") or drop ("discard") a form kept
 * for them (the key in field "kept"). */
void resume_handle_kept(struct request *req, struct response *resp);

/* Adds to a page's template data what the layout shows of the session: "session":
 * {ends (UK time "14:32"), seconds_left, absolute, warn_seconds, return_path, now (UK
 * date and time the page was made, "6 Dec 2026, 14:05")}. */
void resume_page_data(struct request *req, json_t *d);

#endif
