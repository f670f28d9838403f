//! WARC files (ISO 28500), plain or gzipped, in the layout Common Crawl publishes: `response` records holding an
//! HTTP response. Each HTML response becomes a [`Page`]; other payloads (images, PDFs, JSON) and HTTP errors are
//! [`Skip`]s with their reason; `warcinfo`, `request`, `metadata`, `revisit` and `conversion` records are passed over.
//!
//! A small reader of our own rather than the `warc` crate: that crate's errors carry no record number or offset and
//! it cannot tell a file cut short from a clean end, and both are needed to name the failing record and keep the
//! ones before it.

use std::io::{BufRead, BufReader, Read};

use crate::entry::{Entry, Page, Skip};
use crate::reader::{decode, ReadOptions};
use crate::IngestError;

/// Payloads larger than this are skipped (read past, never held in memory).
const MAX_RECORD_BYTES: u64 = 32 << 20;
/// A header block longer than this is damage, not a header.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// Streams the entries of one WARC file, one record in memory at a time.
pub(crate) struct WarcRecords {
    shown: String,
    reader: BufReader<Box<dyn Read + Send>>,
    /// Decompressed bytes consumed so far.
    offset: u64,
    /// 1-based number of the record being read.
    record: usize,
    done: bool,
    pub_date: Option<String>,
}

/// The WARC header fields sitrep uses.
#[derive(Default)]
struct WarcHeader {
    kind: String,
    target_uri: Option<String>,
    content_type: String,
    content_length: Option<u64>,
}

impl WarcRecords {
    pub(crate) fn new(shown: &str, reader: Box<dyn Read + Send>, options: &ReadOptions) -> Self {
        WarcRecords {
            shown: shown.to_string(),
            reader: BufReader::with_capacity(1 << 16, reader),
            offset: 0,
            record: 0,
            done: false,
            pub_date: options.pub_date.clone(),
        }
    }

    fn corrupt(&self, offset: u64, message: impl Into<String>) -> IngestError {
        IngestError::Corrupt { path: self.shown.clone(), record: self.record, offset, message: message.into() }
    }

    fn read_line(&mut self, line: &mut Vec<u8>) -> std::io::Result<usize> {
        line.clear();
        let n = (&mut self.reader).take(MAX_HEADER_BYTES as u64).read_until(b'\n', line)?;
        self.offset += n as u64;
        Ok(n)
    }

    /// Reads one record; `Ok(None)` at a clean end of file, `Ok(Some(None))` for a record that yields nothing.
    fn next_record(&mut self) -> Result<Option<Option<Entry>>, IngestError> {
        let mut line = Vec::new();
        // blank lines separate records (each record ends with CRLF CRLF)
        let start = loop {
            let at = self.offset;
            let n = self.read_line(&mut line).map_err(|e| {
                // the failure is in the next record (the previous one was read whole)
                let mut err = self.corrupt(at, format!("cannot read: {e}"));
                if let IngestError::Corrupt { record, .. } = &mut err {
                    *record += 1;
                }
                err
            })?;
            if n == 0 {
                return Ok(None);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break at;
            }
        };
        self.record += 1;
        if !line.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&line[..line.len().min(40)]).trim().to_string();
            return Err(self.corrupt(start, format!("expected a WARC/1.x version line, found {shown:?}")));
        }
        let header = self.read_header(start)?;
        let Some(length) = header.content_length else {
            return Err(self.corrupt(start, "no Content-Length header"));
        };
        let body_at = self.offset;
        if length > MAX_RECORD_BYTES {
            let copied = std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())
                .map_err(|e| self.corrupt(body_at, format!("cannot read the record body: {e}")))?;
            self.offset += copied;
            if copied < length {
                return Err(self.truncated(body_at, length, copied));
            }
            return Ok(Some(Some(Entry::Skipped(Skip { id: self.record_id(&header), reason: "record over 32 MiB".into() }))));
        }
        let mut body = Vec::with_capacity(length as usize);
        let got = (&mut self.reader)
            .take(length)
            .read_to_end(&mut body)
            .map_err(|e| self.corrupt(body_at, format!("cannot read the record body: {e}")))?;
        self.offset += got as u64;
        if (got as u64) < length {
            return Err(self.truncated(body_at, length, got as u64));
        }
        Ok(Some(self.entry(&header, body)))
    }

    fn truncated(&self, at: u64, length: u64, got: u64) -> IngestError {
        self.corrupt(at, format!("truncated: Content-Length is {length} bytes but the file ends after {got}"))
    }

    fn read_header(&mut self, start: u64) -> Result<WarcHeader, IngestError> {
        let mut header = WarcHeader::default();
        let mut line = Vec::new();
        let mut total = 0;
        loop {
            let at = self.offset;
            let n = self.read_line(&mut line).map_err(|e| self.corrupt(at, format!("cannot read the header: {e}")))?;
            total += n;
            if n == 0 {
                return Err(self.corrupt(start, "truncated: the file ends inside the record header"));
            }
            if total > MAX_HEADER_BYTES {
                return Err(self.corrupt(start, "header block longer than 64 KiB"));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                return Ok(header);
            }
            let Some((name, value)) = text.split_once(':') else { continue };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => header.target_uri = Some(value.trim_matches(['<', '>']).to_string()),
                "content-type" => header.content_type = value.to_ascii_lowercase(),
                "content-length" => {
                    header.content_length = Some(
                        value.parse().map_err(|_| self.corrupt(start, format!("bad Content-Length {value:?}")))?,
                    )
                }
                _ => {}
            }
        }
    }

    fn record_id(&self, header: &WarcHeader) -> String {
        header.target_uri.clone().filter(|u| !u.is_empty()).unwrap_or_else(|| format!("{}#{}", self.shown, self.record))
    }

    fn entry(&self, header: &WarcHeader, body: Vec<u8>) -> Option<Entry> {
        let id = self.record_id(header);
        let skip = |reason: String| Some(Entry::Skipped(Skip { id: id.clone(), reason }));
        let (mime, payload) = match header.kind.as_str() {
            "response" if header.content_type.starts_with("application/http") => match split_http(&body) {
                Some(http) if !(200..300).contains(&http.status) => return skip(format!("HTTP status {}", http.status)),
                Some(http) => (http.mime, &body[http.body_at..]),
                None => return skip("response without an HTTP header".into()),
            },
            "response" | "resource" => (mime_of(&header.content_type), &body[..]),
            _ => return None, // warcinfo, request, metadata, revisit, conversion, continuation
        };
        let html = mime == "text/html" || mime == "application/xhtml+xml" || (mime.is_empty() && sniff_html(payload));
        if !html {
            let shown = if mime.is_empty() { "unknown type" } else { mime.as_str() };
            return skip(format!("non-HTML payload ({shown})"));
        }
        let (html, lossy) = decode(payload);
        Some(Entry::Page(Page {
            id,
            html,
            url: header.target_uri.clone(),
            shown: format!("{}#{}", self.shown, self.record),
            lossy,
            pub_date: self.pub_date.clone(),
        }))
    }
}

impl Iterator for WarcRecords {
    type Item = Result<Entry, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(None)) => {}
                Ok(Some(Some(entry))) => return Some(Ok(entry)),
                Err(e) => {
                    // a damaged stream cannot be resynchronised reliably: give up on the rest of this file
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

struct HttpHead {
    status: u16,
    mime: String,
    body_at: usize,
}

/// Status, payload type and where the payload starts in an HTTP response.
fn split_http(bytes: &[u8]) -> Option<HttpHead> {
    let head_end = find(bytes, b"\r\n\r\n").map(|p| p + 4).or_else(|| find(bytes, b"\n\n").map(|p| p + 2))?;
    let head = String::from_utf8_lossy(&bytes[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mime = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| mime_of(&value.to_ascii_lowercase()))
        .unwrap_or_default();
    Some(HttpHead { status, mime, body_at: head_end })
}

fn mime_of(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_string()
}

fn sniff_html(payload: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&payload[..payload.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(status: &str, mime: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn entries(bytes: Vec<u8>) -> Vec<Result<Entry, IngestError>> {
        WarcRecords::new("t.warc", Box::new(std::io::Cursor::new(bytes)), &ReadOptions::default()).collect()
    }

    #[test]
    fn html_responses_become_pages_and_other_records_are_skipped_or_ignored() {
        let mut warc = record("warcinfo", "", "application/warc-fields", b"software: test\r\n");
        warc.extend(record("request", "http://a.test/", "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"));
        let page = http("200 OK", "text/html; charset=utf-8", "<html><body><p>Hello</p></body></html>");
        warc.extend(record("response", "http://a.test/", "application/http; msgtype=response", &page));
        warc.extend(record("response", "http://a.test/x.png", "application/http; msgtype=response", &http("200 OK", "image/png", "\u{1}PNG")));
        warc.extend(record("response", "http://a.test/gone", "application/http; msgtype=response", &http("404 Not Found", "text/html", "<html></html>")));
        warc.extend(record("metadata", "http://a.test/", "application/warc-fields", b"fetchTimeMs: 1\r\n"));
        let out = entries(warc);
        assert_eq!(out.len(), 3, "{out:?}");
        match &out[0] {
            Ok(Entry::Page(p)) => {
                assert_eq!(p.id, "http://a.test/");
                assert!(p.html.starts_with("<html>"));
            }
            other => panic!("expected a page, got {other:?}"),
        }
        let reasons: Vec<String> = out[1..]
            .iter()
            .map(|e| match e {
                Ok(Entry::Skipped(s)) => s.reason.clone(),
                other => panic!("expected a skip, got {other:?}"),
            })
            .collect();
        assert_eq!(reasons, ["non-HTML payload (image/png)", "HTTP status 404"]);
    }

    #[test]
    fn a_record_cut_short_is_named_and_earlier_records_are_kept() {
        let page = http("200 OK", "text/html", "<html><body><p>One</p></body></html>");
        let mut warc = record("response", "http://a.test/1", "application/http", &page);
        let second = record("response", "http://a.test/2", "application/http", &page);
        let first_len = warc.len() as u64;
        warc.extend_from_slice(&second[..second.len() - 30]);
        let out = entries(warc);
        assert_eq!(out.len(), 2);
        assert!(matches!(out[0], Ok(Entry::Page(_))));
        match &out[1] {
            Err(IngestError::Corrupt { record, offset, message, .. }) => {
                assert_eq!(*record, 2);
                assert!(*offset > first_len, "offset {offset} should point into record 2");
                assert!(message.contains("truncated"), "{message}");
            }
            other => panic!("expected a corrupt-record error, got {other:?}"),
        }
    }

    #[test]
    fn garbage_instead_of_a_record_is_an_error_naming_its_offset() {
        let page = http("200 OK", "text/html", "<html><body><p>One</p></body></html>");
        let mut warc = record("response", "http://a.test/1", "application/http", &page);
        let at = warc.len();
        warc.extend_from_slice(b"\x00\x01garbage that is no record\r\n");
        let out = entries(warc);
        let err = out[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with(&format!("t.warc: record 2 at byte {at}: expected a WARC/1.x version line")), "{err}");
    }
}
