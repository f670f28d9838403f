//! The sentence splitter: paragraphs, headline lines and sentence-final punctuation, minus abbreviations and initials.

use sitrep_model::{CharIndex, Span};

use crate::token::{tokenize_with, Token, TokenKind, TITLE_ABBREVIATIONS};

/// A sentence with its tokens. `start..end` are byte offsets, `span` the code-point span, into the text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub tokens: Vec<Token>,
}

impl Sentence {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Words that open sentences; after an ambiguous abbreviation ("U.S.", "p.m.") one of them means a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there", "but",
    "and", "in", "on", "at", "after", "before", "his", "her", "its", "their", "our", "some", "many", "no", "police",
    "officials", "witnesses", "residents", "meanwhile", "however", "earlier", "later", "separately", "according",
];

/// Splits `text` into sentences.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let index = CharIndex::new(text);
    let tokens = tokenize_with(text, &index);
    let hard_breaks = line_breaks(text);
    let mut sentences = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        current.push(*tok);
        let next = tokens.get(i + 1);
        let boundary = match next {
            None => true,
            Some(next) => {
                hard_breaks.iter().any(|&b| tok.end <= b && b < next.start) || ends_sentence(text, &tokens, i)
            }
        };
        if boundary {
            let (s, e) = (current[0].start, current[current.len() - 1].end);
            sentences.push(Sentence { start: s, end: e, span: index.span(s, e), tokens: std::mem::take(&mut current) });
        }
    }
    sentences
}

/// Byte offsets of line breaks that always end a sentence: blank lines (paragraphs), and single newlines unless the
/// paragraph looks hard-wrapped (wire copy wrapped at a fixed width continues sentences across lines).
fn line_breaks(text: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut offset = 0;
    for paragraph in text.split_inclusive("\n\n") {
        let lines: Vec<&str> = paragraph.trim_end().split('\n').collect();
        let wrapped = looks_hard_wrapped(&lines);
        let mut pos = offset;
        for (k, line) in lines.iter().enumerate() {
            pos += line.len();
            let last = k + 1 == lines.len();
            let ends_sentence = line.trim_end().ends_with(['.', '!', '?', ':', '"', '”']);
            if !last && (!wrapped || ends_sentence && next_line_starts_upper(lines[k + 1])) {
                breaks.push(pos);
            }
            pos += 1;
        }
        offset += paragraph.len();
        breaks.push(offset.saturating_sub(1));
    }
    breaks
}

fn next_line_starts_upper(line: &str) -> bool {
    line.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"')
}

fn looks_hard_wrapped(lines: &[&str]) -> bool {
    if lines.len() < 3 {
        return false;
    }
    let long = lines[..lines.len() - 1].iter().filter(|l| (50..=100).contains(&l.trim_end().chars().count())).count();
    long * 4 >= (lines.len() - 1) * 3
}

fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let tok = &tokens[i];
    let word = tok.text(text);
    let next = &tokens[i + 1];
    let next_text = next.text(text);
    let next_opens = next_text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || matches!(next_text, "\"" | "“" | "'" | "‘" | "(" | "[");
    if tok.kind == TokenKind::Punct {
        return match word {
            "." | "!" | "?" | "..." => next_opens && (!is_closing(next_text) || next.start > tok.end),
            // a closing quote or bracket right after final punctuation ends the sentence after itself
            "\"" | "”" | "’" | ")" | "'" => {
                i > 0
                    && matches!(tokens[i - 1].text(text), "." | "!" | "?")
                    && tokens[i - 1].end == tok.start
                    && next_opens
                    && !is_closing(next_text)
            }
            _ => false,
        };
    }
    if word.ends_with('.') && word.len() > 1 {
        let bare = word.trim_end_matches('.').to_lowercase();
        if TITLE_ABBREVIATIONS.contains(&bare.as_str()) || word.chars().count() == 2 {
            return false; // "Gen. Smith", "J. Smith"
        }
        let starter = SENTENCE_STARTERS.contains(&next_text.to_lowercase().as_str());
        return next_opens && starter;
    }
    false
}

fn is_closing(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | ")" | "]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "Gen. John A. Smith of the U.S.-led coalition said the raid began at 3 p.m. on Friday. Nobody was hurt.";
        assert_eq!(texts(text).len(), 2);
    }

    #[test]
    fn dotted_acronym_can_end_a_sentence() {
        assert_eq!(texts("The envoy flew to the U.S. The talks failed."), ["The envoy flew to the U.S.", "The talks failed."]);
    }

    #[test]
    fn headlines_without_final_punctuation_are_their_own_sentences() {
        let text = "Herdsmen Kill 2, Benue\nHerdsmen attack Benue community, kill father, son";
        assert_eq!(texts(text), ["Herdsmen Kill 2, Benue", "Herdsmen attack Benue community, kill father, son"]);
        assert_eq!(texts("Rebels seize town\n\nRebels seized the town on Monday.").len(), 2);
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        let text = "\"We will respond,\" he said. \"They fled.\" Police arrived.";
        assert_eq!(texts(text), ["\"We will respond,\" he said.", "\"They fled.\"", "Police arrived."]);
    }

    #[test]
    fn hard_wrapped_all_caps_wire_copy_splits_on_periods_only() {
        let text = "SAN SALVADOR, 3 JAN 90 (RADIO) -- THE ARMED FORCES PRESS COMMITTEE REPORTED THAT\n\
                    GUERRILLAS ATTACKED A MILITARY POST IN THE TOWN OF SAN MIGUEL LAST NIGHT\n\
                    AND THAT TWO SOLDIERS WERE KILLED. THE GUERRILLAS FLED TOWARD THE NORTH OF\n\
                    THE DEPARTMENT.";
        let s = texts(text);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with("KILLED."));
    }

    #[test]
    fn sentence_spans_are_code_points() {
        let text = "Ariha – a town. Rebels left.";
        let s = split_sentences(text);
        assert_eq!(s[1].span, Span(16, 28));
    }
}
