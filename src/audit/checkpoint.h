/*
 * checkpoint.h: signed checkpoints of the audit log. The hash chain (audit.h) proves
 * that no event was edited, deleted from the middle, inserted or reordered; it cannot
 * prove that the newest events were not cut off. A checkpoint is one line, signed with
 * an Ed25519 key kept away from the database, that states "event N has hash H". The
 * operator ships checkpoint lines off the machine (e.g. appends them to a file on other
 * storage) on a schedule; `lantern audit verify --public-key F --checkpoints F` then
 * proves that every checkpointed event is still there, unchanged.
 *
 * Line format (one line, spaces between fields):
 *   lantern-audit-checkpoint v1 SEQ HASH AT SIGNATURE
 * where HASH is the event's chain hash, AT the checkpoint's UTC time and SIGNATURE the
 * hex Ed25519 signature over "lantern-audit-checkpoint v1 SEQ HASH AT".
 */
#ifndef LANTERN_AUDIT_CHECKPOINT_H
#define LANTERN_AUDIT_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define AUDIT_PK_HEX 65  /* 32 bytes as hex + NUL */
#define AUDIT_SK_HEX 129 /* 64 bytes as hex + NUL */
#define AUDIT_CHECKPOINT_LINE 320

/* A new signing key pair as hex text. Returns 0 or -1. */
int audit_keygen(char pk_hex[AUDIT_PK_HEX], char sk_hex[AUDIT_SK_HEX]);

/* Signs the newest event into `line`. Returns 0, 1 when the log is empty (nothing to
 * sign), or a negative DB code / -100 for a bad key. */
int audit_checkpoint_make(struct db *db, const char *sk_hex, int64_t now, char *line, size_t n);

/* Checks one checkpoint line against the log: the signature must be valid for pk_hex and
 * the event must exist with the same hash. Returns 0 when it holds, 1 when it does not
 * (problem says why: bad signature, event missing = log truncated, event changed), or a
 * negative code when the line is malformed or the log unreadable. */
int audit_checkpoint_check(struct db *db, const char *pk_hex, const char *line, char *problem,
                           size_t n);

#endif
