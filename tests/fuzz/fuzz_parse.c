/*
 * fuzz_parse.c: libFuzzer harness for util/parse.h. The input (as bytes and as a
 * NUL-terminated copy) goes to parse_int64, parse_int, parse_bool, utf8_valid,
 * utf8_length and text_ok; accepted numbers must print back to the same text (less
 * leading zeros) and lie in range.
 */

#include "util/parse.h"

/* A broken contract stops the fuzzer whatever the build type. */
#define CHECK(x)                                                                                   \
	do {                                                                                       \
		if (!(x))                                                                          \
			abort();                                                                   \
	} while (0)

/* Slow reference: a C0 control (bar \n \r \t when allowed), DEL, or C1 (C2 80..9F). */
static bool has_control(const char *s, size_t n, bool allow_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t k = 0; k < n; k++) {
		if (allow_newlines && (p[k] == '\n' || p[k] == '\r' || p[k] == '\t'))
			continue;
		if (p[k] < 0x20 || p[k] == 0x7f)
			return true;
		if (p[k] == 0xc2 && k + 1 < n && p[k + 1] >= 0x80 && p[k + 1] <= 0x9f)
			return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	int64_t v;
	if (parse_int64(s, INT64_MIN, INT64_MAX, &v) == 0) {
		int64_t again;
		char out[32];
		snprintf(out, sizeof out, "%lld", (long long)v);
		CHECK(parse_int64(out, INT64_MIN, INT64_MAX, &again) == 0 && again == v);
		CHECK(strlen(s) > 0 && strlen(s) <= size);
	}
	if (parse_int64(s, -1000, 1000, &v) == 0)
		CHECK(v >= -1000 && v <= 1000);
	int i;
	if (parse_int(s, 1, 256, &i) == 0)
		CHECK(i >= 1 && i <= 256);
	bool b;
	(void)parse_bool(s, &b);

	size_t n = strlen(s);
	if (utf8_valid(s, n)) {
		size_t cps = utf8_length(s);
		CHECK(cps <= n);
		CHECK(text_ok(s, cps, true) == !has_control(s, n, true));
		CHECK(text_ok(s, cps, false) == !has_control(s, n, false));
		if (cps > 0)
			CHECK(!text_ok(s, cps - 1, true));
	} else {
		CHECK(!text_ok(s, SIZE_MAX, true));
	}
	/* a prefix of valid UTF-8 cut at a character boundary is valid */
	if (utf8_valid((const char *)data, size))
		CHECK(utf8_valid((const char *)data, n));
	free(s);
	return 0;
}
