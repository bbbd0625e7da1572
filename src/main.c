/* molehunt: argv[1] -> the command table (src/cmd/commands.c), nothing else. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

#ifndef MH_VERSION
#define MH_VERSION "0.1.0"
#endif

static void usage(FILE *f)
{
	const struct mh_command *c;

	fprintf(f, "usage: molehunt COMMAND [OPTIONS] [ARGS]\n\n"
	           "Find DPRK remote IT workers among applicants and employees, catch the\n"
	           "data theft before extortion, and attribute the extortion mail.\n\n"
	           "commands:\n");
	for (c = mh_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\n'molehunt COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
	const struct mh_command *c;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("molehunt %s\n", MH_VERSION);
		return 0;
	}
	for (c = mh_commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "molehunt: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
