//! GDELT 2.0 event-table columns (all 61, in GDELT's order), tab-separated, with a header line. sitrep fills the
//! columns it knows; the rest stay empty. The mapping is documented in docs/store.md.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use sitrep_model::{Actor, Event, LocationPrecision};

use super::{csv_err, opt, Exporter};
use crate::record::DocMeta;
use crate::StoreError;

pub(crate) const HEADER: &[&str] = &[
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
];

pub(super) struct GdeltTsv<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> GdeltTsv<W> {
    pub fn new(out: W) -> Result<Self, StoreError> {
        // GDELT files are unquoted TSV; tabs and newlines are removed from values below instead.
        let mut out =
            csv::WriterBuilder::new().delimiter(b'\t').quote_style(csv::QuoteStyle::Never).from_writer(out);
        out.write_record(HEADER).map_err(csv_err)?;
        Ok(GdeltTsv { out })
    }
}

fn clean(s: &str) -> String {
    s.chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).collect()
}

/// GDELT's QuadClass from the CAMEO root: 1 verbal cooperation (01–05), 2 material cooperation (06–08),
/// 3 verbal conflict (09–13), 4 material conflict (14–20).
pub(crate) fn quad_class(root: u32) -> Option<u8> {
    match root {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// Actor columns: code, name, country, 4 group/ethnic/religion codes left empty, type1 (the sector), 2 empty.
fn actor_cols(a: Option<&Actor>) -> [String; 10] {
    let Some(a) = a else { return Default::default() };
    [
        opt(&a.code),
        clean(&a.name),
        opt(&a.country),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        opt(&a.sector),
        String::new(),
        String::new(),
    ]
}

fn row(e: &Event, doc: &DocMeta) -> Vec<String> {
    let day = e.date.start.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let mut r: Vec<String> = Vec::with_capacity(HEADER.len());
    r.push(e.id.clone());
    r.push(day.map(|d| d.format("%Y%m%d").to_string()).unwrap_or_default());
    r.push(day.map(|d| d.format("%Y%m").to_string()).unwrap_or_default());
    r.push(day.map(|d| d.year().to_string()).unwrap_or_default());
    r.push(day.map(|d| format!("{:.4}", f64::from(d.year()) + f64::from(d.ordinal0()) / 365.0)).unwrap_or_default());
    r.extend(actor_cols(e.actors.first()));
    r.extend(actor_cols(e.recipients.first()));
    r.push(String::new()); // IsRootEvent: sitrep does not track paragraphs
    let cameo = e.cameo.clone().unwrap_or_default();
    let digits = cameo.chars().all(|c| c.is_ascii_digit()) && cameo.len() >= 2;
    r.push(cameo.clone());
    r.push(if digits { cameo.chars().take(3).collect() } else { String::new() });
    let root = if digits { cameo.chars().take(2).collect::<String>() } else { String::new() };
    r.push(root.clone());
    r.push(root.parse::<u32>().ok().and_then(quad_class).map(|q| q.to_string()).unwrap_or_default());
    r.push(String::new()); // GoldsteinScale: no Goldstein table in sitrep
    r.extend(["1".to_string(), "1".to_string(), "1".to_string()]); // one mention in one article of one source
    r.push(String::new()); // AvgTone
    // Actor1Geo_* and Actor2Geo_*: sitrep places events, not actors
    r.extend(std::iter::repeat_n(String::new(), 16));
    match &e.location {
        Some(l) => {
            let geo_type = match l.precision {
                LocationPrecision::Country => "1",
                LocationPrecision::Admin1 => "5",
                LocationPrecision::Exact | LocationPrecision::Town | LocationPrecision::Admin2 => "4",
                LocationPrecision::Unresolved => "",
            };
            r.push(geo_type.to_string());
            r.push(clean(&l.name));
            r.push(opt(&l.country));
            r.push(l.admin1.as_deref().map(clean).unwrap_or_default());
            r.push(String::new());
            r.push(opt(&l.lat));
            r.push(opt(&l.lon));
            r.push(opt(&l.geonameid));
        }
        None => r.extend(std::iter::repeat_n(String::new(), 8)),
    }
    r.push(String::new()); // DATEADDED: when GDELT saw it; the store does not keep write times
    r.push(doc.url.as_deref().map(clean).unwrap_or_default());
    r
}

impl<W: Write> Exporter for GdeltTsv<W> {
    fn row(&mut self, e: &Event, doc: &DocMeta) -> Result<(), StoreError> {
        self.out.write_record(row(e, doc)).map_err(csv_err)
    }

    fn finish(mut self) -> Result<(), StoreError> {
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quad_classes_follow_cameo_roots() {
        assert_eq!(super::quad_class(4), Some(1));
        assert_eq!(super::quad_class(7), Some(2));
        assert_eq!(super::quad_class(11), Some(3));
        assert_eq!(super::quad_class(19), Some(4));
        assert_eq!(super::quad_class(0), None);
    }
}
