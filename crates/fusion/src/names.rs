//! The name words of a report: capitalised words that are not ordinary English (victims, suspects, streets, towns,
//! units), the strongest sign that two articles tell the same story. "Police", "Sunday" and "Update" are capitalised
//! too, so a word counts only when EWT never has it in lower case (`data/fusion/english-words.txt`).

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

const ENGLISH_WORDS: &str = include_str!("../../../data/fusion/english-words.txt");

/// Month and day names and their abbreviations: capitalised, rare in lower case, and shared by unrelated stories.
const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// Words of addresses and page furniture that EWT happens not to have in lower case: shared by unrelated stories.
const FURNITURE: &[&str] = &[
    "avenue", "ave", "blvd", "boulevard", "hwy", "pkwy", "parkway", "terrace", "caption", "copyright", "facebook",
    "twitter", "instagram", "youtube", "getty", "reuters", "crimestoppers", "stoppers", "updated", "photo", "photos",
    "gallery", "subscribe", "newsletter", "advertisement", "related", "sgt", "lt", "capt", "det", "dept", "jr", "sr",
];

/// How much of a document's text is read for names: the lead carries the who and where; the tail of a scraped page
/// is mostly other stories and boilerplate.
pub const LEAD_CHARS: usize = 5000;

fn english_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| ENGLISH_WORDS.lines().map(str::trim).filter(|w| !w.is_empty()).chain(CALENDAR.iter().chain(FURNITURE).copied()).collect())
}

/// Name keys of `text` (its first [`LEAD_CHARS`] characters): each name word lower-cased, and each pair of adjacent
/// name words as "first last" (a full name matches more surely than a surname).
pub fn name_keys(text: &str) -> BTreeSet<String> {
    let english = english_words();
    let lead: String = text.chars().take(LEAD_CHARS).collect();
    let mut keys = BTreeSet::new();
    let mut previous: Option<String> = None;
    let mut sentence_start = true;
    let mut chars = lead.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphabetic() {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | '|' | '"' | '“' | '—' | '–') {
                sentence_start = true;
            }
            // a name pair never spans punctuation other than a space
            if c != ' ' {
                previous = None;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if d.is_alphabetic() || ((d == '\'' || d == '’') && lead[i + d.len_utf8()..].starts_with(char::is_alphabetic)) {
                end = i + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let word = &lead[start..end];
        let at_start = std::mem::replace(&mut sentence_start, false);
        let is_name = is_name_word(word, english) && !at_start;
        if is_name {
            let key = name_key(word);
            if let Some(p) = previous.take() {
                keys.insert(format!("{p} {key}"));
            }
            keys.insert(key.clone());
            previous = Some(key);
        } else {
            previous = None;
        }
    }
    keys
}

/// The lower-cased word without a possessive ending, so "Faust's" and "Faust" are one key.
fn name_key(word: &str) -> String {
    let lower = word.to_lowercase();
    lower.strip_suffix("'s").or_else(|| lower.strip_suffix("’s")).unwrap_or(&lower).to_string()
}

/// Capitalised, then lower case (not ALL CAPS, which is wire-copy shouting), three letters or more, not English.
fn is_name_word(word: &str, english: &HashSet<&str>) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    if !first.is_uppercase() || word.chars().count() < 3 {
        return false;
    }
    if !word.chars().skip(1).any(char::is_lowercase) {
        return false;
    }
    !english.contains(name_key(word).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        name_keys(s).into_iter().collect()
    }

    #[test]
    fn full_names_give_a_pair_and_their_words() {
        let k = keys("Police said Lakim Faust shot four people near a Greenville store.");
        assert!(k.contains(&"lakim faust".to_string()), "{k:?}");
        assert!(k.contains(&"faust".to_string()) && k.contains(&"greenville".to_string()), "{k:?}");
    }

    #[test]
    fn ordinary_words_days_and_sentence_starts_are_not_names() {
        let k = keys("Update: Police arrested a man on Sunday. Investigators said the Sheriff would speak.");
        assert!(k.is_empty(), "{k:?}");
    }

    #[test]
    fn all_caps_wire_copy_is_not_read_as_names() {
        assert!(keys("said GREENVILLE POLICE CHIEF on Friday").is_empty());
    }

    #[test]
    fn possessives_match_the_bare_name() {
        let k = keys("They searched Faust's home.");
        assert_eq!(k, vec!["faust".to_string()]);
        assert!(is_name_word("Faust's", english_words()));
    }
}
