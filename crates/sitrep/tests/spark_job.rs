//! The Spark job (tools/spark/sitrep_spark.py, docs/scale-out.md) on a real standalone cluster: a master and two
//! workers on 127.0.0.1 run `sitrep ingest-part` over generated WARC files, with one task killed mid-run and another
//! failing after it committed its partition (both retried by Spark). `sitrep load` must then give exactly what one
//! `sitrep ingest` over the same files gives, byte for byte and in the store; a rerun must change nothing; and a
//! rerun that cuts the inputs into other tasks must replace the old partitions, not add to them.
//!
//! Needs Java and pyspark (`.venv-spark`, made by .ci/run from tools/spark/requirements.txt, or
//! $SITREP_SPARK_PYTHON). Outside CI it is skipped, saying so, when they are missing; in CI it fails.

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Skips (outside CI) or fails (in CI) with the reason.
fn unavailable(reason: &str) -> Option<PathBuf> {
    assert!(!in_ci(), "the Spark test cannot run in CI: {reason}");
    eprintln!("skipped: {reason} (outside CI; .ci/run installs it: see tools/spark/requirements.txt)");
    None
}

/// The Python that has pyspark, after checking Java is there too.
fn spark_python() -> Option<PathBuf> {
    let py = match std::env::var_os("SITREP_SPARK_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => workspace().join(".venv-spark/bin/python"),
    };
    if !py.exists() {
        return unavailable(&format!("no Python with pyspark at {} (set SITREP_SPARK_PYTHON)", py.display()));
    }
    let has_pyspark = Command::new(&py).args(["-c", "import pyspark"]).output().is_ok_and(|o| o.status.success());
    if !has_pyspark {
        return unavailable(&format!("{} cannot import pyspark", py.display()));
    }
    let has_java = Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    if !has_java {
        return unavailable("no java on PATH (Spark needs Java 17)");
    }
    Some(py)
}

fn resources() -> Option<PathBuf> {
    let path = workspace().join("../shared/resources");
    if path.join("muc3-corpus").is_dir() {
        return Some(path);
    }
    unavailable("../shared/resources is missing")
}

/// A child in its own process group, so that the Spark master, workers and executors it starts are stopped with it
/// whatever happens (timeout, failed assertion, panic).
struct Group(Child);

impl Group {
    fn kill(&mut self) {
        let pgid = self.0.id() as i32;
        // SAFETY: plain kill(2) calls on the process group this test created
        unsafe { libc::kill(-pgid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(25);
        while Instant::now() < deadline && self.0.try_wait().ok().flatten().is_none() {
            std::thread::sleep(Duration::from_millis(200));
        }
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
        let _ = self.0.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            self.kill();
        } else {
            // the driver has exited; anything it left in its group goes too
            unsafe { libc::kill(-(self.0.id() as i32), libc::SIGKILL) };
        }
    }
}

/// Runs the driver script with a deadline; returns its stdout, panics with its stderr on failure or timeout.
fn driver(py: &Path, args: &[&str], logs: &Path, timeout: Duration) -> String {
    let tag = args[0];
    let (out_path, err_path) = (logs.join(format!("{tag}.{}.out", std::process::id())), logs.join(format!("{tag}.err")));
    let started = Instant::now();
    let mut group = Group(
        Command::new(py)
            .arg(workspace().join("tools/spark/sitrep_spark.py"))
            .args(args)
            .env("PYSPARK_PYTHON", py)
            // whatever Spark leaves in its working directory stays in the test's temporary one
            .current_dir(logs)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path).unwrap())
            .stderr(std::fs::File::create(&err_path).unwrap())
            .process_group(0)
            .spawn()
            .expect("the driver starts"),
    );
    let status = loop {
        if let Some(status) = group.0.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > timeout {
            group.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let tail: String = stderr.lines().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
    match status {
        None => panic!("sitrep_spark.py {args:?} timed out after {timeout:?}; stderr:\n{tail}"),
        Some(s) if !s.success() => panic!("sitrep_spark.py {args:?} failed ({s}); stderr:\n{tail}"),
        Some(_) => {}
    }
    eprintln!("sitrep_spark.py {tag}: {:.1} s", started.elapsed().as_secs_f64());
    std::fs::read_to_string(&out_path).unwrap()
}

fn export(db: &Path) -> String {
    let r = common::sitrep(&["export", "--db", db.to_str().unwrap(), "--format", "plover-jsonl", "--out", "-"]);
    assert!(r.status.success(), "{}", common::stderr(&r));
    String::from_utf8(r.stdout).unwrap()
}

/// Every partition file's bytes, by name.
fn partitions(job: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    for table in ["documents", "events"] {
        for e in std::fs::read_dir(job.join(table)).unwrap() {
            let p = e.unwrap().path();
            all.insert(format!("{table}/{}", p.file_name().unwrap().to_string_lossy()), std::fs::read(&p).unwrap());
        }
    }
    all
}

fn summary(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout.lines().last().expect("a summary line")).expect("the summary is JSON")
}

#[test]
fn a_spark_job_over_warc_files_equals_one_ingest_and_reruns_change_nothing() {
    let Some(py) = spark_python() else { return };
    let Some(res) = resources() else { return };
    let bin = env!("CARGO_BIN_EXE_sitrep");
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).display().to_string();
    let logs = dir.path();

    // 12 WARC files of 20 articles (one in 50 a reworded copy of an earlier one, in an earlier file or the same)
    driver(&py, &["corpus", "--sitrep", bin, "--out", &d("corpus"), "--files", "12", "--articles", "240", "--seed", "5", "--resources", res.to_str().unwrap()], logs, Duration::from_secs(120));
    let warc = dir.path().join("corpus/warc");
    assert_eq!(std::fs::read_dir(&warc).unwrap().count(), 12);

    // the reference: one process over the same files
    let single = common::sitrep(&["ingest", warc.to_str().unwrap(), "--emit", "documents", "--out", &d("single.jsonl"), "--db", &d("single.db")]);
    assert!(single.status.success(), "{}", common::stderr(&single));
    let reference = std::fs::read(d("single.jsonl")).unwrap();
    let reference_events = export(&dir.path().join("single.db"));
    assert!(reference_events.lines().count() > 50, "too few events to compare: {}", reference_events.lines().count());

    // a standalone master and two one-core workers on loopback; task 2 is killed mid-run and task 5 fails after
    // committing, each on its first attempt
    let job = d("job");
    let out = driver(
        &py,
        &["run", warc.to_str().unwrap(), "--out", &job, "--local-cluster", "2", "--sitrep", bin, "--db", &d("spark.db"), "--load-out", &d("spark.jsonl"),
          "--inject-kill", "2", "--inject-fail-after", "5", "--task-timeout", "300"],
        logs,
        Duration::from_secs(480),
    );
    let s = summary(&out);
    assert_eq!(s["tasks"], 12, "{s}");
    let mut retried: Vec<u64> = s["retried"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    retried.sort();
    assert_eq!(retried, vec![2, 5], "the injected failures were retried: {s}");
    let load_line = s["load"].as_str().unwrap();
    assert!(load_line.contains("12 partition(s)") && load_line.contains("0 partition(s) with input errors"), "{load_line}");
    // the corpus has copies whose original is in another file: tasks coded them, the load linked them
    let across: u64 = load_line.split(" across partitions").next().unwrap().rsplit('(').next().unwrap().trim().parse().unwrap();
    assert!(across > 0, "no cross-partition near-duplicate, so the test proves less than it says: {load_line}");
    assert!(!Path::new(&job).join("_temporary").exists(), "scratch files of the killed attempt were left behind");
    assert!(Path::new(&job).join("_SUCCESS").is_file());

    // equal to the single run: the documents with their events byte for byte, and the stores' events
    assert!(std::fs::read(d("spark.jsonl")).unwrap() == reference, "the Spark run's documents differ from one ingest's");
    assert_eq!(export(&dir.path().join("spark.db")), reference_events);

    // a rerun (local mode this time) rewrites the same partitions with the same bytes, and loading again into the
    // same store changes nothing
    let before = partitions(Path::new(&job));
    assert_eq!(before.len(), 24, "{:?}", before.keys().collect::<Vec<_>>());
    driver(&py, &["run", warc.to_str().unwrap(), "--out", &job, "--master", "local[2]", "--sitrep", bin, "--db", &d("spark.db"), "--load-out", &d("spark2.jsonl")], logs, Duration::from_secs(300));
    assert!(partitions(Path::new(&job)) == before, "a rerun changed the partition files");
    assert!(std::fs::read(d("spark2.jsonl")).unwrap() == reference);
    assert_eq!(export(&dir.path().join("spark.db")), reference_events, "loading twice duplicated or changed events");

    // a rerun over other task boundaries (three files a task) leaves only its own four partitions, same result
    driver(&py, &["run", warc.to_str().unwrap(), "--out", &job, "--master", "local[2]", "--sitrep", bin, "--files-per-task", "3", "--load-out", &d("spark3.jsonl")], logs, Duration::from_secs(300));
    assert_eq!(partitions(Path::new(&job)).len(), 8);
    assert!(std::fs::read(d("spark3.jsonl")).unwrap() == reference);
}

#[test]
fn load_refuses_partitions_that_overlap_or_are_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let examples = common::examples();
    let text = examples.join("text");
    let inputs: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(&text).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
        v.sort();
        v
    };
    assert!(inputs.len() >= 3, "{inputs:?}");
    let job = dir.path().join("job");
    let part = |paths: &[String]| {
        let mut args = vec!["ingest-part", "--out-dir", job.to_str().unwrap()];
        args.extend(paths.iter().map(String::as_str));
        let r = common::sitrep(&args);
        assert!(r.status.success(), "{}", common::stderr(&r));
        let line = String::from_utf8(r.stdout).unwrap();
        let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        v["partition"].as_str().unwrap().to_string()
    };
    let first = part(&inputs[..1]);
    let rest = part(&inputs[1..]);
    assert_ne!(first, rest);
    // the same inputs again: the same name, so the partition is replaced rather than added
    assert_eq!(part(&inputs[..1]), first);
    assert_eq!(std::fs::read_dir(job.join("documents")).unwrap().count(), 2);
    assert_eq!(std::fs::read_dir(job.join("_temporary")).unwrap().count(), 0, "an attempt left its scratch files");

    // the two partitions load into what one ingest over all the files gives
    let loaded = dir.path().join("loaded.jsonl");
    let r = common::sitrep(&["load", job.to_str().unwrap(), "--out", loaded.to_str().unwrap()]);
    assert!(r.status.success(), "{}", common::stderr(&r));
    let single = dir.path().join("single.jsonl");
    let mut args = vec!["ingest", "--emit", "documents", "--out", single.to_str().unwrap()];
    args.extend(inputs.iter().map(String::as_str));
    let r = common::sitrep(&args);
    assert!(r.status.success(), "{}", common::stderr(&r));
    assert!(std::fs::read(&loaded).unwrap() == std::fs::read(&single).unwrap(), "partitioned and single runs differ");

    // fusion at load sees every partition in the single run's order: the same fused events as one `sitrep fuse`
    let fused = dir.path().join("fused.jsonl");
    let r = common::sitrep(&["load", job.to_str().unwrap(), "--fused", fused.to_str().unwrap()]);
    assert!(r.status.success(), "{}", common::stderr(&r));
    let mut args = vec!["fuse"];
    args.extend(inputs.iter().map(String::as_str));
    let one = common::sitrep(&args);
    assert!(one.status.success(), "{}", common::stderr(&one));
    let from_parts = std::fs::read_to_string(&fused).unwrap();
    assert!(from_parts.lines().count() > 0);
    assert!(from_parts.as_bytes() == one.stdout.as_slice(), "fusing at load differs from fusing in one run");

    // a partition over other boundaries that repeats an input is refused, naming the input
    part(&inputs[..2]);
    let r = common::sitrep(&["load", job.to_str().unwrap(), "--out", loaded.to_str().unwrap()]);
    assert!(!r.status.success());
    assert!(common::stderr(&r).contains("is in two partitions"), "{}", common::stderr(&r));

    // a documents file whose events file is gone is refused, not loaded half
    let events_dir = job.join("events");
    for e in std::fs::read_dir(&events_dir).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let r = common::sitrep(&["load", job.to_str().unwrap(), "--db", dir.path().join("x.db").to_str().unwrap()]);
    assert!(!r.status.success());
    assert!(common::stderr(&r).contains("events file"), "{}", common::stderr(&r));
}
