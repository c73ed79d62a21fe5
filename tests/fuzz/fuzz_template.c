/* fuzz_template.c: the template compiler on arbitrary text; a template that compiles
 * is rendered (as a page inside a fixed layout, and with partials from the fuzz input
 * resolving against a small set) with data holding markup, which must never appear
 * unescaped in the output. */
#include "web/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	if (size > 8192)
		return 0;
	char *text = strndup((const char *)data, size);
	if (!text)
		return 0;
	size_t len = strlen(text);
	struct embedded_file files[] = {
	        {"a.html", "<a>{{x}}</a>", 12},
	        {"layout.html", "<main>{{>content}}</main>", 25},
	        {"t.html", text, len},
	        {NULL, NULL, 0},
	};
	struct render_set *set = render_set_new(files, err, sizeof err);
	if (set) {
		json_t *d =
		        json_pack("{s:s, s:[s,s,{s:s}], s:{s:s}, s:b, s:i}", "x", "<script>&\"'`",
		                  "l", "<i>", "", "x", "<b>", "o", "x", "<u>", "t", 1, "n", 7);
		struct buf out = BUF_INIT(1 << 20);
		if (render_page(set, "t.html", d, &out) == 0 && d) {
			/* Markup from data must not appear unless it was in the template. */
			if (strstr(buf_cstr(&out), "<script>") && !strstr(text, "<script>"))
				abort();
			if (strstr(buf_cstr(&out), "<u>") && !strstr(text, "<u>"))
				abort();
		}
		buf_release(&out);
		json_decref(d);
		render_set_free(set);
	} else if (!err[0]) {
		abort();
	}
	free(text);
	return 0;
}
