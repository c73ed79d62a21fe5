/* id.c: opaque identifiers (see id.h). */
#include "util/id.h"

#include <sodium.h>

#define ID_CHARS 20
static const char b32[] = "0123456789abcdefghjkmnpqrstvwxyz";

void id_random_bytes(void *buf, size_t n)
{
	if (sodium_init() < 0)
		abort();
	randombytes_buf(buf, n);
}

/* A prefix is 1 to 8 lower-case ASCII letters, the form id_valid() accepts. */
static bool id_prefix_ok(const char *prefix)
{
	size_t n = 0;
	for (; prefix[n]; n++)
		if (prefix[n] < 'a' || prefix[n] > 'z' || n == 8)
			return false;
	return n > 0;
}

/* Writes prefix, '_' and one Crockford base32 character for the low 5 bits of each
 * of the ID_CHARS bytes. Returns -1 (out untouched) for a bad prefix. */
static int id_make(const unsigned char *bytes, const char *prefix, char out[ID_MAX])
{
	if (!id_prefix_ok(prefix))
		return -1;
	size_t pl = strlen(prefix);
	memcpy(out, prefix, pl);
	out[pl] = '_';
	for (int i = 0; i < ID_CHARS; i++)
		out[pl + 1 + i] = b32[bytes[i] & 31];
	out[pl + 1 + ID_CHARS] = '\0';
	return 0;
}

static _Thread_local struct rng *id_rng;

void id_use_rng(struct rng *r)
{
	id_rng = r;
}

int id_new(const char *prefix, char out[ID_MAX])
{
	if (id_rng)
		return id_new_rng(id_rng, prefix, out);
	unsigned char bytes[ID_CHARS];
	id_random_bytes(bytes, sizeof bytes);
	return id_make(bytes, prefix, out);
}

int id_new_rng(struct rng *r, const char *prefix, char out[ID_MAX])
{
	unsigned char bytes[ID_CHARS];
	for (int i = 0; i < ID_CHARS; i++)
		bytes[i] = (unsigned char)rng_next(r);
	return id_make(bytes, prefix, out);
}

bool id_valid(const char *s, const char *prefix)
{
	if (!s)
		return false;
	const char *us = strchr(s, '_');
	if (!us || us == s || us - s > 8)
		return false;
	if (prefix && (strlen(prefix) != (size_t)(us - s) || strncmp(s, prefix, (size_t)(us - s))))
		return false;
	for (const char *p = s; p < us; p++)
		if (*p < 'a' || *p > 'z')
			return false;
	const char *p = us + 1;
	size_t n = 0;
	for (; *p; p++, n++)
		if (!strchr(b32, *p))
			return false;
	return n == ID_CHARS;
}
