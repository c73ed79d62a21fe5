/*
 * xlsx.h: a workbook of plain tables as an Office Open XML spreadsheet (.xlsx), written
 * by libxlsxwriter, for the exports that are also offered as CSV (the board's report).
 * Each sheet is a header row and rows of cells; a cell is text or a number, and nothing
 * else: no formula is ever written, so a cell whose text begins with = + - @ is stored
 * as that literal text (a shared string), never run by a spreadsheet. Sheet names are
 * made valid (at most 31 characters, none of []:*?/\, unique) from the names given.
 * The file is built in a private temporary directory and handed back as bytes.
 */
#ifndef LANTERN_REPORT_XLSX_H
#define LANTERN_REPORT_XLSX_H

#include <stdbool.h>
#include <stddef.h>

/* Most sheets and rows a workbook built here holds (Excel's own row limit is higher). */
#define XLSX_MAX_SHEETS 64
#define XLSX_MAX_ROWS 100000
#define XLSX_MAX_COLS 32

struct xlsx_book;

/* One cell: `text` (NULL: empty), or, when `is_number`, the number `num`. */
struct xlsx_cell {
	const char *text;
	bool is_number;
	double num;
};

/* A new workbook; NULL when its temporary file cannot be made. */
struct xlsx_book *xlsx_new(void);
/* Starts a sheet named from `name` with the header row `head` (n columns, at most
 * XLSX_MAX_COLS). 0, or -1 past XLSX_MAX_SHEETS or on a write failure. A refusal here or
 * in xlsx_row fails the whole workbook: xlsx_finish then hands nothing over. */
int xlsx_sheet(struct xlsx_book *b, const char *name, const char *const *head, size_t n);
/* Appends a row of n cells to the current sheet. 0, or -1 (no sheet, too many rows or
 * columns, a write failure). */
int xlsx_row(struct xlsx_book *b, const struct xlsx_cell *cells, size_t n);
/* Writes the file and hands its bytes to *data (*len bytes; caller frees), then frees
 * b and removes its temporary files. 0, or -1 (b freed all the same). */
int xlsx_finish(struct xlsx_book *b, unsigned char **data, size_t *len);
/* Frees a workbook that is not to be finished. */
void xlsx_free(struct xlsx_book *b);

/* Whether `s` is a whole decimal number as the exports write them ("12", "-3", "4.5"),
 * so that a table's count goes into a cell as a number. */
bool xlsx_is_number(const char *s, double *out);

#endif
