//! The shipped models: they load, stay within the size budget and (when UD English-EWT and PUD are present in
//! ../shared, as in CI) keep their accuracy on the test sets. Load time is measured by `sitrep nlp-bench`, not here.

mod common;

use std::path::PathBuf;

use common::{sitrep, stderr};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn builtin_models_load_and_fit_the_budget() {
    assert!(sitrep_nlp::Pipeline::builtin().is_ok());
    let size = |name: &str| std::fs::metadata(repo().join("data/models").join(name)).expect("model file").len();
    let total = size("tagger.bin") + size("parser.bin");
    assert!(total <= 40_000_000, "models take {total} bytes, over 40 MB");
}

/// The path of a shared treebank file, or None (with a message) when ../shared is absent outside CI.
fn shared(rel: &str) -> Option<PathBuf> {
    let path = repo().join("../shared/resources").join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{} is required in CI", path.display());
    eprintln!("skipped: {} is absent", path.display());
    None
}

fn scores(path: &PathBuf) -> Vec<(String, f64)> {
    let out = sitrep(&["nlp-eval", path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().next().expect("a score line").to_string();
    let words: Vec<&str> = line.split_whitespace().collect();
    words.windows(2).filter_map(|w| w[1].parse::<f64>().ok().map(|v| (w[0].to_string(), v))).collect()
}

fn get(scores: &[(String, f64)], key: &str) -> f64 {
    scores.iter().find(|(k, _)| k == key).map(|(_, v)| *v).unwrap_or_else(|| panic!("no {key} in {scores:?}"))
}

/// Regression floors a little under the numbers in docs/nlp.md.
#[test]
fn accuracy_floors_on_ewt_and_pud_test() {
    if let Some(ewt) = shared("ud-english-ewt/en_ewt-ud-test.conllu") {
        let s = scores(&ewt);
        assert!(get(&s, "UPOS") >= 95.0, "{s:?}");
        assert!(get(&s, "lemma") >= 96.0, "{s:?}");
        assert!(get(&s, "UAS") >= 84.0, "{s:?}");
        assert!(get(&s, "LAS") >= 80.5, "{s:?}");
    }
    if let Some(pud) = shared("ud-english-pud/en_pud-ud-test.conllu") {
        let s = scores(&pud);
        assert!(get(&s, "UAS") >= 80.5, "{s:?}");
    }
}
