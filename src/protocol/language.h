/*
 * language.h: the words Lantern never uses about a child (R-DEF-4). Children who are
 * exploited are victims; words that suggest they chose or caused their abuse are
 * refused wherever a professional writes text that the protocol keeps (rationales,
 * chronology, evidence), and a test scans every reference label and template with
 * language_scan. 'Historic' is refused in favour of 'non-recent'.
 *
 * Matching is case-insensitive, on whole words (a word is a run of letters; any other
 * byte ends it), and covers the listed inflections, e.g. 'prostitution', 'consented'.
 * The bare noun 'consent' is allowed: professionals must record consent to share
 * information; what is refused is describing a child as consenting to abuse.
 */
#ifndef LANTERN_PROTO_LANGUAGE_H
#define LANTERN_PROTO_LANGUAGE_H

#include <stddef.h>

#include "protocol/proto.h"

/* One refused word found in a text. */
struct language_hit {
	size_t offset;          /* byte offset of the word in the text */
	size_t len;             /* its length in bytes */
	const char *word;       /* the refused form, lower case, e.g. "prostitution" */
	const char *suggestion; /* wording to use instead */
};

/* Called once per hit, in text order. Return 0 to go on, non-zero to stop. */
typedef int (*language_hit_fn)(const struct language_hit *hit, void *ctx);

/* R-DEF-4. Returns 0 if `text` (NULL counts as empty) contains no refused word, else -1
 * with `err` naming R-DEF-4, the first word found and the suggested wording. */
int language_check(const char *text, struct proto_err *err);

/* R-DEF-4. Calls `cb` (may be NULL, to count only) for every refused word in `text`
 * and returns how many were reported. */
size_t language_scan(const char *text, language_hit_fn cb, void *ctx);

/* The refused words and their suggestions, for help pages: sets *n. */
const struct language_hit *language_refused_words(size_t *n);

#endif
