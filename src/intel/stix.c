/*
 * STIX 2.1 bundles (OASIS STIX 2.1, sections 3.2 bundle, 4.7 indicator,
 * 9 patterning). cJSON parses the document; the pattern language is scanned
 * here, because all we need from a pattern is its comparisons:
 *
 *   [ipv4-addr:value = '198.51.100.0/24' OR ipv4-addr:value = '203.0.113.9']
 *   [file:hashes.'SHA-256' = 'aec0...'] AND [email-addr:value = 'x@y.example']
 *   [domain-name:value IN ('a.example', 'b.example')]
 *
 * The scanner walks the text once; at each object path ("type:property...")
 * it reads an optional NOT, the operator and the right-hand side (a string
 * literal or a parenthesised list of them), and hands equality, IN and
 * ISSUBSET comparisons on the object paths we know to the indicator store.
 * Everything else (qualifiers, other operators, numbers, timestamps t'...')
 * is stepped over. An unterminated string literal is warned.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "intel/intel_int.h"

#define PATTERN_MAX  65536
#define PATH_LEN_MAX 256

struct pat {
	struct mh_intel_src *src;
	const char *id; /* indicator id, for messages */
	uint32_t tag;
	const char *p, *end;
	size_t added;
};

static const struct {
	const char *path;
	int kind;
} known_paths[] = {
    {"ipv4-addr:value", MH_IOC_IP},
    {"ipv6-addr:value", MH_IOC_IP},
    {"network-traffic:src_ref.value", MH_IOC_IP},
    {"network-traffic:dst_ref.value", MH_IOC_IP},
    {"email-addr:value", MH_IOC_EMAIL},
    {"email-message:from_ref.value", MH_IOC_EMAIL},
    {"email-message:sender_ref.value", MH_IOC_EMAIL},
    {"domain-name:value", MH_IOC_DOMAIN},
};

static const char *const hash_keys[] = {"MD5", "SHA-1", "SHA1", "SHA-256", "SHA256"};

static int path_kind(const char *path)
{
	const char *key = NULL;
	size_t i;

	for (i = 0; i < sizeof(known_paths) / sizeof(known_paths[0]); i++)
		if (strcmp(path, known_paths[i].path) == 0)
			return known_paths[i].kind;
	if (strncmp(path, "file:hashes.", 12) == 0)
		key = path + 12;
	else if (strncmp(path, "artifact:hashes.", 16) == 0)
		key = path + 16;
	if (key)
		for (i = 0; i < sizeof(hash_keys) / sizeof(hash_keys[0]); i++)
			if (strcasecmp(key, hash_keys[i]) == 0)
				return MH_IOC_HASH;
	return -1;
}

static const char *kind_name(int kind)
{
	static const char *const names[] = {"address", "e-mail", "domain",
	                                    "phone",   "wallet", "hash"};

	return kind >= 0 && kind < MH_IOC__COUNT ? names[kind] : "value";
}

static void skip_ws(struct pat *s)
{
	while (s->p < s->end && strchr(" \t\r\n", *s->p))
		s->p++;
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* At a '\'': read the literal, unescaping \' and \\, into out (cap bytes,
 * NUL-terminated). *len gets the length, or cap when it did not fit. Returns
 * 0, or -1 when the literal is unterminated. */
static int read_literal(struct pat *s, char *out, size_t cap, size_t *len)
{
	size_t n = 0;

	s->p++;
	while (s->p < s->end && *s->p != '\'') {
		char c = *s->p++;

		if (c == '\\' && s->p < s->end)
			c = *s->p++;
		if (n + 1 < cap)
			out[n] = c;
		n++;
	}
	if (s->p >= s->end)
		return -1;
	s->p++;
	*len = n + 1 < cap ? n : cap;
	out[n + 1 < cap ? n : cap - 1] = '\0';
	return 0;
}

/* Object path after its "type:" head: properties, ".'quoted'" keys and list
 * indexes "[*]", with quotes removed. */
static int read_path(struct pat *s, char *path, size_t cap)
{
	size_t n = 0;

	while (s->p < s->end) {
		char c = *s->p;

		if (c == '\'') {
			char key[PATH_LEN_MAX];
			size_t kl;

			if (read_literal(s, key, sizeof(key), &kl) < 0)
				return -1;
			if (n + kl + 1 >= cap)
				return -1;
			memcpy(path + n, key, kl);
			n += kl;
			continue;
		}
		if (!word_char(c) && !strchr(":.[]*", c))
			break;
		if (n + 2 >= cap)
			return -1;
		path[n++] = c;
		s->p++;
	}
	path[n] = '\0';
	return 0;
}

static void add_one(struct pat *s, int kind, const char *v, size_t n)
{
	if (n >= MH_INTEL_VALUE_MAX) {
		mh_intel_warnf(s->src, "%s: indicator %s: value longer than %d bytes", s->src->name,
		               s->id, MH_INTEL_VALUE_MAX - 1);
		return;
	}
	if (mh_intel_add_value(s->src->in, kind, v, n, s->tag) < 0) {
		mh_intel_warnf(s->src, "%s: indicator %s: '%.*s' is not a valid %s", s->src->name,
		               s->id, (int)(n > 80 ? 80 : n), v, kind_name(kind));
		return;
	}
	s->added++;
}

/* Operator: a symbol or a keyword. Copies at most cap-1 bytes. */
static void read_op(struct pat *s, char *op, size_t cap)
{
	size_t n = 0;

	if (s->p < s->end && strchr("=!<>", *s->p)) {
		while (s->p < s->end && strchr("=!<>", *s->p) && n + 1 < cap)
			op[n++] = *s->p++;
	} else {
		while (s->p < s->end && word_char(*s->p)) {
			if (n + 1 < cap)
				op[n++] = *s->p;
			s->p++;
		}
	}
	op[n] = '\0';
}

/* Right-hand side; values are added when use is set. -1: unterminated. */
static int read_rhs(struct pat *s, int kind, int use)
{
	char v[MH_INTEL_VALUE_MAX + 1];
	size_t n;

	skip_ws(s);
	if (s->p < s->end && *s->p == '(') {
		s->p++;
		for (;;) {
			skip_ws(s);
			if (s->p >= s->end || *s->p == ')')
				break;
			if (*s->p == '\'') {
				if (read_literal(s, v, sizeof(v), &n) < 0)
					return -1;
				if (use)
					add_one(s, kind, v, n);
			} else {
				s->p++;
			}
		}
		return 0;
	}
	if (s->p < s->end && *s->p == '\'') {
		if (read_literal(s, v, sizeof(v), &n) < 0)
			return -1;
		if (use)
			add_one(s, kind, v, n);
	}
	return 0;
}

static int comparison(struct pat *s, const char *path)
{
	int kind = path_kind(path), neg = 0, use;
	char op[16];

	skip_ws(s);
	if (s->end - s->p >= 3 && strncmp(s->p, "NOT", 3) == 0 &&
	    (s->end - s->p == 3 || !word_char(s->p[3]))) {
		neg = 1;
		s->p += 3;
		skip_ws(s);
	}
	read_op(s, op, sizeof(op));
	use = kind >= 0 && !neg &&
	      (strcmp(op, "=") == 0 || strcmp(op, "IN") == 0 ||
	       (kind == MH_IOC_IP && strcmp(op, "ISSUBSET") == 0));
	return read_rhs(s, kind, use);
}

static int scan_pattern(struct pat *s)
{
	while (s->p < s->end) {
		const char *w = s->p;
		char path[PATH_LEN_MAX];

		if (*s->p == '\'') {
			size_t n;

			if (read_literal(s, path, sizeof(path), &n) < 0)
				return -1;
			continue;
		}
		if (!word_char(*s->p)) {
			s->p++;
			continue;
		}
		while (s->p < s->end && word_char(*s->p))
			s->p++;
		if (s->p >= s->end || *s->p != ':')
			continue; /* keyword, number, or t'...' prefix handled above */
		s->p = w;
		if (read_path(s, path, sizeof(path)) < 0 || comparison(s, path) < 0)
			return -1;
	}
	return 0;
}

static const char *str_field(const cJSON *o, const char *name)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(f) && f->valuestring[0] ? f->valuestring : NULL;
}

/* name, else labels[0], else the file's label; control characters dropped. */
static void indicator_label(const cJSON *o, const struct mh_intel_src *src, char *dst, size_t cap)
{
	const char *l = str_field(o, "name");
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(o, "labels");
	size_t n = 0;

	if (!l && cJSON_IsArray(labels) && cJSON_IsString(cJSON_GetArrayItem(labels, 0)))
		l = cJSON_GetArrayItem(labels, 0)->valuestring;
	if (!l || !*l)
		l = src->label;
	for (; *l && n + 1 < cap; l++)
		if ((unsigned char)*l >= 0x20)
			dst[n++] = *l;
	dst[n] = '\0';
}

static void indicator(struct mh_intel_src *src, const cJSON *o, size_t index)
{
	const char *pattern = str_field(o, "pattern"), *ptype = str_field(o, "pattern_type");
	char id[128], label[MH_INTEL_LABEL_MAX];
	struct pat s;
	size_t plen;

	snprintf(id, sizeof(id), "%s", str_field(o, "id") ? str_field(o, "id") : "");
	if (!id[0])
		snprintf(id, sizeof(id), "#%zu", index);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "revoked")))
		return;
	if (ptype && strcmp(ptype, "stix") != 0)
		return; /* snort, yara, sigma ...: not ours to evaluate */
	if (!pattern) {
		mh_intel_warnf(src, "%s: indicator %s: no pattern", src->name, id);
		return;
	}
	plen = strlen(pattern);
	if (plen > PATTERN_MAX) {
		mh_intel_warnf(src, "%s: indicator %s: pattern longer than %d bytes", src->name, id,
		               PATTERN_MAX);
		return;
	}
	indicator_label(o, src, label, sizeof(label));
	s = (struct pat){src, id, mh_intel_tag(src->in, label, src->name), pattern, pattern + plen,
	                 0};
	if (scan_pattern(&s) < 0)
		mh_intel_warnf(src, "%s: indicator %s: unterminated string in pattern", src->name,
		               id);
}

static void object(struct mh_intel_src *src, const cJSON *o, size_t index)
{
	const char *type = str_field(o, "type");

	if (type && strcmp(type, "indicator") == 0)
		indicator(src, o, index);
}

static size_t line_of(const char *data, const char *at)
{
	size_t line = 1;

	for (; data < at; data++)
		line += *data == '\n';
	return line;
}

int mh_intel_stix_load(struct mh_intel_src *src, const char *data, size_t n, struct mh_err *err)
{
	const char *end = NULL, *type;
	const cJSON *objs, *o;
	cJSON *root;
	size_t i = 0;

	root = cJSON_ParseWithLengthOpts(data, n, &end, 0);
	if (!root)
		return mh_err_set(err, MH_EINPUT, "%s:%zu: not valid JSON", src->name,
		                  line_of(data, end && end <= data + n ? end : data));
	type = str_field(root, "type");
	if (type && strcmp(type, "indicator") == 0) {
		indicator(src, root, 0);
		cJSON_Delete(root);
		return 0;
	}
	objs = cJSON_GetObjectItemCaseSensitive(root, "objects");
	if (!type || strcmp(type, "bundle") != 0 || !cJSON_IsArray(objs)) {
		cJSON_Delete(root);
		return mh_err_set(err, MH_EINPUT,
		                  "%s: JSON but not a STIX 2.1 bundle (no \"type\": \"bundle\" "
		                  "with \"objects\")",
		                  src->name);
	}
	cJSON_ArrayForEach(o, objs)
	{
		if (cJSON_IsObject(o))
			object(src, o, i);
		i++;
	}
	cJSON_Delete(root);
	return 0;
}
