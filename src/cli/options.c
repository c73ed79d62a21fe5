/* options.c: the one option parser of the `lantern` command (see options.h). */
#include "cli/options.h"

#include "cli/cli.h"
#include "util/config.h"
#include "util/parse.h"

#define OPT_NAME_MAX 64 /* bytes of an option's name, dashes included */

/* The option of opts called `name`, or the CLI_OPT_CONFIG one when `name` is a setting,
 * or NULL. */
static const struct cli_opt *find(const struct cli_opt *opts, size_t n, const char *name)
{
	const struct cli_opt *config = NULL;
	for (size_t i = 0; i < n; i++) {
		if (opts[i].kind == CLI_OPT_CONFIG)
			config = &opts[i];
		else if (strcmp(opts[i].name, name) == 0)
			return &opts[i];
	}
	if (!config)
		return NULL;
	char key[OPT_NAME_MAX];
	snprintf(key, sizeof key, "%s", name + 2);
	for (char *c = key; *c; c++)
		if (*c == '-')
			*c = '_';
	return key[0] && config_has_key(key) ? config : NULL;
}

/* Sets the string member key of obj to text; false when text is not valid UTF-8. */
static bool json_set(json_t *obj, const char *key, const char *text)
{
	json_t *v = json_string(text);
	return v && json_object_set_new(obj, key, v) == 0;
}

/* Applies option o with value v (NULL for a flag). 0, or CLI_USAGE (message printed). */
static int apply(const char *cmd, const struct cli_opt *o, const char *name, const char *v)
{
	int64_t x;
	char err[256];
	switch (o->kind) {
	case CLI_OPT_FLAG:
		*(bool *)o->to = true;
		return 0;
	case CLI_OPT_STRING:
		*(const char **)o->to = v;
		return 0;
	case CLI_OPT_INT:
	case CLI_OPT_JSON_INT:
		if (parse_int64(v, o->min, o->max, &x) < 0) {
			if (o->what)
				return cli_error(CLI_USAGE, "%s: %s must be %s", cmd, name,
				                 o->what);
			return cli_error(CLI_USAGE,
			                 "%s: %s must be a whole number from %lld to %lld", cmd,
			                 name, (long long)o->min, (long long)o->max);
		}
		if (o->kind == CLI_OPT_INT)
			*(int64_t *)o->to = x;
		else
			json_object_set_new(o->to, o->key, json_integer(x));
		return 0;
	case CLI_OPT_JSON:
		if (!json_set(o->to, o->key, v))
			return cli_error(CLI_USAGE, "%s: %s must be valid UTF-8", cmd, name);
		return 0;
	case CLI_OPT_JSON_CONST:
		json_set(o->to, o->key, o->value);
		return 0;
	case CLI_OPT_JSON_LIST: {
		json_t *list = json_object_get(o->to, o->key), *s = json_string(v);
		if (!json_is_array(list)) {
			list = json_array();
			json_object_set_new(o->to, o->key, list);
		}
		if (!s || json_array_append_new(list, s) < 0)
			return cli_error(CLI_USAGE, "%s: %s must be valid UTF-8", cmd, name);
		return 0;
	}
	case CLI_OPT_CONFIG: {
		char key[OPT_NAME_MAX];
		snprintf(key, sizeof key, "%s", name + 2);
		for (char *c = key; *c; c++)
			if (*c == '-')
				*c = '_';
		if (config_set(o->to, key, v, err, sizeof err) < 0)
			return cli_error(CLI_USAGE, "%s: %s", cmd, err);
		return 0;
	}
	}
	return cli_error(CLI_USAGE, "%s: %s cannot be read", cmd, name);
}

/* Whether an option of kind k takes a value. */
static bool takes_value(enum cli_opt_kind k)
{
	return k != CLI_OPT_FLAG && k != CLI_OPT_JSON_CONST;
}

int cli_parse(const char *cmd, int *argc, char **argv, const struct cli_opt *opts, size_t n,
              enum cli_parse_mode mode)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) { /* the rest is positional */
			if (mode == CLI_PARSE_KEEP)
				argv[out++] = argv[i];
			while (++i < *argc)
				argv[out++] = argv[i];
			break;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0' || a[2] == '=') {
			argv[out++] = argv[i];
			continue;
		}
		char name[OPT_NAME_MAX];
		size_t len = strcspn(a, "=");
		const char *v = a[len] == '=' ? a + len + 1 : NULL;
		const struct cli_opt *o = NULL;
		if (len < sizeof name) {
			memcpy(name, a, len);
			name[len] = '\0';
			o = find(opts, n, name);
		}
		if (!o && mode == CLI_PARSE_KEEP) {
			argv[out++] = argv[i];
			continue;
		}
		if (!o) /* named without its value, which may be a secret */
			return cli_error(CLI_USAGE, "%s: unknown option '%.*s'", cmd,
			                 (int)(len > 40 ? 40 : len), a);
		if (!takes_value(o->kind) && v)
			return cli_error(CLI_USAGE, "%s: %s takes no value", cmd, name);
		if (takes_value(o->kind) && !v) {
			if (i + 1 >= *argc)
				return cli_error(CLI_USAGE, "%s: %s needs a value", cmd, name);
			v = argv[++i];
		}
		int rc = apply(cmd, o, name, v);
		if (rc != 0)
			return rc;
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}
