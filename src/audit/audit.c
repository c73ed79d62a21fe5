/*
 * audit.c: hash-chained audit events (see audit.h). The hash is BLAKE2b-256 over a
 * length-prefixed encoding of each field, so no two different events can encode to the
 * same bytes.
 */
#include "audit/audit.h"

#include <sodium.h>

#include "util/ltime.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void hash_field(crypto_generichash_state *h, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : 0xffffffffu;
	unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
	                        (unsigned char)(n >> 8), (unsigned char)n};
	crypto_generichash_update(h, len, sizeof len);
	if (s)
		crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

/* fields[] in table order after seq: at, user, agency, action, type, id, ref, fields,
 * purpose, prev_hash. */
static void event_hash(int64_t seq, const char *const f[10], char out[65])
{
	crypto_generichash_state h;
	unsigned char digest[32];
	char seqs[24];
	if (sodium_init() < 0)
		abort();
	snprintf(seqs, sizeof seqs, "%lld", (long long)seq);
	crypto_generichash_init(&h, NULL, 0, sizeof digest);
	hash_field(&h, "lantern-audit-v1");
	hash_field(&h, seqs);
	for (int i = 0; i < 10; i++)
		hash_field(&h, f[i]);
	crypto_generichash_final(&h, digest, sizeof digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

int audit_chain_head(struct db *db, struct audit_chain *c)
{
	c->seq = 0;
	snprintf(c->hash, sizeof c->hash, "%s", GENESIS);
	struct db_stmt *st;
	int rc = db_cached(db, "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", &st);
	if (rc != DB_OK)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *h = db_column_text(st, 1);
		c->seq = db_column_int64(st, 0);
		snprintf(c->hash, sizeof c->hash, "%s", h ? h : "");
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int audit_append(struct db *db, const struct audit_event *ev)
{
	struct audit_chain c;
	int rc = audit_chain_head(db, &c);
	return rc == DB_OK ? audit_append_to(db, &c, ev) : rc;
}

int audit_append_to(struct db *db, struct audit_chain *c, const struct audit_event *ev)
{
	char at[LT_TIME_LEN], hash[65];
	const char *prev = c->hash;
	int64_t last = c->seq;
	ltime_format(ev->at ? ev->at : ltime_now(), at);
	const char *f[10] = {at,
	                     ev->user_id,
	                     ev->agency_id,
	                     ev->action,
	                     ev->entity_type,
	                     ev->entity_id,
	                     ev->record_ref,
	                     ev->fields,
	                     ev->purpose,
	                     prev};
	event_hash(last + 1, f, hash);
	int rc =
	        db_run(db,
	               "INSERT INTO audit_events (seq, at, user_id, agency_id, action, entity_type,"
	               " entity_id, record_ref, fields, purpose, prev_hash, hash)"
	               " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
	               "isssssssssss", last + 1, at, ev->user_id, ev->agency_id, ev->action,
	               ev->entity_type, ev->entity_id, ev->record_ref, ev->fields, ev->purpose,
	               prev, hash);
	if (rc == DB_OK) {
		c->seq = last + 1;
		memcpy(c->hash, hash, sizeof hash);
	}
	return rc;
}

int audit_verify(struct db *db, struct audit_verify_result *r)
{
	memset(r, 0, sizeof(*r));
	struct db_stmt *st;
	int rc = db_prepare(db,
	                    "SELECT seq, at, user_id, agency_id, action, entity_type, entity_id,"
	                    " record_ref, fields, purpose, prev_hash, hash FROM audit_events"
	                    " ORDER BY seq",
	                    &st);
	if (rc != DB_OK)
		return rc;
	char prev[65] = GENESIS;
	int64_t expect = 1;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t seq = db_column_int64(st, 0);
		const char *f[10];
		for (int i = 0; i < 10; i++)
			f[i] = db_column_text(st, i + 1);
		const char *stored = db_column_text(st, 11);
		char h[65];
		r->events++;
		if (seq != expect) {
			r->first_bad = seq;
			snprintf(r->problem, sizeof r->problem,
			         "event %lld follows %lld: event %lld is missing", (long long)seq,
			         (long long)expect - 1, (long long)expect);
			break;
		}
		if (!f[9] || strcmp(f[9], prev) != 0) {
			r->first_bad = seq;
			snprintf(r->problem, sizeof r->problem,
			         "event %lld does not link to the event before it (deleted, "
			         "inserted or reordered)",
			         (long long)seq);
			break;
		}
		event_hash(seq, f, h);
		if (!stored || strcmp(h, stored) != 0) {
			r->first_bad = seq;
			snprintf(r->problem, sizeof r->problem,
			         "event %lld was altered: its contents no longer match its hash",
			         (long long)seq);
			break;
		}
		snprintf(prev, sizeof prev, "%s", stored);
		expect++;
	}
	db_finalize(st);
	if (r->first_bad)
		return 1;
	return rc == DB_DONE ? 0 : rc;
}
