//! Spans are `[start, end)` in Unicode code points, because that is what every consumer language can index
//! (Python `str`, JavaScript after `Array.from`, Rust `chars()`); byte offsets would differ between them.

use serde::{Deserialize, Serialize};

/// A half-open `[start, end)` range of Unicode code points into a document's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span(pub usize, pub usize);

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span(start, end.max(start))
    }
    pub fn start(&self) -> usize {
        self.0
    }
    pub fn end(&self) -> usize {
        self.1
    }
    pub fn len(&self) -> usize {
        self.1 - self.0
    }
    pub fn is_empty(&self) -> bool {
        self.1 == self.0
    }
    /// The same span moved right by `by` code points (used when a document arrives in parts).
    pub fn shifted(&self, by: usize) -> Span {
        Span(self.0 + by, self.1 + by)
    }
    pub fn contains(&self, other: Span) -> bool {
        self.0 <= other.0 && other.1 <= self.1
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.0 < other.1 && other.0 < self.1
    }
}

/// Converts byte offsets of one string into code-point offsets in O(1) per lookup after an O(n) pass.
///
/// Every stage finds matches on bytes (regex, aho-corasick) and must report code points; this table is the one place
/// that conversion happens.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `char_at_byte[b]` = number of chars before byte `b`, for every char boundary `b` (and `len`).
    char_at_byte: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut char_at_byte = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, ch) in text.char_indices() {
            for i in 0..ch.len_utf8() {
                char_at_byte[b + i] = n;
            }
            n += 1;
        }
        char_at_byte[text.len()] = n;
        CharIndex { char_at_byte }
    }
    /// Code-point offset of byte offset `b` (clamped to the text; a non-boundary maps to its char's start).
    pub fn char_of(&self, b: usize) -> usize {
        self.char_at_byte[b.min(self.char_at_byte.len() - 1)] as usize
    }
    /// The code-point span of the byte range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.char_of(start), self.char_of(end))
    }
}

/// The slice of `text` covered by a code-point `span`, or `None` when the span runs past the end.
pub fn char_slice(text: &str, span: Span) -> Option<&str> {
    let mut indices = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let start = indices.nth(span.0)?;
    let end = if span.1 == span.0 { start } else { indices.nth(span.1 - span.0 - 1)? };
    text.get(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points_not_bytes() {
        let text = "Dayr az Zawr – Deir ez-Zor";
        let idx = CharIndex::new(text);
        let b = text.find("Deir").unwrap();
        let span = idx.span(b, b + "Deir ez-Zor".len());
        assert_eq!(char_slice(text, span), Some("Deir ez-Zor"));
        assert_eq!(span, Span(15, 26));
    }

    #[test]
    fn char_slice_rejects_spans_past_the_end() {
        assert_eq!(char_slice("abc", Span(1, 4)), None);
        assert_eq!(char_slice("abc", Span(3, 3)), Some(""));
    }
}
