//! `extract --db`, `demo --db`, `query` and `export` on the real binary: what is stored can be found and exported,
//! storing twice keeps one copy, and bad filters are usage errors (exit 2) that change nothing.

mod common;

use common::{examples, json_lines, sitrep, stderr};

#[test]
fn extracted_events_are_stored_once_and_found_by_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let db = db.to_str().unwrap();
    let articles = examples().join("articles.jsonl");
    let direct = json_lines(&sitrep(&["extract", articles.to_str().unwrap(), "--format", "jsonl"]));
    for _ in 0..2 {
        let out = sitrep(&["extract", articles.to_str().unwrap(), "--db", db]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(out.stdout.is_empty(), "--db without --format prints only the summary");
    }
    let all = sitrep(&["query", "--db", db, "--include", "negated,hypothetical", "--limit", "1000", "--format", "jsonl"]);
    assert!(all.status.success(), "{}", stderr(&all));
    let stored = json_lines(&all);
    assert_eq!(stored.len(), direct.len(), "written twice, stored once");
    assert!(stderr(&all).contains(&format!("{} matching event(s)", direct.len())));
    let mut ids: Vec<&str> = stored.iter().map(|e| e["id"].as_str().unwrap()).collect();
    let mut want: Vec<&str> = direct.iter().map(|e| e["id"].as_str().unwrap()).collect();
    ids.sort();
    want.sort();
    assert_eq!(ids, want);

    let assaults = json_lines(&sitrep(&["query", "--db", db, "--type", "assault", "--format", "jsonl"]));
    assert!(!assaults.is_empty());
    assert!(assaults.iter().all(|e| e["event_type"] == "ASSAULT"));
}

#[test]
fn demo_db_exports_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let out = sitrep(&["demo", "--db", db, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = json_lines(&out).len();
    for format in ["plover-jsonl", "csv", "gdelt-tsv", "acled-csv", "parquet"] {
        let file = dir.path().join(format!("out.{format}"));
        let out = sitrep(&["export", "--db", db, "--format", format, "--out", file.to_str().unwrap(), "--include", "negated,hypothetical"]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(stderr(&out).contains(&format!("exported {shown} event(s)")), "{format}: {}", stderr(&out));
        assert!(std::fs::metadata(&file).unwrap().len() > 0);
    }
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert_eq!(csv.lines().next().unwrap().split(',').next(), Some("id"));
}

#[test]
fn bad_filters_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    assert!(sitrep(&["demo", "--db", db, "--format", "jsonl"]).status.success());
    for args in [
        vec!["--bbox", "1,2,3"],
        vec!["--bbox", "nan,0,1,1"],
        vec!["--from", "2024-02-30"],
        vec!["--country", "SYR' OR 1=1 --"],
        vec!["--type", "BOMBING"],
        vec!["--include", "everything"],
        vec!["--min-confidence", "2"],
        vec!["--limit", "-5"],
    ] {
        let mut full = vec!["query", "--db", db];
        full.extend(args.iter().copied());
        let out = sitrep(&full);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = sitrep(&["query", "--db", db, "--include", "negated,hypothetical", "--format", "jsonl"]);
    assert!(stderr(&out).contains("matching event(s)"));
    let out = sitrep(&["query", "--db", dir.path().join("missing.db").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
