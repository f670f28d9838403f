//! Helpers shared by the integration tests: run the real binary, read its JSON.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

pub fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep")).args(args).output().expect("sitrep runs")
}

pub fn sitrep_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sitrep starts");
    child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    child.wait_with_output().expect("sitrep finishes")
}

pub fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The documents (with their events) sitrep emits for the given inputs.
pub fn documents(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["extract", "--emit", "documents", "--format", "jsonl"];
    all.extend_from_slice(args);
    let out = sitrep(&all);
    assert!(out.status.success(), "sitrep failed: {}", stderr(&out));
    json_lines(&out)
}

/// The events of one named example article in the JSONL bundle.
pub fn example_events(name: &str) -> Vec<Value> {
    let bundle = examples().join("articles.jsonl");
    documents(&[bundle.to_str().expect("utf-8 path")])
        .into_iter()
        .find(|d| d["id"] == name)
        .unwrap_or_else(|| panic!("example {name} not found"))["events"]
        .as_array()
        .expect("events array")
        .clone()
}

/// Code-point slice, as every consumer indexes the spans.
pub fn slice(text: &str, span: &Value) -> String {
    let s = span[0].as_u64().expect("span start") as usize;
    let e = span[1].as_u64().expect("span end") as usize;
    text.chars().skip(s).take(e - s).collect()
}
