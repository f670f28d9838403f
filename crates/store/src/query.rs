//! What a caller may ask the store for, and the checks that turn it into SQL with bound parameters.
//!
//! User text never becomes SQL text: [`EventQuery::validate`] checks every filter and the builder in
//! [`Filters::where_clause`] only emits fixed SQL fragments with numbered placeholders.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_model::EventType;

use crate::StoreError;

/// The filters of a query and the page wanted. All filters combine with AND.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventQuery {
    /// `YYYY-MM-DD`, inclusive: events whose date range ends on or after it.
    pub date_from: Option<String>,
    /// `YYYY-MM-DD`, inclusive: events whose date range starts on or before it.
    pub date_to: Option<String>,
    /// `[west, south, east, north]` in degrees; west > east crosses the antimeridian.
    pub bbox: Option<[f64; 4]>,
    /// ISO 3166-1 alpha-3 of the event location (any case).
    pub country: Option<String>,
    /// The location's first-level subdivision, case-insensitive exact match.
    pub admin1: Option<String>,
    /// An actor or recipient whose code, canonical name or text equals this (case-insensitive).
    pub actor: Option<String>,
    /// PLOVER type as in the record (`"ASSAULT"`, any case).
    pub event_type: Option<String>,
    /// Words that must all occur in the evidence sentence or the document title (any order, any case).
    pub text: Option<String>,
    pub min_confidence: Option<f64>,
    /// Default false: negated events are left out.
    pub include_negated: bool,
    /// Default false: hypothetical events are left out.
    pub include_hypothetical: bool,
    /// Page size; the store caps it at [`MAX_LIMIT`].
    pub limit: usize,
    pub offset: usize,
}

impl Default for EventQuery {
    fn default() -> Self {
        EventQuery {
            date_from: None,
            date_to: None,
            bbox: None,
            country: None,
            admin1: None,
            actor: None,
            event_type: None,
            text: None,
            min_confidence: None,
            include_negated: false,
            include_hypothetical: false,
            limit: 100,
            offset: 0,
        }
    }
}

/// One page of matching events, ordered by start date (undated first) then id, and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    pub total: u64,
    pub events: Vec<sitrep_model::Event>,
}

/// Histogram bucket width. Buckets are labelled by their first day: the day, the Monday of the ISO week, the first
/// of the month, the first of January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Day,
    Week,
    Month,
    Year,
}

/// The largest page the store returns.
pub const MAX_LIMIT: usize = 1000;
/// Longest accepted filter string, in bytes: longer is not a name or a search, it is an attack or a mistake.
const MAX_FILTER_BYTES: usize = 512;
/// Most words a text search may have.
const MAX_TERMS: usize = 16;
/// Offsets past this are refused (they would overflow the databases' signed 64-bit integers).
const MAX_OFFSET: usize = 1 << 40;

/// A checked query: normalised values ready to bind.
#[derive(Debug, Clone)]
pub(crate) struct Filters {
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub bbox: Option<[f64; 4]>,
    pub country: Option<String>,
    pub admin1_key: Option<String>,
    pub actor_key: Option<String>,
    pub event_type: Option<&'static str>,
    /// Lower-case words, joined by single spaces (see [`terms`]).
    pub text_terms: Option<String>,
    pub min_confidence: Option<f64>,
    pub include_negated: bool,
    pub include_hypothetical: bool,
    pub limit: usize,
    pub offset: usize,
    /// Set by the backend from the widest stored date range: no event starting before this day can reach
    /// `date_from`. The bound changes no result; it lets the date index be read from here instead of from the start.
    pub date_floor: Option<String>,
    /// SQLite schema 6 or later, set by the backend: the actor filter reads the one table of distinct actor keys
    /// (`actor_keys`), not the three indexes of `event_actors`.
    pub schema_6: bool,
}

fn invalid(msg: impl Into<String>) -> StoreError {
    StoreError::InvalidQuery(msg.into())
}

/// Rejects strings no real filter value looks like: too long, or holding control characters (NUL among them, which
/// PostgreSQL refuses in text).
fn check_text<'a>(field: &str, value: &'a Option<String>) -> Result<Option<&'a str>, StoreError> {
    let Some(v) = value else { return Ok(None) };
    if v.len() > MAX_FILTER_BYTES {
        return Err(invalid(format!("{field} is {} bytes long; the limit is {MAX_FILTER_BYTES}", v.len())));
    }
    if v.chars().any(char::is_control) {
        return Err(invalid(format!("{field} contains control characters")));
    }
    let v = v.trim();
    if v.is_empty() {
        return Err(invalid(format!("{field} is empty")));
    }
    Ok(Some(v))
}

fn check_date(field: &str, value: &Option<String>) -> Result<Option<String>, StoreError> {
    let Some(v) = check_text(field, value)? else { return Ok(None) };
    if v.len() != 10 || NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
        return Err(invalid(format!("{field} {v:?} is not a date in the form YYYY-MM-DD")));
    }
    Ok(Some(v.to_string()))
}

/// Case-folding used for every case-insensitive key, on both sides (stored and asked), so both backends agree.
pub(crate) fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The words of a text as the full-text index sees them: runs of letters and digits, lower-cased, joined by one
/// space. Stored text and search text go through this same function, so SQLite and PostgreSQL index and match
/// identical words, and a search string can hold no operator or quote.
pub(crate) fn terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The full-text token of a stored or asked country, `c` + the code lower-cased (the tokenizer folds case
/// anyway). Only for exactly three upper-case ASCII letters, the only values a checked query can ask for, so the
/// token matches exactly the rows `country = ?` matches; anything else stored gets no token.
pub(crate) fn country_token(country: &str) -> Option<String> {
    (country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase())).then(|| format!("c{}", country.to_ascii_lowercase()))
}

impl EventQuery {
    /// Checks every filter; the error names the filter and what is wrong with it.
    pub(crate) fn validate(&self) -> Result<Filters, StoreError> {
        let date_from = check_date("date_from", &self.date_from)?;
        let date_to = check_date("date_to", &self.date_to)?;
        if let (Some(f), Some(t)) = (&date_from, &date_to) {
            if f > t {
                return Err(invalid(format!("date_from {f} is after date_to {t}")));
            }
        }
        if let Some(b) = self.bbox {
            if b.iter().any(|v| !v.is_finite()) {
                return Err(invalid("bbox has a value that is not a finite number"));
            }
            let [w, s, e, n] = b;
            if !(-180.0..=180.0).contains(&w) || !(-180.0..=180.0).contains(&e) {
                return Err(invalid("bbox west and east must lie in [-180, 180]"));
            }
            if !(-90.0..=90.0).contains(&s) || !(-90.0..=90.0).contains(&n) {
                return Err(invalid("bbox south and north must lie in [-90, 90]"));
            }
            if s > n {
                return Err(invalid("bbox south is greater than north"));
            }
        }
        let country = match check_text("country", &self.country)? {
            Some(c) if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => Some(c.to_ascii_uppercase()),
            Some(c) => return Err(invalid(format!("country {c:?} is not an ISO 3166-1 alpha-3 code"))),
            None => None,
        };
        let admin1_key = check_text("admin1", &self.admin1)?.map(fold);
        let actor_key = check_text("actor", &self.actor)?.map(fold);
        let event_type = match check_text("event_type", &self.event_type)? {
            Some(t) => match EventType::parse(t) {
                Some(t) => Some(t.as_str()),
                None => return Err(invalid(format!("event_type {t:?} is not one of the 16 PLOVER types"))),
            },
            None => None,
        };
        let text_terms = match check_text("text", &self.text)? {
            Some(t) => {
                let words = terms(t);
                if words.is_empty() {
                    return Err(invalid(format!("text {t:?} has no words to search for")));
                }
                if words.split(' ').count() > MAX_TERMS {
                    return Err(invalid(format!("text has more than {MAX_TERMS} words")));
                }
                Some(words)
            }
            None => None,
        };
        if let Some(c) = self.min_confidence {
            if !c.is_finite() || !(0.0..=1.0).contains(&c) {
                return Err(invalid(format!("min_confidence {c} is not a number between 0 and 1")));
            }
        }
        if self.offset > MAX_OFFSET {
            return Err(invalid(format!("offset {} is too large", self.offset)));
        }
        Ok(Filters {
            date_from,
            date_to,
            bbox: self.bbox,
            country,
            admin1_key,
            actor_key,
            event_type,
            text_terms,
            min_confidence: self.min_confidence,
            include_negated: self.include_negated,
            include_hypothetical: self.include_hypothetical,
            limit: self.limit.min(MAX_LIMIT),
            offset: self.offset,
            date_floor: None,
            schema_6: false,
        })
    }
}

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Param {
    Text(String),
    Real(f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

// The filters a query may set, as bits for `Filters::only`.
const FILTER_DATES: u8 = 1;
const FILTER_BBOX: u8 = 1 << 1;
const FILTER_ADMIN1: u8 = 1 << 2;
const FILTER_ACTOR: u8 = 1 << 3;
const FILTER_TEXT: u8 = 1 << 4;
const FILTER_COUNTRY: u8 = 1 << 5;
const FILTER_TYPE: u8 = 1 << 6;
const FILTER_CONFIDENCE: u8 = 1 << 7;

impl Filters {
    /// The FTS5 MATCH expression: each word a quoted string in the `terms` column (implicit AND), the country
    /// token when a country is asked for, and the hidden flags allowed in the `flags` column. Words are letters and
    /// digits only (see [`terms`]) and a checked country is three letters, so the quotes can never be unbalanced
    /// and no operator can get in.
    fn fts_match(&self, words: &str) -> String {
        let words = words.split(' ').map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" ");
        // AND of the two lists inside the index: far cheaper than looking up the country of each text match
        let country = match self.country.as_deref().and_then(country_token) {
            Some(token) => format!(" AND flags : (\"{token}\")"),
            None => String::new(),
        };
        // NOT over the rare flags: their lists are short, where "h0" lists almost every event.
        let flags = match (self.include_negated, self.include_hypothetical) {
            (false, false) => " NOT flags : (\"h1\" OR \"h2\" OR \"h3\")",
            (true, false) => " NOT flags : (\"h2\" OR \"h3\")",
            (false, true) => " NOT flags : (\"h1\" OR \"h3\")",
            (true, true) => "",
        };
        format!("terms : ({words}){country}{flags}")
    }

    /// True when a filter other than text and actor can be answered from an index (then that index should lead).
    pub fn has_indexed_filter(&self) -> bool {
        self.country.is_some()
            || self.event_type.is_some()
            || self.admin1_key.is_some()
            || self.date_from.is_some()
            || self.date_to.is_some()
            || self.bbox.is_some()
    }

    /// Days between the date floor (or date_from) and date_to, when both ends are given.
    pub fn date_window_days(&self) -> Option<i64> {
        let from = self.date_floor.as_deref().or(self.date_from.as_deref())?;
        let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?;
        let to = NaiveDate::parse_from_str(self.date_to.as_deref()?, "%Y-%m-%d").ok()?;
        Some((to - from).num_days())
    }

    /// The hidden values (negated 1 + hypothetical 2) these filters let through.
    pub fn hidden_values(&self) -> Vec<u8> {
        (0u8..4)
            .filter(|h| (h & 1 == 0 || self.include_negated) && (h & 2 == 0 || self.include_hypothetical))
            .collect()
    }

    /// Which filters are set (`FILTER_*` bits): the count shortcuts below each answer only some combinations.
    fn set_filters(&self) -> u8 {
        [
            (FILTER_DATES, self.date_from.is_some() || self.date_to.is_some()),
            (FILTER_BBOX, self.bbox.is_some()),
            (FILTER_ADMIN1, self.admin1_key.is_some()),
            (FILTER_ACTOR, self.actor_key.is_some()),
            (FILTER_TEXT, self.text_terms.is_some()),
            (FILTER_COUNTRY, self.country.is_some()),
            (FILTER_TYPE, self.event_type.is_some()),
            (FILTER_CONFIDENCE, self.min_confidence.is_some()),
        ]
        .into_iter()
        .filter(|&(_, set)| set)
        .fold(0, |bits, (bit, _)| bits | bit)
    }

    /// True when no filter outside `allowed` is set.
    fn only(&self, allowed: u8) -> bool {
        self.set_filters() & !allowed == 0
    }

    /// When the only filter is none, one country or one type: the kept count to read instead of counting rows.
    pub fn counted_dimension(&self) -> Option<(&'static str, String)> {
        if !self.only(FILTER_COUNTRY | FILTER_TYPE) {
            return None;
        }
        match (&self.country, self.event_type) {
            (None, None) => Some(("all", String::new())),
            (Some(c), None) => Some(("country", c.clone())),
            (None, Some(t)) => Some(("type", t.to_string())),
            (Some(_), Some(_)) => None,
        }
    }

    /// When a minimum confidence in whole hundredths (0.8, not 0.85 and a bit) is the only filter: that many
    /// hundredths, so the count can sum the kept per-hundredth counts instead of counting rows.
    pub fn min_confidence_only_hundredths(&self) -> Option<i64> {
        let c = self.min_confidence.filter(|_| self.only(FILTER_CONFIDENCE))?;
        let k = (c * 100.0).round();
        // exactly the double `k / 100.0`, which is what the kept counts are cut at
        (k >= 0.0 && k <= 100.0 && k / 100.0 == c).then_some(k as i64)
    }

    /// The MATCH expression when text (with or without a country, which the full-text index also holds) is the
    /// only filter: the SQLite count then reads the full-text index alone.
    pub fn fts_only_match(&self) -> Option<String> {
        self.text_terms.as_deref().filter(|_| self.only(FILTER_TEXT | FILTER_COUNTRY)).map(|t| self.fts_match(t))
    }

    /// These filters with `date_floor` set from the widest stored date range.
    pub fn with_date_floor(&self, max_span_days: i64) -> Filters {
        let mut f = self.clone();
        f.date_floor = self.date_from.as_deref().and_then(|from| {
            let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?;
            let floor = from.checked_sub_signed(chrono::Duration::try_days(max_span_days.max(0))?)?;
            Some(floor.format("%Y-%m-%d").to_string())
        });
        f
    }

    /// SQLite: the events whose actor or recipient matches `key` (a placeholder) by code, name or text, as a
    /// UNION of three ranges of the actor indexes. The actor rows carry the event's hidden value and dates, so the
    /// hidden condition and `dates` (conditions over alias `a`) are checked inside the index, without reading
    /// events or actor rows, and the list holds only events that can match.
    /// Schema 6: one range of `actor_keys`, which holds each distinct key of an event once, so the list needs no
    /// UNION to be distinct.
    pub fn actor_seqs(&self, key: &str, dates: &str) -> String {
        let hidden = match (self.include_negated, self.include_hypothetical) {
            (false, false) => " AND a.hidden = 0",
            (true, false) => " AND a.hidden IN (0, 1)",
            (false, true) => " AND a.hidden IN (0, 2)",
            (true, true) => "",
        };
        if self.schema_6 {
            return format!("SELECT a.event_seq FROM actor_keys a WHERE a.key = {key}{hidden}{dates}");
        }
        ["code_key", "name_key", "text_key"]
            .iter()
            .map(|col| format!("SELECT a.event_seq FROM event_actors a WHERE a.{col} = {key}{hidden}{dates}"))
            .collect::<Vec<_>>()
            .join(" UNION ")
    }

    /// True when the actor and dates are the only filters: the actor rows alone answer the count.
    pub fn actor_and_dates_only(&self) -> bool {
        self.actor_key.is_some() && self.only(FILTER_ACTOR | FILTER_DATES)
    }

    /// SQLite, when [`Filters::actor_and_dates_only`]: the count of matching events read from the actor indexes
    /// alone, and its parameters.
    pub fn actor_count_sqlite(&self) -> (String, Vec<Param>) {
        let mut params = Vec::new();
        let mut dates = String::new();
        for (cond, value) in [
            ("a.date_end >=", &self.date_from),
            ("a.date_start >=", &self.date_floor),
            ("a.date_start <=", &self.date_to),
        ] {
            if let Some(v) = value {
                params.push(Param::Text(v.clone()));
                dates.push_str(&format!(" AND {cond} ?{}", params.len()));
            }
        }
        params.push(Param::Text(self.actor_key.clone().unwrap_or_default()));
        let key = format!("?{}", params.len());
        let sql = if self.schema_6 {
            // one index range, distinct by construction: count it directly
            self.actor_seqs(&key, &dates).replacen("SELECT a.event_seq", "SELECT count(*)", 1)
        } else {
            format!("SELECT count(*) FROM ({})", self.actor_seqs(&key, &dates))
        };
        (sql, params)
    }

    /// The WHERE clause (without the keyword; `1=1` when empty) over table alias `e`, and its parameters in
    /// placeholder order. Only fixed SQL is emitted; every value is a placeholder.
    pub fn where_clause(&self, dialect: Dialect) -> (String, Vec<Param>) {
        let mut parts: Vec<String> = Vec::new();
        let mut params: Vec<Param> = Vec::new();
        let bind = |p: Param, params: &mut Vec<Param>| -> String {
            params.push(p);
            match dialect {
                Dialect::Sqlite => format!("?{}", params.len()),
                Dialect::Postgres => format!("${}", params.len()),
            }
        };
        // Date ranges overlap the asked range: the event may have happened inside it. The same conditions over
        // the actor rows' copy of the dates (SQLite) cut the actor list to the date window inside its index.
        let mut actor_dates = String::new();
        if let Some(f) = &self.date_from {
            let p = bind(Param::Text(f.clone()), &mut params);
            parts.push(format!("e.date_end >= {p}"));
            actor_dates.push_str(&format!(" AND a.date_end >= {p}"));
        }
        if let Some(f) = &self.date_floor {
            let p = bind(Param::Text(f.clone()), &mut params);
            parts.push(format!("e.date_start >= {p}"));
            actor_dates.push_str(&format!(" AND a.date_start >= {p}"));
        }
        if let Some(t) = &self.date_to {
            let p = bind(Param::Text(t.clone()), &mut params);
            parts.push(format!("e.date_start <= {p}"));
            actor_dates.push_str(&format!(" AND a.date_start <= {p}"));
        }
        if let Some([w, s, east, n]) = self.bbox {
            let ps = bind(Param::Real(s), &mut params);
            let pn = bind(Param::Real(n), &mut params);
            parts.push(format!("e.lat BETWEEN {ps} AND {pn}"));
            if dialect == Dialect::Sqlite {
                // The place index (schema 6) is keyed by whole degrees of latitude (truncated), then insertion
                // order; truncation never decreases with the latitude, so this holds for every row in the box
                // and lets that index be read as a range.
                let (bs, bn) = (Param::Real(s.trunc()), Param::Real(n.trunc()));
                let (bs, bn) = (bind(bs, &mut params), bind(bn, &mut params));
                parts.push(format!("CAST(e.lat AS INTEGER) BETWEEN {bs} AND {bn}"));
            }
            let pw = bind(Param::Real(w), &mut params);
            let pe = bind(Param::Real(east), &mut params);
            if w <= east {
                parts.push(format!("e.lon BETWEEN {pw} AND {pe}"));
            } else {
                parts.push(format!("(e.lon >= {pw} OR e.lon <= {pe})"));
            }
        }
        if let Some(c) = &self.country {
            let p = bind(Param::Text(c.clone()), &mut params);
            parts.push(format!("e.country = {p}"));
        }
        if let Some(a) = &self.admin1_key {
            let p = bind(Param::Text(a.clone()), &mut params);
            parts.push(format!("e.admin1_key = {p}"));
        }
        if let Some(t) = self.event_type {
            let p = bind(Param::Text(t.to_string()), &mut params);
            parts.push(format!("e.event_type = {p}"));
        }
        if let Some(c) = self.min_confidence {
            let p = bind(Param::Real(c), &mut params);
            parts.push(format!("e.confidence >= {p}"));
        }
        if let Some(a) = &self.actor_key {
            let p = bind(Param::Text(a.clone()), &mut params);
            match dialect {
                Dialect::Sqlite => {
                    // with another indexed filter, that index leads and the actor list is a probe (see the text filter)
                    let outer = if self.has_indexed_filter() { "+e.seq" } else { "e.seq" };
                    parts.push(format!("{outer} IN ({})", self.actor_seqs(&p, &actor_dates)));
                }
                Dialect::Postgres => parts.push(format!(
                    "e.id IN (SELECT event_id FROM event_actors WHERE code_key = {p} OR name_key = {p} OR text_key = {p})"
                )),
            }
        }
        if let Some(t) = &self.text_terms {
            match dialect {
                Dialect::Sqlite => {
                    let p = bind(Param::Text(self.fts_match(t)), &mut params);
                    // With another indexed filter, `+` keeps SQLite from driving the query from the word list
                    // (a lookup per matching event) and makes the list a probe while that index is read.
                    let outer = if self.has_indexed_filter() { "+e.seq" } else { "e.seq" };
                    parts.push(format!("{outer} IN (SELECT rowid FROM events_fts WHERE events_fts MATCH {p})"));
                }
                Dialect::Postgres => {
                    // plainto_tsquery ANDs the words and ignores any operator characters.
                    let p = bind(Param::Text(t.clone()), &mut params);
                    parts.push(format!("e.tsv @@ plainto_tsquery('simple', {p})"));
                }
            }
        }
        // hidden: negated 1 + hypothetical 2; fixed SQL for each of the four choices.
        match (self.include_negated, self.include_hypothetical) {
            (false, false) => parts.push("e.hidden = 0".into()),
            (true, false) => parts.push("e.hidden IN (0, 1)".into()),
            (false, true) => parts.push("e.hidden IN (0, 2)".into()),
            (true, true) => {}
        }
        if parts.is_empty() {
            ("1=1".to_string(), params)
        } else {
            (parts.join(" AND "), params)
        }
    }
}

/// Folds per-day counts (oldest first) into buckets labelled by their first day.
pub(crate) fn bucketize(days: Vec<(String, u64)>, bucket: Bucket) -> Vec<(String, u64)> {
    use chrono::Datelike;
    let mut out: Vec<(String, u64)> = Vec::new();
    for (day, n) in days {
        let label = match NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            Ok(d) => match bucket {
                Bucket::Day => d,
                Bucket::Week => d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday())),
                Bucket::Month => d.with_day(1).unwrap_or(d),
                Bucket::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
            }
            .format("%Y-%m-%d")
            .to_string(),
            // a stored start that is not a full date cannot be placed; it keeps its own bucket
            Err(_) => day,
        };
        match out.last_mut() {
            Some((l, c)) if *l == label => *c += n,
            _ => out.push((label, n)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_keep_only_words_so_fts_operators_are_inert() {
        assert_eq!(terms("Killed\" OR x* NEAR(a b) -- ;DROP"), "killed or x near a b drop");
        assert_eq!(terms("al-Bab, Aleppo"), "al bab aleppo");
        assert_eq!(terms("!!! ***"), "");
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let days = vec![("2024-02-26".to_string(), 2), ("2024-03-03".to_string(), 1), ("2024-03-04".to_string(), 5)];
        assert_eq!(
            bucketize(days.clone(), Bucket::Week),
            vec![("2024-02-26".to_string(), 3), ("2024-03-04".to_string(), 5)]
        );
        assert_eq!(
            bucketize(days.clone(), Bucket::Month),
            vec![("2024-02-01".to_string(), 2), ("2024-03-01".to_string(), 6)]
        );
        assert_eq!(bucketize(days, Bucket::Year), vec![("2024-01-01".to_string(), 8)]);
    }

    #[test]
    fn bad_filters_are_named_in_the_error() {
        let bad = [
            EventQuery { date_from: Some("2024-13-01".into()), ..Default::default() },
            EventQuery { date_from: Some("2024-02-02".into()), date_to: Some("2024-02-01".into()), ..Default::default() },
            EventQuery { bbox: Some([f64::NAN, 0.0, 1.0, 1.0]), ..Default::default() },
            EventQuery { bbox: Some([0.0, 10.0, 1.0, 1.0]), ..Default::default() },
            EventQuery { bbox: Some([0.0, 0.0, f64::INFINITY, 1.0]), ..Default::default() },
            EventQuery { country: Some("SY'; DROP TABLE events;--".into()), ..Default::default() },
            EventQuery { event_type: Some("BOMBING".into()), ..Default::default() },
            EventQuery { text: Some("\"*()".into()), ..Default::default() },
            EventQuery { text: Some("x".repeat(10_000)), ..Default::default() },
            EventQuery { actor: Some("a\0b".into()), ..Default::default() },
            EventQuery { min_confidence: Some(f64::NAN), ..Default::default() },
            EventQuery { min_confidence: Some(1.5), ..Default::default() },
            EventQuery { offset: usize::MAX, ..Default::default() },
        ];
        for q in bad {
            assert!(matches!(q.validate(), Err(StoreError::InvalidQuery(_))), "{q:?} was accepted");
        }
        let ok = EventQuery { limit: 1_000_000, country: Some("syr".into()), ..Default::default() }.validate().unwrap();
        assert_eq!(ok.limit, MAX_LIMIT);
        assert_eq!(ok.country.as_deref(), Some("SYR"));
    }

    #[test]
    fn only_plain_upper_case_codes_get_a_country_token() {
        assert_eq!(country_token("SYR").as_deref(), Some("csyr"));
        assert_eq!(country_token("syr"), None);
        assert_eq!(country_token("SY"), None);
        assert_eq!(country_token("SÜR"), None);
        let f = EventQuery { text: Some("Air strike".into()), country: Some("syr".into()), ..Default::default() }
            .validate()
            .unwrap();
        assert_eq!(
            f.fts_only_match().as_deref(),
            Some("terms : (\"air\" \"strike\") AND flags : (\"csyr\") NOT flags : (\"h1\" OR \"h2\" OR \"h3\")")
        );
        let with_type = EventQuery { event_type: Some("ASSAULT".into()), ..f_query() }.validate().unwrap();
        assert_eq!(with_type.fts_only_match(), None);
    }

    fn f_query() -> EventQuery {
        EventQuery { text: Some("strike".into()), country: Some("SYR".into()), ..Default::default() }
    }

    #[test]
    fn where_clause_binds_values_never_inlines_them() {
        let f = EventQuery { actor: Some("x' OR 1=1 --".into()), country: Some("SYR".into()), ..Default::default() }
            .validate()
            .unwrap();
        let (sql, params) = f.where_clause(Dialect::Postgres);
        assert!(!sql.contains("OR 1=1"), "{sql}");
        assert!(sql.contains("$1") && sql.contains("$2"), "{sql}");
        assert_eq!(params.len(), 2);
    }
}
