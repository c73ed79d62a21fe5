/* formspec.c: declarative page forms (see formspec.h). */
#include "web/formspec.h"

#include <ctype.h>

#include "util/buf.h"
#include "util/ltime.h"
#include "util/pool.h"

#define FS_MAX_VALUES 64
#define FS_MAX_LINES 50

int formspec_london_to_utc(const char *local, char out[21])
{
	if (!local)
		return -1;
	size_t len = strlen(local);
	if (len != 16 && len != 19)
		return -1;
	char tmp[24];
	snprintf(tmp, sizeof tmp, "%s%sZ", local, len == 16 ? ":00" : "");
	int64_t t0;
	if (ltime_parse(tmp, &t0) < 0)
		return -1;
	/* the same wall-clock reading as BST is one hour earlier in UTC; take it when
	 * London is on BST at that instant (this also picks BST in the autumn overlap) */
	int64_t t = t0 - 3600;
	if (ltime_london_offset(t) != 3600)
		t = t0;
	ltime_format(t, out);
	return 0;
}

int formspec_utc_to_london(const char *utc, char out[17])
{
	int64_t t;
	if (!utc || ltime_parse(utc, &t) < 0)
		return -1;
	char s[LT_TIME_LEN];
	ltime_format(t + ltime_london_offset(t), s);
	snprintf(out, 17, "%.16s", s);
	return 0;
}

/* Copies s without leading and trailing white space into a new JSON string, or NULL
 * when nothing is left. */
static json_t *trimmed(const char *s)
{
	if (!s)
		return NULL;
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return n ? json_stringn(s, n) : NULL;
}

json_t *formspec_lines(const char *text)
{
	json_t *a = json_array();
	const char *p = text ? text : "";
	while (*p && json_array_size(a) < FS_MAX_LINES) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char line[2048];
		snprintf(line, sizeof line, "%.*s",
		         (int)(n < sizeof line - 1 ? n : sizeof line - 1), p);
		json_t *v = trimmed(line);
		if (v)
			json_array_append_new(a, v);
		p += n;
		if (*p == '\n')
			p++;
	}
	return a;
}

/* Sets key (possibly "a.b") in o, stealing v. */
static void set_key(json_t *o, const char *key, json_t *v)
{
	const char *dot = strchr(key, '.');
	if (!dot) {
		json_object_set_new(o, key, v);
		return;
	}
	char outer[64];
	snprintf(outer, sizeof outer, "%.*s", (int)(dot - key), key);
	json_t *in = json_object_get(o, outer);
	if (!json_is_object(in)) {
		in = json_object();
		json_object_set_new(o, outer, in);
	}
	json_object_set_new(in, dot + 1, v);
}

/* The value of key (possibly "a.b") in o, or NULL. */
static json_t *get_key(json_t *o, const char *key)
{
	if (!o)
		return NULL;
	const char *dot = strchr(key, '.');
	if (!dot)
		return json_object_get(o, key);
	char outer[64];
	snprintf(outer, sizeof outer, "%.*s", (int)(dot - key), key);
	return json_object_get(json_object_get(o, outer), dot + 1);
}

static const char *key_of(const struct fs_field *s)
{
	return s->key ? s->key : s->name;
}

json_t *formspec_to_json(const struct fs_field *specs, size_t n, const struct form *f,
                         struct field_errors *errs)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++) {
		const struct fs_field *s = &specs[i];
		const char *v = f ? form_get(f, s->name) : NULL;
		json_t *j = NULL;
		switch (s->kind) {
		case FS_CHECKBOX:
			j = json_boolean(v && strcmp(v, "yes") == 0);
			break;
		case FS_CHECKBOXES: {
			const char *vals[FS_MAX_VALUES];
			size_t k = f ? form_get_all(f, s->name, vals, FS_MAX_VALUES) : 0;
			j = json_array();
			for (size_t m = 0; m < k && m < FS_MAX_VALUES; m++)
				if (vals[m][0])
					json_array_append_new(j, json_string(vals[m]));
			break;
		}
		case FS_LINES:
			j = formspec_lines(v);
			if (json_array_size(j) == 0) {
				json_decref(j);
				j = NULL;
			}
			break;
		case FS_INT_RADIOS: {
			json_t *t = trimmed(v);
			if (t) {
				const char *x = json_string_value(t);
				char *end;
				long l = strtol(x, &end, 10);
				if (*end || end == x || l < -1000000 || l > 1000000)
					fielderr_add(errs, s->name, "Choose one of the options");
				else
					j = json_integer(l);
				json_decref(t);
			}
			break;
		}
		case FS_DATE: {
			j = trimmed(v);
			struct lt_date d;
			if (j && ltime_parse_date(json_string_value(j), &d) < 0) {
				fielderr_add(errs, s->name, "Enter a real date");
				json_decref(j);
				j = NULL;
			}
			break;
		}
		case FS_DATETIME: {
			json_t *t = trimmed(v);
			if (t) {
				char utc[21];
				if (formspec_london_to_utc(json_string_value(t), utc) < 0)
					fielderr_add(errs, s->name, "Enter a real date and time");
				else
					j = json_string(utc);
				json_decref(t);
			}
			break;
		}
		case FS_PASSWORD:
			/* passwords are taken as typed: spaces may be part of them */
			j = v && *v ? json_string(v) : NULL;
			break;
		default:
			j = trimmed(v);
			break;
		}
		if (j)
			set_key(o, key_of(s), j);
	}
	return o;
}

static const char *kind_flag(enum fs_kind k)
{
	switch (k) {
	case FS_TEXT:
		return "is_text";
	case FS_PASSWORD:
		return "is_password";
	case FS_TEXTAREA:
		return "is_textarea";
	case FS_LINES:
		return "is_textarea";
	case FS_DATE:
		return "is_date";
	case FS_DATETIME:
		return "is_datetime";
	case FS_CHECKBOX:
		return "is_checkbox";
	case FS_RADIOS:
		return "is_radios";
	case FS_INT_RADIOS:
		return "is_radios";
	case FS_SELECT:
		return "is_select";
	case FS_CHECKBOXES:
		return "is_checkboxes";
	case FS_HIDDEN:
		return "is_hidden";
	}
	return "is_text";
}

/* True if `value` is among the field's current values. */
static bool chosen(const struct fs_field *s, const struct form *f, json_t *cur, const char *value)
{
	if (f) {
		const char *vals[FS_MAX_VALUES];
		size_t k = form_get_all(f, s->name, vals, FS_MAX_VALUES);
		for (size_t m = 0; m < k && m < FS_MAX_VALUES; m++)
			if (strcmp(vals[m], value) == 0)
				return true;
		return false;
	}
	if (json_is_array(cur)) {
		size_t m;
		json_t *x;
		json_array_foreach(cur, m, x)
		{
			if (json_is_string(x) && strcmp(json_string_value(x), value) == 0)
				return true;
		}
		return false;
	}
	if (json_is_string(cur))
		return strcmp(json_string_value(cur), value) == 0;
	if (json_is_integer(cur)) {
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)json_integer_value(cur));
		return strcmp(n, value) == 0;
	}
	return false;
}

static json_t *options_of(const struct fs_field *s, const struct form *f, json_t *cur)
{
	json_t *a = json_array();
	size_t n = 0;
	const struct ref_item *items = NULL;
	if (!s->options && s->ref >= 0)
		items = ref_table((enum ref_table)s->ref, &n);
	for (size_t i = 0;; i++) {
		const char *value, *label, *hint = NULL;
		if (s->options) {
			if (!s->options[i].value)
				break;
			value = s->options[i].value;
			label = s->options[i].label;
			hint = s->options[i].hint;
		} else {
			if (i >= n)
				break;
			value = items[i].code;
			label = items[i].label;
		}
		char id[128];
		snprintf(id, sizeof id, i == 0 ? "%s" : "%s-%zu", s->name, i + 1);
		json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "value", value, "label", label, "id",
		                      id, "checked", chosen(s, f, cur, value));
		if (hint)
			json_object_set_new(o, "option_hint", json_string(hint));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *formspec_fields(const struct fs_field *specs, size_t n, const struct form *f,
                        json_t *values, const struct field_errors *errs)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct fs_field *s = &specs[i];
		json_t *cur = f ? NULL : get_key(values, key_of(s));
		json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "name", s->name, "id", s->name,
		                      "label", s->label ? s->label : "", kind_flag(s->kind), 1);
		if (s->hint)
			json_object_set_new(o, "hint", json_string(s->hint));
		if (s->width)
			json_object_set_new(o, "width", json_string(s->width));
		const char *err = errs ? fielderr_get(errs, s->name) : NULL;
		if (err)
			json_object_set_new(o, "error", json_string(err));
		switch (s->kind) {
		case FS_RADIOS:
		case FS_INT_RADIOS:
		case FS_SELECT:
		case FS_CHECKBOXES:
			json_object_set_new(o, "options", options_of(s, f, cur));
			break;
		case FS_CHECKBOX: {
			bool on = f ? (form_get(f, s->name) &&
			               strcmp(form_get(f, s->name), "yes") == 0)
			            : json_is_true(cur);
			json_object_set_new(o, "checked", json_boolean(on));
			break;
		}
		case FS_PASSWORD:
			break; /* never refilled */
		case FS_LINES:
			if (f) {
				const char *v = form_get(f, s->name);
				json_object_set_new(o, "value", json_string(v ? v : ""));
			} else if (json_is_array(cur)) {
				struct buf b;
				buf_init(&b, 64 << 10);
				size_t m;
				json_t *x;
				json_array_foreach(cur, m, x)
				{
					if (json_is_string(x))
						buf_printf(&b, "%s%s", m ? "\n" : "",
						           json_string_value(x));
				}
				json_object_set_new(o, "value", json_string(buf_cstr(&b)));
				buf_release(&b);
			}
			break;
		case FS_DATETIME:
			if (f) {
				const char *v = form_get(f, s->name);
				json_object_set_new(o, "value", json_string(v ? v : ""));
			} else if (json_is_string(cur)) {
				char loc[17];
				if (formspec_utc_to_london(json_string_value(cur), loc) == 0)
					json_object_set_new(o, "value", json_string(loc));
			}
			break;
		default:
			if (f) {
				const char *v = form_get(f, s->name);
				json_object_set_new(o, "value", json_string(v ? v : ""));
			} else if (json_is_string(cur)) {
				json_object_set_new(o, "value", json_copy(cur));
			}
			break;
		}
		json_array_append_new(a, o);
	}
	return a;
}

const struct fs_field *formspec_spec_for(const struct fs_field *specs, size_t n, const char *field)
{
	if (!field)
		return NULL;
	size_t fl = strlen(field);
	for (size_t i = 0; i < n; i++) {
		const char *k = key_of(&specs[i]);
		if (strcmp(k, field) == 0 || (strncmp(k, field, fl) == 0 && k[fl] == '.'))
			return &specs[i];
	}
	for (size_t i = 0; i < n; i++) {
		const char *k = key_of(&specs[i]);
		const char *dot = strrchr(k, '.');
		if (strcmp(specs[i].name, field) == 0 || (dot && strcmp(dot + 1, field) == 0))
			return &specs[i];
	}
	return NULL;
}

const char *formspec_error_target(const struct fs_field *specs, size_t n, const char *field)
{
	if (!n)
		return field;
	const struct fs_field *s = formspec_spec_for(specs, n, field);
	if (s)
		return s->name;
	for (size_t i = 0; i < n; i++)
		if (specs[i].kind != FS_HIDDEN)
			return specs[i].name;
	return specs[0].name;
}

/* How an error message names a field, where its label alone reads badly after "Enter"
 * or "Select". Fields not listed are named by their label. */
static const struct {
	const char *name, *words;
} FIELD_WORDS[] = {
        {"last_seen_at", "the date and time the child was last seen"},
        {"last_seen_where", "where the child was last seen"},
        {"missing_from", "where the child was missing from"},
        {"reported_at", "when it was reported"},
        {"returned_at", "when the child was found or came back"},
        {"where", "where the child was found"},
        {"where_found", "where the child was found"},
        {"what_happened", "what happened while the child was away"},
        {"circumstances", "what happened"},
        {"rationale", "why"},
        {"reason", "the reason"},
        {"given_names", "the child's first names"},
        {"family_name", "the child's family name"},
        {"date_of_birth", "the child's date of birth"},
        {"nhs_number", "the child's NHS number"},
        {"risk_level", "a risk level"},
        {"decision", "a decision"},
        {"status", "what happened"},
        {"interviewer", "the interviewer"},
        {"findings", "what the interview found"},
        {"crime_number", "the crime number"},
        {"came_to_notice_at", "when the concern came to notice"},
};

/* The words naming spec s after "Enter": from FIELD_WORDS, else its label with a small
 * first letter. */
static const char *field_words(const struct fs_field *s, struct pool *p)
{
	for (size_t i = 0; i < ARRAY_LEN(FIELD_WORDS); i++)
		if (strcmp(FIELD_WORDS[i].name, s->name) == 0)
			return FIELD_WORDS[i].words;
	const char *l = s->label ? s->label : s->name;
	char *w = pool_strdup(p, l);
	/* "NHS number" stays; "Last seen" becomes "last seen" */
	if (w && w[0] && isupper((unsigned char)w[0]) && !isupper((unsigned char)w[1]))
		w[0] = (char)tolower((unsigned char)w[0]);
	return w ? w : l;
}

const char *formspec_error_words(const struct fs_field *s, const char *field, const char *message,
                                 struct pool *p)
{
	if (!s || !field || !message || !p)
		return message;
	const char *label = s->label && *s->label ? s->label : s->name;
	size_t fl = strlen(field);
	bool choose = s->kind == FS_RADIOS || s->kind == FS_INT_RADIOS || s->kind == FS_SELECT ||
	              s->kind == FS_CHECKBOXES || s->kind == FS_CHECKBOX;
	/* "Enter <field>." */
	if (strncmp(message, "Enter ", 6) == 0 && strncmp(message + 6, field, fl) == 0 &&
	    (message[6 + fl] == '.' || message[6 + fl] == '\0'))
		return pool_printf(p, "%s %s", choose ? "Select" : "Enter", field_words(s, p));
	/* "... at most N characters ..." */
	const char *most = strstr(message, "at most ");
	unsigned long max = 0;
	if (most && sscanf(most, "at most %lu characters", &max) == 1 && strstr(most, "characters"))
		return pool_printf(p, "%s must be %lu characters or fewer%s", label, max,
		                   strstr(most, "on one line") ? ", on one line" : "");
	bool names = strncmp(message, field, fl) == 0 && message[fl] == ' ';
	if (names && strstr(message, "real date written"))
		return pool_printf(p, "%s must be a real date", label);
	if (names && strstr(message, "date and time such as"))
		return pool_printf(p, "%s must be a real date and time", label);
	if (names) {
		/* "<field> must be ..." : the label in place of the code, without the full stop */
		const char *rest = message + fl;
		size_t rl = strlen(rest);
		if (rl && rest[rl - 1] == '.')
			rl--;
		return pool_printf(p, "%s%.*s", label, (int)rl, rest);
	}
	return message;
}

json_t *formspec_signs(const struct form *f, struct field_errors *errs, struct pool *p)
{
	json_t *a = json_array();
	const char *vals[16];
	size_t k = f ? form_get_all(f, "sign", vals, 16) : 0;
	for (size_t i = 0; i < k && i < 16; i++) {
		const struct ref_item *s = ref_sign(vals[i]);
		if (!s)
			continue;
		char name[64];
		snprintf(name, sizeof name, "evidence_%s", s->code);
		json_t *ev = trimmed(form_get(f, name));
		if (!ev) {
			fielderr_add(errs, pool_strdup(p, name),
			             pool_printf(p, "Describe what was seen for '%s'", s->label));
			continue;
		}
		json_t *o = json_pack("{s:s, s:o}", "code", s->code, "evidence", ev);
		snprintf(name, sizeof name, "seen_%s", s->code);
		json_t *seen = trimmed(form_get(f, name));
		struct lt_date d;
		if (seen && ltime_parse_date(json_string_value(seen), &d) < 0) {
			fielderr_add(errs, pool_strdup(p, name), "Enter a real date");
			json_decref(seen);
			seen = NULL;
		}
		if (seen)
			json_object_set_new(o, "seen_on", seen);
		json_array_append_new(a, o);
	}
	return a;
}
