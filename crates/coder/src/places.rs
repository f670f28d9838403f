//! Every place a document names, resolved: what `sitrep geocode` prints and the geoparsing sets score.
//! Towns and provinces come from the gazetteer; countries (and demonyms, which GeoNames-based sets tag as the
//! country) from the lexicon, with the country's centroid.

use serde::Serialize;
use sitrep_geo::{DocumentContext, Gazetteer, PlaceFeature};
use sitrep_lexicon::{ActorKind, Lexicon};
use sitrep_model::{CharIndex, Document, Span};

/// One resolved place mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRecord {
    pub text: String,
    pub span: Span,
    pub name: String,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// `country`, `admin1`, `capital` or `town`.
    pub feature: String,
}

/// The document's places in text order.
pub fn document_places(doc: &Document) -> Vec<PlaceRecord> {
    let lexicon = Lexicon::builtin();
    let gazetteer = Gazetteer::builtin();
    let text = doc.text.as_str();
    let chars = CharIndex::new(text);
    let shift = doc.char_offset();
    let sentences = sitrep_nlp::split_sentences(text);
    // the countries the document names settle ambiguous town names
    let mut context = DocumentContext::default();
    for s in &sentences {
        for hit in lexicon.actors.find(s.text(text)) {
            if let Some(c) = &hit.value.country {
                *context.countries.entry(c.clone()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<PlaceRecord> = Vec::new();
    for s in &sentences {
        let st = s.text(text);
        let span_of = |a: usize, b: usize| chars.span(s.start + a, s.start + b).shifted(shift);
        let actor_hits = lexicon.actors.find(st);
        for hit in &actor_hits {
            let entry = hit.value;
            if !matches!(entry.kind, ActorKind::Country | ActorKind::Demonym) {
                continue;
            }
            let Some(country) = entry.country.as_deref().and_then(|c| lexicon.country(c)) else { continue };
            out.push(PlaceRecord {
                text: st[hit.start..hit.end].to_string(),
                span: span_of(hit.start, hit.end),
                name: country.name.clone(),
                geonameid: None,
                lat: country.lat,
                lon: country.lon,
                country: Some(country.iso3.clone()),
                admin1: None,
                feature: "country".into(),
            });
        }
        for p in gazetteer.find(st, &context) {
            // a named group or a country word is not a town of the same name
            let covered = actor_hits.iter().any(|h| {
                h.start < p.end && p.start < h.end && !matches!(h.value.kind, ActorKind::Capital)
            });
            if covered {
                continue;
            }
            out.push(PlaceRecord {
                text: st[p.start..p.end].to_string(),
                span: span_of(p.start, p.end),
                name: p.place.name.clone(),
                geonameid: Some(p.place.geonameid),
                lat: Some(p.place.lat),
                lon: Some(p.place.lon),
                country: Some(p.place.country.clone()),
                admin1: Some(p.place.admin1.clone()).filter(|a| !a.is_empty()),
                feature: match p.place.feature {
                    PlaceFeature::Admin1 => "admin1",
                    PlaceFeature::Capital => "capital",
                    PlaceFeature::Town => "town",
                }
                .into(),
            });
        }
    }
    out.sort_by_key(|p| p.span.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_provinces_and_countries_with_spans() {
        let doc = Document::from_text("d", "Syrian jets struck Raqqa and Idlib province, Syria.");
        let places = document_places(&doc);
        let found: Vec<(&str, &str)> = places.iter().map(|p| (p.text.as_str(), p.feature.as_str())).collect();
        assert_eq!(found, [("Syrian", "country"), ("Raqqa", "town"), ("Idlib province", "admin1"), ("Syria", "country")]);
        for p in &places {
            assert_eq!(sitrep_model::char_slice(&doc.text, p.span), Some(p.text.as_str()));
        }
    }
}
