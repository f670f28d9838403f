//! Readers for the data files and the entry types they produce.

use chrono::NaiveDate;
use sitrep_model::{Acled, EventType};

use crate::LexiconError;

/// A country as the lexicon knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    /// Centroid.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub capital_lat: Option<f64>,
    pub capital_lon: Option<f64>,
}

/// What kind of phrase named the actor; the coder treats them differently (a capital after "in" is a place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// "Syria", "the United States".
    Country,
    /// "Syrian", "Americans".
    Demonym,
    /// "Damascus", "Moscow" — as metonyms for the government.
    Capital,
    /// A named group or institution from actors.tsv.
    Named,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    pub name: String,
    /// The code when the document's date is unknown (for people: their most recent role).
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub kind: ActorKind,
    /// Dated roles of a person ("USAGOV 1993-01-20..2001-01-20"); empty for most actors.
    pub roles: Vec<Role>,
}

/// One role of an actor, valid between two dates (inclusive; either end may be open). A role with neither date is
/// the default: it applies when the document's date falls in no dated role.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Role {
    fn is_default(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    fn covers(&self, date: NaiveDate) -> bool {
        !self.is_default() && self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// What an actor is at a date: its code, country and sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub code: Option<&'a str>,
    pub country: Option<&'a str>,
    pub sector: Option<&'a str>,
}

impl ActorEntry {
    /// The code, country and sector of this actor on `date` (the document's publication date). Without a date, or
    /// for an actor without roles, the entry's own fields. With a date, the dated role that covers it, else the
    /// default role, else nothing: a former office-holder is no longer the government.
    pub fn at(&self, date: Option<NaiveDate>) -> Resolved<'_> {
        let own = Resolved { code: self.code.as_deref(), country: self.country.as_deref(), sector: self.sector.as_deref() };
        let Some(date) = date.filter(|_| !self.roles.is_empty()) else { return own };
        let role = self.roles.iter().find(|r| r.covers(date)).or_else(|| self.roles.iter().find(|r| r.is_default()));
        match role {
            Some(r) => Resolved { code: Some(&r.code), country: r.country.as_deref(), sector: r.sector.as_deref() },
            None => Resolved { code: None, country: None, sector: None },
        }
    }
}

/// A generic agent noun ("troops", "foreign minister") and what it adds to an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentEntry {
    /// sitrep sector (GOV, MIL, COP, …).
    pub sector: String,
    /// The code it adds to a country code: the sector for sitrep's own data, the full agent code ("GOVFRM") for
    /// PETRARCH dictionaries loaded with `--dictionaries`.
    pub code: String,
    /// PETRARCH `[NGO~]`-style agents: the code goes before the actor's code, not after it.
    pub prefix: bool,
}

impl AgentEntry {
    pub fn sector(sector: &str) -> AgentEntry {
        AgentEntry { sector: sector.to_string(), code: sector.to_string(), prefix: false }
    }

    /// The code of `actor` (a country or named actor's code) acting through this agent: USA + MIL → USAMIL.
    pub fn compose(&self, actor: &str) -> String {
        if self.prefix {
            format!("{}{actor}", self.code)
        } else {
            format!("{actor}{}", self.code)
        }
    }
}

/// CAMEO-style sector codes sitrep knows; a code's letters 4-6 (after a country) or 1-3 (IGO, NGO, ...) name one.
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "INS", "OPP", "CVL", "MED", "BUS", "NGO", "IGO", "UAF", "JUD", "LEG", "SPY", "AGR",
    "EDU", "LAB", "REF", "HLH", "ELI", "CRM", "PTY", "SEP", "MOD", "RAD", "REL", "ENV", "HRI", "DEV",
];

/// Non-state code prefixes and the sector they mean (IMG: an international militarised group).
const NON_STATE: &[(&str, &str)] =
    &[("IGO", "IGO"), ("NGO", "NGO"), ("IMG", "REB"), ("NGM", "NGO"), ("MNC", "BUS"), ("UIS", "UAF"), ("INT", "IGO")];

/// Country and sector of a CAMEO-style code: USAGOV → (USA, GOV), IGOUNO → (-, IGO), ELI → (-, ELI).
pub fn code_parts(code: &str, is_country: impl Fn(&str) -> bool) -> (Option<String>, Option<String>) {
    let head = code.get(..3).unwrap_or("");
    if is_country(head) {
        let sector = code.get(3..6).filter(|s| SECTORS.contains(s)).map(str::to_string);
        return (Some(head.to_string()), sector);
    }
    if let Some((_, s)) = NON_STATE.iter().find(|(p, _)| *p == head) {
        return (None, Some(s.to_string()));
    }
    (None, SECTORS.contains(&head).then(|| head.to_string()))
}

/// How a trigger takes its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerPos {
    Verb,
    Noun,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TriggerEntry {
    pub event_type: EventType,
    pub mode: Option<String>,
    pub cameo: String,
    pub acled: Option<Acled>,
    pub pos: TriggerPos,
    pub priority: u8,
    /// PETRARCH verb patterns read from `--dictionaries` (empty for sitrep's own triggers): words that, found after
    /// the verb in this order, give another CAMEO code ("restore … diplomatic ties" → 064).
    pub patterns: Vec<VerbPattern>,
}

/// A simplified PETRARCH pattern `- * DIPLOMATIC TIES [064]`: each slot lists alternative word sequences (a synset
/// gives several), matched in order, gaps allowed between slots.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbPattern {
    pub slots: Vec<Vec<Vec<String>>>,
    pub cameo: String,
}

impl TriggerEntry {
    /// The CAMEO code of this trigger given the lower-cased words after it: the code of the longest pattern that
    /// matches, else the trigger's own.
    pub fn cameo_after(&self, words_after: &[&str]) -> &str {
        self.patterns
            .iter()
            .filter(|p| p.matches(words_after))
            .max_by_key(|p| p.slots.len())
            .map_or(self.cameo.as_str(), |p| p.cameo.as_str())
    }
}

impl VerbPattern {
    fn matches(&self, words: &[&str]) -> bool {
        let mut at = 0;
        for slot in &self.slots {
            let found = (at..words.len()).find_map(|i| {
                slot.iter()
                    .find(|alt| !alt.is_empty() && words.get(i..i + alt.len()).is_some_and(|w| w.iter().zip(alt.iter()).all(|(a, b)| a == b)))
                    .map(|alt| i + alt.len())
            });
            match found {
                Some(next) => at = next,
                None => return false,
            }
        }
        true
    }
}

/// Data lines: skips blanks and `#` comments, splits on tabs, numbers lines from 1.
fn rows<'a>(source: &'a str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn bad(file: &str, line: usize, message: impl Into<String>) -> LexiconError {
    LexiconError::BadLine { file: file.to_string(), line, message: message.into() }
}

fn forms(field: &str) -> impl Iterator<Item = String> + '_ {
    field.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s != "-").then(|| s.to_string())
}

pub(crate) fn parse_countries(source: &str) -> Result<Vec<Country>, LexiconError> {
    let mut out = Vec::new();
    for (line, cols) in rows(source) {
        if cols.first() == Some(&"iso3") {
            continue; // header
        }
        if cols.len() < 9 {
            return Err(bad("countries.tsv", line, format!("expected 9 columns, found {}", cols.len())));
        }
        let num = |s: &str| s.trim().parse::<f64>().ok();
        out.push(Country {
            iso3: cols[0].trim().to_string(),
            name: cols[1].trim().to_string(),
            aliases: forms(cols[2]).collect(),
            demonyms: forms(cols[3]).collect(),
            capitals: forms(cols[4]).collect(),
            lat: num(cols[5]),
            lon: num(cols[6]),
            capital_lat: num(cols[7]),
            capital_lon: num(cols[8]),
        });
    }
    Ok(out)
}

/// Capitals that are also common personal names or words; as metonyms they would misfire ("Stanley said").
const AMBIGUOUS_CAPITALS: &[&str] = &[
    "Douglas", "Stanley", "Hamilton", "Victoria", "The Valley", "The Bottom", "West Island", "Kingston", "Jamestown",
    "Georgetown", "Washington D.C.", "Avarua", "Alofi", "Adamstown", "Flying Fish Cove", "Road Town", "Plymouth",
    // matching is case-insensitive, and "a 20-year-old male" is no metonym for the Maldives ("Malé" still is)
    "Male",
];

/// Every phrase that names a country, as actor entries.
pub(crate) fn country_phrases(countries: &[Country]) -> Vec<(String, ActorEntry)> {
    let mut out = Vec::new();
    for c in countries {
        let entry = |kind, sector: Option<&str>| ActorEntry {
            name: c.name.clone(),
            code: Some(match sector {
                Some(s) => format!("{}{}", c.iso3, s),
                None => c.iso3.clone(),
            }),
            country: Some(c.iso3.clone()),
            sector: sector.map(str::to_string),
            kind,
            roles: Vec::new(),
        };
        out.push((c.name.clone(), entry(ActorKind::Country, None)));
        out.push((format!("the {}", c.name), entry(ActorKind::Country, None)));
        for a in &c.aliases {
            out.push((a.clone(), entry(ActorKind::Country, None)));
        }
        for d in &c.demonyms {
            out.push((d.clone(), entry(ActorKind::Demonym, None)));
        }
        for cap in c.capitals.iter().filter(|c| !AMBIGUOUS_CAPITALS.contains(&c.as_str())) {
            out.push((cap.clone(), entry(ActorKind::Capital, Some("GOV"))));
        }
    }
    out
}

/// Reads an actor file (actors.tsv, organisations.tsv, people.tsv): name, aliases, code, country, sector and an
/// optional sixth column of roles, `CODE FROM..TO` separated by `|` (dates YYYY-MM-DD; either may be empty; a bare
/// `CODE` is the default role). `is_country` tells ISO3 codes, to read a role code's country.
pub(crate) fn parse_actors(
    source: &str,
    file: &str,
    is_country: &dyn Fn(&str) -> bool,
) -> Result<Vec<(String, ActorEntry)>, LexiconError> {
    let mut out = Vec::new();
    for (line, cols) in rows(source) {
        if cols.len() < 5 {
            return Err(bad(file, line, format!("expected 5 columns, found {}", cols.len())));
        }
        let roles = match cols.get(5) {
            Some(field) => forms(field).map(|r| parse_role(&r, is_country)).collect::<Result<Vec<_>, _>>(),
            None => Ok(Vec::new()),
        }
        .map_err(|m| bad(file, line, m))?;
        let entry = ActorEntry {
            name: cols[0].trim().to_string(),
            code: non_empty(cols[2]),
            country: non_empty(cols[3]),
            sector: non_empty(cols[4]),
            kind: ActorKind::Named,
            roles,
        };
        for form in forms(cols[1]) {
            out.push((form, entry.clone()));
        }
    }
    Ok(out)
}

/// `USAGOV 1993-01-20..2001-01-20`, `RUSGOV 2008-05-08..`, `USAELI ..1993-01-20` or `USAELI`.
pub(crate) fn parse_role(text: &str, is_country: &dyn Fn(&str) -> bool) -> Result<Role, String> {
    let mut parts = text.split_whitespace();
    let code = parts.next().ok_or("empty role")?.to_string();
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(range) => {
            let (a, b) = range.split_once("..").ok_or_else(|| format!("role {text:?}: dates must be FROM..TO"))?;
            let date = |s: &str| -> Result<Option<NaiveDate>, String> {
                if s.is_empty() {
                    return Ok(None);
                }
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| format!("role {text:?}: bad date {s:?}"))
            };
            (date(a)?, date(b)?)
        }
    };
    if parts.next().is_some() {
        return Err(format!("role {text:?}: expected CODE [FROM..TO]"));
    }
    let (country, sector) = code_parts(&code, is_country);
    Ok(Role { code, country, sector, from, to })
}

pub(crate) fn parse_simple<T: Clone>(
    source: &str,
    file: &str,
    value: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<(String, T)>, LexiconError> {
    let mut out = Vec::new();
    for (line, cols) in rows(source) {
        if cols.len() < 2 {
            return Err(bad(file, line, "expected 2 columns"));
        }
        let v = value(cols[1].trim()).map_err(|m| bad(file, line, m))?;
        for form in forms(cols[0]) {
            out.push((form, v.clone()));
        }
    }
    Ok(out)
}

pub(crate) fn parse_triggers(source: &str) -> Result<Vec<(String, TriggerEntry)>, LexiconError> {
    let mut out = Vec::new();
    for (line, cols) in rows(source) {
        if cols.len() < 8 {
            return Err(bad("triggers.tsv", line, format!("expected 8 columns, found {}", cols.len())));
        }
        let pos = match cols[1].trim() {
            "V" => TriggerPos::Verb,
            "N" => TriggerPos::Noun,
            other => return Err(bad("triggers.tsv", line, format!("pos must be V or N, not {other:?}"))),
        };
        let event_type = EventType::parse(cols[2])
            .ok_or_else(|| bad("triggers.tsv", line, format!("unknown PLOVER type {:?}", cols[2])))?;
        let acled = match (non_empty(cols[5]), non_empty(cols[6])) {
            (Some(event_type), Some(sub_event_type)) => Some(Acled { event_type, sub_event_type }),
            _ => None,
        };
        let priority = cols[7].trim().parse().map_err(|_| bad("triggers.tsv", line, "priority must be 0-255"))?;
        let entry = TriggerEntry {
            event_type,
            mode: non_empty(cols[3]),
            cameo: cols[4].trim().to_string(),
            acled,
            pos,
            priority,
            patterns: Vec::new(),
        };
        for form in forms(cols[0]) {
            out.push((form, entry.clone()));
        }
    }
    Ok(out)
}
