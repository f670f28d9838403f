//! `sitrep train`: training is deterministic for a seed, and the trained models load and parse. Trains on a tiny
//! treebank made here (sitrep's own parse of the example articles), so it needs nothing outside the repository.

mod common;

use std::path::Path;

use common::{examples, sitrep, stderr};

fn tiny_treebank(dir: &Path) {
    let texts = examples().join("text");
    let mut paths: Vec<_> = std::fs::read_dir(&texts).expect("examples/text").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let out = sitrep(&["parse", paths[0].to_str().expect("utf-8"), paths[1].to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.join("tiny-ud-train.conllu"), &out.stdout).expect("write train");
    let out = sitrep(&["parse", paths[2].to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.join("tiny-ud-dev.conllu"), &out.stdout).expect("write dev");
}

fn train(what: &str, ud: &Path, out: &Path, seed: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["train", what, "--ud", ud.to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8")];
    args.extend_from_slice(&["--seed", seed, "--epochs", "2"]);
    args.extend_from_slice(extra);
    let run = sitrep(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("dev:"), "dev scores printed: {}", stderr(&run));
    std::fs::read(out).expect("model written")
}

#[test]
fn training_is_deterministic_and_models_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ud = dir.path();
    tiny_treebank(ud);
    let t1 = train("tagger", ud, &ud.join("t1.bin"), "3", &[]);
    let t2 = train("tagger", ud, &ud.join("t2.bin"), "3", &[]);
    assert!(t1 == t2, "same seed, same tagger bytes");
    let tagger = ud.join("t1.bin");
    let tagger = tagger.to_str().expect("utf-8");
    let p1 = train("parser", ud, &ud.join("p1.bin"), "3", &["--folds", "2", "--tagger", tagger]);
    let p2 = train("parser", ud, &ud.join("p2.bin"), "3", &["--folds", "2", "--tagger", tagger]);
    assert!(p1 == p2, "same seed, same parser bytes");
    let parser = ud.join("p1.bin");
    let out = common::sitrep_stdin(
        &["parse", "--tagger", tagger, "--parser", parser.to_str().expect("utf-8")],
        b"Rebels attacked the town.",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\tRebels\t"));
}

#[test]
fn a_corrupt_model_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.bin");
    std::fs::write(&bad, b"SRTAGGER\x03\x00\x00\x00trunc").expect("write");
    let text = dir.path().join("text.txt");
    std::fs::write(&text, "Rebels attacked.").expect("write");
    // A file, not stdin: sitrep stops at the model before reading its input.
    let out = sitrep(&["parse", "--tagger", bad.to_str().expect("utf-8"), text.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("bad model"), "{}", stderr(&out));
}
