/* test_report_xlsx.c: the plain-table workbook (report/xlsx.h) behind the board report's
 * .xlsx export (R-RPT-1): sheet names that Excel would refuse (too long, with []:*?/\,
 * the same twice, empty) are made valid rather than failing the export; a workbook with
 * a formula-looking cell is written (its cells are read back in tests/api/mase.test.mjs
 * and tests/cli/mase.sh with Python's zipfile: shared strings, no formula); only whole
 * decimal numbers become number cells; limits refuse rather than truncate. */
#include <setjmp.h>
#include <cmocka.h>

#include "report/xlsx.h"

static const char *const HEAD[] = {"label", "value"};

static void test_R_RPT_1_workbook_with_hostile_names_and_cells(void **state)
{
	(void)state;
	struct xlsx_book *b = xlsx_new();
	assert_non_null(b);
	const char *names[] = {"Figures",
	                       "Records by [category]: open/closed? *all* \\ more than 31 chars",
	                       "Records by [category]: open/closed? *all* \\ more than 31 chars",
	                       "",
	                       "'quoted'",
	                       "figures"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(xlsx_sheet(b, names[i], HEAD, 2), 0);
		struct xlsx_cell c[2] = {{.text = "=HYPERLINK(\"x\") Trust"},
		                         {.is_number = true, .num = 3}};
		assert_int_equal(xlsx_row(b, c, 2), 0);
		struct xlsx_cell d[2] = {{.text = "+1 -1 @SUM(A1)"}, {.text = NULL}};
		assert_int_equal(xlsx_row(b, d, 2), 0);
	}
	struct xlsx_cell wide[XLSX_MAX_COLS + 1] = {{0}};
	assert_int_equal(xlsx_row(b, wide, XLSX_MAX_COLS + 1), -1);
	unsigned char *data = NULL;
	size_t len = 0;
	assert_int_equal(xlsx_finish(b, &data, &len), -1); /* a refused row fails the book */
	assert_null(data);

	b = xlsx_new();
	assert_non_null(b);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(xlsx_sheet(b, names[i], HEAD, 2), 0);
		struct xlsx_cell c[2] = {{.text = "=HYPERLINK(\"x\") Trust"},
		                         {.is_number = true, .num = 3}};
		assert_int_equal(xlsx_row(b, c, 2), 0);
	}
	assert_int_equal(xlsx_finish(b, &data, &len), 0);
	assert_non_null(data);
	assert_true(len > 1000);
	assert_memory_equal(data, "PK\x03\x04", 4); /* a zip file */
	free(data);
}

static void test_xlsx_sheets_capped(void **state)
{
	(void)state;
	struct xlsx_book *b = xlsx_new();
	assert_non_null(b);
	for (int i = 0; i < XLSX_MAX_SHEETS; i++)
		assert_int_equal(xlsx_sheet(b, "Same", HEAD, 2), 0);
	assert_int_equal(xlsx_sheet(b, "Same", HEAD, 2), -1);
	xlsx_free(b);
	unsigned char *data = NULL;
	size_t len = 0;
	assert_int_equal(xlsx_finish(NULL, &data, &len), -1);
}

static void test_xlsx_numbers(void **state)
{
	(void)state;
	double v = 0;
	assert_true(xlsx_is_number("12", &v));
	assert_true(v == 12.0);
	assert_true(xlsx_is_number("-3", &v));
	assert_true(v == -3.0);
	assert_true(xlsx_is_number("4.5", &v));
	assert_true(v == 4.5);
	const char * not [] = {"",   "-",   ".5",    "5.",   "1e3", "0x10", " 1",
	                       "1 ", "12%", "1,000", "=1+1", "nan", "inf",  "1234567890123456",
	                       NULL};
	for (size_t i = 0; not [i]; i++)
		assert_false(xlsx_is_number(not [i], &v));
	assert_false(xlsx_is_number(NULL, &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_RPT_1_workbook_with_hostile_names_and_cells),
	        cmocka_unit_test(test_xlsx_sheets_capped),
	        cmocka_unit_test(test_xlsx_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
