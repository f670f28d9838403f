//! Casualty and arrest counts: "14 civilians were killed", "killed more than 20 soldiers", "the death toll rose to
//! 23", "between 10 and 15 wounded", "dozens were arrested" — with the record's low/best/high rules.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::numbers::parse_number;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountKind {
    Killed,
    Injured,
    Arrested,
}

/// A count in one sentence; byte offsets into the sentence text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CountMention {
    pub kind: CountKind,
    pub start: usize,
    pub end: usize,
    pub best: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    /// The counted noun phrase ("civilians", "members of the PKK"), byte range, when the text names one.
    pub noun: Option<(usize, usize)>,
}

const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozens|tens of thousands|tens|scores|hundreds|thousands|several|a handful)(?:\s+(?:hundred|thousand))?";
const QUAL: &str = r"at least|more than|over|nearly|almost|about|around|some|up to|as many as|no fewer than|no less than|roughly|approximately|an estimated|at most|fewer than|less than|close to|between";
const KILLED: &str = r"killed|dead|died|slain|perished|lost their lives|were killed|murdered|executed";
const INJURED: &str = r"wounded|injured|hurt|maimed";
const ARRESTED: &str = r"arrested|detained|rounded up|taken into custody|jailed|apprehended";

static NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<qual>{QUAL})\s+)?(?P<num>{NUM})(?:\s*(?:-|–|to|and|or)\s*(?P<num2>{NUM}))?(?P<noun>(?:\s+[A-Za-z'’()-]+){{0,7}}?)\s+(?:(?:were|was|have|had|has|been|are|is|being|got|reportedly|also|later|all|among|the|confirmed)\s+){{0,4}}(?P<verb>{KILLED}|{INJURED}|{ARRESTED})\b"
    ))
    .expect("valid count pattern")
});
static VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<verb>kill|kills|killed|killing|wound|wounds|wounded|wounding|injure|injured|injuring|arrest|arrested|arresting|detain|detained|detaining|leaving|left)\s+(?:(?P<qual>{QUAL})\s+)?(?P<num>{NUM})(?:\s*(?:-|–|to|and|or)\s*(?P<num2>{NUM}))?\b(?P<noun>(?:\s+[A-Za-z'’()-]+){{0,6}})"
    ))
    .expect("valid count pattern")
});
/// "a soldier was killed", "one civilian wounded": one person, named by a singular noun.
static ONE_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<num>a|an|one)\s+(?:[a-z-]+\s+){{0,2}}?(?P<noun>soldier|civilian|man|woman|child|boy|girl|policeman|policewoman|police officer|officer|journalist|member|fighter|militant|rebel|protester|student|farmer|worker|person|teenager|doctor|nurse|official|guard|commander|citizen|resident|villager|shepherd|guerrilla|insurgent|gunman)\s+(?:(?:was|has been|had been|is)\s+)?(?:reportedly\s+)?(?P<verb>{KILLED}|{INJURED}|{ARRESTED}|shot dead)\b"
    ))
    .expect("valid count pattern")
});
static DEATH_TOLL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bdeath toll\b(?:\s+\w+){{0,3}}?\s+(?:to|at|of|reached|hit)\s+(?:(?P<qual>{QUAL})\s+)?(?P<num>{NUM})\b"
    ))
    .expect("valid count pattern")
});

fn kind_of(verb: &str) -> Option<CountKind> {
    let v = verb.to_lowercase();
    let v = v.as_str();
    if v.starts_with("kill") || ["dead", "died", "slain", "perished", "lost their lives", "were killed", "murdered", "executed"].contains(&v) {
        Some(CountKind::Killed)
    } else if v.starts_with("wound") || v.starts_with("injur") || v == "hurt" || v == "maimed" {
        Some(CountKind::Injured)
    } else if v.starts_with("arrest") || v.starts_with("detain") || ["rounded up", "taken into custody", "jailed", "apprehended"].contains(&v) {
        Some(CountKind::Arrested)
    } else {
        None
    }
}

/// Applies the qualifier to a number: see the event record's rules for open-ended counts.
fn bounds(qual: Option<&str>, n: u64, n2: Option<u64>, open_ended: bool) -> (Option<u64>, Option<u64>, Option<u64>) {
    if let Some(hi) = n2.filter(|hi| *hi > n) {
        return (Some(n), Some(n), Some(hi));
    }
    match qual.map(|q| q.to_lowercase()).as_deref() {
        Some("at least" | "no fewer than" | "no less than") => (Some(n), Some(n), None),
        Some("more than" | "over") => (Some(n + 1), Some(n + 1), None),
        Some("up to" | "as many as" | "at most") => (None, Some(n), Some(n)),
        Some("fewer than" | "less than") => (None, Some(n.saturating_sub(1)), Some(n.saturating_sub(1))),
        Some("nearly" | "almost" | "close to") => (None, Some(n), Some(n)),
        Some("about" | "around" | "some" | "roughly" | "approximately" | "an estimated") => (None, Some(n), None),
        _ if open_ended => (Some(n), Some(n), None),
        _ => (Some(n), Some(n), Some(n)),
    }
}

fn mention(c: &Captures, kind: CountKind) -> Option<CountMention> {
    let num = parse_number(c.name("num")?.as_str())?;
    let n2 = c.name("num2").and_then(|m| parse_number(m.as_str())).map(|q| q.value);
    let qual = c.name("qual").map(|m| m.as_str());
    let (low, best, high) = bounds(qual, num.value, n2, num.open_ended);
    let whole = c.get(0)?;
    let noun = c.name("noun").filter(|m| !m.as_str().trim().is_empty()).map(|m| {
        let trimmed = m.as_str().trim_start();
        (m.end() - trimmed.len(), m.end())
    });
    Some(CountMention { kind, start: whole.start(), end: whole.end(), best, low, high, noun })
}

/// Units that make a number an amount of something other than people.
const NOT_PEOPLE: &[&str] = &[
    "lakh", "crore", "million", "billion", "percent", "per", "%", "dollars", "rupees", "euros", "pounds", "km",
    "kilometres", "kilometers", "miles", "metres", "meters", "hours", "days", "weeks", "months", "gmt", "pm", "am",
];

/// Whether the number at `s[start..end]` followed by `noun` can count people: not part of a date or time
/// ("5/9/2001", "10:30"), not money ("Rs 4 lakh", "$5 million"), not a measure, and not followed by another
/// number inside its own noun phrase (then that number is the count: "2001 Two soldiers").
fn counts_people(s: &str, start: usize, end: usize, noun: &str) -> bool {
    let before = s[..start].trim_end();
    let glued_before = s[..start].ends_with(['/', ':', '.', '-', '$', '£', '€']);
    let glued_after = s[end..].starts_with(['/', ':', '%']) || s[end..].starts_with(|c: char| c.is_ascii_digit());
    let money = ["rs", "rs.", "inr", "usd", "us$", "$", "£", "€"].iter().any(|m| before.to_lowercase().ends_with(m));
    let first = noun.split_whitespace().next().unwrap_or("");
    let another_number = noun.split_whitespace().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        || (first != "a" && first != "an" && parse_number(first).is_some());
    !(glued_before || glued_after || money || NOT_PEOPLE.contains(&first) || another_number)
}

fn next_char_boundary(s: &str, mut at: usize) -> usize {
    while at < s.len() && !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// All counts in sentence `s`, non-overlapping, in text order.
pub(crate) fn find_counts(s: &str) -> Vec<CountMention> {
    let mut out: Vec<CountMention> = Vec::new();
    let mut add = |m: Option<CountMention>| {
        if let Some(m) = m {
            if !out.iter().any(|o| o.start < m.end && m.start < o.end) {
                out.push(m);
            }
        }
    };
    for c in DEATH_TOLL.captures_iter(s) {
        add(mention(&c, CountKind::Killed));
    }
    for c in ONE_PERSON.captures_iter(s) {
        let verb = c.name("verb").map_or("", |m| m.as_str());
        let kind = if verb.eq_ignore_ascii_case("shot dead") { Some(CountKind::Killed) } else { kind_of(verb) };
        if let Some(kind) = kind {
            let whole = c.get(0).expect("group 0");
            let noun = c.name("noun").map(|m| (m.start(), m.end()));
            add(Some(CountMention { kind, start: whole.start(), end: whole.end(), best: Some(1), low: Some(1), high: Some(1), noun }));
        }
    }
    let mut from = 0;
    while let Some(c) = NUMBER_FIRST.captures_at(s, from) {
        let (Some(whole), Some(num)) = (c.get(0), c.name("num")) else { break };
        let noun = c.name("noun").map_or("", |m| m.as_str()).to_lowercase();
        // "a 52-year-old", "in 2017", "AFP 5/9/2001 Two soldiers killed", "a reward of Rs 4 lakh" are not counts
        // of people; when the phrase holds a later number, that one may be the count, so search on from here
        if noun.trim_start().starts_with("year") || noun.contains(" people's") || !counts_people(s, num.start(), num.end(), &noun) {
            from = next_char_boundary(s, num.end());
            continue;
        }
        if let Some(kind) = c.name("verb").and_then(|v| kind_of(v.as_str())) {
            add(mention(&c, kind));
        }
        from = whole.end();
    }
    for c in VERB_FIRST.captures_iter(s) {
        let verb = c.name("verb").map_or("", |m| m.as_str()).to_lowercase();
        let kind = if verb == "leaving" || verb == "left" {
            // "leaving 12 dead"
            let noun = c.name("noun").map_or("", |m| m.as_str()).to_lowercase();
            if noun.contains("dead") {
                Some(CountKind::Killed)
            } else if noun.contains("wounded") || noun.contains("injured") {
                Some(CountKind::Injured)
            } else {
                None
            }
        } else {
            kind_of(&verb)
        };
        if let Some(kind) = kind {
            add(mention(&c, kind));
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &str) -> Vec<(CountKind, Option<u64>, Option<u64>, Option<u64>)> {
        find_counts(s).into_iter().map(|c| (c.kind, c.low, c.best, c.high)).collect()
    }

    #[test]
    fn passive_counts_with_a_shared_verb() {
        assert_eq!(
            counts("The Observatory said 14 civilians were killed and 30 wounded."),
            [(CountKind::Killed, Some(14), Some(14), Some(14)), (CountKind::Injured, Some(30), Some(30), Some(30))]
        );
    }

    #[test]
    fn open_ended_qualifiers_follow_the_record_rules() {
        assert_eq!(counts("more than 100 people were killed")[0], (CountKind::Killed, Some(101), Some(101), None));
        assert_eq!(counts("up to 30 were injured")[0], (CountKind::Injured, None, Some(30), Some(30)));
        assert_eq!(counts("dozens were arrested")[0], (CountKind::Arrested, Some(24), Some(24), None));
        assert_eq!(counts("between 10 and 15 people were killed")[0], (CountKind::Killed, Some(10), Some(10), Some(15)));
    }

    #[test]
    fn active_verbs_and_death_tolls() {
        assert_eq!(counts("A drone strike killed four members of the PKK.")[0].1, Some(4));
        assert_eq!(counts("Herdsmen Kill 2, Benue")[0].1, Some(2));
        assert_eq!(counts("Police arrested more than 200 people")[0], (CountKind::Arrested, Some(201), Some(201), None));
        assert_eq!(counts("The death toll rose to 23.")[0].1, Some(23));
    }

    #[test]
    fn a_single_named_person_counts_as_one() {
        assert_eq!(counts("A soldier was killed and one civilian wounded.")[0], (CountKind::Killed, Some(1), Some(1), Some(1)));
        assert_eq!(counts("A roadside bomb killed 5 people.")[0].1, Some(5));
    }

    #[test]
    fn dates_money_and_measures_are_not_counts() {
        assert_eq!(counts("AFP 5/9/2001 Two soldiers killed in bomb explosion")[0].1, Some(2));
        assert!(counts("Maoist carrying reward of Rs 4 lakh killed in encounter").is_empty());
        assert!(counts("At 10:30 gunmen killed a guard").iter().all(|c| c.1 != Some(30)));
        assert_eq!(counts("10 members of one family were killed")[0].1, Some(10));
    }

    #[test]
    fn ages_and_years_are_not_counts() {
        assert!(counts("a 52-year-old shopkeeper was wounded").is_empty());
        assert_eq!(counts("an insurgency since 1984 in which more than 40,000 people have been killed")[0].1, Some(40001));
    }
}
