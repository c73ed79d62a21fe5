/* test_protocol_language.c: R-DEF-4 (src/protocol/language.h), including the scan of
 * every reference label and every template. */
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>

#include "protocol/language.h"
#include "protocol/mase.h"
#include "protocol/outcomes.h"
#include "protocol/reference.h"
#include "protocol/reports.h"
#include "protocol/proto.h"

static void test_R_DEF_4_refuses_listed_words(void **state)
{
	struct proto_err e;
	assert_int_equal(language_check("She is PROMISCUOUS.", &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
	assert_non_null(strstr(e.message, "PROMISCUOUS"));
	assert_int_equal(language_check("child prostitute", &e), -1);
	assert_int_equal(language_check("involved in prostitution", &e), -1);
	assert_int_equal(language_check("he said she consented", &e), -1);
	assert_int_equal(language_check("a consenting relationship", &e), -1);
}

static void test_R_DEF_4_historic_suggests_non_recent(void **state)
{
	struct proto_err e;
	assert_int_equal(language_check("Historic abuse disclosed", &e), -1);
	assert_non_null(strstr(e.message, "non-recent"));
	assert_int_equal(language_check("non-recent abuse disclosed", &e), 0);
}

static void test_R_DEF_4_whole_words_only(void **state)
{
	struct proto_err e;
	assert_int_equal(language_check("Consent to share information was given.", &e), 0);
	assert_int_equal(language_check("prehistoric", &e), 0);
	assert_int_equal(language_check("", &e), 0);
	assert_int_equal(language_check(NULL, &e), 0);
	assert_int_equal(language_check("child-prostitution", &e), -1);
}

struct hits {
	size_t n;
	size_t offsets[8];
};

static int collect(const struct language_hit *h, void *ctx)
{
	struct hits *hs = ctx;
	if (hs->n < 8)
		hs->offsets[hs->n] = h->offset;
	hs->n++;
	return 0;
}

static void test_R_DEF_4_scan_lists_every_hit_with_offset(void **state)
{
	struct hits hs = {0};
	const char *t = "historic; Promiscuous and consented.";
	assert_int_equal(language_scan(t, collect, &hs), 3);
	assert_int_equal(hs.n, 3);
	assert_int_equal(hs.offsets[0], 0);
	assert_int_equal(hs.offsets[1], 10);
	assert_int_equal(hs.offsets[2], 26);
	assert_int_equal(language_scan("nothing to see", NULL, NULL), 0);
}

struct ref_hits {
	size_t n;
};

static int scan_item(enum ref_table t, const struct ref_item *it, void *ctx)
{
	struct ref_hits *rh = ctx;
	size_t h = language_scan(it->label, NULL, NULL);
	if (h)
		print_error("refused word in %s %s: %s\n", ref_table_name(t), it->code, it->label);
	rh->n += h;
	return 0;
}

static void test_R_DEF_4_reference_labels_are_clean(void **state)
{
	struct ref_hits rh = {0};
	ref_each(scan_item, &rh);
	assert_int_equal(rh.n, 0);
}

static void test_R_DEF_4_templates_are_clean(void **state)
{
	const char *src = getenv("LANTERN_SOURCE_DIR");
	if (!src)
		skip();
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/templates", src);
	DIR *d = opendir(dir);
	if (!d)
		return; /* no templates yet */
	size_t total = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char path[2048];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		static char text[1 << 20];
		size_t n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
		text[n] = '\0';
		size_t h = language_scan(text, NULL, NULL);
		if (h)
			print_error("refused word in templates/%s\n", de->d_name);
		total += h;
	}
	closedir(d);
	assert_int_equal(total, 0);
}

static void test_R_DEF_4_text_check_in_rationale(void **state)
{
	struct proto_err e;
	assert_int_equal(proto_text_check("The child was consenting.", 100, true, "R-CAT-3",
	                                  "rationale", "The rationale", &e),
	                 -1);
	assert_string_equal(e.rule, "R-DEF-4");
	assert_string_equal(e.field, "rationale");
	assert_int_equal(proto_text_check("bad \xC3\x28 utf8", 100, true, "R-CAT-3", "rationale",
	                                  "The rationale", &e),
	                 -1);
	assert_string_equal(e.rule, "R-CAT-3");
	assert_int_equal(
	        proto_text_check("   ", 100, true, "R-CAT-3", "rationale", "The rationale", &e),
	        -1);
	assert_int_equal(
	        proto_text_check("abcdef", 5, true, "R-CAT-3", "rationale", "The rationale", &e),
	        -1);
	assert_non_null(strstr(e.message, "too long"));
}

static int count_table(enum ref_table t, const struct ref_item *it, void *ctx)
{
	((size_t *)ctx)[t]++;
	return 0;
}

/* The scan above reaches every table, the disruption, meeting, outcome and report
 * tables included; the words these modules show outside the tables are clean too. */
static void test_R_DEF_4_disruption_meeting_and_report_words_are_clean(void **state)
{
	size_t seen[REF_TABLE_COUNT] = {0};
	ref_each(count_table, seen);
	for (int t = 0; t < REF_TABLE_COUNT; t++) {
		size_t n;
		ref_table((enum ref_table)t, &n);
		assert_int_equal(seen[t], n);
		assert_true(n > 0);
	}
	struct mase_flags all = {true, true, true, true, 1, {"health"}};
	struct mase_gap g[MASE_MAX_GAPS];
	size_t n = mase_gaps(&all, g);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(language_scan(g[i].text, NULL, NULL), 0);
	for (int i = 0; i < MASE_NAME_COUNT; i++)
		assert_int_equal(language_scan(mase_name_long((enum mase_name)i), NULL, NULL), 0);
	for (int i = OUTC_SCORE_MIN; i <= OUTC_SCORE_MAX; i++)
		assert_int_equal(language_scan(outc_score_label(i), NULL, NULL), 0);
	assert_int_equal(language_scan(RPT_EMPTY_TEXT, NULL, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_DEF_4_refuses_listed_words),
	        cmocka_unit_test(test_R_DEF_4_historic_suggests_non_recent),
	        cmocka_unit_test(test_R_DEF_4_whole_words_only),
	        cmocka_unit_test(test_R_DEF_4_scan_lists_every_hit_with_offset),
	        cmocka_unit_test(test_R_DEF_4_reference_labels_are_clean),
	        cmocka_unit_test(test_R_DEF_4_templates_are_clean),
	        cmocka_unit_test(test_R_DEF_4_text_check_in_rationale),
	        cmocka_unit_test(test_R_DEF_4_disruption_meeting_and_report_words_are_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
