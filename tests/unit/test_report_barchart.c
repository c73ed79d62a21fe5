/* test_report_barchart.c: the board report's bar chart (report/barchart.h): one bar per
 * row scaled to the largest, each value written beside its bar, hostile labels escaped,
 * an accessible title and description, "No data" for an empty chart, rows capped, and a
 * refused id. R-RPT-1. */
#include <setjmp.h>
#include <cmocka.h>

#include "report/barchart.h"

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void test_R_RPT_1_bars_scaled_with_their_values(void **state)
{
	(void)state;
	const char *labels[] = {"Police", "Health <script>", "Education"};
	int64_t values[] = {10, 5, 0};
	struct buf b = BUF_INIT(1 << 20);
	assert_int_equal(barchart_svg(&b, "chart-x", "Referrals & more", labels, values, 3), 0);
	const char *s = buf_cstr(&b);
	assert_non_null(strstr(s, "role=\"img\""));
	assert_non_null(strstr(s, "<title id=\"chart-x-title\">Referrals &amp; more</title>"));
	assert_int_equal(count(s, "<rect "), 3);
	assert_non_null(strstr(s, "width=\"270.0\"")); /* the largest: the whole bar */
	assert_non_null(strstr(s, "width=\"135.0\""));
	assert_non_null(strstr(s, ">10</text>"));
	assert_null(strstr(s, "<script>"));
	assert_non_null(strstr(s, "Health &lt;script&gt;"));
	assert_non_null(strstr(s, "</svg>"));
	buf_release(&b);
}

static void test_R_RPT_1_empty_chart_says_no_data(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1 << 20);
	assert_int_equal(barchart_svg(&b, "chart-empty", "Nothing", NULL, NULL, 0), 0);
	assert_non_null(strstr(buf_cstr(&b), ">No data</text>"));
	assert_int_equal(count(buf_cstr(&b), "<rect "), 0);
	buf_release(&b);
	assert_int_equal(barchart_svg(&b, "1bad id", "x", NULL, NULL, 0), -1);
	buf_release(&b);
}

static void test_R_RPT_1_rows_capped(void **state)
{
	(void)state;
	const char *labels[BARCHART_MAX_ROWS + 5];
	int64_t values[BARCHART_MAX_ROWS + 5];
	for (size_t i = 0; i < BARCHART_MAX_ROWS + 5; i++) {
		labels[i] = "row";
		values[i] = (int64_t)i - 2; /* negatives drawn as 0 */
	}
	struct buf b = BUF_INIT(1 << 20);
	assert_int_equal(
	        barchart_svg(&b, "chart-many", "Many", labels, values, BARCHART_MAX_ROWS + 5), 0);
	assert_int_equal(count(buf_cstr(&b), "<rect "), BARCHART_MAX_ROWS);
	assert_null(strstr(buf_cstr(&b), ">-"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_RPT_1_bars_scaled_with_their_values),
	        cmocka_unit_test(test_R_RPT_1_empty_chart_says_no_data),
	        cmocka_unit_test(test_R_RPT_1_rows_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
