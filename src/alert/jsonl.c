/* The JSON Lines sink: alerts appended to a file, one object per line.
 * A batch is written, flushed and fsync'ed before it counts as delivered,
 * so the outbox never lets go of alerts that only reached a page cache; a
 * batch that fails half-way is cut off again, so the retry does not leave a
 * broken line behind. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alert/sink.h"
#include "util/xalloc.h"
#include "util/fdio.h"

static int jsonl_send(void *ctx, const char *const *alerts, size_t n, size_t *done,
                      struct mh_err *err)
{
	const char *path = ctx;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644), e;
	struct stat sb;
	size_t i;

	*done = 0;
	if (fd < 0)
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb)) {
		e = errno;
		close(fd);
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(e));
	}
	for (i = 0; i < n; i++)
		if (mh_write_all(fd, alerts[i], strlen(alerts[i])) || mh_write_all(fd, "\n", 1))
			goto fail;
	if (fsync(fd))
		goto fail;
	if (close(fd))
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	*done = n;
	return 0;
fail:
	e = errno;
	if (ftruncate(fd, sb.st_size) == 0)
		fsync(fd);
	close(fd);
	return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(e));
}

int mh_sink_jsonl_open(struct mh_alert_sink *s, const char *path, struct mh_err *err)
{
	/* Fail now, before the scan, when the file can never be written. */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return mh_err_set(err, MH_EINPUT, "alerts file %s: %s", path, strerror(errno));
	close(fd);
	memset(s, 0, sizeof(*s));
	s->key = "jsonl";
	snprintf(s->name, sizeof(s->name), "jsonl %s", path);
	s->ctx = mh_strdup(path);
	s->send = jsonl_send;
	s->free = free;
	return 0;
}
