/* ssda903.c: SSDA903 and Annex A missing-episode CSV rows (see ssda903.h). */
#include "report/ssda903.h"

int ssda903_csv_cell(struct buf *b, const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s), before = b->len;
	bool was_failed = b->failed;
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	               s[0] == '\r';
	bool quote = strpbrk(s, ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
	int rc = 0;
	if (quote)
		rc |= buf_putc(b, '"');
	if (formula)
		rc |= buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			rc |= buf_putc(b, '"');
		rc |= buf_putc(b, *p);
	}
	if (quote)
		rc |= buf_putc(b, '"');
	if (rc) {
		buf_truncate(b, before);
		b->failed = was_failed;
		return -1;
	}
	return 0;
}

int ssda903_csv_row(struct buf *b, const char *const *cells, size_t n)
{
	size_t before = b->len;
	bool was_failed = b->failed;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			rc |= buf_putc(b, ',');
		rc |= ssda903_csv_cell(b, cells[i]);
	}
	if (rc == 0)
		rc = buf_puts(b, "\r\n");
	if (rc) {
		buf_truncate(b, before);
		b->failed = was_failed;
		return -1;
	}
	return 0;
}

void ssda903_date(int64_t t, char out[SSDA903_DATE_LEN])
{
	struct lt_date d = ltime_date_of(t + ltime_london_offset(t));
	unsigned dd = (unsigned)d.d % 100, mm = (unsigned)d.m % 100, yy = (unsigned)d.y % 10000;
	snprintf(out, SSDA903_DATE_LEN, "%02u/%02u/%04u", dd, mm, yy);
}

static const char *class_flag(enum miss_class c)
{
	return c == MISS_MISSING ? "M" : c == MISS_ABSENT ? "A" : NULL;
}

/* The columns both exports share, checked. */
static int episode_cells(const char *child_id, enum miss_class cls, int64_t start, bool ended,
                         int64_t end, char sdate[SSDA903_DATE_LEN], char edate[SSDA903_DATE_LEN],
                         struct proto_err *err)
{
	if (proto_name_check(child_id, PROTO_NAME_MAX, true, "R-RPT-2", "child_id",
	                     "The child's identifier", err))
		return -1;
	if (!class_flag(cls))
		return proto_fail(err, "R-RPT-2", "cls",
		                  "Only missing or absent episodes are returned (R-RPT-2).");
	if (ended && end < start)
		return proto_fail(err, "R-RPT-2", "end",
		                  "An episode cannot end before it starts (R-RPT-2).");
	ssda903_date(start, sdate);
	edate[0] = '\0';
	if (ended)
		ssda903_date(end, edate);
	return 0;
}

static int buf_full(struct proto_err *err)
{
	return proto_fail(err, "R-RPT-2", NULL, "The export is too large (R-RPT-2).");
}

int ssda903_missing_header(struct buf *b)
{
	static const char *const cols[] = {"CHILD", "MISSING", "MIS_START", "MIS_END"};
	return ssda903_csv_row(b, cols, ARRAY_LEN(cols));
}

/* R-RPT-2 */
int ssda903_missing_row(struct buf *b, const struct ssda903_missing *m, struct proto_err *err)
{
	char s[SSDA903_DATE_LEN], e[SSDA903_DATE_LEN];
	if (episode_cells(m->child_id, m->cls, m->start, m->ended, m->end, s, e, err))
		return -1;
	const char *cells[] = {m->child_id, class_flag(m->cls), s, e};
	return ssda903_csv_row(b, cells, ARRAY_LEN(cells)) ? buf_full(err) : 0;
}

int ssda903_annexa_header(struct buf *b)
{
	static const char *const cols[] = {
	        "Child ID",
	        "Missing or absent",
	        "Start date",
	        "End date",
	        "Return interview offered",
	        "Return interview accepted",
	        "Return interview completed",
	        "Return interview date",
	};
	return ssda903_csv_row(b, cols, ARRAY_LEN(cols));
}

/* R-RPT-2, R-MISS-6 */
int ssda903_annexa_row(struct buf *b, const struct ssda903_annexa *a, struct proto_err *err)
{
	char s[SSDA903_DATE_LEN], e[SSDA903_DATE_LEN], ri[SSDA903_DATE_LEN] = "";
	if (episode_cells(a->child_id, a->cls, a->start, a->ended, a->end, s, e, err))
		return -1;
	if (a->ri_accepted && !a->ri_offered)
		return proto_fail(err, "R-MISS-6", "ri_accepted",
		                  "A return interview cannot be accepted without being offered "
		                  "(R-MISS-6).");
	if (a->ri_completed && !a->ri_accepted)
		return proto_fail(err, "R-MISS-6", "ri_completed",
		                  "A completed return interview must have been accepted "
		                  "(R-MISS-6).");
	if (a->ri_completed && !a->ended)
		return proto_fail(err, "R-MISS-6", "ri_completed",
		                  "A return interview follows the return: this episode has not "
		                  "ended (R-MISS-6).");
	if (a->ri_completed && a->ri_at < a->end)
		return proto_fail(err, "R-MISS-6", "ri_at",
		                  "The return interview cannot be before the return (R-MISS-6).");
	if (a->ri_completed)
		ssda903_date(a->ri_at, ri);
	const char *cells[] = {
	        a->child_id,
	        class_flag(a->cls),
	        s,
	        e,
	        a->ri_offered ? "Y" : "N",
	        a->ri_accepted ? "Y" : "N",
	        a->ri_completed ? "Y" : "N",
	        ri,
	};
	return ssda903_csv_row(b, cells, ARRAY_LEN(cells)) ? buf_full(err) : 0;
}
