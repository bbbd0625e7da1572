#!/usr/bin/env python3
"""Self-test of leakcheck.py: plant one value only a positive has and make
sure the checker fails; plant it on an ordinary person too and make sure it
passes again. Usage: leakcheck_selftest.py DIR (a clean simulate output)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def planted(src, dst, people):
    os.makedirs(dst)
    for name in os.listdir(src):
        if name != "ecs.jsonl":
            os.symlink(os.path.join(src, name), os.path.join(dst, name))
    shutil.copy(os.path.join(src, "ecs.jsonl"), os.path.join(dst, "ecs.jsonl"))
    with open(os.path.join(dst, "ecs.jsonl"), "a") as f:
        for user in people:
            rec = {"@timestamp": "2030-01-01T00:00:00.000Z",
                   "event": {"kind": "event", "category": ["process"], "type": ["start"],
                             "action": "start"},
                   "host": {"name": "x"}, "user": {"name": user},
                   "process": {"name": "planted-leak.exe", "pid": 1}}
            f.write(json.dumps(rec) + "\n")


def check(d):
    return subprocess.run([sys.executable, os.path.join(HERE, "leakcheck.py"), d],
                          stdout=subprocess.PIPE, text=True).returncode


def main():
    src = sys.argv[1]
    truth = json.load(open(os.path.join(src, "truth.json")))
    pos = truth["positives"][0]["email"]
    neg = next(t["email"] for t in truth["traps"])
    with tempfile.TemporaryDirectory() as tmp:
        planted(src, os.path.join(tmp, "leak"), [pos])
        planted(src, os.path.join(tmp, "fine"), [pos, neg])
        leak, fine = check(os.path.join(tmp, "leak")), check(os.path.join(tmp, "fine"))
    if leak != 1 or fine != 0:
        print(f"leakcheck self-test FAILED: planted leak -> {leak} (want 1), shared -> {fine} (want 0)")
        return 1
    print("leakcheck self-test: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
