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
    /// PETRARCH verb patterns read from `--dictionaries` (empty for sitrep's own triggers): words, actor markers and
    /// synsets around the verb that give another CAMEO code and say who is source and target ("restore …
    /// diplomatic ties" → 064), in dictionary order.
    pub patterns: Vec<VerbPattern>,
    /// Read from a PETRARCH verb dictionary: coded the dictionary's way (its code, patterns and paired codes, no
    /// reading of "will"/"about to" as an intention) and only where the word is used as a verb.
    pub dictionary: Option<DictionaryVerb>,
}

/// What a PETRARCH verb dictionary says of a verb beyond its code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DictionaryVerb {
    /// The verb's own code is the null code `---`: only a matching pattern makes an event.
    pub null_coded: bool,
    /// The second half of a paired code `[031:032]`: what the target does to the source in return.
    pub reverse_cameo: Option<String>,
}

/// One element of a PETRARCH/TABARI verb pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternItem {
    /// A word or phrase, or a synset's members: alternatives, each a run of consecutive lower-case words.
    Words(Vec<Vec<String>>),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor ("A and B"): before the verb, its members act on one another.
    Compound,
    /// `^`: words skipped (a noun phrase the pattern does not care about).
    Skip,
}

/// A pattern element and whether `_` ties it to the next element (no words between them).
#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    pub item: PatternItem,
    pub joined: bool,
}

/// A PETRARCH/TABARI pattern `- PLAN_TO_* $ WITH + [201]`: elements before the verb (`*`), elements after it,
/// and the code. A space between elements allows words in between; `_` does not.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbPattern {
    /// In text order; the last one's `joined` says whether it must touch the verb.
    pub before: Vec<PatternElement>,
    /// `*_OUT`: the first element after the verb must touch it.
    pub verb_joined: bool,
    pub after: Vec<PatternElement>,
    /// None for the null code `[---]`: the pattern matches but makes no event.
    pub cameo: Option<String>,
    /// The second half of a paired code `[031:032]`.
    pub reverse_cameo: Option<String>,
}

/// Where a pattern matched: the word indexes of the actors its markers bound, and how much of it there was.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatternMatch {
    /// Index into the `actors` given to [`VerbPattern::match_at`].
    pub source: Option<usize>,
    pub target: Option<usize>,
    pub compound: Option<usize>,
    /// The compound was before the verb (its members act on one another) rather than after it (they are targets).
    pub compound_before: bool,
    /// Words and markers matched: the most specific pattern wins.
    pub weight: usize,
    /// Word ranges `[start, end)` the pattern's own words took ("swiss francs" in `* &CURRENCY`): no party there.
    pub literal: Vec<(usize, usize)>,
}

/// Words a pattern may skip over on the way to an actor it must touch ("with the Gondor main opposition").
const ARTICLES: &[&str] = &["the", "a", "an"];

/// How many words a `^` may stand for.
const MAX_SKIP: usize = 6;

impl TriggerEntry {
    /// The CAMEO code of this trigger given the lower-cased words after it: the code of the most specific pattern
    /// with nothing before the verb and no actor markers that matches, else the trigger's own.
    pub fn cameo_after(&self, words_after: &[&str]) -> &str {
        let mut words = vec!["*"];
        words.extend_from_slice(words_after);
        self.best_pattern(&words, (0, 1), &[])
            .and_then(|(p, _)| p.cameo.as_deref())
            .unwrap_or(self.cameo.as_str())
    }

    /// The most specific of this trigger's patterns that matches around the verb at word indexes `verb`
    /// (`[start, end)`) of the lower-cased `words`, with `actors` the word ranges of the actor mentions (in text
    /// order); ties go to the pattern written first.
    pub fn best_pattern(
        &self,
        words: &[&str],
        verb: (usize, usize),
        actors: &[(usize, usize)],
    ) -> Option<(&VerbPattern, PatternMatch)> {
        let mut best: Option<(&VerbPattern, PatternMatch)> = None;
        for p in &self.patterns {
            if let Some(m) = p.match_at(words, verb, actors) {
                if best.as_ref().is_none_or(|(_, b)| m.weight > b.weight) {
                    best = Some((p, m));
                }
            }
        }
        best
    }
}

impl VerbPattern {
    /// Matches this pattern around the verb at word indexes `verb` of `words` (lower case); `actors` are the word
    /// ranges of actor mentions, which `$`, `+` and `%` bind. The earliest match after the verb and the nearest
    /// before it are taken.
    pub fn match_at(&self, words: &[&str], verb: (usize, usize), actors: &[(usize, usize)]) -> Option<PatternMatch> {
        let mut m = PatternMatch::default();
        let before_touch = self.before.last().is_some_and(|e| e.joined);
        if !match_backward(&self.before, words, verb.0, before_touch, actors, &mut m) {
            return None;
        }
        if m.compound.is_some() {
            m.compound_before = true;
        }
        if !match_forward(&self.after, words, verb.1, self.verb_joined, actors, &mut m) {
            return None;
        }
        m.weight += self.before.len() + self.after.len();
        Some(m)
    }
}

fn bind(m: &mut PatternMatch, item: &PatternItem, actor: usize) {
    match item {
        PatternItem::Source => m.source = Some(actor),
        PatternItem::Target => m.target = Some(actor),
        PatternItem::Compound => m.compound = Some(actor),
        PatternItem::Words(_) | PatternItem::Skip => {}
    }
}

/// Matches `elements` in order from word `at` on; `touch`: the first must start at `at` (articles aside for an
/// actor). Backtracks over where each element is found.
fn match_forward(
    elements: &[PatternElement],
    words: &[&str],
    at: usize,
    touch: bool,
    actors: &[(usize, usize)],
    m: &mut PatternMatch,
) -> bool {
    let Some((first, rest)) = elements.split_first() else { return true };
    let last_start = if touch { at } else { words.len() };
    for p in at..=last_start.min(words.len()) {
        let saved = m.clone();
        let ends: Vec<(usize, usize)> = match &first.item {
            PatternItem::Words(alts) => alts
                .iter()
                .filter(|alt| !alt.is_empty() && words.get(p..p + alt.len()).is_some_and(|w| w.iter().zip(alt.iter()).all(|(a, b)| a == b)))
                .map(|alt| (p + alt.len(), alt.len()))
                .collect(),
            // a skipped phrase is an actor where there is one (TABARI's `^` skips a noun phrase), else some words
            PatternItem::Skip => actors
                .iter()
                .filter(|a| a.0 >= p && (!touch || a.0 == p))
                .min_by_key(|a| a.0)
                .map(|a| (a.1, 0))
                .into_iter()
                .chain((1..=MAX_SKIP).filter(|k| p + k <= words.len()).map(|k| (p + k, 0)))
                .collect(),
            marker => {
                // an actor starting here, or after an article when the marker must touch what precedes it
                let mut skip = p;
                while touch && skip < words.len() && ARTICLES.contains(&words[skip]) {
                    skip += 1;
                }
                match actors.iter().position(|a| a.0 == p || a.0 == skip) {
                    Some(i) => {
                        bind(m, marker, i);
                        vec![(actors[i].1, 1)]
                    }
                    None => Vec::new(),
                }
            }
        };
        for (end, weight) in ends {
            let before = m.clone();
            m.weight += weight;
            if matches!(first.item, PatternItem::Words(_)) {
                m.literal.push((end - weight, end));
            }
            if match_forward(rest, words, end, first.joined, actors, m) {
                return true;
            }
            *m = before;
        }
        *m = saved;
    }
    false
}

/// Matches `elements` backwards, the last one ending at word `at` (when `touch`) or before it; the nearest
/// placement first.
fn match_backward(
    elements: &[PatternElement],
    words: &[&str],
    at: usize,
    touch: bool,
    actors: &[(usize, usize)],
    m: &mut PatternMatch,
) -> bool {
    let Some((last, rest)) = elements.split_last() else { return true };
    let first_end = if touch { at } else { 0 };
    for p in (first_end..=at).rev() {
        let saved = m.clone();
        let starts: Vec<(usize, usize)> = match &last.item {
            PatternItem::Words(alts) => alts
                .iter()
                .filter(|alt| !alt.is_empty() && alt.len() <= p && words[p - alt.len()..p].iter().zip(alt.iter()).all(|(a, b)| a == b))
                .map(|alt| (p - alt.len(), alt.len()))
                .collect(),
            PatternItem::Skip => actors
                .iter()
                .filter(|a| a.1 <= p && (!touch || a.1 == p))
                .max_by_key(|a| a.1)
                .map(|a| (a.0, 0))
                .into_iter()
                .chain((1..=MAX_SKIP.min(p)).map(|k| (p - k, 0)))
                .collect(),
            marker => match actors.iter().position(|a| a.1 == p) {
                Some(i) => {
                    bind(m, marker, i);
                    vec![(actors[i].0, 1)]
                }
                None => Vec::new(),
            },
        };
        for (start, weight) in starts {
            let before = m.clone();
            m.weight += weight;
            if matches!(last.item, PatternItem::Words(_)) {
                m.literal.push((start, start + weight));
            }
            // the element before this one touches it when it is joined to it
            let touch_prev = rest.last().is_some_and(|e| e.joined);
            if match_backward(rest, words, start, touch_prev, actors, m) {
                return true;
            }
            *m = before;
        }
        *m = saved;
    }
    false
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
            dictionary: None,
        };
        for form in forms(cols[0]) {
            out.push((form, entry.clone()));
        }
    }
    Ok(out)
}
