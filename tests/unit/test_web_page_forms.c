/* test_web_page_forms.c: every page form listed in web/handlers/page_forms.h, filled in
 * field by field and read through its own specs, is handed to the use case it feeds; the
 * use case must know every name the form posts. A form whose field the use case does
 * not take (the forensic decision once posted "phones" where R-MISS-9's question is
 * "devices") fails here. Each use case is first shown a name nobody knows, so that the
 * check cannot pass because the use case never looked at the names. */
#include "app_fixture.h"
#include "app/episodes.h"
#include "app/forensic.h"
#include "web/handlers/page_forms.h"

/* A value the field's kind accepts: the first option, a real date, "yes", text. */
static const char *value_for(const struct fs_field *s)
{
	switch (s->kind) {
	case FS_DATE:
		return "2012-04-01";
	case FS_DATETIME:
		return "2026-03-09T10:00";
	case FS_CHECKBOX:
		return "yes";
	case FS_RADIOS:
	case FS_INT_RADIOS:
	case FS_SELECT:
	case FS_CHECKBOXES:
		if (s->options)
			return s->options[0].value[0] ? s->options[0].value : s->options[1].value;
		if (s->ref >= 0) {
			size_t n;
			const struct ref_item *t = ref_table((enum ref_table)s->ref, &n);
			return n ? t[0].code : "x";
		}
		return "1";
	default:
		return "Some words";
	}
}

/* The form with every field of every part filled in. */
static struct form filled(struct pool *p, const struct page_form_use *u)
{
	size_t total = 0;
	for (size_t k = 0; k < PAGE_FORM_PARTS; k++)
		total += u->parts[k].n;
	struct form f = {pool_alloc(p, (total ? total : 1) * sizeof(struct form_field)), 0};
	for (size_t k = 0; k < PAGE_FORM_PARTS; k++)
		for (size_t i = 0; i < u->parts[k].n; i++) {
			const struct fs_field *s = &u->parts[k].specs[i];
			const char *v = value_for(s);
			f.fields[f.n++] = (struct form_field){s->name, v, strlen(v)};
		}
	return f;
}

/* What the page would send to the use case: each part read through its specs. */
static json_t *as_posted(const struct page_form_use *u, const struct form *f)
{
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = json_object();
	for (size_t k = 0; k < PAGE_FORM_PARTS; k++) {
		if (!u->parts[k].n)
			continue;
		json_t *part = formspec_to_json(u->parts[k].specs, u->parts[k].n, f, &errs);
		/* nested objects ("child.x", "police.x") from several parts are merged */
		const char *key;
		json_t *v;
		json_object_foreach(part, key, v)
		{
			json_t *have = json_object_get(in, key);
			if (json_is_object(have) && json_is_object(v))
				json_object_update(have, v);
			else
				json_object_set(in, key, v);
		}
		json_decref(part);
	}
	assert_int_equal(errs.n, 0);
	if (u->adjust)
		u->adjust(in);
	return in;
}

static bool unknown_field(const struct app_err *err)
{
	return fx_field(err, "(unknown)");
}

static void check_forms(struct fx *f, const struct page_form_use *forms, size_t n)
{
	struct actor who = fx_actor(f, "ps.clark");
	struct pool *p = pool_new(1 << 20);
	for (size_t i = 0; i < n; i++) {
		const struct page_form_use *u = &forms[i];
		struct form form = filled(p, u);
		json_t *in = as_posted(u, &form);
		struct app_err err;
		json_t *out = NULL;

		/* the canary: a name no use case takes is reported */
		json_t *odd = json_deep_copy(in);
		json_object_set_new(odd, "zz_no_such_field", json_true());
		u->fn(f->db, &who, "nothing-has-this-id", odd, &out, &err);
		json_decref(out);
		json_decref(odd);
		if (!unknown_field(&err))
			fail_msg("%s: the use case never checks the names it is given (%s)",
			         u->path, err.message);

		out = NULL;
		u->fn(f->db, &who, "nothing-has-this-id", in, &out, &err);
		json_decref(out);
		if (unknown_field(&err)) {
			fail_msg("%s: the form posts a field its use case does not take", u->path);
		}
		json_decref(in);
	}
	pool_free(p);
}

static void test_missing_episode_forms_post_only_names_their_use_cases_take(void **state)
{
	struct page_form_use forms[16];
	size_t n = pages_missing_forms(forms, ARRAY_LEN(forms));
	assert_true(n >= 9 && n <= ARRAY_LEN(forms));
	check_forms(*state, forms, n);
}

static void test_R_MISS_9_forensic_form_asks_every_protocol_question_by_its_code(void **state)
{
	(void)state;
	struct page_form_use forms[16];
	size_t n = pages_missing_forms(forms, ARRAY_LEN(forms));
	const char *codes[8];
	size_t nq = app_forensic_questions(codes, NULL, 8);
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(forms[i].path, "forensic") != 0)
			continue;
		found = true;
		for (size_t q = 0; q < nq; q++) {
			bool asked = false;
			for (size_t k = 0; k < forms[i].parts[0].n; k++)
				asked = asked ||
				        strcmp(forms[i].parts[0].specs[k].name, codes[q]) == 0;
			if (!asked)
				fail_msg("the forensic form does not ask '%s'", codes[q]);
		}
	}
	assert_true(found);
}

static void test_referral_form_posts_only_names_the_use_case_takes(void **state)
{
	struct page_form_use forms[4];
	size_t n = pages_referral_forms(forms, ARRAY_LEN(forms));
	assert_int_equal(n, 1);
	check_forms(*state, forms, n);
}

/* A page asking a use case to check the rest of a form (check_only) gets its errors,
 * and nothing is kept when the rest is right. */
static void test_check_only_validates_and_keeps_nothing(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX];
	fx_new_record(f, "sw.green", "Ottoline", "Check", "2012-02-02", NULL, child);
	struct actor who = fx_actor(f, "sw.green");
	who.check_only = true;
	json_t *in = json_pack("{s:s, s:s, s:b}", "child_id", child, "missing_from", "home",
	                       "auto_correct", 1);
	int64_t before = fx_count(f, "episodes");
	int64_t audited = fx_count(f, "audit_events");
	struct app_err err;
	json_t *out = NULL;
	assert_int_equal(app_episode_report(f->db, &who, NULL, in, &out, &err), APP_OK);
	json_decref(out);
	assert_int_equal(fx_count(f, "episodes"), before);
	assert_int_equal(fx_count(f, "audit_events"), audited);
	/* and a wrong value is still reported */
	json_object_set_new(in, "missing_from", json_string("the moon"));
	assert_int_not_equal(app_episode_report(f->db, &who, NULL, in, &out, &err), APP_OK);
	assert_true(fx_field(&err, "missing_from"));
	json_decref(in);
	assert_int_equal(fx_count(f, "episodes"), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_missing_episode_forms_post_only_names_their_use_cases_take),
	        cmocka_unit_test(
	                test_R_MISS_9_forensic_form_asks_every_protocol_question_by_its_code),
	        cmocka_unit_test(test_referral_form_posts_only_names_the_use_case_takes),
	        cmocka_unit_test(test_check_only_validates_and_keeps_nothing),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
