//! The output formats analysts load: JSONL, a JSON array, CSV and the terminal table.

mod common;

use common::{examples, json_lines, sitrep};

fn bundle() -> String {
    examples().join("articles.jsonl").to_str().unwrap().to_string()
}

#[test]
fn json_array_holds_the_same_events_as_jsonl() {
    let lines = json_lines(&sitrep(&["extract", "--format", "jsonl", &bundle()]));
    let out = sitrep(&["extract", "--format", "json", &bundle()]);
    let array: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(array.as_array().unwrap().len(), lines.len());
    assert_eq!(array[0], lines[0]);
}

#[test]
fn csv_has_a_header_and_a_row_per_event() {
    let lines = json_lines(&sitrep(&["extract", "--format", "jsonl", &bundle()]));
    let out = sitrep(&["extract", "--format", "csv", &bundle()]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "killed_best"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), lines.len());
    let evidence = headers.iter().position(|h| h == "evidence").unwrap();
    assert_eq!(&rows[0][evidence], lines[0]["evidence"].as_str().unwrap());
}

#[test]
fn table_shows_each_event_with_its_evidence() {
    let out = sitrep(&["extract", "--format", "table", &bundle()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ASSAULT"));
    assert!(text.contains("evidence #1 \"MOGADISHU"));
}

#[test]
fn demo_codes_every_bundled_example() {
    let out = sitrep(&["demo"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["airstrike-conflicting-claims", "ambush-passive-voice", "mass-arrests", "protest", "negated-hypothetical", "background-older-event"] {
        assert!(text.contains(&format!("══ {name}")), "{name} missing from the demo");
    }
    assert!(common::stderr(&sitrep(&["demo"])).contains("6 document(s)"));
}
