#ifndef MH_ERR_H
#define MH_ERR_H
/*
 * Errors are values. A function that can fail takes a `struct mh_err *` last,
 * returns -1 (or NULL) on failure and fills the error with one message that
 * names the place: "okta.jsonl:1842: field 'published' is not a timestamp".
 * The caller that handles the error prints it, once. The struct owns its text.
 */
#include <stddef.h>

enum mh_errcode {
	MH_OK = 0,
	MH_EUSAGE = 2, /* bad command line: exit code 2 */
	MH_EINPUT = 3, /* bad input or runtime failure: exit code 3 */
	MH_ENOMEM,
	MH_EIO,
	MH_ELIMIT, /* an input exceeded a documented limit */
};

struct mh_err {
	int code;
	char msg[512];
};

/* Set err (may be NULL) to code and a printf-style message. Returns -1. */
int mh_err_set(struct mh_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix an existing message with "where: " (e.g. a file name). Returns -1. */
int mh_err_prefix(struct mh_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline void mh_err_clear(struct mh_err *err)
{
	if (err) {
		err->code = MH_OK;
		err->msg[0] = '\0';
	}
}

#endif
