/* Whole writes (see fdio.h). */
#include "util/fdio.h"

#include <errno.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

static int all(int fd, const char *p, size_t n, int sock)
{
	while (n) {
		ssize_t w = sock ? send(fd, p, n, MSG_NOSIGNAL) : write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int mh_write_all(int fd, const char *p, size_t n)
{
	return all(fd, p, n, 0);
}

int mh_send_all(int fd, const char *p, size_t n)
{
	return all(fd, p, n, 1);
}
