//! When: the time expression tied to the event, else the publication date (coarsely), else unresolved.

use std::sync::LazyLock;

use chrono::{Duration, NaiveDate};
use regex::Regex;
use sitrep_model::{DateBasis, DatePrecision, EventDate, Span};
use sitrep_time::{Granularity, Timex};

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A time right after a reporting verb dates the statement, not the event ("the army said on Sunday").
static STATEMENT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"(?i)\b(?:said|says|told|announced|reported|stated|added|confirmed|statement|briefing|tweeted)\b[^,.;]{0,40}$")
        .expect("valid statement pattern")
});

/// Clause boundaries a date does not reach across ("condemned strikes …, but they agreed in March").
static CLAUSE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::compile(r"(?i);|,\s*(?:but|while|whereas|although)\b|\s[–—]\s").expect("valid clause pattern"));

/// `timexes` are the sentence's, byte offsets into it; `span_of` converts a sentence byte range to a document span.
pub(crate) fn date_for(
    s: &str,
    timexes: &[Timex],
    trigger_start: usize,
    reference: Option<NaiveDate>,
    span_of: impl Fn(usize, usize) -> Span,
) -> EventDate {
    let nearest = timexes
        .iter()
        .filter(|t| t.anchor && !(t.start > trigger_start && STATEMENT_TIME.is_match(&s[..t.start])))
        .filter(|t| {
            let (lo, hi) = if t.start < trigger_start { (t.end, trigger_start) } else { (trigger_start, t.start) };
            !CLAUSE_BREAK.is_match(&s[lo.min(hi)..hi])
        })
        .min_by_key(|t| (t.start as i64 - trigger_start as i64).unsigned_abs());
    if let Some(t) = nearest {
        if let Some(r) = &t.resolved {
            let precision = match r.granularity {
                Granularity::Day => DatePrecision::Day,
                Granularity::Week => DatePrecision::Week,
                Granularity::Month => DatePrecision::Month,
                Granularity::Year => DatePrecision::Year,
            };
            let value = match r.granularity {
                Granularity::Week => day(r.start),
                _ => r.value.clone(),
            };
            return EventDate {
                value: Some(value),
                start: Some(day(r.start)),
                end: Some(day(r.end)),
                precision,
                basis: DateBasis::Text,
                text: Some(t.text.clone()),
                span: Some(span_of(t.start, t.end)),
            };
        }
    }
    // "since 1984": a cumulative statement, bounded but not a point
    if let Some(t) = timexes.iter().find(|t| !t.anchor && t.resolved.is_some() && t.text.to_lowercase().starts_with("since")) {
        let r = t.resolved.as_ref().expect("filtered on resolved");
        return EventDate {
            value: None,
            start: Some(day(r.start)),
            end: reference.map(day),
            precision: DatePrecision::Unresolved,
            basis: DateBasis::Text,
            text: Some(t.text.clone()),
            span: Some(span_of(t.start, t.end)),
        };
    }
    match reference {
        // News reports what happened in the days before it was published: say so, with a week's bounds.
        Some(r) => EventDate {
            value: Some(day(r)),
            start: Some(day(r - Duration::days(6))),
            end: Some(day(r)),
            precision: DatePrecision::Week,
            basis: DateBasis::Publication,
            text: None,
            span: None,
        },
        None => EventDate::unresolved(),
    }
}
