/*
 * pages.h: what the page handlers (pages_*.c) share: rendering a form built from field
 * specs, turning a use case's result into the right answer (303, a re-rendered form
 * with errors, or an error page), and small view helpers (UK times, labels).
 */
#ifndef LANTERN_WEB_PAGES_H
#define LANTERN_WEB_PAGES_H

#include <jansson.h>

#include "app/app.h"
#include "web/formspec.h"
#include "web/page.h"
#include "web/request.h"

struct form_page {
	const char *title; /* <title> text */
	const char *caption, *heading, *intro, *warning;
	const char *back_href, *back_text;
	const char *action, *submit;
	const struct fs_field *specs;
	size_t n;
	json_t *values; /* defaults for a fresh form (borrowed; may be NULL) */
	json_t *facts;  /* [{key, value}] shown above the form (borrowed; may be NULL) */
	const char *link_href, *link_text; /* a link shown above the form, or NULL */
	const char *saved; /* what the form saves, for the banner after ("The risk level"
	                      gives "The risk level saved"); NULL: "Saved: <title>" */
};

/* Renders templates/form_page.html for fp; refilled from req->form when it is set
 * (after a POST), else from fp->values. */
void pages_form(struct request *req, struct response *resp, int status, const struct form_page *fp,
                const struct field_errors *errs);
/* Copies a use case's errors into errs, linking each to the spec field it concerns. */
void pages_app_errors(struct request *req, const struct app_err *err, const struct fs_field *specs,
                      size_t n, struct field_errors *errs);
/* Adds an error for a field to errs: a second message for the same field gets a slot
 * of its own (the summary lists it), the same message twice is kept once. */
void pages_add_error(struct field_errors *errs, const char *field, const char *message);
/* When the page's own reading of a form found errors (errs->n > 0), the use case uc is
 * still asked to check the rest of `in`, as the request's actor with check_only set
 * (it keeps nothing even when the rest is right), and its errors are added, linked to
 * the specs, so that all of a form's errors show at once. */
void pages_check_rest(struct request *req, app_uc *uc, const char *id, json_t *in,
                      const struct fs_field *specs, size_t n, struct field_errors *errs);
/* Answers a failed use case on a form route: 422/409 re-render fp with the errors;
 * 404/403/5xx the error page. */
void pages_fail(struct request *req, struct response *resp, const struct app_err *err,
                const struct form_page *fp);
/* The view of a reading use case uc (the one use-case shape, app/app.h) on `id`, run
 * as the request's actor: the page loader every page shares. NULL after answering
 * (503 without a database; else pages_error: the error page, or for a restricted
 * record the page asking for a reason, R-INFO-3). */
json_t *pages_load(struct request *req, struct response *resp, app_uc *uc, const char *id);
/* Answers a failed use case on a page without a form (error page by status). */
void pages_error(struct request *req, struct response *resp, const struct app_err *err);
/* R-INFO-3: the page asking for the reason to open restricted record `ref`. */
void pages_restricted(struct request *req, struct response *resp, const char *ref,
                      const struct field_errors *errs);
/* The posted form (400 page sent and NULL when there is none). */
const struct form *pages_posted(struct request *req, struct response *resp);
/* The posted form read through the n specs into a new JSON object, with errs
 * initialised to its field errors; NULL (answered 400) when no form was posted, or
 * (answered 500) when out of memory. */
json_t *pages_posted_json(struct request *req, struct response *resp, const struct fs_field *specs,
                          size_t n, struct field_errors *errs);

/* "28 Nov 2026, 18:05" (UK time) for a UTC text time, in the request's pool; "" when
 * NULL or malformed. */
const char *pages_when(struct request *req, const char *utc);
/* "3 Mar 2011" for "2011-03-03"; "Not known" for NULL. */
const char *pages_date(struct request *req, const char *date);
/* Adds `<key>_when` (UK time text) next to each UTC time member named in keys
 * (NULL-terminated) of o; for arrays of objects, to each element. */
void pages_add_when(struct request *req, json_t *o, const char *const *keys);
/* The label of a code in a reference table, or the code itself. */
const char *pages_label(enum ref_table t, const char *code);
/* A pool string made with printf. */
const char *pages_fmt(struct request *req, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* A redirect (303) to a pool-built path. */
void pages_redirect(struct request *req, struct response *resp, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Runs use case fn as the signed-in user on `id` with `in` (which it releases): its
 * code, with *out on APP_OK and the error in err otherwise. *answered when the response
 * was already sent (no database: APP_FAILED). */
int pages_run_uc(struct request *req, struct response *resp, app_uc *fn, const char *id, json_t *in,
                 json_t **out, struct app_err *err, bool *answered);
/* What pages_post did with a posted form. */
enum pages_post_rc {
	PAGES_POST_SAVED,    /* the use case did it: *out holds its view (the caller releases it)
	                        and the caller answers, as a rule with a redirect */
	PAGES_POST_REFUSED,  /* the input was refused (by the page's own reading of the form, or
	                        by the use case: 422/409): the caller shows the form again with
	                        errs, or with err when errs is empty (errs->n ? NULL : err) */
	PAGES_POST_ANSWERED, /* answered already: 503 without a database, or the error page for
	                        any other refusal (pages_error) */
};
/* The POST of a page form, once read into `in` through its n specs (errs holding what
 * the page's reading found: pages_posted_json, formspec_to_json) and adjusted: with
 * errors, use case fn only checks the rest (pages_check_rest), so that all of the
 * form's errors show at once; else fn runs on `id` as the signed-in user (pages_run_uc).
 * Releases in; clears err first. */
enum pages_post_rc pages_post(struct request *req, struct response *resp, app_uc *fn,
                              const char *id, json_t *in, const struct fs_field *specs, size_t n,
                              struct field_errors *errs, struct app_err *err, json_t **out);
/* The string member key of o, or "" */
const char *pages_str(json_t *o, const char *key);

#endif
