#ifndef MH_HTTP_ASSETS_H
#define MH_HTTP_ASSETS_H
/*
 * The dashboard's built files (web/dist), embedded into the binary at build
 * time by web/embed.py as a generated C file, so `molehunt serve` needs no
 * directory next to it. Static, read-only data; the table ends with a NULL
 * path.
 */
#include <stddef.h>

struct mh_web_asset {
	const char *path;  /* "/index.html", "/assets/app.js" */
	const char *ctype; /* MIME type */
	const unsigned char *data;
	size_t n;
};

extern const struct mh_web_asset mh_web_assets[];

#endif
