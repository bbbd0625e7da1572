#!/usr/bin/env python3
"""Make a store for the dashboard and load tests: N people with activity,
artifacts, findings, scores and score history, and a few planted stories.

usage: mkstore.py MOLEHUNT OUTDIR [--people N] [--days D] [--seed S]

The roster goes through `molehunt scan --roster` (so people, schema and
pseudonym-relevant keys are the real thing); activity, artifacts, findings
and scores are then written straight into the tables, as a scan with
detectors would leave them (docs/STORE.md; the days BLOB layout is
store/store_state.c's). Planted, for the tests to find:
  - a laptop farm: 5 people in different departments whose laptops all sign
    in from one residential address (203.0.113.77) with a KVM-over-IP device,
    stated in US zones but active at night there;
  - two people sharing one MFA device;
  - one person cloning repositories in bulk before leaving;
  - an extortion case opened by `molehunt extortion` from a message sent
    through the farm's address, with the playbook's first step done.
Finding texts name people by e-mail, so redaction has something to do.
Prints one JSON line: {"db", "roster", "tokens", "farm": [keys], ...}.
"""
import argparse
import io
import json
import math
import os
import random
import sqlite3
import struct
import subprocess
import zipfile
from email.message import EmailMessage

DEPTS = [("Engineering", ["Software Engineer", "Senior Software Engineer", "Staff Engineer",
                          "DevOps Engineer", "Data Engineer"]),
         ("IT", ["Systems Administrator", "Help Desk Analyst", "Network Engineer"]),
         ("Finance", ["Accountant", "Financial Analyst"]),
         ("Sales", ["Account Executive", "Sales Engineer"]),
         ("Support", ["Support Engineer", "Support Lead"]),
         ("Security", ["Security Engineer", "SOC Analyst"])]
ZONES = [("US", "America/New_York"), ("US", "America/Chicago"), ("US", "America/Denver"),
         ("US", "America/Los_Angeles"), ("GB", "Europe/London"), ("DE", "Europe/Berlin")]
FIRST = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david",
         "elizabeth", "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas",
         "sarah", "chris", "karen", "daniel", "lisa", "matthew", "nancy", "anthony", "betty",
         "mark", "sandra", "paul", "ashley", "steven", "emily", "kevin", "donna", "brian", "michelle"]
LAST = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez",
        "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor",
        "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez",
        "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen", "king", "wright"]
FAMILY = {"farm.shared_ip": "farm", "endpoint.kvm": "endpoint", "hours.offshift": "hours",
          "signin.vpn": "signin", "identity.shared_mfa": "identity", "exfil.bulk_clone": "exfil",
          "signin.impossible_travel": "signin", "endpoint.remote_access": "endpoint"}
MOVES = 7
DAY_MS = 86400000


def zone_offset_h(tz):
    return {"America/New_York": -5, "America/Chicago": -6, "America/Denver": -7,
            "America/Los_Angeles": -8, "Europe/London": 0, "Europe/Berlin": 1}[tz]


def day_blob(days):
    out = bytearray([1])
    for d in days:
        out += struct.pack("<iIIHHH", d["day"], d["hours"], d["events"], d["signins"],
                           d.get("fail", 0), d.get("flagged", 0))
        moves = [0] * MOVES
        moves[1] = d.get("clones", 0)
        out += struct.pack("<" + "H" * MOVES, *moves)
        out += struct.pack("<QII", d.get("bytes_out", 0), d.get("move_file", 0),
                           d.get("move_line", 0))
    return bytes(out)


def activity(rng, start_day, ndays, work_utc_hours, night=False):
    days, hist = [], [0] * 24
    for i in range(ndays):
        day = start_day + i
        wd = (day + 4) % 7  # 0 = Sunday
        if wd in (0, 6) and rng.random() < 0.85:
            continue
        hours = 0
        events = 0
        for h in work_utc_hours:
            if rng.random() < 0.9:
                hours |= 1 << h
                n = rng.randint(2, 12)
                events += n
                hist[h] += n
        if not hours:
            continue
        days.append({"day": day, "hours": hours, "events": events,
                     "signins": rng.randint(1, 4), "flagged": rng.randint(1, 3) if night else 0})
    return days, hist


def extortion_case(molehunt, out, db_path):
    """Case 1: a message whose Received chain passes the farm's residential
    address, opened and worked with the real commands."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payments-core/src/ledger.go", "package ledger\n\nfunc Post() {}\n" * 20)
    m = EmailMessage()
    m["Message-ID"] = "<mkstore.1@proton.me>"
    m["Date"] = "Fri, 13 Feb 2026 03:00:00 +0000"
    m["From"] = '"Data Recovery Team" <recovery.team@proton.me>'
    m["To"] = "<security@corp.example>"
    m["Subject"] = "Your source code is in our hands"
    m.set_content("We have your code. Pay 50 BTC within 7 days.\n")
    m.add_attachment(buf.getvalue(), maintype="application", subtype="zip",
                     filename="sample.zip")
    eml = os.path.join(out, "extortion.eml")
    with open(eml, "wb") as f:
        f.write(b"Received: from mail.protonmail.ch (mail.protonmail.ch [192.0.2.77])\r\n"
                b"\tby mx1.corp.example; Fri, 13 Feb 2026 03:00:01 +0000\r\n"
                b"Received: from [203.0.113.77] (unknown [203.0.113.77])\r\n"
                b"\tby mail.protonmail.ch with ESMTPSA; Fri, 13 Feb 2026 02:59:59 +0000\r\n" +
                m.as_bytes())
    env = dict(os.environ, MH_ANALYST="mkstore", MH_NOW_MS="1771042000000")
    db = os.path.abspath(db_path)
    # From the store's directory, so the evidence is named extortion.eml.
    subprocess.run([os.path.abspath(molehunt), "extortion", "--db", db, "extortion.eml"],
                   check=True, env=env, cwd=out, stdout=subprocess.DEVNULL)
    subprocess.run([molehunt, "case", "note", "1", "--db", db, "--done", "preserve",
                    "message and sample stored, head sent to counsel"], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("molehunt")
    ap.add_argument("out")
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    db_path = os.path.join(a.out, "store.db")
    roster = os.path.join(a.out, "roster.csv")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)

    people, used = [], set()
    for i in range(a.people):
        while True:
            f, l = rng.choice(FIRST), rng.choice(LAST)
            local = f"{f}.{l}" if f"{f}.{l}" not in used else f"{f}.{l}{i}"
            if local not in used:
                break
        used.add(local)
        dept, titles = rng.choice(DEPTS)
        cc, tz = rng.choice(ZONES)
        people.append({"key": f"E{10000 + i}", "email": f"{local}@corp.example",
                       "name": f"{f.title()} {l.title()}", "dept": dept,
                       "title": rng.choice(titles), "cc": cc, "tz": tz})
    # The stories, on fixed positions spread through the roster.
    farm = [people[i] for i in (3, 17 % a.people, 29 % a.people, 41 % a.people, 53 % a.people)]
    for p, tz in zip(farm, ["America/Chicago", "America/New_York", "America/Chicago",
                            "America/Denver", "America/New_York"]):
        p["tz"], p["cc"] = tz, "US"
    mfa_pair = [people[7 % a.people], people[61 % a.people]]
    leaver = people[11 % a.people]
    with open(roster, "w") as f:
        f.write("employee_id,email,name,department,title,country,timezone\n")
        for p in people:
            f.write(f'{p["key"]},{p["email"]},{p["name"]},{p["dept"]},{p["title"]},'
                    f'{p["cc"]},{p["tz"]}\n')
    subprocess.run([a.molehunt, "scan", "--db", db_path, "--roster", roster, "-q"], check=True)

    con = sqlite3.connect(db_path)
    ids = {k: i for i, k in con.execute("SELECT id, key FROM persons")}
    now_day = 20500  # 2026-02-14
    start = now_day - a.days
    con.execute("INSERT INTO sources(path, format, head_hash, offset, lines, prefix_hash,"
                " events, rejected, scanned_at) VALUES ('okta-2026-q1.jsonl', 'okta', 1, 0, 0,"
                " 0, 0, 0, 0)")
    src_okta = con.execute("SELECT max(id) FROM sources").fetchone()[0]
    con.execute("INSERT INTO sources(path, format, head_hash, offset, lines, prefix_hash,"
                " events, rejected, scanned_at) VALUES ('endpoint-ecs.jsonl.zst', 'ecs', 2, 0,"
                " 0, 0, 0, 0, 0)")
    src_ecs = con.execute("SELECT max(id) FROM sources").fetchone()[0]
    farm_keys = {p["key"] for p in farm}
    findings = {}  # key -> [(detector, points, summary, evidence)]

    def add_finding(p, det, pts, summary, texts, src, t_ms):
        ev = [{"source_id": src, "line": rng.randint(1, 900000), "ts_ms": t_ms + j * 3600000,
               "text": t} for j, t in enumerate(texts)]
        findings.setdefault(p["key"], []).append((det, pts, summary, json.dumps(ev), t_ms))

    t_end = (now_day - 1) * DAY_MS
    for p in people:
        off = zone_offset_h(p["tz"])
        if p["key"] in farm_keys:
            # 09-18 in Pyongyang/Shenyang terms: night in the stated US zone.
            utc = [(h - 8) % 24 for h in range(9, 18)]
            days, hist = activity(rng, start, a.days, utc, night=True)
        else:
            utc = [(h - off) % 24 for h in range(8 + rng.randint(0, 2), 17 + rng.randint(0, 2))]
            days, hist = activity(rng, start, a.days, utc)
        if p is leaver and days:
            for d in days[-5:]:
                d["clones"] = rng.randint(40, 90)
                d["bytes_out"] = rng.randint(2, 9) * 10 ** 9
        events = sum(d["events"] for d in days)
        first = days[0]["day"] * DAY_MS if days else None
        last = days[-1]["day"] * DAY_MS + 17 * 3600000 if days else None
        con.execute("UPDATE persons SET first_ms = ?, last_ms = ?, events = ?, hours = ?, days = ?"
                    " WHERE id = ?", (first, last, events, struct.pack("<24I", *hist),
                                      day_blob(days), ids[p["key"]]))
        pid = ids[p["key"]]
        arts = [("ip", f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"),
                ("ip", "198.51.100.10"),  # the office egress: shared by everyone
                ("mfa_device", f"{rng.getrandbits(128):032x}"),
                ("host", f"LT-{p['email'].split('@')[0].replace('.', '-')}"),
                ("country", p["cc"]), ("name", p["email"].split("@")[0])]
        if p["key"] in farm_keys:
            arts += [("ip", "203.0.113.77"), ("usb", "PiKVM v4 Plus 1d6b:0104"),
                     ("asn", "AS64501 Residential Cable")]
        if p in mfa_pair:
            arts.append(("mfa_device", "shared-dthash-5f2a9c"))
        for kind, value in arts:
            con.execute("INSERT OR IGNORE INTO artifacts(person_id, kind, value, src, count,"
                        " first_ms, last_ms, source_id, line) VALUES (?,?,?,?,?,?,?,?,?)",
                        (pid, kind, value, "okta", rng.randint(1, 300), first or 0, last or 0,
                         src_okta, rng.randint(1, 900000)))
    for p in farm:
        others = ", ".join(q["email"] for q in farm if q is not p)
        add_finding(p, "farm.shared_ip", 30,
                    f"{p['email']} signs in from 203.0.113.77, a residential address also used by "
                    f"{len(farm) - 1} colleagues ({others})",
                    [f"okta user.session.start {p['email']} from 203.0.113.77 (AS64501)"],
                    src_okta, t_end - 20 * DAY_MS)
        add_finding(p, "endpoint.kvm", 25,
                    f"KVM-over-IP device PiKVM v4 Plus attached to LT-{p['email'].split('@')[0]}",
                    [f"usb_devices add vendor=1d6b model=0104 host LT-{p['email'].split('@')[0]}"],
                    src_ecs, t_end - 30 * DAY_MS)
        add_finding(p, "hours.offshift", 18,
                    f"92% of activity between 19:00 and 04:00 in {p['tz']}, the stated zone",
                    [], 0, t_end - 2 * DAY_MS)
    for p in mfa_pair:
        other = [q for q in mfa_pair if q is not p][0]
        add_finding(p, "identity.shared_mfa", 35,
                    f"MFA device shared-dthash-5f2a9c also enrolled by {other['email']}",
                    [f"okta user.authentication.auth_via_mfa {p['email']} dtHash=shared-dthash-5f2a9c"],
                    src_okta, t_end - 9 * DAY_MS)
    add_finding(leaver, "exfil.bulk_clone", 40,
                f"{leaver['email']} cloned 312 repositories in 5 days, 40x their usual",
                [f"git.clone actor={leaver['email'].split('@')[0]} repo=corp/payments-core",
                 f"git.clone actor={leaver['email'].split('@')[0]} repo=corp/infra-secrets"],
                src_okta, t_end - 3 * DAY_MS)
    for p in people:
        if p["key"] in findings or rng.random() > 0.06:
            continue
        det = rng.choice(["signin.vpn", "signin.impossible_travel", "endpoint.remote_access"])
        add_finding(p, det, rng.choice([5, 8, 12]),
                    {"signin.vpn": f"{p['email']} signed in through a commercial VPN exit",
                     "signin.impossible_travel": "two sign-ins 6,000 km apart within 1 hour",
                     "endpoint.remote_access": "AnyDesk ran on the laptop"}[det],
                    [f"{det} evidence for {p['email']}"], src_okta, t_end - rng.randint(1, 40) * DAY_MS)

    for key, fl in findings.items():
        pid = ids[key]
        raw = 0.0
        contrib = {}
        for det, pts, summary, ev, t in fl:
            con.execute("INSERT INTO findings(detector, person_id, key, origin, first_ms, last_ms,"
                        " count, points, summary, evidence) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (det, pid, det, 0, t, t, 1, pts, summary, ev))
            contrib.setdefault(det, [0.0, 0])
            contrib[det][0] += pts
            contrib[det][1] += 1
            raw += pts
        fams = len({FAMILY[d] for d in contrib})
        score = 100 * (1 - math.exp(-raw * (1 + 0.25 * (fams - 1)) / 40))
        cj = [{"detector": d, "family": FAMILY[d], "points": v[0], "findings": v[1]}
              for d, v in sorted(contrib.items(), key=lambda x: -x[1][0])]
        con.execute("INSERT OR REPLACE INTO scores(person_id, score, as_of_ms, contributions) VALUES (?,?,?,?)",
                    (pid, score, t_end, json.dumps(cj)))
        for w in range(8):
            s = score * min(1.0, (w + 1) / 6) * (0.9 + 0.1 * rng.random())
            con.execute("INSERT OR REPLACE INTO score_history(person_id, as_of_ms, score, computed_at)"
                        " VALUES (?,?,?,?)", (pid, t_end - (7 - w) * 7 * DAY_MS, s, 0))
    con.commit()
    con.close()
    extortion_case(a.molehunt, a.out, db_path)
    print(json.dumps({"db": db_path, "roster": roster, "people": a.people,
                      "farm": sorted(farm_keys), "farm_emails": [p["email"] for p in farm],
                      "mfa_pair": [p["key"] for p in mfa_pair], "leaver": leaver["key"],
                      "case": 1}))


if __name__ == "__main__":
    main()
