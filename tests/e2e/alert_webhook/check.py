import hashlib
import hmac
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.environ["CASE"], ".."))
from alert_helpers import Hook, closed_port, company, jsonl, scan  # noqa: E402

MH = sys.argv[1]
SECRET = b"e2e-webhook-secret-0123456789"
inputs = company(MH)
out = open("webhook.txt", "w")
with open("secret", "wb") as f:
    f.write(SECRET + b"\n")  # the trailing newline is not part of the key
os.chmod("secret", 0o600)
with open("fast.yaml", "w") as f:
    f.write("alert:\n  webhook:\n    retries: 2\n    backoff_ms: 50\n    batch: 10\n")
hook = Hook(SECRET)


def say(*a):
    print(*a, file=out, flush=True)


def received(path):
    """Alerts in the 2xx-answered POSTs to path, in order."""
    return [a for r in hook.on(path) if r["status"] == 200
            for a in json.loads(r["body"])["alerts"]]


def run(db, path, *extra):
    return scan(MH, db, "--config", "fast.yaml", "--webhook", hook.url(path),
                "--webhook-secret", "secret", *extra, *inputs)


# Delivered: every alert once, in batches of 10, each body signed.
rc, so, se = run("ok.db", "/ok", "--alerts", "ok.jsonl")
alerts = jsonl("ok.jsonl")
n = len(alerts)
reqs = hook.on("/ok")
say(f"ok: exit {rc}, stderr empty {se == ''}, alerts {n > 10}")
say(f"ok: every alert once, in order: {received('/ok') == alerts}")
say(f"ok: batches of at most 10: {len(reqs) == (n + 9) // 10 and all(json.loads(r['body'])['count'] <= 10 for r in reqs)}")
say(f"ok: every body signed with the secret: {all(r['signed'] for r in reqs)}, "
    f"json: {all(r['type'] == 'application/json' for r in reqs)}")
body, sig = reqs[0]["body"], reqs[0]["sig"]
other_body = "sha256=" + hmac.new(SECRET, body + b" ", hashlib.sha256).hexdigest()
other_key = "sha256=" + hmac.new(SECRET + b"\n", body, hashlib.sha256).hexdigest()
say(f"ok: the signature covers the body: {sig != other_body}, "
    f"and the key without its newline: {sig != other_key}")
want = "webhook " + hook.url("/ok") + f": {n} delivered"
say(f"ok: summary: {want in so}")

# 500 then 200: retried, delivered once, nothing to report.
hook.answers["/flaky"] = [500, 200]
rc, so, se = run("flaky.db", "/flaky")
say(f"flaky: exit {rc}, stderr empty {se == ''}")
say(f"flaky: first batch sent twice, the rest once: "
    f"{[r['status'] for r in hook.on('/flaky')][:3] == [500, 200, 200]}")
say(f"flaky: every alert delivered once: {len(received('/flaky')) == n and len({a['event']['id'] for a in received('/flaky')}) == n}")
say(f"flaky: a retry sends the same signed bytes: {hook.on('/flaky')[0]['body'] == hook.on('/flaky')[1]['body']}")

# 429 with Retry-After: 1: the retry waits the second asked for, not the
# configured 50 ms.
hook.answers["/busy"] = [(429, 1), 200]
rc, so, se = run("busy.db", "/busy")
busy = hook.on("/busy")
say(f"busy: exit {rc}, retried after the asked second: "
    f"{busy[0]['status'] == 429 and busy[1]['status'] == 200 and busy[1]['at'] - busy[0]['at'] >= 0.9}")
say(f"busy: every alert delivered once: {len(received('/busy')) == n}")

# 400: refused for good, not retried; the scan succeeds and says so; the
# alerts wait in the outbox and go to the next scan's (fixed) endpoint.
hook.answers["/bad"] = [400]
rc, so, se = run("bad.db", "/bad")
say(f"bad: exit {rc}, one request: {len(hook.on('/bad')) == 1}")
want = "alerts: webhook " + hook.url("/bad") + ": HTTP 400"
say(f"bad: reported: {want in se and 'not retried' in se and f'{n} alerts wait in the outbox' in se}")
say(f"bad: summary: {f'0 delivered, {n} waiting in the outbox' in so}")
rc, so, se = run("bad.db", "/fixed")
say(f"bad: the next scan delivers what waited: {rc == 0 and received('/fixed') == alerts and se == ''}")
say(f"bad: summary: {'alerts: 0 new or changed findings' in so and f'{n} delivered' in so}")

# Unreachable: tried 1 + retries times, reported, the scan succeeds.
url = f"http://127.0.0.1:{closed_port()}/hook"
rc, so, se = scan(MH, "down.db", "--config", "fast.yaml", "--webhook", url, *inputs)
say(f"down: exit {rc}, reported: {f'alerts: webhook {url}:' in se and '(3 attempts)' in se and 'wait in the outbox' in se}")

# Settings that can never work are refused before the scan reads anything.
os.chmod("secret", 0o644)
rc, so, se = run("mode.db", "/ok")
say(f"secret readable by others: exit {rc}, {'chmod 600' in se}, "
    f"store not even opened: {not os.path.exists('mode.db')}")
os.chmod("secret", 0o600)
for bad in ("ftp://127.0.0.1/x", "not a url"):
    rc, so, se = scan(MH, "u.db", "--webhook", bad, *inputs)
    say(f"bad url {bad}: exit {rc}, {'webhook URL' in se}")
rc, so, se = scan(MH, "u.db", "--webhook-secret", "secret", *inputs)
say(f"secret without url: exit {rc}")
# Credentials in the URL are never printed.
rc, so, se = scan(MH, "cred.db", "--config", "fast.yaml", "--webhook",
                  f"http://user:pw@127.0.0.1:{closed_port()}/x?token=s3cret", *inputs)
say(f"credentials hidden: {rc == 0 and 'pw@' not in se + so and 's3cret' not in se + so}")
