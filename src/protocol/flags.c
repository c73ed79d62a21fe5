/* flags.c: branch flags derived from the record's facts (see flags.h). */
#include "protocol/flags.h"

#include "protocol/reference.h"

/* R-FLAG-2 */
uint32_t flags_for_category(int category)
{
	switch (category) {
	case 1:
		return FLAG_LA;
	case 2:
		return FLAG_LB;
	case 3:
		return FLAG_LC;
	}
	return 0;
}

/* R-FLAG-1..4 */
uint32_t flags_for(const struct flag_state *s)
{
	if (!s->cse_suspicion)
		return 0;
	uint32_t m = FLAG_ES;                 /* R-FLAG-1 */
	m |= flags_for_category(s->category); /* R-FLAG-2 */
	if (s->online)
		m |= FLAG_EU; /* R-FLAG-3 */
	if (s->group)
		m |= FLAG_GE; /* R-FLAG-4 */
	if (s->gang)
		m |= FLAG_GA; /* R-FLAG-4 */
	return m;
}

const char *flags_code(uint32_t bit)
{
	size_t n;
	const struct ref_item *t = ref_table(REF_FLAGS, &n);
	for (size_t i = 0; i < n; i++)
		if (bit == (1u << i))
			return t[i].code;
	return NULL;
}

uint32_t flags_bit(const char *code)
{
	size_t n;
	const struct ref_item *t = ref_table(REF_FLAGS, &n);
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return 1u << i;
	return 0;
}

int flags_format(uint32_t mask, char *out, size_t n)
{
	size_t len = 0;
	if (n == 0)
		return -1;
	out[0] = '\0';
	for (unsigned i = 0; i < 7; i++) {
		if (!(mask & (1u << i)))
			continue;
		int w = snprintf(out + len, n - len, "%s%s", len ? " " : "", flags_code(1u << i));
		if (w < 0 || (size_t)w >= n - len) {
			out[0] = '\0';
			return -1;
		}
		len += (size_t)w;
	}
	return (int)len;
}

int flags_parse(const char *s, uint32_t *mask, struct proto_err *err)
{
	uint32_t m = 0;
	char code[3];
	while (s && *s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		size_t len = strcspn(s, " ");
		uint32_t bit = 0;
		if (len == 2) {
			code[0] = s[0];
			code[1] = s[1];
			code[2] = '\0';
			bit = flags_bit(code);
		}
		if (!bit)
			return proto_fail(err, "R-FLAG-1", "flags",
			                  "Unknown flag '%.*s' (R-FLAG-1).",
			                  (int)(len > 20 ? 20 : len), s);
		m |= bit;
		s += len;
	}
	*mask = m;
	return 0;
}

/* R-FLAG-2 */
int flags_validate(uint32_t mask, struct proto_err *err)
{
	if (mask & ~FLAG_ALL)
		return proto_fail(err, "R-FLAG-1", "flags", "Unknown flag bits (R-FLAG-1).");
	uint32_t cat = mask & FLAG_CATEGORY_MASK;
	if (cat & (cat - 1))
		return proto_fail(err, "R-FLAG-2", "flags",
		                  "Only one of LA, LB and LC can be set at a time (R-FLAG-2).");
	if (mask && !(mask & FLAG_ES))
		return proto_fail(err, "R-FLAG-1", "flags",
		                  "Exploitation flags need the ES flag (R-FLAG-1).");
	return 0;
}
