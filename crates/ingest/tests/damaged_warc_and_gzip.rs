//! WARC files, gzipped per record as Common Crawl writes them: HTML responses are read, other payloads skipped and
//! counted, and a truncated or corrupt file yields the records before the damage plus one error naming it.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_ingest::{read_path_entries, read_stream_entries, Entry, IngestError, ReadOptions};

fn record(uri: &str, mime: &str, payload: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\n\r\n{payload}");
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn page(n: usize) -> String {
    format!(
        "<html><head><title>Story {n}</title></head><body><article><p>Rebel fighters seized the town of Kusham {n} on \
         Monday after two days of fighting with government troops, residents said.</p><p>At least {n} people were \
         killed in the clashes, a local doctor said.</p></article></body></html>"
    )
}

/// One gzip member per record.
fn warc_gz(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(r).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn crawl() -> Vec<Vec<u8>> {
    vec![
        record("http://news.test/1", "text/html; charset=utf-8", &page(1)),
        record("http://news.test/logo.jpg", "image/jpeg", "\u{0}\u{1}JFIF"),
        record("http://news.test/2", "text/html", &page(2)),
        record("http://news.test/report.pdf", "application/pdf", "%PDF-1.4"),
        record("http://news.test/3", "text/html", &page(3)),
    ]
}

fn read(bytes: Vec<u8>) -> Vec<Result<Entry, IngestError>> {
    read_stream_entries("crawl.warc.gz", "crawl.warc.gz", Box::new(std::io::Cursor::new(bytes)), &ReadOptions::default()).collect()
}

fn pages(entries: &[Result<Entry, IngestError>]) -> Vec<String> {
    entries.iter().filter_map(|e| match e { Ok(Entry::Page(p)) => Some(p.id.clone()), _ => None }).collect()
}

#[test]
fn multi_member_gzip_warc_reads_pages_and_counts_non_html_payloads() {
    let entries = read(warc_gz(&crawl()));
    assert_eq!(pages(&entries), ["http://news.test/1", "http://news.test/2", "http://news.test/3"]);
    let skipped: Vec<String> =
        entries.iter().filter_map(|e| match e { Ok(Entry::Skipped(s)) => Some(s.reason.clone()), _ => None }).collect();
    assert_eq!(skipped, ["non-HTML payload (image/jpeg)", "non-HTML payload (application/pdf)"]);
    assert!(entries.iter().all(Result::is_ok));
}

#[test]
fn pages_become_documents_with_the_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, warc_gz(&crawl())).unwrap();
    let docs: Vec<_> = sitrep_ingest::read_path(&path, &ReadOptions::default()).collect::<Result<_, _>>().unwrap();
    assert_eq!(docs.len(), 3);
    assert!(docs[1].text.contains("Kusham 2"), "{}", docs[1].text);
    assert_eq!(docs[1].url.as_deref(), Some("http://news.test/2"));
}

#[test]
fn truncated_gzip_keeps_earlier_records_and_names_the_damage() {
    let whole = warc_gz(&crawl());
    let cut = whole.len() - 60; // inside the last member
    let entries = read(whole[..cut].to_vec());
    assert_eq!(pages(&entries), ["http://news.test/1", "http://news.test/2"]);
    let err = entries.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(err, IngestError::Corrupt { record: 5, .. }), "{err}");
    let shown = err.to_string();
    assert!(shown.starts_with("crawl.warc.gz: record 5 at byte "), "{shown}");
}

#[test]
fn corrupt_gzip_bytes_keep_earlier_records_and_name_the_damage() {
    let members: Vec<Vec<u8>> = crawl().iter().map(|r| warc_gz(std::slice::from_ref(r))).collect();
    let mut bytes: Vec<u8> = members[..2].concat();
    let mut third = members[2].clone();
    for b in third.iter_mut().skip(12).take(40) {
        *b ^= 0x5a; // scramble the deflate data of record 3
    }
    bytes.extend(third);
    bytes.extend(members[3..].concat());
    let entries = read(bytes);
    assert_eq!(pages(&entries), ["http://news.test/1"]);
    let err = entries.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(err, IngestError::Corrupt { record: 3, .. }), "{err}");
}

#[test]
fn a_damaged_file_does_not_stop_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("a.warc.gz");
    let good = dir.path().join("b.warc.gz");
    let whole = warc_gz(&crawl());
    std::fs::write(&bad, &whole[..whole.len() / 2]).unwrap();
    std::fs::write(&good, &whole).unwrap();
    let bad_entries: Vec<_> = read_path_entries(&bad, &ReadOptions::default()).collect();
    assert!(bad_entries.last().unwrap().as_ref().unwrap_err().to_string().contains("a.warc.gz: record"));
    let good_entries: Vec<_> = read_path_entries(&good, &ReadOptions::default()).collect();
    assert_eq!(pages(&good_entries).len(), 3);
}
