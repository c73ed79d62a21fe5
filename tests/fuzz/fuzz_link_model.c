/*
 * fuzz_link_model.c: libFuzzer harness over the matching model's JSON parser
 * (link_model_from_json in link/model.h). Any input is parsed; nothing may crash or
 * read out of bounds. A text that is accepted must serialise again, the
 * serialisation must parse, and parsing it must give the same text once more (the
 * stored form is stable), with every weight finite.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct link_model a, b;
	char err[160];
	if (link_model_from_json((const char *)data, size, &a, err, sizeof(err)) != 0)
		return 0;
	for (int c = 0; c < LINK_NCMP; c++)
		for (int l = 0; l < LINK_MAX_LEVELS; l++)
			if (!isfinite(a.w[c][l]))
				abort();
	char *text = link_model_to_json(&a);
	if (!text)
		return 0;
	if (link_model_from_json(text, strlen(text), &b, err, sizeof(err)) != 0)
		abort();
	char *again = link_model_to_json(&b);
	if (!again || strcmp(text, again) != 0)
		abort();
	free(text);
	free(again);
	return 0;
}
