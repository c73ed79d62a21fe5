/* barchart.c: a horizontal bar chart as SVG (see barchart.h). */
#include "report/barchart.h"

#include <stdio.h>

#include "report/svg.h"

#define W 640
#define LABEL_W 300
#define ROW_H 24
#define BAR_MAX (W - LABEL_W - 70)

int barchart_svg(struct buf *b, const char *id, const char *title, const char *const *labels,
                 const int64_t *values, size_t n)
{
	if (!svg_id_ok(id))
		return -1;
	if (n > BARCHART_MAX_ROWS)
		n = BARCHART_MAX_ROWS;
	int64_t max = 0;
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	int h = (int)(n ? n : 1) * ROW_H + 10;
	char desc[96];
	snprintf(desc, sizeof desc,
	         "A bar for each of %zu rows; the table beside it gives the figures.", n);
	int rc = svg_open(b, W, h, id, title, desc);
	if (n == 0) {
		rc |= buf_puts(b, "<text x=\"10\" y=\"20\" font-size=\"14\">No data</text>");
		return rc | svg_close(b) ? -1 : 0;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		double y = 5.0 + (double)i * ROW_H;
		double len =
		        max > 0 && values[i] > 0 ? (double)values[i] * BAR_MAX / (double)max : 0;
		char v[32];
		snprintf(v, sizeof v, "%lld", (long long)(values[i] > 0 ? values[i] : 0));
		rc |= buf_puts(b, "<text x=\"");
		rc |= svg_put_num(b, LABEL_W - 6);
		rc |= buf_puts(b, "\" y=\"");
		rc |= svg_put_num(b, y + 16);
		rc |= buf_puts(b, "\" font-size=\"13\" text-anchor=\"end\">");
		rc |= svg_put_text(b, labels[i] ? labels[i] : "", 44);
		rc |= buf_puts(b, "</text><rect x=\"");
		rc |= svg_put_num(b, LABEL_W);
		rc |= buf_puts(b, "\" y=\"");
		rc |= svg_put_num(b, y + 3);
		rc |= buf_puts(b, "\" width=\"");
		rc |= svg_put_num(b, len);
		rc |= buf_puts(b, "\" height=\"18\" fill=\"#1d70b8\"/><text x=\"");
		rc |= svg_put_num(b, LABEL_W + len + 6);
		rc |= buf_puts(b, "\" y=\"");
		rc |= svg_put_num(b, y + 16);
		rc |= buf_puts(b, "\" font-size=\"13\">");
		rc |= buf_puts(b, v);
		rc |= buf_puts(b, "</text>");
	}
	rc |= svg_close(b);
	return rc ? -1 : 0;
}

/* One bar at y of value v out of max, in colour fill, with the value beside it. */
static int bar(struct buf *b, double y, int v, int max, const char *fill)
{
	double len = max > 0 && v > 0 ? (double)v * BAR_MAX / max : 0;
	char n[16];
	snprintf(n, sizeof n, "%d", v > 0 ? v : 0);
	int rc = buf_puts(b, "<rect x=\"");
	rc |= svg_put_num(b, LABEL_W);
	rc |= buf_puts(b, "\" y=\"");
	rc |= svg_put_num(b, y);
	rc |= buf_puts(b, "\" width=\"");
	rc |= svg_put_num(b, len);
	rc |= buf_printf(b, "\" height=\"9\" fill=\"%s\"/><text x=\"", fill);
	rc |= svg_put_num(b, LABEL_W + len + 4);
	rc |= buf_puts(b, "\" y=\"");
	rc |= svg_put_num(b, y + 8);
	rc |= buf_puts(b, "\" font-size=\"9\">");
	rc |= buf_puts(b, v > 0 ? n : "not scored");
	return rc | buf_puts(b, "</text>");
}

int barchart_pairs_svg(struct buf *b, const char *id, const char *title, const char *const *labels,
                       const int *first, const int *latest, size_t n, int max)
{
	if (!svg_id_ok(id))
		return -1;
	if (n > BARCHART_MAX_ROWS)
		n = BARCHART_MAX_ROWS;
	int h = (int)n * ROW_H + 40;
	int rc =
	        svg_open(b, W, h, id, title,
	                 "For each outcome, the score at the first review (grey) and at the latest "
	                 "review (blue), from 1 to 5; the table beside it gives the figures.");
	rc |= buf_puts(b, "<rect x=\"10\" y=\"8\" width=\"12\" height=\"9\" fill=\"#b1b4b6\"/>"
	                  "<text x=\"26\" y=\"16\" font-size=\"12\">First review</text>"
	                  "<rect x=\"130\" y=\"8\" width=\"12\" height=\"9\" fill=\"#1d70b8\"/>"
	                  "<text x=\"146\" y=\"16\" font-size=\"12\">Latest review</text>");
	for (size_t i = 0; i < n && rc == 0; i++) {
		double y = 30.0 + (double)i * ROW_H;
		rc |= buf_puts(b, "<text x=\"");
		rc |= svg_put_num(b, LABEL_W - 6);
		rc |= buf_puts(b, "\" y=\"");
		rc |= svg_put_num(b, y + 14);
		rc |= buf_puts(b, "\" font-size=\"12\" text-anchor=\"end\">");
		rc |= svg_put_text(b, labels[i] ? labels[i] : "", 44);
		rc |= buf_puts(b, "</text>");
		rc |= bar(b, y + 1, first[i], max, "#b1b4b6");
		rc |= bar(b, y + 11, latest[i], max, "#1d70b8");
	}
	rc |= svg_close(b);
	return rc ? -1 : 0;
}
