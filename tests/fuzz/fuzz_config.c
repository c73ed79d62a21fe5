/*
 * fuzz_config.c: libFuzzer harness for util/config.h. The input is split at its first
 * '=' into a key and a value for config_set, then written whole to an in-memory file
 * (memfd) that config_load_file reads, as lantern.conf would be read. A failed load
 * must leave the configuration exactly as it was; an error message must be terminated.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "util/config.h"

/* A broken contract stops the fuzzer whatever the build type. */
#define CHECK(x)                                                                                   \
	do {                                                                                       \
		if (!(x))                                                                          \
			abort();                                                                   \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	struct config c, before;
	char err[256];

	/* config_set on a key=value split */
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	char *eq = strchr(s, '=');
	config_defaults(&c);
	before = c;
	if (eq) {
		*eq = '\0';
		err[0] = '\0';
		if (config_set(&c, s, eq + 1, err, sizeof err) < 0) {
			CHECK(memcmp(&c, &before, sizeof c) == 0);
			CHECK(strlen(err) < sizeof err);
		}
	}
	free(s);

	/* config_load_file on the whole input */
	int fd = memfd_create("fuzz_config", 0);
	if (fd < 0)
		return 0;
	if (size == 0 || write(fd, data, size) == (ssize_t)size) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		config_defaults(&c);
		before = c;
		if (config_load_file(&c, path, true, err, sizeof err) < 0)
			CHECK(memcmp(&c, &before, sizeof c) == 0);
		CHECK(c.threads >= 1 && c.threads <= 256);
		CHECK(c.session_idle >= 60 && c.session_idle <= 24 * 3600);
		CHECK(strlen(c.db) < sizeof c.db);
	}
	close(fd);
	return 0;
}
