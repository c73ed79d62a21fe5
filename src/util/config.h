/*
 * config.h: Lantern's settings. Sources, later ones winning: built-in defaults, the
 * file (`lantern.conf`, lines of `key = value`, `#` comments, blank lines), environment
 * variables (LANTERN_<KEY> upper-cased, e.g. LANTERN_DB), then command-line flags
 * (--db, --listen...). Every value is validated when set; an unknown key, a bad value
 * or a malformed line is an error naming the line or key (and never echoing a secret).
 */
#ifndef LANTERN_CONFIG_H
#define LANTERN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_STR_MAX 512

struct config {
	char db[CONFIG_STR_MAX];       /* database URL: sqlite:PATH or postgresql://... */
	char listen[64];               /* host:port to serve on */
	char tls_cert[CONFIG_STR_MAX]; /* PEM certificate; with tls_key, serve HTTPS */
	char tls_key[CONFIG_STR_MAX];
	char static_dir[CONFIG_STR_MAX]; /* CSS/JS/images directory */
	int64_t session_idle;            /* seconds; default 15 min */
	int64_t session_absolute;        /* seconds; default 12 h */
	int64_t absent_escalation;       /* seconds; default 6 h (R-MISS-4) */
	int threads;                     /* HTTP worker threads */
	int view_cache_mb;               /* memory for kept record views (app/viewcache.h) */
	bool behind_proxy;               /* trust X-Forwarded-Proto/For from loopback proxy */
	bool secure_cookies;             /* send cookies with Secure (default on) */
	int log_level;                   /* 0 debug .. 3 error */
	char meeting_name[8];            /* MASE or MACE (R-MASE-1); default MASE */
};

void config_defaults(struct config *c);
/* Sets one key from text. Returns 0, or -1 with a message in err. */
int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen);
/* Reads a file. A missing file is an error only when `required`. */
int config_load_file(struct config *c, const char *path, bool required, char *err, size_t errlen);
/* Applies LANTERN_* environment variables. */
int config_apply_env(struct config *c, char *err, size_t errlen);
/* Returns true if `key` names a setting (for flag parsing). */
bool config_has_key(const char *key);

#endif
