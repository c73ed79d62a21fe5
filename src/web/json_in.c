/* json_in.c: capped JSON body parsing and typed field getters (see json_in.h). */
#include "web/json_in.h"

#include "util/parse.h"

/* Depth of the deepest array/object nesting in the text, counting brackets outside
 * strings. Stops early (returning max+1) once past max, so the cost is one pass. */
static size_t scan_depth(const char *s, size_t len, size_t max)
{
	size_t depth = 0, deepest = 0;
	bool in_str = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"') {
			in_str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > deepest)
				deepest = depth;
			if (deepest > max)
				return deepest;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return deepest;
}

json_t *json_in_parse(const char *body, size_t len, size_t max_bytes, size_t max_depth,
                      const char **err)
{
	const char *dummy;
	if (!err)
		err = &dummy;
	if (!max_bytes)
		max_bytes = JSON_IN_MAX_BYTES;
	if (!max_depth)
		max_depth = JSON_IN_MAX_DEPTH;
	if (!body || len == 0) {
		*err = "the request body is empty; a JSON object is expected";
		return NULL;
	}
	if (len > max_bytes) {
		*err = "the request body is too large";
		return NULL;
	}
	if (scan_depth(body, len, max_depth) > max_depth) {
		*err = "the JSON is nested too deeply";
		return NULL;
	}
	json_error_t jerr;
	json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		*err = json_error_code(&jerr) == json_error_duplicate_key
		               ? "the JSON has a duplicate key"
		               : "the request body is not valid JSON";
		return NULL;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		*err = "the JSON body must be an object";
		return NULL;
	}
	return root;
}

static json_t *get_field(json_t *obj, const char *field, bool required, struct field_errors *errs)
{
	json_t *v = obj ? json_object_get(obj, field) : NULL;
	if (!v || json_is_null(v)) {
		if (required)
			fielderr_add(errs, field, "is required");
		return NULL;
	}
	return v;
}

const char *json_in_string(json_t *obj, const char *field, bool required, size_t max_chars,
                           bool multiline, struct field_errors *errs)
{
	json_t *v = get_field(obj, field, required, errs);
	if (!v)
		return NULL;
	if (!json_is_string(v)) {
		fielderr_add(errs, field, "must be a string");
		return NULL;
	}
	const char *s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || !text_ok(s, SIZE_MAX, multiline)) {
		fielderr_add(errs, field, "contains characters that are not allowed");
		return NULL;
	}
	if (utf8_length(s) > max_chars) {
		fielderr_add(errs, field, "is too long");
		return NULL;
	}
	if (required) {
		const char *t = s;
		while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
			t++;
		if (!*t) {
			fielderr_add(errs, field, "must not be empty");
			return NULL;
		}
	}
	return s;
}

int json_in_int(json_t *obj, const char *field, bool required, int64_t min, int64_t max,
                int64_t *out, struct field_errors *errs)
{
	json_t *v = get_field(obj, field, required, errs);
	if (!v)
		return required ? -1 : 1;
	if (!json_is_integer(v)) {
		fielderr_add(errs, field, "must be a whole number");
		return -1;
	}
	json_int_t x = json_integer_value(v);
	if (x < min || x > max) {
		fielderr_add(errs, field, "is out of range");
		return -1;
	}
	*out = (int64_t)x;
	return 0;
}

int json_in_bool(json_t *obj, const char *field, bool required, bool *out,
                 struct field_errors *errs)
{
	json_t *v = get_field(obj, field, required, errs);
	if (!v)
		return required ? -1 : 1;
	if (!json_is_boolean(v)) {
		fielderr_add(errs, field, "must be true or false");
		return -1;
	}
	*out = json_is_true(v);
	return 0;
}

json_t *json_in_array(json_t *obj, const char *field, bool required, size_t max_items,
                      struct field_errors *errs)
{
	json_t *v = get_field(obj, field, required, errs);
	if (!v)
		return NULL;
	if (!json_is_array(v)) {
		fielderr_add(errs, field, "must be an array");
		return NULL;
	}
	if (json_array_size(v) > max_items) {
		fielderr_add(errs, field, "has too many items");
		return NULL;
	}
	return v;
}

json_t *json_in_object(json_t *obj, const char *field, bool required, struct field_errors *errs)
{
	json_t *v = get_field(obj, field, required, errs);
	if (!v)
		return NULL;
	if (!json_is_object(v)) {
		fielderr_add(errs, field, "must be an object");
		return NULL;
	}
	return v;
}

size_t json_in_only(json_t *obj, const char *const *allowed, struct field_errors *errs)
{
	size_t bad = 0;
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				ok = true;
		if (!ok)
			bad++;
	}
	if (bad)
		fielderr_add(errs, "(unknown field)", "is not a field this request accepts");
	return bad;
}
