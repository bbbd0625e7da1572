/* molehunt detectors: every detector with its family, points, cap and settings. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "config/config.h"
#include "detect/detector.h"

static const char usage[] = "usage: molehunt detectors [--config FILE]\n"
                            "\n"
                            "List every detector: id, family, points per finding, cap, ATT&CK\n"
                            "technique, summary and its settings with their values (from the\n"
                            "config file when given, else the defaults).\n";

int mh_cmd_detectors(int argc, char **argv)
{
	const char *path = NULL;
	struct mh_config *cfg;
	struct mh_err err;
	size_t i;

	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--config") && i + 1 < (size_t)argc) {
			path = argv[++i];
		} else {
			fprintf(stderr, "molehunt detectors: unexpected argument '%s'\n%s", argv[i],
			        usage);
			return 2;
		}
	}
	cfg = mh_config_load(path, &err);
	if (!cfg) {
		fprintf(stderr, "molehunt detectors: %s\n", err.msg);
		return 3;
	}
	printf("%-26s %-9s %6s %6s %-10s %s\n", "detector", "family", "points", "cap", "att&ck",
	       "summary");
	for (i = 0; mh_detectors[i]; i++) {
		const struct mh_detector *d = mh_detectors[i];
		const struct mh_param *p;
		char key[160];

		snprintf(key, sizeof(key), "detectors.%s.cap", d->id);
		printf("%-26s %-9s %6.1f %6.1f %-10s %s%s\n", d->id, d->family,
		       mh_detector_points(d, cfg), mh_config_num(cfg, key, d->cap),
		       d->technique ? d->technique : "-", d->summary,
		       mh_config_dnum(cfg, d->id, "enabled", 1) ? "" : " (disabled)");
		for (p = d->params; p && p->name; p++)
			printf("    %-30s %10g  %s\n", p->name,
			       mh_config_dnum(cfg, d->id, p->name, p->def), p->doc);
	}
	printf("%zu detectors\n", i);
	mh_config_free(cfg);
	return 0;
}
