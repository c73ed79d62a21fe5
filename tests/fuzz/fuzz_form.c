/* fuzz_form.c: the urlencoded parser (form bodies and query strings) and the request
 * path splitter, on arbitrary bytes. Checks the parser's promises on success: every
 * name non-empty, every value valid UTF-8 within the caps. */
#include "util/parse.h"
#include "web/form.h"
#include "web/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool *p = pool_new(8 << 20);
	if (!p)
		return 0;
	struct form f;
	struct form_limits lim = {
	        .max_total = 4096, .max_fields = 20, .max_name = 16, .max_value = 256};
	if (form_parse(p, (const char *)data, size, &lim, &f, NULL) == 0) {
		if (f.n > lim.max_fields)
			abort();
		for (size_t i = 0; i < f.n; i++) {
			size_t nl = strlen(f.fields[i].name);
			if (nl == 0 || nl > lim.max_name || f.fields[i].value_len > lim.max_value ||
			    !utf8_valid(f.fields[i].value, f.fields[i].value_len))
				abort();
			if (form_get(&f, f.fields[i].name) == NULL)
				abort();
		}
	}
	char *path = pool_strndup(p, (const char *)data, size);
	if (path) {
		struct request req = {.pool = p};
		if (request_split_path(&req, path) == 0) {
			for (size_t i = 0; i < req.nsegments; i++)
				if (strcmp(req.segments[i], "..") == 0 || !req.segments[i][0])
					abort();
		}
	}
	pool_free(p);
	return 0;
}
