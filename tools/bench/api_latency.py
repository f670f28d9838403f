#!/usr/bin/env python3
# HTTP latency of sitrep serve's filtered queries (the "API p99"): each kind 30 times, round-robin.
# Usage: sitrep store-bench --db /tmp/sq.db --events 1000000 --runs 1
#        sitrep serve --db /tmp/sq.db --addr 127.0.0.1:8099 &
#        python3 tools/bench/api_latency.py http://127.0.0.1:8099
import time, urllib.request, sys
base = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8099'
kinds = {
  'no filter': '/api/events?limit=100',
  'type': '/api/events?type=assault&limit=100',
  'country': '/api/events?country=SYR&limit=100',
  'country+type+year': '/api/events?country=UKR&type=assault&from=2022-01-01&to=2022-12-31&limit=100',
  'date range': '/api/events?from=2023-03-01&to=2023-03-31&limit=100',
  'bbox 4x4': '/api/events?bbox=35,32,39,36&limit=100',
  'actor': '/api/events?actor=Russia&limit=100',
  'actor+year': '/api/events?actor=Russia&from=2022-01-01&to=2022-12-31&limit=100',
  'text one word': '/api/events?q=shelling&limit=100',
  'text two words': '/api/events?q=rebels+Damascus&limit=100',
  'text+country': '/api/events?q=protesters&country=SOM&limit=100',
  'offset page': '/api/events?country=SYR&offset=5000&limit=100',
  'min confidence': '/api/events?min_confidence=0.8&limit=100',
  'histogram month': '/api/histogram?bucket=month&country=SYR',
  'histogram actor': '/api/histogram?bucket=month&actor=Russia',
}
times = {k: [] for k in kinds}
for _ in range(30):
    for k, path in kinds.items():
        t = time.perf_counter()
        with urllib.request.urlopen(base + path) as r:
            r.read()
            assert r.status == 200, (k, r.status)
        times[k].append((time.perf_counter() - t) * 1000)
def p(v, q):
    v = sorted(v); return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
allv = [x for v in times.values() for x in v]
print(f"{'kind':20} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for k, v in times.items():
    print(f"{k:20} {p(v,.5):8.2f} {p(v,.99):8.2f} {max(v):8.2f}")
print(f"{'all ' + str(len(allv)):20} {p(allv,.5):8.2f} {p(allv,.99):8.2f} {max(allv):8.2f}")
