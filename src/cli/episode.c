/*
 * episode.c: `lantern episode` (missing and absent children), `lantern profile`
 * (Philomena-style profile), `lantern deadlines` (escalate due absent episodes, for
 * cron; list deadline sections) and `lantern export` (statutory CSV to standard
 * output). Thin: parse arguments, call src/app/episodes.h, print. JSON in (a file or
 * "-"), JSON out; --as USER acts as a Lantern user, otherwise as the system.
 */
#include "cli/cli.h"
#include "cli/commands.h"
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

static const char EPISODE_USAGE[] =
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

int cli_episode(int argc, char **argv)
{
	struct cli_run r;
	int rc;
	if (!cli_run_begin(&r, &argc, argv, EPISODE_USAGE, &rc))
		return rc;
	const char *cmd = argc > 1 ? argv[1] : "";
	if (argc == 3 && strcmp(cmd, "report") == 0)
		return cli_run_file(&r, argv[2], app_episode_report, NULL);
	if (argc == 3 && strcmp(cmd, "show") == 0)
		return cli_run_id(&r, argv[2], app_episode_get, NULL);
	if (argc == 3 && strcmp(cmd, "list") == 0)
		return cli_run_id(&r, argv[2], app_child_episodes, NULL);
	if (argc >= 3 && strcmp(cmd, "escalate") == 0) {
		static const struct cli_opt opts[] = {{"--reason", "reason"},
		                                      {"--risk", "risk_level"}};
		json_t *in = json_object();
		bool bad_utf8;
		if (cli_opt_pairs(argc, argv, 3, opts, ARRAY_LEN(opts), in, &bad_utf8) != 0) {
			json_decref(in);
			return cli_run_usage(&r, "episode escalate: expected --reason TEXT "
			                         "[--risk LEVEL] (valid UTF-8)");
		}
		return cli_run_id_in(&r, argv[2], in, app_episode_escalate, NULL);
	}
	static const struct cli_write writes[] = {
	        {"return", app_episode_return}, {"safe-and-well", app_safe_and_well},
	        {"interview", interview},       {"forensic", app_forensic_decision},
	        {"risk", app_episode_risk},
	};
	if (cli_run_write(&r, argc, argv, writes, ARRAY_LEN(writes), &rc))
		return rc;
	return cli_run_usage(&r, "episode: unknown or incomplete command (see --help)");
}

static const char PROFILE_USAGE[] =
        "usage: lantern profile show CHILD_ID [--as USER] [--db URL]\n"
        "       lantern profile update CHILD_ID FILE.json\n"
        "       lantern profile print CHILD_ID\n"
        "The Philomena-style profile of a child who goes missing: description, associates,\n"
        "places, phone numbers, social media, photo reference. `print` writes the text to\n"
        "share with police and is audited as a disclosure.\n";

int cli_profile(int argc, char **argv)
{
	struct cli_run r;
	int rc;
	if (!cli_run_begin(&r, &argc, argv, PROFILE_USAGE, &rc))
		return rc;
	struct app_err err = {0};
	if (argc == 3 && strcmp(argv[1], "show") == 0)
		return cli_run_id(&r, argv[2], app_profile_get, NULL);
	if (argc == 3 && strcmp(argv[1], "print") == 0) {
		char *text = NULL;
		rc = app_profile_print(r.db, &r.who, argv[2], &text, &err);
		if (rc == APP_OK)
			fputs(text, stdout);
		free(text);
		return cli_run_done(&r, rc, NULL, &err, NULL);
	}
	if (argc == 4 && strcmp(argv[1], "update") == 0)
		return cli_run_id_file(&r, argv[2], argv[3], app_profile_update, NULL);
	return cli_run_usage(&r, "profile: expected show, update or print (see --help)");
}

static const char DEADLINES_USAGE[] =
        "usage: lantern deadlines run [--at TIME] [--db URL]\n"
        "       lantern deadlines list [--at TIME] [--as USER] [--db URL]\n"
        "`run` escalates every absent episode whose managed timeframe (absent_escalation,\n"
        "default 6h) has passed (R-MISS-4, R-DL-2) and prints what it did; run it from cron.\n"
        "`list` prints the missing-children deadline sections of the work queue (R-DL-1,\n"
        "R-DL-2, R-DL-9). --at sets the clock (ISO 8601 with a zone), for checks.\n";

int cli_deadlines(int argc, char **argv)
{
	struct cli_run r;
	int rc;
	if (!cli_run_begin(&r, &argc, argv, DEADLINES_USAGE, &rc))
		return rc;
	int64_t now = ltime_now();
	if (argc == 4 && strcmp(argv[2], "--at") == 0) {
		if (ltime_parse(argv[3], &now) < 0) {
			return cli_run_usage(&r, "--at must be a date and time with a zone");
		}
		argc = 2;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	if (argc == 2 && strcmp(argv[1], "run") == 0) {
		if (!r.who.system) {
			return cli_run_usage(&r, "deadlines run acts as the system; drop --as");
		}
		rc = app_episodes_escalate_due(r.db, now, r.cfg.absent_escalation, &out, &err);
		return cli_run_done(&r, rc, out, &err, NULL);
	}
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		r.who.now = now;
		rc = app_episode_deadlines(r.db, &r.who, NULL, NULL, &out, &err);
		return cli_run_done(&r, rc, out, &err, NULL);
	}
	return cli_run_usage(&r, "deadlines: expected `run` or `list` (see --help)");
}

static const char EXPORT_USAGE[] =
        "usage: lantern export ssda903 --from YYYY-MM-DD --to YYYY-MM-DD [--as USER] [--db URL]\n"
        "       lantern export annex-a --from YYYY-MM-DD --to YYYY-MM-DD\n"
        "Writes the statutory CSV to standard output: the SSDA903 missing table for\n"
        "looked-after children, or the Annex A missing and return interview columns. Each\n"
        "export is audited.\n";

int cli_export(int argc, char **argv)
{
	struct cli_run r;
	int rc;
	if (!cli_run_begin(&r, &argc, argv, EXPORT_USAGE, &rc))
		return rc;
	const char *from = NULL, *to = NULL;
	for (int i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--from") == 0)
			from = argv[i + 1];
		else if (strcmp(argv[i], "--to") == 0)
			to = argv[i + 1];
		else
			from = to = NULL, i = argc;
	}
	bool ssda = argc == 6 && strcmp(argv[1], "ssda903") == 0;
	bool annex = argc == 6 && strcmp(argv[1], "annex-a") == 0;
	if ((!ssda && !annex) || !from || !to) {
		return cli_run_usage(&r,
		                     "export: expected ssda903 or annex-a with --from and --to");
	}
	struct app_err err = {0};
	char *csv = NULL;
	rc = ssda ? app_export_ssda903(r.db, &r.who, from, to, &csv, &err)
	          : app_export_annex_a(r.db, &r.who, from, to, &csv, &err);
	if (rc == APP_OK)
		fputs(csv, stdout);
	free(csv);
	return cli_run_done(&r, rc, NULL, &err, NULL);
}
