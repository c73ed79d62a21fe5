/*
 * fuzz_people.c: libFuzzer harness over the parsers and validators of
 * src/protocol/people.h and the vehicle key of link/normalise.h. The input is split at
 * the first NUL (or in half) into two strings: the first is read as a grading, a
 * registration, an id and a date; the pair as a date range and as a link's ends; the
 * first bytes also make a date of birth. Nothing may crash, read out of bounds, or
 * break what the header promises: a parsed grading holds a digit and two upper-case
 * letters, a grading that validates is within its scales, a vehicle key is the
 * normalised mark with no O or I, the birth years of a valid date of birth fit it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link/normalise.h"
#include "protocol/people.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_grading(const char *a)
{
	struct people_grading g = {.nature = PEOPLE_INTELLIGENCE};
	if (people_grading_parse(a, &g) != 0)
		return;
	if (g.source_eval < '0' || g.source_eval > '9' || g.assessment < 'A' ||
	    g.assessment > 'Z' || g.handling < 'A' || g.handling > 'Z')
		abort();
	struct proto_err e;
	g.conditions = g.handling == 'C' ? "Not outside the strategy meeting." : NULL;
	if (people_grading_validate(&g, "grading", &e) == 0) {
		if (g.source_eval > '3' || g.assessment > 'E' ||
		    (g.handling != 'P' && g.handling != 'C'))
			abort();
		char s[PEOPLE_GRADING_LEN];
		people_grading_format(&g, s);
		if (strlen(s) != 5)
			abort();
	}
}

static void check_vrm(const char *a)
{
	char key[LINK_VRM_LEN], vrm[LINK_VRM_LEN];
	int k = link_vrm_key(a, key), v = link_normalise_vrm(a, vrm);
	if ((k == 0) != (v == 0))
		abort();
	if (k != 0)
		return;
	if (strlen(key) != strlen(vrm) || strchr(key, 'O') || strchr(key, 'I'))
		abort();
}

static void check_dob(const uint8_t *data, size_t size)
{
	if (size < 8)
		return;
	struct people_dob d = {.kind = (enum people_dob_kind)(data[0] % 4),
	                       .date = {1890 + data[1], data[2] % 14, data[3] % 33},
	                       .year = 1890 + data[4],
	                       .age_min = (int8_t)data[5],
	                       .age_max = (int8_t)data[6],
	                       .on = {1990 + data[7] % 50, 1 + data[2] % 12, 1 + data[3] % 28}};
	struct lt_date today = {2026, 3, 10};
	struct proto_err e;
	char s[64];
	if (people_dob_validate(&d, today, "dob", &e) != 0)
		return;
	people_dob_describe(&d, s, sizeof s);
	int lo, hi;
	people_dob_years(&d, &lo, &hi);
	if (lo > hi)
		abort();
	struct lt_date born = {lo, 6, 15};
	if (d.kind == PEOPLE_DOB_EXACT && !people_dob_fits(&d, d.date))
		abort();
	if (d.kind == PEOPLE_DOB_YEAR && !people_dob_fits(&d, born))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 512)
		return 0;
	char *a = malloc(size + 1);
	if (!a)
		return 0;
	memcpy(a, data, size);
	a[size] = '\0';
	size_t la = strlen(a);
	char b[513];
	snprintf(b, sizeof b, "%s", la < size ? a + la + 1 : a + size / 2);
	if (la == size)
		a[size / 2] = '\0';

	check_grading(a);
	check_vrm(a);
	check_dob(data, size);

	int e = people_end_of_id(a);
	if (e >= PEOPLE_END_N)
		abort();
	struct proto_err err;
	struct lt_date today = {2026, 3, 10};
	people_dates_validate(a, b, today, "from_date", "to_date", &err);
	struct people_link_in l = {.kind = size ? data[0] % (PEOPLE_LINK_N + 1) - 1 : 0,
	                           .from = (enum people_end)(e < 0 ? 0 : e),
	                           .to = (enum people_end)(size > 1 ? data[1] % PEOPLE_END_N : 0),
	                           .from_id = a,
	                           .to_id = b,
	                           .from_child = a,
	                           .to_child = b};
	int fit = people_link_validate(&l, &err);
	if (fit < -1 || fit > 1)
		abort();
	people_item_validate((enum people_item)(size % (PEOPLE_ITEM_N + 1)), a, b, &err);
	people_place_validate(a, b, a, b, &err);
	people_hotspot_validate(a, size, size & 1, false, &err);
	people_pnc_validate(a, b, true, false, &err);
	free(a);
	return 0;
}
