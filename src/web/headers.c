/* headers.c: security headers on every response (see headers.h). */
#include "web/headers.h"

int headers_apply(struct response *resp, bool tls)
{
	int rc = 0;
	rc |= response_set_header(resp, "Content-Security-Policy", HEADERS_CSP);
	rc |= response_set_header(resp, "X-Content-Type-Options", "nosniff");
	rc |= response_set_header(resp, "Referrer-Policy", "no-referrer");
	rc |= response_set_header(resp, "X-Frame-Options", "DENY");
	rc |= response_set_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	rc |= response_set_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	rc |= response_set_header(resp, "Permissions-Policy",
	                          "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
	if (resp->cacheable)
		rc |= response_set_header(resp, "Cache-Control", "public, max-age=86400");
	else
		rc |= response_set_header(resp, "Cache-Control", "no-store");
	if (tls)
		rc |= response_set_header(resp, "Strict-Transport-Security",
		                          "max-age=31536000; includeSubDomains");
	return rc ? -1 : 0;
}
