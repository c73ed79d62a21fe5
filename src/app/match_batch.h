/*
 * match_batch.h: the children created so far by one bulk import, held in memory so that
 * each later row is matched against them (R-REC-1) without reading them back from the
 * database: their blocking keys (as 64-bit hashes, each with the children holding it)
 * and what the matcher reads of them (names, other names, date of birth, gender,
 * postcode, NHS number), prepared once and kept packed. Their keys are written to the
 * database once, at the end of the batch, in (key, child) order (match_batch_write_keys),
 * instead of row by row. Children stored before the batch are still found through the
 * database (unless there were none).
 *
 * Memory: about 17 keys a child (each different key with its text, each holder 4 bytes)
 * and the child packed (about 160 bytes); an import of 1,000,000 rows took 1.47 GB at
 * most, 512 MB of it SQLite's page cache.
 * Not thread-safe: one batch belongs to one import.
 */
#ifndef LANTERN_APP_MATCH_BATCH_H
#define LANTERN_APP_MATCH_BATCH_H

#include "app/app.h"
#include "link/match.h"

struct child_input;
struct match_batch;

/* A new batch; store_empty: no child was stored when it began, so that no key need be
 * looked up in the database. NULL when out of memory. */
struct match_batch *match_batch_new(bool store_empty);
void match_batch_free(struct match_batch *b);

/* Adds child `id`, just created from ci (its keys not written). 0, or -1 when out of
 * memory. */
int match_batch_add(struct match_batch *b, const char *id, const struct child_input *ci);

/* Writes the blocking keys of every child of the batch to the database (inside the
 * caller's transaction). DB_OK or an error. */
int match_batch_write_keys(struct db *db, struct match_batch *b);

/* ---- for the matcher (app/matching.c) ---- */

bool match_batch_store_empty(const struct match_batch *b);
/* The batch children holding key: their ids into ids (pointers into the batch, valid
 * until the next match_batch_add) when they are max or fewer; returns how many hold it,
 * counting up to max + 1 at most (then ids are not all given). */
size_t match_batch_holders(const struct match_batch *b, const char *key, const char **ids,
                           size_t max);
/* The place of id (a pointer given by match_batch_holders) in the batch, from 1 in the
 * order its children were added; 0 when it is not one of them. */
uint32_t match_batch_order(const struct match_batch *b, const char *id);
/* Whether id (a pointer given by match_batch_holders) is a child of the batch; if so its
 * prepared form into *p. */
bool match_batch_person(struct match_batch *b, const char *id, struct link_person *p);
/* The probe just prepared from ci, kept so that match_batch_add need not prepare it
 * again. */
void match_batch_note_probe(struct match_batch *b, const struct child_input *ci,
                            const struct link_person *p);
/* The model the batch's rows are scored with: NULL until the first row has looked it up
 * (match_model_current) and set it. A batch is one transaction, and no other can store
 * a model while it writes, so the first row's model holds for every row. The batch keeps
 * its own copy, valid until match_batch_free whatever the process's model cache does.
 * set: 0, or -1 when out of memory (the batch then has none, and each row looks the
 * model up itself). */
const struct link_model *match_batch_model(const struct match_batch *b);
int match_batch_set_model(struct match_batch *b, const struct link_model *m);

#endif
