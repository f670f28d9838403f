//! When: the time expression tied to the event, else the publication date (coarsely), else unresolved.

use chrono::{Duration, NaiveDate};
use sitrep_model::{DateBasis, DatePrecision, EventDate, Span};
use sitrep_time::{Granularity, Timex};

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `timexes` are the sentence's, byte offsets into it; `span_of` converts a sentence byte range to a document span.
pub(crate) fn date_for(
    timexes: &[Timex],
    trigger_start: usize,
    reference: Option<NaiveDate>,
    span_of: impl Fn(usize, usize) -> Span,
) -> EventDate {
    let nearest = timexes
        .iter()
        .filter(|t| t.anchor)
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
