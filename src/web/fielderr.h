/*
 * fielderr.h: a short list of (field, message) validation errors, shared by form and
 * JSON input parsing, problem+json responses (`errors`) and the HTML error summary.
 * Field names and messages must be fixed text chosen by the code (or pool strings
 * built from it), never text the client sent, so that nothing is echoed back.
 */
#ifndef LANTERN_WEB_FIELDERR_H
#define LANTERN_WEB_FIELDERR_H

#include <stddef.h>

#define FIELDERR_MAX 32

struct field_error {
	const char *field;
	const char *message;
};

struct field_errors {
	struct field_error items[FIELDERR_MAX];
	size_t n;
	size_t dropped; /* errors beyond FIELDERR_MAX (counted, not kept) */
};

void fielderr_init(struct field_errors *e);
/* Records an error; the strings must outlive the list. Keeps only the first error
 * per field. */
void fielderr_add(struct field_errors *e, const char *field, const char *message);
/* The message for a field, or NULL. */
const char *fielderr_get(const struct field_errors *e, const char *field);

#endif
