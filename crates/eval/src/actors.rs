//! Does a system actor name a UCDP side? Exact (normalised string) and alias-tolerant checks.
//!
//! Alias-tolerant: a gold side (`side_a`/`side_b`) is hit by any of the system event's actors or recipients when
//! 1. the side is "Government of X" and a system party has country X with a state sector (GOV, MIL, COP) or no sector,
//!    or has a state sector and no country while X is the country the gold event happened in ("regime forces");
//! 2. the lexicon resolves the side to a named group (e.g. "IS" → Islamic State, "HTS" → Hayat Tahrir al-Sham) and a
//!    system party has that canonical name;
//! 3. the side and a system party's name, text or country name share a normalised content word. Function words and
//!    generic organisation words ("front", "army", "forces") are not content; neither are country names and
//!    demonyms unless the side has nothing else, so "Syrian insurgents" is not hit by "Syrian army".

use std::collections::HashSet;

use sitrep_lexicon::ActorKind;
use sitrep_model::Actor;

use crate::countries::{normalise, words, Countries};

/// Words that never make two actor names the same actor.
#[rustfmt::skip]
const NON_CONTENT: &[&str] = &[
    "the", "of", "and", "a", "an", "in", "on", "at", "for", "to", "by", "with", "from", "al", "el", "de", "la", "le",
    "du", "des", "government", "forces", "force", "front", "army", "movement", "party", "group", "groups", "people",
    "republic", "national", "liberation", "democratic", "united", "council", "brigade", "brigades", "battalion",
    "division", "state", "islamic", "revolutionary", "popular", "union", "organization", "organisation", "unknown",
    "unidentified", "men", "gunmen", "members", "new", "generation",
];

/// CAMEO-style sector codes, for reading a sector out of an actor code.
#[rustfmt::skip]
const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "INS", "OPP", "CVL", "MED", "BUS", "NGO", "UAF", "JUD", "LEG", "SPY", "AGR", "EDU",
    "LAB", "REF", "HLH", "ELI", "CRM", "PTY", "SEP", "MOD", "RAD", "IGO",
];

/// The sector of an actor: its own field, else letters 4–6 of its CAMEO-style code when they are a sector.
pub(crate) fn sector_of(a: &Actor) -> Option<&str> {
    a.sector
        .as_deref()
        .filter(|s| !s.is_empty())
        .or_else(|| a.code.as_deref().and_then(|c| c.get(3..6)).filter(|s| SECTORS.contains(s)))
}

/// True when the normalised side equals a system party's normalised name or text.
pub(crate) fn exact_hit(side: &str, parties: &[&Actor]) -> bool {
    let side = normalise(side);
    !side.is_empty() && parties.iter().any(|a| normalise(&a.name) == side || normalise(&a.text) == side)
}

fn content_words(s: &str) -> HashSet<String> {
    words(s).into_iter().filter(|w| !NON_CONTENT.contains(&w.as_str())).collect()
}

/// "Government of Russia (Soviet Union)" → "Russia (Soviet Union)".
fn government_of(side: &str) -> Option<&str> {
    let s = side.trim();
    let prefix = "government of ";
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| s[prefix.len()..].trim())
}

/// The alias-tolerant check described in the module docs; `event_country` is the ISO3 country of the gold event.
pub(crate) fn alias_hit(side: &str, parties: &[&Actor], event_country: Option<&str>, countries: &Countries) -> bool {
    if parties.is_empty() || side.trim().is_empty() {
        return false;
    }
    if exact_hit(side, parties) {
        return true;
    }
    if let Some(country) = government_of(side) {
        if let Some(iso3) = countries.iso3(country) {
            let state_party = parties.iter().any(|a| {
                let state_sector = matches!(sector_of(a), Some("GOV" | "MIL" | "COP"));
                match a.country.as_deref() {
                    Some(c) => c == iso3 && (state_sector || sector_of(a).is_none()),
                    None => state_sector && event_country == Some(iso3),
                }
            });
            if state_party {
                return true;
            }
        }
    }
    let named: HashSet<String> = countries
        .lexicon()
        .actors
        .find(side)
        .iter()
        .filter(|h| h.value.kind == ActorKind::Named)
        .map(|h| normalise(&h.value.name))
        .collect();
    if parties.iter().any(|a| named.contains(&normalise(&a.name))) {
        return true;
    }
    if government_of(side).is_some() {
        // "Government of X" is only ever hit by state parties of X (rule 1), not by words.
        return false;
    }
    let all = content_words(side);
    let specific: HashSet<String> = all.iter().filter(|w| !countries.is_geo_word(w)).cloned().collect();
    let gold = if specific.is_empty() { all } else { specific };
    if gold.is_empty() {
        return false;
    }
    parties.iter().any(|a| {
        let country_name = a.country.as_deref().and_then(|c| countries.name_of(c)).unwrap_or("");
        [a.name.as_str(), a.text.as_str(), country_name].iter().any(|s| !content_words(s).is_disjoint(&gold))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Span;

    fn actor(text: &str, name: &str, country: Option<&str>, sector: Option<&str>) -> Actor {
        Actor {
            text: text.into(),
            name: name.into(),
            code: None,
            country: country.map(Into::into),
            sector: sector.map(Into::into),
            span: Span::new(0, 0),
        }
    }

    #[test]
    fn government_side_needs_a_state_party_of_that_country() {
        let c = Countries::builtin();
        let army = actor("Syrian army", "Syria", Some("SYR"), Some("MIL"));
        let rebels = actor("Syrian rebels", "Syrian rebels", Some("SYR"), Some("REB"));
        assert!(alias_hit("Government of Syria", &[&army], None, &c));
        assert!(!alias_hit("Government of Syria", &[&rebels], Some("SYR"), &c));
        assert!(!alias_hit("Government of Turkey", &[&army], Some("TUR"), &c));
        let russia = actor("Russian warplanes", "Russia", Some("RUS"), Some("MIL"));
        assert!(alias_hit("Government of Russia (Soviet Union)", &[&russia], Some("SYR"), &c));
        let regime = actor("regime forces", "regime forces", None, Some("MIL"));
        assert!(alias_hit("Government of Syria", &[&regime], Some("SYR"), &c));
        assert!(!alias_hit("Government of Turkey", &[&regime], Some("SYR"), &c));
    }

    #[test]
    fn lexicon_aliases_and_content_words_hit() {
        let c = Countries::builtin();
        let is = actor("ISIS fighters", "Islamic State", None, Some("REB"));
        assert!(alias_hit("IS", &[&is], None, &c));
        let civ = actor("civilians", "civilians", None, Some("CVL"));
        assert!(alias_hit("Civilians", &[&civ], None, &c));
        assert!(exact_hit("Civilians", &[&civ]));
        let army = actor("Syrian army", "Syria", Some("SYR"), Some("MIL"));
        assert!(!alias_hit("Syrian insurgents", &[&army], None, &c));
        assert!(!alias_hit("Southern Front", &[&actor("Nusra Front", "Hayat Tahrir al-Sham", None, None)], None, &c));
        assert!(!alias_hit("IS", &[], None, &c));
    }
}
