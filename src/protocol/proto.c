/* proto.c: shared error reporting and text checks of src/protocol/ (see proto.h). */
#include "protocol/proto.h"

#include "protocol/language.h"
#include "util/parse.h"

int proto_fail(struct proto_err *err, const char *rule, const char *field, const char *fmt, ...)
{
	if (!err)
		return -1;
	err->rule = rule;
	err->field = field;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

void proto_err_clear(struct proto_err *err)
{
	if (!err)
		return;
	err->rule = NULL;
	err->field = NULL;
	err->message[0] = '\0';
}

bool proto_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Shared body of the two checks: presence, UTF-8, length, control characters. */
static int check_common(const char *text, size_t max_chars, bool required, bool newlines,
                        const char *rule, const char *field, const char *what,
                        struct proto_err *err)
{
	if (proto_blank(text)) {
		if (required)
			return proto_fail(err, rule, field, "%s is required (%s).", what, rule);
		return 0;
	}
	size_t n = strlen(text);
	if (!utf8_valid(text, n))
		return proto_fail(err, rule, field,
		                  "%s contains characters that are not valid text (%s).", what,
		                  rule);
	if (utf8_length(text) > max_chars)
		return proto_fail(err, rule, field, "%s is too long: at most %zu characters (%s).",
		                  what, max_chars, rule);
	if (!text_ok(text, max_chars, newlines))
		return proto_fail(err, rule, field, "%s contains control characters%s (%s).", what,
		                  newlines ? "" : " or line breaks", rule);
	return 0;
}

int proto_text_check(const char *text, size_t max_chars, bool required, const char *rule,
                     const char *field, const char *what, struct proto_err *err)
{
	if (check_common(text, max_chars, required, true, rule, field, what, err) != 0)
		return -1;
	if (proto_blank(text))
		return 0;
	struct proto_err lerr;
	if (language_check(text, &lerr) != 0)
		return proto_fail(err, lerr.rule, field, "%s: %s", what, lerr.message);
	return 0;
}

int proto_name_check(const char *text, size_t max_chars, bool required, const char *rule,
                     const char *field, const char *what, struct proto_err *err)
{
	return check_common(text, max_chars, required, false, rule, field, what, err);
}
