/*
 * episode.c: `lantern episode` (missing and absent children), `lantern profile`
 * (the missing person profile), `lantern deadlines` (escalate due absent episodes, for
 * cron; list deadline sections) and `lantern export` (statutory CSV to standard
 * output). Thin: parse arguments, call src/app/episodes.h, print. JSON in (a file or
 * "-"), JSON out; --as USER acts as a Lantern user, otherwise as the system.
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run.h"

#include "app/episode_deadlines.h"
#include "app/episode_return.h"
#include "app/episodes.h"
#include "app/exports.h"
#include "app/forensic.h"
#include "app/profile.h"
#include "util/ltime.h"

/* `interview ID FILE`: an offer unless the file gives a later status. */
static int interview(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	const char *st = json_string_value(json_object_get(in, "status"));
	if (!st || strcmp(st, "offered") == 0)
		return app_return_interview_offer(db, who, id, in, out, err);
	return app_return_interview_record(db, who, id, in, out, err);
}

const char CLI_EPISODE_USAGE[] =
        "usage: lantern episode report FILE.json [--as USER] [--db URL]\n"
        "       lantern episode show ID\n"
        "       lantern episode list CHILD_ID\n"
        "       lantern episode return ID FILE.json\n"
        "       lantern episode safe-and-well ID FILE.json\n"
        "       lantern episode interview ID FILE.json   (status offered, accepted, declined,\n"
        "                                                 completed)\n"
        "       lantern episode forensic ID FILE.json\n"
        "       lantern episode risk ID FILE.json\n"
        "       lantern episode escalate ID --reason TEXT [--risk LEVEL]\n"
        "Reports and follows a child missing or absent (R-MISS-1..10). FILE is a JSON object\n"
        "('-' reads standard input); output is JSON. An 'absent' report that R-MISS-2/3\n"
        "forbid is refused unless the file sets \"auto_correct\": true.\n";

int cli_episode(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "escalate") == 0) {
		json_t *in = json_object();
		const struct cli_opt opts[] = {CLI_JSON("--reason", in, "reason"),
		                               CLI_JSON("--risk", in, "risk_level")};
		int rc = cli_parse("episode escalate", &argc, argv, opts, ARRAY_LEN(opts),
		                   CLI_PARSE_STRICT);
		if (rc == CLI_OK && argc != 3)
			rc = cli_error(
			        CLI_USAGE,
			        "episode escalate: expected ID --reason TEXT [--risk LEVEL]");
		if (rc != CLI_OK) {
			json_decref(in);
			return rc;
		}
		return cli_use(c, app_episode_escalate, argv[2], in, NULL);
	}
	if (cli_parse("episode", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	const char *cmd = argc > 1 ? argv[1] : "";
	if (argc == 3 && strcmp(cmd, "report") == 0)
		return cli_use_file(c, app_episode_report, NULL, argv[2], NULL);
	if (argc == 3 && strcmp(cmd, "show") == 0)
		return cli_use(c, app_episode_get, argv[2], NULL, NULL);
	if (argc == 3 && strcmp(cmd, "list") == 0)
		return cli_use(c, app_child_episodes, argv[2], NULL, NULL);
	static const struct cli_write writes[] = {
	        {"return", app_episode_return}, {"safe-and-well", app_safe_and_well},
	        {"interview", interview},       {"forensic", app_forensic_decision},
	        {"risk", app_episode_risk},
	};
	int rc;
	if (cli_use_write(c, argc, argv, writes, ARRAY_LEN(writes), &rc))
		return rc;
	return cli_error(CLI_USAGE, "episode: unknown or incomplete command (see --help)");
}

const char CLI_PROFILE_USAGE[] =
        "usage: lantern profile show CHILD_ID [--as USER] [--db URL]\n"
        "       lantern profile update CHILD_ID FILE.json\n"
        "       lantern profile print CHILD_ID\n"
        "The missing person profile of a child who goes missing: description, associates,\n"
        "places, phone numbers, social media, photo reference. `print` writes the text to\n"
        "share with police and is audited as a disclosure.\n";

int cli_profile(struct cli_ctx *c, int argc, char **argv)
{
	if (cli_parse("profile", &argc, argv, NULL, 0, CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_use(c, app_profile_get, argv[2], NULL, NULL);
	if (argc == 3 && strcmp(argv[1], "print") == 0) {
		struct app_err err = {0};
		char *text = NULL;
		int rc = app_profile_print(c->db, &c->who, argv[2], &text, &err);
		if (rc == APP_OK)
			fputs(text, stdout);
		free(text);
		return cli_done(c, rc, NULL, &err, NULL);
	}
	if (argc == 4 && strcmp(argv[1], "update") == 0)
		return cli_use_file(c, app_profile_update, argv[2], argv[3], NULL);
	return cli_error(CLI_USAGE, "profile: expected show, update or print (see --help)");
}

const char CLI_DEADLINES_USAGE[] =
        "usage: lantern deadlines run [--at TIME] [--db URL]\n"
        "       lantern deadlines list [--at TIME] [--as USER] [--db URL]\n"
        "`run` escalates every absent episode whose managed timeframe (absent_escalation,\n"
        "default 6h) has passed (R-MISS-4, R-DL-2) and prints what it did; run it from cron.\n"
        "`list` prints the missing-children deadline sections of the work queue (R-DL-1,\n"
        "R-DL-2, R-DL-9). --at sets the clock (ISO 8601 with a zone), for checks.\n";

/* Reads `deadlines run|list [--at TIME]` into *now (the real time without --at).
 * CLI_OK, or CLI_USAGE with the message printed. */
static int deadlines_args(int *argc, char **argv, int64_t *now)
{
	const char *at = NULL;
	const struct cli_opt opts[] = {CLI_STRING("--at", &at)};
	if (cli_parse("deadlines", argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	if (*argc != 2)
		return cli_error(CLI_USAGE, "deadlines: expected `run` or `list` (see --help)");
	*now = ltime_now();
	if (at && ltime_parse(at, now) < 0)
		return cli_error(CLI_USAGE, "--at must be a date and time with a zone");
	return CLI_OK;
}

int cli_deadlines_run(struct cli_ctx *c, int argc, char **argv)
{
	int64_t now;
	int rc = deadlines_args(&argc, argv, &now);
	if (rc != CLI_OK)
		return rc;
	struct app_err err = {0};
	json_t *out = NULL;
	rc = app_episodes_escalate_due(c->db, now, c->cfg.absent_escalation, &out, &err);
	return cli_done(c, rc, out, &err, NULL);
}

int cli_deadlines_list(struct cli_ctx *c, int argc, char **argv)
{
	int rc = deadlines_args(&argc, argv, &c->who.now);
	if (rc != CLI_OK)
		return rc;
	return cli_use(c, app_episode_deadlines, NULL, NULL, NULL);
}

int cli_deadlines(struct cli_ctx *c, int argc, char **argv)
{
	return cli_error(CLI_USAGE, "deadlines: expected `run` or `list` (see --help)");
}

const char CLI_EXPORT_USAGE[] =
        "usage: lantern export ssda903 --from YYYY-MM-DD --to YYYY-MM-DD [--as USER] [--db URL]\n"
        "       lantern export annex-a --from YYYY-MM-DD --to YYYY-MM-DD\n"
        "       lantern export children [--as USER]\n"
        "Writes the statutory CSV to standard output: the SSDA903 missing table for\n"
        "looked-after children, or the Annex A missing and return interview columns. Each\n"
        "export is audited. `export children` writes the children (all, or those --as USER\n"
        "sees) with the columns `lantern import children` reads.\n";

int cli_export(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "children") == 0) /* src/cli/imports.c */
		return cli_export_children(c, argc, argv);
	const char *from = NULL, *to = NULL;
	const struct cli_opt opts[] = {CLI_STRING("--from", &from), CLI_STRING("--to", &to)};
	if (cli_parse("export", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT) != CLI_OK)
		return CLI_USAGE;
	bool ssda = argc == 2 && strcmp(argv[1], "ssda903") == 0;
	bool annex = argc == 2 && strcmp(argv[1], "annex-a") == 0;
	if ((!ssda && !annex) || !from || !to)
		return cli_error(
		        CLI_USAGE,
		        "export: expected children, or ssda903 or annex-a with --from and --to");
	struct app_err err = {0};
	char *csv = NULL;
	int rc = ssda ? app_export_ssda903(c->db, &c->who, from, to, &csv, &err)
	              : app_export_annex_a(c->db, &c->who, from, to, &csv, &err);
	if (rc == APP_OK)
		fputs(csv, stdout);
	free(csv);
	return cli_done(c, rc, NULL, &err, NULL);
}
