//! Toponym recognition: capitalised word runs looked up in the gazetteer, resolved by document context.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use sitrep_nlp::tokenize;

use crate::gazetteer::{Gazetteer, Place, PlaceFeature};

const COMMON_WORDS: &str = include_str!("../../../data/gazetteer/common-words.txt");
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| COMMON_WORDS.lines().collect());

/// What the rest of the document says about where it is: how often each country (ISO3) is mentioned.
#[derive(Debug, Clone, Default)]
pub struct DocumentContext {
    pub countries: HashMap<String, usize>,
}

/// A place found in text. `start..end` are byte offsets into the text searched.
#[derive(Debug, Clone)]
pub struct PlaceMention<'g> {
    pub start: usize,
    pub end: usize,
    pub place: &'g Place,
    /// Introduced by a locative word ("in", "near", "east of", "the town of"): more likely where something happened.
    pub locative: bool,
}

/// Lower-case particles inside Arabic and other names ("Deir al-Zor", "Ras al Ain").
const PARTICLES: &[&str] = &["al", "el", "ez", "az", "as", "ad", "ar", "ash", "an", "at", "ed", "es", "de", "del", "la", "le", "bin", "ibn", "abu"];
const ADMIN_WORDS: &[&str] = &["province", "governorate", "state", "region", "district", "county", "department", "oblast"];
const LOCATIVES: &[&str] = &[
    "in", "near", "at", "outside", "around", "into", "from", "across", "of", "to", "toward", "towards", "inside",
    "outskirts", "east", "west", "north", "south", "town", "city", "village", "province", "district",
];
/// Capitalised words that begin sentences or titles and are never worth a gazetteer lookup alone.
const NEVER_ALONE: &[&str] = &[
    "the", "a", "an", "police", "president", "army", "government", "minister", "officials", "state", "mr", "mrs", "gen",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god", "allah",
    // subdivisions named by a direction or a generic word: only with "province", "region", … after them
    "eastern", "western", "northern", "southern", "central", "north", "south", "east", "west", "capital", "coast",
    "upper", "lower", "centre", "center", "littoral", "plateau", "lakes", "islands", "border", "south-west",
    "north-west", "south-east", "north-east", "southwest", "northwest", "southeast", "northeast", "midlands",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_particle_compound(word: &str) -> bool {
    // "al-Zor", "ez-Zor"
    word.split_once('-').is_some_and(|(p, rest)| PARTICLES.contains(&p) && is_capitalised(rest))
}

impl Gazetteer {
    /// Places named in `text`, longest name first, each resolved to one gazetteer entry.
    pub fn find<'g>(&'g self, text: &str, context: &DocumentContext) -> Vec<PlaceMention<'g>> {
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let all_caps = !text.chars().any(char::is_lowercase);
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let starts_name = is_capitalised(words[i]) || is_particle_compound(words[i]);
            if !starts_name {
                i += 1;
                continue;
            }
            let mut found = None;
            for len in (1..=5.min(tokens.len() - i)).rev() {
                let last = i + len - 1;
                let inner_ok = (i..=last).all(|k| {
                    is_capitalised(words[k])
                        || is_particle_compound(words[k])
                        || (k > i && k < last && (PARTICLES.contains(&words[k]) || words[k] == "-"))
                        || (k == last && k > i && ADMIN_WORDS.contains(&words[k].to_lowercase().as_str()))
                });
                if !inner_ok {
                    continue;
                }
                let (s, e) = (tokens[i].start, tokens[last].end);
                let name = &text[s..e];
                if len == 1 {
                    let lower = name.to_lowercase();
                    if COMMON.contains(lower.as_str()) || NEVER_ALONE.contains(&lower.as_str()) || name.len() < 3 {
                        continue;
                    }
                }
                // "in Raqqa", "near X", and "Syria's Idlib province"
                let locative = i > 0
                    && (LOCATIVES.contains(&words[i - 1].to_lowercase().as_str()) || matches!(words[i - 1], "'s" | "’s"));
                if all_caps && !locative {
                    continue; // in wire copy every word is capitalised: only trust names after "IN", "NEAR", …
                }
                // a short all-capital word in ordinary text is an acronym ("SANA", "IDF"), not a town; longer ones
                // are usually datelines ("MOGADISHU, Feb 26")
                if !all_caps && len == 1 && name.chars().count() < 5 && name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
                    continue;
                }
                let admin_hint = ADMIN_WORDS.contains(&words[last].to_lowercase().as_str())
                    || tokens.get(last + 1).is_some_and(|t| ADMIN_WORDS.contains(&t.text(text).to_lowercase().as_str()));
                if let Some(place) = self.resolve(self.lookup(name), context, admin_hint) {
                    found = Some((len, PlaceMention { start: s, end: e, place, locative }));
                    break;
                }
            }
            match found {
                Some((len, mention)) => {
                    out.push(mention);
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Picks one place among same-named candidates. When the document names countries, a place outside all of them
    /// must be a capital or a big city to be believed ("Ariha" in a Syria story is not Jericho, "Hassan" is a name).
    fn resolve(&self, ids: &[u32], context: &DocumentContext, admin_hint: bool) -> Option<&Place> {
        ids.iter()
            .map(|&i| self.place(i))
            .filter(|p| {
                context.countries.is_empty()
                    || context.countries.contains_key(&p.country)
                    || p.feature == PlaceFeature::Capital
                    || p.population >= 500_000
            })
            .max_by(|a, b| score(a, context, admin_hint).total_cmp(&score(b, context, admin_hint)))
    }
}

fn score(p: &Place, context: &DocumentContext, admin_hint: bool) -> f64 {
    let mut s = (p.population as f64 + 1.0).ln();
    if let Some(&n) = context.countries.get(&p.country) {
        s += 20.0 + n as f64;
    }
    match (p.feature, admin_hint) {
        (PlaceFeature::Admin1, true) => s += 30.0,
        (PlaceFeature::Admin1, false) => s += 5.0, // a province is named more often than a same-named small town
        (PlaceFeature::Capital, _) => s += 3.0,
        _ => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, ctx: &DocumentContext) -> Vec<(String, String, PlaceFeature)> {
        Gazetteer::builtin().find(text, ctx).iter().map(|m| (text[m.start..m.end].to_string(), m.place.country.clone(), m.place.feature)).collect()
    }

    #[test]
    fn finds_transliterated_arabic_names() {
        let found = names("Clashes erupted near Deir al-Zor and in Raqqa.", &DocumentContext::default());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| f.1 == "SYR"));
    }

    #[test]
    fn province_word_selects_the_subdivision() {
        let found = names("a town in Idlib province", &DocumentContext::default());
        assert_eq!(found[0].0, "Idlib province");
        assert_eq!(found[0].2, PlaceFeature::Admin1);
    }

    #[test]
    fn document_countries_settle_ambiguous_names() {
        let mut ctx = DocumentContext::default();
        ctx.countries.insert("NGA".into(), 2);
        let found = names("Gunmen attacked Makurdi.", &ctx);
        assert_eq!(found[0].1, "NGA");
    }

    #[test]
    fn places_outside_the_story_countries_need_to_be_big() {
        let mut ctx = DocumentContext::default();
        ctx.countries.insert("SYR".into(), 3);
        assert!(names("Jets struck the town of Ariha.", &ctx).is_empty());
        assert_eq!(names("Envoys met in Paris.", &ctx)[0].1, "FRA");
    }

    #[test]
    fn acronyms_and_months_are_not_places() {
        assert!(names("Syrian state news agency SANA said so in March.", &DocumentContext::default()).is_empty());
    }

    #[test]
    fn common_words_are_not_places() {
        assert!(names("Police said the deal was done along the border.", &DocumentContext::default()).is_empty());
    }
}
