"""Three weeks of ECS file events: small work files for everyone, weekly USB copies
for the sales rep, and a three-day burst of archives to a USB drive by the new hire."""
import datetime

DAY0 = datetime.datetime(2024, 10, 21, 15, tzinfo=datetime.timezone.utc)


def event(t, user, path, size):
    print('{"@timestamp":"%s","event":{"kind":"event","category":["file"],"type":["creation"],'
          '"action":"creation"},"host":{"name":"LT-%s"},"user":{"name":"%s"},'
          '"file":{"path":"%s","size":%d}}' % (t.strftime("%Y-%m-%dT%H:%M:%SZ"), user, user,
                                                path, size))


for i in range(21):
    t = DAY0 + datetime.timedelta(days=i)
    for user in ("ann", "bob", "cal", "dee", "op", "sal"):
        event(t, user, "C:\\\\Users\\\\%s\\\\notes.txt" % user, 4000)
    if i % 7 == 2:
        event(t, "sal", "E:\\\\decks\\\\q3-%d.zip" % i, 450000000)
    if 9 <= i < 12:
        for k in range(3):
            event(t + datetime.timedelta(minutes=k), "op", "E:\\\\dump\\\\repo-%d-%d.zip" % (i, k),
                  400000000)
