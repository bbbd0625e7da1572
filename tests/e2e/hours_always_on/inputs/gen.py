"""ECS process starts, one per active hour, for three weeks (UTC hours)."""
import datetime

DAY0 = datetime.datetime(2024, 10, 28, tzinfo=datetime.timezone.utc)


def hours(user, i):
    if user == "two":  # 16-hour stretches every working day
        return range(0, 16)
    if user == "sre":  # a normal day, paged at 3 am on alternate nights
        return list(range(14, 23)) + ([32] if i % 2 else [])
    return range(13, 28) if i < 3 else range(14, 23)  # three long days at month end


for i in range(21):
    day = DAY0 + datetime.timedelta(days=i)
    if day.weekday() >= 5:
        continue
    for user in ("two", "sre", "cfo"):
        for h in hours(user, i):
            t = day + datetime.timedelta(hours=h, minutes=3)
            print('{"@timestamp":"%s","event":{"kind":"event","category":["process"],'
                  '"type":["start"],"action":"start"},"host":{"name":"LT-%s"},'
                  '"user":{"name":"%s"},"process":{"pid":%d,"name":"code","executable":'
                  '"/usr/bin/code"}}' % (t.strftime("%Y-%m-%dT%H:%M:%SZ"), user, user, 100 + h))
