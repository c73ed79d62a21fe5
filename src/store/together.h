/*
 * together.h: the counter that says whether the candidates for children missing
 * together (store_episode_together_candidates, store/episodes.h) may have changed
 * (table together_epoch of 027_together_epoch.sql: triggers move it whenever an
 * episode, a place or person on one, or a child's name changes). Callers own
 * transactions: read it in the transaction that reads the candidates.
 */
#ifndef LANTERN_STORE_TOGETHER_H
#define LANTERN_STORE_TOGETHER_H

#include <stdint.h>

#include "store/db.h"

/* The counter into *n. DB_OK or an error. */
int store_together_epoch(struct db *db, int64_t *n);

#endif
