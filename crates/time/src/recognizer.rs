//! The recogniser: regular patterns for date, duration and set expressions, tried in order of specificity, keeping
//! the longest non-overlapping matches.

use std::sync::LazyLock;

use chrono::{Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

use crate::resolve::{add_months, month_day_near, month_near, weekday_near, Resolved};

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// One temporal expression. `start..end` are byte offsets into the text searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TimexKind,
    /// TIMEX3 value (`2023-11-07`, `2017-06`, `P3D`), or `None` when it cannot be resolved without guessing.
    pub value: Option<String>,
    /// The calendar range of a resolved DATE.
    pub resolved: Option<Resolved>,
    /// Whether the expression can date an event: a resolved point, not "since 1984", not a dateline's date.
    pub anchor: bool,
}

const MONTH: &str = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)";
const WEEKDAY: &str = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const NUMBER: &str = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)";

type Handler = fn(&Captures, &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)>;

struct Context {
    reference: Option<NaiveDate>,
    future: bool,
}

static PATTERNS: LazyLock<Vec<(Regex, Handler)>> = LazyLock::new(|| {
    let p = |s: String| Regex::new(&format!(r"(?i)\b{s}\b")).expect("valid timex pattern");
    vec![
        (p(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})".into()), iso_date as Handler),
        (p(format!(r"{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?")), month_day),
        (p(format!(r"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+(?P<y>\d{{4}}))?")), month_day),
        (p(format!(r"{MONTH}\s+(?:of\s+)?(?P<y>\d{{4}})")), month_year),
        (
            p(format!(r"(?P<pre>in|during|since|early|late|mid-?|last|this|next|by|until|of|through)\s+(?:early\s+|late\s+|mid-?)?{MONTH}")),
            month_alone,
        ),
        (p(format!(r"(?:(?P<rel>last|next|this|early|late)\s+)?{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?")), weekday),
        (
            p(r"(?P<rel>today|yesterday|tomorrow|tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening|(?:earlier\s+|later\s+)?this\s+week|last\s+week|next\s+week|(?:earlier\s+|later\s+)?this\s+month|last\s+month|next\s+month|(?:earlier\s+|later\s+)?this\s+year|last\s+year|next\s+year)".into()),
            relative,
        ),
        (p(format!(r"{NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago")), ago),
        (
            p(format!(r"(?:for|over|within|the\s+past|the\s+last|the\s+next)\s+{NUMBER}\s+(?P<unit>hour|day|week|month|year)s?")),
            duration,
        ),
        (p(r"(?P<set>every\s+(?:day|week|month|year)|daily|weekly|monthly|annually)".into()), set),
        (p(r"(?P<pre>in|during|since|by|until|from|to|through|of|early|late|mid-?)\s+(?P<y>(?:19|20)\d{2})".into()), year),
        (p(r"(?P<y>(?:19|20)\d{2})".into()), bare_year),
    ]
});

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(will|shall|next|plans?\s+to|planned|scheduled|is\s+set\s+to|are\s+set\s+to|is\s+due|are\s+due|upcoming)\b")
        .expect("valid future pattern")
});
static DATELINE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\p{Lu}{2,}[\p{L} .'-]*(?:,\s*[\p{L} .'-]+)?,\s*$").expect("valid dateline pattern"));
static DATELINE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,?\s*(?:\d{4}\s*)?(?:\(|–|—|-{1,2}\s|/)").expect("valid dateline pattern"));

/// Finds temporal expressions in `text` (a sentence or a document), resolving them against `reference`.
pub fn find_timexes(text: &str, reference: Option<NaiveDate>) -> Vec<Timex> {
    let ctx = Context { reference, future: FUTURE.is_match(text) };
    let mut found: Vec<Timex> = Vec::new();
    for (regex, handler) in PATTERNS.iter() {
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always exists");
            if found.iter().any(|t| t.start < whole.end() && whole.start() < t.end) {
                continue;
            }
            // a number glued to currency or separators is an amount, not a year ("$2,020", "1.2019")
            if text[..whole.start()].ends_with(['$', ',', '.', '£', '€']) {
                continue;
            }
            let Some((kind, resolved, value)) = handler(&caps, &ctx) else { continue };
            let (start, end) = (whole.start(), whole.end());
            let since = caps.name("pre").is_some_and(|p| {
                matches!(p.as_str().to_ascii_lowercase().as_str(), "since" | "by" | "until" | "through")
            });
            let dateline = start < 80
                && DATELINE_BEFORE.is_match(&text[..start])
                && DATELINE_AFTER.is_match(&text[end..]);
            let value = value.or_else(|| resolved.as_ref().map(|r| r.value.clone()));
            found.push(Timex {
                start,
                end,
                text: whole.as_str().to_string(),
                kind,
                anchor: kind == TimexKind::Date && resolved.is_some() && !since && !dateline,
                value,
                resolved,
            });
        }
    }
    found.sort_by_key(|t| t.start);
    found
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| n.starts_with(m)).map(|i| i as u32 + 1)
}

fn number(caps: &Captures) -> Option<i64> {
    let n = caps.name("n")?.as_str().to_ascii_lowercase();
    Some(match n.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" | "a few" | "several" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        digits => digits.parse().ok()?,
    })
}

fn year_of(caps: &Captures) -> Option<i32> {
    caps.name("y")?.as_str().parse().ok()
}

fn iso_date(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let d = NaiveDate::from_ymd_opt(year_of(caps)?, caps["m"].parse().ok()?, caps["d"].parse().ok()?)?;
    Some((TimexKind::Date, Some(Resolved::day(d)), None))
}

fn month_day(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let month_word = &caps["month"];
    let month = month_number(month_word)?;
    let day: u32 = caps["d"].parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    // "may 3" in running text is usually the month only when capitalised
    if month_word.eq_ignore_ascii_case("may") && month_word == "may" {
        return None;
    }
    let date = match year_of(caps) {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day),
        None => ctx.reference.and_then(|r| month_day_near(r, month, day, ctx.future)),
    };
    Some((TimexKind::Date, date.map(Resolved::day), if date.is_none() { Some(format!("XXXX-{month:02}-{day:02}")) } else { None }))
}

fn month_year(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let month = month_number(&caps["month"])?;
    Some((TimexKind::Date, Some(Resolved::month(year_of(caps)?, month)?), None))
}

fn month_alone(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let word = &caps["month"];
    if word.ends_with('.') || word.len() <= 3 && !word.eq_ignore_ascii_case("may") {
        return None; // "in Jan" alone is too ambiguous to be worth the risk
    }
    if word == "may" || word == "march" {
        return None; // lower-case "may"/"march" are a verb far more often
    }
    let month = month_number(word)?;
    let pre = caps["pre"].to_ascii_lowercase();
    let resolved = ctx.reference.and_then(|r| match pre.as_str() {
        "last" => Some(month_near(r, month, false)).flatten().map(|m| {
            if m.start.format("%Y-%m").to_string() == r.format("%Y-%m").to_string() {
                Resolved::month(m.start.year_prev(), month).unwrap_or(m)
            } else {
                m
            }
        }),
        "next" => month_near(r, month, true),
        _ => month_near(r, month, ctx.future),
    });
    Some((TimexKind::Date, resolved, Some(format!("XXXX-{month:02}")).filter(|_| ctx.reference.is_none())))
}

trait YearPrev {
    fn year_prev(&self) -> i32;
}
impl YearPrev for NaiveDate {
    fn year_prev(&self) -> i32 {
        chrono::Datelike::year(self) - 1
    }
}

fn weekday(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let wd: Weekday = caps["weekday"].parse().ok()?;
    let rel = caps.name("rel").map(|m| m.as_str().to_ascii_lowercase());
    let future = match rel.as_deref() {
        Some("next") => true,
        Some("last") => false,
        _ => ctx.future,
    };
    let resolved = ctx.reference.map(|r| {
        let mut d = weekday_near(r, wd, future);
        if rel.as_deref() == Some("last") && d == r {
            d -= Duration::days(7);
        }
        Resolved::day(d)
    });
    Some((TimexKind::Date, resolved, None))
}

fn relative(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let rel = caps["rel"].to_ascii_lowercase();
    let rel = rel.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(r) = ctx.reference else {
        let value = if rel == "today" { Some("PRESENT_REF".to_string()) } else { None };
        return Some((TimexKind::Date, None, value));
    };
    let earlier = rel.starts_with("earlier");
    let resolved = match rel.trim_start_matches("earlier ").trim_start_matches("later ") {
        "today" | "tonight" | "this morning" | "this afternoon" | "this evening" => Resolved::day(r),
        "yesterday" | "last night" => Resolved::day(r - Duration::days(1)),
        "tomorrow" => Resolved::day(r + Duration::days(1)),
        "this week" => Resolved::week_of(r),
        "last week" => Resolved::week_of(r - Duration::days(7)),
        "next week" => Resolved::week_of(r + Duration::days(7)),
        "this month" => Resolved::month(chrono::Datelike::year(&r), chrono::Datelike::month(&r))?,
        "last month" => {
            let (y, m) = add_months(r, -1)?;
            Resolved::month(y, m)?
        }
        "next month" => {
            let (y, m) = add_months(r, 1)?;
            Resolved::month(y, m)?
        }
        "this year" => Resolved::year(chrono::Datelike::year(&r))?,
        "last year" => Resolved::year(chrono::Datelike::year(&r) - 1)?,
        "next year" => Resolved::year(chrono::Datelike::year(&r) + 1)?,
        _ => return None,
    };
    let resolved = if earlier { resolved.until(r) } else { resolved };
    Some((TimexKind::Date, Some(resolved), None))
}

fn ago(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let n = number(caps)?;
    let unit = caps["unit"].to_ascii_lowercase();
    let resolved = ctx.reference.and_then(|r| match unit.as_str() {
        "day" => Some(Resolved::day(r - Duration::days(n))),
        "week" => Some(Resolved::week_of(r - Duration::days(7 * n))),
        "month" => add_months(r, -(n as i32)).and_then(|(y, m)| Resolved::month(y, m)),
        "year" => Resolved::year(chrono::Datelike::year(&r) - n as i32),
        _ => None,
    });
    Some((TimexKind::Date, resolved, None))
}

fn duration(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let n = number(caps)?;
    let unit = match caps["unit"].to_ascii_lowercase().as_str() {
        "hour" => "TH",
        "day" => "D",
        "week" => "W",
        "month" => "M",
        _ => "Y",
    };
    let value = if unit == "TH" { format!("PT{n}H") } else { format!("P{n}{unit}") };
    Some((TimexKind::Duration, None, Some(value)))
}

fn set(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let s = caps["set"].to_ascii_lowercase();
    let value = if s.contains("day") || s == "daily" {
        "P1D"
    } else if s.contains("week") {
        "P1W"
    } else if s.contains("month") {
        "P1M"
    } else {
        "P1Y"
    };
    Some((TimexKind::Set, None, Some(value.to_string())))
}

fn year(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Date, Some(Resolved::year(year_of(caps)?)?), None))
}

fn bare_year(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Date, Some(Resolved::year(year_of(caps)?)?), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, reference: &str) -> Vec<(String, Option<String>, bool)> {
        let r = crate::parse_reference_date(reference);
        find_timexes(text, r).into_iter().map(|t| (t.text, t.value, t.anchor)).collect()
    }

    #[test]
    fn absolute_forms() {
        let v = values("on 7 February 2018, on Feb. 7, 2018 and on 2018-02-07", "2019-01-01");
        assert!(v.iter().all(|(_, val, _)| val.as_deref() == Some("2018-02-07")), "{v:?}");
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn month_and_year_gives_a_month() {
        let v = values("In June 2017, a similar strike near Sinjar killed 12 people.", "2024-08-12");
        assert_eq!(v, [("June 2017".to_string(), Some("2017-06".to_string()), true)]);
    }

    #[test]
    fn month_day_takes_the_reference_year_and_never_runs_past_it() {
        assert_eq!(values("arrested on March 3", "2023-03-06")[0].1.as_deref(), Some("2023-03-03"));
        assert_eq!(values("on Dec. 28 the", "2024-01-05")[0].1.as_deref(), Some("2023-12-28"));
    }

    #[test]
    fn weekday_follows_the_tense() {
        assert_eq!(values("struck the town on Tuesday", "2023-11-09")[0].1.as_deref(), Some("2023-11-07"));
        assert_eq!(values("talks will resume on Tuesday", "2023-11-09")[0].1.as_deref(), Some("2023-11-14"));
    }

    #[test]
    fn relative_periods() {
        assert_eq!(values("yesterday", "2023-03-06")[0].1.as_deref(), Some("2023-03-05"));
        assert_eq!(values("last week", "2024-08-12")[0].1.as_deref(), Some("2024-W32"));
        assert_eq!(values("earlier this month", "2024-08-12")[0].1.as_deref(), Some("2024-08"));
        assert_eq!(values("three days ago", "2024-08-12")[0].1.as_deref(), Some("2024-08-09"));
    }

    #[test]
    fn relative_without_reference_stays_unresolved() {
        let v = values("on Tuesday", "");
        assert_eq!(v, [("Tuesday".to_string(), None, false)]);
    }

    #[test]
    fn datelines_and_since_do_not_date_events() {
        let v = values("BEIRUT, Nov 9 (Meridian) – Jets struck on Tuesday in a war going on since 2011.", "2023-11-09");
        let anchors: Vec<_> = v.iter().filter(|t| t.2).map(|t| t.0.as_str()).collect();
        assert_eq!(anchors, ["Tuesday"]);
    }

    #[test]
    fn durations_and_sets_are_kept_apart() {
        let r = crate::parse_reference_date("2024-01-01");
        let t = find_timexes("fighting for three days, shelling daily", r);
        assert_eq!(t[0].kind, TimexKind::Duration);
        assert_eq!(t[0].value.as_deref(), Some("P3D"));
        assert_eq!(t[1].kind, TimexKind::Set);
    }
}
