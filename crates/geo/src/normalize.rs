//! Name keys: how place names are compared. The same code builds the index (through `build.rs`, which includes
//! this file) and reads the text, so both sides of a lookup are normalised alike.
//!
//! Two keys:
//! - [`name_key`], the exact key: lower case, diacritics stripped, apostrophes and transliteration marks (ʿ ʾ)
//!   dropped, hyphens and dots as spaces, Arabic articles (al-, el-, ez-, as-, ad-, an-, ash-, …) dropped before
//!   another word, or written solid after the first word ("Ezzor", "Arrastan"), Dayr/Dair/Der → Deir. "Deir
//!   ez-Zor", "Deir al-Zor", "deir el zor" and "Deir Ezzor" share one key.
//! - [`loose_key`], the fallback used only when the exact key finds nothing: a consonant skeleton of the exact key
//!   (kh → k, q → k, sh → s, gh → g, ph → f, th → t, dh → d; vowels, h, w and y dropped; doubled letters single;
//!   spaces dropped). "Khusham", "Khasham" and "Kusham" share one; "Dayr az Zawr" and "Deir ez-Zor" too.
//!   Skeletons shorter than [`MIN_LOOSE_LEN`] are not used: too many names share them.

use unicode_normalization::UnicodeNormalization;

/// Shortest consonant skeleton the loose index answers for.
pub const MIN_LOOSE_LEN: usize = 3;

/// Arabic articles as transliterated ("al-Zor", "ez-Zor", "ash-Sham", "ad-Dana") and dropped before another word.
const ARTICLES: &[&str] = &["al", "el", "ez", "az", "as", "es", "ad", "ed", "an", "en", "ar", "er", "ash", "esh", "at", "et", "adh", "ath", "ul"];

/// Whether a lower-case word is an Arabic article as transliterated ("al", "ez", "ash").
pub fn is_article(word: &str) -> bool {
    ARTICLES.contains(&word)
}

/// Folds one character to the letters it is written with in an ASCII key; `None` drops it.
fn fold_char(c: char, out: &mut String) {
    match c {
        // most names are plain ASCII: the general Unicode lower-casing below is several times slower
        c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ı' => out.push('i'),
        'þ' | 'Þ' => out.push_str("th"),
        // apostrophes and transliteration marks (ayn, hamza) join the letters around them: "Ma'arrat" = "Maarrat"
        '\'' | '’' | '‘' | '`' | '´' | 'ʿ' | 'ʾ' | 'ʻ' | 'ʼ' | 'ʹ' => {}
        // Arabic letters written several ways
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ة' => out.push('ه'),
        'ى' => out.push('ي'),
        'ё' | 'Ё' => out.push('е'),
        c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
        // hyphens, dots, commas, brackets: word separators
        _ => out.push(' '),
    }
}

/// The exact lookup key of a name (see the module documentation).
pub fn name_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len() + 4);
    if name.is_ascii() {
        for c in name.chars() {
            fold_char(c, &mut folded);
        }
    } else {
        // NFD splits "é" into "e" + a combining accent; combining marks (and Arabic short vowels) are dropped
        for c in name.nfd() {
            if !unicode_normalization::char::is_combining_mark(c) {
                fold_char(c, &mut folded);
            }
        }
    }
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut key = String::with_capacity(folded.len());
    for (i, word) in words.iter().enumerate() {
        // an article before another word goes: "Deir ez Zor" → "deir zor"; a name that is only "As" stays
        if i + 1 < words.len() && ARTICLES.contains(word) {
            continue;
        }
        let word = match *word {
            "dayr" | "dair" | "deyr" | "der" => "deir",
            // an article written solid with the sun letter it assimilates to: "Deir Ezzor" = "Deir ez-Zor"
            w if i > 0 => without_solid_article(w),
            w => w,
        };
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// Letters an Arabic article assimilates to ("sun letters" as transliterated), doubled when the article is written
/// solid with the word: "ez-Zor" → "Ezzor", "ar-Rastan" → "Errastan", "as-Suwayda" → "Assuwayda".
const SUN_LETTERS: &[u8] = b"tdrzsn";

/// A word after the first that starts with a solid article ("ezzor", "arrastan") without it ("zor", "rastan").
/// Both sides of a lookup go through this, so a name that merely looks like one ("North Attleborough") still
/// finds itself.
fn without_solid_article(word: &str) -> &str {
    let b = word.as_bytes();
    if b.len() >= 5 && matches!(b[0], b'a' | b'e') && b[1] == b[2] && SUN_LETTERS.contains(&b[1]) {
        &word[2..]
    } else {
        word
    }
}

/// The loose key of an exact key (see the module documentation); empty when too short to be useful.
pub fn loose_key(exact: &str) -> String {
    let skeleton = skeleton(exact);
    if skeleton.chars().count() < MIN_LOOSE_LEN || !skeleton.is_ascii() {
        return String::new();
    }
    skeleton
}

/// The consonant skeleton of an exact key, however short ("Ar Raqqah" and "Raqqa" → `rk`).
pub fn skeleton(exact: &str) -> String {
    let bytes: Vec<char> = exact.chars().collect();
    let mut skeleton = String::with_capacity(exact.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        let mapped = match (c, next) {
            ('k', Some('h')) | ('g', Some('h')) | ('s', Some('h')) | ('p', Some('h')) | ('t', Some('h')) | ('d', Some('h')) | ('c', Some('h')) => {
                i += 1;
                match c {
                    'k' | 'c' => 'k',
                    'p' => 'f',
                    other => other,
                }
            }
            ('q', _) | ('c', _) => 'k',
            ('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' | ' ', _) => {
                i += 1;
                continue;
            }
            (c, _) => c,
        };
        i += 1;
        if !skeleton.ends_with(mapped) {
            skeleton.push(mapped);
        }
    }
    skeleton
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_hyphens_and_dayr_share_an_exact_key() {
        let k = name_key("Deir ez-Zor");
        assert_eq!(k, "deir zor");
        assert_eq!(name_key("Deir al-Zor"), k);
        assert_eq!(name_key("deir el zor"), k);
        assert_eq!(name_key("Dayr az-Zor"), k);
        assert_eq!(name_key("Ras al-Ain"), name_key("Ras al Ain"));
    }

    #[test]
    fn diacritics_apostrophes_and_case_fold() {
        assert_eq!(name_key("Maʿarrat al-Nuʿman"), name_key("Maarrat al-Numan"));
        assert_eq!(name_key("São Paulo"), "sao paulo");
        assert_eq!(name_key("KHARKIV"), "kharkiv");
        assert_eq!(name_key("Kramators’k"), "kramatorsk");
        assert_eq!(name_key("Bağdat"), "bagdat");
    }

    #[test]
    fn articles_written_solid_and_der_share_the_exact_key() {
        let k = name_key("Deir ez-Zor");
        assert_eq!(name_key("Deir Ezzor"), k);
        assert_eq!(name_key("Der-Ezzor"), k);
        assert_eq!(name_key("Deir Ezzor"), name_key("DEIR EZZOR"));
        assert_eq!(name_key("Tell Errastan"), name_key("Tell ar-Rastan"));
        // only after the first word, and only with a doubled sun letter
        assert_eq!(name_key("Essen"), "essen");
        assert_eq!(name_key("Port Allen"), "port allen");
        assert_eq!(name_key("Ras Ezor"), "ras ezor");
    }

    #[test]
    fn a_lone_article_is_a_name() {
        assert_eq!(name_key("As"), "as");
    }

    #[test]
    fn arabic_and_cyrillic_letters_written_several_ways_fold() {
        assert_eq!(name_key("إدلب"), name_key("ادلب"));
        assert_eq!(name_key("Идлиб"), "идлиб");
        assert_eq!(name_key("Королёв"), name_key("Королев"));
    }

    #[test]
    fn loose_key_joins_transliteration_variants() {
        let k = loose_key(&name_key("Khusham"));
        assert_eq!(k, "ksm");
        assert_eq!(k, loose_key(&name_key("Khasham")));
        assert_eq!(k, loose_key(&name_key("Kusham")));
        let d = loose_key(&name_key("Deir ez-Zor"));
        assert_eq!(d, "drzr");
        assert_eq!(d, loose_key(&name_key("Dayr az Zawr")));
        assert_eq!(d, loose_key(&name_key("Deir Ezzor")));
        assert_eq!(loose_key(&name_key("Qamishli")), loose_key(&name_key("Kamishli")));
        assert_eq!(loose_key(&name_key("Mosul")), "msl");
        assert_eq!(loose_key(&name_key("Mousul")), "msl");
    }

    #[test]
    fn short_skeletons_are_not_used() {
        assert_eq!(loose_key(&name_key("Homs")), "");
        assert_eq!(loose_key(&name_key("Hama")), "");
    }
}
