/* test_web_formspec.c: page forms to use-case JSON: kinds, nesting, UK time to UTC
 * (across both clock changes), the SAFEGUARD signs, refill data and error targets. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/formspec.h"

static const struct fs_option opts[] = {{"a", "A", NULL}, {"b", "B", "hint b"}, {NULL, NULL, NULL}};
static const struct fs_field specs[] = {
        {"name", NULL, FS_TEXT, "Name", NULL, NULL, -1, NULL},
        {"when", NULL, FS_DATETIME, "When", NULL, NULL, -1, NULL},
        {"dob", "child.date_of_birth", FS_DATE, "Born", NULL, NULL, -1, NULL},
        {"given", "child.given_names", FS_TEXT, "Given", NULL, NULL, -1, NULL},
        {"flag", NULL, FS_CHECKBOX, "Flag", NULL, NULL, -1, NULL},
        {"pick", NULL, FS_CHECKBOXES, "Pick", NULL, opts, -1, NULL},
        {"one", NULL, FS_RADIOS, "One", NULL, opts, -1, NULL},
        {"cat", NULL, FS_INT_RADIOS, "Cat", NULL, NULL, -1, NULL},
        {"people", NULL, FS_LINES, "People", NULL, NULL, -1, NULL},
        {"groups", NULL, FS_CHECKBOXES, "Groups", NULL, NULL, REF_RISK_GROUPS, NULL},
};

static struct form parse(struct pool *p, const char *s)
{
	struct form f;
	assert_int_equal(form_parse(p, s, strlen(s), NULL, &f, NULL), 0);
	return f;
}

static void test_mapping_kinds_and_nesting(void **state)
{
	(void)state;
	struct pool *p = pool_new(1 << 20);
	struct form f = parse(
	        p, "name=+Sam+&when=2026-07-01T10%3A30&dob=2011-05-05&given=Alex"
	           "&flag=yes&pick=a&pick=b&one=b&cat=2&people=the+child%0D%0A%0D%0A+a+friend+");
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *o = formspec_to_json(specs, ARRAY_LEN(specs), &f, &errs);
	assert_int_equal(errs.n, 0);
	assert_string_equal(json_string_value(json_object_get(o, "name")), "Sam");
	/* 10:30 BST is 09:30 UTC */
	assert_string_equal(json_string_value(json_object_get(o, "when")), "2026-07-01T09:30:00Z");
	json_t *child = json_object_get(o, "child");
	assert_string_equal(json_string_value(json_object_get(child, "date_of_birth")),
	                    "2011-05-05");
	assert_string_equal(json_string_value(json_object_get(child, "given_names")), "Alex");
	assert_true(json_is_true(json_object_get(o, "flag")));
	assert_int_equal(json_array_size(json_object_get(o, "pick")), 2);
	assert_string_equal(json_string_value(json_object_get(o, "one")), "b");
	assert_int_equal(json_integer_value(json_object_get(o, "cat")), 2);
	json_t *people = json_object_get(o, "people");
	assert_int_equal(json_array_size(people), 2);
	assert_string_equal(json_string_value(json_array_get(people, 1)), "a friend");
	json_decref(o);

	/* empty fields are left out; an unticked box is false */
	f = parse(p, "name=++&one=&flag=");
	o = formspec_to_json(specs, ARRAY_LEN(specs), &f, &errs);
	assert_null(json_object_get(o, "name"));
	assert_null(json_object_get(o, "one"));
	assert_null(json_object_get(o, "child"));
	assert_true(json_is_false(json_object_get(o, "flag")));
	json_decref(o);
	pool_free(p);
}

static void test_bad_dates_are_field_errors(void **state)
{
	(void)state;
	struct pool *p = pool_new(1 << 20);
	struct form f = parse(p, "when=yesterday&dob=2011-02-30&cat=two");
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *o = formspec_to_json(specs, ARRAY_LEN(specs), &f, &errs);
	assert_non_null(fielderr_get(&errs, "when"));
	assert_non_null(fielderr_get(&errs, "dob"));
	assert_non_null(fielderr_get(&errs, "cat"));
	assert_null(json_object_get(o, "when"));
	json_decref(o);
	pool_free(p);
}

static void test_london_time_across_clock_changes(void **state)
{
	(void)state;
	char out[21], back[17];
	assert_int_equal(formspec_london_to_utc("2026-01-15T12:00", out), 0);
	assert_string_equal(out, "2026-01-15T12:00:00Z");
	/* October overlap: 01:30 happens twice; the first (BST) is taken */
	assert_int_equal(formspec_london_to_utc("2026-10-25T01:30", out), 0);
	assert_string_equal(out, "2026-10-25T00:30:00Z");
	assert_int_equal(formspec_london_to_utc("2026-10-25T02:30", out), 0);
	assert_string_equal(out, "2026-10-25T02:30:00Z");
	/* March gap: 01:30 does not exist; read as GMT */
	assert_int_equal(formspec_london_to_utc("2026-03-29T01:30", out), 0);
	assert_string_equal(out, "2026-03-29T01:30:00Z");
	assert_int_equal(formspec_london_to_utc("2026-03-29T03:00", out), 0);
	assert_string_equal(out, "2026-03-29T02:00:00Z");
	assert_int_equal(formspec_utc_to_london("2026-07-01T09:30:00Z", back), 0);
	assert_string_equal(back, "2026-07-01T10:30");
	assert_int_equal(formspec_london_to_utc("2026-07-01", out), -1);
	assert_int_equal(formspec_london_to_utc("2026-13-01T10:00", out), -1);
	assert_int_equal(formspec_london_to_utc(NULL, out), -1);
}

static void test_R_SIGN_1_signs_with_evidence(void **state)
{
	(void)state;
	struct pool *p = pool_new(1 << 20);
	struct form f = parse(
	        p, "sign=gifts_money&evidence_gifts_money=New+phone&seen_gifts_money=2026-10-01"
	           "&sign=alcohol_drugs&evidence_alcohol_drugs=+&sign=not_a_sign"
	           "&evidence_familial_abuse=ignored+when+not+ticked");
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *a = formspec_signs(&f, &errs, p);
	assert_int_equal(json_array_size(a), 1);
	json_t *s = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(s, "code")), "gifts_money");
	assert_string_equal(json_string_value(json_object_get(s, "evidence")), "New phone");
	assert_string_equal(json_string_value(json_object_get(s, "seen_on")), "2026-10-01");
	assert_non_null(fielderr_get(&errs, "evidence_alcohol_drugs"));
	json_decref(a);
	pool_free(p);
}

static void test_refill_and_error_targets(void **state)
{
	(void)state;
	struct pool *p = pool_new(1 << 20);
	struct form f = parse(p, "name=%3Cb%3E&pick=b&one=a&when=2026-07-01T10%3A30");
	struct field_errors errs;
	fielderr_init(&errs);
	fielderr_add(&errs, "name", "Enter a name");
	json_t *fields = formspec_fields(specs, ARRAY_LEN(specs), &f, NULL, &errs);
	json_t *name = json_array_get(fields, 0);
	assert_string_equal(json_string_value(json_object_get(name, "value")),
	                    "<b>"); /* escaped by render */
	assert_string_equal(json_string_value(json_object_get(name, "error")), "Enter a name");
	json_t *pick = json_object_get(json_array_get(fields, 5), "options");
	assert_true(json_is_false(json_object_get(json_array_get(pick, 0), "checked")));
	assert_true(json_is_true(json_object_get(json_array_get(pick, 1), "checked")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(pick, 1), "id")),
	                    "pick-2");
	json_t *groups = json_object_get(json_array_get(fields, 9), "options");
	size_t n;
	ref_table(REF_RISK_GROUPS, &n);
	assert_int_equal(json_array_size(groups), n);
	json_decref(fields);

	/* defaults from a view: UTC time shown in UK time, lists as lines */
	json_t *v = json_pack("{s:s, s:[s, s], s:b}", "when", "2026-12-01T09:00:00Z", "people", "x",
	                      "y", "flag", 1);
	fields = formspec_fields(specs, ARRAY_LEN(specs), NULL, v, NULL);
	json_t *when = json_array_get(fields, 1);
	assert_string_equal(json_string_value(json_object_get(when, "day")), "01");
	assert_string_equal(json_string_value(json_object_get(when, "month")), "12");
	assert_string_equal(json_string_value(json_object_get(when, "year")), "2026");
	assert_string_equal(json_string_value(json_object_get(when, "time")), "09:00");
	assert_string_equal(json_string_value(json_object_get(json_array_get(fields, 8), "value")),
	                    "x\ny");
	assert_true(json_is_true(json_object_get(json_array_get(fields, 4), "checked")));
	json_decref(fields);
	json_decref(v);

	assert_string_equal(formspec_error_target(specs, ARRAY_LEN(specs), "child"), "dob");
	assert_string_equal(formspec_error_target(specs, ARRAY_LEN(specs), "people"), "people");
	assert_string_equal(formspec_error_target(specs, ARRAY_LEN(specs), "summary"), "name");
	pool_free(p);
}

/* Dates as the GOV.UK date input (day, month, year) and times as a 24-hour UK time. */
static void test_dates_in_three_inputs_and_24_hour_uk_times(void **state)
{
	(void)state;
	struct pool *p = pool_new(1 << 20);
	struct form f = parse(p, "dob-day=5&dob-month=3&dob-year=2011"
	                         "&when-day=1&when-month=7&when-year=2026&when-time=18%3A05");
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *o = formspec_to_json(specs, ARRAY_LEN(specs), &f, &errs);
	assert_int_equal(errs.n, 0);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(o, "child"), "date_of_birth")),
	        "2011-03-05");
	/* 18:05 BST is 17:05 UTC */
	assert_string_equal(json_string_value(json_object_get(o, "when")), "2026-07-01T17:05:00Z");
	json_decref(o);
	/* other ways of writing the time; GMT in winter */
	static const char *const ok[] = {"9:05", "09.05", "0905"};
	for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
		char in[128], out[21];
		const char *why;
		snprintf(in, sizeof in, "when-day=15&when-month=1&when-year=2026&when-time=%s",
		         ok[i]);
		f = parse(p, in);
		assert_int_equal(formspec_datetime_of(&f, "when", out, &why), 1);
		assert_string_equal(out, "2026-01-15T09:05:00Z");
	}
	/* refused, each with words */
	static const char *const bad[] = {
	        "dob-day=31&dob-month=2&dob-year=2011", /* not a real date */
	        "dob-day=5&dob-month=3",                /* no year */
	        "dob-day=5&dob-month=3&dob-year=11",    /* two-figure year */
	        "dob-day=x&dob-month=3&dob-year=2011",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char out[11];
		const char *why = NULL;
		f = parse(p, bad[i]);
		assert_int_equal(formspec_date_of(&f, "dob", out, &why), -1);
		assert_non_null(why);
		assert_null(strchr(why, '_'));
	}
	static const char *const bad_time[] = {"25:00", "18:60", "6pm", "1", ""};
	for (size_t i = 0; i < ARRAY_LEN(bad_time); i++) {
		char in[128], out[21];
		const char *why = NULL;
		snprintf(in, sizeof in, "when-day=1&when-month=7&when-year=2026&when-time=%s",
		         bad_time[i]);
		f = parse(p, in);
		assert_int_equal(formspec_datetime_of(&f, "when", out, &why), -1);
		assert_non_null(why);
	}
	/* nothing entered: nothing sent */
	{
		char out[21];
		const char *why;
		f = parse(p, "when-day=&when-month=&when-year=&when-time=");
		assert_int_equal(formspec_datetime_of(&f, "when", out, &why), 0);
	}
	/* refilled: as typed, and from a stored value in UK time */
	f = parse(p, "dob-day=5&dob-month=3&dob-year=2011");
	json_t *fields = formspec_fields(specs, ARRAY_LEN(specs), &f, NULL, NULL);
	json_t *dob = json_array_get(fields, 2);
	assert_string_equal(json_string_value(json_object_get(dob, "day")), "5");
	assert_string_equal(json_string_value(json_object_get(dob, "year")), "2011");
	json_decref(fields);
	json_t *vals = json_pack("{s:s}", "when", "2026-07-01T17:05:00Z");
	fields = formspec_fields(specs, ARRAY_LEN(specs), NULL, vals, NULL);
	json_t *when = json_array_get(fields, 1);
	assert_string_equal(json_string_value(json_object_get(when, "day")), "01");
	assert_string_equal(json_string_value(json_object_get(when, "month")), "07");
	assert_string_equal(json_string_value(json_object_get(when, "time")), "18:05");
	json_decref(fields);
	json_decref(vals);
	pool_free(p);
}

/* A use case names "date_of_birth" what the referral form nests as
 * "child.date_of_birth": the error goes under that field, not the first one. */
static void test_errors_go_under_their_own_field(void **state)
{
	(void)state;
	assert_string_equal(formspec_error_target(specs, ARRAY_LEN(specs), "date_of_birth"), "dob");
	assert_string_equal(formspec_error_target(specs, ARRAY_LEN(specs), "given_names"), "given");
	assert_string_equal(formspec_error_target(specs, ARRAY_LEN(specs), "dob"), "dob");
	assert_null(formspec_spec_for(specs, ARRAY_LEN(specs), "nothing_like_it"));
}

/* Errors in words: never a field code; an over-long field names its limit. */
static void test_error_messages_in_words(void **state)
{
	(void)state;
	struct pool *p = pool_new(1 << 16);
	static const struct fs_field seen = {"last_seen_at", NULL, FS_DATETIME, "Last seen",
	                                     NULL,           NULL, -1,          NULL};
	static const struct fs_field from = {"missing_from", NULL, FS_RADIOS, "Missing from",
	                                     NULL,           NULL, -1,        NULL};
	static const struct fs_field why = {"reason", NULL, FS_TEXTAREA, "Why",
	                                    NULL,     NULL, -1,          NULL};
	static const struct fs_field place = {
	        "last_seen_where", NULL, FS_TEXT, "Last seen where", NULL, NULL, -1, NULL};
	assert_string_equal(formspec_error_words(&seen, "last_seen_at", "Enter last_seen_at.", p),
	                    "Enter the date and time the child was last seen");
	assert_string_equal(formspec_error_words(&from, "missing_from", "Enter missing_from.", p),
	                    "Select where the child was missing from");
	assert_string_equal(
	        formspec_error_words(&why, "reason",
	                             "reason must be plain text of at most 2000 characters.", p),
	        "Why must be 2000 characters or fewer");
	assert_string_equal(
	        formspec_error_words(&place, "last_seen_where",
	                             "last_seen_where must be plain text of at most 200 characters "
	                             "on one line.",
	                             p),
	        "Last seen where must be 200 characters or fewer, on one line");
	assert_string_equal(formspec_error_words(&seen, "last_seen_at",
	                                         "last_seen_at must be a date and time such as "
	                                         "2026-11-28T18:05:00Z.",
	                                         p),
	                    "Last seen must be a real date and time");
	assert_string_equal(formspec_error_words(&from, "missing_from",
	                                         "missing_from is home, care, school or other.", p),
	                    "Missing from is home, care, school or other");
	/* the page's own words for a date it could not read name the field */
	assert_string_equal(formspec_error_words(&seen, "last_seen_at", "Enter a real date", p),
	                    "Last seen must be a real date");
	assert_string_equal(formspec_error_words(&seen, "last_seen_at",
	                                         "Enter a real time, such as 18:05 (24-hour clock)",
	                                         p),
	                    "Last seen must be a real time, such as 18:05 (24-hour clock)");
	/* a message already in words is kept */
	assert_string_equal(formspec_error_words(&why, "reason", "Say why the risk changed.", p),
	                    "Say why the risk changed.");
	pool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_mapping_kinds_and_nesting),
	        cmocka_unit_test(test_bad_dates_are_field_errors),
	        cmocka_unit_test(test_london_time_across_clock_changes),
	        cmocka_unit_test(test_R_SIGN_1_signs_with_evidence),
	        cmocka_unit_test(test_refill_and_error_targets),
	        cmocka_unit_test(test_dates_in_three_inputs_and_24_hour_uk_times),
	        cmocka_unit_test(test_errors_go_under_their_own_field),
	        cmocka_unit_test(test_error_messages_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
