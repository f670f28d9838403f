//! Verbs from a PETRARCH/TABARI verb dictionary (`--dictionaries`), coded the dictionary's way: a verb counts only
//! where the tagger reads it as a verb; its patterns (words before and after the verb, synsets, `$` source,
//! `+` target, `%` compound, `^` skipped phrase) pick the code and may name the parties; a paired code
//! `[031:032]` also codes what the target does in return; a compound that acts on no one else acts on itself
//! ("Gondor and Osgiliath renewed ties": each with the other).

use sitrep_lexicon::{PatternItem, TriggerEntry};
use sitrep_nlp::Sentence;

use crate::mentions::Mention;

/// The words of a sentence as a dictionary pattern sees them: lower case, punctuation left out, each with the
/// byte range (into the sentence text) of its token.
pub(crate) struct PatternWords {
    pub words: Vec<String>,
    pub ranges: Vec<(usize, usize)>,
}

impl PatternWords {
    pub(crate) fn new(text: &str, sentence: &Sentence) -> PatternWords {
        let mut words = Vec::new();
        let mut ranges = Vec::new();
        for t in &sentence.tokens {
            let w = t.text(text);
            if !w.chars().any(char::is_alphanumeric) {
                continue;
            }
            words.push(w.to_lowercase());
            ranges.push((t.start - sentence.start, t.end - sentence.start));
        }
        PatternWords { words, ranges }
    }

    /// The word indexes `[first, last + 1)` covering the byte range `a..b` of the sentence, if any word is in it.
    fn span(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let first = self.ranges.iter().position(|&(s, e)| s < b && a < e)?;
        let last = self.ranges.iter().rposition(|&(s, e)| s < b && a < e)?;
        Some((first, last + 1))
    }
}

/// Whether the tagger reads the token at byte `start` of the sentence as a verb (PETRARCH codes only verbs:
/// "an attack by X" is no ATTACK). `tags` are the sentence's UPOS tags, one per token.
pub(crate) fn is_verb_at(sentence: &Sentence, tags: &[String], start: usize) -> bool {
    let Some(i) = sentence.tokens.iter().position(|t| t.start - sentence.start >= start) else { return false };
    tags.get(i).is_some_and(|t| t == "VERB" || t == "AUX")
}

/// UPOS tags of the sentence's tokens from the built-in tagger.
pub(crate) fn tag_sentence(text: &str, sentence: &Sentence) -> Vec<String> {
    let Ok(pipeline) = sitrep_nlp::Pipeline::builtin() else { return Vec::new() };
    let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.text(text)).collect();
    let tagger = pipeline.tagger();
    tagger.tag(&forms).into_iter().map(|c| tagger.upos(c).to_string()).collect()
}

/// How a dictionary verb codes in its sentence.
pub(crate) struct DictionaryReading<'m> {
    pub cameo: String,
    /// What the target does to the source in return (paired codes).
    pub reverse_cameo: Option<String>,
    /// Parties the pattern named (`$`, `+`), else None: the sentence's roles decide.
    pub source: Option<&'m Mention>,
    pub target: Option<&'m Mention>,
    /// A compound the pattern named (`%`), and whether it stands before the verb (its members act on one another
    /// unless someone else is the target) or after it (they are the targets).
    pub compound: Option<(&'m Mention, bool)>,
    /// The pattern spells out a negation before the verb ("&NEGATVAUXVRB * OVER EFFORTS"): its code already says it.
    pub negation_in_pattern: bool,
}

const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "neither", "nor", "declined", "refused"];

/// The code and parties of the dictionary verb `entry` at bytes `trigger` of the sentence; None when the verb's
/// code is null and no pattern gives one, or when the pattern that matches has the null code.
pub(crate) fn read<'m>(
    entry: &TriggerEntry,
    words: &PatternWords,
    trigger: (usize, usize),
    mentions: &'m [Mention],
) -> Option<DictionaryReading<'m>> {
    let dictionary = entry.dictionary.as_ref()?;
    let actors: Vec<&Mention> = mentions.iter().filter(|m| m.is_actor()).collect();
    let mut actor_spans = Vec::new();
    let mut actor_mentions = Vec::new();
    for m in &actors {
        if let Some(span) = words.span(m.start, m.end) {
            actor_spans.push(span);
            actor_mentions.push(*m);
        }
    }
    let verb = words.span(trigger.0, trigger.1)?;
    let refs: Vec<&str> = words.words.iter().map(String::as_str).collect();
    match entry.best_pattern(&refs, verb, &actor_spans) {
        Some((pattern, m)) => {
            let cameo = pattern.cameo.clone()?;
            let negation_in_pattern = pattern.before.iter().any(|e| match &e.item {
                PatternItem::Words(alts) => alts.iter().flatten().any(|w| NEGATIONS.contains(&w.as_str())),
                _ => false,
            });
            Some(DictionaryReading {
                cameo,
                reverse_cameo: pattern.reverse_cameo.clone(),
                source: m.source.map(|i| actor_mentions[i]),
                target: m.target.map(|i| actor_mentions[i]),
                compound: m.compound.map(|i| (actor_mentions[i], m.compound_before)),
                negation_in_pattern,
            })
        }
        None if dictionary.null_coded => None,
        None => Some(DictionaryReading {
            cameo: entry.cameo.clone(),
            reverse_cameo: dictionary.reverse_cameo.clone(),
            source: None,
            target: None,
            compound: None,
            negation_in_pattern: false,
        }),
    }
}

/// The sources and targets of a dictionary verb's event: the pattern's `$` and `+` where it has them, else the
/// sentence's roles (`actors`, `recipients`); a `%` compound before the verb is the source, after it the target.
/// The flag says the sources act on one another: a compound before the verb with no target, or a paired code
/// (`[064:064]`) with no one but the sources.
pub(crate) fn parties<'m>(
    r: &DictionaryReading<'m>,
    actors: &[&'m Mention],
    recipients: &[&'m Mention],
) -> (Vec<&'m Mention>, Vec<&'m Mention>, bool) {
    let mut sources: Vec<&Mention> = r.source.map_or_else(|| actors.to_vec(), |m| vec![m]);
    let mut targets: Vec<&Mention> = r.target.map_or_else(|| recipients.to_vec(), |m| vec![m]);
    let mut reciprocal = false;
    if let Some((m, before)) = r.compound {
        if before {
            sources = vec![m];
            if r.target.is_none() {
                targets.clear();
                reciprocal = true;
            }
        } else {
            targets = vec![m];
        }
    }
    // a party the pattern put on one side is not on the other
    let named = |m: &&Mention, side: Option<&Mention>| side.is_some_and(|n| std::ptr::eq(*m, n));
    targets.retain(|t| !named(t, r.source) && !sources.iter().any(|s| std::ptr::eq(*s, *t)));
    sources.retain(|s| !named(s, r.target));
    if r.reverse_cameo.is_some() && targets.is_empty() {
        reciprocal = true;
    }
    (sources, targets, reciprocal)
}

/// The events a dictionary verb's event stands for: itself, and with a paired code what the target does in
/// return; sources that act on one another give one event per ordered pair of them.
pub(crate) fn codings(event: sitrep_model::Event, reverse: Option<&str>, reciprocal: bool) -> Vec<sitrep_model::Event> {
    let with = |actors: Vec<sitrep_model::Actor>, recipients: Vec<sitrep_model::Actor>, cameo: &str| {
        let mut e = event.clone();
        e.actors = actors;
        e.recipients = recipients;
        e.event_type = sitrep_lexicon::petrarch::plover_of_cameo(cameo);
        e.cameo = Some(cameo.to_string());
        e
    };
    let cameo = event.cameo.clone().unwrap_or_default();
    if reciprocal && event.recipients.is_empty() && event.actors.len() >= 2 {
        let members = &event.actors;
        let mut out = Vec::new();
        for i in 0..members.len() {
            for j in i + 1..members.len() {
                out.push(with(vec![members[i].clone()], vec![members[j].clone()], &cameo));
                out.push(with(vec![members[j].clone()], vec![members[i].clone()], reverse.unwrap_or(&cameo)));
            }
        }
        return out;
    }
    match reverse {
        Some(rev) if !event.actors.is_empty() && !event.recipients.is_empty() => {
            let back = with(event.recipients.clone(), event.actors.clone(), rev);
            vec![event, back]
        }
        _ => vec![event],
    }
}
