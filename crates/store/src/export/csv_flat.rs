//! The flat CSV of `sitrep extract --format csv`: the same columns in the same order, so a stored export and a
//! direct extraction can be concatenated or compared.

use std::io::Write;

use sitrep_model::{Actor, Count, Event};

use super::{csv_err, opt, serde_name, Exporter};
use crate::record::DocMeta;
use crate::StoreError;

/// The flat CSV columns, shared with `sitrep extract --format csv`.
pub const HEADER: &[&str] = &[
    "id", "doc_id", "sentence_index", "event_type", "mode", "cameo", "acled_event_type", "acled_sub_event_type",
    "actors", "actor_codes", "actor_countries", "recipients", "recipient_codes", "recipient_countries", "date",
    "date_start", "date_end", "date_precision", "date_basis", "location", "geonameid", "lat", "lon",
    "location_country", "location_precision", "killed_best", "killed_low", "killed_high", "killed_claims",
    "injured_best", "injured_low", "injured_high", "injured_claims", "arrested_best", "arrested_low", "arrested_high",
    "arrested_claims", "weapons", "reporters", "negated", "hypothetical", "future", "hedged", "confidence", "trigger",
    "evidence",
];

pub(super) struct FlatCsv<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> FlatCsv<W> {
    pub fn new(out: W) -> Result<Self, StoreError> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(HEADER).map_err(csv_err)?;
        Ok(FlatCsv { out })
    }
}

/// One event as the flat CSV row under [`HEADER`].
pub fn row(e: &Event) -> Vec<String> {
    let join = |items: Vec<String>| items.join("; ");
    let names = |a: &[Actor]| join(a.iter().map(|x| x.text.clone()).collect());
    let codes = |a: &[Actor]| join(a.iter().map(|x| x.code.clone().unwrap_or_default()).collect());
    let countries = |a: &[Actor]| join(a.iter().map(|x| x.country.clone().unwrap_or_default()).collect());
    let count = |c: &Option<Count>| match c {
        Some(c) => [opt(&c.primary.best), opt(&c.primary.low), opt(&c.primary.high)],
        None => Default::default(),
    };
    let claims = |c: &Option<Count>| match c {
        Some(c) if !c.claims.is_empty() => join(
            c.claims
                .iter()
                .map(|k| format!("{} ({})", opt(&k.best), k.reporter.clone().unwrap_or_else(|| "unattributed".into())))
                .collect(),
        ),
        _ => String::new(),
    };
    let loc = e.location.as_ref();
    let [kb, kl, kh] = count(&e.casualties.killed);
    let [ib, il, ih] = count(&e.casualties.injured);
    let [ab, al, ah] = count(&e.casualties.arrested);
    vec![
        e.id.clone(),
        e.doc_id.clone(),
        e.sentence_index.to_string(),
        e.event_type.to_string(),
        opt(&e.mode),
        opt(&e.cameo),
        e.acled.as_ref().map(|a| a.event_type.clone()).unwrap_or_default(),
        e.acled.as_ref().map(|a| a.sub_event_type.clone()).unwrap_or_default(),
        names(&e.actors),
        codes(&e.actors),
        countries(&e.actors),
        names(&e.recipients),
        codes(&e.recipients),
        countries(&e.recipients),
        opt(&e.date.value),
        opt(&e.date.start),
        opt(&e.date.end),
        serde_name(&e.date.precision),
        serde_name(&e.date.basis),
        loc.map(|l| l.name.clone()).unwrap_or_default(),
        loc.map(|l| opt(&l.geonameid)).unwrap_or_default(),
        loc.map(|l| opt(&l.lat)).unwrap_or_default(),
        loc.map(|l| opt(&l.lon)).unwrap_or_default(),
        loc.map(|l| opt(&l.country)).unwrap_or_default(),
        loc.map(|l| serde_name(&l.precision)).unwrap_or_default(),
        kb,
        kl,
        kh,
        claims(&e.casualties.killed),
        ib,
        il,
        ih,
        claims(&e.casualties.injured),
        ab,
        al,
        ah,
        claims(&e.casualties.arrested),
        join(e.weapons.iter().map(|w| format!("{}:{}", serde_name(&w.class), w.text)).collect()),
        join(e.reporters.iter().map(|r| r.text.clone()).collect()),
        e.modality.negated.to_string(),
        e.modality.hypothetical.to_string(),
        e.modality.future.to_string(),
        e.modality.hedged.to_string(),
        e.confidence.to_string(),
        e.trigger.text.clone(),
        e.evidence.clone(),
    ]
}

impl<W: Write> Exporter for FlatCsv<W> {
    fn row(&mut self, e: &Event, _doc: &DocMeta) -> Result<(), StoreError> {
        self.out.write_record(row(e)).map_err(csv_err)
    }

    fn finish(mut self) -> Result<(), StoreError> {
        self.out.flush()?;
        Ok(())
    }
}
