/* test_link_normalise.c: link/normalise.h, including the failure paths (invalid
 * UTF-8, empty, over-long) that must return -1 and never crash. */
#include <setjmp.h>
#include <cmocka.h>

#include "link/normalise.h"

static void test_text_folds_case_marks_and_punctuation(void **state)
{
	char out[LINK_TEXT_LEN];
	assert_int_equal(link_normalise_text("  Siobhán   Ó'Néill-Smith ", out, sizeof(out)), 0);
	assert_string_equal(out, "siobhan oneill smith");
	assert_int_equal(link_normalise_text("ZOË ŁUKASZ Ærø Straße", out, sizeof(out)), 0);
	assert_string_equal(out, "zoe lukasz aero strasse");
	assert_int_equal(link_normalise_text("Ｊｏｈｎ", out, sizeof(out)), 0); /* NFKC */
	assert_string_equal(out, "john");
	assert_int_equal(link_normalise_text("D\u2019Souza", out, sizeof(out)), 0);
	assert_string_equal(out, "dsouza");
	assert_int_equal(link_normalise_text("", out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void test_text_refuses_bad_input(void **state)
{
	char out[LINK_TEXT_LEN];
	char big[LINK_INPUT_MAX + 2];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(link_normalise_text(NULL, out, sizeof(out)), -1);
	assert_int_equal(link_normalise_text("ab\xff", out, sizeof(out)), -1);
	assert_string_equal(out, "");
	assert_int_equal(link_normalise_text("\xc0\xaf", out, sizeof(out)), -1); /* overlong */
	assert_int_equal(link_normalise_text(big, out, sizeof(out)), -1);
	assert_int_equal(link_normalise_text("abcdef", out, 4), -1); /* does not fit */
	big[LINK_INPUT_MAX] = '\0';
	assert_int_equal(link_normalise_text(big, out, sizeof(out)), 0); /* exactly the cap */
}

static void test_name_tokens_and_honorifics(void **state)
{
	struct link_tokens t;
	assert_int_equal(link_normalise_name("Mrs  Mary-Jane", &t), 0);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.tok[0], "mary");
	assert_string_equal(t.tok[1], "jane");
	assert_int_equal(link_normalise_name("Dr.", &t), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(link_normalise_name("Miss", &t), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(link_normalise_name("\xed\xa0\x80", &t), -1); /* surrogate */
	assert_int_equal(t.n, 0);
	char joined[LINK_TEXT_LEN];
	link_normalise_name("Master Tom O'Neill", &t);
	link_tokens_join(&t, joined, sizeof(joined));
	assert_string_equal(joined, "tom oneill");
}

static void test_split_full_name(void **state)
{
	struct link_full_name n;
	assert_int_equal(link_split_full_name("Mary-Jane O'Neill", &n), 0);
	assert_int_equal(n.given.n, 2);
	assert_string_equal(n.family.tok[0], "oneill");
	assert_int_equal(link_split_full_name("O'NEILL, Mary", &n), 0);
	assert_string_equal(n.given.tok[0], "mary");
	assert_string_equal(n.family.tok[0], "oneill");
	assert_int_equal(link_split_full_name("Jo", &n), 0);
	assert_int_equal(n.given.n, 1);
	assert_int_equal(n.family.n, 0);
	assert_int_equal(link_split_full_name("bad\xff, x", &n), -1);
}

static void test_phone(void **state)
{
	char out[LINK_PHONE_LEN];
	assert_int_equal(link_normalise_phone("07700 900123", out), 0);
	assert_string_equal(out, "+447700900123");
	assert_int_equal(link_normalise_phone("+44 (0)20 7946 0018", out), 0);
	assert_string_equal(out, "+442079460018");
	assert_int_equal(link_normalise_phone("0044-7700-900123", out), 0);
	assert_string_equal(out, "+447700900123");
	assert_int_equal(link_normalise_phone("447700900123", out), 0);
	assert_string_equal(out, "+447700900123");
	assert_int_equal(link_normalise_phone("+33 1 23 45 67 89", out), 0);
	assert_string_equal(out, "+33123456789");
	assert_int_equal(link_normalise_phone("0770090", out), -1);
	assert_int_equal(link_normalise_phone("07700 9001234567", out), -1);
	assert_int_equal(link_normalise_phone("call me", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(link_normalise_phone("", out), -1);
	assert_int_equal(link_normalise_phone("+", out), -1);
}

static void test_vrm_postcode_email_handle_nhs(void **state)
{
	char v[LINK_VRM_LEN], full[LINK_POSTCODE_LEN], out[LINK_OUTWARD_LEN];
	assert_int_equal(link_normalise_vrm("ab12 cde", v), 0);
	assert_string_equal(v, "AB12CDE");
	assert_int_equal(link_normalise_vrm("AB12 CDEF", v), -1);
	assert_int_equal(link_normalise_vrm("AB!2", v), -1);
	assert_int_equal(link_normalise_postcode("sw1a1aa", full, out), 0);
	assert_string_equal(full, "SW1A 1AA");
	assert_string_equal(out, "SW1A");
	assert_int_equal(link_normalise_postcode(" e1  6an ", full, out), 0);
	assert_string_equal(full, "E1 6AN");
	assert_int_equal(link_normalise_postcode("E1", full, out), 1);
	assert_string_equal(full, "");
	assert_string_equal(out, "E1");
	assert_int_equal(link_normalise_postcode("12345", full, out), -1);
	assert_int_equal(link_normalise_postcode("SW1A 1AAA", full, out), -1);
	char e[LINK_EMAIL_LEN];
	assert_int_equal(link_normalise_email("  Jo.Bloggs@Example.ORG ", e), 0);
	assert_string_equal(e, "jo.bloggs@example.org");
	assert_int_equal(link_normalise_email("a@@b.c", e), -1);
	assert_int_equal(link_normalise_email("nobody", e), -1);
	assert_int_equal(link_normalise_email("a b@c.d", e), -1);
	assert_int_equal(link_normalise_email("a@nodot", e), -1);
	char h[LINK_HANDLE_LEN];
	assert_int_equal(link_normalise_handle("@Some_Name.99", h), 0);
	assert_string_equal(h, "some_name.99");
	assert_int_equal(link_normalise_handle("@", h), -1);
	assert_int_equal(link_normalise_handle("two words", h), -1);
	char nhs[LINK_NHS_LEN];
	assert_int_equal(link_normalise_nhs("999 000 0018", nhs), 0);
	assert_string_equal(nhs, "9990000018");
	assert_int_equal(link_normalise_nhs("999 000 0019", nhs), -1); /* bad check digit */
	assert_int_equal(link_normalise_nhs("99900000", nhs), -1);
}

static void test_vrm_key_folds_o_and_i_into_digits(void **state)
{
	char a[LINK_VRM_LEN], b[LINK_VRM_LEN];
	assert_int_equal(link_vrm_key("AB12 COE", a), 0);
	assert_string_equal(a, "AB12C0E");
	assert_int_equal(link_vrm_key("ab12c0e", b), 0);
	assert_string_equal(a, b);
	assert_int_equal(link_vrm_key(" ab-12 c0e", b), 0);
	assert_string_equal(a, b);
	/* I and 1 */
	assert_int_equal(link_vrm_key("Il12 ABC", a), 0);
	assert_string_equal(a, "1L12ABC");
	assert_int_equal(link_vrm_key("1L12ABC", b), 0);
	assert_string_equal(a, b);
	/* other letters are kept: D is not 0, S is not 5 */
	assert_int_equal(link_vrm_key("AB12 CDE", a), 0);
	assert_string_equal(a, "AB12CDE");
	assert_int_equal(link_vrm_key("AB12 C0E", b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(link_vrm_key("AB12 SSS", a), 0);
	assert_string_equal(a, "AB12SSS");
	/* what link_normalise_vrm refuses, the key refuses, leaving out empty */
	assert_int_equal(link_vrm_key("AB12 CDEF", a), -1);
	assert_string_equal(a, "");
	assert_int_equal(link_vrm_key("AB!2", a), -1);
	assert_int_equal(link_vrm_key("O", a), -1);
	assert_int_equal(link_vrm_key(NULL, a), -1);
	assert_int_equal(link_vrm_key("AB12", NULL), -1);
}

static void test_every_normaliser_refuses_invalid_utf8_and_overlong(void **state)
{
	char big[LINK_INPUT_MAX + 2];
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	const char *bad[] = {NULL, "\xff", "07700\xe2\x82", big};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char p[LINK_PHONE_LEN], v[LINK_VRM_LEN], f[LINK_POSTCODE_LEN], o[LINK_OUTWARD_LEN];
		char e[LINK_EMAIL_LEN], h[LINK_HANDLE_LEN], n[LINK_NHS_LEN];
		struct link_tokens t;
		struct link_full_name fn;
		assert_int_equal(link_normalise_phone(bad[i], p), -1);
		assert_int_equal(link_normalise_vrm(bad[i], v), -1);
		assert_int_equal(link_normalise_postcode(bad[i], f, o), -1);
		assert_int_equal(link_normalise_email(bad[i], e), -1);
		assert_int_equal(link_normalise_handle(bad[i], h), -1);
		assert_int_equal(link_normalise_nhs(bad[i], n), -1);
		assert_int_equal(link_normalise_name(bad[i], &t), -1);
		assert_int_equal(link_split_full_name(bad[i], &fn), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_text_folds_case_marks_and_punctuation),
	        cmocka_unit_test(test_text_refuses_bad_input),
	        cmocka_unit_test(test_name_tokens_and_honorifics),
	        cmocka_unit_test(test_split_full_name),
	        cmocka_unit_test(test_phone),
	        cmocka_unit_test(test_vrm_postcode_email_handle_nhs),
	        cmocka_unit_test(test_vrm_key_folds_o_and_i_into_digits),
	        cmocka_unit_test(test_every_normaliser_refuses_invalid_utf8_and_overlong),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
