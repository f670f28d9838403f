//! Language identification (whatlang: trigram profiles compiled in, offline), so a run over a crawl can leave out
//! the articles the English-only coder cannot read.

/// The language identified for a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Language {
    /// ISO 639-3 code (`"eng"`, `"fra"`, `"rus"`).
    pub code: &'static str,
    /// whatlang's confidence, 0 to 1.
    pub confidence: f64,
    /// whatlang's own judgement that the guess is safe to act on.
    pub reliable: bool,
}

impl Language {
    /// Whether a document in this language should be left out of an English-only run: only a reliable
    /// identification of another language counts, so a short or mixed text is coded rather than lost.
    pub fn is_reliably_not_english(&self) -> bool {
        self.reliable && self.code != "eng"
    }
}

/// Texts shorter than this are not identified (a headline or a dateline says too little).
const MIN_CHARS: usize = 40;
/// Only the start of a text is looked at: a few thousand characters decide as well as the whole and cost less.
const SAMPLE_BYTES: usize = 4000;

/// Identifies the language of `text` from its first few thousand characters; `None` when the text is too short or
/// whatlang has no guess.
///
/// ```
/// let lang = sitrep_ingest::identify_language(
///     "Les rebelles ont pris la ville après deux jours de combats avec l'armée, selon des habitants.",
/// ).unwrap();
/// assert_eq!(lang.code, "fra");
/// ```
pub fn identify_language(text: &str) -> Option<Language> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_CHARS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    Some(Language { code: info.lang().code(), confidence: info.confidence(), reliable: info.is_reliable() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_other_languages() {
        let en = identify_language("Rebel fighters seized the town on Monday after two days of fighting with government troops, residents said.").unwrap();
        assert_eq!(en.code, "eng");
        assert!(!en.is_reliably_not_english());
        let es = identify_language("Los rebeldes tomaron la ciudad el lunes tras dos días de combates con las tropas del gobierno, dijeron los vecinos.").unwrap();
        assert_eq!(es.code, "spa");
        assert!(es.is_reliably_not_english());
        let ru = identify_language("Повстанцы захватили город в понедельник после двух дней боёв с правительственными войсками.").unwrap();
        assert_eq!(ru.code, "rus");
    }

    #[test]
    fn short_texts_are_not_judged() {
        assert_eq!(identify_language("Kabul, 3 May"), None);
    }
}
