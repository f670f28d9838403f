//! Reading gold files: one JSON object per line, bad lines reported rather than fatal.

use std::io::BufRead;

use serde_json::Value;

/// One non-blank line of a JSONL file.
pub(crate) enum Line {
    Record(Value),
    /// Why the line is not a record (bad UTF-8, bad JSON, not an object).
    Bad(String),
}

/// Non-blank lines as records, numbered from 1. Only an I/O failure is an `Err`.
pub(crate) struct JsonLines<R> {
    reader: R,
    line: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonLines<R> {
    pub(crate) fn new(reader: R) -> Self {
        JsonLines { reader, line: 0, buf: Vec::new() }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = std::io::Result<(usize, Line)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Err(e) => return Some(Err(e)),
                Ok(0) => return None,
                Ok(_) => {}
            }
            self.line += 1;
            let bytes = self.buf.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&self.buf);
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => return Some(Ok((self.line, Line::Bad(format!("not UTF-8: {e}"))))),
            };
            if text.trim().is_empty() {
                continue;
            }
            let line = match serde_json::from_str::<Value>(text) {
                Ok(v @ Value::Object(_)) => Line::Record(v),
                Ok(_) => Line::Bad("not a JSON object".to_string()),
                Err(e) => Line::Bad(format!("bad JSON: {e}")),
            };
            return Some(Ok((self.line, line)));
        }
    }
}

/// Skipped lines: how many, the first (for the error when nothing at all is readable), and up to five notes.
#[derive(Debug, Default)]
pub(crate) struct Skips {
    pub(crate) count: usize,
    pub(crate) first: Option<(usize, String)>,
    notes: Vec<String>,
}

pub(crate) const MAX_SKIP_NOTES: usize = 5;

impl Skips {
    pub(crate) fn skip(&mut self, line: usize, message: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((line, message.to_string()));
        }
        if self.notes.len() < MAX_SKIP_NOTES {
            self.notes.push(format!("skipped line {line}: {}", shorten(message, 160)));
        }
    }

    pub(crate) fn into_notes(self) -> Vec<String> {
        let mut notes = self.notes;
        if self.count > notes.len() {
            notes.push(format!("… {} more skipped lines not listed", self.count - notes.len()));
        }
        notes
    }
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max_chars).collect();
        out.push('…');
        out
    }
}

/// `record[key]` as a string, if it is one.
pub(crate) fn get_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `record[key]` as a number; numeric strings ("12") are accepted too, since gold files are not always typed.
pub(crate) fn get_f64(v: &Value, key: &str) -> Option<f64> {
    match v.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|x| x.is_finite())
}

/// `record[key]` as a non-negative integer (floats like `2.0` allowed).
pub(crate) fn get_u64(v: &Value, key: &str) -> Option<u64> {
    get_f64(v, key).filter(|x| *x >= 0.0 && x.fract() == 0.0 && *x < 1e15).map(|x| x as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_and_bad_ones_reported() {
        let input = b"{\"a\":1}\n\n[1,2]\n{bad\n\xff\xfe\n{\"b\":2}".to_vec();
        let got: Vec<(usize, bool)> = JsonLines::new(std::io::Cursor::new(input))
            .map(|r| r.unwrap())
            .map(|(n, l)| (n, matches!(l, Line::Record(_))))
            .collect();
        assert_eq!(got, [(1, true), (3, false), (4, false), (5, false), (6, true)]);
    }

    #[test]
    fn skips_keep_five_notes_and_a_summary() {
        let mut s = Skips::default();
        for i in 1..=7 {
            s.skip(i, "bad");
        }
        assert_eq!(s.count, 7);
        assert_eq!(s.first, Some((1, "bad".to_string())));
        let notes = s.into_notes();
        assert_eq!(notes.len(), 6);
        assert!(notes[5].contains("2 more"));
    }

    #[test]
    fn numbers_accept_floats_and_numeric_strings() {
        let v: Value = serde_json::json!({"a": 2.0, "b": "7", "c": -1, "d": null});
        assert_eq!(get_u64(&v, "a"), Some(2));
        assert_eq!(get_u64(&v, "b"), Some(7));
        assert_eq!(get_u64(&v, "c"), None);
        assert_eq!(get_f64(&v, "d"), None);
    }
}
