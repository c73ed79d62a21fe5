/*
 * session.h: the cryptographic parts of sessions, and the session cookie.
 *
 * A session token is 32 random bytes from libsodium (256 bits), sent to the browser
 * as 43 characters of unpadded base64url in the cookie
 *   __Host-lantern=TOKEN; Path=/; Secure; HttpOnly; SameSite=Strict
 * and stored by the server only as its hash, BLAKE2b-256 in lower-case hex (64
 * characters): a copy of the database does not let anyone sign in as a user.
 * The __Host- prefix makes browsers refuse the cookie unless it is Secure, has
 * Path=/ and no Domain, so it cannot be set by a sibling subdomain.
 *
 * `secure_cookies = false` (config) drops `Secure` and the `__Host-` prefix (a
 * browser will not store a __Host- cookie without Secure), and is only for plain HTTP
 * on 127.0.0.1 (`make run`): browsers do not send Secure cookies over http://, so
 * without it nobody could sign in to a local server without TLS. Never turn it off on
 * a server reached over a network.
 */
#ifndef LANTERN_WEB_SESSION_H
#define LANTERN_WEB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "util/buf.h"

#define SESSION_TOKEN_BYTES 32
#define SESSION_TOKEN_LEN 43 /* base64url, no padding */
#define SESSION_HASH_HEX 64  /* BLAKE2b-256 in hex */
#define SESSION_COOKIE_SECURE "__Host-lantern"
#define SESSION_COOKIE_PLAIN "lantern"

/* The signed-in user of a request, filled by the dispatcher from the session cookie
 * (or a personal API token) before the handler runs. `actor` is what handlers pass to
 * the app/ use cases. */
struct web_session {
	char token_hash[SESSION_HASH_HEX + 1]; /* sessions.token_hash (or the API token's) */
	char csrf[SESSION_TOKEN_LEN + 1];      /* this session's CSRF token ("" for Bearer) */
	char agency_name[160];
	bool bearer; /* authenticated by an Authorization: Bearer token */
	struct actor actor;
	int64_t ends_at;           /* when it ends unless used again (Unix seconds; 0: Bearer) */
	bool ends_absolute;        /* ends_at is its absolute end, which use does not move */
	bool must_change_password; /* only the password page until a new one is set */
};

/* Calls sodium_init() once; returns 0 or -1. Safe from any thread. */
int session_crypto_init(void);
/* A new random token (NUL-terminated, SESSION_TOKEN_LEN characters). Returns 0/-1. */
int session_token_new(char out[SESSION_TOKEN_LEN + 1]);
/* True if s looks like a token: exactly SESSION_TOKEN_LEN base64url characters. */
bool session_token_wellformed(const char *s);
/* The stored form of a token: BLAKE2b-256 hex, NUL-terminated. */
void session_token_hash(const char *token, char out[SESSION_HASH_HEX + 1]);

/* The cookie name for the configuration ("__Host-lantern" or "lantern"). */
const char *session_cookie_name(bool secure);
/* Writes a Set-Cookie value for token into out (max_age_s > 0 sets Max-Age; 0 makes
 * a browser-session cookie). token NULL writes a cookie that clears it (Max-Age=0).
 * Returns 0, or -1 if out is too small. */
int session_cookie_format(char *out, size_t outlen, const char *token, bool secure,
                          int64_t max_age_s);

/*
 * Sealing text with a key made from a token (a form kept across a sign-in,
 * web/resume.h): XSalsa20-Poly1305 (crypto_secretbox) under BLAKE2b-256 of the token
 * keyed with a fixed label, so the key is not the token's stored hash. session_seal
 * returns base64 of nonce and ciphertext (malloc'd; NULL on failure). session_unseal
 * returns the text (malloc'd, NUL-terminated, its length in *len), or NULL when the
 * sealed text is malformed, was made with another token or was changed.
 */
char *session_seal(const char *token, const void *data, size_t len);
char *session_unseal(const char *token, const char *sealed, size_t *len);

/* Constant-time comparison of two NUL-terminated tokens (sodium_memcmp); false if
 * either is NULL or their lengths differ (length is not secret). */
bool csrf_token_equal(const char *expected, const char *given);

#endif
