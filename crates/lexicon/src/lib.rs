//! sitrep's own editable data — actors, agents, event triggers, weapons and countries — and the matchers compiled
//! from it.
//!
//! The data lives as tab-separated files in `data/lexicon/` (each documents its columns in a header comment) and is
//! compiled into the binary; [`Lexicon::from_dir`] loads an edited copy instead. Matching is case-insensitive
//! Aho-Corasick, leftmost-longest, on word boundaries; short all-capital aliases ("IS", "SDF") match case-sensitively.
//!
//! ```
//! use sitrep_lexicon::Lexicon;
//! let lex = Lexicon::builtin();
//! let hits = lex.actors.find("ISIS fighters attacked SDF positions.");
//! let names: Vec<_> = hits.iter().map(|h| h.value.name.as_str()).collect();
//! assert_eq!(names, ["Islamic State", "Syrian Democratic Forces"]);
//! ```

mod entries;
mod matcher;

use std::path::Path;
use std::sync::LazyLock;

pub use entries::{ActorEntry, ActorKind, Country, TriggerEntry, TriggerPos};
pub use matcher::{Hit, PhraseMatcher};
use sitrep_model::WeaponClass;

/// A data file line that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}: {message}")]
    BadLine { file: String, line: usize, message: String },
    #[error("cannot read {file}: {source}")]
    Io { file: String, source: std::io::Error },
}

/// All of sitrep's lexical knowledge, compiled for matching.
pub struct Lexicon {
    /// Countries (names, aliases, demonyms, capitals as metonyms) and named groups and institutions.
    pub actors: PhraseMatcher<ActorEntry>,
    /// Generic agent nouns ("troops", "police") with their sector.
    pub agents: PhraseMatcher<String>,
    pub triggers: PhraseMatcher<TriggerEntry>,
    pub weapons: PhraseMatcher<WeaponClass>,
    pub countries: Vec<Country>,
}

const COUNTRIES: &str = include_str!("../../../data/lexicon/countries.tsv");
const ACTORS: &str = include_str!("../../../data/lexicon/actors.tsv");
const AGENTS: &str = include_str!("../../../data/lexicon/agents.tsv");
const TRIGGERS: &str = include_str!("../../../data/lexicon/triggers.tsv");
const WEAPONS: &str = include_str!("../../../data/lexicon/weapons.tsv");

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_sources(COUNTRIES, ACTORS, AGENTS, TRIGGERS, WEAPONS)
        .expect("the built-in lexicon is checked by the test suite")
});

impl Lexicon {
    /// The lexicon compiled into sitrep (built once, shared).
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// Loads the five data files from a directory laid out like `data/lexicon/`.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| LexiconError::Io { file: path.display().to_string(), source })
        };
        Lexicon::from_sources(
            &read("countries.tsv")?,
            &read("actors.tsv")?,
            &read("agents.tsv")?,
            &read("triggers.tsv")?,
            &read("weapons.tsv")?,
        )
    }

    pub fn from_sources(
        countries: &str,
        actors: &str,
        agents: &str,
        triggers: &str,
        weapons: &str,
    ) -> Result<Lexicon, LexiconError> {
        let countries = entries::parse_countries(countries)?;
        let mut actor_phrases = entries::country_phrases(&countries);
        actor_phrases.extend(entries::parse_actors(actors)?);
        Ok(Lexicon {
            actors: PhraseMatcher::new(actor_phrases),
            agents: PhraseMatcher::new(entries::parse_simple(agents, "agents.tsv", |s| Ok(s.to_string()))?),
            triggers: PhraseMatcher::new(entries::parse_triggers(triggers)?),
            weapons: PhraseMatcher::new(entries::parse_simple(weapons, "weapons.tsv", |s| {
                WeaponClass::parse(s).ok_or_else(|| format!("unknown weapon class {s:?}"))
            })?),
            countries,
        })
    }

    /// The country with this ISO 3166-1 alpha-3 code.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_files_load() {
        let lex = Lexicon::builtin();
        assert!(lex.countries.len() > 190);
        assert!(lex.triggers.len() > 200);
    }

    #[test]
    fn demonyms_and_capitals_name_their_country() {
        let lex = Lexicon::builtin();
        let hits = lex.actors.find("Syrian troops shelled the town, Moscow said.");
        let found: Vec<_> = hits.iter().map(|h| (h.value.country.as_deref(), h.value.kind)).collect();
        assert_eq!(found, [(Some("SYR"), ActorKind::Demonym), (Some("RUS"), ActorKind::Capital)]);
    }

    #[test]
    fn a_match_inside_a_word_does_not_hide_the_next_name() {
        let lex = Lexicon::builtin();
        for text in ["The Israeli army killed 3 militants.", "the Syrian army advanced"] {
            let hits = lex.actors.find(text);
            assert_eq!(hits.len(), 1, "{text}");
            assert_eq!(hits[0].value.kind, ActorKind::Demonym);
        }
    }

    #[test]
    fn short_acronyms_are_case_sensitive() {
        let lex = Lexicon::builtin();
        assert!(lex.actors.find("this is it").is_empty());
        assert_eq!(lex.actors.find("IS claimed it")[0].value.name, "Islamic State");
    }

    #[test]
    fn all_caps_text_still_matches_names_but_not_ambiguous_acronyms() {
        let lex = Lexicon::builtin();
        let hits = lex.actors.find("THE ARMY IS IN SYRIA");
        let names: Vec<_> = hits.iter().map(|h| h.value.name.as_str()).collect();
        assert_eq!(names, ["Syria"]);
    }

    #[test]
    fn triggers_carry_plover_cameo_and_acled() {
        let lex = Lexicon::builtin();
        let hit = &lex.triggers.find("a Turkish drone strike killed four")[0];
        assert_eq!(hit.value.event_type.as_str(), "ASSAULT");
        assert_eq!(hit.value.cameo, "195");
        assert_eq!(hit.value.acled.as_ref().map(|a| a.sub_event_type.as_str()), Some("Air/drone strike"));
    }
}
