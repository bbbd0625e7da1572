"""Four weeks of ECS file events: small files for everyone; after her notice the
leaver copies gigabytes to USB; the quiet leaver hands work over with ordinary files."""
import datetime

DAY0 = datetime.datetime(2024, 10, 21, 16, tzinfo=datetime.timezone.utc)


def event(t, user, path, size):
    print('{"@timestamp":"%s","event":{"kind":"event","category":["file"],"type":["creation"],'
          '"action":"creation"},"host":{"name":"LT-%s"},"user":{"name":"%s"},'
          '"file":{"path":"%s","size":%d}}' % (t.strftime("%Y-%m-%dT%H:%M:%SZ"), user, user,
                                                path, size))


for i in range(26):
    t = DAY0 + datetime.timedelta(days=i)
    for user in ("ann", "bob", "cal", "lea", "qui", "laid"):
        if user in ("lea", "qui") and i > 25 or user == "laid" and i > 18:
            continue
        event(t, user, "C:\\\\Users\\\\%s\\\\ledger.xlsx" % user, 90000)
    if 16 <= i < 20:  # after the notice on 2024-11-04
        for k in range(2):
            event(t + datetime.timedelta(minutes=k), "lea", "F:\\\\take\\\\clients-%d-%d.zip" % (i, k),
                  1500000000)
    if 14 <= i < 24:
        event(t, "qui", "E:\\\\handover\\\\notes-%d.docx" % i, 30000000)
