/* session.c: session tokens, their hashes, the cookie and sealing (see session.h). */
#include "web/session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>

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

/* The sealing key for token: BLAKE2b-256 of the token, keyed with a fixed label. */
static void seal_key(const char *token, unsigned char key[crypto_secretbox_KEYBYTES])
{
	static const char label[] = "lantern kept form sealing key v1";
	crypto_generichash(key, crypto_secretbox_KEYBYTES, (const unsigned char *)token,
	                   strlen(token), (const unsigned char *)label, sizeof label - 1);
}

char *session_seal(const char *token, const void *data, size_t len)
{
	if (session_crypto_init() < 0 || !token || len > ((size_t)1 << 24))
		return NULL;
	size_t raw = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *box = malloc(raw);
	size_t b64 = sodium_base64_ENCODED_LEN(raw, sodium_base64_VARIANT_ORIGINAL);
	char *out = malloc(b64);
	unsigned char key[crypto_secretbox_KEYBYTES];
	if (!box || !out) {
		free(box);
		free(out);
		return NULL;
	}
	seal_key(token, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, data, len, box, key);
	sodium_bin2base64(out, b64, box, raw, sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(key, sizeof key);
	sodium_memzero(box, raw);
	free(box);
	return out;
}

char *session_unseal(const char *token, const char *sealed, size_t *len)
{
	*len = 0;
	if (session_crypto_init() < 0 || !token || !sealed)
		return NULL;
	size_t n = strlen(sealed), raw = 0;
	unsigned char *box = malloc(n + 1);
	if (!box)
		return NULL;
	char *out = NULL;
	if (sodium_base642bin(box, n + 1, sealed, n, NULL, &raw, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) == 0 &&
	    raw >= crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
		size_t plain = raw - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
		unsigned char key[crypto_secretbox_KEYBYTES];
		seal_key(token, key);
		out = malloc(plain + 1);
		if (out && crypto_secretbox_open_easy(
		                   (unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
		                   raw - crypto_secretbox_NONCEBYTES, box, key) == 0) {
			out[plain] = '\0';
			*len = plain;
		} else {
			free(out);
			out = NULL;
		}
		sodium_memzero(key, sizeof key);
	}
	free(box);
	return out;
}
