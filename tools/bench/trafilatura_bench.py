#!/usr/bin/env python3
"""trafilatura baseline for `sitrep bench`: main-text extraction on the same pages sitrep reads.

    --records FILE  article-extraction records ({"id", "html", ...} per line); bodies written to --bodies as JSONL
                    ({"id", "body"}) so that sitrep scores them with its own scorer
    --html-dir DIR  every *.html file in DIR (speed only)
    --rounds N      time N passes over all the pages (default 1); bodies come from the first pass

Prints one JSON object on its last line: version, pages, seconds, pages_per_second, and the same per CPU second
(process time: what a busy machine does not distort). One process, one thread;
only the extract() calls are timed (reading files and JSON is not), as sitrep times only extract_html.
"""
import argparse
import json
import os
import sys
import time

import trafilatura


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records")
    ap.add_argument("--bodies")
    ap.add_argument("--html-dir")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    pages = []
    if args.records:
        with open(args.records, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    url = (r.get("meta") or {}).get("url")
                    pages.append((r.get("id"), r.get("html") or "", url))
    elif args.html_dir:
        for name in sorted(os.listdir(args.html_dir)):
            if name.endswith(".html"):
                with open(os.path.join(args.html_dir, name), encoding="utf-8", errors="replace") as f:
                    pages.append((name, f.read(), None))
    else:
        sys.exit("usage: trafilatura_bench.py --records FILE --bodies OUT | --html-dir DIR")
    bodies = []
    elapsed = 0.0
    cpu = 0.0
    rounds = max(1, args.rounds)
    for n in range(rounds):
        for pid, html, url in pages:
            start, cpu_start = time.perf_counter(), time.process_time()
            body = trafilatura.extract(html, url=url, include_comments=False, include_tables=False) or ""
            elapsed += time.perf_counter() - start
            cpu += time.process_time() - cpu_start
            if n == 0:
                bodies.append({"id": pid, "body": body})
    if args.bodies:
        with open(args.bodies, "w", encoding="utf-8") as f:
            for b in bodies:
                f.write(json.dumps(b, ensure_ascii=False) + "\n")
    print(json.dumps({
        "version": trafilatura.__version__,
        "pages": len(pages),
        "rounds": rounds,
        "seconds": elapsed,
        "pages_per_second": len(pages) * rounds / elapsed if elapsed > 0 else 0.0,
        "cpu_seconds": cpu,
        "pages_per_cpu_second": len(pages) * rounds / cpu if cpu > 0 else 0.0,
    }))


if __name__ == "__main__":
    main()
