/* GET / and the dashboard's files, from the embedded table (assets.h). */
#include <string.h>

#include "http/assets.h"
#include "http/http_int.h"

int mh_api_static(struct mh_req *r)
{
	const char *path = strcmp(r->url, "/") ? r->url : "/index.html";
	const struct mh_web_asset *a;

	for (a = mh_web_assets; a->path; a++)
		if (!strcmp(a->path, path))
			return mh_reply_static(r, a->data, a->n, a->ctype);
	return mh_reply_error(r, 404, "no such file");
}
