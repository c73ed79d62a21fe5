/*
 * system.h: what the operator's tools need beside the use cases, for the command line
 * and the server's start and stop: verifying the audit log and its signed checkpoints
 * (audit/checkpoint.h says what a checkpoint proves), moving the view events a server
 * left waiting into the audit log, attaching the view log while a server runs
 * (audit/viewlog.h), and the list of boroughs. The pages read the audit log through
 * app/audit_view.h instead, as an auditor.
 */
#ifndef LANTERN_APP_SYSTEM_H
#define LANTERN_APP_SYSTEM_H

#include "app/app.h"

#define APP_AUDIT_PK_HEX 65  /* a checkpoint public key: 32 bytes as hex + NUL */
#define APP_AUDIT_SK_HEX 129 /* a checkpoint secret key: 64 bytes as hex + NUL */
#define APP_AUDIT_CHECKPOINT_LINE 320

/* The outcome of walking the audit log's hash chain. */
struct app_audit_check {
	int64_t events;    /* events checked */
	int64_t first_bad; /* sequence number of the first broken link, 0 if none */
	char problem[160]; /* what is wrong with it */
};

/* Walks the whole hash chain: 0 when intact, 1 when broken (r says where and why), or
 * a negative code when the log could not be read. */
int app_audit_verify(struct db *db, struct app_audit_check *r);
/* A new Ed25519 key pair for checkpoints, as hex text. Returns 0 or -1. */
int app_audit_keygen(char pk_hex[APP_AUDIT_PK_HEX], char sk_hex[APP_AUDIT_SK_HEX]);
/* Signs the newest event at `now` into line: 0, 1 when the log is empty (nothing to
 * sign), -100 when sk_hex is not a secret key, else another negative code (the log
 * could not be read). */
int app_audit_checkpoint_make(struct db *db, const char *sk_hex, int64_t now, char *line, size_t n);
/* Checks one checkpoint line against the log: 0 when it holds, 1 when it does not
 * (problem says why), -2 when the line is malformed, another negative code when the
 * log could not be read. */
int app_audit_checkpoint_check(struct db *db, const char *pk_hex, const char *line, char *problem,
                               size_t n);

/* Moves the view events waiting in db's view log (when there is one) into the audit
 * log; db must have no open transaction. APP_OK with *moved (may be NULL) the number
 * moved, else APP_FAILED (nothing moved, nothing lost) with the engine's message. */
int app_viewlog_fold(struct db *db, long *moved, struct app_err *err);
/* From now on this process's view events for db's database wait in its view log
 * (for `lantern serve`). APP_OK, or APP_FAILED saying why. */
int app_viewlog_attach(struct db *db, struct app_err *err);
/* Commits what waits to be written to the view log and stops using it. */
void app_viewlog_detach(void);

/* The partnership's boroughs: out [{"id", "name", "code"}] by name. Open to every
 * actor, like the agency list (app_agency_list). */
int app_borough_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

#endif
