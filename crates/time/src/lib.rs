//! Temporal expressions: find them in text and normalise them against a reference (publication) date.
//!
//! Absolute dates ("7 February 2018", "Feb. 7", "2018-02-07"), months and years ("In June 2017"), weekdays (the most
//! recent on or before the reference unless the sentence speaks of the future), relative days and periods
//! ("yesterday", "last week", "earlier this month", "three days ago"), durations and sets. Without a reference date a
//! relative expression stays unresolved: sitrep never guesses.
//!
//! ```
//! use chrono::NaiveDate;
//! use sitrep_time::{find_timexes, TimexKind};
//! let pub_date = NaiveDate::from_ymd_opt(2023, 11, 9);
//! let found = find_timexes("Warplanes struck Ariha on Tuesday.", pub_date);
//! assert_eq!(found[0].kind, TimexKind::Date);
//! assert_eq!(found[0].value.as_deref(), Some("2023-11-07"));
//! ```

mod recognizer;
mod resolve;

pub use recognizer::{find_timexes, Timex, TimexKind};
pub use resolve::{Granularity, Resolved};

/// Parses `YYYY-MM-DD` or an ISO datetime's date part.
pub fn parse_reference_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    let date_part = s.get(..10).unwrap_or(s);
    chrono::NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()
}
