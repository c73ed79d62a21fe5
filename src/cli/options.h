/*
 * options.h: the one option parser of the `lantern` command. main() uses it for the
 * options every command shares (--db, --as, --json), and each command for its own, from
 * a table of struct cli_opt built where the values are wanted.
 *
 * Options are long: "--name VALUE" or "--name=VALUE" (a flag takes no value). They may
 * come before, between or after the positional arguments, which keep their order. "--"
 * ends the options: what follows is positional. A value may be anything, "-" and text
 * starting with "-" included, and is never echoed in an error (which names the option).
 */
#ifndef LANTERN_CLI_OPTIONS_H
#define LANTERN_CLI_OPTIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

enum cli_opt_kind {
	CLI_OPT_FLAG,       /* --name: *(bool *)to = true */
	CLI_OPT_STRING,     /* --name VALUE: *(const char **)to = VALUE (the last one given) */
	CLI_OPT_INT,        /* --name N: *(int64_t *)to, a whole number in [min, max] */
	CLI_OPT_JSON,       /* --name VALUE: the string member `key` of the object (json_t *)to */
	CLI_OPT_JSON_INT,   /* --name N: the integer member `key` (N in [min, max]) */
	CLI_OPT_JSON_CONST, /* --name: the string member `key` set to `value` */
	CLI_OPT_JSON_LIST,  /* --name VALUE, repeatable: appended to the array member `key` */
	CLI_OPT_CONFIG,     /* --KEY VALUE for any setting KEY of the struct config *to
	                     * (dashes as underscores); at most one, matched last */
};

struct cli_opt {
	const char *name; /* "--seed" (unused for CLI_OPT_CONFIG) */
	enum cli_opt_kind kind;
	void *to;
	const char *key;   /* the JSON member, for the JSON kinds */
	int64_t min, max;  /* the range, for the number kinds */
	const char *value; /* CLI_OPT_JSON_CONST: the text set */
	const char *what;  /* the number kinds: what the value must be, for the error
	                    * ("--category must be 1, 2 or 3"); NULL: the range */
};

/* Rows of an option table. */
/* clang-format off */
#define CLI_FLAG(n, p) {.name = n, .kind = CLI_OPT_FLAG, .to = (p)}
#define CLI_STRING(n, p) {.name = n, .kind = CLI_OPT_STRING, .to = (p)}
#define CLI_INT(n, p, lo, hi, w) \
	{.name = n, .kind = CLI_OPT_INT, .to = (p), .min = (lo), .max = (hi), .what = w}
#define CLI_JSON(n, obj, k) {.name = n, .kind = CLI_OPT_JSON, .to = (obj), .key = k}
#define CLI_JSON_INT(n, obj, k, lo, hi, w) \
	{.name = n, .kind = CLI_OPT_JSON_INT, .to = (obj), .key = k, .min = (lo), .max = (hi), \
	 .what = w}
#define CLI_JSON_CONST(n, obj, k, v) \
	{.name = n, .kind = CLI_OPT_JSON_CONST, .to = (obj), .key = k, .value = v}
#define CLI_JSON_LIST(n, obj, k) {.name = n, .kind = CLI_OPT_JSON_LIST, .to = (obj), .key = k}
#define CLI_CONFIG_KEYS(cfg) {.name = "", .kind = CLI_OPT_CONFIG, .to = (cfg)}
/* clang-format on */

/* What cli_parse does with an option that is not in the table. */
enum cli_parse_mode {
	CLI_PARSE_STRICT, /* an error; "--" is dropped and ends the options */
	CLI_PARSE_KEEP,   /* kept in argv for a later parse, as are "--" and all after it */
};

/*
 * Parses the options of argv[1..*argc) (argv[0] is the command) with the n opts,
 * removing those it reads and keeping the rest in order; *argc is updated and
 * argv[*argc] is NULL. Returns 0, or CLI_USAGE after printing "lantern: CMD: ..." for an
 * unknown option (CLI_PARSE_STRICT), an option without its value, a flag given a value,
 * a number out of range, or text that is not valid UTF-8 for a JSON member.
 */
int cli_parse(const char *cmd, int *argc, char **argv, const struct cli_opt *opts, size_t n,
              enum cli_parse_mode mode);

#endif
