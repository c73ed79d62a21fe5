/*
 * barchart.h: a horizontal bar chart drawn as SVG for the board report (R-RPT-1): one
 * bar per row with its label and its value written beside it, scaled to the largest
 * value, with a <title> and <desc> for screen readers. The page shows the same figures
 * in a table beside the chart, so the chart adds nothing the table does not say.
 * Labels come from users and reference lists: they go through svg_put_text().
 */
#ifndef LANTERN_REPORT_BARCHART_H
#define LANTERN_REPORT_BARCHART_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define BARCHART_MAX_ROWS 40

/* Draws rows labels[i] = values[i] (i < n, at most BARCHART_MAX_ROWS; values below 0
 * drawn as 0) into b. `id` must pass svg_id_ok(). An empty chart (n == 0) says "No data"
 * in it. 0, or -1 when the buffer is full or the id is not usable. */
int barchart_svg(struct buf *b, const char *id, const char *title, const char *const *labels,
                 const int64_t *values, size_t n);

/* R-OUTC-1: distance travelled: for each of n outcomes (at most BARCHART_MAX_ROWS) two
 * bars, the first review's score (grey) and the latest's (blue), on the 0..5 scale (0:
 * not scored, no bar), with a legend in words. 0 or -1 as above. */
int barchart_pairs_svg(struct buf *b, const char *id, const char *title, const char *const *labels,
                       const int *first, const int *latest, size_t n, int max);

#endif
