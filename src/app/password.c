/* password.c: argon2id password hashing through libsodium (see password.h). */
#include "app/password.h"

#include <pthread.h>
#include <sodium.h>

#include "util/parse.h"

#define PW_OPS 2
#define PW_MEM ((size_t)19 << 20)

static void password_init(void)
{
	if (sodium_init() < 0)
		abort();
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	password_init();
	return crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPS, PW_MEM,
	                             crypto_pwhash_ALG_ARGON2ID13) == 0
	               ? 0
	               : -1;
}

bool password_verify(const char *pw, const char *hash)
{
	password_init();
	if (!hash || strlen(hash) >= PASSWORD_HASH_MAX || strncmp(hash, "$argon2id$", 10) != 0)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool password_needs_rehash(const char *hash)
{
	password_init();
	return crypto_pwhash_str_needs_rehash(hash, PW_OPS, PW_MEM) != 0;
}

const char *password_policy(const char *pw)
{
	if (!pw || !utf8_valid(pw, strlen(pw)))
		return "The password must be text (valid UTF-8).";
	size_t n = utf8_length(pw);
	if (n < PASSWORD_MIN_LEN)
		return "The password must be at least 12 characters long.";
	if (n > PASSWORD_MAX_LEN)
		return "The password must be at most 256 characters long.";
	return NULL;
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
	if (password_hash("lantern-dummy-password", dummy_hash) < 0)
		dummy_hash[0] = '\0';
}

void password_burn(const char *pw)
{
	pthread_once(&dummy_once, dummy_init); /* server threads may race here */
	(void)password_verify(pw, dummy_hash);
}
