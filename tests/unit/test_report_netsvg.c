/* test_report_netsvg.c: the network picture (report/netsvg.h) and the SVG writing
 * pieces (report/svg.h): well-formed XML whatever the labels hold, hostile labels
 * escaped, shapes and line styles with a legend in words, accessible title and
 * description, no script or external reference, the same picture every time, bounded
 * output, and the table rows for screen readers. */
#include <setjmp.h>
#include <cmocka.h>

#include "report/netsvg.h"
#include "report/svg.h"

/* ---- a small XML well-formedness check (elements, attributes, entities) ---- */

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == ':' || c == '_';
}

/* An entity at s ("&amp;" ...): its length, or 0 when not one XML knows. */
static size_t entity(const char *s)
{
	static const char *const known[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
	for (size_t i = 0; i < ARRAY_LEN(known); i++)
		if (strncmp(s, known[i], strlen(known[i])) == 0)
			return strlen(known[i]);
	return 0;
}

static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
		if (!n || *p > 0xF4)
			return false;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		if (n == 1 && *p < 0x20 && *p != '\n')
			return false;
		p += n;
	}
	return true;
}

static bool well_formed(const char *s)
{
	char stack[64][32];
	int depth = 0, roots = 0;
	if (!utf8_valid(s))
		return false;
	while (*s) {
		if (*s == '&') {
			size_t n = entity(s);
			if (!n)
				return false;
			s += n;
			continue;
		}
		if (*s == '>')
			return false; /* we always escape it in text */
		if (*s != '<') {
			s++;
			continue;
		}
		s++;
		bool close = *s == '/';
		if (close)
			s++;
		char name[32];
		size_t n = 0;
		while (name_char(*s) && n < sizeof(name) - 1)
			name[n++] = *s++;
		name[n] = '\0';
		if (n == 0)
			return false;
		if (close) {
			if (*s++ != '>' || depth == 0 || strcmp(stack[--depth], name) != 0)
				return false;
			continue;
		}
		for (;;) {
			while (*s == ' ' || *s == '\n')
				s++;
			if (s[0] == '/' && s[1] == '>') {
				s += 2;
				roots += depth == 0;
				break;
			}
			if (*s == '>') {
				s++;
				if (depth == 0)
					roots++;
				if (depth == 64)
					return false;
				snprintf(stack[depth++], sizeof(stack[0]), "%s", name);
				break;
			}
			size_t an = 0;
			while (name_char(*s)) {
				s++;
				an++;
			}
			if (!an || *s++ != '=' || *s++ != '"')
				return false;
			while (*s != '"') {
				if (!*s || *s == '<')
					return false;
				if (*s == '&') {
					size_t e = entity(s);
					if (!e)
						return false;
					s += e;
				} else
					s++;
			}
			s++;
		}
	}
	return depth == 0 && roots == 1;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* ---- a network with one of everything and hostile labels ---- */

static const char *const hostile[] = {
        "<script>alert(\"x\")</script>",
        "Tom & \"Jerry\" 'T'",
        "bad \xff\xfe bytes",
        "ctl \x01\x1f here",
        "]]> <!-- -->",
        "=HYPERLINK(\"http://x\")",
};

static struct graph *network(void)
{
	struct graph_node_in nodes[] = {
	        {"C1", GRAPH_CHILD, 1, false, hostile[0]},
	        {"P1", GRAPH_POC, 0, true, hostile[1]},
	        {"L1", GRAPH_PLACE, 0, false, hostile[2]},
	        {"V1", GRAPH_VEHICLE, 0, false, hostile[3]},
	        {"T1", GRAPH_PHONE, 0, false, hostile[4]},
	        {"E1", GRAPH_EPISODE, 0, false, hostile[5]},
	        {"C2", GRAPH_CHILD, 3, false, "Child two"},
	};
	struct graph_link_in links[] = {
	        {NULL, 0, 1, GRAPH_SEEN_WITH, 1767225600, 1769904000, true, false},
	        {NULL, 0, 1, GRAPH_ASSOCIATE, 0, 0, false, false},
	        {NULL, 1, 1 + 1, GRAPH_VISITED, 0, 0, false, true},
	        {NULL, 1, 3, GRAPH_REGISTERED_KEEPER, 0, 0, false, false},
	        {NULL, 1, 4, GRAPH_USES, 0, 0, false, false},
	        {NULL, 5, 0, GRAPH_EPISODE_OF, 0, 0, false, false},
	        {NULL, 5, 2, GRAPH_FOUND_AT, 0, 0, false, false},
	        {NULL, 0, 6, GRAPH_MISSING_WITH, 0, 0, false, false},
	        {NULL, 6, 3, GRAPH_TRANSPORTED, 0, 0, false, false},
	        {NULL, 0, 1, GRAPH_SEEN_WITH, 1700000000, 0, true, false},
	};
	struct graph *g = NULL;
	assert_int_equal(
	        graph_build(nodes, ARRAY_LEN(nodes), links, ARRAY_LEN(links), NULL, &g, NULL),
	        GRAPH_OK);
	return g;
}

static void draw(struct graph *g, struct buf *b, const struct netsvg_opts *o)
{
	struct graph_sub s;
	assert_int_equal(graph_neighbourhood(g, 0, 2, 100, &s), GRAPH_OK);
	assert_int_equal(netsvg_draw(g, &s, o, b), GRAPH_OK);
	graph_sub_release(&s);
}

static void test_svg_is_well_formed_and_escapes_labels(void **state)
{
	struct graph *g = network();
	struct buf b = BUF_INIT(NETSVG_MAX_BYTES);
	struct netsvg_opts o = {"Network of <Child> & co", "Links \"known\" now.", "net-1", 0};
	draw(g, &b, &o);
	const char *s = buf_cstr(&b);
	assert_true(well_formed(s));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "<!--"));
	assert_null(strstr(s, "]]>"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
	assert_non_null(strstr(s, "Tom &amp; &quot;Jerry&quot; &#39;T&#39;"));
	assert_non_null(strstr(s, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes"));
	assert_non_null(strstr(s, "ctl \xEF\xBF\xBD\xEF\xBF\xBD here"));
	assert_non_null(strstr(s, "<title id=\"net-1-title\">Network of &lt;Child&gt; &amp; co"));
	assert_non_null(strstr(s, "<desc id=\"net-1-desc\">Links &quot;known&quot; now. 7 items "
	                          "and 10 links drawn.</desc>"));
	assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"net-1-title net-1-desc\""));
	/* nothing that runs or fetches */
	const char *banned[] = {"href",   "<image", "<use", "<foreignObject", "url(", "javascript:",
	                        "<style", "onload", "<a ",  "@import"};
	for (size_t i = 0; i < ARRAY_LEN(banned); i++)
		assert_null(strstr(s, banned[i]));
	assert_int_equal(count(s, "xmlns="), 1);
	buf_release(&b);
	graph_free(g);
}

static void test_svg_shapes_lines_and_legend_in_words(void **state)
{
	struct graph *g = network();
	struct buf b = BUF_INIT(NETSVG_MAX_BYTES);
	draw(g, &b, NULL);
	const char *s = buf_cstr(&b);
	const char *words[] = {
	        "child (circle)",
	        "person of concern (square)",
	        "place (triangle)",
	        "vehicle (diamond)",
	        "phone (hexagon)",
	        "missing episode (star)",
	        "associate (solid line)",
	        "seen with (dashed line)",
	        "found at (dotted line)",
	        "uses (dash-dot line)",
	        "registered keeper (long-dashed line)",
	        "visited (short-dashed line)",
	        "transported (dash-dot-dot line)",
	        "missing with (thick dash-dot line)",
	        "missing episode of (thin solid line)",
	};
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		assert_non_null(strstr(s, words[i]));
	assert_null(strstr(s, "member of")); /* no such link: not in the key */
	/* 2 children + key: 3 circles; a square for the person and one in the key */
	assert_int_equal(count(s, "<circle"), 3);
	assert_int_equal(count(s, "<rect x="), 2);
	assert_int_equal(count(s, "<polygon"), 8);
	assert_int_equal(count(s, "fill=\"#d4351c\""), 2);
	/* parallel links: one line per pair and kind (seen with twice -> one line) */
	assert_int_equal(count(s, "<line"), 9 + 9); /* 9 drawn, 9 kinds in the key */
	assert_non_null(strstr(s, "seen with \xE2\x80\x93 "));
	assert_non_null(strstr(s, ": 2 links, intelligence, 2023-11-14 to open"));
	assert_non_null(strstr(s, "(category 1)"));
	assert_non_null(strstr(s, "(order in force)"));
	assert_non_null(strstr(s, "stroke-dasharray=\"8 4\""));
	assert_non_null(strstr(s, "stroke-width=\"4\"")); /* the centre */
	assert_non_null(strstr(s, "<desc id=\"net-desc\">7 items and 10 links drawn.</desc>"));
	buf_release(&b);
	graph_free(g);
}

static void test_svg_same_picture_every_time(void **state)
{
	struct graph *g = network();
	struct buf a = BUF_INIT(NETSVG_MAX_BYTES), b = BUF_INIT(NETSVG_MAX_BYTES);
	draw(g, &a, NULL);
	draw(g, &b, NULL);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_release(&a);
	buf_release(&b);
	graph_free(g);
}

static void test_svg_bounded_and_refusals(void **state)
{
	struct graph *g = network();
	struct graph_sub s;
	assert_int_equal(graph_neighbourhood(g, 0, 2, 100, &s), GRAPH_OK);
	struct buf small = BUF_INIT(2000);
	buf_puts(&small, "kept");
	assert_int_equal(netsvg_draw(g, &s, NULL, &small), GRAPH_ELIMIT);
	assert_string_equal(buf_cstr(&small), "kept");
	assert_false(small.failed);
	struct netsvg_opts bad = {NULL, NULL, "1bad id", 0};
	assert_int_equal(netsvg_draw(g, &s, &bad, &small), GRAPH_EINVAL);
	assert_string_equal(buf_cstr(&small), "kept");
	buf_release(&small);
	graph_sub_release(&s);
	graph_free(g);

	/* a star of 300: the first NETSVG_MAX_NODES are drawn, the desc says so */
	struct graph_node_in nodes[301];
	struct graph_link_in links[300];
	char ids[301][8];
	for (int i = 0; i < 301; i++) {
		snprintf(ids[i], sizeof ids[i], "N%d", i);
		nodes[i] = (struct graph_node_in){ids[i], i ? GRAPH_CHILD : GRAPH_PLACE, 0, false,
		                                  NULL};
		if (i)
			links[i - 1] = (struct graph_link_in){NULL, 0, i,     GRAPH_VISITED,
			                                      0,    0, false, false};
	}
	assert_int_equal(graph_build(nodes, 301, links, 300, NULL, &g, NULL), GRAPH_OK);
	int32_t set[GRAPH_SUB_MAX_NODES];
	for (int i = 0; i < 200; i++)
		set[i] = i;
	assert_int_equal(graph_sub_of(g, set, 200, &s), GRAPH_OK);
	struct buf b = BUF_INIT(NETSVG_MAX_BYTES);
	assert_int_equal(netsvg_draw(g, &s, NULL, &b), GRAPH_OK);
	const char *out = buf_cstr(&b);
	assert_true(well_formed(out));
	assert_true(b.len <= NETSVG_MAX_BYTES);
	assert_int_equal(count(out, "<g><title>"), NETSVG_MAX_NODES);
	assert_non_null(strstr(out, "150 items and 149 links drawn. 50 more within reach are "
	                            "not drawn."));
	buf_release(&b);
	graph_sub_release(&s);
	graph_free(g);
}

static void test_table_rows_in_words(void **state)
{
	struct graph *g = network();
	struct graph_sub s;
	assert_int_equal(graph_neighbourhood(g, 0, 1, 100, &s), GRAPH_OK);
	struct netsvg_table t;
	assert_int_equal(netsvg_table(g, &s, &t), GRAPH_OK);
	assert_int_equal(t.n_nodes, s.n_nodes);
	assert_int_equal(t.n_links, s.n_links);
	assert_string_equal(t.nodes[0].type, "child");
	assert_string_equal(t.nodes[0].shape, "circle");
	assert_string_equal(t.nodes[0].label, hostile[0]); /* raw: the template escapes */
	assert_string_equal(t.nodes[0].category, "category 1");
	assert_int_equal(t.nodes[0].hops, 0);
	int32_t poc = graph_sub_find(&s, 1);
	assert_string_equal(t.nodes[poc].type, "person of concern");
	assert_string_equal(t.nodes[poc].order, "order in force");
	assert_string_equal(t.nodes[poc].category, "");
	assert_int_equal(t.nodes[poc].links, 3);
	assert_int_equal(t.nodes[poc].hops, 1);
	/* the first link: seen with, intelligence, dated */
	assert_int_equal(t.links[0].link, 0);
	assert_string_equal(t.links[0].kind, "seen with");
	assert_string_equal(t.links[0].line, "dashed line");
	assert_string_equal(t.links[0].start, "2026-01-01");
	assert_string_equal(t.links[0].end, "2026-02-01");
	assert_string_equal(t.links[0].grading, "intelligence");
	assert_string_equal(t.links[1].start, "");
	assert_string_equal(t.links[1].grading, "fact");
	netsvg_table_release(&t);
	graph_sub_release(&s);
	graph_free(g);
	char d[LT_DATE_LEN];
	netsvg_date(1782863400, d); /* 2026-06-30T23:50Z is 1 July in London */
	assert_string_equal(d, "2026-07-01");
	assert_string_equal(netsvg_shape_name(GRAPH_PHONE), "hexagon");
	assert_null(netsvg_line_name(GRAPH_KIND_COUNT));
}

static void text(const char *in, size_t max, const char *want)
{
	struct buf b = BUF_INIT(256);
	assert_int_equal(svg_put_text(&b, in, max), 0);
	assert_string_equal(buf_cstr(&b), want);
	buf_release(&b);
}

static void test_svg_text_and_numbers(void **state)
{
	text("a<b>&\"'", 0, "a&lt;b&gt;&amp;&quot;&#39;");
	text(NULL, 0, "");
	text("caf\xC3\xA9", 0, "caf\xC3\xA9");
	text("\xC0\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD");                 /* overlong '/' */
	text("\xED\xA0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* a surrogate */
	text("\xEF\xBF\xBE", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* U+FFFE */
	text("\xE2\x82", 0, "\xEF\xBF\xBD\xEF\xBF\xBD");                 /* cut short */
	text("tab\there", 0, "tab\xEF\xBF\xBDhere");
	text("abcdef", 4, "abcd\xE2\x80\xA6");
	text("ab\xE2\x82\xAC", 4, "ab\xE2\x80\xA6"); /* never half a character */
	text("abcd", 4, "abcd");
	struct buf b = BUF_INIT(256);
	svg_put_num(&b, 12.34);
	buf_putc(&b, ' ');
	svg_put_num(&b, -3.0);
	buf_putc(&b, ' ');
	svg_put_num(&b, 0.04);
	buf_putc(&b, ' ');
	svg_put_num(&b, 1.0 / 0.0);
	assert_string_equal(buf_cstr(&b), "12.3 -3.0 0.0 0.0");
	buf_release(&b);
	assert_true(svg_id_ok("net-1_a"));
	assert_false(svg_id_ok("1net"));
	assert_false(svg_id_ok("a b"));
	assert_false(svg_id_ok("a\"b"));
	assert_false(svg_id_ok(""));
	assert_false(svg_id_ok("a0123456789012345678901234567890123"));
	struct buf tiny = BUF_INIT(8);
	assert_int_equal(svg_put_text(&tiny, "0123456789", 0), -1);
	buf_release(&tiny);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_svg_is_well_formed_and_escapes_labels),
	        cmocka_unit_test(test_svg_shapes_lines_and_legend_in_words),
	        cmocka_unit_test(test_svg_same_picture_every_time),
	        cmocka_unit_test(test_svg_bounded_and_refusals),
	        cmocka_unit_test(test_table_rows_in_words),
	        cmocka_unit_test(test_svg_text_and_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
