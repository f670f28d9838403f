#!/usr/bin/env python3
"""Run sitrep over many input files (WARC, HTML, text, JSONL, feeds) on Apache Spark.

The driver lists and sorts the inputs, cuts them into tasks of --files-per-task consecutive files, and Spark runs
`sitrep ingest-part` for each task on some executor. Every task writes one partition,
OUT/documents/part-HASH.parquet and OUT/events/part-HASH.parquet, named after its inputs and renamed into place, so
a retried or speculative task replaces its partition instead of adding one. When all tasks are done the driver
removes partitions of earlier jobs that split the inputs differently, writes OUT/_SUCCESS, and (with --db or
--load-out) runs `sitrep load OUT`, which links near-duplicates across partitions and writes the store.
See docs/scale-out.md.

    python tools/spark/sitrep_spark.py run 'crawl/*.warc.gz' --out job/ --master spark://host:7077 --db events.db
    python tools/spark/sitrep_spark.py run crawl/ --out job/ --master 'local[*]' --load-out documents.jsonl
    python tools/spark/sitrep_spark.py run crawl/ --out job/ --local-cluster 2 --db events.db   # master + 2 workers
    python tools/spark/sitrep_spark.py corpus --sitrep target/release/sitrep --out corpus/ --files 16 --articles 400

Inputs and OUT must be at the same path on every worker (one machine, or a shared file system). The sitrep binary
is shipped to the executors with the job (SparkContext.addFile) unless --sitrep-on-workers names an installed one.
"""

import argparse
import glob
import gzip
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

# ---------------------------------------------------------------------------------------------------------------
# inputs


def expand_inputs(args):
    """Files as given, directories walked (hidden entries left out), globs expanded; sorted, absolute, unique."""
    files = []
    for arg in args:
        if not os.path.exists(arg) and any(c in arg for c in "*?["):
            matches = glob.glob(arg)
            if not matches:
                raise SystemExit(f"sitrep_spark: {arg}: no file matches")
            candidates = matches
        else:
            candidates = [arg]
        for c in candidates:
            if os.path.isdir(c):
                for root, dirs, names in os.walk(c):
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                    files.extend(os.path.join(root, n) for n in names if not n.startswith("."))
            elif os.path.exists(c):
                files.append(c)
            else:
                raise SystemExit(f"sitrep_spark: {c}: no such file or directory")
    # the order of a single `sitrep ingest` over the same files, which `sitrep load` replays
    return sorted({os.path.abspath(f) for f in files})


def chunk(paths, per_task):
    return [paths[i : i + per_task] for i in range(0, len(paths), per_task)]


# ---------------------------------------------------------------------------------------------------------------
# one task, on an executor


def run_partition(spec, item):
    """Runs `sitrep ingest-part` over one task's inputs; returns its summary. Runs inside a Spark executor."""
    index, paths = item
    from pyspark import SparkFiles, TaskContext

    ctx = TaskContext.get()
    attempt = ctx.attemptNumber() if ctx is not None else 0
    if spec["ship"]:
        binary = SparkFiles.get(spec["binary_name"])
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
    else:
        binary = spec["sitrep"]
    cmd = [binary, "ingest-part", *paths, "--out-dir", spec["out"], "--threads", str(spec["threads"]), *spec["extra"]]
    started = time.time()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    if attempt == 0 and index in spec["kill"]:
        # as a lost executor would: the process dies in the middle of its work and leaves its scratch files
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(spec["kill_after"])
        proc.kill()
        proc.wait()
        raise RuntimeError(f"injected failure: task {index} killed mid-run (attempt {attempt})")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=spec["timeout"])
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"sitrep ingest-part exited {proc.returncode} on {paths}: {proc.stderr[-3000:]}")
    lines = proc.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"sitrep ingest-part printed no summary on {paths}: {proc.stderr[-3000:]}")
    summary = json.loads(lines[-1])
    if attempt == 0 and index in spec["fail_after"]:
        # the harder case for duplicates: the partition is committed, then the task fails and runs again
        raise RuntimeError(f"injected failure: task {index} failed after committing {summary['partition']} (attempt {attempt})")
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary.update(
        index=index,
        attempt=attempt,
        inputs=len(paths),
        seconds=round(time.time() - started, 3),
        cpu_seconds=round((cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime), 3),
        host=socket.gethostname(),
        log=proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else [],
    )
    return summary


# ---------------------------------------------------------------------------------------------------------------
# the job, on the driver


def commit_job(out, names):
    """Drops partitions that are not this job's (an earlier job that split the inputs differently), and scratch."""
    removed = []
    for table in ("documents", "events"):
        d = os.path.join(out, table)
        for n in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if n.startswith("part-") and n.endswith(".parquet") and n[: -len(".parquet")] not in names:
                os.remove(os.path.join(d, n))
                removed.append(os.path.join(table, n))
    shutil.rmtree(os.path.join(out, "_temporary"), ignore_errors=True)
    return removed


def run_job(master, inputs, out, sitrep, files_per_task=1, threads=1, ship=True, extra=(), kill=(), fail_after=(),
            kill_after=0.5, task_timeout=None, conf=(), loopback=False, log=print):
    """Runs the job on `master`; returns its summary (tasks, documents, events, seconds). Loads nothing."""
    from pyspark import SparkConf, SparkContext

    paths = expand_inputs(inputs)
    if not paths:
        raise SystemExit("sitrep_spark: no input files")
    tasks = chunk(paths, max(1, files_per_task))
    out = os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    sitrep = os.path.abspath(sitrep)
    spark_conf = SparkConf().setAppName("sitrep ingest").set("spark.ui.showConsoleProgress", "false")
    if master:
        spark_conf.setMaster(master)
    elif not spark_conf.contains("spark.master"):
        # not under spark-submit (which sets the master) and none given
        spark_conf.setMaster("local[*]")
    if loopback:
        spark_conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1").set("spark.ui.enabled", "false")
    for kv in conf:
        k, _, v = kv.partition("=")
        spark_conf.set(k, v)
    started = time.time()
    sc = SparkContext(conf=spark_conf)
    try:
        sc.setLogLevel("WARN")
        context_seconds = time.time() - started
        # the task function lives in this file: executors import it from here
        sc.addPyFile(os.path.abspath(__file__))
        if ship:
            sc.addFile(sitrep)
        spec = {
            "ship": ship,
            "binary_name": os.path.basename(sitrep),
            "sitrep": sitrep,
            "out": out,
            "threads": threads,
            "extra": list(extra),
            "kill": set(kill),
            "fail_after": set(fail_after),
            "kill_after": kill_after,
            "timeout": task_timeout,
        }
        import sitrep_spark  # the shipped copy's name, so executors resolve the function by module

        task = sitrep_spark.run_partition
        job_started = time.time()
        results = sc.parallelize(list(enumerate(tasks)), len(tasks)).map(lambda item: task(spec, item)).collect()
        job_seconds = time.time() - job_started
    finally:
        sc.stop()
    results.sort(key=lambda r: r["index"])
    removed = commit_job(out, {r["partition"] for r in results})
    for r in removed:
        log(f"sitrep_spark: removed {r}, a partition of an earlier job over other task boundaries")
    summary = {
        "master": spark_conf.get("spark.master"),
        "tasks": len(tasks),
        "input_files": len(paths),
        "documents": sum(r["documents"] for r in results),
        "duplicates_in_tasks": sum(r["duplicates"] for r in results),
        "events": sum(r["events"] for r in results),
        "input_errors": sum(1 for r in results if r["input_errors"]),
        "retried": [r["index"] for r in results if r["attempt"] > 0],
        "context_seconds": round(context_seconds, 3),
        "job_seconds": round(job_seconds, 3),
        "task_cpu_seconds": round(sum(r["cpu_seconds"] for r in results), 3),
        "partitions": results,
    }
    with open(os.path.join(out, "_SUCCESS"), "w") as f:
        json.dump(summary, f, indent=1)
    return summary


def load(sitrep, out, db=None, load_out=None, timeout=None):
    """`sitrep load OUT`: the one step that sees every partition. Returns (exit code, seconds, summary line)."""
    cmd = [sitrep, "load", out]
    if db:
        cmd += ["--db", db]
    if load_out:
        cmd += ["--out", load_out]
    started = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"sitrep load exited {proc.returncode}: {proc.stderr[-3000:]}")
    return proc.returncode, time.time() - started, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


# ---------------------------------------------------------------------------------------------------------------
# a standalone cluster on this machine (tests, measurements)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what, check, timeout, procs=()):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for name, p, log in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{name} exited ({p.returncode}) while waiting for {what}; see {log}")
        if check():
            return
        time.sleep(0.5)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


class LocalStandalone:
    """A Spark standalone master and `workers` workers on 127.0.0.1 (free ports), stopped on exit, even on error."""

    def __init__(self, workers, cores=1, memory="2g", log_dir=".", timeout=180):
        self.workers, self.cores, self.memory, self.timeout = workers, cores, memory, timeout
        self.log_dir = os.path.abspath(log_dir)
        self.procs = []  # (name, Popen, log path)

    def __enter__(self):
        import pyspark

        home = os.path.dirname(os.path.abspath(pyspark.__file__))
        spark_class = os.path.join(home, "bin", "spark-class")
        os.makedirs(self.log_dir, exist_ok=True)
        env = dict(os.environ, SPARK_HOME=home, SPARK_LOCAL_IP="127.0.0.1", SPARK_DAEMON_MEMORY="512m",
                   PYSPARK_PYTHON=sys.executable)
        try:
            port, ui = free_port(), free_port()
            self.master = f"spark://127.0.0.1:{port}"
            self._start("master", [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                                   "--port", str(port), "--webui-port", str(ui)], env)
            self.ui = f"http://127.0.0.1:{ui}/json/"
            wait_until("the master", lambda: self._status() is not None, self.timeout, self.procs)
            for i in range(self.workers):
                work = os.path.join(self.log_dir, f"worker-{i}")
                self._start(f"worker-{i}", [spark_class, "org.apache.spark.deploy.worker.Worker", self.master,
                                            "--host", "127.0.0.1", "--port", str(free_port()), "--webui-port",
                                            str(free_port()), "--cores", str(self.cores), "--memory", self.memory,
                                            "--work-dir", work], env)
            wait_until(f"{self.workers} worker(s) to register", lambda: (self._status() or {}).get("aliveworkers", 0) >= self.workers,
                       self.timeout, self.procs)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, name, cmd, env):
        log = os.path.join(self.log_dir, f"{name}.log")
        with open(log, "ab") as f:
            self.procs.append((name, subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env), log))

    def _status(self):
        try:
            with urllib.request.urlopen(self.ui, timeout=2) as r:
                return json.load(r)
        except OSError:
            return None

    def stop(self):
        # workers first (they stop their executors), then the master; SIGKILL whatever outlives 20 s
        for name, p, _ in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        deadline = time.time() + 20
        for name, p, _ in self.procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = []

    def __exit__(self, *exc):
        self.stop()


# ---------------------------------------------------------------------------------------------------------------
# a generated corpus of many WARC files


def split_warc(source, out_dir, files):
    """Splits a WARC.gz into `files` WARC.gz files of consecutive articles (an image record stays with the page
    before it), one gzip member per record as crawlers write them; the same source always gives the same bytes."""
    data = gzip.decompress(open(source, "rb").read())
    records, pos = [], 0
    while pos < len(data):
        head_end = data.index(b"\r\n\r\n", pos)
        head = data[pos:head_end].decode("utf-8")
        length = next(int(line.split(":", 1)[1]) for line in head.split("\r\n") if line.lower().startswith("content-length:"))
        end = head_end + 4 + length + 4  # header, blank line, block, the record's closing CRLF CRLF
        uri = next((line.split(":", 1)[1].strip() for line in head.split("\r\n") if line.lower().startswith("warc-target-uri:")), "")
        records.append(("/img/" not in uri, data[pos:end]))
        pos = end
    articles = sum(1 for is_article, _ in records if is_article)
    per_file = -(-articles // files)
    os.makedirs(out_dir, exist_ok=True)
    outputs = [[] for _ in range(files)]
    seen = 0
    for is_article, record in records:
        if is_article:
            seen += 1
        outputs[min(files - 1, max(0, seen - 1) // per_file)].append(record)
    written = []
    for i, recs in enumerate(outputs):
        path = os.path.join(out_dir, f"crawl-{i:05d}.warc.gz")
        with open(path, "wb") as f:
            for r in recs:
                f.write(gzip.compress(r, compresslevel=6, mtime=0))
        written.append(path)
    return written


def make_corpus(sitrep, out, files, articles, seed, resources):
    source = os.path.join(out, "source")
    subprocess.run([sitrep, "bench", "corpus", "--out", source, "--articles", str(articles), "--seed", str(seed),
                    "--resources", resources], check=True)
    return split_warc(os.path.join(source, "corpus.warc.gz"), os.path.join(out, "warc"), files)


# ---------------------------------------------------------------------------------------------------------------
# command line


def parse_ints(s):
    return [int(x) for x in s.split(",") if x.strip()] if s else []


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="run the job (and the load step with --db/--load-out)")
    r.add_argument("inputs", nargs="+", help="files, directories or globs")
    r.add_argument("--out", required=True, help="the job's output directory (documents/, events/, _SUCCESS)")
    where = r.add_mutually_exclusive_group()
    where.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*]; local[*,4] retries failed tasks)")
    where.add_argument("--local-cluster", type=int, metavar="WORKERS", help="start a standalone master and WORKERS workers on 127.0.0.1 for this run")
    r.add_argument("--worker-cores", type=int, default=1, help="cores per worker of --local-cluster")
    r.add_argument("--sitrep", default="target/release/sitrep", help="the sitrep binary to ship to the executors")
    r.add_argument("--sitrep-on-workers", metavar="PATH", help="use sitrep installed at PATH on every worker instead of shipping it")
    r.add_argument("--files-per-task", type=int, default=1)
    r.add_argument("--threads-per-task", type=int, default=1, help="sitrep threads in each task (match spark.task.cpus)")
    r.add_argument("--ingest-arg", action="append", default=[], help="passed to sitrep ingest-part, e.g. --ingest-arg=--all-languages")
    r.add_argument("--conf", action="append", default=[], help="Spark configuration KEY=VALUE")
    r.add_argument("--db", help="then load into this store (SQLite path or postgres:// URL)")
    r.add_argument("--load-out", help="then also write the loaded documents with their events as JSONL")
    r.add_argument("--summary", help="write the job's summary (JSON) here too")
    r.add_argument("--task-timeout", type=float, help="seconds before a task's sitrep is stopped (the task then fails and is retried)")
    r.add_argument("--inject-kill", type=parse_ints, default=[], metavar="I,J", help="testing: kill these tasks' sitrep mid-run on their first attempt")
    r.add_argument("--inject-fail-after", type=parse_ints, default=[], metavar="I,J", help="testing: fail these tasks after they committed, on their first attempt")

    c = sub.add_parser("corpus", help="generate WARC files with `sitrep bench corpus`")
    c.add_argument("--sitrep", default="target/release/sitrep")
    c.add_argument("--out", required=True)
    c.add_argument("--files", type=int, default=16)
    c.add_argument("--articles", type=int, default=400)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--resources", default="../shared/resources")

    a = p.parse_args(argv)
    # SIGTERM (a CI timeout, kill) runs the `finally` blocks, so a local cluster is stopped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if a.command == "corpus":
        files = make_corpus(a.sitrep, a.out, a.files, a.articles, a.seed, a.resources)
        print(json.dumps({"files": files}))
        return 0

    sitrep = a.sitrep_on_workers or a.sitrep
    if not os.path.isfile(a.sitrep) and not a.sitrep_on_workers:
        raise SystemExit(f"sitrep_spark: {a.sitrep}: no such binary (cargo build --release -p sitrep)")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    common = dict(inputs=a.inputs, out=a.out, sitrep=sitrep, files_per_task=a.files_per_task, threads=a.threads_per_task,
                  ship=not a.sitrep_on_workers, extra=a.ingest_arg, kill=a.inject_kill, fail_after=a.inject_fail_after,
                  task_timeout=a.task_timeout, conf=a.conf, log=lambda m: print(m, file=sys.stderr))
    if a.local_cluster:
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        with LocalStandalone(a.local_cluster, cores=a.worker_cores, log_dir=os.path.join(os.path.abspath(a.out) + ".cluster")) as cluster:
            summary = run_job(cluster.master, loopback=True, **common)
    else:
        summary = run_job(a.master, loopback=bool(a.master and a.master.startswith("local")), **common)
    code = 1 if summary["input_errors"] else 0
    if a.db or a.load_out:
        load_code, seconds, line = load(a.sitrep, a.out, a.db, a.load_out)
        summary["load_seconds"] = round(seconds, 3)
        summary["load"] = line
        code = max(code, load_code)
    text = json.dumps(summary, indent=1)
    if a.summary:
        with open(a.summary, "w") as f:
            f.write(text)
    brief = {k: v for k, v in summary.items() if k != "partitions"}
    print(json.dumps(brief))
    return code


if __name__ == "__main__":
    sys.exit(main())
