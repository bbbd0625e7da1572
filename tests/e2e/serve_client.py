"""What the serve end-to-end clients share: the test tokens, a `molehunt serve`
on a free loopback port that never outlives a failed check, and small helpers
for writing and searching answers."""
import atexit
import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request

ANALYST = "analyst-e2e-token-0123456789"
INVEST = "investigator-e2e-token-0123456789"


RUNNING = []


@atexit.register
def _stop_all():
    """A failed check must not leave a server behind."""
    for p in RUNNING:
        if p.poll() is None:
            p.kill()
            p.wait()


class Server:
    def __init__(self, mh, *args):
        self.out = open("serve.out", "w+")
        self.p = subprocess.Popen([mh, "serve", "--token-file", "tokens", "--listen",
                                   "127.0.0.1:0", "-q", *args], stdout=self.out,
                                  stderr=open("serve.err", "a"))
        RUNNING.append(self.p)
        for _ in range(100):
            self.out.seek(0)
            m = re.search(r"listening on (http://[0-9.]+:\d+)/", self.out.read())
            if m:
                self.base = m.group(1)
                return
            time.sleep(0.05)
        raise SystemExit("serve did not start: " + open("serve.err").read())

    def call(self, path, token=ANALYST, body=None, method=None, headers=None):
        h = dict(headers or {})
        if token:
            h["Authorization"] = f"Bearer {token}"
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.base + path, data=data, headers=h, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, None

    def announce(self, path, length):
        """Announce a body of length bytes, send none: the status of the reply."""
        host, port = self.base[len("http://"):].split(":")
        with socket.create_connection((host, int(port)), timeout=10) as c:
            c.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ANALYST}\r\n"
                      f"Content-Length: {length}\r\n\r\n".encode())
            return int(c.recv(64).split()[1])

    def stop(self):
        self.p.terminate()
        rc = self.p.wait(timeout=10)
        if rc != 0:
            raise SystemExit(f"serve exited {rc}")


def dump(name, obj):
    with open(name, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)


def texts(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from texts(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from texts(v)
    elif isinstance(obj, str):
        yield obj
