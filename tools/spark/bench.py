#!/usr/bin/env python3
"""Throughput of sitrep on Spark with one and two workers, against one `sitrep ingest` (docs/scale-out.md).

    cargo build --release -p sitrep
    .venv-spark/bin/python tools/spark/bench.py --sitrep target/release/sitrep --articles 2000 --files 16

Generates the WARC files (sitrep bench corpus, split), times `sitrep ingest` over them at 1 and 2 threads, then for
each worker count starts a standalone master with that many one-core workers on 127.0.0.1 and times the job (tasks
only: from the first task submitted to the last result; the SparkContext start is reported apart) and the load
step into a fresh SQLite store. Prints a Markdown table and writes the figures as JSON (--json).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sitrep_spark as ss  # noqa: E402


def loadavg():
    return round(os.getloadavg()[0], 2)


def single_ingest(sitrep, warc, threads, work):
    out = os.path.join(work, f"single-{threads}.jsonl")
    before = os.times()
    started = time.time()
    proc = subprocess.run([sitrep, "ingest", warc, "--emit", "documents", "--out", out, "--threads", str(threads)],
                          capture_output=True, text=True, check=True)
    seconds = time.time() - started
    after = os.times()
    with open(out) as f:
        articles = sum(1 for _ in f)
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"threads": threads, "articles": articles, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "articles_per_s": round(articles / seconds, 1), "summary": proc.stderr.strip().splitlines()[-1]}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sitrep", default="target/release/sitrep")
    p.add_argument("--work", default="target/spark-bench", help="corpus, job outputs and cluster logs go here")
    p.add_argument("--corpus", help="an existing corpus directory (with warc/) instead of generating one")
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--files", type=int, default=16)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--resources", default="../shared/resources")
    p.add_argument("--workers", default="1,2", help="worker counts to measure (one core each)")
    p.add_argument("--files-per-task", type=int, default=1)
    p.add_argument("--json", help="write the figures here")
    a = p.parse_args()
    sitrep = os.path.abspath(a.sitrep)
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"

    corpus = a.corpus or os.path.join(work, "corpus")
    if not a.corpus:
        shutil.rmtree(corpus, ignore_errors=True)
        ss.make_corpus(sitrep, corpus, a.files, a.articles, a.seed, a.resources)
    warc = os.path.join(corpus, "warc")
    files = len(os.listdir(warc))
    figures = {"articles": a.articles, "files": files, "files_per_task": a.files_per_task, "cores": os.cpu_count(),
               "load_average_start": loadavg(), "single": [], "spark": []}

    for threads in (1, 2):
        r = single_ingest(sitrep, warc, threads, work)
        r["load_average"] = loadavg()
        figures["single"].append(r)
        print(f"sitrep ingest --threads {threads}: {r['articles_per_s']} articles/s ({r['seconds']} s)", file=sys.stderr)

    for workers in ss.parse_ints(a.workers):
        out = os.path.join(work, f"job-{workers}")
        shutil.rmtree(out, ignore_errors=True)
        started = time.time()
        with ss.LocalStandalone(workers, cores=1, log_dir=out + ".cluster") as cluster:
            cluster_seconds = time.time() - started
            s = ss.run_job(cluster.master, [warc], out, sitrep, files_per_task=a.files_per_task, threads=1, loopback=True,
                           log=lambda m: print(m, file=sys.stderr))
        db = os.path.join(work, f"job-{workers}.db")
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        _, load_seconds, load_line = ss.load(sitrep, out, db=db)
        articles = s["documents"] + s["duplicates_in_tasks"]
        r = {
            "workers": workers,
            "tasks": s["tasks"],
            "articles": articles,
            "events": s["events"],
            "cluster_start_seconds": round(cluster_seconds, 2),
            "context_seconds": s["context_seconds"],
            "job_seconds": s["job_seconds"],
            "articles_per_s": round(articles / s["job_seconds"], 1),
            "task_cpu_seconds": s["task_cpu_seconds"],
            "articles_per_task_cpu_s": round(articles / max(s["task_cpu_seconds"], 1e-9), 1),
            "mean_task_seconds": round(sum(t["seconds"] for t in s["partitions"]) / s["tasks"], 2),
            "load_seconds": round(load_seconds, 2),
            "load": load_line,
            "load_average": loadavg(),
        }
        figures["spark"].append(r)
        print(f"spark, {workers} worker(s): {r['articles_per_s']} articles/s ({r['job_seconds']} s)", file=sys.stderr)

    print(f"\n{figures['articles']} articles in {figures['files']} WARC files, {os.cpu_count()} cores, "
          f"load average {figures['load_average_start']} at the start\n")
    print("| run | wall s | articles/s | CPU s | articles per CPU s | load avg after |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in figures["single"]:
        print(f"| `sitrep ingest --threads {r['threads']}` | {r['seconds']} | {r['articles_per_s']} | {r['cpu_seconds']} | "
              f"{round(r['articles'] / max(r['cpu_seconds'], 1e-9), 1)} | {r['load_average']} |")
    for r in figures["spark"]:
        print(f"| Spark, {r['workers']} one-core worker(s), {r['tasks']} tasks | {r['job_seconds']} | {r['articles_per_s']} | "
              f"{r['task_cpu_seconds']} | {r['articles_per_task_cpu_s']} | {r['load_average']} |")
    for r in figures["spark"]:
        print(f"\n{r['workers']} worker(s): cluster start {r['cluster_start_seconds']} s, SparkContext {r['context_seconds']} s, "
              f"mean task {r['mean_task_seconds']} s, load into SQLite {r['load_seconds']} s ({r['load']})")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(figures, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
