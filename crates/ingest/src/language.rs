//! Language identification (whatlang: trigram profiles compiled in, offline), so a run over a crawl can leave out
//! the articles the English-only coder cannot read.

/// The language identified for a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Language {
    /// ISO 639-3 code (`"eng"`, `"fra"`, `"rus"`).
    pub code: &'static str,
    /// Confidence, 0 to 1: whatlang's, or the share of English function words for a text decided by them.
    pub confidence: f64,
    /// Whether the guess is safe to act on (whatlang's own judgement, or a decisive function-word count).
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

/// The commonest English function words. Running text in English is 35–50 % these; other languages written in
/// Latin letters share a few of them ("in", "a", "is") but never a quarter of their words nor eight different ones.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "a", "after", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had",
    "has", "have", "he", "his", "it", "its", "not", "of", "on", "said", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "who", "with",
];
/// A text decided by function words needs this many words in its sample, this share of them function words and
/// this many different function words; anything less goes to whatlang.
const FUNCTION_WORD_MIN_WORDS: usize = 40;
const FUNCTION_WORD_MIN_SHARE: f64 = 0.25;
const FUNCTION_WORD_MIN_DISTINCT: usize = 8;
/// The function-word check reads this much of the sample: enough words to count, a fraction of whatlang's cost.
const FUNCTION_WORD_SAMPLE_BYTES: usize = 1500;

/// The share of English function words in the sample when it is decisive (plenty of words, a quarter or more of
/// them function words, eight or more different ones), else `None`. Costs a few microseconds where whatlang's
/// trigram scoring costs tens, and most of a news crawl is plainly English.
fn english_function_word_share(sample: &str) -> Option<f64> {
    let mut end = sample.len().min(FUNCTION_WORD_SAMPLE_BYTES);
    while !sample.is_char_boundary(end) {
        end -= 1;
    }
    let mut words = 0usize;
    let mut hits = 0usize;
    let mut seen = [false; ENGLISH_FUNCTION_WORDS.len()];
    let mut lower = String::with_capacity(16);
    for word in sample[..end]
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        if !word.chars().all(|c| c.is_alphabetic() || c == '\'') {
            continue;
        }
        words += 1;
        if word.len() > 5 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if let Ok(i) = ENGLISH_FUNCTION_WORDS.binary_search(&lower.as_str()) {
            hits += 1;
            seen[i] = true;
        }
    }
    let share = hits as f64 / words.max(1) as f64;
    let distinct = seen.iter().filter(|&&s| s).count();
    (words >= FUNCTION_WORD_MIN_WORDS
        && share >= FUNCTION_WORD_MIN_SHARE
        && distinct >= FUNCTION_WORD_MIN_DISTINCT)
        .then_some(share)
}

/// Identifies the language of `text` from its first few thousand characters; `None` when the text is too short or
/// whatlang has no guess. Plainly English text (by its function words) is decided without whatlang.
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
    if let Some(share) = english_function_word_share(sample) {
        return Some(Language {
            code: "eng",
            confidence: (share * 2.0).min(1.0),
            reliable: true,
        });
    }
    let info = whatlang::detect(sample)?;
    Some(Language {
        code: info.lang().code(),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
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
    fn function_word_list_is_sorted_for_binary_search() {
        assert!(ENGLISH_FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn plain_english_is_decided_by_function_words() {
        let text = "Rebel fighters seized the town of Kidal on Monday after two days of fighting with government \
            troops, residents said. The army said it had withdrawn to the airport and that its commanders were \
            preparing a counter-attack. It was the third time this year that the town has changed hands, and \
            aid agencies said they had suspended their work in the area.";
        assert!(english_function_word_share(text).is_some());
        assert_eq!(identify_language(text).unwrap().code, "eng");
    }

    #[test]
    fn other_languages_are_not_taken_for_english_by_function_words() {
        let texts = [
            // Dutch and German share "in", "is", "was", "an" with English
            "De rebellen hebben de stad na twee dagen van gevechten met het leger ingenomen, zeiden bewoners. Het \
             leger was in de buurt van het vliegveld en er is een tegenaanval in voorbereiding. Het is de derde keer \
             dit jaar dat de stad in andere handen is gekomen, en hulporganisaties hebben hun werk in het gebied \
             stopgezet.",
            "Die Rebellen haben die Stadt am Montag nach zweitägigen Kämpfen mit Regierungstruppen eingenommen, \
             sagten Anwohner. Was die Armee an dem Flughafen plant, ist unklar, in der Stadt herrscht Angst. Es ist \
             das dritte Mal in diesem Jahr, dass die Stadt den Besitzer wechselt, und Hilfsorganisationen haben \
             ihre Arbeit in der Region eingestellt.",
            "Les rebelles ont pris la ville lundi après deux jours de combats avec l'armée, a dit un habitant. On \
             ne sait pas ce que l'armée prépare à l'aéroport, a indiqué un responsable. C'est la troisième fois \
             cette année que la ville change de mains, et les organisations humanitaires ont suspendu leur travail.",
        ];
        for text in texts {
            assert_eq!(english_function_word_share(text), None, "{text}");
            assert!(
                identify_language(text).unwrap().is_reliably_not_english(),
                "{text}"
            );
        }
    }

    #[test]
    fn short_texts_are_not_judged() {
        assert_eq!(identify_language("Kabul, 3 May"), None);
    }
}
