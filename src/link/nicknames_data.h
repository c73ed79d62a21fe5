/*
 * nicknames_data.h: the layout of the generated given-name table
 * (src/link/nicknames_data.c, written by scripts/gen-nicknames.sh). Only
 * link/nicknames.c reads it.
 */
#ifndef LANTERN_LINK_NICKNAMES_DATA_H
#define LANTERN_LINK_NICKNAMES_DATA_H

#include <stddef.h>
#include <stdint.h>

/* One membership: `name` belongs to group `group` (index into link_nick_groups) as
 * its canonical name (kind 0), a nickname (1) or a spelling variant (2). Sorted by
 * name (bytewise), then group. */
struct link_nick_entry {
	const char *name;
	uint16_t group;
	uint8_t kind;
};

extern const char *const link_nick_groups[];
extern const size_t link_nick_group_count;
extern const struct link_nick_entry link_nick_entries[];
extern const size_t link_nick_entry_count;

#endif
