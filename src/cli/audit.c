/*
 * audit.c: `lantern audit`: verify the audit log's hash chain, and make and check signed
 * checkpoints that also prove the newest events were not cut off (app/system.h).
 */
#include "cli/cli.h"
#include "cli/commands.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/system.h"
#include "util/ltime.h"

static const char USAGE[] =
        "usage: lantern audit verify [--public-key FILE --checkpoints FILE] [--db URL]\n"
        "       lantern audit keygen --secret-key FILE --public-key FILE\n"
        "       lantern audit checkpoint --secret-key FILE [--db URL]\n"
        "verify: checks that no audit event was edited, deleted, inserted or reordered, and,\n"
        "  with a public key and a file of checkpoint lines, that every checkpointed event is\n"
        "  still there unchanged (so the log was not cut short). Exit 0 when intact, 1 when\n"
        "  not (the first problem is named).\n"
        "keygen: makes an Ed25519 key pair for checkpoints. Keep the secret key away from the\n"
        "  database and its backups.\n"
        "checkpoint: prints one signed line for the newest event; append it to storage that\n"
        "  is not on this machine, e.g. from cron.\n";

/* Value of "--name VALUE" in argv (after the subcommand), or NULL. */
static const char *flag(int argc, char **argv, const char *name)
{
	for (int i = 2; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* Every argument after the subcommand is a known "--name VALUE" pair. */
static bool only_flags(int argc, char **argv, const char *const *names)
{
	for (int i = 2; i < argc; i += 2) {
		bool known = false;
		for (const char *const *n = names; *n; n++)
			known |= strcmp(argv[i], *n) == 0;
		if (!known || i + 1 >= argc)
			return false;
	}
	return true;
}

/* Reads the first line of a small key file (hex). */
static int read_key(const char *path, char *out, size_t n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return cli_error(CLI_FAIL, "cannot read %s: %s", path, strerror(errno));
	bool ok = fgets(out, (int)n, f) != NULL;
	fclose(f);
	if (!ok)
		return cli_error(CLI_USAGE, "%s is empty", path);
	out[strcspn(out, "\r\n")] = '\0';
	return CLI_OK;
}

/* Writes text to a new file with the given mode; refuses to overwrite. */
static int write_new(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return cli_error(errno == EEXIST ? CLI_USAGE : CLI_FAIL, "cannot create %s: %s",
		                 path, strerror(errno));
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	ok = close(fd) == 0 && ok;
	return ok ? CLI_OK : cli_error(CLI_FAIL, "cannot write %s", path);
}

static int keygen(int argc, char **argv)
{
	static const char *const names[] = {"--secret-key", "--public-key", NULL};
	const char *sk_path = flag(argc, argv, "--secret-key");
	const char *pk_path = flag(argc, argv, "--public-key");
	if (!only_flags(argc, argv, names) || !sk_path || !pk_path)
		return cli_error(CLI_USAGE,
		                 "audit keygen: needs --secret-key FILE and --public-key FILE");
	char pk[APP_AUDIT_PK_HEX], sk[APP_AUDIT_SK_HEX];
	if (app_audit_keygen(pk, sk) < 0)
		return cli_error(CLI_FAIL, "cannot make a key pair");
	int rc = write_new(sk_path, sk, 0600);
	sodium_memzero(sk, sizeof sk);
	if (rc == CLI_OK)
		rc = write_new(pk_path, pk, 0644);
	if (rc == CLI_OK)
		printf("checkpoint keys written: secret %s (keep it off this machine's backups), "
		       "public %s\n",
		       sk_path, pk_path);
	return rc;
}

static int checkpoint(struct db *db, int argc, char **argv)
{
	static const char *const names[] = {"--secret-key", NULL};
	const char *sk_path = flag(argc, argv, "--secret-key");
	if (!only_flags(argc, argv, names) || !sk_path)
		return cli_error(CLI_USAGE, "audit checkpoint: needs --secret-key FILE");
	char sk[APP_AUDIT_SK_HEX + 8], line[APP_AUDIT_CHECKPOINT_LINE];
	int rc = read_key(sk_path, sk, sizeof sk);
	if (rc != CLI_OK)
		return rc;
	rc = app_audit_checkpoint_make(db, sk, ltime_now(), line, sizeof line);
	sodium_memzero(sk, sizeof sk);
	if (rc == -100)
		return cli_error(CLI_USAGE, "%s is not a checkpoint secret key", sk_path);
	if (rc == 1)
		return cli_error(CLI_USAGE, "the audit log is empty: nothing to checkpoint");
	if (rc != 0)
		return cli_error(CLI_FAIL, "cannot read the audit log");
	puts(line);
	return CLI_OK;
}

static int verify(struct db *db, int argc, char **argv)
{
	static const char *const names[] = {"--public-key", "--checkpoints", NULL};
	const char *pk_path = flag(argc, argv, "--public-key");
	const char *cp_path = flag(argc, argv, "--checkpoints");
	if (!only_flags(argc, argv, names) || (!pk_path != !cp_path))
		return cli_error(CLI_USAGE,
		                 "audit verify: --public-key and --checkpoints go together");
	struct app_audit_check r;
	int rc = app_audit_verify(db, &r);
	if (rc < 0)
		return cli_error(CLI_FAIL, "cannot read the audit log");
	if (rc == 1) {
		printf("audit chain BROKEN after %lld event(s): %s\n", (long long)r.events,
		       r.problem);
		return CLI_FAIL;
	}
	printf("audit chain intact: %lld event(s)\n", (long long)r.events);
	if (!pk_path)
		return CLI_OK;
	char pk[APP_AUDIT_PK_HEX + 8];
	if ((rc = read_key(pk_path, pk, sizeof pk)) != CLI_OK)
		return rc;
	FILE *f = fopen(cp_path, "r");
	if (!f)
		return cli_error(CLI_FAIL, "cannot read %s: %s", cp_path, strerror(errno));
	char line[APP_AUDIT_CHECKPOINT_LINE + 2], problem[200];
	int checked = 0, lineno = 0, code = CLI_OK;
	while (code == CLI_OK && fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '\n' || line[0] == '#')
			continue;
		rc = app_audit_checkpoint_check(db, pk, line, problem, sizeof problem);
		if (rc == 1) {
			printf("audit log BROKEN: %s\n", problem);
			code = CLI_FAIL;
		} else if (rc < 0) {
			code = cli_error(rc == -2 ? CLI_USAGE : CLI_FAIL, "%s:%d: %s", cp_path,
			                 lineno, problem);
		} else {
			checked++;
		}
	}
	fclose(f);
	if (code == CLI_OK)
		printf("checkpoints hold: %d signed checkpoint(s) match the log\n", checked);
	return code;
}

int cli_audit(int argc, char **argv)
{
	if (cli_wants_help(argc, argv, USAGE))
		return CLI_OK;
	struct config cfg;
	int rc = cli_config(&cfg);
	if (rc == CLI_OK)
		rc = cli_common_flags(&cfg, &argc, argv, NULL);
	if (rc != CLI_OK)
		return rc;
	if (argc >= 2 && strcmp(argv[1], "keygen") == 0)
		return keygen(argc, argv);
	bool is_verify = argc >= 2 && strcmp(argv[1], "verify") == 0;
	bool is_checkpoint = argc >= 2 && strcmp(argv[1], "checkpoint") == 0;
	if (!is_verify && !is_checkpoint)
		return cli_error(CLI_USAGE, "audit: expected `verify`, `keygen` or `checkpoint`");
	struct db *db;
	if ((rc = cli_open_db(&cfg, false, false, &db)) != CLI_OK)
		return rc;
	/* view events a server left waiting in its view log join the chain first, so
	 * verification and checkpoints cover every event there is */
	long moved = 0;
	struct app_err err;
	if (app_viewlog_fold(db, &moved, &err) != APP_OK) {
		rc = cli_error(CLI_FAIL, "cannot move waiting view events into the audit log: %s",
		               err.message);
		app_database_close(db);
		return rc;
	}
	if (moved)
		printf("moved %ld waiting view event(s) into the audit log\n", moved);
	rc = is_verify ? verify(db, argc, argv) : checkpoint(db, argc, argv);
	app_database_close(db);
	return rc;
}
