"""A message whose attachments attack the unpacker: path traversal, an
absolute path, a zip bomb, archives nested five deep, plus one honest file.
usage: mkhostile.py OUT.eml"""
import io
import sys
import zipfile
from email.message import EmailMessage


def zipped(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


m = EmailMessage()
m["From"] = "<anon@proton.me>"
m["Date"] = "Fri, 15 Nov 2024 03:00:00 +0000"
m["Subject"] = "hostile"
m.set_content("see attachments\n")
att = {
    "traversal.zip": zipped([("ok.txt", b"fine"), ("../evil.txt", b"evil")]),
    "absolute.zip": zipped([("/etc/cron.d/x", b"* * * * * root sh")]),
    "bomb.zip": zipped([("zeros.bin", bytes(64 << 20))]),
}
deep = zipped([("core.txt", b"the innermost file")])
for _ in range(4):
    deep = zipped([("next.zip", deep)], zipfile.ZIP_STORED)
att["deep.zip"] = deep
for name, data in att.items():
    m.add_attachment(data, maintype="application", subtype="zip", filename=name)
m.add_attachment(b"an honest file\n", maintype="text", subtype="plain", filename="ok.txt")
open(sys.argv[1], "wb").write(m.as_bytes())
