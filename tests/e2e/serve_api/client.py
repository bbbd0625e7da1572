#!/usr/bin/env python3
"""Drives two `molehunt serve` processes on loopback and writes what it saw
as JSON files for tests/e2e/run to compare with expect/.

1. over store/store.db (tests/web/mkstore.py): the ranked list, a person,
   the graph, reveals and the audit log, refusals;
2. over a fresh store with a two-person roster, tailing tail.jsonl and
   taking POSTed lines: events are counted once however often it is read.
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from serve_client import ANALYST, INVEST, Server, dump, texts  # noqa: E402

MH, IN = sys.argv[1], sys.argv[2]

def read_side():
    story = json.load(open("story.json"))
    emails = [l.split(",")[1] for l in open(story["roster"]).read().splitlines()[1:]]
    s = Server(MH, "--db", "store/store.db")
    st, people = s.call("/api/people?limit=5")
    dump("people.json", people)
    top = [p["pseudonym"] for p in people["people"]]
    st, person = s.call(f"/api/people/{top[0]}")
    dump("person.json", person)
    heat = person["activity"]["heat_local"]
    work = sum(heat[d][h] for d in range(1, 6) for h in range(9, 18))
    total = sum(sum(r) for r in heat)
    leaks = [t for t in texts([people, person]) for e in emails if e in t]
    st, graph = s.call("/api/graph")
    hubs = sorted(((n["people"], n["label"]) for n in graph["nodes"] if n["type"] == "artifact"),
                  reverse=True)
    revealed = []
    for p in top:
        st, who = s.call(f"/api/people/{p}/reveal", INVEST, json.dumps({"reason": "e2e farm"}),
                         "POST", {"Content-Type": "application/json"})
        revealed.append(who["person"])
    st, audit = s.call("/api/audit")
    st, search = s.call("/api/people?q=farm.shared_ip&limit=50")
    st, paged = s.call("/api/people?offset=295&limit=50")
    dump("checks.json", {
        "emails_shown_before_reveal": len(leaks),
        "top5_revealed_are_the_farm": sorted(revealed) == sorted(story["farm"]),
        "farm_work_hours_share_local": round(work / total, 2) if total else None,
        "graph_top_hub": hubs[0][1] if hubs else None,
        "graph_top_hub_people": hubs[0][0] if hubs else 0,
        "office_ip_in_graph": any(n["label"] == "198.51.100.10" for n in graph["nodes"]),
        "audit_reveals": sum(e["action"] == "reveal" for e in audit["entries"]),
        "audit_names_emails": any(e in t for t in texts(audit) for e in emails),
        "search_farm_matched": search["matched"],
        "last_page_size": len(paged["people"]),
        "history_points": len(person["score_history"]),
    })
    statuses = {
        "no_token": s.call("/api/people", token=None)[0],
        "bad_token": s.call("/api/people", token="not-a-valid-token-at-all")[0],
        "analyst_reveal": s.call(f"/api/people/{top[0]}/reveal", ANALYST, '{"reason":"why not"}',
                                 "POST")[0],
        "reveal_without_reason": s.call(f"/api/people/{top[0]}/reveal", INVEST, "{}", "POST")[0],
        "no_route": s.call("/api/secrets")[0],
        "wrong_method": s.call("/api/people", method="PUT", body="x")[0],
        "bad_limit": s.call("/api/people?limit=-1")[0],
        "unknown_person": s.call("/api/people/nobody-here-0000")[0],
        "ingest_garbage": s.call("/api/ingest", body="not a log line\n", method="POST")[0],
        "ingest_oversized": s.announce("/api/ingest", 9 << 20),
        "health_after_all_that": s.call("/api/health")[0],
    }
    dump("statuses.json", statuses)
    s.stop()


def wait_events(s, n, field):
    for _ in range(200):
        st, h = s.call("/api/health")
        got = h["ingest"]["tailing"][0]["events"] if field == "tail" else h["ingest"]["events"]
        if got >= n:
            return got
        time.sleep(0.05)
    return got


def store_events(db):
    import sqlite3
    con = sqlite3.connect(db)
    n = con.execute("SELECT sum(events) FROM persons").fetchone()[0]
    con.close()
    return n


def ingest_side():
    lines = open(os.path.join(IN, "okta.jsonl")).read().splitlines(True)
    subprocess.run([MH, "scan", "--db", "live.db", "--roster", os.path.join(IN, "roster.csv"),
                    "-q"], check=True)
    with open("tail.jsonl", "w") as f:
        f.writelines(lines[:2])
    s = Server(MH, "--db", "live.db", "--poll-ms", "100", "tail.jsonl")
    first = wait_events(s, 2, "tail")
    with open("tail.jsonl", "a") as f:
        f.writelines(lines[2:4])
    second = wait_events(s, 4, "tail")
    time.sleep(0.5)  # several more polls: nothing new must be counted
    st, h = s.call("/api/health")
    st, posted = s.call("/api/ingest?wait=1", body=lines[4], method="POST")
    s.stop()
    # A restart re-reads the file from its checkpoint: nothing is new.
    s = Server(MH, "--db", "live.db", "--poll-ms", "100", "tail.jsonl")
    time.sleep(0.6)
    st, h2 = s.call("/api/health")
    st, people = s.call("/api/people")
    s.stop()
    dump("ingest.json", {
        "tail_events_first": first, "tail_events_after_append": second,
        "tail_events_after_idle_polls": h["ingest"]["tailing"][0]["events"],
        "post_status": st and posted["scanned"], "post_events": posted["ingest"]["events"],
        "after_restart_tail_status": h2["ingest"]["tailing"][0]["status"],
        "after_restart_events": h2["ingest"]["events"],
        "store_events": store_events("live.db"),
        "people": people["total"],
        "spool_left": sorted(os.listdir("live.db.spool")),
    })


read_side()
ingest_side()
