#ifndef MH_CMD_H
#define MH_CMD_H
#include <stddef.h>
/*
 * Subcommands: one file each under src/cmd/, listed in the table in
 * src/cmd/commands.c. Each takes the arguments after its name (argv[0] is the
 * command name) and returns the process exit code: 0 ok, 1 findings at or
 * above the alert threshold (where the command promises so), 2 usage error,
 * 3 input or runtime error.
 */

struct mh_command {
	const char *name;
	const char *summary; /* one line for `molehunt --help` */
	int (*run)(int argc, char **argv);
};

extern const struct mh_command mh_commands[];

/* A repeatable option's values (--intel A --intel B), borrowed from argv;
 * free v with free(). */
struct mh_arglist {
	const char **v;
	size_t n, cap;
};

void mh_arglist_push(struct mh_arglist *l, const char *s);

int mh_cmd_scan(int argc, char **argv);
int mh_cmd_risk(int argc, char **argv);
int mh_cmd_persons(int argc, char **argv);
int mh_cmd_simulate(int argc, char **argv);
int mh_cmd_eval(int argc, char **argv);
int mh_cmd_detectors(int argc, char **argv);
int mh_cmd_explain(int argc, char **argv);
int mh_cmd_vet(int argc, char **argv);
int mh_cmd_serve(int argc, char **argv);
int mh_cmd_extortion(int argc, char **argv);
int mh_cmd_case(int argc, char **argv);
int mh_cmd_index(int argc, char **argv);
int mh_cmd_share(int argc, char **argv);

#endif
