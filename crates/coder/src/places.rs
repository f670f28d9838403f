//! Every place a document names, resolved: what `sitrep geocode` prints and the geoparsing sets score.
//! Towns and provinces come from the gazetteer; countries (and demonyms, which GeoNames-based sets tag as the
//! country) from the lexicon, with the country's centroid.

use serde::Serialize;
use std::collections::{HashMap, HashSet};

use sitrep_geo::{name_key, DocumentContext, Gazetteer, Place, PlaceFeature};

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
    // the countries the document names settle ambiguous town names; a capital's name is left to the gazetteer,
    // whose reading of it votes for its country like any other place ("Paris" beside Roxton and Lamar County is
    // Paris, Texas, and does not vote for France by itself)
    let mut context = DocumentContext::default();
    for s in &sentences {
        for hit in lexicon.actors.find(s.text(text)) {
            // a country's name or its capital names a place; a demonym or a group only says who acts
            if let (Some(c), ActorKind::Country | ActorKind::Capital) = (&hit.value.country, &hit.value.kind) {
                context.named_as_places.insert(c.clone());
            }
            if hit.value.kind == ActorKind::Capital {
                continue;
            }
            if let Some(c) = &hit.value.country {
                *context.countries.entry(c.clone()).or_default() += 1;
            }
        }
    }
    let texts: Vec<&str> = sentences.iter().map(|s| s.text(text)).collect();
    let found = gazetteer.find_in_document(&texts, &context);
    let hits: Vec<_> = texts.iter().map(|st| lexicon.actors.find(st)).collect();
    let is_country_word = |k: &ActorKind| matches!(k, ActorKind::Country | ActorKind::Demonym);
    // the document's places that are no country word ("Atlanta", "Oconee County"), per country and per province
    let mut real_in: HashMap<&str, usize> = HashMap::new();
    let mut real_in_admin1: HashMap<(&str, &str), usize> = HashMap::new();
    for (places, sentence_hits) in found.iter().zip(&hits) {
        for p in places {
            if sentence_hits.iter().any(|h| is_country_word(&h.value.kind) && h.start < p.end && p.start < h.end) {
                continue;
            }
            *real_in.entry(p.place.country).or_default() += 1;
            *real_in_admin1.entry((p.place.country, p.place.admin1)).or_default() += 1;
        }
    }
    // the words the document uses for each lexicon country ("Georgia", "Georgian")
    let mut country_words: HashMap<&str, HashSet<String>> = HashMap::new();
    for (st, sentence_hits) in texts.iter().zip(&hits) {
        for h in sentence_hits.iter().filter(|h| is_country_word(&h.value.kind)) {
            if let Some(c) = h.value.country.as_deref() {
                country_words.entry(c).or_default().insert(name_key(strip_article(&st[h.start..h.end]).1));
            }
        }
    }
    // "Georgia" in a story about Atlanta and Oconee County is the state, every time the document writes it: the
    // country's name is also a province of a country where the document's other places are, and the document
    // names no place in the country of that name, nor the country by another word ("Georgian", "Tbilisi")
    let province_for = |iso3: &str, words: &str| -> Option<sitrep_geo::Place> {
        if real_in.get(iso3).copied().unwrap_or(0) > 0 || country_words.get(iso3).is_some_and(|w| w.len() > 1) {
            return None;
        }
        gazetteer
            .lookup(words)
            .into_iter()
            .map(|k| gazetteer.place(k))
            .filter(|p| p.feature == PlaceFeature::Admin1 && p.country != iso3 && name_key(p.name) == name_key(words))
            .filter(|p| {
                let n = real_in.get(p.country).copied().unwrap_or(0);
                let inside = real_in_admin1.get(&(p.country, p.name)).copied().unwrap_or(0);
                n >= 3 || (n >= 2 && inside >= 1)
            })
            .max_by_key(|p| real_in.get(p.country).copied().unwrap_or(0))
    };
    let mut out: Vec<PlaceRecord> = Vec::new();
    for ((s, places), actor_hits) in sentences.iter().zip(&found).zip(&hits) {
        let st = s.text(text);
        let span_of = |a: usize, b: usize| chars.span(s.start + a, s.start + b).shifted(shift);
        // lexicon hits whose words the gazetteer reads as part of a longer name ("Western Australia", "British
        // Columbia", "New Mexico", "South America"): the longer name is meant
        let inside_longer = |a: usize, b: usize| {
            places.iter().any(|p| p.start <= a && b <= p.end && p.end - p.start > b - a && st[p.start..p.end].contains(' '))
        };
        let mut provinces: Vec<(usize, usize, Place)> = Vec::new();
        for hit in actor_hits {
            let entry = hit.value;
            // "Lebanon, Tenn." (and a bare "Lebanon" later): the document qualified the name, so it is the town
            let qualified = places.iter().any(|p| p.qualified && p.start < hit.end && hit.start < p.end);
            if !is_country_word(&entry.kind) || inside_longer(hit.start, hit.end) || qualified || is_given_name(st, hit.start, hit.end) {
                continue;
            }
            let Some(country) = entry.country.as_deref().and_then(|c| lexicon.country(c)) else { continue };
            let (skip, words) = strip_article(&st[hit.start..hit.end]);
            if entry.kind == ActorKind::Country {
                if let Some(province) = province_for(&country.iso3, words) {
                    provinces.push((hit.start, hit.end, province));
                    let (a, b) = (hit.start + skip, hit.end);
                    // the gazetteer's own reading of these words, if it found them, is recorded below
                    if !places.iter().any(|p| p.start < b && a < p.end && p.place.feature == PlaceFeature::Admin1 && p.place.country == province.country) {
                        out.push(record(&st[a..b], span_of(a, b), &province));
                    }
                    continue;
                }
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
            // country, above, and a longer name holding a country word are kept)
            let covered = actor_hits.iter().any(|h| {
                h.start < p.end
                    && p.start < h.end
                    && !matches!(h.value.kind, ActorKind::Capital)
                    && !provinces.iter().any(|q| (q.0, q.1) == (h.start, h.end))
                    && !(is_country_word(&h.value.kind) && (inside_longer(h.start, h.end) || p.qualified))
            });
            if covered {
                continue;
            }
            // where the words are read as a province, only the gazetteer's reading as that province's is kept
            if let Some(q) = provinces.iter().find(|q| q.0 < p.end && p.start < q.1) {
                if p.place.feature != PlaceFeature::Admin1 || p.place.country != q.2.country {
                    continue;
                }
            }
            out.push(record(&st[p.start..p.end], span_of(p.start, p.end), &p.place));
        }
    }
    out.sort_by_key(|p| p.span.0);
    out
}

/// "the Georgia" → (4, "Georgia"): the byte length of a leading article and the words after it.
/// Country names that are also first names, and the names that follow them as a surname does: "Jordan Davis, 17",
/// "Chad Smith", "Georgia Harris" are people.
const GIVEN_NAME_COUNTRIES: &[&str] = &["jordan", "chad", "georgia", "india", "israel", "kenya", "america", "china", "niger"];

fn is_given_name(sentence: &str, start: usize, end: usize) -> bool {
    let word = &sentence[start..end];
    if !GIVEN_NAME_COUNTRIES.contains(&word.to_lowercase().as_str()) {
        return false;
    }
    let next: &str = sentence[end..].strip_prefix(' ').unwrap_or("").split(|c: char| !c.is_alphabetic() && c != '\'').next().unwrap_or("");
    let mut chars = next.chars();
    // a capitalised word in lower case after its capital ("Davis", not "DAVIS" or "Defense"), that is no
    // ordinary word the country's name leads ("Jordan Valley", "Georgia Tech", "India Gate")
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(char::is_lowercase)
        && !CONTINUATIONS.contains(&next.to_lowercase().as_str())
}

/// Words that continue a country's name into something that is no person.
const CONTINUATIONS: &[&str] = &[
    "valley", "river", "basin", "tech", "gate", "state", "government", "army", "police", "air", "airways", "times",
    "today", "post", "news", "street", "road", "avenue", "county", "city", "university", "college", "company", "bank",
    "republic", "national", "federal", "ministry", "defense", "defence", "forces", "guard", "border", "sea", "lake",
    "island", "islands", "daily", "delta", "first", "dome", "power", "petroleum", "telecom",
];

fn strip_article(words: &str) -> (usize, &str) {
    for article in ["the ", "The "] {
        if let Some(rest) = words.strip_prefix(article) {
            return (article.len(), rest);
        }
    }
    (0, words)
}

fn record(text: &str, span: Span, place: &Place) -> PlaceRecord {
    PlaceRecord {
        text: text.to_string(),
        span,
        name: place.name.to_string(),
        geonameid: place.geonameid,
        lat: Some(place.lat),
        lon: Some(place.lon),
        country: Some(place.country.to_string()).filter(|c| !c.is_empty()),
        admin1: Some(place.admin1.to_string()).filter(|a| !a.is_empty()),
        feature: place.feature.as_str().into(),
    }
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

    #[test]
    fn a_country_name_that_is_a_first_name_before_a_surname_is_a_person() {
        let found = read("Jordan Davis, 17, and Chad Smith were shot in Jacksonville, Florida, on Friday.");
        assert!(!found.iter().any(|f| f.2 == "country"), "{found:?}");
        let found = read("Settlers clashed with farmers in the Jordan Valley; Jordan protested.");
        assert!(found.iter().any(|f| f.0 == "Jordan" && f.1 == "JOR"), "{found:?}");
    }

    fn read(text: &str) -> Vec<(String, String, String)> {
        document_places(&Document::from_text("d", text))
            .into_iter()
            .map(|p| (p.text, p.country.unwrap_or_default(), p.feature))
            .collect()
    }

    #[test]
    fn a_longer_name_holding_a_country_word_is_the_longer_place() {
        let found = read("Deaths were recorded in Western Australia and British Columbia, and in New Mexico.");
        let want = [("Western Australia", "AUS", "admin1"), ("British Columbia", "CAN", "admin1"), ("New Mexico", "USA", "admin1")];
        for (text, country, feature) in want {
            assert!(found.iter().any(|f| (f.0.as_str(), f.1.as_str(), f.2.as_str()) == (text, country, feature)), "{text}: {found:?}");
        }
        assert!(!found.iter().any(|f| f.2 == "country"), "{found:?}");
    }

    #[test]
    fn georgia_is_the_state_among_georgia_places_and_the_country_beside_armenia() {
        let state = read("School districts in Georgia are reviewing policies. Oconee County and Barrow County schools \
             will vote, officials in Jackson said. The Georgia Department of Education agreed.");
        let georgia: Vec<_> = state.iter().filter(|f| f.0.contains("Georgia")).collect();
        assert!(!georgia.is_empty() && georgia.iter().all(|f| f.1 == "USA" && f.2 == "admin1"), "{state:?}");
        let country = read("Azerbaijan puts pressure on Georgia, experts believe. The Georgian border guards and Armenia \
             disagree; the US has not commented.");
        let georgia: Vec<_> = country.iter().filter(|f| f.0 == "Georgia").collect();
        assert!(!georgia.is_empty() && georgia.iter().all(|f| f.1 == "GEO" && f.2 == "country"), "{country:?}");
    }

    #[test]
    fn a_country_name_qualified_by_a_state_is_the_town_there_and_stays_so_in_the_document() {
        let found = read("LEBANON, Tenn. - Police in Lebanon said two men were shot on Main Street in Wilson County.");
        let lebanon: Vec<_> = found.iter().filter(|f| f.0.eq_ignore_ascii_case("Lebanon")).collect();
        assert_eq!(lebanon.len(), 2, "{found:?}");
        assert!(lebanon.iter().all(|f| f.1 == "USA" && f.2 == "town"), "{found:?}");
        // a list of countries is no qualification: "Norway, Switzerland" (there is a Switzerland County, Indiana)
        let listed = read("Five countries, Brazil, France, Norway, Switzerland and the UK, pledged funds.");
        assert!(listed.iter().any(|f| f.0 == "Norway" && f.1 == "NOR" && f.2 == "country"), "{listed:?}");
        assert!(!listed.iter().any(|f| f.0 == "Norway" && f.1 == "USA"), "{listed:?}");
    }
}
