//! Country names as gold sets spell them ("Russia (Soviet Union)", "DR Congo (Zaire)", "Macedonia, FYR") mapped to
//! ISO 3166-1 alpha-3 through the lexicon's names and aliases.

use std::collections::{HashMap, HashSet};

use sitrep_lexicon::Lexicon;

/// Lower case, every run of non-alphanumeric characters one space, trimmed.
pub(crate) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The normalised words of `s`.
pub(crate) fn words(s: &str) -> Vec<String> {
    normalise(s).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

pub(crate) struct Countries {
    lexicon: &'static Lexicon,
    by_name: HashMap<String, String>,
    /// Single-word country names, aliases and demonyms ("syria", "syrian", "afghans").
    geo_words: HashSet<String>,
}

impl Countries {
    pub(crate) fn builtin() -> Self {
        let lexicon = Lexicon::builtin();
        let mut by_name = HashMap::new();
        let mut geo_words = HashSet::new();
        for c in &lexicon.countries {
            for form in std::iter::once(&c.name).chain(&c.aliases) {
                by_name.entry(normalise(form)).or_insert_with(|| c.iso3.clone());
            }
            for form in std::iter::once(&c.name).chain(&c.aliases).chain(&c.demonyms) {
                let n = normalise(form);
                if !n.is_empty() && !n.contains(' ') {
                    geo_words.insert(n);
                }
            }
        }
        Countries { lexicon, by_name, geo_words }
    }

    /// The ISO3 code of a country name: the whole name, then without a parenthesis ("Russia (Soviet Union)"), then
    /// the parenthesis, then the part before a comma ("Macedonia, FYR").
    pub(crate) fn iso3(&self, name: &str) -> Option<&str> {
        let look = |s: &str| self.by_name.get(&normalise(s)).map(String::as_str);
        if let Some(code) = look(name) {
            return Some(code);
        }
        if let (Some(open), Some(close)) = (name.find('('), name.rfind(')')) {
            if open < close {
                let outside = format!("{} {}", &name[..open], &name[close + 1..]);
                if let Some(code) = look(&outside).or_else(|| look(&name[open + 1..close])) {
                    return Some(code);
                }
            }
        }
        if let Some((head, _)) = name.split_once(',') {
            return look(head);
        }
        None
    }

    /// The lexicon's name of an ISO3 country.
    pub(crate) fn name_of(&self, iso3: &str) -> Option<&'static str> {
        self.lexicon.country(iso3).map(|c| c.name.as_str())
    }

    /// True for a one-word country name, alias or demonym (normalised).
    pub(crate) fn is_geo_word(&self, word: &str) -> bool {
        self.geo_words.contains(word)
    }

    /// True when `code` is a country the lexicon knows.
    pub(crate) fn is_country(&self, iso3: &str) -> bool {
        self.lexicon.country(iso3).is_some()
    }

    pub(crate) fn lexicon(&self) -> &'static Lexicon {
        self.lexicon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_punctuation() {
        assert_eq!(normalise("  Hay'at Tahrir al-Sham! "), "hay at tahrir al sham");
        assert_eq!(words("CPN-M"), ["cpn", "m"]);
    }

    #[test]
    fn ged_country_names_map_to_iso3() {
        let c = Countries::builtin();
        for (name, iso) in [
            ("Syria", "SYR"),
            ("Russia (Soviet Union)", "RUS"),
            ("DR Congo (Zaire)", "COD"),
            ("Myanmar (Burma)", "MMR"),
            ("Yemen (North Yemen)", "YEM"),
            ("Kingdom of eSwatini (Swaziland)", "SWZ"),
            ("Bosnia-Herzegovina", "BIH"),
            ("Macedonia, FYR", "MKD"),
            ("Ivory Coast", "CIV"),
            ("Serbia (Yugoslavia)", "SRB"),
        ] {
            assert_eq!(c.iso3(name), Some(iso), "{name}");
        }
        assert_eq!(c.iso3("Atlantis"), None);
        assert!(c.is_geo_word("syrian"));
        assert_eq!(c.name_of("SYR"), Some("Syria"));
    }
}
