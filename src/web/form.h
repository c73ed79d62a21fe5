/*
 * form.h: application/x-www-form-urlencoded parsing (form bodies and query strings).
 *
 * The whole input is refused (-1 and a fixed message) when it breaks a cap (total
 * length, number of fields, length of a name or value), has a malformed %-escape, a
 * decoded NUL byte, invalid UTF-8, or an empty name. A name may repeat: every value is
 * kept, in order (checkboxes). Control characters other than TAB, CR and LF in values
 * are refused; in names none are allowed. Everything lives in the caller's pool.
 */
#ifndef LANTERN_WEB_FORM_H
#define LANTERN_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "util/pool.h"

struct form_limits {
	size_t max_total;  /* bytes of encoded input */
	size_t max_fields; /* name=value pairs */
	size_t max_name;   /* decoded bytes */
	size_t max_value;  /* decoded bytes */
};

/* 64 KiB, 200 fields, 64-byte names, 16 KiB values. */
extern const struct form_limits form_default_limits;

struct form_field {
	const char *name;
	const char *value;
	size_t value_len;
};

struct form {
	struct form_field *fields;
	size_t n;
};

/* Parses s[0..len). On error returns -1 and points *err (optional) at a fixed
 * message that never contains input. */
int form_parse(struct pool *p, const char *s, size_t len, const struct form_limits *lim,
               struct form *out, const char **err);
/* The first value of `name`, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* Stores up to max values of `name` in out; returns how many there are in all. */
size_t form_get_all(const struct form *f, const char *name, const char **out, size_t max);

#endif
