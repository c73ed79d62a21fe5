/* fuzz_cookie.c: Cookie header parsing and the session-token checks on arbitrary
 * bytes (up to the first NUL, as a header would be). */
#include "web/request.h"
#include "web/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new(1 << 20);
	if (!p)
		return 0;
	char *h = pool_strndup(p, (const char *)data, size);
	if (h) {
		struct kv kv[REQUEST_MAX_COOKIES];
		int n = cookie_parse(p, h, kv, REQUEST_MAX_COOKIES);
		if (n > REQUEST_MAX_COOKIES)
			abort();
		for (int i = 0; i < n; i++) {
			if (!kv[i].name[0] || strchr(kv[i].name, ';') || strchr(kv[i].value, ';'))
				abort();
			if (session_token_wellformed(kv[i].value) &&
			    strlen(kv[i].value) != SESSION_TOKEN_LEN)
				abort();
		}
		char hash[SESSION_HASH_HEX + 1];
		session_token_hash(h, hash);
		if (strlen(hash) != SESSION_HASH_HEX)
			abort();
		if (csrf_token_equal(h, "fixed-token") != (strcmp(h, "fixed-token") == 0))
			abort();
	}
	pool_free(p);
	return 0;
}
