/*
 * osquery results-log writer: differential results of the usb_devices query
 * as osqueryd logs them with the filesystem logger. Every column value is a
 * string, as osquery writes them; "counter" counts the host's results of the
 * query and "epoch" stays 0.
 */
#include "sim/wcommon.h"

static const char *const wday[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "Mon Mar  4 15:12:01 2024 UTC" (asctime layout). */
static void calendar(struct mh_out *o, int64_t ts_ms)
{
	int64_t secs = ts_ms / 1000;
	int32_t day = (int32_t)(secs / 86400);
	int sod = (int)(secs % 86400), y, m, d;
	char b[8];

	mh_civil_from_days(day, &y, &m, &d);
	mh_out_str(o, wday[mh_weekday(day)]);
	mh_out_ch(o, ' ');
	mh_out_str(o, mon[m - 1]);
	mh_out_ch(o, ' ');
	if (d < 10)
		mh_out_ch(o, ' ');
	mh_out_u64(o, (uint64_t)d);
	mh_out_ch(o, ' ');
	b[0] = (char)('0' + sod / 36000);
	b[1] = (char)('0' + sod / 3600 % 10);
	b[2] = ':';
	b[3] = (char)('0' + sod / 60 % 60 / 10);
	b[4] = (char)('0' + sod / 60 % 10);
	b[5] = ':';
	b[6] = (char)('0' + sod % 60 / 10);
	b[7] = (char)('0' + sod % 10);
	mh_out_put(o, b, 8);
	mh_out_ch(o, ' ');
	mh_out_u64(o, (uint64_t)y);
	MH_LIT(o, " UTC");
}

void mh_sim_w_osquery(struct mh_sim *s, const struct mh_sim_ev *ev)
{
	struct mh_out *o = &s->out.osquery;
	struct mh_sim_person *p = &s->p[ev->person];
	unsigned ui = ev->arg == 0x100 ? p->kvm : p->usb[ev->arg % MH_SIM_MAX_USB];
	const struct mh_sim_usb *u = &mh_sim_usbs[ui % mh_sim_nusbs];
	uint64_t serial = mh_mix64(p->device_id ^ (ui * 0x9e37ull));

	MH_LIT(o, "{\"name\":\"pack_hardware_usb_devices\",\"hostIdentifier\":");
	mh_out_jstr(o, p->host);
	MH_LIT(o, ",\"calendarTime\":\"");
	calendar(o, ev->ts);
	MH_LIT(o, "\",\"unixTime\":");
	mh_out_u64(o, (uint64_t)(ev->ts / 1000));
	MH_LIT(o, ",\"epoch\":0,\"counter\":");
	mh_out_u64(o, p->osq_counter++);
	MH_LIT(o, ",\"numerics\":false,\"decorations\":{\"host_uuid\":\"");
	mh_sim_out_guid(o, p->device_id, mh_mix64(p->device_id + 7));
	MH_LIT(o, "\",\"hostname\":");
	mh_out_jstr(o, p->host);
	MH_LIT(o, "},\"columns\":{\"class\":\"0\",\"model\":");
	mh_out_jstr(o, u->model);
	MH_LIT(o, ",\"model_id\":\"");
	mh_out_str(o, u->model_id);
	MH_LIT(o, "\",\"protocol\":\"0\",\"removable\":\"");
	mh_out_ch(o, u->removable ? '1' : '0');
	MH_LIT(o, "\",\"serial\":\"");
	mh_out_hex(o, serial, 12);
	MH_LIT(o, "\",\"subclass\":\"0\",\"usb_address\":\"");
	mh_out_u64(o, 2 + ev->seed % 14);
	MH_LIT(o, "\",\"usb_port\":\"");
	mh_out_u64(o, 1 + (serial >> 50) % 4);
	MH_LIT(o, "\",\"vendor\":");
	mh_out_jstr(o, u->vendor);
	MH_LIT(o, ",\"vendor_id\":\"");
	mh_out_str(o, u->vendor_id);
	MH_LIT(o, "\",\"version\":\"");
	mh_out_hex(o, 0x100 + (serial >> 40) % 0x400, 4);
	if (ev->type == MH_SE_USB_ADD)
		MH_LIT(o, "\"},\"action\":\"added\"}\n");
	else
		MH_LIT(o, "\"},\"action\":\"removed\"}\n");
}
