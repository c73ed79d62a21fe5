/*
 * signs.h: the SAFEGUARD warning signs on a referral or record (R-SIGN-1), what a
 * referral without any sign means (R-SIGN-2), and the rule that a suspicion's
 * rationale names the signs seen (R-REC-2).
 */
#ifndef LANTERN_PROTO_SIGNS_H
#define LANTERN_PROTO_SIGNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "util/ltime.h"

/* One sign as recorded. */
struct sign_entry {
	const char *code;       /* REF_SIGNS code, e.g. "gifts_money" */
	const char *evidence;   /* what was seen: required, at most PROTO_SHORT_MAX */
	struct lt_date seen_on; /* when: a valid date, not after the date of `now` (UTC) */
};

/* R-SIGN-1. Every entry: known code, evidence present, valid text within the cap and
 * free of refused words (R-DEF-4), a valid date not in the future relative to `now`;
 * no code twice. An empty set passes (see signs_decide). */
int signs_validate(const struct sign_entry *signs, size_t n, int64_t now, struct proto_err *err);

/* R-SIGN-2: what happens to a referral given how many signs were identified. */
struct signs_decision {
	bool cse_pathway;         /* false: the referral does not enter the CSE pathway */
	bool rationale_required;  /* the decision and its rationale must be recorded */
	bool consider_early_help; /* CAF/EHA to be considered */
	const char *lead;         /* who leads: "identifying_agency" or "pathway" */
	const char *rule;         /* "R-SIGN-2" or "R-PATH-1" */
	const char *text;         /* one sentence to show the user */
};
void signs_decide(size_t n_signs, struct signs_decision *out);

/* R-SIGN-2. The rationale recorded when no sign was identified: required, capped,
 * wording checked. */
int signs_no_sign_rationale_validate(const char *rationale, struct proto_err *err);

/* R-REC-2. A suspicion's rationale: non-empty text (capped, wording checked) and at
 * least one SAFEGUARD sign named by code; every code known. */
int signs_rationale_validate(const char *rationale, const char *const *sign_codes, size_t n,
                             struct proto_err *err);

/* R-SIGN-1, R-SIGN-2: the SAFEGUARD signs that free text seems to describe, for a
 * referral with no sign ticked, so that the page can ask whether one was meant before
 * the referral goes to early help. Each sign has a list of words and phrases ("older
 * male", "gifts", "went missing"); matching is on whole words, ignoring case. A phrase
 * preceded by "no " or "not " within the same few words still counts (the person is
 * asked, not overruled). Writes up to max codes (REF_SIGNS codes, in the order of the
 * signs) into out and returns how many signs the text describes. NULL text: 0. */
size_t signs_described(const char *text, const char **out, size_t max);
/* The word or phrase that made signs_described name `code` in text, or NULL. */
const char *signs_described_by(const char *text, const char *code);

#endif
