//! PLOVER-style JSONL: the PLOVER core fields (event type, mode, actor, recipient, date, location, evidence) with
//! sitrep's id, codes, counts and provenance beside them.

use std::io::Write;

use serde_json::{json, Value};
use sitrep_model::{Actor, Count, Event};

use super::{serde_name, Exporter};
use crate::record::DocMeta;
use crate::StoreError;

pub(super) struct PloverJsonl<W: Write> {
    out: std::io::BufWriter<W>,
}

impl<W: Write> PloverJsonl<W> {
    pub fn new(out: W) -> Self {
        PloverJsonl { out: std::io::BufWriter::new(out) }
    }
}

fn actors(list: &[Actor]) -> Value {
    Value::Array(
        list.iter()
            .map(|a| json!({"name": a.name, "text": a.text, "code": a.code, "country": a.country, "sector": a.sector}))
            .collect(),
    )
}

fn count(c: &Option<Count>) -> Value {
    match c {
        Some(c) => json!({"best": c.primary.best, "low": c.primary.low, "high": c.primary.high}),
        None => Value::Null,
    }
}

/// The PLOVER record of one event.
pub(crate) fn record(e: &Event, doc: &DocMeta) -> Value {
    let first = |list: &[Actor]| list.first().map(|a| a.name.clone());
    let first_code = |list: &[Actor]| list.first().and_then(|a| a.code.clone());
    let first_country = |list: &[Actor]| list.first().and_then(|a| a.country.clone());
    let loc = e.location.as_ref();
    json!({
        "id": e.id,
        "sitrep_id": e.id,
        "event_type": e.event_type.as_str(),
        "mode": e.mode,
        "context": [],
        "date": e.date.value,
        "date_start": e.date.start,
        "date_end": e.date.end,
        "date_precision": serde_name(&e.date.precision),
        "actor": first(&e.actors),
        "actor_code": first_code(&e.actors),
        "actor_country": first_country(&e.actors),
        "recipient": first(&e.recipients),
        "recipient_code": first_code(&e.recipients),
        "recipient_country": first_country(&e.recipients),
        "actors": actors(&e.actors),
        "recipients": actors(&e.recipients),
        "cameo": e.cameo,
        "location": loc.map(|l| json!({
            "name": l.name, "country": l.country, "admin1": l.admin1, "lat": l.lat, "lon": l.lon,
            "geonameid": l.geonameid, "precision": serde_name(&l.precision),
        })),
        "killed": count(&e.casualties.killed),
        "injured": count(&e.casualties.injured),
        "arrested": count(&e.casualties.arrested),
        "negated": e.modality.negated,
        "hypothetical": e.modality.hypothetical,
        "confidence": e.confidence,
        "evidence": {
            "sentence": e.evidence,
            "trigger": e.trigger.text,
            "doc_id": e.doc_id,
            "sentence_index": e.sentence_index,
            "title": doc.title,
            "url": doc.url,
            "source": doc.source,
            "publication_date": doc.publication_date,
        },
        "sitrep_version": e.sitrep_version,
    })
}

impl<W: Write> Exporter for PloverJsonl<W> {
    fn row(&mut self, e: &Event, doc: &DocMeta) -> Result<(), StoreError> {
        serde_json::to_writer(&mut self.out, &record(e, doc)).map_err(|err| StoreError::Export(err.to_string()))?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self) -> Result<(), StoreError> {
        self.out.flush()?;
        Ok(())
    }
}
