//! `sitrep bench corpus`: the same seed gives the same corpus (text, HTML and WARC.gz of the same articles), and
//! `sitrep bench` runs on it and says plainly when the Python baselines are not installed.

mod common;

use std::path::PathBuf;

fn resources() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/resources");
    if path.join("muc3-corpus").is_dir() {
        return Some(path);
    }
    assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "../shared/resources is missing in CI");
    eprintln!("skipped: ../shared/resources not found (outside CI)");
    None
}

#[test]
fn a_seed_always_gives_the_same_corpus_in_three_forms() {
    let Some(res) = resources() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for run in ["a", "b"] {
        let out = dir.path().join(run);
        let r = common::sitrep(&["bench", "corpus", "--out", &out.display().to_string(), "--articles", "60", "--seed", "7", "--resources", &res.display().to_string()]);
        assert!(r.status.success(), "{}", common::stderr(&r));
        let texts: Vec<Vec<u8>> = (0..60).map(|n| std::fs::read(out.join(format!("text/{n:06}.txt"))).unwrap()).collect();
        let warc = std::fs::read(out.join("corpus.warc.gz")).unwrap();
        assert!(out.join("html/000059.html").is_file());
        trees.push((texts, warc));
    }
    assert!(trees[0] == trees[1], "the same seed gave different corpora");
    let sizes: Vec<usize> = trees[0].0.iter().map(Vec::len).collect();
    let mean = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    assert!((2_400.0..4_000.0).contains(&mean), "articles should be about 3 KB, got {mean:.0} bytes");

    // the WARC.gz variant reads back as the same number of articles, with its image records skipped
    let out = dir.path().join("events.jsonl");
    let r = common::sitrep(&["ingest", &dir.path().join("a/corpus.warc.gz").display().to_string(), "--out", &out.display().to_string(), "--all-languages", "--keep-duplicates"]);
    let stderr = common::stderr(&r);
    assert!(r.status.success(), "{stderr}");
    assert!(stderr.contains("60 document(s) coded"), "{stderr}");
    assert!(stderr.contains("3 record(s) without an article skipped (3 non-HTML payload (image/jpeg))"), "{stderr}");
}

#[test]
fn bench_without_a_python_venv_says_so() {
    let Some(res) = resources() else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let r = common::sitrep(&["bench", "corpus", "--out", &corpus.display().to_string(), "--articles", "20", "--resources", &res.display().to_string()]);
    assert!(r.status.success(), "{}", common::stderr(&r));
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["bench", "--corpus", &corpus.display().to_string(), "--pages", "/nonexistent/records.jsonl", "--python", "/nonexistent/python"])
        .env_remove("SITREP_BENCH_PYTHON")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(r.status.success(), "{}", common::stderr(&r));
    assert!(stdout.contains("extract (sitrep ingest) 1 thread(s)"), "{stdout}");
    assert!(stdout.contains("baselines skipped: no Python venv"), "{stdout}");
    assert!(stdout.contains("peak RSS"), "{stdout}");
}
