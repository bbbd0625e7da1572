#!/usr/bin/env python3
"""Leak check for molehunt's simulator (../shared/SIMULATION.md).

Usage: leakcheck.py DIR [--verbose]

Reads every file `molehunt simulate` wrote to DIR with Python's own json and
csv modules (so every line is also checked by a JSON library independent of
molehunt), attributes each record to a person through the roster, and lists
every event type, categorical field value and roster pattern that occurs only
among positives (truth.json). Identifiers and continuous values (times, ids,
addresses, hashes, byte counts) are not categories and are skipped; text that
embeds a user name is normalised first. The same is done for applicants.

Exit status: 0 when nothing occurs only among positives, 1 on a leak or an
inconsistency between truth and data, 2 on unreadable input.
"""
import csv
import datetime
import json
import re
import sys
from collections import defaultdict

DIGITS = re.compile(r"\d+")

# Leaf paths that identify a person, a device, an instant or a quantity.
SKIP = {
    "okta": {"uuid", "published", "actor.id", "actor.alternateId", "actor.displayName",
             "client.ipAddress", "client.geographicalContext.geolocation.lat",
             "client.geographicalContext.geolocation.lon", "authenticationContext.externalSessionId",
             "transaction.id", "debugContext.debugData.requestId", "debugContext.debugData.dtHash",
             "target.id", "request.ipChain.ip", "request.ipChain.geographicalContext.geolocation.lat",
             "request.ipChain.geographicalContext.geolocation.lon"},
    "entra": {"id", "createdDateTime", "userDisplayName", "userPrincipalName", "userId", "ipAddress",
              "correlationId", "deviceDetail.deviceId", "deviceDetail.displayName",
              "location.geoCoordinates.latitude", "location.geoCoordinates.longitude", "appId"},
    "ecs": {"@timestamp", "host.name", "user.name", "process.pid", "process.parent.pid", "source.ip",
            "source.port", "source.bytes", "destination.ip", "file.size"},
    "github": {"@timestamp", "_document_id", "actor", "actor_id", "actor_ip", "org_id"},
    "osquery": {"hostIdentifier", "calendarTime", "unixTime", "counter", "decorations.host_uuid",
                "decorations.hostname", "columns.serial", "columns.usb_address", "columns.usb_port",
                "columns.version"},
}
FILES = {"okta": "okta.jsonl", "entra": "entra.jsonl", "ecs": "ecs.jsonl",
         "github": "github.jsonl", "osquery": "osquery.jsonl"}


def flatten(obj, prefix, out):
    if isinstance(obj, dict):
        for k, v in obj.items():
            flatten(v, prefix + "." + k if prefix else k, out)
    elif isinstance(obj, list):
        for v in obj:
            flatten(v, prefix, out)
    else:
        out.append((prefix, obj))


def path_class(p):
    """A file path reduced to its folder; inside source trees the repository
    name becomes <repo>. File names, repositories and extensions are checked
    on their own fields (file.extension, GitHub repo); their combinations with
    folders and operating systems are not categories."""
    sep = "\\" if "\\" in p else "/"
    parts = p.split(sep)
    if "src" in parts[:-1]:
        i = parts.index("src")
        parts = parts[:i + 1] + ["<repo>"]
    else:
        parts = parts[:-1]
    return sep.join(parts)


def norm(value, user_tokens):
    s = json.dumps(value) if not isinstance(value, str) else value
    for t in user_tokens:
        if t:
            s = s.replace(t, "<u>")
    return DIGITS.sub("#", s)


class Checker:
    def __init__(self, d, verbose):
        self.d = d
        self.verbose = verbose
        self.errors = []
        self.truth = json.load(open(f"{d}/truth.json"))
        self.pos = {p["person"] for p in self.truth["positives"]}
        self.alias = {}
        self.tokens = {}
        self.rows = {}
        self.features = defaultdict(set)  # feature -> set of people

    def load_roster(self):
        with open(f"{self.d}/roster.csv", newline="") as f:
            for row in csv.DictReader(f):
                pid = row["employee_id"]
                self.rows[pid] = row
                names = [row["email"]] + row["aliases"].split(";")
                for n in names:
                    self.alias[n.lower()] = pid
                sam = row["aliases"].split(";")[0]
                self.tokens[pid] = [sam]
        people = set(self.truth["people"])
        if people != set(self.rows):
            self.errors.append("truth people differ from roster rows")
        for p in self.pos:
            if p not in self.rows:
                self.errors.append(f"positive {p} not on the roster")
        for t in self.truth["traps"]:
            if t["person"] in self.pos:
                self.errors.append(f"trap {t['person']} is also a positive")

    def who(self, src, rec):
        if src == "okta":
            n = rec["actor"]["alternateId"]
        elif src == "entra":
            n = rec["userPrincipalName"]
        elif src == "ecs":
            n = rec["user"]["name"]
        elif src == "github":
            n = rec["actor"]
        else:
            n = rec["hostIdentifier"]
        return self.alias.get(n.lower())

    def scan_logs(self):
        first = datetime.date.fromisoformat(self.truth["first_day"])
        for src, name in FILES.items():
            lines = 0
            with open(f"{self.d}/{name}") as f:
                for ln, line in enumerate(f, 1):
                    try:
                        rec = json.loads(line)
                    except ValueError as e:
                        self.errors.append(f"{name}:{ln}: not JSON: {e}")
                        continue
                    lines += 1
                    pid = self.who(src, rec)
                    if pid is None:
                        self.errors.append(f"{name}:{ln}: user not on the roster")
                        continue
                    self.check_dates(src, name, ln, rec, pid, first)
                    leaves = []
                    flatten(rec, "", leaves)
                    toks = self.tokens[pid]
                    for path, value in leaves:
                        if path in SKIP[src] or path == "file.name":
                            continue
                        if path == "file.path":
                            value = path_class(norm(value, toks))
                        self.features[(src, path, norm(value, toks))].add(pid)
            if lines == 0:
                self.errors.append(f"{name}: empty")

    def check_dates(self, src, name, ln, rec, pid, first):
        """Nobody has events before the hire date (truth consistent with data)."""
        if src == "okta":
            ts = rec["published"][:10]
        elif src == "entra":
            ts = rec["createdDateTime"][:10]
        elif src == "ecs":
            ts = rec["@timestamp"][:10]
        elif src == "github":
            ts = datetime.datetime.fromtimestamp(rec["@timestamp"] / 1000, datetime.timezone.utc).date().isoformat()
        else:
            ts = datetime.datetime.fromtimestamp(rec["unixTime"], datetime.timezone.utc).date().isoformat()
        hire = self.rows[pid]["hire_date"]
        # a UTC date may be one day before the local hire date
        if hire and ts < (datetime.date.fromisoformat(hire) - datetime.timedelta(days=1)).isoformat():
            self.errors.append(f"{name}:{ln}: {pid} active on {ts} before hire {hire}")

    def roster_patterns(self):
        first = datetime.date.fromisoformat(self.truth["first_day"])
        shared = defaultdict(lambda: defaultdict(set))
        for pid, r in self.rows.items():
            for col in ("phone", "personal_email", "payroll_account", "laptop_serial", "ship_address"):
                if r[col]:
                    shared[col][r[col]].add(pid)
        for pid, r in self.rows.items():
            feats = [("department", r["department"]), ("title", r["title"]),
                     ("country", r["country"]), ("city", r["city"]), ("timezone", r["timezone"]),
                     ("privileged", r["privileged"]), ("has_notice", bool(r["notice_date"])),
                     ("has_termination", bool(r["termination_date"])),
                     ("has_referrer", bool(r["referred_by"])), ("has_manager", bool(r["manager_id"])),
                     ("aliases", len(r["aliases"].split(";"))),
                     ("phone_shape", DIGITS.sub("#", r["phone"])),
                     ("personal_email_domain", r["personal_email"].split("@")[-1]),
                     ("payroll_shape", DIGITS.sub("#", r["payroll_account"])),
                     ("serial_prefix", r["laptop_serial"][:2]),
                     ("ship_city_differs", r["city"] not in r["ship_address"])]
            hire = datetime.date.fromisoformat(r["hire_date"])
            days = (first - hire).days
            feats.append(("hired", "in window" if days < 0 else "<90d" if days < 90 else
                          "<1y" if days < 365 else "older"))
            for col, vals in shared.items():
                feats.append((f"shares_{col}", len(vals[r[col]]) > 1 if r[col] else False))
            if r["referred_by"]:
                feats.append(("referrer_shares_ship", r["ship_address"] == self.rows.get(r["referred_by"], {}).get("ship_address")))
            for k, v in feats:
                self.features[("roster", k, str(v))].add(pid)

    def applicants(self):
        cands = json.load(open(f"{self.d}/greenhouse_candidates.json"))
        ap = self.truth["applicants"]
        pos = {a["applicant"] for a in ap["positives"]}
        ids = {c["id"] for c in cands}
        for a in pos:
            if a not in ids:
                self.errors.append(f"applicant {a} in truth but not in the candidates")
        self.unplanted_twins(cands, pos, ap)
        feats = defaultdict(set)
        for c in cands:
            leaves = []
            flatten(c, "", leaves)
            for path, value in leaves:
                if path in ("custom_fields.resume_text", "custom_fields.photo_sha256") or \
                        path.endswith("_at") or path in ("created_at", "updated_at", "last_activity"):
                    continue
                if path in ("id", "application_ids", "applications.id", "applications.candidate_id",
                            "first_name", "last_name", "attachments.filename", "attachments.url",
                            "phone_numbers.value", "addresses.value", "email_addresses.value",
                            "website_addresses.value", "applications.credited_to.id",
                            "applications.credited_to.first_name", "applications.credited_to.last_name",
                            "applications.credited_to.name", "applications.credited_to.employee_id"):
                    if path == "email_addresses.value":
                        feats[("greenhouse", "email_domain", value.split("@")[-1])].add(c["id"])
                    if path == "phone_numbers.value":
                        feats[("greenhouse", "phone_shape", DIGITS.sub("#", value))].add(c["id"])
                    continue
                feats[("greenhouse", path, norm(value, []))].add(c["id"])
        return self.report(feats, pos, "applicants")

    def unplanted_twins(self, cands, pos, ap):
        """Resumes written from one template (most bullets the same, in the
        same places) are planted (personas, bootcamp classmates) or they are
        a chance collision that truth does not know about."""
        planted = set(pos) | {t["applicant"] for t in ap["traps"] if t["trap"] == "similar_resume"}
        bodies = []
        for c in cands:
            text = (c.get("custom_fields") or {}).get("resume_text") or ""
            body = [ln for ln in text.split("\n") if ln.startswith("- ")]
            if len(body) >= 4:
                bodies.append((c["id"], set(enumerate(body)), len(body)))
        for k, (a, sa, na) in enumerate(bodies):
            for b, sb, nb in bodies[k + 1:]:
                if (a in planted and b in planted) or 2 * len(sa & sb) <= max(na, nb):
                    continue
                self.errors.append(f"applicants {a} and {b} share a resume template nobody planted")

    def report(self, feats, pos, what):
        leaks = []
        for f, people in sorted(feats.items(), key=lambda kv: str(kv[0])):
            p = len(people & pos)
            n = len(people - pos)
            if p and not n:
                leaks.append((f, p))
            elif self.verbose and p:
                print(f"  {what} ok {f}: positives {p}, others {n}")
        for f, p in leaks:
            print(f"LEAK ({what}): {f[0]} {f[1]} = {f[2]!r} occurs only among positives ({p})")
        return len(leaks)

    def run(self):
        self.load_roster()
        self.scan_logs()
        self.roster_patterns()
        leaks = self.report(self.features, self.pos, "employees")
        leaks += self.applicants()
        for e in self.errors[:50]:
            print("ERROR:", e)
        print(f"leakcheck: {len(self.features)} employee features, {len(self.pos)} positives, "
              f"{leaks} leaks, {len(self.errors)} errors")
        return 1 if leaks or self.errors else 0


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    try:
        return Checker(sys.argv[1], "--verbose" in sys.argv).run()
    except (OSError, KeyError, ValueError) as e:
        print(f"leakcheck: {e}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
