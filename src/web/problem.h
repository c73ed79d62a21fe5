/*
 * problem.h: RFC 9457 application/problem+json error responses for the API.
 *
 * Each kind of problem has a stable `type` URI of the form
 *   https://lantern.invalid/problems/<slug>
 * The `.invalid` top-level domain is reserved (RFC 2606), so the URIs are identifiers
 * that never resolve and never leak a request to a third party; docs/api.md lists
 * every slug. Clients should branch on `type` (and `rule`), never on `title` or
 * `detail`. `detail` is fixed text from the code: request data is never echoed.
 *
 * Body: {"type", "title", "status", "detail"?, "rule"?, "errors"?: [{field, message}]}
 */
#ifndef LANTERN_WEB_PROBLEM_H
#define LANTERN_WEB_PROBLEM_H

#include <jansson.h>

#include "web/fielderr.h"
#include "web/request.h"

#define PROBLEM_BASE "https://lantern.invalid/problems/"

enum problem_kind {
	PROBLEM_MALFORMED,       /* 400 malformed-request: body or query unparseable */
	PROBLEM_UNAUTHENTICATED, /* 401 unauthenticated: no valid session or token */
	PROBLEM_FORBIDDEN,       /* 403 forbidden: role or record rules deny it */
	PROBLEM_CSRF,            /* 403 csrf: CSRF token missing/wrong, or cross-origin */
	PROBLEM_NOT_FOUND,       /* 404 not-found: no such resource (or not visible) */
	PROBLEM_METHOD,          /* 405 method-not-allowed */
	PROBLEM_CONFLICT,        /* 409 conflict: state changed meanwhile */
	PROBLEM_DUPLICATE,       /* 409 possible-duplicate: R-REC-1 candidates (see candidates) */
	PROBLEM_TOO_LARGE,       /* 413 too-large: body over the cap */
	PROBLEM_MEDIA_TYPE,      /* 415 unsupported-media-type */
	PROBLEM_VALIDATION,      /* 422 validation: fields invalid (see errors) */
	PROBLEM_RULE,            /* 422 protocol-rule: a protocol rule refused (see rule) */
	PROBLEM_RATE_LIMITED,    /* 429 rate-limited */
	PROBLEM_INTERNAL,        /* 500 internal: logged with an id, nothing disclosed */
	PROBLEM_UNAVAILABLE,     /* 503 unavailable: database busy, try again */
	PROBLEM_KIND_COUNT
};

int problem_status(enum problem_kind k);
const char *problem_slug(enum problem_kind k);
const char *problem_title(enum problem_kind k);

/* Builds the problem object (new reference): detail may be NULL; errs may be NULL or
 * empty (then no `errors` member). */
json_t *problem_json(enum problem_kind k, const char *detail, const char *rule,
                     const struct field_errors *errs);

/* Sends a problem object built with problem_json (consumes it), as
 * application/problem+json with the given status. */
void problem_send(struct response *resp, int status, json_t *problem);
/* Fills resp with the problem: status, content type application/problem+json, body. */
void problem_respond(struct response *resp, enum problem_kind k, const char *detail);
/* 422 validation with the list of field errors. */
void problem_validation(struct response *resp, const struct field_errors *errs);
/* 422 protocol-rule: `rule` is the protocol rule ID (e.g. "R-CAT-4"); field and
 * message (may be NULL) describe what the rule refused. This is the mapping of an
 * app/protocol error {rule, field, message} to HTTP. */
void problem_rule(struct response *resp, const char *rule, const char *field, const char *message);

#endif
