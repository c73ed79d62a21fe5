/*
 * fuzz_ltime.c: libFuzzer harness for the time parsers of util/ltime.h. Each input is
 * copied to a NUL-terminated string and given to ltime_parse, ltime_parse_date and
 * ltime_parse_duration; whatever they accept must satisfy their contracts (valid
 * dates in range, formatting round trips, positive bounded durations).
 */

#include "util/ltime.h"

/* A broken contract stops the fuzzer whatever the build type. */
#define CHECK(x)                                                                                   \
	do {                                                                                       \
		if (!(x))                                                                          \
			abort();                                                                   \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256)
		return 0;
	char s[257];
	memcpy(s, data, size);
	s[size] = '\0';

	int64_t t;
	if (ltime_parse(s, &t) == 0) {
		/* 1900-01-01T00:00:00Z .. 2200-12-31T23:59:59Z */
		CHECK(t >= -2208988800LL && t <= 7289654399LL);
		char out[LT_TIME_LEN], ls[64];
		int64_t back;
		ltime_format(t, out);
		CHECK(ltime_parse(out, &back) == 0 && back == t);
		int off = ltime_london_offset(t);
		CHECK(off == 0 || off == 3600);
		ltime_london_format(t, ls, sizeof ls);
	}

	struct lt_date d;
	if (ltime_parse_date(s, &d) == 0) {
		CHECK(ltime_date_valid(d));
		char out[LT_DATE_LEN];
		ltime_format_date(d, out);
		CHECK(strcmp(out, s) == 0);
		struct lt_date back = ltime_from_days(ltime_days(d));
		CHECK(ltime_date_cmp(back, d) == 0);
		int age = ltime_age_on(d, ltime_add_days(d, 6575));
		CHECK(age == 17 || age == 18);
	}

	int64_t v;
	if (ltime_parse_duration(s, &v) == 0)
		CHECK(v > 0 && v <= 100LL * 366 * 86400);
	return 0;
}
