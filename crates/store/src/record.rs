//! Rows as both backends store them: the columns filters need, taken out of a document or event, plus the whole
//! record as JSON. Built once at [`crate::Store::write`], so a record that cannot be stored fails there.

use sitrep_model::{Document, Event};

use crate::query::{fold, terms};
use crate::StoreError;

pub(crate) struct DocRow {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publication_date: Option<String>,
    pub source: Option<String>,
    pub input: String,
    /// The document without its text (kept in its own column) and without `part`.
    pub json: String,
    /// True for the second and later parts of a long text: their text is appended, their events added.
    pub continues: bool,
}

pub(crate) struct ActorRow {
    pub role: &'static str,
    pub position: i64,
    pub code: Option<String>,
    pub name: String,
    pub text: String,
    pub code_key: Option<String>,
    pub name_key: String,
    pub text_key: String,
}

pub(crate) struct EventRow {
    pub id: String,
    pub doc_id: String,
    pub event_type: &'static str,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub date_precision: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin1_key: Option<String>,
    pub confidence: f64,
    pub negated: bool,
    pub hypothetical: bool,
    /// 0 for an asserted event, + 1 when negated, + 2 when hypothetical: what default queries leave out.
    pub hidden: i64,
    /// Days between date_start and date_end (0 when undated); a huge value when a stored date does not parse.
    pub span_days: i64,
    /// The words of the evidence sentence and the document title, for the full-text index.
    pub search_terms: String,
    pub json: String,
    pub actors: Vec<ActorRow>,
}

/// One `write` call, ready to insert.
pub(crate) struct Pending {
    pub doc: DocRow,
    pub events: Vec<EventRow>,
}

fn serde_name(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn invalid(what: String) -> StoreError {
    StoreError::InvalidRecord(what)
}

/// Text databases can hold: PostgreSQL refuses NUL in text, so refuse it for both backends alike.
fn check_nul(what: &str, id: &str, s: &str) -> Result<(), StoreError> {
    if s.contains('\0') {
        return Err(invalid(format!("{what} {id:?} contains a NUL character")));
    }
    Ok(())
}

pub(crate) fn pending(document: &Document, events: &[Event]) -> Result<Pending, StoreError> {
    if document.id.is_empty() {
        return Err(invalid("document with an empty id".into()));
    }
    let mut meta = document.clone();
    meta.text = String::new();
    meta.part = None;
    let json = serde_json::to_string(&meta).map_err(|e| invalid(format!("document {:?}: {e}", document.id)))?;
    check_nul("document", &document.id, &json)?;
    check_nul("document", &document.id, &document.text)?;
    let doc = DocRow {
        id: document.id.clone(),
        text: document.text.clone(),
        title: document.title.clone(),
        url: document.url.clone(),
        publication_date: document.publication_date.clone(),
        source: document.source.clone(),
        input: serde_name(&document.input),
        json,
        continues: document.part.is_some_and(|p| p.index > 0),
    };
    let title_terms = document.title.as_deref().map(terms).unwrap_or_default();
    let mut rows = Vec::with_capacity(events.len());
    for e in events {
        if e.id.is_empty() {
            return Err(invalid(format!("an event of document {:?} has an empty id", document.id)));
        }
        if e.doc_id != document.id {
            return Err(invalid(format!("event {:?} belongs to document {:?}, not {:?}", e.id, e.doc_id, document.id)));
        }
        let json = serde_json::to_string(e).map_err(|err| invalid(format!("event {:?}: {err}", e.id)))?;
        check_nul("event", &e.id, &json)?;
        let loc = e.location.as_ref();
        // A coordinate that is not a finite number cannot be placed on a map or in a range query.
        let coord = |v: Option<f64>| v.filter(|x| x.is_finite());
        let mut actors = Vec::new();
        for (role, list) in [("actor", &e.actors), ("recipient", &e.recipients)] {
            for (i, a) in list.iter().enumerate() {
                actors.push(ActorRow {
                    role,
                    position: i as i64,
                    code: a.code.clone(),
                    name: a.name.clone(),
                    text: a.text.clone(),
                    code_key: a.code.as_deref().map(fold),
                    name_key: fold(&a.name),
                    text_key: fold(&a.text),
                });
            }
        }
        let mut search_terms = terms(&e.evidence);
        if !title_terms.is_empty() {
            search_terms.push(' ');
            search_terms.push_str(&title_terms);
        }
        let day = |d: &Option<String>| d.as_deref().map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"));
        let date_end = e.date.end.clone().or_else(|| e.date.start.clone());
        let span_days = match (day(&e.date.start), day(&date_end)) {
            (Some(Ok(s)), Some(Ok(t))) => (t - s).num_days().max(0),
            (None, None) => 0,
            // an odd date string: no bound on how far back a date scan must look
            _ => 1_000_000,
        };
        rows.push(EventRow {
            id: e.id.clone(),
            doc_id: e.doc_id.clone(),
            event_type: e.event_type.as_str(),
            mode: e.mode.clone(),
            cameo: e.cameo.clone(),
            date_start: e.date.start.clone(),
            date_end,
            date_precision: serde_name(&e.date.precision),
            lat: loc.and_then(|l| coord(l.lat)),
            lon: loc.and_then(|l| coord(l.lon)),
            country: loc.and_then(|l| l.country.clone()),
            admin1: loc.and_then(|l| l.admin1.clone()),
            admin1_key: loc.and_then(|l| l.admin1.as_deref().map(fold)),
            confidence: if e.confidence.is_finite() { f64::from(e.confidence) } else { 0.0 },
            negated: e.modality.negated,
            hypothetical: e.modality.hypothetical,
            hidden: i64::from(e.modality.negated) + 2 * i64::from(e.modality.hypothetical),
            span_days,
            search_terms,
            json,
            actors,
        });
    }
    Ok(Pending { doc, events: rows })
}

/// Reads a stored event record back.
pub(crate) fn event_from_json(id_hint: &str, json: &str) -> Result<Event, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("event {id_hint:?}: stored record does not parse: {e}")))
}

/// Rebuilds a document from its metadata JSON and its (whole) text.
pub(crate) fn document_from_json(id: &str, json: &str, text: String) -> Result<Document, StoreError> {
    let mut doc: Document = serde_json::from_str(json)
        .map_err(|e| StoreError::Corrupt(format!("document {id:?}: stored record does not parse: {e}")))?;
    doc.text = text;
    Ok(doc)
}

/// What exports need from an event's document.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub publication_date: Option<String>,
}
