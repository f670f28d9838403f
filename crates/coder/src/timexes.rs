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
    // the last day the text named: what "the same day" and "that day" refer back to (the publication day before any)
    let mut last_day: Option<String> = doc.publication_date.clone();
    for sentence in sitrep_nlp::split_sentences(text) {
        let s = sentence.text(text);
        for t in sitrep_time::find_timexes(s, reference) {
            let anaphoric = t.value.is_none() && t.resolved.is_none() && is_anaphoric_day(&t.text);
            let value = if anaphoric { last_day.clone() } else { t.value.clone() };
            if let Some(r) = t.resolved.as_ref().filter(|r| r.granularity == sitrep_time::Granularity::Day) {
                last_day = Some(r.value.clone());
            }
            out.push(TimexRecord {
                text: t.text.clone(),
                span: chars.span(sentence.start + t.start, sentence.start + t.end).shifted(shift),
                kind: t.kind.as_str().to_string(),
                value,
            });
        }
    }
    out
}

fn is_anaphoric_day(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["the same day", "that day", "the day", "that time"].contains(&t.as_str())
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

    #[test]
    fn the_same_day_refers_to_the_last_day_named() {
        let doc = Document::from_text("d", "Rebels struck on Tuesday. Police arrived the same day.")
            .with_publication_date(Some("2024-05-02".into()));
        let found = document_timexes(&doc);
        assert_eq!(found[1].value.as_deref(), Some("2024-04-30"));
    }
}
