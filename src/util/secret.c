/* Secret files: regular, mode 600, bounded (see secret.h). */
#include "util/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mh_secret_read(const char *what, const char *path, char *buf, size_t cap, size_t max, size_t *n,
                   struct mh_err *err)
{
	const char *sp = what ? " " : "";
	struct stat sb;
	ssize_t got;
	int fd;

	what = what ? what : "";
	*n = 0;
	if (max >= cap)
		max = cap - 1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return mh_err_set(err, MH_EINPUT, "%s%s%s: %s", what, sp, path, strerror(errno));
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		close(fd);
		return mh_err_set(err, MH_EINPUT, "%s%s%s: not a regular file", what, sp, path);
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return mh_err_set(err, MH_EINPUT,
		                  "%s%s%s: readable or writable by group or others; chmod 600 it",
		                  what, sp, path);
	}
	if (sb.st_size > (off_t)max) {
		close(fd);
		return mh_err_set(err, MH_ELIMIT, "%s%s%s: larger than %zu bytes", what, sp, path,
		                  max);
	}
	while (*n < max && (got = read(fd, buf + *n, max - *n)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			close(fd);
			return mh_err_set(err, MH_EINPUT, "%s%s%s: %s", what, sp, path,
			                  strerror(errno));
		}
		*n += (size_t)got;
	}
	close(fd);
	buf[*n] = '\0';
	return 0;
}
