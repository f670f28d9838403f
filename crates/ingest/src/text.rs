//! Plain text, read in bounded parts so a 50 MB file never sits in memory whole.

use std::io::Read;

use sitrep_model::{Document, InputKind, Part};

use crate::normalize::normalize_text;
use crate::reader::{decode, lossy_warning, ReadOptions};
use crate::IngestError;

/// Yields one document, or several parts of one document when the text is longer than `part_bytes`.
/// Parts are cut at a paragraph break where possible (else a line break, else a space), never inside a character.
/// The whole document's text is the parts joined by a blank line (`"\n\n"`), which is what `Part::char_offset` counts.
pub(crate) struct TextParts {
    id: String,
    shown: String,
    reader: Box<dyn Read + Send>,
    buf: Vec<u8>,
    eof: bool,
    index: usize,
    char_offset: usize,
    options: ReadOptions,
}

impl TextParts {
    pub(crate) fn new(id: &str, shown: &str, reader: Box<dyn Read + Send>, options: &ReadOptions) -> Self {
        TextParts {
            id: id.to_string(),
            shown: shown.to_string(),
            reader,
            buf: Vec::new(),
            eof: false,
            index: 0,
            char_offset: 0,
            options: options.clone(),
        }
    }

    fn fill(&mut self) -> std::io::Result<()> {
        let want = self.options.part_bytes.max(1024);
        while !self.eof && self.buf.len() < want {
            let mut chunk = vec![0u8; (want - self.buf.len()).min(1 << 16)];
            let n = self.reader.read(&mut chunk)?;
            if n == 0 {
                self.eof = true;
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
        Ok(())
    }
}

fn cut_point(buf: &[u8]) -> usize {
    let half = buf.len() / 2;
    let find_last = |needle: &[u8]| {
        buf.windows(needle.len()).rposition(|w| w == needle).filter(|&p| p >= half).map(|p| p + needle.len())
    };
    find_last(b"\n\n")
        .or_else(|| find_last(b"\n"))
        .or_else(|| find_last(b" "))
        .unwrap_or_else(|| {
            // no break at all: cut before a UTF-8 lead byte so no character is split
            let mut p = buf.len();
            while p > 0 && (buf[p - 1] & 0xC0) == 0x80 {
                p -= 1;
            }
            if p > 0 && buf[p - 1] >= 0xC0 {
                p - 1
            } else {
                buf.len()
            }
        })
}

impl Iterator for TextParts {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Err(source) = self.fill() {
            self.eof = true;
            self.buf.clear();
            return Some(Err(IngestError::Io { path: self.shown.clone(), source }));
        }
        if self.buf.is_empty() {
            return None;
        }
        let whole_rest = self.eof && self.buf.len() <= self.options.part_bytes.max(1024);
        let cut = if whole_rest { self.buf.len() } else { cut_point(&self.buf) };
        let chunk: Vec<u8> = self.buf.drain(..cut).collect();
        let (raw, lossy) = decode(&chunk);
        let text = normalize_text(&raw);
        let single = self.index == 0 && whole_rest;
        let mut doc = Document::from_text(self.id.clone(), text);
        doc.input = InputKind::Text;
        doc.publication_date = self.options.pub_date.clone();
        if lossy {
            doc.warnings.push(lossy_warning(&self.shown));
        }
        if self.index == 0 {
            doc.title = headline(&doc.text);
        }
        if !single {
            doc.part = Some(Part { index: self.index, char_offset: self.char_offset });
        }
        self.char_offset += doc.text.chars().count() + 2;
        self.index += 1;
        Some(Ok(doc))
    }
}

/// A first line standing alone as a paragraph, short and without final punctuation, is the headline.
fn headline(text: &str) -> Option<String> {
    let (first, rest) = text.split_once("\n\n")?;
    let looks_like_headline = !first.contains('\n')
        && first.chars().count() <= 200
        && !first.trim_end().ends_with(['.', ':', ';', ','])
        && !rest.is_empty();
    looks_like_headline.then(|| first.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_comes_in_parts_cut_at_paragraphs() {
        let paras: Vec<String> = (0..6).map(|i| format!("Rebels attacked town {i}. ").repeat(30)).collect();
        let text = paras.join("\n\n");
        let options = ReadOptions { part_bytes: 2048, ..ReadOptions::default() };
        let parts: Vec<Document> =
            TextParts::new("big.txt", "big.txt", Box::new(std::io::Cursor::new(text.clone())), &options)
                .map(Result::unwrap)
                .collect();
        assert!(parts.len() >= 2);
        let joined: Vec<&str> = parts.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(joined.join("\n\n"), normalize_text(&text));
        for d in &parts {
            let offset = d.part.unwrap().char_offset;
            let expected: usize = joined.join("\n\n").find(d.text.as_str()).unwrap();
            assert_eq!(offset, joined.join("\n\n")[..expected].chars().count());
        }
    }

    #[test]
    fn cut_never_splits_a_character() {
        let buf = "é".repeat(100).into_bytes();
        let p = cut_point(&buf);
        assert!(std::str::from_utf8(&buf[..p]).is_ok());
    }
}
