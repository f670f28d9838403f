//! Strict parsing of the query string into an [`EventQuery`]: every parameter is checked for form, range and length,
//! unknown or repeated parameters are refused, and nothing reaches the store that the store would have to distrust.

use sitrep_model::EventType;
use sitrep_store::{Bucket, EventQuery};

use crate::api_error::ApiError;

/// Longest query string accepted (bytes, still percent-encoded); longer ones get 414.
pub const MAX_QUERY_BYTES: usize = 2048;
/// Largest page.
pub const MAX_LIMIT: usize = 1000;
/// Page size when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 100;
/// Deepest page start: deeper offsets make the database skip too many rows for one request.
pub const MAX_OFFSET: usize = 1_000_000;
/// Longest free-text value (`q`, `actor`, `admin1`), in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// The filter parameters shared by `/api/events` and `/api/histogram`.
pub const FILTER_PARAMS: [&str; 10] =
    ["from", "to", "bbox", "country", "admin1", "actor", "type", "q", "min_confidence", "include"];

/// Which endpoint's parameter set applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamSet {
    /// Filters plus `limit` and `offset`.
    Events,
    /// Filters plus `bucket`.
    Histogram,
}

impl ParamSet {
    fn allows(&self, name: &str) -> bool {
        FILTER_PARAMS.contains(&name)
            || match self {
                ParamSet::Events => name == "limit" || name == "offset",
                ParamSet::Histogram => name == "bucket",
            }
    }

    fn names(&self) -> String {
        let mut names: Vec<&str> = FILTER_PARAMS.to_vec();
        match self {
            ParamSet::Events => names.extend(["limit", "offset"]),
            ParamSet::Histogram => names.push("bucket"),
        }
        names.join(", ")
    }
}

/// A parsed request: the store query, and the histogram bucket when asked for one.
pub struct ParsedQuery {
    pub query: EventQuery,
    pub bucket: Bucket,
}

/// Parses a raw (percent-encoded) query string for the given endpoint.
pub fn parse_query(raw: Option<&str>, set: ParamSet) -> Result<ParsedQuery, ApiError> {
    let raw = raw.unwrap_or("");
    if raw.len() > MAX_QUERY_BYTES {
        return Err(ApiError::uri_too_long(format!("query string longer than {MAX_QUERY_BYTES} bytes")));
    }
    let mut query = EventQuery { limit: DEFAULT_LIMIT, ..EventQuery::default() };
    let mut bucket = Bucket::Day;
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        if name.is_empty() && value.is_empty() {
            continue; // "a=1&&b=2"
        }
        if !set.allows(&name) {
            return Err(ApiError::bad_request(format!(
                "unknown parameter {:?}; expected one of: {}",
                truncate(&name),
                set.names()
            )));
        }
        if seen.iter().any(|s| *s == name) {
            return Err(ApiError::bad_request(format!("parameter {name:?} given more than once")));
        }
        seen.push(name.to_string());
        if value.chars().count() > MAX_TEXT_CHARS {
            return Err(ApiError::bad_request(format!("parameter {name:?} is longer than {MAX_TEXT_CHARS} characters")));
        }
        if value.chars().any(char::is_control) {
            return Err(ApiError::bad_request(format!("parameter {name:?} contains control characters")));
        }
        let value = value.trim();
        match name.as_ref() {
            "from" => query.date_from = Some(date(&name, value)?),
            "to" => query.date_to = Some(date(&name, value)?),
            "bbox" => query.bbox = Some(bbox(value)?),
            "country" => query.country = Some(country(value)?),
            "admin1" => query.admin1 = Some(text(&name, value)?),
            "actor" => query.actor = Some(text(&name, value)?),
            "q" => query.text = Some(text(&name, value)?),
            "type" => {
                let t = EventType::parse(value).ok_or_else(|| {
                    let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
                    ApiError::bad_request(format!("type {:?} is not a PLOVER type ({})", truncate(value), all.join(", ")))
                })?;
                query.event_type = Some(t.as_str().to_string());
            }
            "min_confidence" => {
                let c: f64 = number(&name, value)?;
                if !(0.0..=1.0).contains(&c) {
                    return Err(ApiError::bad_request("min_confidence must be between 0 and 1"));
                }
                query.min_confidence = Some(c);
            }
            "include" => {
                for flag in value.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    match flag {
                        "negated" => query.include_negated = true,
                        "hypothetical" => query.include_hypothetical = true,
                        other => {
                            return Err(ApiError::bad_request(format!(
                                "include: {:?} is not one of negated, hypothetical",
                                truncate(other)
                            )))
                        }
                    }
                }
            }
            "limit" => {
                let n = integer(&name, value)?;
                if n == 0 || n > MAX_LIMIT {
                    return Err(ApiError::bad_request(format!("limit must be between 1 and {MAX_LIMIT}")));
                }
                query.limit = n;
            }
            "offset" => {
                let n = integer(&name, value)?;
                if n > MAX_OFFSET {
                    return Err(ApiError::bad_request(format!("offset must be at most {MAX_OFFSET}")));
                }
                query.offset = n;
            }
            "bucket" => {
                bucket = match value {
                    "day" => Bucket::Day,
                    "week" => Bucket::Week,
                    "month" => Bucket::Month,
                    "year" => Bucket::Year,
                    other => {
                        return Err(ApiError::bad_request(format!(
                            "bucket {:?} is not one of day, week, month, year",
                            truncate(other)
                        )))
                    }
                }
            }
            _ => unreachable!("allows() admitted only the names matched above"),
        }
    }
    if let (Some(from), Some(to)) = (&query.date_from, &query.date_to) {
        // ISO dates compare as strings
        if from > to {
            return Err(ApiError::bad_request(format!("from {from} is after to {to}")));
        }
    }
    Ok(ParsedQuery { query, bucket })
}

/// Error messages quote at most this much of what the client sent.
fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

fn text(name: &str, value: &str) -> Result<String, ApiError> {
    if value.is_empty() {
        return Err(ApiError::bad_request(format!("parameter {name:?} is empty")));
    }
    Ok(value.to_string())
}

fn integer(name: &str, value: &str) -> Result<usize, ApiError> {
    // only plain digits: no sign, no exponent, no leading "+", at most 9 of them
    if value.is_empty() || value.len() > 9 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::bad_request(format!("{name} must be a non-negative integer, got {:?}", truncate(value))));
    }
    value.parse().map_err(|_| ApiError::bad_request(format!("{name} must be a non-negative integer")))
}

fn number(name: &str, value: &str) -> Result<f64, ApiError> {
    // Rust's parser accepts "NaN", "inf" and "infinity": refuse anything but finite decimals
    let looks_decimal = !value.is_empty()
        && value.len() <= 32
        && value.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    match value.parse::<f64>() {
        Ok(v) if looks_decimal && v.is_finite() => Ok(v),
        _ => Err(ApiError::bad_request(format!("{name} must be a finite number, got {:?}", truncate(value)))),
    }
}

/// `YYYY-MM-DD`, a real calendar day.
fn date(name: &str, value: &str) -> Result<String, ApiError> {
    let bad = || ApiError::bad_request(format!("{name} must be a date YYYY-MM-DD, got {:?}", truncate(value)));
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = value.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days {
        return Err(bad());
    }
    Ok(value.to_string())
}

/// `W,S,E,N` in degrees, finite, in range, south not above north; west > east crosses the antimeridian.
fn bbox(value: &str) -> Result<[f64; 4], ApiError> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    if parts.len() != 4 {
        return Err(ApiError::bad_request("bbox must be four numbers W,S,E,N"));
    }
    let mut b = [0.0; 4];
    for (slot, part) in b.iter_mut().zip(&parts) {
        *slot = number("bbox", part)?;
    }
    let [w, s, e, n] = b;
    if !(-180.0..=180.0).contains(&w) || !(-180.0..=180.0).contains(&e) {
        return Err(ApiError::bad_request("bbox longitudes must be between -180 and 180"));
    }
    if !(-90.0..=90.0).contains(&s) || !(-90.0..=90.0).contains(&n) {
        return Err(ApiError::bad_request("bbox latitudes must be between -90 and 90"));
    }
    if s > n {
        return Err(ApiError::bad_request("bbox south is above north"));
    }
    Ok(b)
}

/// ISO 3166-1 alpha-3, upper-cased.
fn country(value: &str) -> Result<String, ApiError> {
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(ApiError::bad_request(format!("country must be an ISO 3166-1 alpha-3 code, got {:?}", truncate(value))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(q: &str) -> Result<EventQuery, ApiError> {
        parse_query(Some(q), ParamSet::Events).map(|p| p.query)
    }

    #[test]
    fn every_filter_reaches_the_query() {
        let q = events(
            "from=2024-02-01&to=2024-02-29&bbox=30,10,45.5,40&country=syr&admin1=Idlib&actor=Russia&type=assault\
             &q=market%20strike&min_confidence=0.5&include=negated,hypothetical&limit=20&offset=40",
        )
        .unwrap();
        assert_eq!(q.date_from.as_deref(), Some("2024-02-01"));
        assert_eq!(q.date_to.as_deref(), Some("2024-02-29"));
        assert_eq!(q.bbox, Some([30.0, 10.0, 45.5, 40.0]));
        assert_eq!(q.country.as_deref(), Some("SYR"));
        assert_eq!(q.admin1.as_deref(), Some("Idlib"));
        assert_eq!(q.actor.as_deref(), Some("Russia"));
        assert_eq!(q.event_type.as_deref(), Some("ASSAULT"));
        assert_eq!(q.text.as_deref(), Some("market strike"));
        assert_eq!(q.min_confidence, Some(0.5));
        assert!(q.include_negated && q.include_hypothetical);
        assert_eq!((q.limit, q.offset), (20, 40));
    }

    #[test]
    fn defaults_leave_unasserted_events_out() {
        let q = events("").unwrap();
        assert_eq!(q.limit, DEFAULT_LIMIT);
        assert!(!q.include_negated && !q.include_hypothetical);
    }

    #[test]
    fn hostile_values_are_refused() {
        for bad in [
            "bbox=NaN,0,1,1",
            "bbox=inf,0,1,1",
            "bbox=0,0,1",
            "bbox=0,0,1,1,2",
            "bbox=0x10,0,1,1",
            "bbox=0,50,1,40",
            "bbox=0,0,200,1",
            "min_confidence=NaN",
            "min_confidence=1.5",
            "limit=0",
            "limit=1001",
            "limit=-1",
            "limit=1e3",
            "limit=99999999999999999999",
            "offset=2000000",
            "from=2024-02-30",
            "from=2024-13-01",
            "from=24-01-01",
            "from=2024-02-01'%20OR%201=1--",
            "from=2024-03-01&to=2024-02-01",
            "country=SY",
            "country=S%27R",
            "type=ATTACK",
            "include=everything",
            "q=%00",
            "actor=",
            "limit=1&limit=2",
            "sort=date",
        ] {
            assert!(events(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn overlong_values_and_query_strings_are_refused() {
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(events(&format!("q={long}")).unwrap_err().status.as_u16(), 400);
        let huge = format!("q={}", "a".repeat(MAX_QUERY_BYTES));
        assert_eq!(events(&huge).unwrap_err().status.as_u16(), 414);
    }

    #[test]
    fn sql_metacharacters_are_plain_text() {
        let q = events("q=%27%3B%20DROP%20TABLE%20events%3B--&actor=%25").unwrap();
        assert_eq!(q.text.as_deref(), Some("'; DROP TABLE events;--"));
        assert_eq!(q.actor.as_deref(), Some("%"));
    }

    #[test]
    fn parameter_sets_differ_by_endpoint() {
        assert!(parse_query(Some("bucket=week"), ParamSet::Events).is_err());
        assert!(parse_query(Some("limit=5"), ParamSet::Histogram).is_err());
        let p = parse_query(Some("bucket=month&type=PROTEST"), ParamSet::Histogram).unwrap();
        assert!(matches!(p.bucket, Bucket::Month));
        assert!(parse_query(Some("bucket=hour"), ParamSet::Histogram).is_err());
    }

    #[test]
    fn leap_days_are_dates() {
        assert!(events("from=2024-02-29").is_ok());
        assert!(events("from=2023-02-29").is_err());
        assert!(events("from=2000-02-29").is_ok());
        assert!(events("from=1900-02-29").is_err());
    }
}
