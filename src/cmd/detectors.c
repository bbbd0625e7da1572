/* molehunt detectors: every detector with its family, points, cap and settings. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "config/config.h"
#include "detect/detector.h"

static const char usage[] = "usage: molehunt detectors [--config FILE] [--yaml]\n"
                            "\n"
                            "List every detector: id, family, points per finding, cap, ATT&CK\n"
                            "technique, summary and its settings with their values (from the\n"
                            "config file when given, else the defaults). --yaml prints every\n"
                            "setting, global and per detector, as a config file with comments\n"
                            "(docs/CONFIG.md explains the format).\n";

/* A YAML double-quoted scalar: quotes, backslashes and control characters
 * escaped, so every value loads back as itself. */
static void yaml_quoted(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 32)
			printf("\\x%02x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void yaml_value(const struct mh_config *cfg, const char *key, const struct mh_param *p)
{
	const char *const *items;
	size_t n, i;

	switch (p->type) {
	case MH_P_BOOL:
		printf("%s", mh_config_bool(cfg, key, p->def != 0) ? "true" : "false");
		break;
	case MH_P_LIST:
		n = mh_config_list(cfg, key, &items);
		printf("[");
		for (i = 0; i < n; i++) {
			printf("%s", i ? ", " : "");
			yaml_quoted(items[i]);
		}
		printf("]");
		break;
	case MH_P_STR:
		yaml_quoted(mh_config_gstr(cfg, key));
		break;
	default:
		printf("%g", mh_config_num(cfg, key, p->def));
	}
}

/* The whole configuration as YAML: global sections, then one mapping per
 * detector. Dotted keys inside a section flatten to the same names. */
static void print_yaml(const struct mh_config *cfg)
{
	const struct mh_param *p;
	char section[64] = "";
	size_t i;

	printf("# molehunt configuration: every setting with its value (docs/CONFIG.md)\n");
	for (p = mh_global_params; p->name; p++) {
		const char *dot = strchr(p->name, '.');
		size_t n = dot ? (size_t)(dot - p->name) : strlen(p->name);

		if (strlen(section) != n || strncmp(section, p->name, n)) {
			snprintf(section, sizeof(section), "%.*s", (int)n, p->name);
			printf("\n%s:\n", section);
		}
		printf("  # %s\n  %s: ", p->doc, dot ? dot + 1 : p->name);
		yaml_value(cfg, p->name, p);
		printf("\n");
	}
	printf("\ndetectors:\n");
	for (i = 0; mh_detectors[i]; i++) {
		const struct mh_detector *d = mh_detectors[i];
		char key[192];

		printf("  # %s\n  %s:\n", d->summary, d->id);
		snprintf(key, sizeof(key), "detectors.%s.enabled", d->id);
		printf("    enabled: %s\n", mh_config_bool(cfg, key, 1) ? "true" : "false");
		printf("    points: %g\n", mh_detector_points(d, cfg));
		snprintf(key, sizeof(key), "detectors.%s.cap", d->id);
		printf("    cap: %g\n", mh_config_num(cfg, key, d->cap));
		for (p = d->params; p && p->name; p++) {
			snprintf(key, sizeof(key), "detectors.%s.%s", d->id, p->name);
			printf("    # %s\n    %s: ", p->doc, p->name);
			yaml_value(cfg, key, p);
			printf("\n");
		}
	}
}

int mh_cmd_detectors(int argc, char **argv)
{
	const char *path = NULL;
	int yaml = 0;
	struct mh_config *cfg;
	struct mh_err err;
	size_t i;

	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--yaml")) {
			yaml = 1;
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
	if (yaml) {
		print_yaml(cfg);
		mh_config_free(cfg);
		return 0;
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
