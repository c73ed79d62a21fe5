/* test_report_ssda903.c: SSDA903 and Annex A missing-episode CSV (src/report/ssda903.h;
 * R-RPT-2, R-MISS-6, R-MISS-10). */
#include <setjmp.h>
#include <cmocka.h>

#include "report/ssda903.h"

static int64_t T(const char *iso)
{
	int64_t t = 0;
	assert_int_equal(ltime_parse(iso, &t), 0);
	return t;
}

static void cell(const char *in, const char *want)
{
	struct buf b = BUF_INIT(1024);
	assert_int_equal(ssda903_csv_cell(&b, in), 0);
	assert_string_equal(buf_cstr(&b), want);
	buf_release(&b);
}

static void test_R_RPT_2_csv_cells_rfc4180(void **state)
{
	cell("plain", "plain");
	cell(NULL, "");
	cell("", "");
	cell("a,b", "\"a,b\"");
	cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	cell("two\nlines", "\"two\nlines\"");
	cell("cr\rhere", "\"cr\rhere\"");
	cell(" padded ", "\" padded \"");
	cell("Flat 2, 14 Acacia Road", "\"Flat 2, 14 Acacia Road\"");
}

static void test_R_RPT_2_csv_never_formula(void **state)
{
	cell("=SUM(A1:A9)", "'=SUM(A1:A9)");
	cell("+44 20 7946 0000", "'+44 20 7946 0000");
	cell("-2+3", "'-2+3");
	cell("@cmd", "'@cmd");
	cell("\tx", "'\tx");
	cell("=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"");
	cell("a=b", "a=b");
}

static void test_R_RPT_2_csv_row_and_full_buffer(void **state)
{
	struct buf b = BUF_INIT(20);
	const char *cells[] = {"C1", "a,b", NULL};
	assert_int_equal(ssda903_csv_row(&b, cells, 3), 0);
	assert_string_equal(buf_cstr(&b), "C1,\"a,b\",\r\n");
	size_t len = b.len;
	const char *big[] = {"0123456789", "0123456789"};
	assert_int_equal(ssda903_csv_row(&b, big, 2), -1);
	assert_int_equal(b.len, len); /* unchanged */
	assert_false(b.failed);
	assert_string_equal(buf_cstr(&b), "C1,\"a,b\",\r\n");
	buf_release(&b);
}

static void test_R_MISS_10_ssda903_missing_table(void **state)
{
	struct buf b = BUF_INIT(4096);
	struct proto_err e;
	assert_int_equal(ssda903_missing_header(&b), 0);
	/* 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London */
	struct ssda903_missing m = {"C0042", MISS_MISSING, T("2026-03-31T23:30Z"), true,
	                            T("2026-04-02T10:00Z")};
	assert_int_equal(ssda903_missing_row(&b, &m, &e), 0);
	struct ssda903_missing a = {"C0043", MISS_ABSENT, T("2026-12-31T22:00Z"), false, 0};
	assert_int_equal(ssda903_missing_row(&b, &a, &e), 0);
	assert_string_equal(buf_cstr(&b), "CHILD,MISSING,MIS_START,MIS_END\r\n"
	                                  "C0042,M,01/04/2026,02/04/2026\r\n"
	                                  "C0043,A,31/12/2026,\r\n");
	size_t len = b.len;
	struct ssda903_missing bad = m;
	bad.cls = MISS_NONE;
	assert_int_equal(ssda903_missing_row(&b, &bad, &e), -1);
	assert_string_equal(e.rule, "R-RPT-2");
	bad = m;
	bad.end = bad.start - 1;
	assert_int_equal(ssda903_missing_row(&b, &bad, &e), -1);
	assert_string_equal(e.field, "end");
	bad = m;
	bad.child_id = "";
	assert_int_equal(ssda903_missing_row(&b, &bad, &e), -1);
	bad.child_id = "C1\nC2";
	assert_int_equal(ssda903_missing_row(&b, &bad, &e), -1);
	assert_int_equal(b.len, len);
	/* an identifier that looks like a formula is neutralised */
	bad = m;
	bad.child_id = "=1+1";
	assert_int_equal(ssda903_missing_row(&b, &bad, &e), 0);
	assert_non_null(strstr(buf_cstr(&b), "\r\n'=1+1,M,"));
	buf_release(&b);
}

static void test_R_MISS_6_annex_a_return_interviews(void **state)
{
	struct buf b = BUF_INIT(4096);
	struct proto_err e;
	assert_int_equal(ssda903_annexa_header(&b), 0);
	struct ssda903_annexa a = {
	        "C0042", MISS_MISSING, T("2026-10-23T09:00Z"), true, T("2026-10-24T09:00Z"), true,
	        true,    true,         T("2026-10-26T09:00Z")};
	assert_int_equal(ssda903_annexa_row(&b, &a, &e), 0);
	struct ssda903_annexa d = a;
	d.child_id = "C0044";
	d.ri_accepted = d.ri_completed = false;
	assert_int_equal(ssda903_annexa_row(&b, &d, &e), 0);
	assert_string_equal(buf_cstr(&b),
	                    "Child ID,Missing or absent,Start date,End date,Return interview "
	                    "offered,Return interview accepted,Return interview completed,Return "
	                    "interview date\r\n"
	                    "C0042,M,23/10/2026,24/10/2026,Y,Y,Y,26/10/2026\r\n"
	                    "C0044,M,23/10/2026,24/10/2026,Y,N,N,\r\n");
	size_t len = b.len;
	struct ssda903_annexa bad = a;
	bad.ri_offered = false;
	assert_int_equal(ssda903_annexa_row(&b, &bad, &e), -1);
	assert_string_equal(e.field, "ri_accepted");
	bad = a;
	bad.ri_accepted = false;
	assert_int_equal(ssda903_annexa_row(&b, &bad, &e), -1);
	assert_string_equal(e.field, "ri_completed");
	bad = a;
	bad.ri_at = bad.end - 1;
	assert_int_equal(ssda903_annexa_row(&b, &bad, &e), -1);
	assert_string_equal(e.rule, "R-MISS-6");
	bad = a;
	bad.ended = false;
	assert_int_equal(ssda903_annexa_row(&b, &bad, &e), -1);
	bad = a;
	bad.cls = (enum miss_class)7;
	assert_int_equal(ssda903_annexa_row(&b, &bad, &e), -1);
	assert_int_equal(b.len, len);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_RPT_2_csv_cells_rfc4180),
	        cmocka_unit_test(test_R_RPT_2_csv_never_formula),
	        cmocka_unit_test(test_R_RPT_2_csv_row_and_full_buffer),
	        cmocka_unit_test(test_R_MISS_10_ssda903_missing_table),
	        cmocka_unit_test(test_R_MISS_6_annex_a_return_interviews),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
