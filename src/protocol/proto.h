/*
 * proto.h: what every part of src/protocol/ shares. The protocol's rules are pure
 * functions over plain structs: no I/O, no clock, no globals that change. A validator
 * returns 0 when its input satisfies the rule, or -1 with a struct proto_err naming
 * the rule ID, the input field at fault and a sentence a professional can act on.
 */
#ifndef LANTERN_PROTO_H
#define LANTERN_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct proto_err {
	const char *rule;  /* e.g. "R-PATH-5" */
	const char *field; /* input field at fault, or NULL */
	char message[256]; /* clear English; names the rule ID */
};

/* Caps on free text kept on records (code points). */
#define PROTO_TEXT_MAX 8000  /* chronology entries, notes */
#define PROTO_SHORT_MAX 2000 /* rationales, evidence, checklist notes */
#define PROTO_NAME_MAX 200   /* user and person identifiers, borough names */

/* Fills `err` (which may be NULL) and returns -1, so validators can write
 * `return proto_fail(err, "R-X-1", "field", "...")`. The message is truncated to fit. */
int proto_fail(struct proto_err *err, const char *rule, const char *field, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Clears `err` (rule and field NULL, empty message). NULL is allowed. */
void proto_err_clear(struct proto_err *err);

/* True if `s` is NULL or holds only spaces, tabs and newlines. */
bool proto_blank(const char *s);

/*
 * Checks free text written by a user: present and not blank (when `required`), valid
 * UTF-8, at most `max_chars` code points, no control characters other than newline and
 * tab, and free of victim-blaming words (R-DEF-4, via language_check). Errors cite
 * `rule` (the rule that requires the text) and `field`, except a wording error, which
 * cites R-DEF-4. Returns 0 or -1. A NULL or empty text that is not required passes.
 */
int proto_text_check(const char *text, size_t max_chars, bool required, const char *rule,
                     const char *field, const char *what, struct proto_err *err);

/* Like proto_text_check but for identifiers (user IDs, borough names, references):
 * single line, no wording check. */
int proto_name_check(const char *text, size_t max_chars, bool required, const char *rule,
                     const char *field, const char *what, struct proto_err *err);

#endif
