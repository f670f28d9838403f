//! `--dictionaries DIR`: PETRARCH-format dictionaries added on top of the built-in lexicon.

mod common;

fn dictionaries() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Middle.actors.txt"), "ARNOR_ [ARN]\n+ARNORIAN_\nGONDOR_ [GON]\n").unwrap();
    std::fs::write(dir.path().join("Middle.agents.txt"), "RANGER [~MIL]\n").unwrap();
    std::fs::write(dir.path().join("Middle.verbs.txt"), "--- BESIEGE [191] ---\nBESIEGE\n").unwrap();
    dir
}

#[test]
fn extract_codes_with_the_given_dictionaries() {
    let dir = dictionaries();
    let dicts = dir.path().display().to_string();
    let text = b"Arnorian rangers besieged Gondor on Monday.";
    let out = common::sitrep_stdin(&["extract", "--format", "jsonl", "--pub-date", "2024-03-04", "--dictionaries", &dicts], text);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("3 actor phrases, 2 agent phrases, 4 verb forms"), "{}", common::stderr(&out));
    let events = common::json_lines(&out);
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e["cameo"], "191");
    assert_eq!(e["actors"][0]["code"], "ARNMIL");
    assert_eq!(e["recipients"][0]["code"], "GON");

    // without them, the fictional names are nobody
    let out = common::sitrep_stdin(&["extract", "--format", "jsonl", "--pub-date", "2024-03-04"], text);
    let events = common::json_lines(&out);
    assert!(events.iter().all(|e| e["recipients"].as_array().is_none_or(|r| r.iter().all(|a| a["code"] != "GON"))));
}

#[test]
fn a_missing_or_empty_dictionary_folder_is_an_error() {
    let out = common::sitrep_stdin(&["extract", "--dictionaries", "/nonexistent/dicts"], b"text");
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("cannot load PETRARCH dictionaries from /nonexistent/dicts"), "{}", common::stderr(&out));
    let empty = tempfile::tempdir().unwrap();
    let out = common::sitrep_stdin(&["extract", "--dictionaries", &empty.path().display().to_string()], b"text");
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("no PETRARCH dictionary"), "{}", common::stderr(&out));
}
