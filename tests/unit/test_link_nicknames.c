/* test_link_nicknames.c: link/nicknames.h over the compiled table (names.csv plus
 * Lantern's supplement). */
#include <setjmp.h>
#include <cmocka.h>

#include "link/nicknames.h"

static void test_english_nicknames(void **state)
{
	const char *canon;
	assert_true(link_are_nicknames("liz", "elizabeth"));
	assert_true(link_are_nicknames("Elizabeth", "BETH"));
	assert_int_equal(link_nickname_relation("liz", "elizabeth", &canon), LINK_NICK_NICKNAME);
	assert_string_equal(canon, "elizabeth");
	/* "bob" is itself listed with nicknames, so any shared group will do. */
	assert_int_equal(link_nickname_relation("bob", "rob", &canon), LINK_NICK_NICKNAME);
	assert_non_null(canon);
	assert_int_equal(link_nickname_relation("bobby", "robby", &canon), LINK_NICK_NICKNAME);
	assert_int_equal(link_nickname_relation("anne", "anne", &canon), LINK_NICK_SAME);
	assert_null(canon);
	assert_false(link_are_nicknames("liz", "robert"));
}

static void test_R_REC_1_supplement_variants(void **state)
{
	const char *canon;
	assert_int_equal(link_nickname_relation("mohammed", "muhammad", &canon), LINK_NICK_VARIANT);
	assert_string_equal(canon, "muhammad");
	assert_true(link_are_nicknames("mohamed", "mohammad"));
	assert_true(link_are_nicknames("muhammed", "mohammed"));
	assert_true(link_are_nicknames("siobhan", "shevaun"));
	assert_true(link_are_nicknames("sioban", "shevaun"));
	assert_true(link_are_nicknames("aoife", "eefa"));
	assert_true(link_are_nicknames("niamh", "neve"));
	assert_true(link_are_nicknames("sean", "shaun"));
	assert_true(link_are_nicknames("shawn", "sean"));
	assert_true(link_are_nicknames("dafydd", "david"));
	assert_true(link_are_nicknames("oluwaseun", "seun"));
	assert_true(link_are_nicknames("aleksandr", "sasha"));
	assert_true(link_are_nicknames("hussain", "hussein"));
}

static void test_groups(void **state)
{
	const char *g[8];
	int n = link_nickname_groups("al", g, 8);
	assert_true(n >= 2);
	n = link_nickname_groups("elizabeth", g, 8);
	assert_true(n >= 1);
	bool has = false;
	for (int i = 0; i < n; i++)
		has |= strcmp(g[i], "elizabeth") == 0;
	assert_true(has);
	assert_int_equal(link_nickname_groups("zzqx", g, 8), 0);
	assert_int_equal(link_nickname_groups("liz", g, 0), 0);
}

static void test_bad_input_matches_nothing(void **state)
{
	char big[64];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_false(link_are_nicknames(NULL, "liz"));
	assert_false(link_are_nicknames("", ""));
	assert_false(link_are_nicknames(big, big));
	const char *g[2];
	assert_int_equal(link_nickname_groups(NULL, g, 2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_english_nicknames),
	        cmocka_unit_test(test_R_REC_1_supplement_variants),
	        cmocka_unit_test(test_groups),
	        cmocka_unit_test(test_bad_input_matches_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
