//! The recogniser: regular patterns for date, duration and set expressions, tried in order of specificity, keeping
//! the longest non-overlapping matches.

use std::sync::LazyLock;

use chrono::{Duration, NaiveDate, Weekday};
use regex::{Captures, Regex, RegexSet, RegexSetBuilder};

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
    /// Bytes the pattern matched, preposition included: longer readings win over shorter overlapping ones.
    matched_len: usize,
}

const MONTH: &str = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)";
const WEEKDAY: &str = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const NUMBER: &str = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)";
/// Counts written as words or digits, up to ninety-nine ("twelve-year", "18 months", "fifty-year").
const COUNT: &str = r"(?P<n>\d{1,3}(?:\.\d)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";

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
        (p(format!(r"(?:(?P<pre>in|during|since|until|by|of|through|from)\s+)?(?:early\s+|late\s+|mid-?)?{MONTH}\s+(?:of\s+)?(?P<y>\d{{4}})")), month_year),
        (
            p(format!(r"(?P<pre>in|during|since|early|late|mid-?|last|this|next|by|until|of|through)\s+(?:early\s+|late\s+|mid-?)?{MONTH}")),
            month_alone,
        ),
        (p(format!(r"(?:(?P<rel>last|next|this|early|late)\s+)?{WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?")), weekday),
        (p(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})".into()), slash_date),
        (p(r"(?:the\s+)?(?:(?P<c>19|20)(?P<d>\d)0s|'?(?P<d2>[1-9])0s)".into()), decade),
        (Regex::new(r"(?:^|\s)'(?P<yy>\d{2})\b").expect("valid short year pattern"), short_year),
        // "the past decade" is a duration; "last year" without the article is a date
        (p(r"the\s+(?:past|next|coming)\s+(?P<unit>decade|century|year|month|week|day)".into()), single_unit_duration),
        (p(r"(?:the\s+)?(?:entire|whole|full)\s+year".into()), this_year),
        (p(r"(?:an?\s+)?(?:single[\s-]day|intraday|one[\s-]day)".into()), one_day),
        (p(r"decades[\s-]long|centuries[\s-]long|years[\s-]long".into()), vague_years),
        (p(r"(?P<rel>the\s+previous\s+year|the\s+year\s+before|the\s+prior\s+year|the\s+year\s+previous)".into()), previous_year),
        (
            p(r"(?P<rel>today|yesterday|tomorrow|tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening|(?:earlier\s+|later\s+)?this\s+week|last\s+week|next\s+week|(?:earlier\s+|later\s+)?this\s+month|last\s+month|next\s+month|(?:earlier\s+|later\s+)?this\s+year|last\s+year|next\s+year)".into()),
            relative,
        ),
        (p(format!(r"{NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago")), ago),
        (
            p(format!(r"(?:for|over|within|the\s+past|the\s+last|the\s+next)\s+{NUMBER}\s+(?P<unit>hour|day|week|month|year)s?")),
            duration,
        ),
        (
            Regex::new(r"\b(?P<month>January|February|April|June|July|August|September|October|November|December)\b")
                .expect("valid month pattern"),
            capitalised_month,
        ),
        (p(r"(?:(?:in|during)\s+)?(?:the\s+)?(?:early\s+|late\s+)?(?P<season>spring|summer|autumn|winter)(?:\s+of\s+(?P<y>\d{4}))?".into()), season),
        (p(r"(?P<rel>this|last|next|the)\s+weekend".into()), weekend),
        (
            p(r"(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?:(?P<rel>this|last|next)\s+year|(?P<y>\d{4})))?".into()),
            quarter,
        ),
        (
            p(r"(?P<h>\d{1,2}):?(?P<m>\d{2})\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?\s*(?:\(\s*)?(?P<z>UTC|GMT)".into()),
            clock_time,
        ),
        (p(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.)".into()), clock_time),
        (
            p(format!(r"(?:(?:the\s+)?(?:past|last|next|first|coming)\s+)?(?:(?:almost|nearly|about|some|over|more\s+than|around)\s+)?{COUNT}(?:[\s-]+(?:straight|consecutive|trading|full))?[\s-]+(?P<unit>minute|hour|day|week|month|quarter|year|decade)s?(?:-long)?")),
            counted_duration,
        ),
        (
            p(r"(?:(?:several|many|recent|the\s+past\s+few|a\s+few|the\s+past|over\s+the)\s+)?(?P<unit>minutes|hours|days|weeks|months|years)".into()),
            vague_duration,
        ),
        (p(r"(?P<word>now|currently|current|at\s+present|nowadays|for\s+the\s+time\s+being|the\s+time\s+being)".into()), present_ref),
        (p(r"(?P<word>recently|more\s+recently|recent|in\s+the\s+past|the\s+past|formerly|previously)".into()), past_ref),
        (
            p(r"(?P<word>in\s+the\s+future|in\s+the\s+coming\s+(?:days|weeks|months|years)|very\s+soon|soon|the\s+(?:near|long|short)\s+term|(?:near|short|long)-term)".into()),
            future_ref,
        ),
        (p(r"(?:the\s+)?(?:beginning|start|end|middle|rest)\s+of\s+(?:the|this)\s+year".into()), this_year),
        (p(r"(?P<anaphor>the\s+same\s+day|that\s+day|the\s+day|that\s+time)".into()), anaphoric_day),
        (p(r"(?P<set>every\s+(?:day|week|month|year)|daily|weekly|monthly|annually|annual)".into()), set),
        (p(r"(?P<pre>in|during|since|by|until|from|to|through|of|early|late|mid-?)\s+(?P<y>(?:19|20)\d{2})".into()), year),
        (p(r"(?P<y>(?:19|20)\d{2})".into()), bare_year),
    ]
});

/// All of [`PATTERNS`] as one set, to learn in a single pass which of them match a text.
static PATTERN_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSetBuilder::new(PATTERNS.iter().map(|(regex, _)| regex.as_str()))
        .dfa_size_limit(8 << 20)
        .build()
        .expect("the timex patterns compile as a set")
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
    // every pattern proposes; the longest proposal wins where they overlap (earlier patterns break ties)
    let mut candidates: Vec<(usize, Timex)> = Vec::new();
    // one pass over the text says which patterns match at all; most match nowhere in a sentence
    let matching = PATTERN_SET.matches(text);
    for (order, (regex, handler)) in PATTERNS.iter().enumerate() {
        if !matching.matched(order) {
            continue;
        }
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always exists");
            // a number glued to currency or separators is an amount, not a year ("$2,020", "1.2019")
            if text[..whole.start()].ends_with(['$', ',', '.', '£', '€']) {
                continue;
            }
            // "a 12-year-old" is an age
            if text[whole.end()..].starts_with("-old") {
                continue;
            }
            // the tense that matters is the expression's own clause: "said on Tuesday … will resume next month"
            let mut from = whole.start().saturating_sub(60);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let window = &text[from..whole.end()];
            let clause = window.rsplit([',', ';']).next().unwrap_or(window);
            let ctx = Context { reference, future: FUTURE.is_match(clause) };
            let Some((kind, resolved, value)) = handler(&caps, &ctx) else { continue };
            // the preposition helps recognise and read the expression but is not part of it ("in [June 2017]")
            let start = caps.name("pre").map_or(whole.start(), |p| {
                p.end() + text[p.end()..whole.end()].len() - text[p.end()..whole.end()].trim_start().len()
            });
            let end = whole.end();
            let since = caps.name("pre").is_some_and(|p| {
                matches!(p.as_str().to_ascii_lowercase().as_str(), "since" | "by" | "until" | "through")
            });
            let dateline = start < 80
                && DATELINE_BEFORE.is_match(&text[..start])
                && DATELINE_AFTER.is_match(&text[end..]);
            let value = value.or_else(|| resolved.as_ref().map(|r| r.value.clone()));
            let matched_len = whole.len();
            let timex = Timex {
                start,
                end,
                text: text[start..end].to_string(),
                kind,
                anchor: matches!(kind, TimexKind::Date | TimexKind::Time) && resolved.is_some() && !since && !dateline,
                value,
                resolved,
                matched_len,
            };
            candidates.push((order, timex));
        }
    }
    candidates.sort_by_key(|(order, t)| (std::cmp::Reverse(t.matched_len), *order, t.start));
    let mut found: Vec<Timex> = Vec::new();
    for (_, t) in candidates {
        if !found.iter().any(|f| f.start < t.end && t.start < f.end) {
            found.push(t);
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
    // "Friday morning" is a TIME: the day plus a part-of-day code
    if let Some(part) = caps.name("part") {
        let code = part_of_day(part.as_str());
        let value = resolved.as_ref().map_or_else(|| format!("XXXX-XX-XXT{code}"), |r| format!("{}T{code}", r.value));
        return Some((TimexKind::Time, resolved, Some(value)));
    }
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
        "this morning" | "this afternoon" | "this evening" | "tonight" => {
            let day = Resolved::day(r);
            let code = part_of_day(rel.rsplit(' ').next().unwrap_or("night"));
            let value = format!("{}T{code}", day.value);
            return Some((TimexKind::Time, Some(day), Some(value)));
        }
        "today" => Resolved::day(r),
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

fn word_count(n: &str) -> Option<f64> {
    let words = [
        ("a", 1.0), ("an", 1.0), ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0),
        ("seven", 7.0), ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0),
        ("thirteen", 13.0), ("fourteen", 14.0), ("fifteen", 15.0), ("sixteen", 16.0), ("seventeen", 17.0),
        ("eighteen", 18.0), ("nineteen", 19.0), ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0),
        ("sixty", 60.0), ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0),
    ];
    let n = n.to_ascii_lowercase();
    words.iter().find(|(w, _)| *w == n).map(|(_, v)| *v).or_else(|| n.parse().ok())
}

fn counted_duration(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let n = word_count(caps.name("n")?.as_str())?;
    let count = if n.fract() == 0.0 { format!("{}", n as i64) } else { format!("{n}") };
    let value = match caps["unit"].to_ascii_lowercase().as_str() {
        "minute" => format!("PT{count}M"),
        "hour" => format!("PT{count}H"),
        "day" => format!("P{count}D"),
        "week" => format!("P{count}W"),
        "month" => format!("P{count}M"),
        "quarter" => format!("P{count}Q"),
        "decade" => format!("P{}Y", (n * 10.0) as i64),
        _ => format!("P{count}Y"),
    };
    Some((TimexKind::Duration, None, Some(value)))
}

fn vague_duration(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let value = match caps["unit"].to_ascii_lowercase().as_str() {
        "minutes" => "PTXM",
        "hours" => "PTXH",
        "days" => "PXD",
        "weeks" => "PXW",
        "months" => "PXM",
        _ => "PXY",
    };
    Some((TimexKind::Duration, None, Some(value.to_string())))
}

fn part_of_day(word: &str) -> &'static str {
    match word.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

/// "7/8/07": month/day/year, as American wire copy writes it.
fn slash_date(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let y: i32 = caps["y"].parse().ok()?;
    let y = if y < 100 { 2000 + y } else { y };
    let d = NaiveDate::from_ymd_opt(y, caps["m"].parse().ok()?, caps["d"].parse().ok()?)?;
    Some((TimexKind::Date, Some(Resolved::day(d)), None))
}

/// "the 1980s", "'70s": a decade, written as its first three digits.
fn decade(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let value = match (caps.name("c"), caps.name("d"), caps.name("d2")) {
        (Some(c), Some(d), _) => format!("{}{}", c.as_str(), d.as_str()),
        (_, _, Some(d)) => format!("19{}", d.as_str()),
        _ => return None,
    };
    Some((TimexKind::Date, None, Some(value)))
}

fn previous_year(_: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let resolved = ctx.reference.and_then(|r| Resolved::year(chrono::Datelike::year(&r) - 1));
    Some((TimexKind::Date, resolved, None))
}

fn capitalised_month(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let month = month_number(&caps["month"])?;
    let resolved = ctx.reference.and_then(|r| month_near(r, month, ctx.future));
    Some((TimexKind::Date, resolved, Some(format!("XXXX-{month:02}")).filter(|_| ctx.reference.is_none())))
}

fn season(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let code = match caps["season"].to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" => "FA",
        _ => "WI",
    };
    let year = year_of(caps).or_else(|| ctx.reference.map(|r| chrono::Datelike::year(&r)));
    let value = year.map_or_else(|| format!("XXXX-{code}"), |y| format!("{y:04}-{code}"));
    Some((TimexKind::Date, None, Some(value)))
}

fn weekend(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let r = ctx.reference?;
    let shift = match caps["rel"].to_ascii_lowercase().as_str() {
        "last" => -7,
        "next" => 7,
        _ => 0,
    };
    let week = Resolved::week_of(r + Duration::days(shift));
    let value = format!("{}-WE", week.value);
    let resolved = Resolved {
        value: value.clone(),
        start: week.start + Duration::days(5),
        end: week.end,
        granularity: crate::Granularity::Week,
    };
    Some((TimexKind::Date, Some(resolved), Some(value)))
}

fn short_year(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let yy: i32 = caps["yy"].parse().ok()?;
    let year = if yy > 30 { 1900 + yy } else { 2000 + yy };
    Some((TimexKind::Date, Resolved::year(year), None))
}

fn single_unit_duration(caps: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let value = match caps["unit"].to_ascii_lowercase().as_str() {
        "decade" => "P10Y",
        "century" => "P100Y",
        "year" => "P1Y",
        "month" => "P1M",
        "week" => "P1W",
        _ => "P1D",
    };
    Some((TimexKind::Duration, None, Some(value.into())))
}

fn one_day(_: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Duration, None, Some("P1D".into())))
}

fn vague_years(_: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Duration, None, Some("PXY".into())))
}

fn this_year(_: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let value = ctx.reference.map(|r| format!("{:04}", chrono::Datelike::year(&r)));
    Some((TimexKind::Date, None, value))
}

/// "the same day", "that day": refers back to a date named earlier. The sentence alone cannot say which, so the value
/// stays open here; a caller with the whole document (`sitrep timex`) resolves it to the last day named before it.
fn anaphoric_day(_: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Date, None, None))
}

fn present_ref(_: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Date, None, Some("PRESENT_REF".into())))
}

fn past_ref(_: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Date, None, Some("PAST_REF".into())))
}

fn future_ref(_: &Captures, _: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    Some((TimexKind::Date, None, Some("FUTURE_REF".into())))
}

fn quarter(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let ordinal = caps["q"].to_ascii_lowercase();
    // "the last quarter" is the one before the reference's; "the final quarter" is the fourth
    if ordinal == "last" && caps.name("y").is_none() && caps.name("rel").is_none() {
        let r = ctx.reference?;
        let current = (chrono::Datelike::month0(&r) / 3) as i32; // 0-based quarter of the reference
        let (year, q) = if current == 0 { (chrono::Datelike::year(&r) - 1, 4) } else { (chrono::Datelike::year(&r), current) };
        return Some((TimexKind::Date, None, Some(format!("{year:04}-Q{q}"))));
    }
    let q = match ordinal.as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        _ => 4, // fourth, final, last (of a named year)
    };
    let reference_year = ctx.reference.map(|r| chrono::Datelike::year(&r));
    let year = match (year_of(caps), caps.name("rel").map(|m| m.as_str().to_ascii_lowercase())) {
        (Some(y), _) => Some(y),
        (None, Some(rel)) if rel == "last" => reference_year.map(|y| y - 1),
        (None, Some(rel)) if rel == "next" => reference_year.map(|y| y + 1),
        (None, _) => reference_year,
    };
    let value = match year {
        Some(y) => format!("{y:04}-Q{q}"),
        None => format!("XXXX-Q{q}"),
    };
    // a quarter is a range of months; it dates events at month precision through its first month
    let resolved = year.and_then(|y| {
        let first = Resolved::month(y, (q - 1) * 3 + 1)?;
        let last = Resolved::month(y, q * 3)?;
        Some(Resolved { value: value.clone(), start: first.start, end: last.end, granularity: crate::Granularity::Month })
    });
    Some((TimexKind::Date, resolved, Some(value)))
}

fn clock_time(caps: &Captures, ctx: &Context) -> Option<(TimexKind, Option<Resolved>, Option<String>)> {
    let mut hour: u32 = caps["h"].parse().ok()?;
    let minute: u32 = caps.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
    let ampm = caps.name("ampm").map(|m| m.as_str().to_ascii_lowercase().replace('.', ""));
    match ampm.as_deref() {
        Some("pm") if hour < 12 => hour += 12,
        Some("am") if hour == 12 => hour = 0,
        _ => {}
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let zone = if caps.name("z").is_some() { "Z" } else { "" };
    let day = ctx.reference.map_or_else(|| "XXXX-XX-XX".to_string(), |r| r.format("%Y-%m-%d").to_string());
    Some((TimexKind::Time, None, Some(format!("{day}T{hour:02}:{minute:02}{zone}"))))
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
    fn tense_is_read_in_the_expression_s_own_clause() {
        let v = values("Police said on Tuesday that talks will resume next month.", "2024-05-02");
        assert_eq!(v[0].1.as_deref(), Some("2024-04-30"));
        assert_eq!(v[1].1.as_deref(), Some("2024-06"));
    }

    #[test]
    fn weekdays_resolve_across_month_and_year_boundaries() {
        // 2024-01-02 is a Tuesday: last Saturday was in 2023
        assert_eq!(values("rebels struck on Saturday", "2024-01-02")[0].1.as_deref(), Some("2023-12-30"));
        // 2024-03-01 is a Friday: Thursday was the leap day
        assert_eq!(values("police said Thursday", "2024-03-01")[0].1.as_deref(), Some("2024-02-29"));
        // a future tense crosses into the next year
        assert_eq!(values("talks will resume on Monday", "2023-12-29")[0].1.as_deref(), Some("2024-01-01"));
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
    fn counted_durations_quarters_times_and_references() {
        let r = crate::parse_reference_date("2009-06-01");
        let t = find_timexes("a 12-year career, the third quarter of this year, at 16:15 UTC, now, and recently", r);
        let v: Vec<_> = t.iter().map(|t| (t.kind, t.value.clone().unwrap_or_default())).collect();
        assert_eq!(
            v,
            [
                (TimexKind::Duration, "P12Y".to_string()),
                (TimexKind::Date, "2009-Q3".to_string()),
                (TimexKind::Time, "2009-06-01T16:15Z".to_string()),
                (TimexKind::Date, "PRESENT_REF".to_string()),
                (TimexKind::Date, "PAST_REF".to_string()),
            ]
        );
        assert!(find_timexes("a 12-year-old boy", r).is_empty());
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
