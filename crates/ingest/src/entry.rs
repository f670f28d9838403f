//! What a reader yields: a document ready to code, an HTML page still to extract, or a record it skipped.

use sitrep_model::Document;

use crate::html::html_document;
use crate::reader::lossy_warning;

/// One item of an input.
#[derive(Debug, Clone)]
pub enum Entry {
    Document(Document),
    /// An HTML page whose main text is not extracted yet, so that callers can do the costly extraction on worker
    /// threads instead of the reading thread ([`Page::into_document`]).
    Page(Page),
    /// A record that holds no article (an image or PDF in a WARC file, an HTTP error page), with why.
    Skipped(Skip),
}

/// A raw HTML page.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub html: String,
    pub url: Option<String>,
    /// Where it came from, for warnings (`crawl.warc.gz#12`).
    pub shown: String,
    /// The HTML was not valid UTF-8 and was decoded lossily.
    pub lossy: bool,
    /// Publication date to use when the page gives none.
    pub pub_date: Option<String>,
}

impl Page {
    /// Extracts the main text and metadata (dom_smoothie), as `read_path` does for an HTML file.
    pub fn into_document(self) -> Document {
        let mut doc = html_document(&self.id, &self.html, self.url.as_deref());
        if self.lossy {
            doc.warnings.push(lossy_warning(&self.shown));
        }
        if doc.publication_date.is_none() {
            doc.publication_date = self.pub_date;
        }
        doc
    }
}

/// A record left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The record's id (its URL in a WARC file) or `file#record`.
    pub id: String,
    /// Short and stable, so runs can count skips by reason: `non-HTML payload (image/jpeg)`, `HTTP status 404`.
    pub reason: String,
}
