//! Runs the scorers on the shared development sets, when they exist. Ignored by default:
//! `cargo test -p sitrep-eval -- --ignored --nocapture`.

use std::path::Path;
use std::time::Instant;

fn run(set: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(set).join("records.jsonl");
    if !path.exists() {
        eprintln!("{} not found; skipped", path.display());
        return;
    }
    let path = path.canonicalize().unwrap_or(path);
    let started = Instant::now();
    let report = sitrep_eval::evaluate(&path).unwrap_or_else(|e| panic!("{e}"));
    println!("{}wall time: {:.2} s\n", report.to_text(), started.elapsed().as_secs_f64());
}

#[test]
#[ignore = "needs the shared development sets"]
fn ucdp_ged_dev() {
    run("ucdp-ged");
}

#[test]
#[ignore = "needs the shared development sets"]
fn plover_gsr_dev() {
    run("plover-gsr");
}

#[test]
#[ignore = "needs the shared development sets"]
fn article_extraction_dev() {
    run("article-extraction");
}
