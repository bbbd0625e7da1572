import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.environ["CASE"], ".."))
from alert_helpers import UDP, Hook, company, parse5424  # noqa: E402
from serve_client import Server  # noqa: E402

MH = sys.argv[1]
inputs = company(MH)
out = open("serve.txt", "w")
with open("once.yaml", "w") as f:
    f.write("alert:\n  webhook:\n    retries: 0\n")


def say(*a):
    print(*a, file=out, flush=True)


def health(srv):
    return srv.call("/api/health")[1]["ingest"]["alerts"]


def until(what, timeout=30):
    t0 = time.time()
    while time.time() - t0 < timeout:
        v = what()
        if v:
            return v
        time.sleep(0.1)
    return None


u = UDP()
hook = Hook()
hook.answers["/h"] = [503, 503, 200]  # the first scan's POST and the first retry fail
srv = Server(MH, "--db", "s.db", "--poll-ms", "100", "--config", "once.yaml",
             "--syslog", f"udp://127.0.0.1:{u.port}", "--webhook", hook.url("/h"), *inputs)
# The tailed inputs are scanned at once: alerts staged, syslog takes them,
# the webhook refuses them.
a = until(lambda: (lambda h: h if h["staged"] else None)(health(srv)))
n = a["staged"]
msgs = u.wait_for(n)
say(f"first scan: alerts {n > 10}, syslog got each once: "
    f"{len(msgs) == n and len({parse5424(m)['sd']['molehunt@32473']['id'] for m in msgs}) == n}")
say(f"first scan: webhook refused, the alerts wait: {a['pending'] == n and 'HTTP 503' in (a['last_error'] or '')}")
# Idle: retried after 30 polls (3 s here), refused once more, then taken.
a = until(lambda: (lambda h: h if h["pending"] == 0 else None)(health(srv)))
got = [x for r in hook.on("/h") if r["status"] == 200 for x in json.loads(r["body"])["alerts"]]
say(f"idle retry: delivered {a is not None and a['delivered'] == 2 * n}, "
    f"webhook got each once: {len(got) == n and len({x['event']['id'] for x in got}) == n}, "
    f"error cleared: {a is not None and a['last_error'] is None}")
say(f"idle retry: three webhook attempts: {[r['status'] for r in hook.on('/h')][:3] == [503, 503, 200]}")
srv.stop()
err = open("serve.err").read()
say(f"serve reported the refusals: {len(re.findall('alerts: webhook .*HTTP 503', err)) == 2}")
