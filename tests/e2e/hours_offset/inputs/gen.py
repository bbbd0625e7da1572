"""ECS process starts, one per active hour, for three weeks of weekdays (UTC hours)."""
import datetime

DAY0 = datetime.datetime(2024, 10, 28, tzinfo=datetime.timezone.utc)  # a Monday, after DST ended in Europe
HOURS = {
    "ann": (14, 23), "bob": (13, 22), "cat": (14, 23), "dan": (16, 25),  # 8-17 local
    "op": (0, 9),     # 08:00-17:00 in UTC+8: 18:00-03:00 in Chicago
    "noc": (1, 10),   # nights in Chicago, a night-shift role
    "seo": (0, 9),    # 09:00-18:00 in Seoul
    "tra": (14, 23),  # Chicago hours, but a week in Asia (below)
}
for i in range(21):
    day = DAY0 + datetime.timedelta(days=i)
    if day.weekday() >= 5:
        continue
    for user, (a, b) in HOURS.items():
        if user == "tra" and 7 <= i < 12:
            a, b = 1, 10
        for h in range(a, b):
            t = day + datetime.timedelta(hours=h, minutes=7)
            print('{"@timestamp":"%s","event":{"kind":"event","category":["process"],'
                  '"type":["start"],"action":"start"},"host":{"name":"LT-%s"},'
                  '"user":{"name":"%s"},"process":{"pid":%d,"name":"code","executable":'
                  '"/usr/bin/code"}}' % (t.strftime("%Y-%m-%dT%H:%M:%SZ"), user, user, 100 + h))
