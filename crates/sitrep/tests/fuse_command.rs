//! `sitrep fuse`: articles in, one fused event per real-world event out, each report traceable to its document.

mod common;

use common::{json_lines, sitrep, sitrep_stdin, stderr};

const TWO_REPORTS_AND_ANOTHER_STORY: &str = concat!(
    r#"{"id": "wtol-1", "publication_date": "2016-03-06", "title": "Man killed in Toledo shooting", "text": "Darnell Whitfield, 24, was shot and killed on Saturday in Toledo, police said. Officers arrested Marcus Pettaway at the scene."}"#,
    "\n",
    r#"{"id": "blade-2", "publication_date": "2016-03-07", "title": "Suspect charged in Toledo killing", "text": "Marcus Pettaway was charged on Monday in the death of Darnell Whitfield, who was shot and killed on Saturday in Toledo, police said."}"#,
    "\n",
    r#"{"id": "kgun-3", "publication_date": "2016-03-06", "title": "Two hurt in Tucson", "text": "Gunmen shot two women outside a bar in Tucson on Saturday, police said."}"#,
    "\n",
);

#[test]
fn two_articles_on_one_shooting_give_one_fused_event_with_both_reports() {
    let out = sitrep_stdin(&["fuse", "--min-documents", "2"], TWO_REPORTS_AND_ANOTHER_STORY.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let fused = json_lines(&out);
    let shootings: Vec<_> = fused.iter().filter(|f| f["event_type"] == "ASSAULT").collect();
    assert_eq!(shootings.len(), 1, "{fused:#?}");
    let event = shootings[0];
    assert!(event["id"].as_str().unwrap().starts_with("fe-"));
    let docs: Vec<&str> = event["reports"].as_array().unwrap().iter().map(|r| r["doc_id"].as_str().unwrap()).collect();
    assert!(docs.contains(&"wtol-1") && docs.contains(&"blade-2") && !docs.contains(&"kgun-3"), "{docs:?}");
    assert_eq!(event["date"]["value"], "2016-03-05");
    assert_eq!(event["location"]["name"], "Toledo");
    assert!(stderr(&out).contains("fused event(s)"));
}

#[test]
fn fusing_the_same_input_twice_gives_the_same_ids() {
    let ids = || {
        let out = sitrep_stdin(&["fuse"], TWO_REPORTS_AND_ANOTHER_STORY.as_bytes());
        json_lines(&out).iter().map(|f| f["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    let first = ids();
    assert!(!first.is_empty());
    assert_eq!(first, ids());
}

/// `fuse --db`: a report written to the store after an earlier fusion joins the fused event kept there, under the
/// same id, with the first report's claims kept; a run with nothing new changes nothing.
#[test]
fn a_later_report_in_the_store_joins_its_kept_fused_event_under_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let db = db.to_str().unwrap();
    let lines: Vec<&str> = TWO_REPORTS_AND_ANOTHER_STORY.lines().collect();
    let first = dir.path().join("first.jsonl");
    std::fs::write(&first, format!("{}\n{}\n", lines[0], lines[2])).unwrap();
    let later = dir.path().join("later.jsonl");
    std::fs::write(&later, format!("{}\n", lines[1])).unwrap();
    let out_file = dir.path().join("events.jsonl");
    let ingest = |input: &std::path::Path| {
        let out = sitrep(&["ingest", input.to_str().unwrap(), "--db", db, "--out", out_file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let toledo = |fused: &[serde_json::Value]| -> Option<serde_json::Value> {
        fused.iter().find(|f| f["event_type"] == "ASSAULT" && f["location"]["name"] == "Toledo").cloned()
    };
    let docs = |f: &serde_json::Value| -> Vec<String> {
        f["reports"].as_array().unwrap().iter().map(|r| r["doc_id"].as_str().unwrap().to_string()).collect()
    };

    ingest(&first);
    let out = sitrep(&["fuse", "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = toledo(&json_lines(&out)).expect("the Toledo shooting is fused");
    assert_eq!(docs(&before), ["wtol-1"]);
    assert!(stderr(&out).contains("2 new document(s) fused"), "{}", stderr(&out));

    ingest(&later);
    let out = sitrep(&["fuse", "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let changed = json_lines(&out);
    assert_eq!(changed.len(), 1, "only the joined event changed: {changed:#?}");
    let after = toledo(&changed).expect("the Toledo shooting gained a report");
    assert_eq!(after["id"], before["id"]);
    assert_eq!(docs(&after), ["wtol-1", "blade-2"]);
    assert_eq!(after["killed"]["claims"][0]["doc_id"], "wtol-1");

    // the same ids as fusing all three articles in one run
    let one_run = sitrep_stdin(&["fuse"], TWO_REPORTS_AND_ANOTHER_STORY.as_bytes());
    assert_eq!(toledo(&json_lines(&one_run)).unwrap()["id"], before["id"]);

    let again = sitrep(&["fuse", "--db", db]);
    assert!(again.status.success());
    assert!(json_lines(&again).is_empty());
    assert!(stderr(&again).contains("0 new document(s) fused"), "{}", stderr(&again));
}
