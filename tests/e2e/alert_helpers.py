"""What the alert end-to-end cases share: a small simulated company, running
`molehunt scan`, an RFC 5424 parser, and local receivers (UDP, TCP with
RFC 6587 octet counting, a unix datagram socket, an HTTP server whose answers
the test scripts) that record what arrives."""
import hashlib
import hmac
import http.server
import json
import os
import socket
import ssl
import subprocess
import threading
import time

BOM = b"\xef\xbb\xbf"

# libcurl honours proxy variables; the receivers are on loopback.
for _v in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(_v, None)


def company(mh, out="co"):
    """A seeded company whose scan yields a couple of dozen alerts."""
    subprocess.run([mh, "simulate", "--out", out, "--employees", "30", "--days", "20",
                    "--seed", "21", "--quiet"], check=True)
    return ["--roster", f"{out}/roster.csv", "--intel", f"{out}/intel"] + [
        f"{out}/{n}.jsonl" for n in ("okta", "entra", "ecs", "osquery", "github")]


def scan(mh, db, *args):
    p = subprocess.run([mh, "scan", "--db", db, "--no-progress", *args], capture_output=True,
                       text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def jsonl(path):
    with open(path) as f:
        return [json.loads(l) for l in f]


def _sd(s, i):
    """SD-ELEMENT at s[i] ('['): (sd_id, params, index after ']')."""
    j = i + 1
    while s[j] not in " ]":
        j += 1
    sd_id, params = s[i + 1:j], {}
    while s[j] == " ":
        k = s.index("=", j)
        name = s[j + 1:k]
        assert s[k + 1] == '"', "PARAM-VALUE must be quoted"
        v, k = [], k + 2
        while s[k] != '"':
            if s[k] == "\\" and s[k + 1] in '"\\]':
                k += 1
            elif s[k] in '"]':
                raise AssertionError("unescaped " + s[k])
            v.append(s[k])
            k += 1
        params[name] = "".join(v)
        j = k + 1
    assert s[j] == "]", "SD-ELEMENT not closed"
    return sd_id, params, j + 1


def parse5424(raw):
    """One RFC 5424 message (bytes) as a dict; AssertionError if malformed."""
    s = raw.decode("utf-8")
    assert s[0] == "<", "no PRI"
    end = s.index(">")
    pri = int(s[1:end])
    assert 0 <= pri <= 191 and s[1:end] == str(pri)
    head = s[end + 1:].split(" ", 6)
    version, ts, host, app, procid, msgid, rest = head
    assert version == "1", "VERSION must be 1"
    m = {"pri": pri, "facility": pri // 8, "severity": pri % 8, "timestamp": ts,
         "hostname": host, "app": app, "procid": procid, "msgid": msgid, "sd": {}}
    if rest.startswith("-"):
        i = 1
    else:
        i = 0
        while i < len(rest) and rest[i] == "[":
            sd_id, params, i = _sd(rest, i)
            m["sd"][sd_id] = params
    tail = rest[i:].encode("utf-8")
    if tail:
        assert tail[:1] == b" " and tail[1:4] == BOM, "MSG must be BOM-prefixed UTF-8"
        m["msg"] = tail[4:].decode("utf-8")
    return m


class Receiver:
    """Collects whole messages on a background thread."""

    def __init__(self):
        self.msgs, self.errors = [], []
        self.t = threading.Thread(target=self.run, daemon=True)

    def wait_for(self, n, timeout=10):
        t0 = time.time()
        while len(self.msgs) < n and time.time() - t0 < timeout:
            time.sleep(0.05)
        time.sleep(0.3)  # anything beyond n would show up now
        return self.msgs


class UDP(Receiver):
    def __init__(self):
        super().__init__()
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.bind(("127.0.0.1", 0))
        self.port = self.s.getsockname()[1]
        self.t.start()

    def run(self):
        while True:
            self.msgs.append(self.s.recvfrom(70000)[0])


class UnixDgram(UDP):
    def __init__(self, path):
        Receiver.__init__(self)
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if os.path.exists(path):
            os.unlink(path)
        self.s.bind(path)
        self.t.start()


class TCP(Receiver):
    """RFC 6587 octet counting: "LEN SP MSG" frames, strictly. With a
    certificate and key, TLS on top (RFC 5425)."""

    def __init__(self, cert=None, key=None):
        super().__init__()
        self.tls = None
        if cert:
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(cert, key)
        self.s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.s.bind(("127.0.0.1", 0))
        self.s.listen(4)
        self.port = self.s.getsockname()[1]
        self.connections = 0
        self.t.start()

    def run(self):
        while True:
            c, _ = self.s.accept()
            self.connections += 1
            if self.tls:
                try:
                    c = self.tls.wrap_socket(c, server_side=True)
                except (ssl.SSLError, OSError) as e:
                    self.errors.append("handshake: %s" % e)
                    c.close()
                    continue
            buf = b""
            while True:
                d = c.recv(65536)
                if not d:
                    break
                buf += d
                while b" " in buf:
                    n, rest = buf.split(b" ", 1)
                    if not n.isdigit() or n.startswith(b"0"):
                        self.errors.append("bad frame length %r" % n[:20])
                        buf = b""
                        break
                    if len(rest) < int(n):
                        break
                    self.msgs.append(rest[:int(n)])
                    buf = rest[int(n):]
            if buf:
                self.errors.append("%d bytes left after the last frame" % len(buf))
            c.close()


class Hook(http.server.ThreadingHTTPServer):
    """POST /PATH: answers[PATH] is a list of statuses used in turn (the last
    repeats), each a number or (status, Retry-After seconds); every request
    is recorded with its arrival time and whether its HMAC verified."""

    def __init__(self, secret=None):
        self.secret, self.answers, self.requests = secret, {}, []
        super().__init__(("127.0.0.1", 0), _HookHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def on(self, path):
        return [r for r in self.requests if r["path"] == path]


class _HookHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        srv = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        sig = self.headers.get("X-Molehunt-Signature")
        ok = None
        if srv.secret is not None:
            want = "sha256=" + hmac.new(srv.secret, body, hashlib.sha256).hexdigest()
            ok = sig is not None and hmac.compare_digest(sig, want)
        seq = srv.answers.get(self.path, [200])
        status = seq[min(len(srv.on(self.path)), len(seq) - 1)]
        status, after = status if isinstance(status, tuple) else (status, None)
        srv.requests.append({"path": self.path, "body": body, "signed": ok, "sig": sig,
                             "status": status, "at": time.monotonic(),
                             "type": self.headers.get("Content-Type")})
        self.send_response(status)
        if after is not None:
            self.send_header("Retry-After", str(after))
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"no" if status >= 300 else b"ok")

    def log_message(self, *a):
        pass


def closed_port():
    """A loopback port nothing listens on."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
