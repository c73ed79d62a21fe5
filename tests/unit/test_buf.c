/* test_buf.c: the invariants of util/buf.h. */
#include <setjmp.h>
#include <cmocka.h>

#include "util/buf.h"

static void test_empty_buffer_is_empty_string(void **state)
{
	struct buf b = BUF_INIT(16);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void test_append_within_max(void **state)
{
	struct buf b = BUF_INIT(8);
	assert_int_equal(buf_puts(&b, "abcd"), 0);
	assert_int_equal(buf_printf(&b, "%d", 1234), 0);
	assert_string_equal(buf_cstr(&b), "abcd1234");
	assert_int_equal(b.len, 8);
	assert_true(b.len < b.cap);
	assert_false(b.failed);
	buf_release(&b);
}

static void test_append_over_max_changes_nothing(void **state)
{
	struct buf b = BUF_INIT(8);
	assert_int_equal(buf_puts(&b, "abcdef"), 0);
	assert_int_equal(buf_puts(&b, "xyz"), -1);
	assert_string_equal(buf_cstr(&b), "abcdef");
	assert_true(b.failed);
	assert_int_equal(buf_printf(&b, "%s", "123"), -1);
	assert_string_equal(buf_cstr(&b), "abcdef");
	assert_int_equal(buf_puts(&b, "gh"), 0); /* still usable within the limit */
	assert_string_equal(buf_cstr(&b), "abcdefgh");
	assert_true(b.failed); /* sticky */
	buf_reset(&b);
	assert_false(b.failed);
	assert_string_equal(buf_cstr(&b), "");
	buf_release(&b);
}

static void test_html_escape(void **state)
{
	struct buf b = BUF_INIT(256);
	assert_int_equal(buf_put_html(&b, "<a href=\"x\">Tom & 'Jerry'`</a>"), 0);
	assert_string_equal(buf_cstr(&b),
	                    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&#96;&lt;/a&gt;");
	buf_release(&b);
}

static void test_detach_leaves_empty(void **state)
{
	struct buf b = BUF_INIT(64);
	buf_puts(&b, "hello");
	size_t n;
	char *s = buf_detach(&b, &n);
	assert_string_equal(s, "hello");
	assert_int_equal(n, 5);
	assert_null(b.data);
	assert_string_equal(buf_cstr(&b), "");
	free(s);
	s = buf_detach(&b, &n);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
}

static void test_growth_keeps_terminator(void **state)
{
	struct buf b = BUF_INIT(100000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 10000);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(strlen(buf_cstr(&b)), 10000);
	buf_truncate(&b, 3);
	assert_string_equal(buf_cstr(&b), "abc");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_empty_buffer_is_empty_string),
	        cmocka_unit_test(test_append_within_max),
	        cmocka_unit_test(test_append_over_max_changes_nothing),
	        cmocka_unit_test(test_html_escape),
	        cmocka_unit_test(test_detach_leaves_empty),
	        cmocka_unit_test(test_growth_keeps_terminator),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
