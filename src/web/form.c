/* form.c: the urlencoded parser (see form.h). */
#include "web/form.h"

#include "web/request.h"

const struct form_limits form_default_limits = {
        .max_total = (size_t)64 << 10,
        .max_fields = 200,
        .max_name = 64,
        .max_value = (size_t)16 << 10,
};

static bool name_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return n > 0;
}

static bool value_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
			return false;
	}
	return true;
}

int form_parse(struct pool *p, const char *s, size_t len, const struct form_limits *lim,
               struct form *out, const char **err)
{
	const char *dummy;
	if (!err)
		err = &dummy;
	if (!lim)
		lim = &form_default_limits;
	out->fields = NULL;
	out->n = 0;
	if (len > lim->max_total) {
		*err = "the form is too large";
		return -1;
	}
	/* Count pairs first so that the array is allocated once. */
	size_t pairs = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '&')
			pairs++;
	pairs++;
	if (pairs > lim->max_fields * 2 + 1) {
		*err = "the form has too many fields";
		return -1;
	}
	struct form_field *fields = pool_calloc(p, pairs, sizeof(*fields));
	if (!fields) {
		*err = "the form is too large";
		return -1;
	}
	size_t n = 0, i = 0;
	while (i < len) {
		const char *pair = s + i;
		size_t pl = 0;
		while (i + pl < len && pair[pl] != '&')
			pl++;
		i += pl + 1;
		if (pl == 0)
			continue; /* "a=1&&b=2" */
		if (n == lim->max_fields) {
			*err = "the form has too many fields";
			return -1;
		}
		const char *eq = memchr(pair, '=', pl);
		size_t nl = eq ? (size_t)(eq - pair) : pl;
		const char *v = eq ? eq + 1 : pair + pl;
		size_t vl = eq ? pl - nl - 1 : 0;
		size_t dnl, dvl;
		char *name = url_decode(p, pair, nl, true, &dnl);
		char *val = url_decode(p, v, vl, true, &dvl);
		if (!name || !val) {
			*err = "the form is not correctly encoded";
			return -1;
		}
		if (dnl > lim->max_name || dvl > lim->max_value) {
			*err = "a form field is too long";
			return -1;
		}
		if (!name_ok(name, dnl) || !value_ok(val, dvl)) {
			*err = "the form contains characters that are not allowed";
			return -1;
		}
		fields[n].name = name;
		fields[n].value = val;
		fields[n].value_len = dvl;
		n++;
	}
	out->fields = fields;
	out->n = n;
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

size_t form_get_all(const struct form *f, const char *name, const char **out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].name, name) == 0) {
			if (k < max)
				out[k] = f->fields[i].value;
			k++;
		}
	}
	return k;
}
