/*
 * flags.h: the branch flags on a child's record and on linked crime reports
 * (R-FLAG-1..4). flags_for() derives the whole set from the facts, so nobody sets a
 * flag by hand and the category flags can never disagree with the current category.
 */
#ifndef LANTERN_PROTO_FLAGS_H
#define LANTERN_PROTO_FLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"

/* Bits, in REF_FLAGS order. */
enum flag_bit {
	FLAG_ES = 1u << 0,
	FLAG_GE = 1u << 1,
	FLAG_GA = 1u << 2,
	FLAG_LA = 1u << 3,
	FLAG_LB = 1u << 4,
	FLAG_LC = 1u << 5,
	FLAG_EU = 1u << 6,
};
#define FLAG_ALL 0x7Fu
#define FLAG_CATEGORY_MASK (FLAG_LA | FLAG_LB | FLAG_LC)

struct flag_state {
	bool cse_suspicion; /* the record / linked crime report carries an exploitation suspicion */
	int category;       /* current category 1-3, or 0 when none yet */
	bool online;        /* exploitation online (any device or app) */
	bool group;         /* an exploitative group appears responsible */
	bool gang;          /* an exploitative gang appears responsible */
};

/* R-FLAG-1..4. The flags the record (or a linked crime report, given the record's
 * state) must carry. */
uint32_t flags_for(const struct flag_state *s);

/* The category flag for category 1-3 (LA, LB, LC); 0 otherwise. R-FLAG-2. */
uint32_t flags_for_category(int category);

/* "ES" for FLAG_ES etc.; NULL for anything that is not exactly one known bit. */
const char *flags_code(uint32_t bit);
/* The bit for a code ("ES"), or 0 if unknown. */
uint32_t flags_bit(const char *code);
/* Writes the codes of `mask` separated by spaces in table order, e.g. "ES LB EU",
 * into out[n]. Returns the length, or -1 if it does not fit. */
int flags_format(uint32_t mask, char *out, size_t n);
/* Parses space-separated codes into a mask; -1 (err) on an unknown code. */
int flags_parse(const char *s, uint32_t *mask, struct proto_err *err);
/* R-FLAG-2. A stored mask is consistent: known bits only, at most one of LA/LB/LC,
 * and category flags only with ES. */
int flags_validate(uint32_t mask, struct proto_err *err);

#endif
