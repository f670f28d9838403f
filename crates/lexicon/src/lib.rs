//! sitrep's own editable data — actors, people with dated roles, agents, event triggers, weapons and countries — and
//! the matchers compiled from it.
//!
//! The data lives as tab-separated files in `data/lexicon/` (each documents its columns in a header comment; the
//! format is described in `docs/lexicon.md`) and is compiled into the binary; [`Lexicon::from_dir`] loads an edited
//! copy instead, and [`Lexicon::builtin_with`] adds PETRARCH-format dictionaries (see [`petrarch`]) on top of the
//! built-in data. Matching is case-insensitive Aho-Corasick, leftmost-longest, on word boundaries; short all-capital
//! aliases ("IS", "SDF") and aliases written `=Like This` match case-sensitively. A person's code depends on the
//! document's date ([`ActorEntry::at`]).
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
pub mod petrarch;

use std::path::Path;
use std::sync::LazyLock;

pub use entries::{
    code_parts, ActorEntry, ActorKind, AgentEntry, Country, DictionaryVerb, PatternElement, PatternItem, PatternMatch,
    Resolved, Role, TriggerEntry, TriggerPos, VerbPattern, SECTORS,
};
pub use matcher::{is_all_caps, Hit, PhraseMatcher};
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
    pub agents: PhraseMatcher<AgentEntry>,
    /// Surnames of people with dated roles ("Clinton", "Assad"), matched only as written, each with everyone who
    /// bears it: the coder uses them after a title ("President Assad") and picks by the document's date.
    pub surnames: PhraseMatcher<Vec<ActorEntry>>,
    pub triggers: PhraseMatcher<TriggerEntry>,
    pub weapons: PhraseMatcher<WeaponClass>,
    pub countries: Vec<Country>,
}

const COUNTRIES: &str = include_str!("../../../data/lexicon/countries.tsv");
const ACTORS: &str = include_str!("../../../data/lexicon/actors.tsv");
const ORGANISATIONS: &str = include_str!("../../../data/lexicon/organisations.tsv");
const PEOPLE: &str = include_str!("../../../data/lexicon/people.tsv");
const AGENTS: &str = include_str!("../../../data/lexicon/agents.tsv");
const AGENTS_PHOENIX: &str = include_str!("../../../data/lexicon/agents-phoenix.tsv");
const TRIGGERS: &str = include_str!("../../../data/lexicon/triggers.tsv");
const WEAPONS: &str = include_str!("../../../data/lexicon/weapons.tsv");

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    Sources::builtin().and_then(Sources::compile).expect("the built-in lexicon is checked by the test suite")
});

/// The phrase lists a lexicon is compiled from. Earlier phrases win over later identical ones, so hand-written
/// files come first, then the generated ones; dictionaries added by the user go before all of them.
struct Sources {
    countries: Vec<Country>,
    actors: Vec<(String, ActorEntry)>,
    agents: Vec<(String, AgentEntry)>,
    triggers: Vec<(String, TriggerEntry)>,
    weapons: Vec<(String, WeaponClass)>,
}

impl Sources {
    /// `actor_files` and `agent_files` are (file name, text) pairs in priority order.
    fn parse(
        countries: &str,
        actor_files: &[(&str, &str)],
        agent_files: &[(&str, &str)],
        triggers: &str,
        weapons: &str,
    ) -> Result<Sources, LexiconError> {
        let countries = entries::parse_countries(countries)?;
        let iso3: std::collections::HashSet<String> = countries.iter().map(|c| c.iso3.clone()).collect();
        let is_country = |c: &str| iso3.contains(c);
        let mut actors = Vec::new();
        for (file, text) in actor_files {
            actors.extend(entries::parse_actors(text, file, &is_country)?);
        }
        actors.extend(entries::country_phrases(&countries));
        let mut agents = Vec::new();
        for (file, text) in agent_files {
            agents.extend(entries::parse_simple(text, file, |s| Ok(AgentEntry::sector(s)))?);
        }
        Ok(Sources {
            actors,
            agents,
            triggers: entries::parse_triggers(triggers)?,
            weapons: entries::parse_simple(weapons, "weapons.tsv", |s| {
                WeaponClass::parse(s).ok_or_else(|| format!("unknown weapon class {s:?}"))
            })?,
            countries,
        })
    }

    fn builtin() -> Result<Sources, LexiconError> {
        Sources::parse(
            COUNTRIES,
            &[("actors.tsv", ACTORS), ("organisations.tsv", ORGANISATIONS), ("people.tsv", PEOPLE)],
            &[("agents.tsv", AGENTS), ("agents-phoenix.tsv", AGENTS_PHOENIX)],
            TRIGGERS,
            WEAPONS,
        )
    }

    fn compile(self) -> Result<Lexicon, LexiconError> {
        Ok(Lexicon {
            surnames: PhraseMatcher::new(surnames(&self.actors)),
            actors: PhraseMatcher::new(self.actors),
            agents: PhraseMatcher::new(self.agents),
            triggers: PhraseMatcher::new(self.triggers),
            weapons: PhraseMatcher::new(self.weapons),
            countries: self.countries,
        })
    }

    /// Puts PETRARCH dictionaries from `dir` before the built-in phrases: `*actors*` files (actor dictionaries),
    /// `*agents*` (agents) and `*verbs*` or `CAMEO*` (verbs). Other files (discards, issues) are ignored.
    fn add_petrarch_dir(&mut self, dir: &Path) -> Result<DictionaryReport, LexiconError> {
        let io = |path: &Path, source| LexiconError::Io { file: path.display().to_string(), source };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let iso3: std::collections::HashSet<String> = self.countries.iter().map(|c| c.iso3.clone()).collect();
        let is_country = |c: &str| iso3.contains(c);
        let (mut actors, mut agents, mut verbs) = (Vec::new(), Vec::new(), Vec::new());
        let mut report = DictionaryReport::default();
        for path in files {
            let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
            if !name.ends_with(".txt") {
                continue;
            }
            let kind = if name.contains("actors") {
                0
            } else if name.contains("agents") {
                1
            } else if name.contains("verbs") || name.starts_with("cameo") {
                2
            } else {
                continue;
            };
            let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
            // the PETRARCH dictionaries are ASCII with a few Latin-1 bytes in comments
            let text = String::from_utf8_lossy(&bytes);
            let file = path.display().to_string();
            match kind {
                0 => {
                    let found = petrarch::read_actors(&text, &file, &is_country)?;
                    report.actors += found.len();
                    for (p, e) in found {
                        // "the Kuwait government": an article is no part of a name, and the built-in "the X"
                        // country phrases must not outrun the dictionary's "X"
                        if p.chars().count() > 3 && !p.to_lowercase().starts_with("the ") {
                            actors.push((format!("the {}", p.to_lowercase()), e.clone()));
                        }
                        actors.push((petrarch_phrase(&p), e));
                    }
                }
                1 => {
                    let found = petrarch::read_agents(&text, &file)?;
                    report.agents += found.len();
                    report.agent_files += 1;
                    agents.extend(found.into_iter().map(|(p, e)| (petrarch_phrase(&p), e)));
                }
                _ => {
                    // "say" is how sitrep finds who reports an event (attribution), not an event of its own
                    let found: Vec<_> = petrarch::read_verbs(&text, &file)?
                        .into_iter()
                        .filter(|(form, _)| !REPORTING_FORMS.contains(&form.as_str()))
                        .collect();
                    report.verbs += found.len();
                    report.verb_files += 1;
                    verbs.extend(found);
                }
            }
            report.files.push(file);
        }
        // a phrase the agent dictionary lists is an agent, not one of sitrep's named actors ("MSF" [NGO~])
        let agent_phrases: std::collections::HashSet<String> = agents.iter().map(|(p, _)| p.to_lowercase()).collect();
        self.actors.retain(|(p, _)| !agent_phrases.contains(&p.to_lowercase()));
        actors.append(&mut self.actors);
        self.actors = actors;
        // agents and verbs are a codebook, not a list of names: a dictionary of them replaces sitrep's own, so
        // its events and sectors are the dictionary's ("crowds" is no OPP, "talks" no meeting, unless it says so)
        if report.agent_files > 0 {
            self.agents = agents;
        }
        if report.verb_files > 0 {
            self.triggers = verbs;
        }
        Ok(report)
    }
}

/// Surname → the people bearing it, from the people (entries with dated roles) among the actor phrases. A surname is
/// the last word of the person's name, at least four letters, capitalised; it is matched as written (`=`).
fn surnames(actors: &[(String, ActorEntry)]) -> Vec<(String, Vec<ActorEntry>)> {
    let mut by_surname: std::collections::BTreeMap<String, Vec<ActorEntry>> = std::collections::BTreeMap::new();
    for (_, entry) in actors.iter().filter(|(_, e)| !e.roles.is_empty()) {
        let Some(last) = entry.name.split_whitespace().next_back() else { continue };
        let letters = last.chars().filter(|c| c.is_alphabetic()).count();
        let capitalised = last.chars().next().is_some_and(char::is_uppercase) && last.chars().skip(1).any(char::is_lowercase);
        if letters < 4 || !capitalised || !last.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
            continue;
        }
        let people = by_surname.entry(last.to_string()).or_default();
        if !people.iter().any(|p| p.name == entry.name && p.code == entry.code) {
            people.push(entry.clone());
        }
    }
    by_surname.into_iter().map(|(k, v)| (format!("={k}"), v)).collect()
}

/// Forms of "say", kept out of PETRARCH verb dictionaries: sitrep reads them as attribution.
const REPORTING_FORMS: &[&str] = &["say", "says", "said", "saying"];

/// PETRARCH phrases are written in capitals, which say nothing about case: matched case-insensitively, except
/// words of two or three letters ("UN", "IS"), which stay acronyms.
fn petrarch_phrase(p: &str) -> String {
    if !p.contains(' ') && p.chars().count() <= 3 {
        p.to_string()
    } else {
        p.to_lowercase()
    }
}

/// What [`Lexicon::builtin_with`] read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DictionaryReport {
    pub files: Vec<String>,
    /// Phrases read (primary phrases and synonyms).
    pub actors: usize,
    pub agents: usize,
    /// Verb forms read.
    pub verbs: usize,
    /// Agent and verb dictionaries read: each kind, when given, replaces sitrep's own agents or triggers.
    pub agent_files: usize,
    pub verb_files: usize,
}

impl Lexicon {
    /// The lexicon compiled into sitrep (built once, shared).
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// The built-in lexicon with the PETRARCH dictionaries of `dir`: their actors go on top of the built-in ones
    /// (and win over phrases of the same spelling); an agent dictionary replaces the built-in agents and a verb
    /// dictionary the built-in triggers, since those are a codebook the dictionary defines. Build it once and
    /// share it (a coder needs a `&'static`).
    pub fn builtin_with(dir: &Path) -> Result<(Lexicon, DictionaryReport), LexiconError> {
        let mut sources = Sources::builtin()?;
        let report = sources.add_petrarch_dir(dir)?;
        Ok((sources.compile()?, report))
    }

    /// Loads the data files from a directory laid out like `data/lexicon/`: countries, actors, agents, triggers
    /// and weapons are required; organisations.tsv, people.tsv and agents-phoenix.tsv are read when present.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| LexiconError::Io { file: path.display().to_string(), source })
        };
        let optional = |name: &str| if dir.join(name).is_file() { read(name).map(Some) } else { Ok(None) };
        let actors = read("actors.tsv")?;
        let organisations = optional("organisations.tsv")?;
        let people = optional("people.tsv")?;
        let agents = read("agents.tsv")?;
        let agents_phoenix = optional("agents-phoenix.tsv")?;
        let mut actor_files = vec![("actors.tsv", actors.as_str())];
        actor_files.extend(organisations.as_deref().map(|t| ("organisations.tsv", t)));
        actor_files.extend(people.as_deref().map(|t| ("people.tsv", t)));
        let mut agent_files = vec![("agents.tsv", agents.as_str())];
        agent_files.extend(agents_phoenix.as_deref().map(|t| ("agents-phoenix.tsv", t)));
        Sources::parse(&read("countries.tsv")?, &actor_files, &agent_files, &read("triggers.tsv")?, &read("weapons.tsv")?)?
            .compile()
    }

    /// A lexicon from the texts of the five core files (no generated files).
    pub fn from_sources(
        countries: &str,
        actors: &str,
        agents: &str,
        triggers: &str,
        weapons: &str,
    ) -> Result<Lexicon, LexiconError> {
        Sources::parse(countries, &[("actors.tsv", actors)], &[("agents.tsv", agents)], triggers, weapons)?.compile()
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
    fn petrarch_dictionaries_go_on_top_of_the_builtin_lexicon() {
        let dir = std::env::temp_dir().join(format!("sitrep-lexicon-dicts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("My.actors.txt"), "ARNOR_ [ARN]\nARAGORN_\n\t[ARNGOV 20300101-20400101]\n\t[ARNELI]\n").unwrap();
        std::fs::write(dir.join("My.agents.txt"), "STEWARD [~GOVSTW]\n").unwrap();
        std::fs::write(dir.join("My.verbs.txt"), "--- BESIEGE [191] ---\nBESIEGE\n").unwrap();
        std::fs::write(dir.join("notes.md"), "not a dictionary").unwrap();
        let (lex, report) = Lexicon::builtin_with(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(report.files.len(), 3);
        assert_eq!((report.actors, report.agents, report.verbs), (2, 2, 4));
        let hits = lex.actors.find("Arnor stewards besieged Syria, Aragorn said");
        let names: Vec<_> = hits.iter().map(|h| h.value.name.as_str()).collect();
        assert_eq!(names, ["ARNOR", "Syria", "ARAGORN"]);
        let date = chrono::NaiveDate::from_ymd_opt(2035, 1, 1);
        assert_eq!(hits[2].value.at(date).code, Some("ARNGOV"));
        assert_eq!(lex.agents.find("stewards")[0].value.compose("ARN"), "ARNGOVSTW");
        assert_eq!(lex.triggers.find("they besieged it")[0].value.cameo, "191");
        // the built-in actors are still there; agents and triggers are the dictionaries' alone
        assert!(!lex.actors.find("Hezbollah").is_empty());
        assert!(lex.agents.find("troops").is_empty(), "the agent dictionary replaces the built-in agents");
        assert!(lex.triggers.find("they attacked it").is_empty(), "the verb dictionary replaces the built-in triggers");
        assert_eq!((report.agent_files, report.verb_files), (1, 1));
    }

    #[test]
    fn a_bad_dictionary_line_is_an_error_naming_the_file() {
        let dir = std::env::temp_dir().join(format!("sitrep-lexicon-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("Bad.agents.txt"), "STEWARD\n").unwrap();
        let err = Lexicon::builtin_with(&dir).err().map(|e| e.to_string()).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("Bad.agents.txt:1: agent without a [code]"), "{err}");
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
