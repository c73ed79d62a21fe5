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
