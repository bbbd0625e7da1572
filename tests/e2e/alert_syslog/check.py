import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.environ["CASE"], ".."))
from alert_helpers import TCP, UDP, UnixDgram, closed_port, company, jsonl, parse5424, scan  # noqa: E402
import re  # noqa: E402

MH = sys.argv[1]
SEV = {"critical": 2, "warning": 4, "notice": 5}
inputs = company(MH)
out = open("syslog.txt", "w")


def say(*a):
    print(*a, file=out, flush=True)


def agree(msgs, alerts, facility, whole=True):
    """Each message is well-formed and carries one alert; together exactly
    the --alerts lines. whole: MSG is the alert's JSON unchanged."""
    by_id = {a["event"]["id"]: a for a in alerts}
    seen = []
    for raw in msgs:
        m = parse5424(raw)
        sd = m["sd"]["molehunt@32473"]
        a = by_id[sd["id"]]
        assert m["facility"] == facility, m["facility"]
        assert m["severity"] == SEV[a["molehunt"]["level"]]
        assert (m["app"], m["msgid"]) == ("molehunt", "finding")
        assert m["procid"].isdigit() and m["timestamp"].endswith("Z")
        assert sd["detector"] == a["rule"]["id"] and sd["person"] == a["user"]["id"]
        assert abs(float(sd["score"]) - a["event"]["risk_score"]) < 0.051
        if whole:
            assert json.loads(m["msg"]) == a
        seen.append(sd["id"])
    return sorted(seen) == sorted(by_id)


def one(name, db, target, receiver, facility=16, extra=()):
    rc, so, se = scan(MH, db, "--alerts", f"{name}.jsonl", "--syslog", target, *extra, *inputs)
    alerts = jsonl(f"{name}.jsonl")
    msgs = receiver.wait_for(len(alerts))
    say(f"{name}: exit {rc}, alerts {len(alerts) > 10}, stderr empty {se == ''}")
    say(f"{name}: summary names the sink: {'syslog ' + target + ': ' + str(len(alerts)) + ' delivered' in so}")
    say(f"{name}: every alert arrived once, as sent: {len(msgs) == len(alerts) and agree(msgs, alerts, facility)}")
    n = len(msgs)
    rc, so, se = scan(MH, db, "--syslog", target, *extra, *inputs)
    say(f"{name}: re-scan exit {rc}, sends nothing: {len(receiver.wait_for(n + 1, 1)) == n}")
    return alerts


u = UDP()
one("udp", "u.db", f"udp://127.0.0.1:{u.port}", u)
t = TCP()
one("tcp", "t.db", f"tcp://127.0.0.1:{t.port}", t, 4, ("--syslog-facility", "auth"))
say(f"tcp: frames clean: {t.errors == []}, connects only to send: {t.connections == 1}")
# tls:// (RFC 5425): the server's certificate checked against
# alert.syslog.ca_file and its name against the target's host.
for name, san in (("good", "IP:127.0.0.1,DNS:localhost"), ("wrong", "DNS:wrong.example")):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", f"{name}.key", "-out", f"{name}.pem", "-subj", "/CN=molehunt-e2e",
                    "-addext", f"subjectAltName={san}"], check=True, capture_output=True)
    with open(f"{name}.yaml", "w") as f:
        f.write(f"alert:\n  syslog:\n    ca_file: {name}.pem\n")
s = TCP("good.pem", "good.key")
one("tls", "tls1.db", f"tls://127.0.0.1:{s.port}", s, 16, ("--config", "good.yaml"))
say(f"tls: frames clean: {s.errors == []}, connects only to send: {s.connections == 1}")
s2 = TCP("good.pem", "good.key")
rc, so, se = scan(MH, "tls2.db", "--syslog", f"tls://127.0.0.1:{s2.port}", *inputs)
say(f"tls, untrusted CA: exit {rc}, refused: {'certificate not trusted' in se and 'wait in the outbox' in se}, "
    f"nothing sent: {s2.msgs == []}")
s3 = TCP("wrong.pem", "wrong.key")
rc, so, se = scan(MH, "tls3.db", "--config", "wrong.yaml", "--syslog", f"tls://127.0.0.1:{s3.port}",
                  *inputs)
say(f"tls, name not in the certificate: exit {rc}, refused: {'certificate not trusted' in se}, "
    f"nothing sent: {s3.msgs == []}")
rc, so, se = scan(MH, "tls2.db", "--config", "good.yaml", "--syslog", f"tls://127.0.0.1:{s2.port}",
                  *inputs)
say(f"tls: once trusted, the next scan delivers what waited: {rc == 0 and len(s2.wait_for(1)) > 10}")

x = UnixDgram(os.path.abspath("log.sock"))
one("unix", "x.db", "unix:" + os.path.abspath("log.sock"), x, 23, ("--syslog-facility", "23"))

# A limit that fits some alerts whole: the others go without their evidence
# texts, and still as JSON.
with open("mid.yaml", "w") as f:
    f.write("alert:\n  syslog:\n    max_bytes: 1200\n")
m = UDP()
rc, so, se = scan(MH, "m.db", "--config", "mid.yaml", "--alerts", "m.jsonl",
                  "--syslog", f"udp://127.0.0.1:{m.port}", *inputs)
alerts = jsonl("m.jsonl")
msgs = m.wait_for(len(alerts))
say(f"mid: exit {rc}, every alert arrived once: {len(msgs) == len(alerts) and agree(msgs, alerts, 16, False)}")
by_id = {a["event"]["id"]: a for a in alerts}
whole = compact = 0
for raw in msgs:
    p = parse5424(raw)
    a, got = by_id[p["sd"]["molehunt@32473"]["id"]], json.loads(p["msg"])
    if got == a:
        whole += 1
    else:
        ev = a["molehunt"].pop("evidence")
        a["molehunt"]["evidence_omitted"] = len(ev)
        compact += got == a
say(f"mid: within 1200 bytes: {max(len(x) for x in msgs) <= 1200}, "
    f"whole and without evidence: {whole > 0 and compact > 0 and whole + compact == len(msgs)}")

# The least a receiver must take, 480 bytes: every alert still arrives, its
# structured data whole and MSG cut (RFC 5424 section 6.1).
with open("small.yaml", "w") as f:
    f.write("alert:\n  syslog:\n    max_bytes: 480\n")
s = UDP()
rc, so, se = scan(MH, "s.db", "--config", "small.yaml", "--alerts", "s.jsonl",
                  "--syslog", f"udp://127.0.0.1:{s.port}", *inputs)
alerts = jsonl("s.jsonl")
lines = {a["event"]["id"]: l.rstrip("\n") for a, l in zip(alerts, open("s.jsonl"))}
msgs = s.wait_for(len(alerts))
say(f"small: exit {rc}, every alert arrived once: {len(msgs) == len(alerts) and agree(msgs, alerts, 16, False)}")
say(f"small: all within 480 bytes: {max(len(x) for x in msgs) <= 480}")
cut = [parse5424(x) for x in msgs]
say(f"small: MSG is the alert's start: "
    f"{all(len(c['msg']) > 100 and lines[c['sd']['molehunt@32473']['id']].startswith(c['msg']) for c in cut)}")

# A receiver that is down: the scan still succeeds, says so, and the next
# scan delivers what waited (to the new address: the outbox is per kind).
port = closed_port()
rc, so, se = scan(MH, "d.db", "--syslog", f"tcp://127.0.0.1:{port}", *inputs)
n = int(re.search(r"alerts: (\d+) new or changed", so).group(1))
say(f"down: exit {rc}, reported: "
    f"{f'alerts: syslog tcp://127.0.0.1:{port}: cannot connect' in se and f'{n} alerts wait in the outbox' in se}")
say(f"down: summary: {f'0 delivered, {n} waiting in the outbox' in so}")
t2 = TCP()
rc, so, se = scan(MH, "d.db", "--syslog", f"tcp://127.0.0.1:{t2.port}", *inputs)
msgs = t2.wait_for(n)
say(f"down: the next scan delivers what waited: {n > 10 and len(msgs) == n}, stderr empty {se == ''}")

# Bad targets are refused before anything is read.
for bad in ("udp://", "tcp://h:0", "tcp://h:99999", "http://h", "unix:", "udp://[::1"):
    rc, so, se = scan(MH, "bad.db", "--syslog", bad, *inputs)
    say(f"bad target {bad}: exit {rc}, {'syslog target' in se}")
rc, so, se = scan(MH, "bad.db", "--syslog", "udp://127.0.0.1:9", "--syslog-facility", "local9", *inputs)
say(f"bad facility: exit {rc}, {'facility' in se}")
say(f"store not even opened: {not os.path.exists('bad.db')}")
