/* test_protocol_recording.c: R-REC-1, 3..6 (src/protocol/recording.h). */
#include <setjmp.h>
#include <cmocka.h>

#include "protocol/recording.h"
#include "protocol/reference.h"

#include <string.h>

static const int64_t NOW = 1773144000;

static void test_R_REC_1_no_candidate_creates(void **state)
{
	struct rec_match_result r;
	recording_match_decide(NULL, 0, &r);
	assert_int_equal(r.decision, REC_CREATE_NEW);
	assert_null(r.record_id);
}

static void test_R_REC_1_one_certain_match_updates(void **state)
{
	struct rec_candidate c[] = {{"rec-1", MATCH_CERTAIN}, {"rec-1", MATCH_POSSIBLE}};
	struct rec_match_result r;
	recording_match_decide(c, 2, &r);
	assert_int_equal(r.decision, REC_UPDATE_EXISTING);
	assert_string_equal(r.record_id, "rec-1");
}

static void test_R_REC_1_possible_or_several_asks_never_creates(void **state)
{
	struct rec_match_result r;
	struct rec_candidate p[] = {{"rec-2", MATCH_POSSIBLE}};
	recording_match_decide(p, 1, &r);
	assert_int_equal(r.decision, REC_ASK_USER);
	struct rec_candidate m[] = {{"rec-1", MATCH_CERTAIN}, {"rec-2", MATCH_POSSIBLE}};
	recording_match_decide(m, 2, &r);
	assert_int_equal(r.decision, REC_ASK_USER);
	assert_int_equal(r.n_candidates, 2);
	struct rec_candidate two[] = {{"rec-1", MATCH_CERTAIN}, {"rec-3", MATCH_CERTAIN}};
	recording_match_decide(two, 2, &r);
	assert_int_equal(r.decision, REC_ASK_USER);
	assert_non_null(strstr(r.text, "duplicate"));
	struct rec_candidate empty[] = {{"", MATCH_CERTAIN}, {NULL, MATCH_CERTAIN}};
	recording_match_decide(empty, 2, &r);
	assert_int_equal(r.decision, REC_CREATE_NEW);
}

static const char *people[] = {"child-17", "pc-0007"};

static struct chron_entry entry(void)
{
	return (struct chron_entry){NOW - 3600,
	                            true,
	                            "pc-0007",
	                            people,
	                            2,
	                            REC_FACT,
	                            "Child seen getting into a silver car at 22:10."};
}

static void test_R_REC_3_valid_entry(void **state)
{
	struct proto_err e;
	struct chron_entry c = entry();
	assert_int_equal(recording_chron_validate(&c, NOW, &e), 0);
	c.nature = REC_OPINION;
	c.occurred_at = NOW + REC_CLOCK_SKEW;
	assert_int_equal(recording_chron_validate(&c, NOW, &e), 0);
}

static void test_R_REC_3_refusals(void **state)
{
	struct proto_err e;
	struct chron_entry c = entry();
	c.occurred_at = NOW + 86400;
	assert_int_equal(recording_chron_validate(&c, NOW, &e), -1);
	assert_string_equal(e.field, "occurred_at");
	c = entry();
	c.occurred_at_set = false;
	assert_int_equal(recording_chron_validate(&c, NOW, &e), -1);
	c = entry();
	c.author_id = "";
	assert_int_equal(recording_chron_validate(&c, NOW, &e), -1);
	assert_string_equal(e.field, "author_id");
	c = entry();
	c.n_people = 0;
	assert_int_equal(recording_chron_validate(&c, NOW, &e), -1);
	assert_string_equal(e.field, "people");
	c = entry();
	c.nature = REC_NATURE_UNSET;
	assert_int_equal(recording_chron_validate(&c, NOW, &e), -1);
	assert_string_equal(e.field, "nature");
	c = entry();
	c.text = "Historic abuse mentioned.";
	assert_int_equal(recording_chron_validate(&c, NOW, &e), -1);
	assert_string_equal(e.rule, "R-DEF-4");
	c = entry();
	c.text = "line\x01control";
	assert_int_equal(recording_chron_validate(&c, NOW, &e), -1);
	assert_string_equal(e.rule, "R-REC-3");
}

static void test_R_REC_4_external_references(void **state)
{
	struct proto_err e;
	assert_int_equal(recording_ext_ref_validate(EXT_CRIME_NUMBER, "4201234/26", &e), 0);
	assert_int_equal(recording_ext_ref_validate(EXT_MERLIN_PAC, "26MIS012345", &e), 0);
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE, "CSC-2026-00412", &e), 0);
	assert_int_equal(recording_ext_ref_validate(EXT_NON_CRIME_NUMBER, "587 1234", &e), 0);
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE, "", &e), -1);
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE, "ab", &e), -1);
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE, "ABCDEF", &e), -1);
	assert_non_null(strstr(e.message, "digit"));
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE, "12;DROP", &e), -1);
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE, "12  34", &e), -1);
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE, "/1234", &e), -1);
	assert_int_equal(recording_ext_ref_validate(EXT_CSC_CASE,
	                                            "12\xC3\xA9"
	                                            "4",
	                                            &e),
	                 -1);
	assert_int_equal(recording_ext_ref_validate(
	                         EXT_CSC_CASE, "12345678901234567890123456789012345678901", &e),
	                 -1);
	assert_string_equal(e.rule, "R-REC-4");
	assert_int_equal(recording_ext_ref_validate((enum ext_ref_kind)9, "1234", &e), -1);
}

static void test_R_REC_5_crime_allegation_links_never_new_record(void **state)
{
	struct crime_allegation_plan p;
	recording_crime_allegation(false, &p);
	assert_true(p.create_crime_reference);
	assert_true(p.link_crime_reference);
	assert_false(p.create_record);
	assert_true(p.es_on_crime_report);
	recording_crime_allegation(true, &p);
	assert_false(p.create_crime_reference);
	assert_true(p.link_crime_reference);
	assert_false(p.create_record);
}

static void test_R_REC_6_supersede_rules(void **state)
{
	struct proto_err e;
	struct rec_entry_info t = {"ent-5", "rec-1", false};
	assert_int_equal(recording_supersede_validate(&t, "rec-1", "Time corrected: 21:10.", &e),
	                 0);
	assert_int_equal(recording_supersede_validate(NULL, "rec-1", "x", &e), -1);
	assert_string_equal(e.rule, "R-REC-6");
	assert_int_equal(recording_supersede_validate(&t, "rec-2", "x", &e), -1);
	assert_non_null(strstr(e.message, "same record"));
	t.superseded = true;
	assert_int_equal(recording_supersede_validate(&t, "rec-1", "x", &e), -1);
	assert_non_null(strstr(e.message, "already"));
	t.superseded = false;
	assert_int_equal(recording_supersede_validate(&t, "rec-1", "", &e), -1);
	assert_false(recording_delete_allowed());
}

/* R-REC-1: a person merges two children: MASH workers, CSC managers, police supervisors. */
static void test_R_REC_1_merge_roles_and_rules(void **state)
{
	(void)state;
	assert_true(recording_may_merge(ROLE_BIT(ROLE_MASH_WORKER)));
	assert_true(recording_may_merge(ROLE_BIT(ROLE_CSC_MANAGER)));
	assert_true(recording_may_merge(ROLE_BIT(ROLE_POLICE_SUPERVISOR) |
	                                ROLE_BIT(ROLE_POLICE_OFFICER)));
	assert_false(recording_may_merge(0));
	assert_false(recording_may_merge(ROLE_BIT(ROLE_POLICE_OFFICER)));
	assert_false(recording_may_merge(ROLE_BIT(ROLE_SOCIAL_WORKER)));
	assert_false(recording_may_merge(ROLE_BIT(ROLE_ANALYST)));
	assert_false(recording_may_merge(ROLE_BIT(ROLE_ADMINISTRATOR)));
	struct proto_err e;
	assert_int_equal(recording_merge_validate("ch-a", "ch-b", "Same NHS number.", &e), 0);
	assert_int_equal(recording_merge_validate("ch-a", "ch-a", "Same child.", &e), -1);
	assert_string_equal(e.field, "merged_child_id");
	assert_string_equal(e.rule, "R-REC-1");
	assert_int_equal(recording_merge_validate("ch-a", "ch-b", NULL, &e), -1);
	assert_string_equal(e.field, "reason");
	assert_int_equal(recording_merge_validate("ch-a", "ch-b", "   ", &e), -1);
	assert_int_equal(recording_merge_validate(NULL, NULL, "Merged in error.", &e), 0);
	char big[PROTO_SHORT_MAX + 10];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(recording_merge_validate("ch-a", "ch-b", big, &e), -1);
	assert_string_equal(e.field, "reason");
	/* wording is checked like any other text (R-DEF-4) */
	assert_int_equal(recording_merge_validate("ch-a", "ch-b", "She is promiscuous.", &e), -1);
	assert_string_equal(e.field, "reason");
}

/* R-REC-6: a correction says why, and changes the entry. */
static void test_R_REC_6_correction_needs_a_reason_and_a_change(void **state)
{
	(void)state;
	struct proto_err e;
	assert_int_equal(recording_correction_validate("Seen at 21:00.", "Seen at 21:10.",
	                                               "The time was wrong.", &e),
	                 0);
	assert_int_equal(
	        recording_correction_validate("Seen at 21:00.", "Seen at 21:10.", NULL, &e), -1);
	assert_string_equal(e.rule, "R-REC-6");
	assert_string_equal(e.field, "reason");
	assert_int_equal(
	        recording_correction_validate("Seen at 21:00.", "Seen at 21:10.", "  ", &e), -1);
	/* the same words, white space aside: not a correction */
	assert_int_equal(recording_correction_validate("Seen at  21:00.", " Seen at\n21:00. ",
	                                               "Tidied.", &e),
	                 -1);
	assert_string_equal(e.field, "text");
	/* a word changed only in case is a change */
	assert_int_equal(
	        recording_correction_validate("Seen at euston.", "Seen at Euston.", "Name.", &e),
	        0);
	/* words joined or split are a change */
	assert_int_equal(recording_correction_validate("Seen at 21:00.", "Seen at21:00.", "x", &e),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_REC_6_correction_needs_a_reason_and_a_change),
	        cmocka_unit_test(test_R_REC_1_merge_roles_and_rules),
	        cmocka_unit_test(test_R_REC_1_no_candidate_creates),
	        cmocka_unit_test(test_R_REC_1_one_certain_match_updates),
	        cmocka_unit_test(test_R_REC_1_possible_or_several_asks_never_creates),
	        cmocka_unit_test(test_R_REC_3_valid_entry),
	        cmocka_unit_test(test_R_REC_3_refusals),
	        cmocka_unit_test(test_R_REC_4_external_references),
	        cmocka_unit_test(test_R_REC_5_crime_allegation_links_never_new_record),
	        cmocka_unit_test(test_R_REC_6_supersede_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
