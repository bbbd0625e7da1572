#include "core/event.h"

const char *mh_source_name(int src)
{
	static const char *const names[MH_SRC__COUNT] = {
	    "none", "okta", "entra", "ecs", "osquery", "github", "roster",
	};

	return src >= 0 && src < MH_SRC__COUNT ? names[src] : "unknown";
}

const char *mh_kind_name(int kind)
{
	static const char *const names[MH_EV__COUNT] = {
	    "signin", "auth", "process", "file", "network", "usb", "program", "code", "other",
	};

	return kind >= 0 && kind < MH_EV__COUNT ? names[kind] : "unknown";
}

const char *mh_move_name(int move)
{
	static const char *const names[MH_MOVE__COUNT] = {
	    "none", "clone", "download", "archive", "upload", "usb_write", "mail_out",
	};

	return move >= 0 && move < MH_MOVE__COUNT ? names[move] : "unknown";
}
