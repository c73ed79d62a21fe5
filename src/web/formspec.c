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

/* The value of field `name` + suffix ("-day") in f, or NULL. */
static const char *part_of(const struct form *f, const char *name, const char *suffix)
{
	char key[96];
	snprintf(key, sizeof key, "%s%s", name, suffix);
	return form_get(f, key);
}

/* Reads a whole number of 1 to 4 digits (spaces around allowed) into *out. */
static bool small_number(const char *s, int *out)
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	int v = 0, n = 0;
	while (isdigit((unsigned char)*s) && n < 5) {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (n == 0 || n > 4 || *s)
		return false;
	*out = v;
	return true;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

int formspec_date_of(const struct form *f, const char *name, char out[11], const char **why)
{
	out[0] = '\0';
	*why = NULL;
	const char *whole = f ? form_get(f, name) : NULL;
	const char *d = f ? part_of(f, name, "-day") : NULL;
	const char *m = f ? part_of(f, name, "-month") : NULL;
	const char *y = f ? part_of(f, name, "-year") : NULL;
	struct lt_date dt;
	if (blank(d) && blank(m) && blank(y)) {
		/* one field "YYYY-MM-DD" (older pages, scripts) */
		if (blank(whole))
			return 0;
		while (isspace((unsigned char)*whole))
			whole++;
		char tmp[16];
		snprintf(tmp, sizeof tmp, "%.10s", whole);
		if (strlen(whole) > 10 || ltime_parse_date(tmp, &dt) < 0) {
			*why = "Enter a real date";
			return -1;
		}
		ltime_format_date(dt, out);
		return 1;
	}
	if (blank(d) || blank(m) || blank(y)) {
		*why = "Enter a date with a day, month and year";
		return -1;
	}
	int dd, mm, yy;
	if (!small_number(d, &dd) || !small_number(m, &mm) || !small_number(y, &yy) || yy < 1000) {
		*why = "Enter a real date, with the year in four figures";
		return -1;
	}
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", yy, mm, dd);
	if (ltime_parse_date(tmp, &dt) < 0) {
		*why = "Enter a real date";
		return -1;
	}
	ltime_format_date(dt, out);
	return 1;
}

int formspec_datetime_of(const struct form *f, const char *name, char out[21], const char **why)
{
	out[0] = '\0';
	*why = NULL;
	const char *whole = f ? form_get(f, name) : NULL;
	const char *t = f ? part_of(f, name, "-time") : NULL;
	bool parts = f && (part_of(f, name, "-day") || part_of(f, name, "-month") ||
	                   part_of(f, name, "-year") || t);
	if (!parts) {
		/* one field "YYYY-MM-DDTHH:MM" (older pages, scripts) */
		if (blank(whole))
			return 0;
		while (isspace((unsigned char)*whole))
			whole++;
		char tmp[24];
		snprintf(tmp, sizeof tmp, "%.19s", whole);
		size_t n = strlen(tmp);
		while (n && isspace((unsigned char)tmp[n - 1]))
			tmp[--n] = '\0';
		if (formspec_london_to_utc(tmp, out) < 0) {
			*why = "Enter a real date and time";
			return -1;
		}
		return 1;
	}
	char date[11];
	int rc = formspec_date_of(f, name, date, why);
	if (rc < 0)
		return -1;
	if (rc == 0 && blank(t))
		return 0;
	if (rc == 0) {
		*why = "Enter the date as well as the time";
		return -1;
	}
	if (blank(t)) {
		*why = "Enter the time, such as 18:05 (24-hour clock)";
		return -1;
	}
	/* 24-hour time: "18:05", "18.05", "1805", "9:05" */
	while (isspace((unsigned char)*t))
		t++;
	int hh = -1, mi = -1;
	char digits[8];
	size_t nd = 0;
	const char *sep = NULL;
	for (const char *c = t; *c && !isspace((unsigned char)*c); c++) {
		if (isdigit((unsigned char)*c) && nd < sizeof digits - 1)
			digits[nd++] = *c;
		else if ((*c == ':' || *c == '.') && !sep)
			sep = c;
		else {
			nd = 0;
			break;
		}
	}
	digits[nd] = '\0';
	if (sep && nd >= 3 && nd <= 4 && (size_t)(sep - t) == nd - 2) {
		hh = (digits[0] - '0') * (nd == 4 ? 10 : 1) + (nd == 4 ? digits[1] - '0' : 0);
		mi = (digits[nd - 2] - '0') * 10 + (digits[nd - 1] - '0');
	} else if (!sep && nd == 4) {
		hh = (digits[0] - '0') * 10 + (digits[1] - '0');
		mi = (digits[2] - '0') * 10 + (digits[3] - '0');
	}
	if (hh < 0 || hh > 23 || mi < 0 || mi > 59) {
		*why = "Enter a real time, such as 18:05 (24-hour clock)";
		return -1;
	}
	char local[20];
	snprintf(local, sizeof local, "%sT%02d:%02d", date, hh, mi);
	if (formspec_london_to_utc(local, out) < 0) {
		*why = "Enter a real date and time";
		return -1;
	}
	return 1;
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
			char date[11];
			const char *why;
			int r = formspec_date_of(f, s->name, date, &why);
			if (r < 0)
				fielderr_add(errs, s->name, why);
			else if (r > 0)
				j = json_string(date);
			break;
		}
		case FS_DATETIME: {
			char utc[21];
			const char *why;
			int r = formspec_datetime_of(f, s->name, utc, &why);
			if (r < 0)
				fielderr_add(errs, s->name, why);
			else if (r > 0)
				j = json_string(utc);
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

/* The day, month, year (and 24-hour time) of a date or date-and-time field, as typed
 * (f) or from the stored value (UTC for a time, shown in London time). */
static void date_parts(json_t *o, const struct fs_field *s, const struct form *f, json_t *cur)
{
	static const char *const keys[] = {"day", "month", "year", "time"};
	static const char *const suffix[] = {"-day", "-month", "-year", "-time"};
	const char *vals[4] = {"", "", "", ""};
	char d[3], m[3], y[5], t[6];
	if (f) {
		const char *whole = form_get(f, s->name);
		bool parts = false;
		for (size_t i = 0; i < 4; i++) {
			const char *v = part_of(f, s->name, suffix[i]);
			if (v) {
				vals[i] = v;
				parts = true;
			}
		}
		if (!parts && whole && strlen(whole) >= 10) {
			/* refilled from one "YYYY-MM-DD[THH:MM]" field */
			snprintf(y, sizeof y, "%.4s", whole);
			snprintf(m, sizeof m, "%.2s", whole + 5);
			snprintf(d, sizeof d, "%.2s", whole + 8);
			vals[0] = d, vals[1] = m, vals[2] = y;
			if (strlen(whole) >= 16) {
				snprintf(t, sizeof t, "%.5s", whole + 11);
				vals[3] = t;
			}
		}
	} else if (json_is_string(cur)) {
		const char *v = json_string_value(cur);
		char loc[17] = "";
		if (s->kind == FS_DATETIME && formspec_utc_to_london(v, loc) == 0)
			v = loc;
		if (strlen(v) >= 10) {
			snprintf(y, sizeof y, "%.4s", v);
			snprintf(m, sizeof m, "%.2s", v + 5);
			snprintf(d, sizeof d, "%.2s", v + 8);
			vals[0] = d, vals[1] = m, vals[2] = y;
			if (s->kind == FS_DATETIME && strlen(v) >= 16) {
				snprintf(t, sizeof t, "%.5s", v + 11);
				vals[3] = t;
			}
		}
	}
	for (size_t i = 0; i < (s->kind == FS_DATETIME ? 4u : 3u); i++)
		json_object_set_new(o, keys[i], json_string(vals[i]));
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
		case FS_DATE:
		case FS_DATETIME:
			date_parts(o, s, f, cur);
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
	/* the page's own words for a date or time it could not read: named by the label */
	static const struct {
		const char *said, *then; /* the label, then `then` */
	} DATE_WORDS[] = {
	        {"Enter a real date and time", "must be a real date and time"},
	        {"Enter a real date, with the year in four figures",
	         "must be a real date, with the year in four figures"},
	        {"Enter a real date", "must be a real date"},
	        {"Enter a date with a day, month and year", "must include a day, month and year"},
	        {"Enter a real time, such as 18:05 (24-hour clock)",
	         "must be a real time, such as 18:05 (24-hour clock)"},
	        {"Enter the time, such as 18:05 (24-hour clock)",
	         "needs a time, such as 18:05 (24-hour clock)"},
	        {"Enter the date as well as the time", "needs a date as well as the time"},
	};
	for (size_t i = 0; i < ARRAY_LEN(DATE_WORDS); i++)
		if (strcmp(message, DATE_WORDS[i].said) == 0)
			return pool_printf(p, "%s %s", label, DATE_WORDS[i].then);
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
		char date[11];
		const char *why;
		int r = formspec_date_of(f, name, date, &why);
		if (r < 0)
			fielderr_add(errs, pool_strdup(p, name), why);
		else if (r > 0)
			json_object_set_new(o, "seen_on", json_string(date));
		json_array_append_new(a, o);
	}
	return a;
}
