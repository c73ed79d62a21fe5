/* session.c: session tokens, their hashes and the cookie (see session.h). */
#include "web/session.h"

#include <pthread.h>
#include <sodium.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_rc = -1;

static void do_init(void)
{
	init_rc = sodium_init() < 0 ? -1 : 0;
}

int session_crypto_init(void)
{
	pthread_once(&once, do_init);
	return init_rc;
}

int session_token_new(char out[SESSION_TOKEN_LEN + 1])
{
	if (session_crypto_init() < 0)
		return -1;
	unsigned char raw[SESSION_TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SESSION_TOKEN_LEN + 1, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

bool session_token_wellformed(const char *s)
{
	if (!s)
		return false;
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '-' || c == '_';
		if (!ok || n >= SESSION_TOKEN_LEN)
			return false;
	}
	return n == SESSION_TOKEN_LEN;
}

void session_token_hash(const char *token, char out[SESSION_HASH_HEX + 1])
{
	unsigned char h[32];
	session_crypto_init();
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, SESSION_HASH_HEX + 1, h, sizeof h);
}

const char *session_cookie_name(bool secure)
{
	return secure ? SESSION_COOKIE_SECURE : SESSION_COOKIE_PLAIN;
}

int session_cookie_format(char *out, size_t outlen, const char *token, bool secure,
                          int64_t max_age_s)
{
	char age[48] = "";
	if (!token)
		snprintf(age, sizeof age, "; Max-Age=0");
	else if (max_age_s > 0)
		snprintf(age, sizeof age, "; Max-Age=%lld", (long long)max_age_s);
	int n = snprintf(out, outlen, "%s=%s; Path=/%s; HttpOnly; SameSite=Strict%s",
	                 session_cookie_name(secure), token ? token : "", secure ? "; Secure" : "",
	                 age);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

bool csrf_token_equal(const char *expected, const char *given)
{
	if (!expected || !given)
		return false;
	size_t el = strlen(expected), gl = strlen(given);
	if (el == 0 || el != gl)
		return false;
	return sodium_memcmp(expected, given, el) == 0;
}
