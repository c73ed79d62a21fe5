/*
 * id.h: opaque identifiers. An ID is a short type prefix, an underscore and 20
 * characters of Crockford base32 (100 random bits), e.g. "ch_8q3m0v7k2x9b1d4t6w5z".
 * They are not sequential and not guessable, so they are safe in URLs. IDs come from
 * libsodium's CSPRNG, or from a seeded struct rng for reproducible demo data.
 */
#ifndef LANTERN_ID_H
#define LANTERN_ID_H

#include <stdbool.h>
#include <stddef.h>

#include "util/rng.h"

#define ID_MAX 32

/* Returns 0, or -1 unless the prefix is 1 to 8 lower-case letters a-z. */
int id_new(const char *prefix, char out[ID_MAX]);
int id_new_rng(struct rng *r, const char *prefix, char out[ID_MAX]);
/* Makes id_new() on this thread draw from `r` instead of the CSPRNG (NULL restores
 * the CSPRNG). Only for generating reproducible synthetic demo data. */
void id_use_rng(struct rng *r);
/* True if s looks like an ID with this prefix (NULL prefix: any). */
bool id_valid(const char *s, const char *prefix);

/* Random bytes from the CSPRNG; aborts if libsodium cannot initialise. */
void id_random_bytes(void *buf, size_t n);

#endif
