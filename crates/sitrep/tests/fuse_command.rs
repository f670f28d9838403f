//! `sitrep fuse`: articles in, one fused event per real-world event out, each report traceable to its document.

mod common;

use common::{json_lines, sitrep_stdin, stderr};

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
