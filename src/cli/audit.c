/*
 * audit.c: `lantern audit`: verify the audit log's hash chain, and make and check signed
 * checkpoints that also prove the newest events were not cut off (app/system.h).
 */
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/system.h"
#include "util/ltime.h"

const char CLI_AUDIT_USAGE[] =
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

/* Reads the options of `audit SUB` into the n opts: CLI_OK, or CLI_USAGE with the
 * message printed (an unknown option, or an argument that is not one). */
static int audit_args(const char *cmd, int argc, char **argv, const struct cli_opt *opts, size_t n)
{
	int rc = cli_parse(cmd, &argc, argv, opts, n, CLI_PARSE_STRICT);
	if (rc == CLI_OK && argc != 2)
		rc = cli_error(CLI_USAGE, "%s: unexpected argument '%.40s'", cmd, argv[2]);
	return rc;
}

/* View events a server left waiting in its view log join the chain first, so that
 * verification and checkpoints cover every event there is. */
static int fold(struct db *db)
{
	long moved = 0;
	struct app_err err;
	if (app_viewlog_fold(db, &moved, &err) != APP_OK)
		return cli_error(CLI_FAIL, "cannot move waiting view events into the audit log: %s",
		                 err.message);
	if (moved)
		printf("moved %ld waiting view event(s) into the audit log\n", moved);
	return CLI_OK;
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

int cli_audit_keygen(struct cli_ctx *c, int argc, char **argv)
{
	const char *sk_path = NULL, *pk_path = NULL;
	const struct cli_opt opts[] = {CLI_STRING("--secret-key", &sk_path),
	                               CLI_STRING("--public-key", &pk_path)};
	int rc = audit_args("audit keygen", argc, argv, opts, ARRAY_LEN(opts));
	if (rc != CLI_OK)
		return rc;
	if (!sk_path || !pk_path)
		return cli_error(CLI_USAGE,
		                 "audit keygen: needs --secret-key FILE and --public-key FILE");
	char pk[APP_AUDIT_PK_HEX], sk[APP_AUDIT_SK_HEX];
	if (app_audit_keygen(pk, sk) < 0)
		return cli_error(CLI_FAIL, "cannot make a key pair");
	rc = write_new(sk_path, sk, 0600);
	sodium_memzero(sk, sizeof sk);
	if (rc == CLI_OK)
		rc = write_new(pk_path, pk, 0644);
	if (rc == CLI_OK)
		printf("checkpoint keys written: secret %s (keep it off this machine's backups), "
		       "public %s\n",
		       sk_path, pk_path);
	return rc;
}

int cli_audit_checkpoint(struct cli_ctx *c, int argc, char **argv)
{
	const char *sk_path = NULL;
	const struct cli_opt opts[] = {CLI_STRING("--secret-key", &sk_path)};
	int rc = fold(c->db);
	if (rc == CLI_OK)
		rc = audit_args("audit checkpoint", argc, argv, opts, ARRAY_LEN(opts));
	if (rc != CLI_OK)
		return rc;
	if (!sk_path)
		return cli_error(CLI_USAGE, "audit checkpoint: needs --secret-key FILE");
	char sk[APP_AUDIT_SK_HEX + 8], line[APP_AUDIT_CHECKPOINT_LINE];
	if ((rc = read_key(sk_path, sk, sizeof sk)) != CLI_OK)
		return rc;
	rc = app_audit_checkpoint_make(c->db, sk, ltime_now(), line, sizeof line);
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

int cli_audit_verify(struct cli_ctx *c, int argc, char **argv)
{
	const char *pk_path = NULL, *cp_path = NULL;
	const struct cli_opt opts[] = {CLI_STRING("--public-key", &pk_path),
	                               CLI_STRING("--checkpoints", &cp_path)};
	int rc = fold(c->db);
	if (rc == CLI_OK)
		rc = audit_args("audit verify", argc, argv, opts, ARRAY_LEN(opts));
	if (rc != CLI_OK)
		return rc;
	if (!pk_path != !cp_path)
		return cli_error(CLI_USAGE,
		                 "audit verify: --public-key and --checkpoints go together");
	struct app_audit_check r;
	rc = app_audit_verify(c->db, &r);
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
		rc = app_audit_checkpoint_check(c->db, pk, line, problem, sizeof problem);
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

int cli_audit(struct cli_ctx *c, int argc, char **argv)
{
	return cli_error(CLI_USAGE, "audit: expected `verify`, `keygen` or `checkpoint`");
}
