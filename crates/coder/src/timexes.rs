//! Every time expression of a document with its code-point span: what `sitrep timex` prints and MEANTIME scores.

use serde::Serialize;
use sitrep_model::{CharIndex, Document, Span};

/// One time expression as reported to users (TIMEX3 type and value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimexRecord {
    pub text: String,
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value (`2023-11-07`, `2017-06`, `P3D`), or null when it cannot be resolved without guessing.
    pub value: Option<String>,
}

/// The document's time expressions, resolved against its publication date, sentence by sentence (so the tense of
/// each sentence decides whether "Tuesday" is past or future).
pub fn document_timexes(doc: &Document) -> Vec<TimexRecord> {
    let text = doc.text.as_str();
    let chars = CharIndex::new(text);
    let reference = doc.publication_date.as_deref().and_then(sitrep_time::parse_reference_date);
    let shift = doc.char_offset();
    let mut out = Vec::new();
    for sentence in sitrep_nlp::split_sentences(text) {
        let s = sentence.text(text);
        for t in sitrep_time::find_timexes(s, reference) {
            out.push(TimexRecord {
                text: t.text.clone(),
                span: chars.span(sentence.start + t.start, sentence.start + t.end).shifted(shift),
                kind: t.kind.as_str().to_string(),
                value: t.value.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_into_the_document() {
        let doc = Document::from_text("d", "Headline\n\nTroops – who arrived on Tuesday – left yesterday.")
            .with_publication_date(Some("2024-05-02".into()));
        let found = document_timexes(&doc);
        let values: Vec<_> = found.iter().map(|t| t.value.clone().unwrap_or_default()).collect();
        assert_eq!(values, ["2024-04-30", "2024-05-01"]);
        let first = &found[0];
        assert_eq!(sitrep_model::char_slice(&doc.text, first.span), Some("Tuesday"));
    }
}
