//! Turning recognised pieces (a day, a month, a weekday, an offset) into calendar values and day ranges.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// How fine a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

/// A date expression resolved to a calendar value and the days bounding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// TIMEX3-style value: `2023-11-07`, `2024-W32`, `2017-06`, `2017`.
    pub value: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub granularity: Granularity,
}

impl Resolved {
    pub fn day(d: NaiveDate) -> Self {
        Resolved { value: d.format("%Y-%m-%d").to_string(), start: d, end: d, granularity: Granularity::Day }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, month + 1, 1)? };
        Some(Resolved {
            value: format!("{year:04}-{month:02}"),
            start,
            end: next - Duration::days(1),
            granularity: Granularity::Month,
        })
    }

    pub fn year(year: i32) -> Option<Self> {
        Some(Resolved {
            value: format!("{year:04}"),
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            granularity: Granularity::Year,
        })
    }

    /// The ISO week containing `d`.
    pub fn week_of(d: NaiveDate) -> Self {
        let start = d - Duration::days(d.weekday().num_days_from_monday() as i64);
        let iso = d.iso_week();
        Resolved {
            value: format!("{:04}-W{:02}", iso.year(), iso.week()),
            start,
            end: start + Duration::days(6),
            granularity: Granularity::Week,
        }
    }

    /// Cuts the range so it does not run past `limit` (for "earlier this month": up to the reference day).
    pub fn until(mut self, limit: NaiveDate) -> Self {
        if self.end > limit && self.start <= limit {
            self.end = limit;
        }
        self
    }
}

/// The most recent `weekday` on or before `reference`, or the next one after it when `future`.
pub fn weekday_near(reference: NaiveDate, weekday: Weekday, future: bool) -> NaiveDate {
    let r = reference.weekday().num_days_from_monday() as i64;
    let w = weekday.num_days_from_monday() as i64;
    if future {
        let ahead = (w - r).rem_euclid(7);
        reference + Duration::days(if ahead == 0 { 7 } else { ahead })
    } else {
        reference - Duration::days((r - w).rem_euclid(7))
    }
}

/// A month and day without a year: the reference year's, unless that lies more than half a year from the reference in
/// the direction the tense rules out (a past-tense "December 28" read on January 5 is last year's; a future-tense
/// "January 5" read on December 28 is next year's).
pub fn month_day_near(reference: NaiveDate, month: u32, day: u32, future: bool) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(reference.year(), month, day)?;
    let half_year = Duration::days(183);
    if !future && this_year > reference + half_year {
        NaiveDate::from_ymd_opt(reference.year() - 1, month, day)
    } else if future && this_year < reference - half_year {
        NaiveDate::from_ymd_opt(reference.year() + 1, month, day)
    } else {
        Some(this_year)
    }
}

/// A month without a year: the reference year's, unless more than half a year away in the direction the tense rules
/// out (the same rule as [`month_day_near`]).
pub fn month_near(reference: NaiveDate, month: u32, future: bool) -> Option<Resolved> {
    let ahead = month as i32 - reference.month() as i32;
    let year = if !future && ahead > 6 {
        reference.year() - 1
    } else if future && ahead < -6 {
        reference.year() + 1
    } else {
        reference.year()
    };
    Resolved::month(year, month)
}

pub fn add_months(d: NaiveDate, months: i32) -> Option<(i32, u32)> {
    let total = d.year() * 12 + d.month0() as i32 + months;
    Some((total.div_euclid(12), (total.rem_euclid(12) + 1) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekday_is_the_most_recent_on_or_before_the_reference() {
        // 2023-11-09 is a Thursday
        assert_eq!(weekday_near(ymd(2023, 11, 9), Weekday::Tue, false), ymd(2023, 11, 7));
        assert_eq!(weekday_near(ymd(2023, 11, 9), Weekday::Thu, false), ymd(2023, 11, 9));
        assert_eq!(weekday_near(ymd(2023, 11, 9), Weekday::Fri, false), ymd(2023, 11, 3));
        assert_eq!(weekday_near(ymd(2023, 11, 9), Weekday::Fri, true), ymd(2023, 11, 10));
    }

    #[test]
    fn month_day_without_year_does_not_jump_past_the_reference() {
        assert_eq!(month_day_near(ymd(2024, 1, 5), 12, 28, false), Some(ymd(2023, 12, 28)));
        assert_eq!(month_day_near(ymd(2023, 3, 6), 3, 3, false), Some(ymd(2023, 3, 3)));
        // an upcoming date a few days after publication keeps the publication year
        assert_eq!(month_day_near(ymd(2009, 5, 28), 6, 3, false), Some(ymd(2009, 6, 3)));
        assert_eq!(month_day_near(ymd(2023, 12, 28), 1, 5, true), Some(ymd(2024, 1, 5)));
    }

    #[test]
    fn week_values_are_iso_weeks() {
        let w = Resolved::week_of(ymd(2024, 8, 5));
        assert_eq!(w.value, "2024-W32");
        assert_eq!((w.start, w.end), (ymd(2024, 8, 5), ymd(2024, 8, 11)));
    }
}
