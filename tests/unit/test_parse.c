/* test_parse.c: range-checked integers, booleans, UTF-8 validation and text checks of
 * util/parse.h. */
#include <setjmp.h>
#include <cmocka.h>

#include "util/parse.h"

static void test_int64_accepts(void **state)
{
	int64_t v;
	assert_int_equal(parse_int64("0", INT64_MIN, INT64_MAX, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int64("-0", INT64_MIN, INT64_MAX, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int64("00042", INT64_MIN, INT64_MAX, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_int64("-17", INT64_MIN, INT64_MAX, &v), 0);
	assert_int_equal(v, -17);
	assert_int_equal(parse_int64("9223372036854775807", INT64_MIN, INT64_MAX, &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(parse_int64("-9223372036854775808", INT64_MIN, INT64_MAX, &v), 0);
	assert_true(v == INT64_MIN);
	assert_int_equal(parse_int64("-9223372036854775807", INT64_MIN, INT64_MAX, &v), 0);
	assert_true(v == INT64_MIN + 1);
}

static void test_int64_refuses_output_untouched(void **state)
{
	static const char *bad[] = {
	        "",
	        " 1",
	        "1 ",
	        "+1",
	        "--1",
	        "-",
	        "1-",
	        "0x10",
	        "1e3",
	        "1.0",
	        "1,000",
	        "\xd9\xa1", /* ARABIC-INDIC DIGIT ONE */
	        "9223372036854775808",
	        "-9223372036854775809",
	        "18446744073709551615",
	        "18446744073709551616",
	        "99999999999999999999999999999",
	        "-99999999999999999999999999999",
	        "\t7",
	        "7\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		int64_t v = 99;
		if (parse_int64(bad[i], INT64_MIN, INT64_MAX, &v) == 0)
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(v, 99);
	}
	int64_t v = 99;
	assert_int_equal(parse_int64(NULL, INT64_MIN, INT64_MAX, &v), -1);
	assert_int_equal(v, 99);
}

static void test_int64_range(void **state)
{
	int64_t v = 5;
	assert_int_equal(parse_int64("10", 1, 10, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_int64("1", 1, 10, &v), 0);
	assert_int_equal(v, 1);
	v = 5;
	assert_int_equal(parse_int64("11", 1, 10, &v), -1);
	assert_int_equal(parse_int64("0", 1, 10, &v), -1);
	assert_int_equal(parse_int64("-1", 0, 10, &v), -1);
	assert_int_equal(parse_int64("-9223372036854775808", INT64_MIN + 1, 0, &v), -1);
	assert_int_equal(parse_int64("9223372036854775807", 0, INT64_MAX - 1, &v), -1);
	assert_int_equal(v, 5);
}

static void test_int_and_bool(void **state)
{
	int i = 3;
	assert_int_equal(parse_int("2147483647", INT32_MIN, INT32_MAX, &i), 0);
	assert_int_equal(i, INT32_MAX);
	assert_int_equal(parse_int("-2147483648", INT32_MIN, INT32_MAX, &i), 0);
	assert_int_equal(i, INT32_MIN);
	i = 3;
	assert_int_equal(parse_int("2147483648", INT32_MIN, INT32_MAX, &i), -1);
	assert_int_equal(parse_int("4294967297", INT32_MIN, INT32_MAX, &i), -1);
	assert_int_equal(parse_int("257", 1, 256, &i), -1);
	assert_int_equal(i, 3);

	bool b = false;
	static const char *yes[] = {"true", "TRUE", "Yes", "on", "1"};
	static const char *no[] = {"false", "No", "OFF", "0"};
	for (size_t k = 0; k < ARRAY_LEN(yes); k++) {
		b = false;
		assert_int_equal(parse_bool(yes[k], &b), 0);
		assert_true(b);
	}
	for (size_t k = 0; k < ARRAY_LEN(no); k++) {
		b = true;
		assert_int_equal(parse_bool(no[k], &b), 0);
		assert_false(b);
	}
	static const char *bad[] = {"", "y", "n", "2", "truth", " true", "true ", "01"};
	for (size_t k = 0; k < ARRAY_LEN(bad); k++)
		assert_int_equal(parse_bool(bad[k], &b), -1);
	assert_int_equal(parse_bool(NULL, &b), -1);
}

#define U8(s) utf8_valid((s), sizeof(s) - 1)

static void test_utf8_valid_accepts(void **state)
{
	assert_true(utf8_valid("", 0));
	assert_true(U8("plain ascii"));
	assert_true(U8("\x00"));             /* NUL is valid UTF-8; text_ok decides on controls */
	assert_true(U8("\xc2\x80"));         /* U+0080 */
	assert_true(U8("\xdf\xbf"));         /* U+07FF */
	assert_true(U8("\xe0\xa0\x80"));     /* U+0800 */
	assert_true(U8("\xed\x9f\xbf"));     /* U+D7FF */
	assert_true(U8("\xee\x80\x80"));     /* U+E000 */
	assert_true(U8("\xef\xbf\xbf"));     /* U+FFFF */
	assert_true(U8("\xf0\x90\x80\x80")); /* U+10000 */
	assert_true(U8("\xf4\x8f\xbf\xbf")); /* U+10FFFF */
	assert_true(U8("Zo\xc3\xab \xc5\x81ukasz \xe2\x80\x94 \xf0\x9f\x99\x82"));
}

static void test_utf8_valid_refuses(void **state)
{
	/* overlongs */
	assert_false(U8("\xc0\x80"));
	assert_false(U8("\xc0\xaf"));
	assert_false(U8("\xc1\xbf"));
	assert_false(U8("\xe0\x80\x80"));
	assert_false(U8("\xe0\x9f\xbf"));
	assert_false(U8("\xf0\x80\x80\x80"));
	assert_false(U8("\xf0\x8f\xbf\xbf"));
	/* surrogates */
	assert_false(U8("\xed\xa0\x80"));
	assert_false(U8("\xed\xbf\xbf"));
	assert_false(U8("\xed\xa0\xbd\xed\xb8\x82")); /* CESU-8 pair */
	/* beyond U+10FFFF and invalid lead bytes */
	assert_false(U8("\xf4\x90\x80\x80"));
	assert_false(U8("\xf5\x80\x80\x80"));
	assert_false(U8("\xf7\xbf\xbf\xbf"));
	assert_false(U8("\xf8\x88\x80\x80\x80"));
	assert_false(U8("\xfc\x84\x80\x80\x80\x80"));
	assert_false(U8("\xfe"));
	assert_false(U8("\xff"));
	/* lone continuation bytes */
	assert_false(U8("\x80"));
	assert_false(U8("a\xbf"));
	/* truncated sequences, at the end and followed by more text */
	assert_false(U8("\xc3"));
	assert_false(U8("\xe2\x80"));
	assert_false(U8("\xf0\x9f\x99"));
	assert_false(U8("\xc3z"));
	assert_false(U8("\xe2\x80z"));
	assert_false(U8("\xf0\x9f\x99z"));
	/* the length bounds the check: a sequence cut by n is truncated */
	assert_false(utf8_valid("\xc3\xab", 1));
	assert_true(utf8_valid("ab\xc3\xab", 2));
}

static void test_utf8_every_two_byte_lead(void **state)
{
	/* all 2-byte sequences: valid exactly for C2..DF followed by 80..BF */
	for (unsigned a = 0x80; a <= 0xFF; a++)
		for (unsigned b = 0; b <= 0xFF; b++) {
			char s[2] = {(char)a, (char)b};
			bool want = a >= 0xC2 && a <= 0xDF && b >= 0x80 && b <= 0xBF;
			assert_int_equal(utf8_valid(s, 2), want);
		}
}

static void test_utf8_length(void **state)
{
	assert_int_equal(utf8_length(""), 0);
	assert_int_equal(utf8_length("abc"), 3);
	assert_int_equal(utf8_length("Zo\xc3\xab"), 3);
	assert_int_equal(utf8_length("\xf0\x9f\x99\x82\xe2\x80\x94"), 2);
}

static void test_text_ok(void **state)
{
	assert_true(text_ok("", 0, false));
	assert_true(text_ok("Synthetic note", 100, false));
	assert_true(text_ok("Zo\xc3\xab", 3, false));
	assert_false(text_ok("Zo\xc3\xab", 2, false)); /* counts code points, not bytes */
	assert_false(text_ok("abcd", 3, false));
	assert_false(text_ok(NULL, 10, true));
	assert_false(text_ok("bad \xc0\xaf utf8", 100, true));

	/* newlines, carriage returns and tabs only when allowed */
	assert_true(text_ok("line one\nline two\r\n\tindented", 100, true));
	assert_false(text_ok("line one\nline two", 100, false));
	assert_false(text_ok("a\rb", 100, false));
	assert_false(text_ok("a\tb", 100, false));
	/* every other C0 control and DEL, allowed newlines or not */
	for (int c = 1; c < 0x20; c++) {
		if (c == '\n' || c == '\r' || c == '\t')
			continue;
		char s[4] = {'a', (char)c, 'b', 0};
		assert_false(text_ok(s, 100, true));
		assert_false(text_ok(s, 100, false));
	}
	assert_false(text_ok("a\x7f", 100, true));
	/* C1 controls (U+0080..U+009F), e.g. NEL U+0085 and CSI U+009B */
	assert_false(text_ok("a\xc2\x85z", 100, true));
	assert_false(text_ok("a\xc2\x9b"
	                     "31m",
	                     100, true));
	assert_false(text_ok("\xc2\x80", 100, false));
	assert_false(text_ok("\xc2\x9f", 100, false));
	/* U+00A0 and above are printable */
	assert_true(text_ok("\xc2\xa0\xc2\xa3", 100, false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_int64_accepts),
	        cmocka_unit_test(test_int64_refuses_output_untouched),
	        cmocka_unit_test(test_int64_range),
	        cmocka_unit_test(test_int_and_bool),
	        cmocka_unit_test(test_utf8_valid_accepts),
	        cmocka_unit_test(test_utf8_valid_refuses),
	        cmocka_unit_test(test_utf8_every_two_byte_lead),
	        cmocka_unit_test(test_utf8_length),
	        cmocka_unit_test(test_text_ok),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
