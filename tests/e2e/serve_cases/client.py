#!/usr/bin/env python3
"""Reads the case that cmd opened through `molehunt serve` and writes what it
saw as JSON files for tests/e2e/run to compare with expect/. Everything the
answers claim is checked against the store and the inputs themselves: the
chain is recomputed from case_log, the evidence hash from the message file,
the top candidate revealed (as an investigator) against truth.json."""
import csv
import datetime
import hashlib
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from serve_client import ANALYST, INVEST, Server, dump, texts  # noqa: E402

MH = sys.argv[1]
PSEUDO = re.compile(r"^[a-z]+-[a-z]+-\d{4}$")


def identities():
    """Every roster e-mail, name, key and alias: none may appear in an answer."""
    out = []
    with open("d/roster.csv") as f:
        for row in csv.DictReader(f):
            out += [row["email"], row["name"], row["employee_id"], row["personal_email"]]
            out += row["aliases"].split(";")
    return [x for x in out if len(x) >= 5]


def termination_ms(key):
    with open("d/roster.csv") as f:
        for row in csv.DictReader(f):
            if row["employee_id"] == key and row["termination_date"]:
                y, m, d = map(int, row["termination_date"].split("-"))
                t = datetime.datetime(y, m, d, tzinfo=datetime.timezone.utc)
                return int(t.timestamp() * 1000)
    return None


def chain(db):
    """(seq, prev, hash) of case 1, recomputed from the stored entries."""
    con = sqlite3.connect(db)
    prev, out = "0" * 64, []
    for seq, entry in con.execute("SELECT seq, entry FROM case_log WHERE case_id = 1 ORDER BY seq"):
        h = hashlib.sha256(f"{prev}\n{entry}".encode()).hexdigest()
        out.append({"seq": seq, "prev": prev, "hash": h})
        prev = h
    con.close()
    return out


def leaks(answers):
    ids = identities()
    return sorted({i for t in texts(answers) for i in ids if i in t})


def main():
    truth = json.load(open("d/truth.json"))
    eml_sha = hashlib.sha256(open("d/extortion.eml", "rb").read()).hexdigest()
    expect_chain = chain("t.db")
    s = Server(MH, "--db", "t.db")
    st_list, lst = s.call("/api/cases")
    st_case, case = s.call("/api/cases/1")
    st_inv, case_inv = s.call("/api/cases/1", INVEST)
    dump("list.json", lst)
    dump("case.json", case)
    top = lst["cases"][0]["top_candidate"]["pseudonym"] if lst["cases"] else None
    st, who = s.call(f"/api/people/{top}/reveal", INVEST, json.dumps({"reason": "e2e case 1"}),
                     "POST")
    log = case["log"]
    dump("checks.json", {
        "status_list": st_list, "status_case": st_case,
        "chain_matches_store": [{k: e[k] for k in ("seq", "prev", "hash")} for e in log]
        == expect_chain,
        "head_is_last_hash": case["head"] == expect_chain[-1]["hash"] == lst["cases"][0]["head"],
        "extortion_head_is_entry_6": json.load(open("ext.json"))["head"]
        == expect_chain[5]["hash"],
        "evidence_is_the_message": [e["sha256"] for e in case["evidence"]] == [eml_sha],
        "candidates_pseudonymised": all(PSEUDO.match(c["pseudonym"] or "")
                                        for c in case["candidates"]),
        "top_candidate_in_list_is_first_in_case": top == case["candidates"][0]["pseudonym"],
        "candidate_scores_are_the_extortion_run's": [c["score"] for c in case["candidates"]]
        == [c["score"] for c in json.load(open("ext.json"))["candidates"][:10]],
        "top_candidate_revealed_is_the_culprit": who and who.get("person")
        == truth["extortion"]["culprit"],
        "identities_in_answers_analyst": leaks([lst, case]),
        "identities_in_answers_investigator": leaks([case_inv]),
        "top_candidate_terminated_as_on_roster": case["candidates"][0]["terminated_ms"]
        == termination_ms(truth["extortion"]["culprit"]),
        "playbook_done": [p["id"] for p in case["playbook"] if p["done"]],
        "attribution_text_names_top": any(e["kind"] == "attribution" and top in e["text"]
                                          for e in log),
    })
    statuses = {
        "no_token": s.call("/api/cases", token=None)[0],
        "not_a_number": s.call("/api/cases/abc")[0],
        "zero": s.call("/api/cases/0")[0],
        "unknown_case": s.call("/api/cases/2")[0],
        "bad_limit": s.call("/api/cases?limit=0")[0],
        "post": s.call("/api/cases", body="{}", method="POST")[0],
    }
    s.stop()

    # An entry edited behind the triggers' back: the case no longer verifies.
    con = sqlite3.connect("t.db")
    con.execute("DROP TRIGGER case_log_no_update")
    con.execute("UPDATE case_log SET entry = replace(entry, 'counsel', 'nobody') WHERE seq = 7")
    con.commit()
    con.close()
    s = Server(MH, "--db", "t.db")
    st, tampered = s.call("/api/cases")
    st, tampered_case = s.call("/api/cases/1")
    s.stop()
    dump("tampered.json", {"list": tampered["cases"][0], "case": {
        k: tampered_case[k] for k in ("verified", "problems")}})

    s = Server(MH, "--db", "plain.db")
    statuses["plain_list"], plain = s.call("/api/cases")
    statuses["plain_case"] = s.call("/api/cases/1")[0]
    s.stop()
    dump("plain.json", plain)
    dump("statuses.json", statuses)


main()
