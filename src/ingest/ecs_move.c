/*
 * Data-movement rules for ECS events (ecs_move.h).
 *
 * Removable media, by path (false positives: a network share mapped to a
 * drive letter, a writable disk image mounted under /Volumes; false negatives:
 * removable disks mounted elsewhere by hand):
 *   macOS    /Volumes/<name>/...  except the system volumes (Macintosh HD,
 *            Macintosh HD - Data, Data, Preboot, Recovery, VM, Update, xarts,
 *            iSCPreboot, Hardware, com.apple.*)
 *   Linux    /media/<...>/ and /run/media/<...>/ (udisks mount points)
 *   Windows  a drive letter other than C: ("E:\x", "e:/x"); \\?\E:\ too
 */
#include "ingest/ecs_move.h"

#include <string.h>

#include "ingest/field.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The last path component of exe or name, lower-cased, without ".exe". */
static size_t base_name(struct mh_str name, struct mh_str exe, char *out, size_t cap)
{
	struct mh_str s = name.n ? name : exe;
	size_t i = s.n, k = 0;

	while (i > 0 && s.p[i - 1] != '/' && s.p[i - 1] != '\\')
		i--;
	for (; i < s.n && k + 1 < cap; i++)
		out[k++] = (char)lower((unsigned char)s.p[i]);
	out[k] = '\0';
	if (k > 4 && strcmp(out + k - 4, ".exe") == 0)
		out[k -= 4] = '\0';
	return k;
}

static int one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Walk the space-separated tokens of cmd after the first; cb decides. */
static int any_token(struct mh_str cmd, int (*cb)(struct mh_str tok, int idx))
{
	size_t i = 0;
	int idx = -1;

	while (i < cmd.n) {
		size_t j;

		while (i < cmd.n && cmd.p[i] == ' ')
			i++;
		for (j = i; j < cmd.n && cmd.p[j] != ' ';)
			j++;
		if (j > i && idx >= 0 && cb((struct mh_str){cmd.p + i, j - i}, idx))
			return 1;
		if (j > i)
			idx++;
		i = j;
	}
	return 0;
}

static int seven_zip_add(struct mh_str t, int idx)
{
	return mh_str_eq(t, "a") || mh_str_eq(t, "u");
}

static int tar_create(struct mh_str t, int idx)
{
	if (mh_str_eq(t, "--create"))
		return 1;
	if (t.n >= 2 && t.p[0] == '-' && t.p[1] != '-')
		return memchr(t.p + 1, 'c', t.n - 1) != NULL;
	return idx == 0 && t.p[0] != '-' && memchr(t.p, 'c', t.n) != NULL;
}

static int ditto_create(struct mh_str t, int idx)
{
	return mh_str_eq(t, "-c") || mh_str_eq(t, "-ck");
}

static int icontains(struct mh_str s, const char *lit)
{
	size_t k = strlen(lit);

	for (size_t i = 0; i + k <= s.n; i++)
		if (mh_str_ieq((struct mh_str){s.p + i, k}, lit))
			return 1;
	return 0;
}

int mh_ecs_is_archiver(struct mh_str name, struct mh_str exe, struct mh_str cmd)
{
	static const char *const sevens[] = {"7z",  "7za", "7zz",    "7zr",
	                                     "7zg", "rar", "winrar", NULL};
	static const char *const tars[] = {"tar", "bsdtar", "gtar", NULL};
	static const char *const shells[] = {"powershell", "pwsh", NULL};
	char b[64];

	if (!base_name(name, exe, b, sizeof(b)))
		return 0;
	if (strcmp(b, "zip") == 0)
		return 1;
	if (one_of(b, sevens))
		return any_token(cmd, seven_zip_add);
	if (one_of(b, tars))
		return any_token(cmd, tar_create);
	if (strcmp(b, "ditto") == 0)
		return any_token(cmd, ditto_create);
	if (one_of(b, shells))
		return icontains(cmd, "Compress-Archive");
	return 0;
}

int mh_ecs_is_archive_path(struct mh_str path)
{
	static const char *const ext[] = {".zip",     ".7z",     ".rar",  ".tar", ".tgz", ".tar.gz",
	                                  ".tar.bz2", ".tar.xz", ".tbz2", ".txz", NULL};

	for (const char *const *e = ext; *e; e++)
		if (mh_str_ihas_suffix(path, *e))
			return 1;
	return 0;
}

static int mac_removable(struct mh_str path)
{
	static const char *const system[] = {"Macintosh HD",
	                                     "Macintosh HD - Data",
	                                     "Data",
	                                     "Preboot",
	                                     "Recovery",
	                                     "VM",
	                                     "Update",
	                                     "xarts",
	                                     "iSCPreboot",
	                                     "Hardware",
	                                     NULL};
	const char *name = path.p + 9, *end = path.p + path.n, *slash;
	char vol[256];
	size_t k;

	slash = memchr(name, '/', (size_t)(end - name));
	if (!slash || slash == name || (size_t)(slash - name) >= sizeof(vol))
		return 0;
	k = (size_t)(slash - name);
	memcpy(vol, name, k);
	vol[k] = '\0';
	return !one_of(vol, system) && strncmp(vol, "com.apple.", 10) != 0;
}

int mh_ecs_is_removable(struct mh_str path)
{
	struct mh_str p = path;

	if (mh_str_has_prefix(p, "/Volumes/"))
		return mac_removable(p);
	if (mh_str_has_prefix(p, "/media/") || mh_str_has_prefix(p, "/run/media/"))
		return 1;
	if (mh_str_has_prefix(p, "\\\\?\\")) {
		p.p += 4;
		p.n -= 4;
	}
	if (p.n >= 3 && p.p[1] == ':' && (p.p[2] == '\\' || p.p[2] == '/')) {
		int c = lower((unsigned char)p.p[0]);

		return c >= 'a' && c <= 'z' && c != 'c';
	}
	return 0;
}
