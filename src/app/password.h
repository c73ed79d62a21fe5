/*
 * password.h: password hashing with argon2id (libsodium crypto_pwhash_str). Costs:
 * 2 passes over 19 MiB (the OWASP minimum for argon2id), stored in the encoded string so
 * that raising them later re-hashes on the next sign-in (password_needs_rehash).
 */
#ifndef LANTERN_PASSWORD_H
#define LANTERN_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define PASSWORD_MIN_LEN 12
#define PASSWORD_MAX_LEN 256

/* Hashes `pw` into out. Returns 0, or -1 (out of memory). */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* Constant-time verification. False for any malformed hash. */
bool password_verify(const char *pw, const char *hash);
bool password_needs_rehash(const char *hash);
/* A password policy check: length 12..256 characters of valid UTF-8. Returns NULL if
 * acceptable, else a message for the user. */
const char *password_policy(const char *pw);
/* Verifies against a fixed dummy hash, for the same cost when a user is unknown (no
 * user enumeration by timing). */
void password_burn(const char *pw);

#endif
