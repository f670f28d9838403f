//! A document is one article as sitrep normalised it: the text every span points into, plus what is known about it.

use serde::{Deserialize, Serialize};

use crate::Event;

/// How a document reached sitrep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Text,
    Html,
    Jsonl,
    /// An item of an RSS or Atom feed.
    Feed,
}

/// Where a part of a long document starts; long plain-text files are read in parts to keep memory bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// 0 for the first part.
    pub index: usize,
    /// Code points of the whole document that come before this part: spans of its events are `char_offset` larger
    /// than positions in this part's `text`.
    pub char_offset: usize,
}

/// One article, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The JSONL `id`, else the file name (`stdin` for standard input).
    pub id: String,
    /// The text spans point into: headline (if known) as the first paragraph, then the body, paragraphs separated by a
    /// blank line.
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD`; the reference for relative dates ("Tuesday", "last week").
    pub publication_date: Option<String>,
    /// The outlet or site name.
    pub source: Option<String>,
    pub input: InputKind,
    /// Set when the document is one part of a long text read in pieces.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub part: Option<Part>,
    /// ISO 639-3 code of the language identified by `sitrep ingest` (`"eng"`); `null` when not identified.
    #[serde(default)]
    pub language: Option<String>,
    /// The id of the first copy seen when `sitrep ingest` found this document to be a near-duplicate of it (a
    /// syndicated or reworded copy); such a document is not coded again.
    #[serde(default)]
    pub duplicate_of: Option<String>,
    /// Problems met while reading that did not stop it (lossy UTF-8, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// A plain-text document with no metadata.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            title: None,
            url: None,
            publication_date: None,
            source: None,
            input: InputKind::Text,
            part: None,
            language: None,
            duplicate_of: None,
            warnings: Vec::new(),
        }
    }

    pub fn with_publication_date(mut self, date: Option<String>) -> Self {
        self.publication_date = date;
        self
    }

    /// Code points before this document's text within the whole article (non-zero only for later parts).
    pub fn char_offset(&self) -> usize {
        self.part.map_or(0, |p| p.char_offset)
    }
}

/// What `--emit documents` prints: the document and its events.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRecord<'a> {
    #[serde(flatten)]
    pub document: &'a Document,
    pub events: &'a [Event],
}
