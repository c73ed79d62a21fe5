/*
 * headers.h: the security headers every response carries (set in one place, after
 * the handler, so that no handler can forget them).
 */
#ifndef LANTERN_WEB_HEADERS_H
#define LANTERN_WEB_HEADERS_H

#include <stdbool.h>

#include "web/request.h"

#define HEADERS_CSP                                                                                \
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "          \
	"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

/*
 * Adds Content-Security-Policy, X-Content-Type-Options, Referrer-Policy,
 * X-Frame-Options, Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy,
 * Permissions-Policy and Cache-Control: "no-store" unless resp->cacheable (static
 * assets: public, one day). With `tls`, also Strict-Transport-Security (one year).
 * Replaces any value a handler set for these names. Returns 0 or -1 (header cap).
 */
int headers_apply(struct response *resp, bool tls);

#endif
