//! Readers for the data files and the entry types they produce.

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
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub kind: ActorKind,
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

pub(crate) fn parse_actors(source: &str) -> Result<Vec<(String, ActorEntry)>, LexiconError> {
    let mut out = Vec::new();
    for (line, cols) in rows(source) {
        if cols.len() < 5 {
            return Err(bad("actors.tsv", line, format!("expected 5 columns, found {}", cols.len())));
        }
        let entry = ActorEntry {
            name: cols[0].trim().to_string(),
            code: non_empty(cols[2]),
            country: non_empty(cols[3]),
            sector: non_empty(cols[4]),
            kind: ActorKind::Named,
        };
        for form in forms(cols[1]) {
            out.push((form, entry.clone()));
        }
    }
    Ok(out)
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
        };
        for form in forms(cols[0]) {
            out.push((form, entry.clone()));
        }
    }
    Ok(out)
}
