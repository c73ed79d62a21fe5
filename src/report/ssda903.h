/*
 * ssda903.h: statutory exports of missing episodes as CSV (RFC 4180): the SSDA903
 * missing table (CHILD, MISSING 'M'/'A', MIS_START, MIS_END) that local authorities
 * return for looked-after children, and the Annex A columns on missing episodes and
 * return interviews that inspectors ask for. Rows are built from the records
 * themselves (R-RPT-2); choosing which episodes belong in a return is the caller's.
 *
 * Every cell is escaped: quoted when it holds a comma, quote, CR or LF, or starts or
 * ends with a space, with quotes doubled; a cell starting with = + - @ (or a tab or
 * CR) is prefixed with a single quote so that a spreadsheet never runs it as a
 * formula. Dates are DD/MM/YYYY on the Europe/London calendar. Lines end in CRLF.
 * A function that fails leaves the buffer as it was.
 */
#ifndef LANTERN_REPORT_SSDA903_H
#define LANTERN_REPORT_SSDA903_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/missing.h"
#include "protocol/proto.h"
#include "util/buf.h"

/* One cell, escaped as above (NULL = empty). 0, or -1 if the buffer is full. */
int ssda903_csv_cell(struct buf *b, const char *s);
/* `n` cells separated by commas, then CRLF. 0 or -1 (buffer unchanged). */
int ssda903_csv_row(struct buf *b, const char *const *cells, size_t n);
/* "DD/MM/YYYY": the London calendar date of instant t. */
#define SSDA903_DATE_LEN 11
void ssda903_date(int64_t t, char out[SSDA903_DATE_LEN]);

/* One row of the SSDA903 missing table. */
struct ssda903_missing {
	const char *child_id; /* the return's CHILD identifier: required, one line */
	enum miss_class cls;  /* MISS_MISSING -> 'M', MISS_ABSENT -> 'A' (away without
	                         authorisation); MISS_NONE is refused */
	int64_t start;
	bool ended;  /* false: MIS_END left blank (still missing) */
	int64_t end; /* not before start */
};
/* "CHILD,MISSING,MIS_START,MIS_END" */
int ssda903_missing_header(struct buf *b);
/* R-RPT-2. Appends the row, or returns -1 with err (child ID missing or not one line,
 * class none, end before start, buffer full) and leaves `b` unchanged. */
int ssda903_missing_row(struct buf *b, const struct ssda903_missing *m, struct proto_err *err);

/* One row of the Annex A missing episodes and return interviews list. */
struct ssda903_annexa {
	const char *child_id;
	enum miss_class cls;
	int64_t start;
	bool ended;
	int64_t end;       /* the return */
	bool ri_offered;   /* return interview offered */
	bool ri_accepted;  /* ... accepted by the child (needs offered) */
	bool ri_completed; /* ... completed (needs accepted and ended) */
	int64_t ri_at;     /* when completed: not before the return */
};
/* "Child ID,Missing or absent,Start date,End date,Return interview offered,
 * Return interview accepted,Return interview completed,Return interview date" */
int ssda903_annexa_header(struct buf *b);
/* R-RPT-2, R-MISS-6. As ssda903_missing_row, plus Y/N interview columns; an interview
 * accepted but not offered, completed but not accepted, completed for an episode not
 * ended, or dated before the return is refused. */
int ssda903_annexa_row(struct buf *b, const struct ssda903_annexa *a, struct proto_err *err);

#endif
