//! JSONL article dumps: one `{"id", "text" | "html", "title"?, "url"?, "publication_date"?, "source"?}` per line;
//! the metadata fields may also sit in a `"meta"` object (the layout of the gold sets' records.jsonl).

use std::io::{BufRead, BufReader, Read};

use serde_json::Value;
use sitrep_model::{Document, InputKind};

use crate::html::html_document;
use crate::normalize::normalize_text;
use crate::reader::{decode, iso_day, lossy_warning, ReadOptions};
use crate::IngestError;

/// Yields one document per non-blank line; a bad line yields an error naming it and reading goes on.
pub(crate) struct JsonlRecords {
    shown: String,
    lines: BufReader<Box<dyn Read + Send>>,
    line_no: usize,
    options: ReadOptions,
    failed: bool,
}

impl JsonlRecords {
    pub(crate) fn new(shown: &str, reader: Box<dyn Read + Send>, options: &ReadOptions) -> Self {
        JsonlRecords { shown: shown.to_string(), lines: BufReader::new(reader), line_no: 0, options: options.clone(), failed: false }
    }

    fn bad(&self, message: impl Into<String>) -> IngestError {
        IngestError::BadRecord { path: self.shown.clone(), line: self.line_no, message: message.into() }
    }

    fn record(&self, line: &str, lossy: bool) -> Result<Document, IngestError> {
        let value: Value = serde_json::from_str(line).map_err(|e| self.bad(e.to_string()))?;
        let obj = value.as_object().ok_or_else(|| self.bad("not a JSON object"))?;
        // Metadata may sit at the top level or, as in the gold sets' records.jsonl, under "meta".
        let meta = obj.get("meta").and_then(Value::as_object);
        let field = |k: &str| {
            obj.get(k)
                .or_else(|| meta.and_then(|m| m.get(k)))
                .and_then(Value::as_str)
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        };
        let id = match obj.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("{}:{}", self.shown, self.line_no),
        };
        let title = field("title");
        let mut doc = if let Some(text) = field("text") {
            let body = normalize_text(&text);
            let text = match &title {
                Some(t) if !body.starts_with(t.as_str()) => format!("{}\n\n{}", normalize_text(t), body),
                _ => body,
            };
            let mut d = Document::from_text(id, text);
            d.input = InputKind::Jsonl;
            d.title = title.clone();
            d
        } else if let Some(html) = field("html") {
            let mut d = html_document(&id, &html, field("url").as_deref());
            d.input = InputKind::Jsonl;
            if title.is_some() {
                d.title = title.clone();
            }
            d
        } else {
            return Err(self.bad("record has neither \"text\" nor \"html\""));
        };
        if let Some(url) = field("url") {
            doc.url = Some(url);
        }
        if let Some(source) = field("source") {
            doc.source = Some(source);
        }
        if let Some(raw) = field("publication_date") { match iso_day(&raw) {
            Some(day) => doc.publication_date = Some(day),
            None => doc.warnings.push(format!(
                "{}:{}: publication_date {raw:?} is not an ISO date; ignored",
                self.shown, self.line_no
            )),
        } }
        if doc.publication_date.is_none() {
            doc.publication_date = self.options.pub_date.clone();
        }
        if lossy {
            doc.warnings.push(lossy_warning(&format!("{}:{}", self.shown, self.line_no)));
        }
        Ok(doc)
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            let mut raw = Vec::new();
            self.line_no += 1;
            match self.lines.read_until(b'\n', &mut raw) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(source) => {
                    self.failed = true;
                    return Some(Err(IngestError::Io { path: self.shown.clone(), source }));
                }
            }
            let (line, lossy) = decode(&raw);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            return Some(self.record(line, lossy));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(content: &str) -> Vec<Result<Document, IngestError>> {
        JsonlRecords::new("in.jsonl", Box::new(std::io::Cursor::new(content.to_string())), &ReadOptions::default()).collect()
    }

    #[test]
    fn a_malformed_line_is_named_and_the_rest_still_read() {
        let out = read("{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \n\n{\"id\": \"c\", \"text\": \"Three.\"}\n");
        assert_eq!(out.len(), 3);
        assert!(out[0].is_ok() && out[2].is_ok());
        let err = out[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("in.jsonl:2: malformed JSONL record"), "{err}");
    }

    #[test]
    fn title_leads_the_text_and_dates_are_days() {
        let out = read("{\"id\": 7, \"title\": \"Clashes in Goma\", \"text\": \"Fighting broke out.\", \"publication_date\": \"2024-02-03T10:00:00Z\"}");
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.id, "7");
        assert_eq!(doc.text, "Clashes in Goma\n\nFighting broke out.");
        assert_eq!(doc.publication_date.as_deref(), Some("2024-02-03"));
    }

    #[test]
    fn metadata_under_meta_is_read_like_top_level_fields() {
        let out = read("{\"id\": \"g1\", \"text\": \"Shots fired\\n\\nTwo men were hurt.\", \"meta\": {\"publication_date\": \"2016-05-02\", \"title\": \"Shots fired\", \"url\": \"http://x.example/a\"}}");
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.publication_date.as_deref(), Some("2016-05-02"));
        assert_eq!(doc.url.as_deref(), Some("http://x.example/a"));
        assert_eq!(doc.text, "Shots fired\n\nTwo men were hurt.", "a title already leading the text is not repeated");
    }

    #[test]
    fn record_without_text_is_an_error() {
        let out = read("{\"id\": \"x\", \"title\": \"only\"}");
        assert!(out[0].as_ref().unwrap_err().to_string().contains("neither"));
    }
}
