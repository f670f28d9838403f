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

/// Whether the tagger reads the token at byte `start` of the sentence as a main verb (PETRARCH codes only verbs:
/// "an attack by X" is no ATTACK, and a modal or auxiliary, "should be resolved", is no verb of its own).
/// `tags` are the sentence's UPOS tags, one per token.
pub(crate) fn is_verb_at(text: &str, sentence: &Sentence, tags: &[String], start: usize) -> bool {
    let Some(i) = sentence.tokens.iter().position(|t| t.start - sentence.start >= start) else { return false };
    if tags.get(i).is_some_and(|t| t == "VERB") {
        return true;
    }
    // "has begun to question": a bare word after a verb and "to" is an infinitive, whatever the tagger says
    let word = sentence.tokens[i].text(text);
    i >= 2
        && sentence.tokens[i - 1].text(text).eq_ignore_ascii_case("to")
        && tags.get(i - 2).is_some_and(|t| t == "VERB")
        && !word.ends_with(['s', 'S'])
        && !word.to_lowercase().ends_with("ed")
        && !word.to_lowercase().ends_with("ing")
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
    /// Mentions inside words the pattern took as its own ("swiss francs" for `* &CURRENCY`): no party.
    pub excluded: Vec<&'m Mention>,
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
            let excluded = actor_mentions
                .iter()
                .zip(&actor_spans)
                .filter(|(_, &(a, b))| m.literal.iter().any(|&(x, y)| a < y && x < b))
                .map(|(mention, _)| *mention)
                .collect();
            Some(DictionaryReading {
                cameo,
                reverse_cameo: pattern.reverse_cameo.clone(),
                source: m.source.map(|i| actor_mentions[i]),
                target: m.target.map(|i| actor_mentions[i]),
                compound: m.compound.map(|i| (actor_mentions[i], m.compound_before)),
                negation_in_pattern,
                excluded,
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
            excluded: Vec::new(),
        }),
    }
}

/// Where a dictionary verb stands: the sentence text, the verb's bytes, the sentence's mentions, and the sources
/// of the dictionary verb before it in the sentence (for "X condemned … and promised …").
pub(crate) struct VerbContext<'s, 'm> {
    pub s: &'s str,
    pub trigger: (usize, usize),
    pub mentions: &'m [Mention],
    pub previous_sources: Option<&'s [&'m Mention]>,
}

const SUBJECT_PRONOUNS: &[&str] = &["it", "they", "he", "she", "we"];
/// Words that end the stretch after a verb where its target may be named.
const TARGET_STOPS: &[&str] = &["after", "before", "when", "while", "because", "said", "says", "who", "which", "that", "but", "and"];

/// The sources and targets of a dictionary verb's event: the pattern's `$` and `+` where it has them, else the
/// sentence's roles (`actors`, `recipients`); a `%` compound before the verb is the source, after it the target.
/// As PETRARCH reads a parse, a verb right after "and" shares the subject of the verb before it, a pronoun
/// subject ("Ethiopia indicated it would act") stands for the actor named before it, and an actor named in a
/// phrase after the verb ("warned of the Prince") is the target when the roles found none. The flag says the
/// sources act on one another: a compound before the verb with no target, or a paired code (`[064:064]`) with no
/// one but the sources.
pub(crate) fn parties<'m>(
    r: &DictionaryReading<'m>,
    actors: &[&'m Mention],
    recipients: &[&'m Mention],
    at: &VerbContext<'_, 'm>,
) -> (Vec<&'m Mention>, Vec<&'m Mention>, bool) {
    let is = |a: &Mention, b: &Mention| std::ptr::eq(a, b);
    let excluded = |m: &Mention| r.excluded.iter().any(|x| is(x, m));
    let words_before: Vec<String> =
        at.s[..at.trigger.0].split_whitespace().rev().take(2).map(|w| w.to_lowercase()).collect();
    let shares_subject = words_before.first().is_some_and(|w| w == "and");
    let mut sources: Vec<&Mention> = match (r.source, at.previous_sources) {
        (Some(m), _) => vec![m],
        (None, Some(previous)) if shares_subject && !previous.is_empty() => previous.to_vec(),
        (None, _) => actors.iter().copied().filter(|m| !excluded(m)).collect(),
    };
    let mut targets: Vec<&Mention> =
        r.target.map_or_else(|| recipients.iter().copied().filter(|m| !excluded(m)).collect(), |m| vec![m]);
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
    if sources.is_empty() {
        sources.extend(pronoun_antecedent(at, &targets));
    }
    if targets.is_empty() && !reciprocal {
        targets.extend(named_after(at, &sources, &r.excluded));
    }
    // a party the pattern put on one side is not on the other
    let named = |m: &&Mention, side: Option<&Mention>| side.is_some_and(|n| is(m, n));
    targets.retain(|t| !named(t, r.source) && !sources.iter().any(|s| is(s, t)));
    sources.retain(|s| !named(s, r.target));
    if r.reverse_cameo.is_some() && targets.is_empty() {
        reciprocal = true;
    }
    (sources, targets, reciprocal)
}

/// "Ethiopia indicated it would act": a subject pronoun among the few words before the verb stands for the actor
/// named last before it.
fn pronoun_antecedent<'m>(at: &VerbContext<'_, 'm>, targets: &[&'m Mention]) -> Option<&'m Mention> {
    let head = &at.s[..at.trigger.0];
    // byte offsets of the words before the verb, nearest first
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in head.char_indices().chain(std::iter::once((head.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, &head[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let pronoun = words
        .iter()
        .rev()
        .take(4)
        .find(|(_, w)| SUBJECT_PRONOUNS.contains(&w.to_lowercase().as_str()))
        .map(|(offset, _)| *offset)?;
    at.mentions
        .iter()
        .filter(|m| m.is_actor() && m.end <= pronoun && !targets.iter().any(|t| std::ptr::eq(*t, *m)))
        .max_by_key(|m| m.end)
}

/// The first actor named after the verb in its clause, whether or not the sentence's roles read it as a place
/// ("warned of the Prince of Dol Amroth", "bargain for asylum in Gondor").
fn named_after<'m>(at: &VerbContext<'_, 'm>, sources: &[&'m Mention], excluded: &[&'m Mention]) -> Option<&'m Mention> {
    at.mentions
        .iter()
        .filter(|m| m.start >= at.trigger.1 && !m.modifier)
        .filter(|m| !sources.iter().chain(excluded).any(|o| std::ptr::eq(*o, *m)))
        .min_by_key(|m| m.start)
        .filter(|m| {
            let gap = &at.s[at.trigger.1..m.start];
            !gap.contains([',', ';', ':'])
                && !gap.split_whitespace().any(|w| TARGET_STOPS.contains(&w.to_lowercase().as_str()))
        })
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
