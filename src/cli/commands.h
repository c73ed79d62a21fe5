/* commands.h: every `lantern` subcommand, one function each (see cli.h). */
#ifndef LANTERN_COMMANDS_H
#define LANTERN_COMMANDS_H

int cli_version(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_borough(int argc, char **argv);
int cli_agency(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_child(int argc, char **argv);
int cli_referral(int argc, char **argv);
int cli_record(int argc, char **argv);
int cli_category(int argc, char **argv);
int cli_episode(int argc, char **argv);
int cli_profile(int argc, char **argv);
int cli_deadlines(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_demo(int argc, char **argv);

#endif
