/*
 * embedded.h: files compiled into the binary by cmake/embed.cmake (migrations and
 * HTML templates). Each array is sorted by name and ends with a {NULL, NULL, 0} entry.
 * `data` is NUL-terminated; `len` excludes the terminator.
 */
#ifndef LANTERN_EMBEDDED_H
#define LANTERN_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;
	const char *data;
	size_t len;
};

extern const struct embedded_file embedded_migrations[];
extern const struct embedded_file embedded_templates[];

/* Returns the entry named `name` in `files`, or NULL. */
const struct embedded_file *embedded_find(const struct embedded_file *files, const char *name);

#endif
