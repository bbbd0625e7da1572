#ifndef MH_FDIO_H
#define MH_FDIO_H
/* Whole writes to a file descriptor or socket, retried on EINTR. */
#include <stddef.h>

/* write(2) until all n bytes are out; -1 on error (errno set). */
int mh_write_all(int fd, const char *p, size_t n);
/* send(2) with MSG_NOSIGNAL until all n bytes are out; -1 on error. */
int mh_send_all(int fd, const char *p, size_t n);

#endif
