/* commands.h: every `lantern` subcommand, one function each (see cli.h). */
#ifndef LANTERN_COMMANDS_H
#define LANTERN_COMMANDS_H

int cli_version(int argc, char **argv);

#endif
