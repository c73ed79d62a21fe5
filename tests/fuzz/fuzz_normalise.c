/*
 * fuzz_normalise.c: libFuzzer harness over link/normalise.h, link/similarity.h,
 * link/nicknames.h and the person matcher. The input is split at the first NUL (or
 * in half) into two strings; every normaliser sees the first, every similarity
 * measure sees the pair, and both are prepared as people and scored. Nothing may
 * crash, read out of bounds or return an out-of-range value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link/match.h"
#include "link/nicknames.h"
#include "link/normalise.h"
#include "link/similarity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1024)
		return 0;
	char *a = malloc(size + 1), *b;
	if (!a)
		return 0;
	memcpy(a, data, size);
	a[size] = '\0';
	size_t la = strlen(a);
	b = la < size ? a + la + 1 : a + size / 2;
	char bcopy[1025];
	snprintf(bcopy, sizeof(bcopy), "%s", b);
	if (la == size)
		a[size / 2] = '\0';
	b = bcopy;

	char text[LINK_TEXT_LEN], ph[LINK_PHONE_LEN], v[LINK_VRM_LEN], pc[LINK_POSTCODE_LEN];
	char out[LINK_OUTWARD_LEN], em[LINK_EMAIL_LEN], h[LINK_HANDLE_LEN], nhs[LINK_NHS_LEN];
	struct link_tokens t;
	struct link_full_name fn;
	if (link_normalise_text(a, text, sizeof(text)) == 0 && strlen(text) >= sizeof(text))
		abort();
	link_normalise_name(a, &t);
	if (t.n < 0 || t.n > LINK_MAX_TOK)
		abort();
	link_split_full_name(a, &fn);
	link_normalise_phone(a, ph);
	link_normalise_vrm(a, v);
	link_normalise_postcode(a, pc, out);
	link_normalise_email(a, em);
	link_normalise_handle(a, h);
	link_normalise_nhs(a, nhs);

	double j = link_jaro(a, b), jw = link_jaro_winkler(a, b);
	if ((j != -1.0 && (j < 0 || j > 1)) || (jw != -1.0 && (jw < 0 || jw > 1.0000001)))
		abort();
	int lev = link_levenshtein(a, b), dl = link_damerau_levenshtein(a, b),
	    osa = link_osa_distance(a, b);
	if (lev >= 0 && (dl > osa || osa > lev))
		abort(); /* unrestricted <= OSA <= Levenshtein */
	char s1[LINK_SOUNDEX_LEN], p1[LINK_DM_LEN], p2[LINK_DM_LEN];
	link_soundex(a, LINK_SOUNDEX_NARA, s1);
	link_soundex(b, LINK_SOUNDEX_SIMPLE, s1);
	link_double_metaphone(a, p1, p2);
	link_are_nicknames(a, b);

	struct link_person_in ia = {.given = a,
	                            .family = b,
	                            .postcode = a,
	                            .phone = b,
	                            .nhs = a,
	                            .aliases = {b, a},
	                            .n_aliases = 2,
	                            .dob = {size > 0 ? data[0] + 1900 : 0,
	                                    size > 1 ? data[1] % 14 : 0,
	                                    size > 2 ? data[2] % 33 : 0}};
	struct link_person_in ib = {.given = b, .family = a, .dob = {ia.dob.y, ia.dob.d, ia.dob.m}};
	struct link_person pa, pb;
	link_person_prepare(&ia, &pa);
	link_person_prepare(&ib, &pb);
	struct link_result r;
	link_score(&pa, &pb, &r);
	char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
	link_blocking_keys(&pa, keys, LINK_MAX_KEYS);
	free(a);
	return 0;
}
