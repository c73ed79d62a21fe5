/* checkpoint.c: signed audit checkpoints (see checkpoint.h). */
#include "audit/checkpoint.h"

#include <sodium.h>

#include "util/ltime.h"
#include "util/parse.h"

#define MAGIC "lantern-audit-checkpoint v1"

int audit_keygen(char pk_hex[AUDIT_PK_HEX], char sk_hex[AUDIT_SK_HEX])
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	if (sodium_init() < 0 || crypto_sign_keypair(pk, sk) != 0)
		return -1;
	sodium_bin2hex(pk_hex, AUDIT_PK_HEX, pk, sizeof pk);
	sodium_bin2hex(sk_hex, AUDIT_SK_HEX, sk, sizeof sk);
	sodium_memzero(sk, sizeof sk);
	return 0;
}

/* Decodes exactly `len` bytes of hex; -1 otherwise. */
static int unhex(const char *hex, unsigned char *out, size_t len)
{
	size_t got = 0;
	const char *end = NULL;
	if (!hex || strlen(hex) != len * 2 ||
	    sodium_hex2bin(out, len, hex, strlen(hex), NULL, &got, &end) != 0 || got != len)
		return -1;
	return 0;
}

int audit_checkpoint_make(struct db *db, const char *sk_hex, int64_t now, char *line, size_t n)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
	if (sodium_init() < 0 || unhex(sk_hex, sk, sizeof sk) < 0)
		return -100;
	struct db_stmt *st;
	int rc = db_cached(db, "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", &st);
	if (rc != DB_OK) {
		sodium_memzero(sk, sizeof sk);
		return rc;
	}
	rc = db_step(st);
	int64_t seq = 0;
	char hash[80] = "";
	if (rc == DB_ROW) {
		seq = db_column_int64(st, 0);
		snprintf(hash, sizeof hash, "%s", db_column_text(st, 1));
	}
	db_reset(st);
	if (rc != DB_ROW) {
		sodium_memzero(sk, sizeof sk);
		return rc == DB_DONE ? 1 : rc;
	}
	char at[LT_TIME_LEN], msg[200], sig_hex[crypto_sign_BYTES * 2 + 1];
	ltime_format(now, at);
	snprintf(msg, sizeof msg, "%s %lld %s %s", MAGIC, (long long)seq, hash, at);
	crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), sk);
	sodium_memzero(sk, sizeof sk);
	sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
	snprintf(line, n, "%s %s", msg, sig_hex);
	return 0;
}

int audit_checkpoint_check(struct db *db, const char *pk_hex, const char *line, char *problem,
                           size_t n)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
	if (sodium_init() < 0 || unhex(pk_hex, pk, sizeof pk) < 0) {
		snprintf(problem, n, "the public key is not 64 hex characters");
		return -2;
	}
	/* split: magic (2 words), seq, hash, at, signature */
	char copy[AUDIT_CHECKPOINT_LINE];
	if (!line || strlen(line) >= sizeof copy) {
		snprintf(problem, n, "the checkpoint line is malformed");
		return -2;
	}
	snprintf(copy, sizeof copy, "%s", line);
	size_t len = strlen(copy);
	while (len && (copy[len - 1] == '\n' || copy[len - 1] == '\r'))
		copy[--len] = '\0';
	char *sig_hex = strrchr(copy, ' ');
	if (strncmp(copy, MAGIC " ", strlen(MAGIC) + 1) != 0 || !sig_hex) {
		snprintf(problem, n, "the checkpoint line is malformed");
		return -2;
	}
	*sig_hex++ = '\0'; /* copy now holds exactly the signed message */
	char seq_s[24], hash[80], at[32];
	if (unhex(sig_hex, sig, sizeof sig) < 0 ||
	    sscanf(copy + strlen(MAGIC) + 1, "%23s %79s %31s", seq_s, hash, at) != 3) {
		snprintf(problem, n, "the checkpoint line is malformed");
		return -2;
	}
	int64_t seq;
	if (parse_int64(seq_s, 1, INT64_MAX, &seq) < 0) {
		snprintf(problem, n, "the checkpoint line is malformed");
		return -2;
	}
	if (crypto_sign_verify_detached(sig, (const unsigned char *)copy, strlen(copy), pk) != 0) {
		snprintf(problem, n,
		         "checkpoint for event %lld: the signature is not valid for this key",
		         (long long)seq);
		return 1;
	}
	char stored[80] = "";
	int rc = db_query_text(db, stored, sizeof stored,
	                       "SELECT hash FROM audit_events WHERE seq = $1", "i", seq);
	if (rc == DB_DONE) {
		snprintf(problem, n,
		         "event %lld, signed at %s, is missing: the log was cut short or rewritten",
		         (long long)seq, at);
		return 1;
	}
	if (rc != DB_OK) {
		snprintf(problem, n, "cannot read the audit log");
		return rc;
	}
	if (strcmp(stored, hash) != 0) {
		snprintf(problem, n, "event %lld differs from the checkpoint signed at %s",
		         (long long)seq, at);
		return 1;
	}
	return 0;
}
