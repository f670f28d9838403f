//! Every place a document names, resolved: what `sitrep geocode` prints and the geoparsing sets score.
//! Towns and provinces come from the gazetteer; countries (and demonyms, which GeoNames-based sets tag as the
//! country) from the lexicon, with the country's centroid.

use serde::Serialize;
use sitrep_geo::{DocumentContext, Gazetteer, PlaceFeature};

use crate::locating::country_point;
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
    /// `country`, `continent`, `admin1`, `admin2`, `capital`, `town`, `region`, `river`, `base`, `crossing` or
    /// `oilfield`.
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
    let texts: Vec<&str> = sentences.iter().map(|s| s.text(text)).collect();
    let found = gazetteer.find_in_document(&texts, &context);
    // how many of the gazetteer's places lie in each country
    let mut in_country: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in found.iter().flatten() {
        *in_country.entry(p.place.country).or_default() += 1;
    }
    let places_in = |c: &str| in_country.get(c).copied().unwrap_or(0);
    let mut out: Vec<PlaceRecord> = Vec::new();
    for (s, places) in sentences.iter().zip(&found) {
        let st = s.text(text);
        let span_of = |a: usize, b: usize| chars.span(s.start + a, s.start + b).shifted(shift);
        let actor_hits = lexicon.actors.find(st);
        let mut provinces: Vec<(usize, usize)> = Vec::new();
        for hit in &actor_hits {
            let entry = hit.value;
            if !matches!(entry.kind, ActorKind::Country | ActorKind::Demonym) {
                continue;
            }
            let Some(country) = entry.country.as_deref().and_then(|c| lexicon.country(c)) else { continue };
            // "Georgia" in a story about Atlanta is the state: the gazetteer read the same words as a province of a
            // country where the document's other places are, and none of them lies in the country of that name
            let province = places.iter().any(|p| {
                p.start == hit.start
                    && p.end == hit.end
                    && p.place.feature == PlaceFeature::Admin1
                    && p.place.country != country.iso3
                    && places_in(p.place.country) >= 3
                    && places_in(&country.iso3) == 0
            });
            if province {
                provinces.push((hit.start, hit.end));
                continue;
            }
            let (lat, lon) = country_point(country);
            out.push(PlaceRecord {
                text: st[hit.start..hit.end].to_string(),
                span: span_of(hit.start, hit.end),
                name: country.name.clone(),
                geonameid: None,
                lat,
                lon,
                country: Some(country.iso3.clone()),
                admin1: None,
                feature: "country".into(),
            });
        }
        for p in places {
            // a named group or a country word is not a town of the same name (a province read instead of a
            // country, above, is kept)
            let covered = actor_hits.iter().any(|h| {
                h.start < p.end && p.start < h.end && !matches!(h.value.kind, ActorKind::Capital) && !provinces.contains(&(h.start, h.end))
            });
            if covered {
                continue;
            }
            out.push(PlaceRecord {
                text: st[p.start..p.end].to_string(),
                span: span_of(p.start, p.end),
                name: p.place.name.to_string(),
                geonameid: p.place.geonameid,
                lat: Some(p.place.lat),
                lon: Some(p.place.lon),
                country: Some(p.place.country.to_string()).filter(|c| !c.is_empty()),
                admin1: Some(p.place.admin1.to_string()).filter(|a| !a.is_empty()),
                feature: p.place.feature.as_str().into(),
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
