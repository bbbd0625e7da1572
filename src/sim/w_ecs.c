/*
 * Elastic Common Schema writer: endpoint process, file and network events as
 * Elastic Defend writes them (event.category and event.type are arrays). The
 * user name is spelled as the endpoint sees it: DOMAIN\user on Windows, the
 * short login name on macOS and Linux.
 */
#include "sim/wcommon.h"

static const char *const os_family[] = {"windows", "macos", "linux"};
static const char *const os_name[] = {"Windows 11 Pro", "macOS", "Ubuntu"};
static const char *const home_fmt[] = {"C:/Users/%u", "/Users/%u", "/home/%u"};
static const char *const parent[] = {"explorer.exe", "launchd", "systemd"};

static void head(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev,
                 const char *cat, const char *type, const char *action, const char *dataset)
{
	const struct mh_sim_person *p = &s->p[ev->person];
	char user[64];

	MH_LIT(o, "{\"@timestamp\":\"");
	mh_out_iso(o, ev->ts, 1);
	MH_LIT(o, "\",\"event\":{\"kind\":\"event\",\"category\":[\"");
	mh_out_str(o, cat);
	MH_LIT(o, "\"],\"type\":[\"");
	mh_out_str(o, type);
	MH_LIT(o, "\"],\"action\":\"");
	mh_out_str(o, action);
	MH_LIT(o, "\",\"module\":\"endpoint\",\"dataset\":\"");
	mh_out_str(o, dataset);
	MH_LIT(o, "\"},\"host\":{\"name\":");
	mh_out_jstr(o, p->host);
	MH_LIT(o, ",\"os\":{\"family\":\"");
	mh_out_str(o, os_family[p->os]);
	MH_LIT(o, "\",\"name\":\"");
	mh_out_str(o, os_name[p->os]);
	MH_LIT(o, "\"}},\"user\":{\"name\":");
	mh_out_jstr(o, mh_sim_ecs_user(s, p, user, sizeof(user)));
	if (p->os == MH_OS_WIN) {
		MH_LIT(o, ",\"domain\":");
		mh_out_jstr(o, s->netbios);
	}
	MH_LIT(o, "},");
}

static void tail(struct mh_out *o)
{
	MH_LIT(o, ",\"agent\":{\"type\":\"endpoint\",\"version\":\"8.13.2\"},\"ecs\":{\"version\":"
	          "\"8.11.0\"}}\n");
}

static void process(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev,
                    unsigned prog, int cmdline)
{
	const struct mh_sim_person *p = &s->p[ev->person];
	const struct mh_sim_prog *g = &mh_sim_progs[prog % mh_sim_nprogs];
	unsigned os = p->os;

	if (!g->name[os])
		g = &mh_sim_progs[MH_PROG_BROWSER];
	struct mh_sb exe = {.n = 0};

	mh_sb_path(&exe, g->exe[os], p->sam, 0);
	MH_LIT(o, "\"process\":{\"pid\":");
	mh_out_u64(o, 1000 + ev->seed % 60000);
	MH_LIT(o, ",\"name\":");
	mh_out_jstr(o, g->name[os]);
	MH_LIT(o, ",\"executable\":");
	mh_out_jstr(o, exe.b);
	if (cmdline) {
		struct mh_sb cl = {.n = 0};

		if (os == MH_OS_WIN) {
			mh_sb_put(&cl, "\"");
			mh_sb_put(&cl, exe.b);
			mh_sb_put(&cl, "\"");
		} else {
			mh_sb_put(&cl, exe.b);
		}
		if (g->args[0]) {
			mh_sb_put(&cl, " ");
			mh_sb_put(&cl, g->args);
		}
		MH_LIT(o, ",\"command_line\":");
		mh_out_jstr(o, cl.b);
		MH_LIT(o, ",\"parent\":{\"pid\":");
		mh_out_u64(o, 400 + (ev->seed >> 16) % 900);
		MH_LIT(o, ",\"name\":\"");
		mh_out_str(o, parent[os]);
		MH_LIT(o, "\"}");
	}
	mh_out_ch(o, '}');
}

static const char *word(uint32_t x)
{
	return mh_sim_doc_words[x % mh_sim_ndoc_words];
}

/* The file an event touches: a document, a source file or an archive. */
static void file_path(const struct mh_sim *s, const struct mh_sim_ev *ev, struct mh_sb *sb,
                      const char **name, const char **ext, int usb)
{
	const struct mh_sim_person *p = &s->p[ev->person];
	uint32_t x = ev->seed;
	int win = p->os == MH_OS_WIN;
	const char *sep = win ? "\\" : "/";
	size_t name_at;

	if (usb)
		mh_sb_put(sb, win                  ? "E:"
		              : p->os == MH_OS_MAC ? "/Volumes/USB DISK"
		                                   : "/media/usb0");
	else
		mh_sb_path(sb, home_fmt[p->os], p->sam, win);
	if (ev->type == MH_SE_FILE && (ev->arg & 0x8000)) {
		const char *src = mh_sim_src_files[(x >> 8) % mh_sim_nsrc_files];

		mh_sb_put(sb, sep);
		mh_sb_put(sb, "src");
		mh_sb_put(sb, sep);
		mh_sb_put(sb, mh_sim_repos[(ev->arg & 0x7fff) % mh_sim_nrepos].name);
		mh_sb_put(sb, sep);
		mh_sb_path(sb, src, "", win);
		*name = strrchr(sb->b, sep[0]) + 1;
		*ext = strrchr(*name, '.') ? strrchr(*name, '.') + 1 : "";
		return;
	}
	if (!usb) {
		mh_sb_put(sb, sep);
		mh_sb_put(sb, ev->type == MH_SE_ARCHIVE || (x & 1) ? "Downloads" : "Documents");
	}
	mh_sb_put(sb, sep);
	name_at = sb->n;
	if (ev->type == MH_SE_ARCHIVE || (ev->type == MH_SE_USB_WRITE && (x & 2))) {
		if (mh_sim_roles[p->role].tech && (x & 4))
			mh_sb_put(sb, mh_sim_repos[(x >> 4) % mh_sim_nrepos].name);
		else {
			mh_sb_put(sb, word(x >> 4));
			mh_sb_put(sb, "_");
			mh_sb_put(sb, word(x >> 12));
		}
		mh_sb_put(sb, ".zip");
	} else {
		mh_sb_put(sb, word(x >> 4));
		mh_sb_put(sb, "_");
		mh_sb_put(sb, word(x >> 12));
		mh_sb_put(sb, ".");
		mh_sb_put(sb, mh_sim_doc_exts[(x >> 20) % mh_sim_ndoc_exts]);
	}
	*name = sb->b + name_at;
	*ext = strrchr(*name, '.') + 1;
}

static void file_event(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev)
{
	struct mh_sb sb = {.n = 0};
	const char *name = "", *ext = "";
	int usb = ev->type == MH_SE_USB_WRITE;
	uint64_t size;
	unsigned prog = MH_PROG_FILES;

	file_path(s, ev, &sb, &name, &ext, usb);
	if (ev->type == MH_SE_ARCHIVE)
		prog = MH_PROG_ARCHIVER;
	else if (ev->arg & 0x8000)
		prog = MH_PROG_EDITOR;
	size = ev->type == MH_SE_ARCHIVE || usb ? 200000u + (ev->seed % 400000000u)
	                                        : 800u + (ev->seed % 2000000u);
	if (ev->arg == 1)
		size *= 4;
	head(o, s, ev, "file", "creation", (ev->seed & 8) && !usb ? "modification" : "creation",
	     "endpoint.events.file");
	MH_LIT(o, "\"file\":{\"path\":");
	mh_out_jstr(o, sb.b);
	MH_LIT(o, ",\"name\":");
	mh_out_jstr(o, name);
	MH_LIT(o, ",\"extension\":");
	mh_out_jstr(o, ext);
	MH_LIT(o, ",\"size\":");
	mh_out_u64(o, size);
	MH_LIT(o, "},");
	process(o, s, ev, prog, 0);
	tail(o);
}

static const struct mh_sim_dest *pick_dest(const struct mh_sim_ev *ev)
{
	uint16_t w[32];
	unsigned i, n = mh_sim_ndests < 32 ? mh_sim_ndests : 32;
	struct mh_rng r;

	for (i = 0; i < n; i++)
		w[i] = (ev->type == MH_SE_UPLOAD) == mh_sim_dests[i].personal
		           ? mh_sim_dests[i].weight
		           : 0;
	mh_rng_seed(&r, ev->seed);
	return &mh_sim_dests[mh_rng_weighted(&r, w, n)];
}

static void net_event(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev)
{
	const struct mh_sim_person *p = &s->p[ev->person];
	const struct mh_sim_dest *d = pick_dest(ev);
	uint64_t bytes;
	unsigned di = (unsigned)(d - mh_sim_dests);

	if (ev->type == MH_SE_UPLOAD)
		bytes = (ev->arg ? 150000000u : 2000000u) +
		        ev->seed % (ev->arg ? 2000000000u : 60000000u);
	else
		bytes = 400u + ev->seed % 900000u;
	head(o, s, ev, "network", "start", "connection_attempted", "endpoint.events.network");
	MH_LIT(o, "\"source\":{\"ip\":\"192.168.");
	mh_out_u64(o, 1 + (mh_mix64(p->device_id) & 63));
	mh_out_ch(o, '.');
	mh_out_u64(o, 2 + (mh_mix64(p->device_id) >> 8) % 250);
	MH_LIT(o, "\",\"port\":");
	mh_out_u64(o, 49152 + ev->seed % 16000);
	MH_LIT(o, ",\"bytes\":");
	mh_out_u64(o, bytes);
	MH_LIT(o, "},\"destination\":{\"ip\":\"2001:db8:cafe:");
	mh_out_hex(o, 0x100 + di, 3);
	MH_LIT(o, "::");
	mh_out_hex(o, 1 + (ev->seed >> 24) % 14, 1);
	MH_LIT(o, "\",\"domain\":");
	mh_out_jstr(o, d->domain);
	MH_LIT(o, ",\"port\":443},\"network\":{\"transport\":\"tcp\",\"direction\":\"egress\"},");
	process(o, s, ev, MH_PROG_BROWSER, 0);
	tail(o);
}

void mh_sim_w_ecs(struct mh_sim *s, const struct mh_sim_ev *ev)
{
	struct mh_out *o = &s->out.ecs;

	switch (ev->type) {
	case MH_SE_PROC:
		head(o, s, ev, "process", "start", "start", "endpoint.events.process");
		process(o, s, ev, ev->arg, 1);
		tail(o);
		break;
	case MH_SE_FILE:
	case MH_SE_ARCHIVE:
	case MH_SE_USB_WRITE:
		file_event(o, s, ev);
		break;
	default:
		net_event(o, s, ev);
		break;
	}
}
