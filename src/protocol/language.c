/*
 * language.c: R-DEF-4, the refused victim-blaming words and 'historic' (see
 * language.h). The word list is the protocol's (s13) with its obvious inflections.
 */
#include "protocol/language.h"

#include <ctype.h>

#define W(w, s)                                                                                    \
	{                                                                                          \
		0, sizeof(w) - 1, w, s                                                             \
	}

static const struct language_hit refused[] = {
        W("promiscuous", "describe what happened to the child and who abused them"),
        W("promiscuity", "describe what happened to the child and who abused them"),
        W("prostitute", "say 'child who is being sexually exploited'"),
        W("prostitutes", "say 'children who are being sexually exploited'"),
        W("prostituted", "say 'sexually exploited'"),
        W("prostituting", "say 'sexually exploiting' and name the abuser"),
        W("prostitution", "say 'sexual exploitation'"),
        W("consenting", "a child cannot consent to their own abuse; describe what happened"),
        W("consented", "a child cannot consent to their own abuse; describe what happened"),
        W("consents", "a child cannot consent to their own abuse; describe what happened"),
        W("consensual", "a child cannot consent to their own abuse; describe what happened"),
        W("historic", "say 'non-recent'"),
        W("historical", "say 'non-recent'"),
        W("historically", "say 'previously' or 'non-recent'"),
};

const struct language_hit *language_refused_words(size_t *n)
{
	if (n)
		*n = ARRAY_LEN(refused);
	return refused;
}

/* A word byte: an ASCII letter or any byte of a multi-byte UTF-8 character, so that
 * a refused word glued to accented letters is not split out of a longer word. */
static bool word_byte(unsigned char c)
{
	return isalpha(c) || c >= 0x80;
}

static const struct language_hit *match_word(const char *w, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(refused); i++)
		if (refused[i].len == len && strncasecmp(refused[i].word, w, len) == 0)
			return &refused[i];
	return NULL;
}

size_t language_scan(const char *text, language_hit_fn cb, void *ctx)
{
	size_t count = 0;
	if (!text)
		return 0;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (s[i]) {
		if (!word_byte(s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (s[i] && word_byte(s[i]))
			i++;
		const struct language_hit *w = match_word(text + start, i - start);
		if (!w)
			continue;
		count++;
		if (cb) {
			struct language_hit h = *w;
			h.offset = start;
			if (cb(&h, ctx) != 0)
				break;
		}
	}
	return count;
}

static int keep_first(const struct language_hit *hit, void *ctx)
{
	*(struct language_hit *)ctx = *hit;
	return 1;
}

int language_check(const char *text, struct proto_err *err)
{
	struct language_hit first;
	if (language_scan(text, keep_first, &first) == 0)
		return 0;
	return proto_fail(
	        err, "R-DEF-4", NULL,
	        "The word '%.*s' blames or mislabels the child and is not used (R-DEF-4): "
	        "%s.",
	        (int)first.len, text + first.offset, first.suggestion);
}
