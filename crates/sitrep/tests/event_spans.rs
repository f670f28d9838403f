//! Every span of every event points at exactly the text it claims, in the normalised text `--emit documents` prints.

mod common;

use common::{documents, examples, slice};
use serde_json::Value;

/// Visits every `{..., "text", "span"}` object in an event and checks the span against the text.
fn check_spans(doc_text: &str, value: &Value, path: &str, checked: &mut usize) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(text)), Some(span @ Value::Array(_))) = (map.get("text"), map.get("span")) {
                assert_eq!(&slice(doc_text, span), text, "span mismatch at {path}");
                *checked += 1;
            }
            for (k, v) in map {
                check_spans(doc_text, v, &format!("{path}.{k}"), checked);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_spans(doc_text, v, &format!("{path}[{i}]"), checked);
            }
        }
        _ => {}
    }
}

fn check_all(inputs: &[&str]) -> usize {
    let mut checked = 0;
    let docs = documents(inputs);
    assert!(!docs.is_empty());
    for doc in &docs {
        let text = doc["text"].as_str().expect("document text");
        for event in doc["events"].as_array().expect("events") {
            assert_eq!(slice(text, &event["evidence_span"]), event["evidence"].as_str().unwrap());
            assert_eq!(slice(text, &event["trigger"]["span"]), event["trigger"]["text"].as_str().unwrap());
            check_spans(text, event, &format!("{}", event["id"]), &mut checked);
        }
    }
    checked
}

#[test]
fn spans_match_text_for_every_text_example() {
    let dir = examples().join("text");
    assert!(check_all(&[dir.to_str().unwrap()]) > 50);
}

#[test]
fn spans_match_text_for_every_html_example() {
    let dir = examples().join("html");
    assert!(check_all(&[dir.to_str().unwrap()]) > 50);
}

#[test]
fn spans_match_text_for_the_jsonl_bundle() {
    let bundle = examples().join("articles.jsonl");
    assert!(check_all(&[bundle.to_str().unwrap()]) > 50);
}

#[test]
fn spans_count_code_points_not_bytes() {
    // an en dash and accented letters before the event shift byte offsets but not code points
    let out = common::sitrep_stdin(
        &["extract", "--emit", "documents", "--pub-date", "2024-01-10"],
        "Şemdinli – Ağrı: Rebels attacked Kusham on Monday, killing 3 soldiers.".as_bytes(),
    );
    let docs = common::json_lines(&out);
    let text = docs[0]["text"].as_str().unwrap();
    let event = &docs[0]["events"][0];
    assert_eq!(slice(text, &event["trigger"]["span"]), "attacked");
    assert_eq!(event["trigger"]["span"][0], 24);
}
