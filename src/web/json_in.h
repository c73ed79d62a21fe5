/*
 * json_in.h: JSON request bodies. Parsing refuses (with a fixed message, never
 * echoing input) a body over the size cap, nesting deeper than the depth cap, a
 * duplicate key, invalid UTF-8, a NUL character in a string, or a top level that is
 * not an object. The typed getters check one field each and add a clear
 * (field, message) error to a struct field_errors, so that a handler validates every
 * field and reports them all in one problem+json 422.
 */
#ifndef LANTERN_WEB_JSON_IN_H
#define LANTERN_WEB_JSON_IN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "web/fielderr.h"

#define JSON_IN_MAX_BYTES ((size_t)1 << 20)
#define JSON_IN_MAX_DEPTH 16

/* Parses body[0..len). Returns a new reference to the top-level object, or NULL with
 * *err set to a fixed message. max_bytes/max_depth of 0 mean the defaults above. */
json_t *json_in_parse(const char *body, size_t len, size_t max_bytes, size_t max_depth,
                      const char **err);

/*
 * Getters. Each looks up `field` in obj. A missing field or JSON null is an error
 * only when `required` (returns NULL / -1 or 1 meaning "absent": see each). A present
 * field of the wrong type or out of range is always an error. Strings must be valid
 * text (no control characters except, when multiline, \n \r \t) of at most max_chars
 * code points; required strings must not be empty after trimming spaces.
 */
/* Returns the string (owned by obj), or NULL if absent or invalid. */
const char *json_in_string(json_t *obj, const char *field, bool required, size_t max_chars,
                           bool multiline, struct field_errors *errs);
/* Returns 0 and sets *out; 1 if absent and optional; -1 on error. */
int json_in_int(json_t *obj, const char *field, bool required, int64_t min, int64_t max,
                int64_t *out, struct field_errors *errs);
int json_in_bool(json_t *obj, const char *field, bool required, bool *out,
                 struct field_errors *errs);
/* Returns the array (borrowed) if present with at most max_items items. */
json_t *json_in_array(json_t *obj, const char *field, bool required, size_t max_items,
                      struct field_errors *errs);
/* Returns the object (borrowed) if present. */
json_t *json_in_object(json_t *obj, const char *field, bool required, struct field_errors *errs);
/* Adds an error for each key of obj not in the NULL-terminated `allowed` list (a typo
 * in a field name should not be silently ignored). Returns the number found. The error
 * names the field as "(unknown field)" so that the client's key is not echoed. */
size_t json_in_only(json_t *obj, const char *const *allowed, struct field_errors *errs);

#endif
