/*
 * formspec.h: declarative page forms. A form is a table of field specs; from it the
 * pages build the template data for each field (label, hint, value to refill, error,
 * options with their checked state) and map a submitted urlencoded form to the JSON
 * object a use case in src/app/ takes. Pure: no I/O, no clock; times typed on a page
 * are Europe/London and become UTC here.
 *
 * Field kinds and how they map:
 *   FS_TEXT, FS_PASSWORD, FS_TEXTAREA, FS_RADIOS, FS_SELECT -> a string (omitted when
 *                                                  empty after trimming)
 *   FS_INT_RADIOS                                  -> an integer
 *   FS_DATE (GOV.UK date input: "<name>-day", "<name>-month", "<name>-year"; or one
 *           field "<name>" = "YYYY-MM-DD")         -> "YYYY-MM-DD"
 *   FS_DATETIME (the date input and "<name>-time", 24-hour "18:05", London time; or one
 *           field "YYYY-MM-DDTHH:MM")              -> UTC "YYYY-MM-DDTHH:MM:SSZ"
 *   FS_CHECKBOX (one box, value "yes")             -> true / false (always present)
 *   FS_CHECKBOXES                                  -> an array of the ticked values
 *   FS_LINES (a textarea, one item per line)       -> an array of the non-empty lines
 *   FS_HIDDEN                                      -> a string, like FS_TEXT
 * A key with one dot ("police.risk_review") is set inside a nested object.
 */
#ifndef LANTERN_WEB_FORMSPEC_H
#define LANTERN_WEB_FORMSPEC_H

#include <jansson.h>
#include <stddef.h>

#include "protocol/reference.h"
#include "web/fielderr.h"
#include "web/form.h"
#include "util/pool.h"

enum fs_kind {
	FS_TEXT,
	FS_PASSWORD,
	FS_TEXTAREA,
	FS_DATE,
	FS_DATETIME,
	FS_CHECKBOX,
	FS_RADIOS,
	FS_INT_RADIOS,
	FS_SELECT,
	FS_CHECKBOXES,
	FS_LINES,
	FS_HIDDEN,
};

struct fs_option {
	const char *value;
	const char *label;
	const char *hint;
};

struct fs_field {
	const char *name; /* the HTML name and id ([a-z0-9_]) */
	const char *key;  /* the JSON key ("a" or "a.b"); NULL means the same as name */
	enum fs_kind kind;
	const char *label;               /* label, or legend for radios/checkboxes */
	const char *hint;                /* NULL for none */
	const struct fs_option *options; /* {NULL}-terminated; or NULL with ref */
	int ref;           /* a REF_* table for options when options is NULL; -1 none */
	const char *width; /* a govuk-input--width-N / govuk-!-width class, or NULL */
};

/* Converts a London local time "YYYY-MM-DDTHH:MM" (or with ":SS") to UTC text
 * "YYYY-MM-DDTHH:MM:SSZ". In the October overlap the earlier (BST) instant is taken;
 * a time in the March gap is read as GMT. Returns 0, or -1 if malformed. */
int formspec_london_to_utc(const char *local, char out[21]);
/* The reverse, for refilling a datetime-local field: UTC text -> "YYYY-MM-DDTHH:MM"
 * London time. Returns 0, or -1 if malformed. */
int formspec_utc_to_london(const char *utc, char out[17]);

/* The date posted as field `name` of f (the three GOV.UK inputs, or one "YYYY-MM-DD"
 * field) in out: 1; 0 when nothing was entered; -1 with *why (fixed words) when it is
 * not a real date. */
int formspec_date_of(const struct form *f, const char *name, char out[11], const char **why);
/* The date and 24-hour time (London) posted as field `name` of f, as UTC text: 1; 0
 * when nothing was entered; -1 with *why (fixed words). */
int formspec_datetime_of(const struct form *f, const char *name, char out[21], const char **why);

/* Maps the submitted form to a new JSON object following the specs. A malformed date
 * or time adds a field error (field = the spec's name) and is left out. Returns the
 * object (never NULL unless out of memory). */
json_t *formspec_to_json(const struct fs_field *specs, size_t n, const struct form *f,
                         struct field_errors *errs);

/* Splits text into its trimmed non-empty lines (at most 50) as a JSON array. */
json_t *formspec_lines(const char *text);

/* Template data for the fields: an array of {name, id, label, hint, value, error,
 * <kind>: true, options: [{value, label, option_hint, id, checked}], width; for dates
 * day, month, year and, with a time, time}. Values come from
 * the submitted form when f is not NULL, else from `values` (a JSON object keyed by
 * the specs' keys, whose members may be strings, numbers, booleans or arrays; may be
 * NULL). Errors come from errs (may be NULL). */
json_t *formspec_fields(const struct fs_field *specs, size_t n, const struct form *f,
                        json_t *values, const struct field_errors *errs);

/* The spec an error on JSON field `field` concerns: the spec whose key is `field` or
 * starts with "field.", or whose name is `field`, or whose key ends in ".field" (a use
 * case names "nhs_number" what the form nests as "child.nhs_number"); NULL if none. */
const struct fs_field *formspec_spec_for(const struct fs_field *specs, size_t n, const char *field);
/* The spec name to link an error on JSON field `field` to: formspec_spec_for's, else
 * the first (visible) spec's name. */
const char *formspec_error_target(const struct fs_field *specs, size_t n, const char *field);

/* A use case's message about field `field` said in words for the page that asked with
 * spec s: a message naming the field by its code is said again with the field's own
 * words ("Enter last_seen_at." becomes "Enter the date and time the child was last
 * seen"; "reason must be plain text of at most 2000 characters." becomes "Why must be
 * 2000 characters or fewer"). Other messages are returned as they are. The result is
 * message itself or a string in pool p. */
const char *formspec_error_words(const struct fs_field *s, const char *field, const char *message,
                                 struct pool *p);

/* R-SIGN-1: the SAFEGUARD signs ticked on a form. Each ticked box "sign" (value: a
 * REF_SIGNS code) becomes {code, evidence: field "evidence_<code>", seen_on: field
 * "seen_<code>" when given}. A ticked sign without evidence adds an error on
 * "evidence_<code>"; an unknown code is ignored. Returns an array. */
json_t *formspec_signs(const struct form *f, struct field_errors *errs, struct pool *p);

#endif
