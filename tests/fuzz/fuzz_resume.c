/* fuzz_resume.c: what comes back from the browser after a session ended, on arbitrary
 * bytes: a return path (only local page paths pass, and a path that passes never leaves
 * the site), and a kept form's sealed text opened with a fixed key (never opens unless
 * it was sealed with that key; what was sealed opens to itself). */
#include <stdlib.h>

#include "web/resume.h"
#include "web/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char key[] = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz";
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (resume_path_ok(s) && (s[0] != '/' || s[1] == '/' || strchr(s, '\\') ||
	                          strlen(s) > RESUME_PATH_MAX || strchr(s, ' ')))
		abort();
	size_t len = 0;
	char *plain = session_unseal(key, s, &len);
	free(plain);
	/* sealing the input and opening it gives it back */
	char *sealed = session_seal(key, data, size);
	if (sealed) {
		plain = session_unseal(key, sealed, &len);
		if (!plain || len != size || memcmp(plain, data, size) != 0)
			abort();
		free(plain);
		free(sealed);
	}
	free(s);
	return 0;
}
