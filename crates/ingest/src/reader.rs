//! Opening inputs and dispatching them to the text, HTML or JSONL reader.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use sitrep_model::Document;

use crate::detect::{detect_format, InputFormat};
use crate::html::html_document;
use crate::jsonl::JsonlRecords;
use crate::text::TextParts;
use crate::IngestError;

/// The documents of one input, each either read or an error naming where reading failed.
pub type DocumentStream = Box<dyn Iterator<Item = Result<Document, IngestError>> + Send>;

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
    let shown = path.display().to_string();
    let name = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    match File::open(path) {
        Ok(file) => read_stream(&name, &shown, Box::new(file), options),
        Err(source) => Box::new(std::iter::once(Err(IngestError::Io { path: shown, source }))),
    }
}

/// Reads in-memory content named `name`.
pub fn read_bytes(name: &str, bytes: Vec<u8>, options: &ReadOptions) -> DocumentStream {
    read_stream(name, name, Box::new(Cursor::new(bytes)), options)
}

/// Reads any byte stream (a file, standard input). `id` names its documents, `shown` names it in errors.
pub fn read_stream(id: &str, shown: &str, mut reader: Box<dyn Read + Send>, options: &ReadOptions) -> DocumentStream {
    let fail = |e| -> DocumentStream { Box::new(std::iter::once(Err(e))) };
    let mut head = Vec::with_capacity(HEAD_BYTES);
    if let Err(source) = (&mut reader).take(HEAD_BYTES as u64).read_to_end(&mut head) {
        return fail(IngestError::Io { path: shown.to_string(), source });
    }
    if head.iter().all(|b| b.is_ascii_whitespace()) && head.len() < HEAD_BYTES {
        return fail(IngestError::Empty { path: shown.to_string() });
    }
    if head.contains(&0) {
        return fail(IngestError::Binary { path: shown.to_string(), checked: head.len() });
    }
    let format = options.format.unwrap_or_else(|| detect_format(&head));
    let whole: Box<dyn Read + Send> = Box::new(Cursor::new(head).chain(reader));
    match format {
        InputFormat::Text => Box::new(TextParts::new(id, shown, whole, options)),
        InputFormat::Jsonl => Box::new(JsonlRecords::new(shown, whole, options)),
        InputFormat::Html => {
            let mut bytes = Vec::new();
            let mut whole = whole;
            if let Err(source) = whole.read_to_end(&mut bytes) {
                return fail(IngestError::Io { path: shown.to_string(), source });
            }
            let (html, lossy) = decode(&bytes);
            let mut doc = html_document(id, &html, None);
            if lossy {
                doc.warnings.push(lossy_warning(shown));
            }
            if doc.publication_date.is_none() {
                doc.publication_date = options.pub_date.clone();
            }
            Box::new(std::iter::once(Ok(doc)))
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
