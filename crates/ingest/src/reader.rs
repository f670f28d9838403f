//! Opening inputs and dispatching them to the text, HTML or JSONL reader.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use sitrep_model::Document;

use crate::detect::{detect_format, InputFormat};
use crate::entry::{Entry, Page};
use crate::feed::feed_entries;
use crate::jsonl::JsonlRecords;
use crate::warc::WarcRecords;
use crate::text::TextParts;
use crate::IngestError;

/// The documents of one input, each either read or an error naming where reading failed.
pub type DocumentStream = Box<dyn Iterator<Item = Result<Document, IngestError>> + Send>;

/// The entries of one input: documents, pages still to extract, skipped records, or errors naming where.
pub type EntryStream = Box<dyn Iterator<Item = Result<Entry, IngestError>> + Send>;

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force a format instead of detecting it.
    pub format: Option<InputFormat>,
    /// `YYYY-MM-DD` for documents that carry no publication date of their own.
    pub pub_date: Option<String>,
    /// Plain text longer than this is read in parts, so memory stays bounded whatever the file size.
    pub part_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { format: None, pub_date: None, part_bytes: 1 << 20 }
    }
}

const HEAD_BYTES: usize = 8192;

/// Reads a file; the document id is its file name.
pub fn read_path(path: &Path, options: &ReadOptions) -> DocumentStream {
    documents_only(read_path_entries(path, options))
}

/// Reads in-memory content named `name`.
pub fn read_bytes(name: &str, bytes: Vec<u8>, options: &ReadOptions) -> DocumentStream {
    read_stream(name, name, Box::new(Cursor::new(bytes)), options)
}

/// Reads any byte stream (a file, standard input). `id` names its documents, `shown` names it in errors.
/// HTML pages are extracted here; records that hold no article (images in a WARC file) are passed over.
pub fn read_stream(id: &str, shown: &str, reader: Box<dyn Read + Send>, options: &ReadOptions) -> DocumentStream {
    documents_only(read_stream_entries(id, shown, reader, options))
}

fn documents_only(entries: EntryStream) -> DocumentStream {
    Box::new(entries.filter_map(|item| match item {
        Ok(Entry::Document(doc)) => Some(Ok(doc)),
        Ok(Entry::Page(page)) => Some(Ok(page.into_document())),
        Ok(Entry::Skipped(_)) => None,
        Err(e) => Some(Err(e)),
    }))
}

/// Reads a file as entries: documents, HTML pages still to extract, and skipped records with their reason.
pub fn read_path_entries(path: &Path, options: &ReadOptions) -> EntryStream {
    let shown = path.display().to_string();
    let name = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    match File::open(path) {
        Ok(file) => read_stream_entries(&name, &shown, Box::new(file), options),
        Err(source) => Box::new(std::iter::once(Err(IngestError::Io { path: shown, source }))),
    }
}

/// Reads any byte stream as entries. Gzip (also multi-member, as Common Crawl writes it) is decompressed first,
/// whatever it holds.
pub fn read_stream_entries(id: &str, shown: &str, mut reader: Box<dyn Read + Send>, options: &ReadOptions) -> EntryStream {
    let fail = |e| -> EntryStream { Box::new(std::iter::once(Err(e))) };
    let mut head = Vec::with_capacity(HEAD_BYTES);
    if let Err(source) = (&mut reader).take(HEAD_BYTES as u64).read_to_end(&mut head) {
        return fail(IngestError::Io { path: shown.to_string(), source });
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz: Box<dyn Read + Send> = Box::new(flate2::read::MultiGzDecoder::new(Cursor::new(head).chain(reader)));
        // the id loses `.gz`, so `story.txt.gz` codes as `story.txt`
        let id = id.strip_suffix(".gz").unwrap_or(id);
        return read_decompressed(id, shown, gz, options);
    }
    read_plain(id, shown, head, reader, options)
}

fn read_decompressed(id: &str, shown: &str, mut reader: Box<dyn Read + Send>, options: &ReadOptions) -> EntryStream {
    // a damaged stream may fail within the first bytes: keep what came before the failure and replay the failure
    // after it, so the WARC reader names the record it hit
    let mut head = Vec::with_capacity(HEAD_BYTES);
    let mut buf = [0u8; 4096];
    let mut failure = None;
    while head.len() < HEAD_BYTES {
        match reader.read(&mut buf[..(HEAD_BYTES - head.len()).min(4096)]) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    match failure {
        None => read_plain(id, shown, head, reader, options),
        Some(e) if head.starts_with(b"WARC/") => read_plain(id, shown, head, Box::new(Failing(e.kind(), e.to_string())), options),
        Some(e) => {
            let message = format!("gzip stream unreadable: {e}");
            Box::new(std::iter::once(Err(IngestError::Corrupt { path: shown.to_string(), record: 1, offset: 0, message })))
        }
    }
}

/// A reader that fails, standing for a stream that failed after the bytes already read.
struct Failing(std::io::ErrorKind, String);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::new(self.0, self.1.clone()))
    }
}

fn read_plain(id: &str, shown: &str, head: Vec<u8>, reader: Box<dyn Read + Send>, options: &ReadOptions) -> EntryStream {
    let fail = |e| -> EntryStream { Box::new(std::iter::once(Err(e))) };
    let detected = detect_format(&head);
    let format = options.format.unwrap_or(detected);
    let whole: Box<dyn Read + Send> = Box::new(Cursor::new(head.clone()).chain(reader));
    // WARC files carry binary payloads, so they are recognised before the binary check
    if format == InputFormat::Warc {
        return Box::new(WarcRecords::new(shown, whole, options));
    }
    if head.iter().all(|b| b.is_ascii_whitespace()) && head.len() < HEAD_BYTES {
        return fail(IngestError::Empty { path: shown.to_string() });
    }
    if head.contains(&0) {
        return fail(IngestError::Binary { path: shown.to_string(), checked: head.len() });
    }
    let as_entries = |docs: DocumentStream| -> EntryStream { Box::new(docs.map(|d| d.map(Entry::Document))) };
    match format {
        InputFormat::Text => as_entries(Box::new(TextParts::new(id, shown, whole, options))),
        InputFormat::Jsonl => as_entries(Box::new(JsonlRecords::new(shown, whole, options))),
        InputFormat::Feed => Box::new(feed_entries(shown, whole, options).into_iter()),
        InputFormat::Warc => unreachable!("handled above"),
        InputFormat::Html => {
            let mut bytes = Vec::new();
            let mut whole = whole;
            if let Err(source) = whole.read_to_end(&mut bytes) {
                return fail(IngestError::Io { path: shown.to_string(), source });
            }
            let (html, lossy) = decode(&bytes);
            let page = Page { id: id.to_string(), html, url: None, shown: shown.to_string(), lossy, pub_date: options.pub_date.clone() };
            Box::new(std::iter::once(Ok(Entry::Page(page))))
        }
    }
}

/// Decodes UTF-8, replacing invalid sequences; reports whether any were replaced.
pub(crate) fn decode(bytes: &[u8]) -> (String, bool) {
    match String::from_utf8_lossy(bytes) {
        std::borrow::Cow::Borrowed(s) => (s.to_string(), false),
        std::borrow::Cow::Owned(s) => (s, true),
    }
}

pub(crate) fn lossy_warning(shown: &str) -> String {
    format!("{shown}: invalid UTF-8 decoded lossily (bad bytes became U+FFFD)")
}

/// The `YYYY-MM-DD` part of an ISO date or datetime, if it is a real date.
pub(crate) fn iso_day(s: &str) -> Option<String> {
    let day = s.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|d| d.format("%Y-%m-%d").to_string())
}
