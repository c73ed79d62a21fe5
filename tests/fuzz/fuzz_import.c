/*
 * fuzz_import.c: libFuzzer harness over the children's CSV parser of bulk import
 * (src/app/import_csv.h). The first byte chooses the size of the pieces the file is fed
 * in; the rest is split at the first NUL into a mapping file and the CSV (or is all
 * CSV). Nothing may crash, read out of bounds or leak, and what the header promises
 * must hold: a good row has a line (counted by line feeds), every field is UTF-8 within its cap
 * and free of control characters, names are not empty, a date of birth is YYYY-MM-DD
 * and exists, and a refused row has a line and a reason.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/import_csv.h"
#include "util/ltime.h"
#include "util/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_row(void *ctx, const struct import_row *r)
{
	(void)ctx;
	if (r->line < 1)
		abort();
	for (int f = 0; f < IMPORT_NFIELDS; f++) {
		const char *s = r->field[f];
		if (!s || !text_ok(s, import_field_max((enum import_field)f), false))
			abort();
	}
	if (!r->field[IMPORT_GIVEN_NAMES][0] || !r->field[IMPORT_FAMILY_NAME][0])
		abort();
	struct lt_date d;
	const char *dob = r->field[IMPORT_DATE_OF_BIRTH];
	if (dob[0] && (strlen(dob) != 10 || ltime_parse_date(dob, &d) < 0))
		abort();
	return 0;
}

static int on_refuse(void *ctx, size_t line, const char *reason)
{
	(void)ctx;
	if (line < 1 || !reason || !reason[0])
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t chunk = (size_t)data[0] % 64 + 1;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	const char *nul = memchr(s, '\0', n);
	const char *map = NULL;
	size_t map_len = 0;
	if (nul) {
		map = s;
		map_len = (size_t)(nul - s);
		n -= map_len + 1;
		s = nul + 1;
	}
	struct import_csv_cb cb = {NULL, on_row, on_refuse};
	char err[200];
	struct import_csv *p = import_csv_new(map, map_len, &cb, err, sizeof err);
	if (!p)
		return 0;
	int rc = 0;
	for (size_t off = 0; off < n && rc == 0; off += chunk)
		rc = import_csv_feed(p, s + off, n - off < chunk ? n - off : chunk);
	if (rc == 0)
		import_csv_finish(p);
	import_csv_free(p);
	return 0;
}
