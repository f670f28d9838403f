//! ACLED-style CSV: ACLED's column names and order, filled from sitrep's ACLED crosswalk, actors, place and counts.
//! What stays empty, and why, is listed in docs/store.md.

use std::io::Write;

use sitrep_model::{Actor, DatePrecision, Event, LocationPrecision};

use super::{csv_err, opt, Exporter};
use crate::record::DocMeta;
use crate::StoreError;

pub(crate) const HEADER: &[&str] = &[
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
];

pub(super) struct AcledCsv<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> AcledCsv<W> {
    pub fn new(out: W) -> Result<Self, StoreError> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(HEADER).map_err(csv_err)?;
        Ok(AcledCsv { out })
    }
}

/// ACLED's disorder type for its event type.
fn disorder(event_type: &str) -> &'static str {
    match event_type {
        "Battles" | "Explosions/Remote violence" | "Violence against civilians" => "Political violence",
        "Protests" | "Riots" => "Demonstrations",
        "Strategic developments" => "Strategic developments",
        _ => "",
    }
}

/// ACLED's actor type ("inter") from sitrep's sector, where one corresponds.
fn inter(a: Option<&Actor>) -> &'static str {
    match a.and_then(|a| a.sector.as_deref()) {
        Some("MIL" | "GOV" | "COP") => "State forces",
        Some("REB") => "Rebel group",
        Some("CVL") => "Civilians",
        Some("IGO" | "NGO") => "External/Other forces",
        _ => "",
    }
}

fn row(e: &Event, doc: &DocMeta) -> Vec<String> {
    let date = e.date.value.clone().filter(|_| e.date.precision == DatePrecision::Day).or_else(|| e.date.start.clone());
    let time_precision = match e.date.precision {
        DatePrecision::Day => "1",
        DatePrecision::Week => "2",
        DatePrecision::Month | DatePrecision::Year => "3",
        DatePrecision::Unresolved => "",
    };
    let (acled_type, acled_sub) = e.acled.as_ref().map(|a| (a.event_type.clone(), a.sub_event_type.clone())).unwrap_or_default();
    let assoc = |list: &[Actor]| list.iter().skip(1).map(|a| a.name.clone()).collect::<Vec<_>>().join("; ");
    let loc = e.location.as_ref();
    let geo_precision = loc.map_or("", |l| match l.precision {
        LocationPrecision::Exact | LocationPrecision::Town => "1",
        LocationPrecision::Admin2 => "2",
        LocationPrecision::Admin1 | LocationPrecision::Country => "3",
        LocationPrecision::Unresolved => "",
    });
    let civilian_targeting = if acled_type == "Violence against civilians" { "Civilian targeting" } else { "" };
    vec![
        e.id.clone(),
        date.clone().unwrap_or_default(),
        date.map(|d| d.chars().take(4).collect()).unwrap_or_default(),
        time_precision.to_string(),
        disorder(&acled_type).to_string(),
        acled_type,
        acled_sub,
        e.actors.first().map(|a| a.name.clone()).unwrap_or_default(),
        assoc(&e.actors),
        inter(e.actors.first()).to_string(),
        e.recipients.first().map(|a| a.name.clone()).unwrap_or_default(),
        assoc(&e.recipients),
        inter(e.recipients.first()).to_string(),
        String::new(), // interaction: ACLED's two-digit code, not derivable from sectors alone
        civilian_targeting.to_string(),
        String::new(), // iso: numeric ISO 3166 code, not kept
        String::new(), // region
        loc.map(|l| opt(&l.country)).unwrap_or_default(),
        loc.map(|l| opt(&l.admin1)).unwrap_or_default(),
        String::new(),
        String::new(),
        loc.map(|l| l.name.clone()).unwrap_or_default(),
        loc.map(|l| opt(&l.lat)).unwrap_or_default(),
        loc.map(|l| opt(&l.lon)).unwrap_or_default(),
        geo_precision.to_string(),
        doc.source.clone().unwrap_or_default(),
        String::new(), // source_scale
        e.evidence.clone(),
        // ACLED records 0 when no deaths are reported
        e.casualties.killed.as_ref().and_then(|k| k.primary.best).unwrap_or(0).to_string(),
        String::new(), // tags
        String::new(), // timestamp
    ]
}

impl<W: Write> Exporter for AcledCsv<W> {
    fn row(&mut self, e: &Event, doc: &DocMeta) -> Result<(), StoreError> {
        self.out.write_record(row(e, doc)).map_err(csv_err)
    }

    fn finish(mut self) -> Result<(), StoreError> {
        self.out.flush()?;
        Ok(())
    }
}
