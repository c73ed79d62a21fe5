/*
 * config.c: a table of settings, each with a type and limits, so that file, environment
 * and flags share one validator (see config.h).
 */
#include "util/config.h"

#include <ctype.h>
#include <errno.h>

#include "util/ltime.h"
#include "util/parse.h"

enum ctype { C_STR, C_DURATION, C_INT, C_BOOL, C_LEVEL };

struct ckey {
	const char *name;
	enum ctype type;
	size_t off;
	size_t size; /* for strings */
	int64_t min, max;
};

#define STR(k)                                                                                     \
	{                                                                                          \
#k, C_STR, offsetof(struct config, k), sizeof(((struct config *)0)->k), 0, 0       \
	}
static const struct ckey keys[] = {
        STR(db),
        STR(listen),
        STR(tls_cert),
        STR(tls_key),
        STR(static_dir),
        STR(meeting_name),
        {"session_idle", C_DURATION, offsetof(struct config, session_idle), 0, 60, 24 * 3600},
        {"session_absolute", C_DURATION, offsetof(struct config, session_absolute), 0, 300,
         7 * 24 * 3600},
        {"absent_escalation", C_DURATION, offsetof(struct config, absent_escalation), 0, 60,
         7 * 24 * 3600},
        {"threads", C_INT, offsetof(struct config, threads), 0, 1, 256},
        {"view_cache_mb", C_INT, offsetof(struct config, view_cache_mb), 0, 0, 65536},
        {"behind_proxy", C_BOOL, offsetof(struct config, behind_proxy), 0, 0, 0},
        {"secure_cookies", C_BOOL, offsetof(struct config, secure_cookies), 0, 0, 0},
        {"log_level", C_LEVEL, offsetof(struct config, log_level), 0, 0, 3},
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->db, sizeof c->db, "sqlite:var/lantern.db");
	snprintf(c->listen, sizeof c->listen, "127.0.0.1:8080");
	snprintf(c->static_dir, sizeof c->static_dir, "static");
	snprintf(c->meeting_name, sizeof c->meeting_name, "MASE");
	c->session_idle = 15 * 60;
	c->session_absolute = 12 * 3600;
	c->absent_escalation = 6 * 3600;
	c->threads = 4;
	c->view_cache_mb = 64;
	c->behind_proxy = false;
	c->secure_cookies = true;
	c->log_level = 1;
}

static const struct ckey *find_key(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (strcmp(keys[i].name, key) == 0)
			return &keys[i];
	return NULL;
}

bool config_has_key(const char *key)
{
	return find_key(key) != NULL;
}

int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen)
{
	const struct ckey *k = find_key(key);
	char *base = (char *)c + (k ? k->off : 0);
	if (!k) {
		snprintf(err, errlen, "unknown setting '%.64s'", key);
		return -1;
	}
	switch (k->type) {
	case C_STR:
		if (strlen(value) >= k->size || !text_ok(value, k->size, false)) {
			snprintf(err, errlen, "setting '%s': value too long or not plain text",
			         k->name);
			return -1;
		}
		if (strcmp(k->name, "meeting_name") == 0 && strcmp(value, "MASE") != 0 &&
		    strcmp(value, "MACE") != 0) { /* R-MASE-1 */
			snprintf(err, errlen, "setting 'meeting_name': expected MASE or MACE");
			return -1;
		}
		snprintf(base, k->size, "%s", value);
		return 0;
	case C_DURATION: {
		int64_t v;
		if (ltime_parse_duration(value, &v) < 0 || v < k->min || v > k->max) {
			snprintf(err, errlen,
			         "setting '%s': expected a duration such as 15m, 6h or 2d "
			         "between %llds and %llds",
			         k->name, (long long)k->min, (long long)k->max);
			return -1;
		}
		*(int64_t *)(void *)base = v;
		return 0;
	}
	case C_INT: {
		int v;
		if (parse_int(value, (int)k->min, (int)k->max, &v) < 0) {
			snprintf(err, errlen,
			         "setting '%s': expected a whole number from %lld to %lld", k->name,
			         (long long)k->min, (long long)k->max);
			return -1;
		}
		*(int *)(void *)base = v;
		return 0;
	}
	case C_BOOL: {
		bool v;
		if (parse_bool(value, &v) < 0) {
			snprintf(err, errlen, "setting '%s': expected true or false", k->name);
			return -1;
		}
		*(bool *)(void *)base = v;
		return 0;
	}
	case C_LEVEL: {
		static const char *lv[] = {"debug", "info", "warn", "error"};
		for (int i = 0; i < 4; i++)
			if (strcmp(value, lv[i]) == 0) {
				*(int *)(void *)base = i;
				return 0;
			}
		snprintf(err, errlen, "setting '%s': expected debug, info, warn or error", k->name);
		return -1;
	}
	}
	return -1;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

/*
 * Applies every line of the file at `path` to `c`, or (on any error, including a read
 * error part way through) nothing. A missing file is not an error unless `required`.
 */
int config_load_file(struct config *c, const char *path, bool required, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (!required && errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read config file %s: %s", path, strerror(errno));
		return -1;
	}
	struct config tmp = *c; /* apply all or nothing */
	char line[2048];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line too long", path, lineno);
			rc = -1;
			break;
		}
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1);
		char e[256];
		if (config_set(&tmp, key, val, e, sizeof e) < 0) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, e);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		/* a read error (or a directory) is not a short file: apply nothing */
		snprintf(err, errlen, "cannot read config file %s: %s", path, strerror(errno));
		rc = -1;
	}
	fclose(f);
	if (rc == 0)
		*c = tmp;
	return rc;
}

int config_apply_env(struct config *c, char *err, size_t errlen)
{
	struct config tmp = *c;
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		char name[64] = "LANTERN_";
		size_t n = strlen(name);
		for (const char *p = keys[i].name; *p && n + 1 < sizeof name; p++)
			name[n++] = (char)toupper((unsigned char)*p);
		name[n] = '\0';
		const char *v = getenv(name);
		if (!v)
			continue;
		char e[256];
		if (config_set(&tmp, keys[i].name, v, e, sizeof e) < 0) {
			snprintf(err, errlen, "environment %s: %s", name, e);
			return -1;
		}
	}
	*c = tmp;
	return 0;
}
