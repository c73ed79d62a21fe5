/* signs.c: SAFEGUARD signs on referrals and records (see signs.h). */
#include "protocol/signs.h"

#include <ctype.h>
#include <strings.h>

#include "protocol/reference.h"

/* R-SIGN-1 */
int signs_validate(const struct sign_entry *signs, size_t n, int64_t now, struct proto_err *err)
{
	struct lt_date today = ltime_date_of(now);
	for (size_t i = 0; i < n; i++) {
		const struct sign_entry *s = &signs[i];
		if (!s->code || !ref_sign(s->code))
			return proto_fail(err, "R-SIGN-1", "code",
			                  "'%s' is not one of the nine SAFEGUARD signs (R-SIGN-1).",
			                  s->code ? s->code : "(none)");
		for (size_t j = 0; j < i; j++)
			if (strcmp(signs[j].code, s->code) == 0)
				return proto_fail(
				        err, "R-SIGN-1", "code",
				        "The sign '%s' is recorded twice; add the evidence "
				        "to one entry (R-SIGN-1).",
				        ref_sign(s->code)->label);
		if (proto_text_check(s->evidence, PROTO_SHORT_MAX, true, "R-SIGN-1", "evidence",
		                     "The evidence for a warning sign", err))
			return -1;
		if (!ltime_date_valid(s->seen_on))
			return proto_fail(err, "R-SIGN-1", "seen_on",
			                  "The date a warning sign was seen is missing or not a "
			                  "real date (R-SIGN-1).");
		if (ltime_date_cmp(s->seen_on, today) > 0)
			return proto_fail(err, "R-SIGN-1", "seen_on",
			                  "The date a warning sign was seen is in the future "
			                  "(R-SIGN-1).");
	}
	return 0;
}

/* R-SIGN-2, R-PATH-1 */
void signs_decide(size_t n_signs, struct signs_decision *out)
{
	if (n_signs == 0) {
		*out = (struct signs_decision){
		        .cse_pathway = false,
		        .rationale_required = true,
		        .consider_early_help = true,
		        .lead = "identifying_agency",
		        .rule = "R-SIGN-2",
		        .text = "No warning sign identified: this is not an exploitation referral. "
		                "Your agency leads and monitors, considers an early help "
		                "assessment, and records this decision with its rationale.",
		};
		return;
	}
	*out = (struct signs_decision){
	        .cse_pathway = true,
	        .rationale_required = true,
	        .consider_early_help = false,
	        .lead = "pathway",
	        .rule = "R-PATH-1",
	        .text = "Warning signs identified: the referral enters the exploitation pathway.",
	};
}

/* R-SIGN-2 */
int signs_no_sign_rationale_validate(const char *rationale, struct proto_err *err)
{
	return proto_text_check(rationale, PROTO_SHORT_MAX, true, "R-SIGN-2", "rationale",
	                        "The rationale for treating this as not an exploitation concern",
	                        err);
}

/* R-REC-2 */
int signs_rationale_validate(const char *rationale, const char *const *sign_codes, size_t n,
                             struct proto_err *err)
{
	if (proto_text_check(rationale, PROTO_SHORT_MAX, true, "R-REC-2", "rationale",
	                     "The rationale for the suspicion", err))
		return -1;
	if (n == 0 || !sign_codes)
		return proto_fail(err, "R-REC-2", "signs",
		                  "The rationale for a suspicion must name at least one SAFEGUARD "
		                  "warning sign (R-REC-2).");
	for (size_t i = 0; i < n; i++)
		if (!sign_codes[i] || !ref_sign(sign_codes[i]))
			return proto_fail(err, "R-REC-2", "signs",
			                  "'%s' is not one of the nine SAFEGUARD signs (R-REC-2).",
			                  sign_codes[i] ? sign_codes[i] : "(none)");
	return 0;
}

/* R-SIGN-1 (App A): words and phrases that describe each SAFEGUARD sign in plain
 * writing. Singular and plural forms are listed; matching is on whole words. */
static const struct {
	const char *code;
	const char *const words[24];
} SIGN_WORDS[] = {
        {"sexual_health",
         {"sexual health", "sexually transmitted", "pregnant", "pregnancy", "sexual behaviour",
          "sexualised", "sexual activity", "contraception", "morning after pill", NULL}},
        {"absent_missing",
         {"missing", "went missing", "going missing", "goes missing", "ran away", "run away",
          "running away", "runs away", "truanting", "truancy", "absent from school",
          "not in school", "stayed out", "stays out", "overnight", NULL}},
        {"familial_abuse",
         {"domestic abuse", "domestic violence", "problems at home", "familial abuse",
          "family conflict", "thrown out", "kicked out", NULL}},
        {"emotional_physical",
         {"self harm", "self-harm", "injuries", "injury", "bruises", "bruising", "weight loss",
          "withdrawn", "low mood", "anxious", "depressed", NULL}},
        {"gangs_older_crime",
         {"older man", "older men", "older male", "older males", "older boy", "older boys",
          "older woman", "older women", "older female", "older females", "older friends", "gang",
          "gangs", "county lines", "arrested", "dealing", NULL}},
        {"technology_bullying",
         {"sexting", "nude images", "nude photos", "explicit images", "online contact", "webcam",
          "sexual bullying", "second phone", "another phone", NULL}},
        {"alcohol_drugs",
         {"alcohol", "drunk", "drugs", "cannabis", "cocaine", "ketamine", "intoxicated",
          "under the influence", NULL}},
        {"gifts_money",
         {"gift", "gifts", "money", "cash", "new phone", "new clothes", "new trainers",
          "designer clothes", "unexplained money", "presents", "lifts", "taxi", "taxis", NULL}},
        {"distrust_authority",
         {"distrust", "hostile to police", "refuses to engage", "refused to engage",
          "will not engage", "won't engage", "mistrust", NULL}},
};

/* Whether text contains phrase as whole words, ignoring case. */
static bool has_phrase(const char *text, const char *phrase)
{
	size_t pl = strlen(phrase);
	for (const char *t = text; *t; t++) {
		if (t != text && (isalnum((unsigned char)t[-1]) || t[-1] == '-'))
			continue;
		if (strncasecmp(t, phrase, pl) != 0)
			continue;
		char after = t[pl];
		if (!isalnum((unsigned char)after) && after != '-')
			return true;
	}
	return false;
}

const char *signs_described_by(const char *text, const char *code)
{
	if (!text || !code)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(SIGN_WORDS); i++) {
		if (strcmp(SIGN_WORDS[i].code, code) != 0)
			continue;
		for (size_t w = 0; SIGN_WORDS[i].words[w]; w++)
			if (has_phrase(text, SIGN_WORDS[i].words[w]))
				return SIGN_WORDS[i].words[w];
	}
	return NULL;
}

size_t signs_described(const char *text, const char **out, size_t max)
{
	size_t n = 0;
	if (!text)
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(SIGN_WORDS); i++)
		if (signs_described_by(text, SIGN_WORDS[i].code)) {
			if (out && n < max)
				out[n] = SIGN_WORDS[i].code;
			n++;
		}
	return n;
}
