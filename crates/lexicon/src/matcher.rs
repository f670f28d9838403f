//! A phrase matcher: many phrases, one pass over the text, whole words only.

use std::collections::HashSet;

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

/// A phrase found in text. `start..end` are byte offsets.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

/// Matches a fixed set of phrases, each carrying a value, case-insensitively (ASCII) on word boundaries.
/// Phrases of two to four capital letters ("IS", "SDF", "RSF") match only as written, so "is" is not Islamic State;
/// so does a phrase written with a leading `=` ("=Islamic Society": everyday words that name something only when
/// capitalised), which is also skipped in ALL-CAPS text.
///
/// The automata are double arrays (daachorse): one state look-up per byte, and compact, which matters for the
/// 100,000-phrase actor dictionary scanned over every sentence. Case-insensitive matching searches the
/// ASCII-lower-cased text (same byte offsets) for the lower-cased phrases.
pub struct PhraseMatcher<T> {
    insensitive: DoubleArrayAhoCorasick<u32>,
    insensitive_values: Vec<T>,
    sensitive: DoubleArrayAhoCorasick<u32>,
    sensitive_values: Vec<T>,
    /// Acronyms that are also English words; skipped in ALL-CAPS text where case cannot tell them apart.
    sensitive_is_word: Vec<bool>,
}

const ENGLISH_WORD_ACRONYMS: &[&str] = &[
    "IS", "US", "IT", "AS", "AT", "AN", "OR", "ON", "IN", "NO", "SO", "TO", "UP", "WE", "HE", "ME",
    "BE", "DO", "GO", "AM", "BY", "OF", "IF", "MY", "AU", "SAF", "PDF", "SNA", "IHR", "JAS", "ADF",
];

fn is_case_sensitive(phrase: &str) -> bool {
    let n = phrase.chars().count();
    (2..=4).contains(&n)
        && phrase
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

impl<T: Clone> PhraseMatcher<T> {
    pub fn new(phrases: Vec<(String, T)>) -> Self {
        let mut ins_patterns = Vec::new();
        let mut ins_values = Vec::new();
        let mut sen_patterns = Vec::new();
        let mut sen_values = Vec::new();
        let mut sensitive_is_word = Vec::new();
        for (phrase, value) in phrases {
            let (phrase, forced) = match phrase.strip_prefix('=') {
                Some(p) if !p.is_empty() => (p.to_string(), true),
                _ => (phrase, false),
            };
            // news text uses both straight and curly apostrophes
            let mut variants = vec![phrase.clone()];
            if phrase.contains('\'') {
                variants.push(phrase.replace('\'', "’"));
            }
            for variant in variants {
                if forced || is_case_sensitive(&variant) {
                    sensitive_is_word
                        .push(forced || ENGLISH_WORD_ACRONYMS.contains(&variant.as_str()));
                    sen_patterns.push(variant);
                    sen_values.push(value.clone());
                } else {
                    ins_patterns.push(variant);
                    ins_values.push(value.clone());
                }
            }
        }
        // A phrase listed twice (or twice in different case, for the case-blind automaton) keeps its first value.
        let build = |patterns: &[String], lower: bool| {
            let mut seen = HashSet::new();
            let patvals: Vec<(Vec<u8>, u32)> = patterns
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        if lower {
                            p.to_ascii_lowercase()
                        } else {
                            p.clone()
                        }
                        .into_bytes(),
                        i as u32,
                    )
                })
                .filter(|(p, _)| !p.is_empty() && seen.insert(p.clone()))
                .collect();
            DoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build_with_values(patvals)
                .expect("phrase automaton within daachorse's limits (2^24 phrases)")
        };
        PhraseMatcher {
            insensitive: build(&ins_patterns, true),
            insensitive_values: ins_values,
            sensitive: build(&sen_patterns, false),
            sensitive_values: sen_values,
            sensitive_is_word,
        }
    }

    /// Number of phrases (spelling variants included).
    pub fn len(&self) -> usize {
        self.insensitive_values.len() + self.sensitive_values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All whole-word, non-overlapping matches in `text`, longest first at each position, sorted by start.
    pub fn find<'s>(&'s self, text: &str) -> Vec<Hit<'s, T>> {
        let all_caps = is_all_caps(text);
        let mut hits: Vec<Hit<'s, T>> = Vec::new();
        // A match inside a word ("thE ISraeli" for a short alias) is dropped, and the search resumes just after
        // its start, not its end: a plain non-overlapping scan would let the dropped match hide a real one.
        // an underscore joins words as a space does ("Dol_Amroth", PETRARCH's phrase notation kept in some texts)
        let lower = text.to_ascii_lowercase().replace('_', " ");
        let mut at = 0;
        'restart: while at < text.len() {
            for m in self.insensitive.leftmost_find_iter(&lower.as_bytes()[at..]) {
                let (start, end) = (at + m.start(), at + m.end());
                if whole_word(text, start, end) {
                    hits.push(Hit {
                        start,
                        end,
                        value: &self.insensitive_values[m.value() as usize],
                    });
                } else {
                    at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                    continue 'restart;
                }
            }
            break;
        }
        for m in self.sensitive.leftmost_find_iter(text) {
            let i = m.value() as usize;
            if all_caps && self.sensitive_is_word[i] || !whole_word(text, m.start(), m.end()) {
                continue;
            }
            if hits.iter().any(|h| h.start < m.end() && m.start() < h.end) {
                continue;
            }
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                value: &self.sensitive_values[i],
            });
        }
        hits.sort_by_key(|h| h.start);
        hits
    }
}

/// True when the text has letters and none of them is lower-case (wire copy such as MUC-3).
pub fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 3
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    // a phrase starting or ending in punctuation ("U.S.") bounds itself
    (!joins(before) || !joins(first)) && (!joins(after) || !joins(last))
}
