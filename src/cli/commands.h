/*
 * commands.h: every `lantern` subcommand, one function each (see cli.h), and the usage
 * text its --help prints. The command table that says what each needs set up is in
 * src/main.c.
 */
#ifndef LANTERN_COMMANDS_H
#define LANTERN_COMMANDS_H

#include "cli/cli.h"

int cli_version(struct cli_ctx *c, int argc, char **argv);
int cli_init(struct cli_ctx *c, int argc, char **argv);
int cli_serve(struct cli_ctx *c, int argc, char **argv);
int cli_borough(struct cli_ctx *c, int argc, char **argv);
int cli_agency(struct cli_ctx *c, int argc, char **argv);
int cli_user(struct cli_ctx *c, int argc, char **argv);
int cli_child(struct cli_ctx *c, int argc, char **argv);
int cli_referral(struct cli_ctx *c, int argc, char **argv);
int cli_record(struct cli_ctx *c, int argc, char **argv);
int cli_category(struct cli_ctx *c, int argc, char **argv);
int cli_episode(struct cli_ctx *c, int argc, char **argv);
int cli_profile(struct cli_ctx *c, int argc, char **argv);
/* deadlines run, deadlines list, and any other (a usage error) */
int cli_deadlines_run(struct cli_ctx *c, int argc, char **argv);
int cli_deadlines_list(struct cli_ctx *c, int argc, char **argv);
int cli_deadlines(struct cli_ctx *c, int argc, char **argv);
int cli_export(struct cli_ctx *c, int argc, char **argv);
int cli_demo(struct cli_ctx *c, int argc, char **argv);
/* disruption.c: orders, tactical options, actions, criminal justice cases, NRM */
int cli_order(struct cli_ctx *c, int argc, char **argv);
int cli_tactics(struct cli_ctx *c, int argc, char **argv);
int cli_action(struct cli_ctx *c, int argc, char **argv);
int cli_cj(struct cli_ctx *c, int argc, char **argv);
int cli_nrm(struct cli_ctx *c, int argc, char **argv);
/* people of concern, places, links and networks */
/* people.c: persons of concern, places, links and networks (R-POI-1, R-LOC-1, R-CAT-7) */
int cli_person(struct cli_ctx *c, int argc, char **argv);
int cli_place(struct cli_ctx *c, int argc, char **argv);
int cli_link(struct cli_ctx *c, int argc, char **argv);
int cli_network(struct cli_ctx *c, int argc, char **argv);
extern const char CLI_PERSON_USAGE[], CLI_PLACE_USAGE[], CLI_LINK_USAGE[], CLI_NETWORK_USAGE[];

/* matching, merges, import and export */
int cli_import(struct cli_ctx *c, int argc, char **argv);
int cli_export_children(struct cli_ctx *c, int argc, char **argv); /* from cli_export */
int cli_match(struct cli_ctx *c, int argc, char **argv);
extern const char CLI_IMPORT_USAGE[], CLI_MATCH_USAGE[];

/* MASE meetings and reports */
int cli_mase(struct cli_ctx *c, int argc, char **argv);
int cli_report(struct cli_ctx *c, int argc, char **argv);
extern const char CLI_MASE_USAGE[], CLI_REPORT_USAGE[];

/* audit verify, audit checkpoint, audit keygen, and any other (a usage error) */
int cli_audit_verify(struct cli_ctx *c, int argc, char **argv);
int cli_audit_checkpoint(struct cli_ctx *c, int argc, char **argv);
int cli_audit_keygen(struct cli_ctx *c, int argc, char **argv);
int cli_audit(struct cli_ctx *c, int argc, char **argv);

extern const char CLI_VERSION_USAGE[], CLI_INIT_USAGE[], CLI_SERVE_USAGE[], CLI_BOROUGH_USAGE[],
        CLI_AGENCY_USAGE[], CLI_USER_USAGE[], CLI_CHILD_USAGE[], CLI_REFERRAL_USAGE[],
        CLI_RECORD_USAGE[], CLI_CATEGORY_USAGE[], CLI_EPISODE_USAGE[], CLI_PROFILE_USAGE[],
        CLI_DEADLINES_USAGE[], CLI_EXPORT_USAGE[], CLI_DEMO_USAGE[], CLI_AUDIT_USAGE[];
extern const char CLI_ORDER_USAGE[], CLI_TACTICS_USAGE[], CLI_ACTION_USAGE[], CLI_CJ_USAGE[],
        CLI_NRM_USAGE[];

#endif
