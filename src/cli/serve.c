/*
 * serve.c: `lantern serve`: the web application and JSON API over HTTP(S) until
 * SIGINT or SIGTERM. Takes any setting as a flag over the configuration main() read,
 * checks the database exists and is fully migrated, opens the server's per-thread
 * connections (the server's own, so main() opens none for it), compiles every template
 * (a broken template stops it here, not on a request), then serves and logs one line
 * per request.
 */
#include "cli/cli.h"
#include "app/mase.h"
#include "app/scheduler.h"
#include "app/system.h"
#include "app/viewcache.h"
#include "cli/commands.h"
#include "cli/options.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "util/log.h"
#include "web/webapp.h"
#include "web/auth.h"
#include "web/server.h"
#include "web/static.h"

const char CLI_SERVE_USAGE[] =
        "usage: lantern serve [--db URL] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]\n"
        "                     [--threads N] [--static-dir DIR] [--secure-cookies true|false]\n"
        "                     [--behind-proxy true|false]\n"
        "Serves Lantern's pages and JSON API (default 127.0.0.1:8080). With --tls-cert and\n"
        "--tls-key it serves HTTPS only. Any setting of lantern.conf may be given as a flag\n"
        "(--session-idle 900). The static files (CSS, JavaScript) are found in ./static,\n"
        "beside the binary or under the install prefix unless --static-dir says where.\n"
        "--secure-cookies false is for plain HTTP on a loopback\n"
        "address only (refused elsewhere): browsers do not send Secure cookies over http://.\n"
        "Stops cleanly on SIGINT/SIGTERM.\n";

/* Applies every "--key value" / "--key=value" flag whose key (dashes as underscores)
 * is a config setting. Returns CLI_OK or CLI_USAGE (the message printed). */
static int apply_flags(struct config *cfg, int argc, char **argv)
{
	const struct cli_opt opts[] = {CLI_CONFIG_KEYS(cfg)};
	int rc = cli_parse("serve", &argc, argv, opts, ARRAY_LEN(opts), CLI_PARSE_STRICT);
	if (rc == CLI_OK && argc > 1)
		rc = cli_error(CLI_USAGE, "serve: unexpected argument '%.40s'", argv[1]);
	return rc;
}

/* True if the listen address is 127.0.0.0/8 or ::1. */
static bool listen_is_loopback(const char *listen)
{
	struct sockaddr_storage ss;
	bool v6 = false;
	if (server_parse_listen(listen, &ss, sizeof ss, &v6) < 0)
		return false;
	if (v6)
		return IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)&ss)->sin6_addr);
	return (ntohl(((struct sockaddr_in *)&ss)->sin_addr.s_addr) >> 24) == 127;
}

int cli_serve(struct cli_ctx *c, int argc, char **argv)
{
	struct config cfg = c->cfg;
	int rc = apply_flags(&cfg, argc, argv);
	if (rc != CLI_OK)
		return rc;
	log_set_level((enum log_level)cfg.log_level);
	struct sockaddr_storage probe;
	bool v6;
	if (server_parse_listen(cfg.listen, &probe, sizeof probe, &v6) < 0)
		return cli_error(CLI_USAGE, "serve: listen must be HOST:PORT, e.g. 127.0.0.1:8080");
	if (!cfg.secure_cookies && !listen_is_loopback(cfg.listen))
		return cli_error(CLI_USAGE,
		                 "serve: secure_cookies=false is allowed only on a loopback "
		                 "address (plain HTTP on this machine)");

	/* the CSS, JavaScript and images: found wherever serve is started from */
	char static_err[400];
	if (static_dir_resolve(cfg.static_dir, cfg.static_dir, sizeof cfg.static_dir, static_err,
	                       sizeof static_err) < 0)
		return cli_error(CLI_FAIL, "serve: %s", static_err);

	/* Checks the database exists and is migrated, on this thread's connection. */
	struct db *check;
	if ((rc = cli_open_db(&cfg, false, false, &check)) != CLI_OK)
		return rc;
	bool demo = app_database_is_demo(check);
	/* view events a stopped server left waiting enter the audit log first; from now on
	 * this server's view events wait in the view log (app/system.h) */
	char err[512];
	struct app_err aerr;
	long moved = 0;
	if (app_viewlog_fold(check, &moved, &aerr) != APP_OK) {
		cli_error(CLI_FAIL, "cannot move waiting view events into the audit log: %s",
		          aerr.message);
		app_database_close(check);
		return CLI_FAIL;
	}
	if (moved)
		log_info("moved %ld waiting view event(s) into the audit log", moved);
	viewcache_set_budget((size_t)cfg.view_cache_mb << 20);
	mase_set_name(strcmp(cfg.meeting_name, "MACE") == 0 ? MASE_NAME_MACE : MASE_NAME_MASE);
	/* before any thread starts (the view log's writer is the first), so that every
	 * thread inherits the mask and SIGTERM always reaches server_wait_signal */
	server_block_signals();
	if (app_viewlog_attach(check, &aerr) != APP_OK) {
		app_database_close(check);
		return cli_error(CLI_FAIL, "%s", aerr.message);
	}
	app_database_close(check);

	struct db_pool *dbs;
	if (app_database_pool_new(cfg.db, &dbs, &aerr) != APP_OK)
		return cli_error(CLI_FAIL, "%s", aerr.message);
	struct web_app app;
	if (web_app_init(&app, &cfg, web_routes, web_routes_count, err, sizeof err) < 0) {
		app_database_pool_free(dbs);
		return cli_error(CLI_FAIL, "%s", err);
	}
	app.dbs = dbs;
	app.demo_data = demo;
	app.authenticate = auth_authenticate;

	struct server_options o = {.listen = cfg.listen,
	                           .threads = cfg.threads,
	                           .tls_cert = cfg.tls_cert,
	                           .tls_key = cfg.tls_key,
	                           .behind_proxy = cfg.behind_proxy,
	                           .handler = web_app_handle,
	                           .quick = web_app_quick,
	                           .arg = &app};
	if (app.tls && !cfg.tls_key[0]) {
		web_app_release(&app);
		app_database_pool_free(dbs);
		return cli_error(CLI_USAGE, "serve: --tls-cert needs --tls-key");
	}
	struct server *srv;
	if (server_start(&o, &srv, err, sizeof err) < 0) {
		web_app_release(&app);
		app_database_pool_free(dbs);
		return cli_error(CLI_FAIL, "%s", err);
	}
	struct scheduler *sched = NULL; /* R-MISS-4, R-DL-2: escalation runs even unattended */
	if (scheduler_start(cfg.db, 60, cfg.absent_escalation, &sched, err, sizeof err) < 0) {
		server_stop(srv, 0);
		web_app_release(&app);
		app_database_pool_free(dbs);
		return cli_error(CLI_FAIL, "%s", err);
	}
	app_database_pool_defer_checkpoints(dbs); /* the scheduler checkpoints from now on */
	const char *scheme = cfg.tls_cert[0] ? "https" : "http";
	log_info("server listening addr=%s tls=%s threads=%d demo=%s", cfg.listen,
	         cfg.tls_cert[0] ? "on" : "off", cfg.threads, demo ? "yes" : "no");
	log_info("static files from %s", cfg.static_dir);
	if (!cfg.secure_cookies)
		log_warn("secure_cookies is off: for plain HTTP on a loopback address only");
	char host[80];
	snprintf(host, sizeof host, "%s", cfg.listen);
	printf("Lantern is serving at %s://%s/ (Ctrl-C to stop)\n", scheme, host);
	fflush(stdout);

	int sig = server_wait_for_signal();
	log_info("stopping on signal %d", sig);
	server_stop(srv, 5000);
	scheduler_stop(sched); /* after the last request: its last fold leaves nothing waiting */
	app_viewlog_detach();
	web_app_release(&app);
	app_database_pool_free(dbs);
	log_info("stopped");
	return CLI_OK;
}
