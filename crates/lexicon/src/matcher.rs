//! A phrase matcher: many phrases, one pass over the text, whole words only.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

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
pub struct PhraseMatcher<T> {
    insensitive: AhoCorasick,
    insensitive_values: Vec<T>,
    sensitive: AhoCorasick,
    sensitive_values: Vec<T>,
    /// Acronyms that are also English words; skipped in ALL-CAPS text where case cannot tell them apart.
    sensitive_is_word: Vec<bool>,
}

const ENGLISH_WORD_ACRONYMS: &[&str] = &[
    "IS", "US", "IT", "AS", "AT", "AN", "OR", "ON", "IN", "NO", "SO", "TO", "UP", "WE", "HE", "ME", "BE", "DO", "GO",
    "AM", "BY", "OF", "IF", "MY", "AU", "SAF", "PDF", "SNA", "IHR", "JAS", "ADF",
];

fn is_case_sensitive(phrase: &str) -> bool {
    let n = phrase.chars().count();
    (2..=4).contains(&n) && phrase.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
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
                    sensitive_is_word.push(forced || ENGLISH_WORD_ACRONYMS.contains(&variant.as_str()));
                    sen_patterns.push(variant);
                    sen_values.push(value.clone());
                } else {
                    ins_patterns.push(variant);
                    ins_values.push(value.clone());
                }
            }
        }
        let build = |patterns: &[String], ci: bool| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(ci)
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .expect("phrase automaton within size limits")
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
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = self.insensitive.find(Input::new(text).span(at..text.len())) else { break };
            if whole_word(text, m.start(), m.end()) {
                hits.push(Hit { start: m.start(), end: m.end(), value: &self.insensitive_values[m.pattern().as_usize()] });
                at = m.end().max(m.start() + 1);
            } else {
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        for m in self.sensitive.find_iter(text) {
            let i = m.pattern().as_usize();
            if all_caps && self.sensitive_is_word[i] || !whole_word(text, m.start(), m.end()) {
                continue;
            }
            if hits.iter().any(|h| h.start < m.end() && m.start() < h.end) {
                continue;
            }
            hits.push(Hit { start: m.start(), end: m.end(), value: &self.sensitive_values[i] });
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
