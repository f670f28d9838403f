//! The tokenizer: words, numbers, abbreviations, URLs and punctuation, with byte and code-point positions.

use sitrep_model::{CharIndex, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Url,
}

/// One token. `start..end` are byte offsets into the text it came from; `span` the same range in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations that take a period without ending a sentence (compared case-insensitively, without the period).
pub(crate) const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "gov", "sen", "rep", "pres", "prof", "rev",
    "adm", "brig", "cpl", "pvt", "cmdr", "insp", "supt", "st", "mt", "no", "nos", "vs", "fig", "approx", "gens",
];
/// Abbreviations that usually do not end a sentence but may ("in the U.S. The next day").
pub(crate) const OTHER_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp",
    "jr", "sr", "etc", "e.g", "i.e", "a.m", "p.m", "u.s", "u.n", "u.k", "e.u", "u.s.a", "d.c", "ft", "km", "al",
];

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    TITLE_ABBREVIATIONS.contains(&lower.as_str()) || OTHER_ABBREVIATIONS.contains(&lower.as_str())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let index = CharIndex::new(text);
    tokenize_with(text, &index)
}

pub(crate) fn tokenize_with(text: &str, index: &CharIndex) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        let rest = &text[chars[i].0..];
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            while i < chars.len() && !chars[i].1.is_whitespace() {
                i += 1;
            }
            while i > start + 1 && matches!(ch(i - 1), Some('.' | ',' | ';' | ':' | ')' | '!' | '?' | '"' | '\'')) {
                i -= 1;
            }
            kind = TokenKind::Url;
        } else if matches!(c, 'n' | 'N')
            && matches!(ch(i + 1), Some('\'' | '’'))
            && matches!(ch(i + 2), Some('t' | 'T'))
            && !ch(i + 3).is_some_and(is_word_char)
        {
            i += 3;
            kind = TokenKind::Word;
        } else if is_word_char(c) {
            while let Some(c) = ch(i) {
                if is_word_char(c) {
                    i += 1;
                    continue;
                }
                let next = ch(i + 1);
                let prev = ch(i.wrapping_sub(1));
                let next_is_word = next.is_some_and(is_word_char);
                match c {
                    // hyphenated compounds ("U.S.-led", "al-Shabaab", "F/A-18E")
                    '-' | '/' if next_is_word => {
                        i += 1;
                    }
                    // decimals and thousands separators ("3.5", "1,200")
                    '.' | ',' if all_digits_since(&chars, start, i) && next.is_some_and(|n| n.is_ascii_digit()) => {
                        i += 1;
                    }
                    // "U.S.-led": a dotted acronym's period followed by a hyphenated suffix
                    '.' if next == Some('-')
                        && ch(i + 2).is_some_and(is_word_char)
                        && text[byte_at(start)..byte_at(i)].contains('.') =>
                    {
                        i += 1;
                    }
                    // dotted abbreviations ("U.S", "p.m") keep their inner periods
                    '.' if next.is_some_and(char::is_alphabetic)
                        && prev.is_some_and(char::is_alphabetic)
                        && letters_since(&chars, start, i) <= 2 =>
                    {
                        i += 1;
                    }
                    // apostrophes inside names ("O'Brien") but not possessives ("Russia's") or "n't"
                    '\'' | '’' if next_is_word => {
                        let after = ch(i + 2);
                        let possessive = matches!(next, Some('s' | 'S')) && !after.is_some_and(is_word_char);
                        let negation = matches!(prev, Some('n' | 'N')) && matches!(next, Some('t' | 'T'))
                            && !after.is_some_and(is_word_char);
                        if possessive {
                            break;
                        }
                        if negation && i - 1 > start {
                            i -= 1;
                            break;
                        }
                        i += 1;
                    }
                    _ => break,
                }
            }
            // a trailing period belongs to an abbreviation, an initial or a dotted acronym
            if ch(i) == Some('.') {
                let word = &text[byte_at(start)..byte_at(i)];
                let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                if is_abbreviation(word) || single_letter || word.contains('.') && !word.ends_with('.') {
                    i += 1;
                }
            }
            kind = if all_digits_since(&chars, start, i) { TokenKind::Number } else { TokenKind::Word };
        } else if (c == '\'' || c == '’') && matches!(ch(i + 1), Some('s' | 'S')) && !ch(i + 2).is_some_and(is_word_char) {
            i += 2;
            kind = TokenKind::Word;
        } else if matches!(c, '.' ) && ch(i + 1) == Some('.') {
            while ch(i) == Some('.') {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else if c == '-' && ch(i + 1) == Some('-') {
            while ch(i) == Some('-') {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else {
            i += 1;
            kind = TokenKind::Punct;
        }
        if i == start {
            i += 1;
        }
        let (s, e) = (byte_at(start), byte_at(i));
        tokens.push(Token { start: s, end: e, span: index.span(s, e), kind });
    }
    tokens
}

fn all_digits_since(chars: &[(usize, char)], start: usize, end: usize) -> bool {
    chars[start..end].iter().all(|&(_, c)| c.is_ascii_digit() || c == ',' || c == '.')
        && chars[start..end].iter().any(|&(_, c)| c.is_ascii_digit())
}

fn letters_since(chars: &[(usize, char)], start: usize, end: usize) -> usize {
    // letters since the last period or token start: "U.S" → 1 before the second period
    chars[start..end].iter().rev().take_while(|&&(_, c)| c != '.').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keeps_led_compounds_and_dotted_acronyms_whole() {
        assert_eq!(texts("U.S.-led coalition"), ["U.S.-led", "coalition"]);
        assert_eq!(texts("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(texts("Iran-backed Houthis"), ["Iran-backed", "Houthis"]);
    }

    #[test]
    fn keeps_numbers_with_separators() {
        assert_eq!(texts("1,200 people and 3.5 km"), ["1,200", "people", "and", "3.5", "km"]);
        assert_eq!(tokenize("1,200")[0].kind, TokenKind::Number);
    }

    #[test]
    fn splits_possessives_and_negations() {
        assert_eq!(texts("Russia's army didn't attack"), ["Russia", "'s", "army", "did", "n't", "attack"]);
        assert_eq!(texts("O'Brien said"), ["O'Brien", "said"]);
    }

    #[test]
    fn keeps_platform_names_and_urls() {
        assert_eq!(texts("F/A-18E jets"), ["F/A-18E", "jets"]);
        assert_eq!(texts("see https://example.org/a.html."), ["see", "https://example.org/a.html", "."]);
    }

    #[test]
    fn titles_and_initials_keep_their_period() {
        assert_eq!(texts("Gen. J. Smith"), ["Gen.", "J.", "Smith"]);
        assert_eq!(texts("at 3 p.m. today"), ["at", "3", "p.m.", "today"]);
    }

    #[test]
    fn spans_are_code_points() {
        let text = "Señor Dayr – said";
        let toks = tokenize(text);
        assert_eq!(toks[1].span, Span(6, 10));
        assert_eq!(toks[2].span, Span(11, 12));
    }
}
