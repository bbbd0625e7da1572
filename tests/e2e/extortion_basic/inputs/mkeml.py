"""Builds an extortion message like the ones DPRK workers send: a zip of
source files, an excerpt pasted (re-wrapped) into the body, a Received chain
through the sender's exit IP. usage: mkeml.py DOCS OUT.eml"""
import io
import sys
import zipfile
from email.message import EmailMessage

docs, out = sys.argv[1], sys.argv[2]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for rel in ["ledger-core/src/main.go", "ledger-core/README.md"]:
        z.write(f"{docs}/{rel}", rel)
runbook = open(f"{docs}/ledger-core/docs/runbook.md").read()
m = EmailMessage()
m["Message-ID"] = "<e2e.1@proton.me>"
m["Date"] = "Fri, 15 Nov 2024 03:00:00 +0000"
m["From"] = '"Data Recovery Team" <recovery.team@proton.me>'
m["Reply-To"] = "<settle.quietly@tutanota.com>"
m["To"] = "<security@acme.example>"
m["Subject"] = "Your source code is in our hands"
m.set_content("We have your code. Proof:\n\n" + " ".join(runbook.upper().split()) +
              "\n\nPay 50 BTC within 7 days.\n")
m.add_attachment(buf.getvalue(), maintype="application", subtype="zip",
                 filename="sample.zip")
raw = m.as_bytes()
hdr = (b"Received: from mail.protonmail.ch (mail.protonmail.ch [192.0.2.77])\r\n"
       b"\tby mx1.acme.example; Fri, 15 Nov 2024 03:00:01 +0000\r\n"
       b"Received: from [203.0.113.50] (unknown [203.0.113.50])\r\n"
       b"\tby mail.protonmail.ch with ESMTPSA; Fri, 15 Nov 2024 02:59:59 +0000\r\n")
open(out, "wb").write(hdr + raw)
