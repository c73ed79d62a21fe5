/*
 * parse.h: range-checked number parsing and text checks used by every input path.
 * Each parser accepts the whole string or nothing: leading/trailing spaces, signs
 * where not allowed, and overflow are errors (-1), and the output is untouched.
 */
#ifndef LANTERN_PARSE_H
#define LANTERN_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);
int parse_int(const char *s, int min, int max, int *out);
int parse_bool(const char *s, bool *out); /* true/false/yes/no/on/off/1/0 */

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool utf8_valid(const char *s, size_t n);
/* Number of code points in valid UTF-8. */
size_t utf8_length(const char *s);
/* True if the text is valid UTF-8, at most max_chars code points, and has no control
 * characters (C0, DEL or C1) other than (when allow_newlines) \n, \r and \t. */
bool text_ok(const char *s, size_t max_chars, bool allow_newlines);

#endif
