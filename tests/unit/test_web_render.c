/* test_web_render.c: the template engine: escaping, sections, partials, missing keys,
 * malformed templates refused at compile time, and the real templates. */
#include <setjmp.h>
#include <cmocka.h>

#include "web/render.h"

#define F(n, t)                                                                                    \
	{                                                                                          \
		n, t, sizeof(t) - 1                                                                \
	}

static char *render(const struct embedded_file *files, const char *name, const char *json)
{
	char err[200];
	struct render_set *set = render_set_new(files, err, sizeof err);
	if (!set) {
		fprintf(stderr, "compile: %s\n", err);
		return NULL;
	}
	json_t *d = json ? json_loads(json, 0, NULL) : NULL;
	struct buf out = BUF_INIT(1 << 20);
	int rc = render_template(set, name, d, &out);
	json_decref(d);
	render_set_free(set);
	if (rc < 0) {
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

static void expect(const char *tmpl, const char *json, const char *want)
{
	struct embedded_file files[] = {{"t.html", tmpl, strlen(tmpl)}, {0, 0, 0}};
	char *got = render(files, "t.html", json);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_every_special_char_escaped(void **state)
{
	expect("<p>{{x}}</p>", "{\"x\":\"<script>alert('x')</script> & \\\"q\\\" `b`\"}",
	       "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; "
	       "&#96;b&#96;</p>");
	expect("<a title=\"{{x}}\">", "{\"x\":\"\\\" onmouseover=\\\"y\"}",
	       "<a title=\"&quot; onmouseover=&quot;y\">");
	/* Dotted names and {{.}} escape too. */
	expect("{{a.b}}|{{#l}}{{.}}{{/l}}", "{\"a\":{\"b\":\"<i>\"},\"l\":[\"<\",\">\"]}",
	       "&lt;i&gt;|&lt;&gt;");
	/* Template text is not data: braces in data are output literally. */
	expect("{{x}}", "{\"x\":\"{{y}}\",\"y\":\"no\"}", "{{y}}");
}

static void test_value_types_and_missing(void **state)
{
	expect("[{{s}}][{{i}}][{{t}}][{{f}}][{{n}}][{{o}}][{{a}}][{{missing}}][{{a.b.c}}]",
	       "{\"s\":\"x\",\"i\":42,\"t\":true,\"f\":false,\"n\":null,\"o\":{},\"a\":[1]}",
	       "[x][42][true][false][][][][][]");
	expect("{{x}}", NULL, "");
}

static void test_sections(void **state)
{
	expect("{{#items}}<li>{{name}}</li>{{/items}}",
	       "{\"items\":[{\"name\":\"A\"},{\"name\":\"B\"}]}", "<li>A</li><li>B</li>");
	expect("{{#items}}x{{/items}}{{^items}}none{{/items}}", "{\"items\":[]}", "none");
	expect("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", "{\"flag\":true}", "yes");
	expect("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", "{\"flag\":false}", "no");
	expect("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", "{}", "no");
	expect("{{#s}}[{{.}}]{{/s}}{{^e}}empty{{/e}}", "{\"s\":\"v\",\"e\":\"\"}", "[v]empty");
	expect("{{#zero}}z{{/zero}}", "{\"zero\":0}", "z");
	/* Outer names are visible inside a section; inner ones shadow them. */
	expect("{{#user}}{{name}}/{{token}}{{/user}}",
	       "{\"token\":\"T\",\"name\":\"outer\",\"user\":{\"name\":\"inner\"}}", "inner/T");
	/* Nested arrays. */
	expect("{{#rows}}({{#cells}}{{.}}{{/cells}}){{/rows}}",
	       "{\"rows\":[{\"cells\":[1,2]},{\"cells\":[3]}]}", "(12)(3)");
	expect("a{{! a comment }}b", "{}", "ab");
}

static void test_partials_and_content(void **state)
{
	struct embedded_file files[] = {
	        F("layout.html", "<main>{{>content}}</main>{{>foot}}"),
	        F("foot.html", "<footer>{{who}}</footer>"),
	        F("page.html", "<h1>{{title}}</h1>{{#items}}{{>item}}{{/items}}"),
	        F("item.html", "<i>{{.}}</i>"),
	        {0, 0, 0},
	};
	char err[200];
	struct render_set *set = render_set_new(files, err, sizeof err);
	assert_non_null(set);
	json_t *d = json_pack("{s:s, s:s, s:[s,s]}", "title", "T<", "who", "me", "items", "a", "b");
	struct buf out = BUF_INIT(4096);
	assert_int_equal(render_page(set, "page.html", d, &out), 0);
	assert_string_equal(buf_cstr(&out),
	                    "<main><h1>T&lt;</h1><i>a</i><i>b</i></main><footer>me</footer>");
	buf_reset(&out);
	assert_int_equal(render_template(set, "nope.html", d, &out), -1);
	assert_int_equal(render_page(set, "nope.html", d, &out), -1);
	buf_reset(&out);
	/* The layout alone has no content to put in. */
	assert_int_equal(render_template(set, "layout.html", d, &out), -1);
	/* An output cap is honoured. */
	struct buf small = BUF_INIT(8);
	assert_int_equal(render_page(set, "page.html", d, &small), -1);
	buf_release(&small);
	buf_release(&out);
	json_decref(d);
	render_set_free(set);
}

static void test_malformed_templates_refused(void **state)
{
	const char *bad[] = {
	        "{{#a}}never closed",
	        "{{/a}}",
	        "{{#a}}{{/b}}",
	        "{{#a}}{{#b}}{{/a}}{{/b}}",
	        "{{{raw}}}",
	        "{{&raw}}",
	        "{{=<% %>=}}",
	        "{{ }}",
	        "{{a b}}",
	        "{{a..b}}",
	        "{{.a}}",
	        "{{unclosed",
	        "{{a\n}}",
	        "{{>bad.name}}",
	        "{{<x}}",
	};
	char err[200];
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err[0] = '\0';
		assert_int_equal(render_check("t.html", bad[i], strlen(bad[i]), err, sizeof err),
		                 -1);
		assert_non_null(strstr(err, "t.html"));
	}
	/* Errors name the line. */
	const char *t = "line1\nline2\n{{#open}}\nline4";
	assert_int_equal(render_check("t.html", t, strlen(t), err, sizeof err), -1);
	assert_non_null(strstr(err, "t.html:3"));
	/* Unknown partials and cycles are refused when the set is built. */
	struct embedded_file unknown[] = {F("a.html", "{{>nothere}}"), {0, 0, 0}};
	assert_null(render_set_new(unknown, err, sizeof err));
	assert_non_null(strstr(err, "unknown partial"));
	struct embedded_file cycle[] = {F("a.html", "{{>b}}"), F("b.html", "{{>a}}"), {0, 0, 0}};
	assert_null(render_set_new(cycle, err, sizeof err));
	assert_non_null(strstr(err, "cycle"));
	struct embedded_file self[] = {F("a.html", "x{{>a}}"), {0, 0, 0}};
	assert_null(render_set_new(self, err, sizeof err));
}

static void test_deep_nesting_refused_not_crashing(void **state)
{
	struct buf t = BUF_INIT(1 << 16);
	for (int i = 0; i < RENDER_MAX_DEPTH + 2; i++)
		buf_puts(&t, "{{#a}}");
	for (int i = 0; i < RENDER_MAX_DEPTH + 2; i++)
		buf_puts(&t, "{{/a}}");
	char err[200];
	assert_int_equal(render_check("t.html", buf_cstr(&t), t.len, err, sizeof err), -1);
	buf_release(&t);
}

static void test_real_templates_compile_and_render(void **state)
{
	char err[200];
	struct render_set *set = render_set_new(embedded_templates, err, sizeof err);
	if (!set)
		fail_msg("templates: %s", err);
	assert_true(render_has(set, "layout.html"));
	assert_true(render_has(set, "sign_in.html"));
	assert_true(render_has(set, "error.html"));
	json_t *d = json_pack("{s:s, s:b, s:s, s:{s:s, s:s}, s:s}", "title", "Sign in", "demo", 1,
	                      "username", "<b>x</b>", "user", "name", "Test User", "agency",
	                      "Example Borough", "csrf_token", "TOKEN");
	struct buf out = BUF_INIT(1 << 20);
	assert_int_equal(render_page(set, "sign_in.html", d, &out), 0);
	const char *html = buf_cstr(&out);
	assert_non_null(strstr(html, "This is a demonstration: every person here is synthetic"));
	assert_non_null(strstr(html, "value=\"&lt;b&gt;x&lt;/b&gt;\""));
	assert_non_null(strstr(html, "class=\"govuk-skip-link\""));
	assert_non_null(strstr(html, "name=\"csrf_token\" value=\"TOKEN\""));
	assert_null(strstr(html, "<b>x</b>"));
	assert_null(strstr(html, "{{"));
	assert_null(strstr(html, "<script>"));    /* no inline script */
	assert_null(strstr(html, "style=\""));    /* no inline style */
	assert_null(strstr(html, "govuk-crest")); /* no crown */
	buf_release(&out);
	json_decref(d);
	render_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_every_special_char_escaped),
	        cmocka_unit_test(test_value_types_and_missing),
	        cmocka_unit_test(test_sections),
	        cmocka_unit_test(test_partials_and_content),
	        cmocka_unit_test(test_malformed_templates_refused),
	        cmocka_unit_test(test_deep_nesting_refused_not_crashing),
	        cmocka_unit_test(test_real_templates_compile_and_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
