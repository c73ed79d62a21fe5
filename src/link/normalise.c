/*
 * normalise.c: canonical forms of names and contact details for record linkage
 * (R-REC-1). Names go through utf8proc (NFKC, case fold, marks stripped) and then a
 * small pass of our own that folds the few Latin letters without a decomposition,
 * drops apostrophes, turns other punctuation into spaces and collapses white space.
 * The contact details are ASCII formats with simple, strict grammars.
 */
#include "link/normalise.h"

#include <ctype.h>
#include <utf8proc.h>

#include "util/parse.h"

/* Validates the common preconditions of every normaliser. */
static bool input_ok(const char *in)
{
	if (!in)
		return false;
	size_t n = strnlen(in, LINK_INPUT_MAX + 1);
	if (n > LINK_INPUT_MAX)
		return false;
	return utf8_valid(in, n);
}

/* Appends the UTF-8 encoding of code point c at out[*len], keeping room for a NUL.
 * Returns -1 (leaving *len unchanged) when it would not fit. */
static int put_cp(char *out, size_t outsz, size_t *len, int32_t c)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k = utf8proc_encode_char(c, tmp);
	if (k <= 0 || *len + (size_t)k + 1 > outsz)
		return -1;
	memcpy(out + *len, tmp, (size_t)k);
	*len += (size_t)k;
	return 0;
}

/* Letters that NFKD leaves whole but that people write without the stroke. */
static const char *fold_special(int32_t c)
{
	switch (c) {
	case 0x0142:
		return "l"; /* ł */
	case 0x00F8:
		return "o"; /* ø */
	case 0x0111:
		return "d"; /* đ */
	case 0x00F0:
		return "d"; /* ð */
	case 0x00E6:
		return "ae"; /* æ */
	case 0x0153:
		return "oe"; /* œ */
	case 0x00DF:
		return "ss"; /* ß */
	case 0x00FE:
		return "th"; /* þ */
	case 0x0131:
		return "i"; /* dotless i */
	case 0x0127:
		return "h"; /* ħ */
	default:
		return NULL;
	}
}

static bool is_apostrophe(int32_t c)
{
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4 ||
	       c == 0x02BB || c == 0x2032;
}

int link_normalise_text(const char *in, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return -1;
	out[0] = '\0';
	if (!input_ok(in))
		return -1;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t mlen = utf8proc_map(
	        (const utf8proc_uint8_t *)in, (utf8proc_ssize_t)strlen(in), &mapped,
	        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
	if (mlen < 0) {
		free(mapped);
		return -1;
	}
	size_t len = 0;
	bool pending_space = false;
	int rc = 0;
	for (utf8proc_ssize_t i = 0; i < mlen && rc == 0;) {
		int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(mapped + i, mlen - i, &c);
		if (k <= 0) {
			rc = -1;
			break;
		}
		i += k;
		if (is_apostrophe(c))
			continue;
		utf8proc_category_t cat = utf8proc_category(c);
		bool keep =
		        (c < 0x80 && isalnum((unsigned char)c)) ||
		        (c >= 0x80 && (cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LU ||
		                       cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO ||
		                       cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_ND));
		if (!keep) {
			pending_space = len > 0;
			continue;
		}
		if (pending_space) {
			if (len + 2 > outsz) {
				rc = -1;
				break;
			}
			out[len++] = ' ';
			pending_space = false;
		}
		const char *f = fold_special(c);
		if (f) {
			for (; *f && rc == 0; f++)
				rc = put_cp(out, outsz, &len, *f);
		} else {
			rc = put_cp(out, outsz, &len, c);
		}
	}
	free(mapped);
	if (rc != 0) {
		out[0] = '\0';
		return -1;
	}
	out[len] = '\0';
	return 0;
}

static const char *const honorifics[] = {"mr",  "mrs",  "miss", "ms",   "mx",   "dr",  "master",
                                         "sir", "dame", "rev",  "revd", "prof", "mstr"};

static bool is_honorific(const char *t)
{
	for (size_t i = 0; i < ARRAY_LEN(honorifics); i++)
		if (strcmp(t, honorifics[i]) == 0)
			return true;
	return false;
}

/* Splits normalised text on spaces into tokens; leading honorifics are dropped when
 * drop_honorifics. Tokens too long for a slot are cut at a character boundary. */
static void tokenise(const char *text, struct link_tokens *out, bool drop_honorifics)
{
	out->n = 0;
	bool leading = true;
	const char *p = text;
	while (*p && out->n < LINK_MAX_TOK) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		size_t keep = n < LINK_TOK_LEN - 1 ? n : LINK_TOK_LEN - 1;
		while (keep > 0 && keep < n && ((unsigned char)p[keep] & 0xC0) == 0x80)
			keep--; /* do not split a UTF-8 sequence */
		char *t = out->tok[out->n];
		memcpy(t, p, keep);
		t[keep] = '\0';
		p += n;
		if (leading && drop_honorifics && is_honorific(t))
			continue;
		leading = false;
		out->n++;
	}
}

static void tokens_clear(struct link_tokens *t)
{
	memset(t, 0, sizeof(*t));
}

int link_normalise_name(const char *in, struct link_tokens *out)
{
	if (!out)
		return -1;
	tokens_clear(out);
	char text[LINK_TEXT_LEN];
	if (link_normalise_text(in, text, sizeof(text)) != 0)
		return -1;
	tokenise(text, out, true);
	return 0;
}

int link_split_full_name(const char *in, struct link_full_name *out)
{
	if (!out)
		return -1;
	tokens_clear(&out->given);
	tokens_clear(&out->family);
	if (!input_ok(in))
		return -1;
	const char *comma = strchr(in, ',');
	if (comma) {
		/* "FAMILY, Given" */
		char fam[LINK_INPUT_MAX + 1];
		size_t n = (size_t)(comma - in);
		memcpy(fam, in, n);
		fam[n] = '\0';
		if (link_normalise_name(fam, &out->family) != 0 ||
		    link_normalise_name(comma + 1, &out->given) != 0) {
			tokens_clear(&out->given);
			tokens_clear(&out->family);
			return -1;
		}
		return 0;
	}
	struct link_tokens all;
	if (link_normalise_name(in, &all) != 0)
		return -1;
	if (all.n == 0)
		return 0;
	if (all.n == 1) {
		out->given = all;
		return 0;
	}
	for (int i = 0; i < all.n - 1; i++)
		memcpy(out->given.tok[out->given.n++], all.tok[i], LINK_TOK_LEN);
	memcpy(out->family.tok[0], all.tok[all.n - 1], LINK_TOK_LEN);
	out->family.n = 1;
	return 0;
}

void link_tokens_join(const struct link_tokens *t, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return;
	out[0] = '\0';
	if (!t)
		return;
	size_t len = 0;
	for (int i = 0; i < t->n; i++) {
		int k = snprintf(out + len, outsz - len, "%s%s", i ? " " : "", t->tok[i]);
		if (k < 0 || (size_t)k >= outsz - len) {
			out[len] = '\0';
			return;
		}
		len += (size_t)k;
	}
}

/* Writes the UK national significant number nsn as +44nsn if it is plausible. */
static int uk_phone(const char *nsn, size_t n, char out[LINK_PHONE_LEN])
{
	if (n < 9 || n > 10 || !strchr("1235789", nsn[0]))
		return -1;
	snprintf(out, LINK_PHONE_LEN, "+44%.*s", (int)n, nsn);
	return 0;
}

int link_normalise_phone(const char *in, char out[LINK_PHONE_LEN])
{
	if (!out)
		return -1;
	out[0] = '\0';
	if (!input_ok(in))
		return -1;
	char d[LINK_INPUT_MAX + 1];
	size_t n = 0;
	bool plus = false, any = false;
	for (const char *p = in; *p; p++) {
		if (*p == '(' && p[1] == '0' && p[2] == ')' && plus && n == 2) {
			p += 2; /* "+44 (0)20 ..." */
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			d[n++] = *p;
			any = true;
		} else if (*p == '+' && !any && !plus) {
			plus = true;
		} else if (!strchr(" -.()\t", *p)) {
			return -1;
		}
	}
	d[n] = '\0';
	if (n == 0)
		return -1;
	const char *intl = NULL;
	if (plus)
		intl = d;
	else if (n > 2 && d[0] == '0' && d[1] == '0')
		intl = d + 2;
	int rc;
	if (intl) {
		size_t m = strlen(intl);
		if (m > 2 && intl[0] == '4' && intl[1] == '4') {
			const char *nsn = intl + 2;
			if (*nsn == '0')
				nsn++;
			rc = uk_phone(nsn, strlen(nsn), out);
		} else if (m >= 8 && m <= 15 && intl[0] != '0') {
			out[0] = '+';
			memcpy(out + 1, intl, m + 1); /* m <= 15 < LINK_PHONE_LEN - 1 */
			rc = 0;
		} else {
			rc = -1;
		}
	} else if (d[0] == '0') {
		rc = uk_phone(d + 1, n - 1, out);
	} else if (n == 12 && d[0] == '4' && d[1] == '4') {
		rc = uk_phone(d + 2, n - 2, out);
	} else {
		rc = -1;
	}
	if (rc != 0)
		out[0] = '\0';
	return rc;
}

int link_normalise_vrm(const char *in, char out[LINK_VRM_LEN])
{
	if (!out)
		return -1;
	out[0] = '\0';
	if (!input_ok(in))
		return -1;
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (!isalnum((unsigned char)*p) || n >= 7) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = (char)toupper((unsigned char)*p);
	}
	out[n] = '\0';
	if (n < 2) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* True if s (upper case, no spaces) has the shape of a UK outward code:
 * A9, A99, AA9, AA99, A9A, AA9A. */
static bool outward_ok(const char *s, size_t n)
{
	char shape[5];
	if (n < 2 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		shape[i] = isdigit((unsigned char)s[i]) ? '9' : 'A';
	shape[n] = '\0';
	static const char *const ok[] = {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};
	for (size_t i = 0; i < ARRAY_LEN(ok); i++)
		if (strcmp(shape, ok[i]) == 0)
			return true;
	return false;
}

int link_normalise_postcode(const char *in, char full[LINK_POSTCODE_LEN],
                            char outward[LINK_OUTWARD_LEN])
{
	if (!full || !outward)
		return -1;
	full[0] = outward[0] = '\0';
	if (!input_ok(in))
		return -1;
	char s[8];
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (!isalnum((unsigned char)*p) || n >= 7)
			return -1;
		s[n++] = (char)toupper((unsigned char)*p);
	}
	s[n] = '\0';
	if (strcmp(s, "GIR0AA") == 0) {
		snprintf(full, LINK_POSTCODE_LEN, "GIR 0AA");
		snprintf(outward, LINK_OUTWARD_LEN, "GIR");
		return 0;
	}
	if (n >= 5 && isdigit((unsigned char)s[n - 3]) && isalpha((unsigned char)s[n - 2]) &&
	    isalpha((unsigned char)s[n - 1]) && outward_ok(s, n - 3)) {
		snprintf(outward, LINK_OUTWARD_LEN, "%.*s", (int)(n - 3), s);
		snprintf(full, LINK_POSTCODE_LEN, "%s %s", outward, s + n - 3);
		return 0;
	}
	if (outward_ok(s, n)) {
		memcpy(outward, s, n + 1); /* n <= 4 */
		return 1;
	}
	return -1;
}

int link_normalise_email(const char *in, char out[LINK_EMAIL_LEN])
{
	if (!out)
		return -1;
	out[0] = '\0';
	if (!input_ok(in))
		return -1;
	while (*in == ' ' || *in == '\t')
		in++;
	size_t n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	int at = -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c <= 0x20 || c == 0x7F)
			return -1;
		if (c == '@') {
			if (at >= 0)
				return -1;
			at = (int)i;
		}
	}
	if (at <= 0 || (size_t)at + 1 >= n)
		return -1;
	const char *dom = in + at + 1;
	size_t dn = n - (size_t)at - 1;
	const char *dot = memchr(dom, '.', dn);
	if (!dot || dot == dom || dom[dn - 1] == '.')
		return -1;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[n] = '\0';
	return 0;
}

int link_normalise_handle(const char *in, char out[LINK_HANDLE_LEN])
{
	if (!out)
		return -1;
	out[0] = '\0';
	if (!input_ok(in))
		return -1;
	while (*in == ' ')
		in++;
	if (*in == '@')
		in++;
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' && p[strspn(p, " ")] == '\0')
			break; /* trailing spaces */
		if (!(isalnum(c) || c == '.' || c == '_' || c == '-') || n >= LINK_HANDLE_LEN - 1) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = (char)tolower(c);
	}
	out[n] = '\0';
	if (n == 0)
		return -1;
	return 0;
}

int link_normalise_nhs(const char *in, char out[LINK_NHS_LEN])
{
	if (!out)
		return -1;
	out[0] = '\0';
	if (!input_ok(in))
		return -1;
	char d[LINK_NHS_LEN];
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (!isdigit((unsigned char)*p) || n >= 10)
			return -1;
		d[n++] = *p;
	}
	if (n != 10)
		return -1;
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (d[i] - '0') * (10 - i);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	if (check == 10 || check != d[9] - '0')
		return -1;
	memcpy(out, d, 10);
	out[10] = '\0';
	return 0;
}

int link_vrm_key(const char *in, char out[LINK_VRM_LEN])
{
	if (link_normalise_vrm(in, out) < 0)
		return -1;
	for (char *p = out; *p; p++) {
		if (*p == 'O')
			*p = '0';
		else if (*p == 'I')
			*p = '1';
	}
	return 0;
}
