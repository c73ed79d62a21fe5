/* csrf.c: Origin / Sec-Fetch-Site and token checks (see csrf.h). */
#include "web/csrf.h"

#include "web/session.h"

bool csrf_origin_ok(const struct request *req, bool tls)
{
	const char *site = request_header(req, "Sec-Fetch-Site");
	if (site)
		return strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0;
	const char *origin = request_header(req, "Origin");
	if (!origin)
		return true;
	const char *host = request_header(req, "Host");
	if (!host || !*host)
		return false;
	char expected[300];
	int n = snprintf(expected, sizeof expected, "%s://%s", tls ? "https" : "http", host);
	if (n < 0 || (size_t)n >= sizeof expected)
		return false;
	return strcasecmp(origin, expected) == 0;
}

bool csrf_token_ok(const char *session_token, const char *given)
{
	return csrf_token_equal(session_token, given);
}
