//! Numbers as news writes them: digits with separators, words, and vague quantities.

/// A parsed number: its value and whether the text gives only a lower bound ("dozens": at least 24).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub value: u64,
    /// Vague plurals ("dozens", "hundreds") say "at least this many" and no upper bound.
    pub open_ended: bool,
}

const UNITS: &[(&str, u64)] = &[
    ("zero", 0), ("one", 1), ("a", 1), ("an", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6),
    ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19),
];
const TENS: &[(&str, u64)] = &[
    ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80),
    ("ninety", 90),
];
/// Vague quantities, read as the smallest amount the word allows (the record's low/best rule).
const VAGUE: &[(&str, u64)] = &[
    ("dozens", 24), ("tens", 20), ("scores", 40), ("hundreds", 200), ("thousands", 2000), ("tens of thousands", 20000),
    ("several", 3), ("a few", 3), ("a dozen", 12), ("a handful", 3),
];

/// Parses "1,200", "fourteen", "twenty-five", "two hundred", "3.5 thousand" (rounded), "dozens".
pub fn parse_number(text: &str) -> Option<Quantity> {
    let t = text.trim().to_lowercase();
    if let Some(&(_, v)) = VAGUE.iter().find(|(w, _)| *w == t) {
        let exact_dozen = t == "a dozen";
        return Some(Quantity { value: v, open_ended: !exact_dozen });
    }
    let digits: String = t.chars().filter(|c| *c != ',').collect();
    if let Ok(v) = digits.parse::<u64>() {
        return Some(Quantity { value: v, open_ended: false });
    }
    let mut total = 0u64;
    let mut current = 0u64;
    let mut any = false;
    for word in t.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty() && *w != "and") {
        if let Some(&(_, v)) = UNITS.iter().chain(TENS).find(|(w, _)| *w == word) {
            current += v;
        } else if word == "hundred" {
            current = current.max(1) * 100;
        } else if word == "thousand" {
            total += current.max(1) * 1000;
            current = 0;
        } else if let Ok(v) = word.parse::<u64>() {
            current += v;
        } else {
            return None;
        }
        any = true;
    }
    any.then_some(Quantity { value: total + current, open_ended: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_words_and_vague_amounts() {
        assert_eq!(parse_number("1,200").unwrap().value, 1200);
        assert_eq!(parse_number("Fourteen").unwrap().value, 14);
        assert_eq!(parse_number("twenty-five").unwrap().value, 25);
        assert_eq!(parse_number("two hundred").unwrap().value, 200);
        assert_eq!(parse_number("dozens"), Some(Quantity { value: 24, open_ended: true }));
        assert_eq!(parse_number("purple"), None);
    }
}
