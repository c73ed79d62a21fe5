/*
 * import_csv.h: the parser of a children's CSV file for bulk import (R-REC-1: every row
 * is then matched against the children already known, in src/app/import.c). It reads
 * the file a piece at a time with libcsv, maps the header's names to Lantern's fields
 * (directly, or through a mapping file) and checks each row for what a file can get
 * wrong on its own: a wrong header, text that is not UTF-8 or holds control characters,
 * a field too long, a date that does not exist, a row with the wrong number of fields,
 * a row that repeats an earlier row of the file. A good row is handed over with its
 * fields trimmed, its date of birth as YYYY-MM-DD and a leading quote that guarded a
 * formula-looking cell (as `lantern export children` writes it) taken off; a refused
 * row is handed over with its line and the reason in words. No I/O, no database.
 */
#ifndef LANTERN_APP_IMPORT_CSV_H
#define LANTERN_APP_IMPORT_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* Lantern's fields, in the order `lantern export children` writes them. */
enum import_field {
	IMPORT_GIVEN_NAMES,
	IMPORT_FAMILY_NAME,
	IMPORT_OTHER_NAMES, /* separated by ";" */
	IMPORT_DATE_OF_BIRTH,
	IMPORT_GENDER,
	IMPORT_NHS_NUMBER,
	IMPORT_SCHOOL,
	IMPORT_ADDRESS,
	IMPORT_POSTCODE,
	IMPORT_NFIELDS
};

/* The field's name ("given_names"), and its cap in characters. */
const char *import_field_name(enum import_field f);
size_t import_field_max(enum import_field f);

#define IMPORT_ROW_MAX_BYTES ((size_t)64 << 10) /* a longer row (quotes left open) is fatal */
#define IMPORT_MAPPING_MAX ((size_t)16 << 10)
#define IMPORT_REASON_LEN 200

/* A good row: each field NUL-terminated ("" when absent or the column is missing). */
struct import_row {
	size_t line; /* the file's line where the row starts, from 1 (the header) */
	const char *field[IMPORT_NFIELDS];
};

struct import_csv_cb {
	void *ctx;
	/* A good row; returns 0, or -1 to stop the parse (import_csv_feed then fails). */
	int (*row)(void *ctx, const struct import_row *row);
	/* A refused row (line 1 is the header: the whole file is then refused). */
	int (*refuse)(void *ctx, size_t line, const char *reason);
};

struct import_csv;

/* A parser with a mapping (NULL or "" for none): lines "Header in the file = field",
 * '#' starts a comment. Returns NULL with the reason in err when the mapping is wrong
 * (an unknown field, a line without '=', more than IMPORT_MAPPING_MAX bytes) or memory
 * runs out. */
struct import_csv *import_csv_new(const char *mapping, size_t mapping_len,
                                  const struct import_csv_cb *cb, char *err, size_t errsz);

/* Feeds the next bytes of the file. Returns 0, or -1 when the parse cannot go on (a
 * wrong header, a row over IMPORT_ROW_MAX_BYTES, out of memory, or a callback asked to
 * stop); the reason was given to cb->refuse (except for a callback's stop). */
int import_csv_feed(struct import_csv *p, const char *data, size_t len);

/* Ends the file (the last row may lack its newline). 0 or -1 as import_csv_feed. A file
 * without a header row is refused at line 1. */
int import_csv_finish(struct import_csv *p);

/* Data rows seen (good or refused), the header not counted. */
size_t import_csv_rows(const struct import_csv *p);

void import_csv_free(struct import_csv *p);

/* Whether a cell would be read as a formula by a spreadsheet (it starts with =, +, -,
 * @, a tab or a carriage return): `lantern export children` writes it after a quote. */
bool import_csv_formula_like(const char *s);

#endif
