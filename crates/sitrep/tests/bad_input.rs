//! Bad input gets a clear error naming where, the run goes on, nothing written is lost, and the exit code tells.

mod common;

use std::io::Write;

use common::{json_lines, sitrep, sitrep_stdin, stderr};

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

const GOOD: &[u8] = b"Rebels attacked an army post in Kidal on Monday, killing four soldiers.";

#[test]
fn empty_file_is_reported_and_the_run_continues() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(&dir, "empty.txt", b"");
    let good = write(&dir, "good.txt", GOOD);
    let out = sitrep(&["extract", "--format", "jsonl", "--pub-date", "2024-03-06", &empty, &good]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty.txt: empty input"), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 1, "the good file is still coded");
    assert!(stderr(&out).contains("1 document(s), 1 event(s), 1 error(s)"));
}

#[test]
fn binary_file_is_skipped_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut junk = vec![0u8, 159, 146, 150, 0, 1, 2, 255];
    junk.extend((0..5000).map(|i| (i * 7 % 256) as u8));
    let bin = write(&dir, "image.bin", &junk);
    let good = write(&dir, "good.txt", GOOD);
    let out = sitrep(&["extract", "--format", "jsonl", &bin, &good]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("image.bin: looks binary"), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let mut text = b"Police arrested 12 protesters in Lagos \xff\xfe on Friday.".to_vec();
    text.extend_from_slice(b" \xc3");
    let out = sitrep_stdin(&["extract", "--emit", "documents", "--pub-date", "2024-03-10"], &text);
    assert!(out.status.success(), "a warning is not an error: {}", stderr(&out));
    assert!(stderr(&out).contains("invalid UTF-8 decoded lossily"));
    let docs = json_lines(&out);
    assert!(docs[0]["text"].as_str().unwrap().contains('\u{fffd}'));
    assert_eq!(docs[0]["events"][0]["casualties"]["arrested"]["best"], 12);
}

#[test]
fn malformed_jsonl_line_is_named_and_other_lines_still_coded() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "text": "Troops shelled Idlib on Monday.", "publication_date": "2024-01-03"}"#,
        r#"{"id": "b", "text": "broken"#,
        r#"{"id": "c", "text": "Protesters rallied in Dakar on Tuesday.", "publication_date": "2024-01-03"}"#,
    ];
    let file = write(&dir, "feed.jsonl", lines.join("\n").as_bytes());
    let out = sitrep(&["extract", "--format", "jsonl", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("feed.jsonl:2: malformed JSONL record"), "{}", stderr(&out));
    let docs: Vec<String> = json_lines(&out).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    assert!(docs.contains(&"a".to_string()) && docs.contains(&"c".to_string()), "{docs:?}");
    assert!(stderr(&out).contains("2 document(s)") && stderr(&out).contains("1 error(s)"));
}

#[test]
fn missing_file_and_bad_pub_date_are_errors_not_panics() {
    let out = sitrep(&["extract", "/nonexistent/never.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/never.txt: cannot read"));
    let out = sitrep(&["extract", "--pub-date", "2024-13-45", "/nonexistent/never.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--pub-date"));
}

/// Peak resident memory of finished child processes, in MiB (Linux reports kilobytes).
fn children_peak_rss_mib() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as u64 / 1024
}

#[test]
fn fifty_megabyte_text_is_streamed_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let para = "The market in the old town was busy with shoppers buying fruit and bread. ".repeat(8);
    let mut written = 0;
    let mut i: usize = 0;
    while written < 50 * 1024 * 1024 {
        // one real event every thousand paragraphs, so the output proves the whole file was read
        let line = if i.is_multiple_of(1000) { format!("Gunmen killed {} villagers near Kidal.\n\n", i / 1000 + 1) } else { format!("{para}\n\n") };
        f.write_all(line.as_bytes()).unwrap();
        written += line.len();
        i += 1;
    }
    drop(f);
    let out = sitrep(&["extract", "--format", "jsonl", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let events = json_lines(&out);
    assert_eq!(events.len(), i.div_ceil(1000));
    let last = events.last().unwrap();
    assert_eq!(last["casualties"]["killed"]["best"], i.div_ceil(1000) as u64);
    assert!(last["evidence_span"][0].as_u64().unwrap() > 50_000_000, "spans index the whole file");
    let peak = children_peak_rss_mib();
    assert!(peak < 400, "peak memory {peak} MiB for a 50 MB file: not streamed");
}
