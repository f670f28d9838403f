//! One sentence → its events: triggers chosen, then each stage fills its fields.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sitrep_geo::{DocumentContext, Gazetteer, PlaceMention};
use sitrep_lexicon::{ActorKind, Lexicon};
use sitrep_model::{
    Actor, Casualties, CharIndex, Count, CountClaim, Document, Event, EventType, Party, Reporter, Span, Trigger, Weapon,
    SITREP_VERSION,
};
use sitrep_nlp::Sentence;

use crate::attribution::{find_pronoun_reporters, find_reporters, speaker_kind, titled_people, ReporterMention, SpeakerKind};
use crate::counts::{find_counts, CountKind, CountMention};
use crate::crosswalk::refine;
use crate::dating::date_for;
use crate::locating::event_place;
use crate::mentions::{mentions_from_actor_hits, Mention, MentionKind};
use crate::modality::modality_at;
use crate::roles::assign_roles;

/// What the whole document says that helps code each sentence: the countries it mentions, and its focus.
pub(crate) struct DocumentFacts {
    pub focus: Option<String>,
    /// The place in the focus country the document names most: events whose sentence names none take it.
    pub focus_place: Option<sitrep_model::Location>,
    /// The places of each sentence, found once (several events of a sentence share them).
    pub places: Vec<Vec<PlaceMention>>,
    /// The actor dictionary's hits in each sentence, found once for the document's countries and reused to code.
    pub actor_hits: Vec<Vec<sitrep_lexicon::Hit<'static, sitrep_lexicon::ActorEntry>>>,
    /// Whether the text says anyone died: if not, the people it says were shot are its wounded.
    pub mentions_death: bool,
}

impl DocumentFacts {
    /// Every country the document names settles ambiguous place names; `focus`, the fallback
    /// place of events, weighs only where-words: country names, capitals and the towns the gazetteer finds. Demonyms
    /// and groups say who acts ("Russian bombardment", "Turkish shelling"), not where, so they do not count there.
    pub(crate) fn gather(
        lexicon: &'static Lexicon,
        gazetteer: &'static Gazetteer,
        text: &str,
        sentences: &[Sentence],
    ) -> DocumentFacts {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut place_weight: HashMap<String, usize> = HashMap::new();
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let mut named_as_places: HashSet<String> = HashSet::new();
        let actor_hits: Vec<Vec<_>> = sentences.iter().map(|s| lexicon.actors.find(s.text(text))).collect();
        for (i, hits) in actor_hits.iter().enumerate() {
            for hit in hits {
                if let Some(c) = &hit.value.country {
                    *counts.entry(c.clone()).or_default() += 1;
                    if matches!(hit.value.kind, ActorKind::Country | ActorKind::Capital) {
                        // "US soldiers", "Turkey-loyal factions" say who acts, as a demonym does, not where
                        if !modifies_a_party(sentences[i].text(text), hit.end) {
                            named_as_places.insert(c.clone());
                        }
                        *place_weight.entry(c.clone()).or_default() += 1;
                        first_seen.entry(c.clone()).or_insert(i);
                    }
                }
            }
        }
        let context = DocumentContext { countries: counts, named_as_places };
        // the document's places are resolved together: each name is read in the light of the others
        let texts: Vec<&str> = sentences.iter().map(|s| s.text(text)).collect();
        let places = gazetteer.find_in_document(&texts, &context);
        for (i, found) in places.iter().enumerate() {
            for place in found.iter().filter(|p| !p.place.country.is_empty()) {
                *place_weight.entry(place.place.country.to_string()).or_default() += 2;
                first_seen.entry(place.place.country.to_string()).or_insert(i);
            }
        }
        let focus = place_weight
            .iter()
            // the code breaks the last ties: HashMap order differs between runs and the output must not
            .max_by_key(|(c, n)| {
                (**n, std::cmp::Reverse(first_seen.get(*c).copied().unwrap_or(usize::MAX)), std::cmp::Reverse((*c).as_str()))
            })
            .map(|(c, _)| c.clone());
        let focus_place = crate::locating::focus_place(&actor_hits, &places, &texts, focus.as_deref());
        let mentions_death = crate::counts::mentions_any_death(text);
        DocumentFacts { focus, focus_place, places, actor_hits, mentions_death }
    }
}

/// Nouns of parties a country's name may modify: "US soldiers", "Turkey-backed factions", "Russia-loyal militias".
const PARTY_NOUNS: &[&str] = &[
    "soldier", "soldiers", "troops", "forces", "force", "army", "military", "citizen", "citizens", "national",
    "nationals", "warplanes", "warplane", "jets", "aircraft", "drone", "drones", "officials", "official", "officer",
    "officers", "police", "navy", "marines", "special", "embassy", "government", "backed", "led", "loyal", "sponsored",
    "supported", "allied", "fighter", "fighters",
];

/// Is the country's name ending at `end` a modifier of a party ("US soldiers", "Turkey-loyal factions") rather than a
/// place ("in Syria")? Such a name says who acts, as a demonym does: the story does not name the country as a place.
fn modifies_a_party(s: &str, end: usize) -> bool {
    let rest = s.get(end..).unwrap_or("");
    if !(rest.starts_with('-') || rest.starts_with(' ')) {
        return false;
    }
    let next = rest.trim_start_matches('-').split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty());
    next.is_some_and(|w| PARTY_NOUNS.contains(&w.to_lowercase().as_str()))
}

pub(crate) struct SentenceCoder<'a> {
    pub lexicon: &'static Lexicon,
    pub doc: &'a Document,
    pub chars: &'a CharIndex,
    pub reference: Option<NaiveDate>,
    pub facts: &'a DocumentFacts,
    pub index: usize,
    pub is_headline: bool,
    /// Parse sentences that have a trigger and an actor, and take roles from the parse.
    pub use_parse: bool,
    /// The people and organisations earlier sentences named as speakers, for "she said".
    pub speakers: &'a crate::attribution::Speakers,
    /// The sentence's named reporters, found once: coding, loose counts and the speaker memory all read them.
    pub reporters: std::cell::OnceCell<Vec<ReporterMention>>,
    /// Countries guessed for actors named without one, applied once the document's reports are folded.
    pub inferred: &'a std::cell::RefCell<Vec<Inferred>>,
}

type Coding = (EventType, Option<String>, String, Option<sitrep_model::Acled>, sitrep_model::Modality);

/// PLOVER codes what an actor says it will do, not the act: an unasserted (future or hypothetical, not negated)
/// attack, restriction or sanction is a THREATEN; an intended meeting, aid, cooperation or concession is an AGREE
/// (CAMEO 03, "express intent"); "X must do Y" is a REQUEST. The statement itself is asserted, so the flags clear.
fn intent_reading(
    event_type: EventType,
    mode: Option<String>,
    cameo: String,
    acled: Option<sitrep_model::Acled>,
    modality: sitrep_model::Modality,
    words: &[&str],
    trigger: usize,
) -> Coding {
    let asserted = sitrep_model::Modality { future: false, hypothetical: false, ..modality };
    let window = &words[trigger.saturating_sub(4)..trigger];
    if !modality.negated && window.iter().any(|w| w.eq_ignore_ascii_case("must") || w.eq_ignore_ascii_case("should")) {
        return (EventType::Request, None, "100".into(), None, asserted);
    }
    let cooperative = matches!(
        event_type,
        EventType::Consult | EventType::Aid | EventType::Cooperate | EventType::Support | EventType::Agree | EventType::Concede | EventType::Retreat
    );
    if modality.negated && (modality.future || modality.hypothetical) && cooperative {
        // "said it would not meet the demands", "refused to withdraw": a stated refusal is itself a REJECT
        let refusal = sitrep_model::Modality { negated: false, ..asserted };
        return (EventType::Reject, None, "120".into(), None, refusal);
    }
    if modality.negated || !(modality.future || modality.hypothetical) {
        return (event_type, mode, cameo, acled, modality);
    }
    // "will boycott the elections unless the president steps down": a conditional protest or refusal is a threat
    if matches!(event_type, EventType::Protest | EventType::Reject | EventType::Mobilize)
        && words[trigger..].iter().any(|w| w.eq_ignore_ascii_case("unless"))
    {
        return (EventType::Threaten, Some("non-military".into()), "130".into(), None, asserted);
    }
    match event_type {
        EventType::Assault => (EventType::Threaten, Some("violence".into()), "138".into(), None, asserted),
        EventType::Coerce | EventType::Sanction => (EventType::Threaten, Some("restrict".into()), "130".into(), None, asserted),
        EventType::Consult => (EventType::Agree, None, "036".into(), None, asserted),
        EventType::Aid => (EventType::Agree, None, "033".into(), None, asserted),
        EventType::Cooperate | EventType::Support => (EventType::Agree, None, "030".into(), None, asserted),
        EventType::Retreat | EventType::Concede => (EventType::Agree, None, "035".into(), None, asserted),
        _ => (event_type, mode, cameo, acled, modality),
    }
}

/// "must", "has to": a trigger that says what someone is required to do (a REQUEST by whoever says so).
fn is_deontic(trigger: &str) -> bool {
    ["must", "has to", "have to"].iter().any(|d| trigger.eq_ignore_ascii_case(d))
}

/// Civilian nouns: a count of these is the civilians' count.
const CIVILIAN_WORDS: &[&str] = &[
    "civilian", "civilians", "children", "child", "women", "villagers", "residents", "worshippers", "students",
    "passengers", "shoppers", "pilgrims", "farmers", "family", "families", "refugees", "patients",
];

/// Gives a country to an actor the text names without one, from what the text says about it: "troops loyal to
/// Assad" and "fighters allied with Hezbollah" take their patron's country (or group code); "regime forces",
/// "government troops" and "loyalists" are the government of the country the document is about.
fn affiliate_from_context(actor: &mut Actor, s: &str, m: &Mention, mentions: &[Mention], focus: Option<&str>) {
    if actor.country.is_some() || actor.code.is_some() {
        return;
    }
    let after = s[m.end..].trim_start();
    let linked = ["loyal to ", "allied with ", "allied to ", "belonging to ", "affiliated with "]
        .iter()
        .find_map(|link| after.to_lowercase().starts_with(link).then_some(link.len()));
    if let Some(link_len) = linked {
        let from = s.len() - after.len() + link_len;
        let patron = mentions.iter().find(|p| p.start >= from && p.start <= from + 5 && (p.country.is_some() || p.code.is_some()));
        if let Some(p) = patron {
            actor.country = p.country.clone();
            let sector = actor.sector.clone().unwrap_or_default();
            actor.code = match (&p.country, &p.code) {
                (Some(c), _) => Some(format!("{c}{sector}")),
                (None, Some(code)) => Some(code.clone()),
                (None, None) => None,
            };
            return;
        }
    }
    let text = actor.text.to_lowercase();
    let state_side = ["regime", "government", "loyalist", "pro-government", "pro-regime"].iter().any(|w| text.contains(w));
    let state_sector = matches!(actor.sector.as_deref(), Some("GOV" | "MIL" | "COP"));
    if state_side && state_sector {
        if let Some(country) = focus {
            actor.country = Some(country.to_string());
            actor.code = actor.sector.as_ref().map(|sector| format!("{country}{sector}"));
        }
    }
}

/// Gives a country to an actor the text names without one (an agent noun, an unlisted group or title) from the
/// nearest country word of its sentence: a country, demonym or capital (actor or place use) or a town the gazetteer
/// places. "Rebels in the Ivory Coast", "Egyptian police dispersed Moslem fundamentalist demonstrators", "police in
/// Lagos": news names a domestic actor's country near it. International agents ("peacekeepers", "aid agencies")
/// take their sector as the code instead.
fn infer_country(actor: &Actor, m: &Mention, mentions: &[Mention], places: &[PlaceMention]) -> Option<Inferred> {
    if actor.country.is_some() || actor.code.is_some() {
        return None;
    }
    if let Some(sector @ ("IGO" | "NGO")) = actor.sector.as_deref() {
        return Some(Inferred { span: actor.span, country: None, code: Some(sector.to_string()) });
    }
    let distance = |start: usize, end: usize| {
        if end <= m.start {
            m.start - end
        } else if start >= m.end {
            start - m.end
        } else {
            0
        }
    };
    let from_mentions = mentions
        .iter()
        .filter(|n| !(n.start == m.start && n.end == m.end))
        .filter(|n| !(n.start < m.end && m.start < n.end) || n.end - n.start < m.end - m.start)
        .filter_map(|n| Some((distance(n.start, n.end), n.country.clone()?)));
    let from_places = places
        .iter()
        .filter(|p| !p.place.country.is_empty())
        .filter(|p| !mentions.iter().any(|n| n.start < p.end && p.start < n.end))
        .map(|p| (distance(p.start, p.end), p.place.country.to_string()));
    let (_, country) = from_mentions.chain(from_places).min_by_key(|(d, _)| *d)?;
    let code = actor.sector.as_ref().map(|sector| format!("{country}{sector}"));
    Some(Inferred { span: actor.span, country: Some(country), code })
}

/// A country (or IGO/NGO code) guessed for an actor the text names without one. It is applied after reports are
/// folded ([`apply_inferred`]): a guess must not keep two reports of one event apart, nor join two.
#[derive(Debug, Clone)]
pub(crate) struct Inferred {
    pub span: Span,
    pub country: Option<String>,
    pub code: Option<String>,
}

/// Gives the actors of `events` still without a country or code the guesses made for their spans.
pub(crate) fn apply_inferred(events: &mut [Event], inferred: &[Inferred]) {
    if inferred.is_empty() {
        return;
    }
    for a in events.iter_mut().flat_map(|e| e.actors.iter_mut().chain(e.recipients.iter_mut())) {
        if a.country.is_some() || a.code.is_some() {
            continue;
        }
        if let Some(guess) = inferred.iter().find(|g| g.span == a.span) {
            a.country = guess.country.clone();
            a.code = guess.code.clone();
        }
    }
}

/// Subject pronouns that stand for the speaker of a reporting verb ("Iraq said it would …").
const SPEAKER_PRONOUNS: &[&str] = &["it", "he", "she", "they", "we"];

/// The actor of a trigger that has none of its own, when it is what a speaker says it (or they) did or will do:
/// "Iraq said it would allow", "The United States announced Wednesday it would prohibit", "Italy announced a
/// suspension". The speaker is the last one named before the trigger, with only a pronoun, or a few words, between.
fn speaker_as_actor<'m>(s: &str, mentions: &'m [Mention], reporters: &[(usize, usize)], trigger: usize) -> Vec<&'m Mention> {
    let Some(&(start, end)) = reporters.iter().filter(|(_, e)| *e <= trigger).max_by_key(|(_, e)| *e) else { return Vec::new() };
    let gap = &s[end..trigger];
    if gap.contains([',', ';', '"', '“', '”']) || mentions.iter().any(|m| m.is_actor() && m.start >= end && m.end <= trigger) {
        return Vec::new();
    }
    let words: Vec<String> = gap.split_whitespace().map(|w| w.to_lowercase()).collect();
    let pronoun = words.iter().any(|w| SPEAKER_PRONOUNS.contains(&w.as_str()));
    if !pronoun && words.len() > 4 {
        return Vec::new();
    }
    // overlap, not containment: a reporter phrase loses a trailing full stop ("The U.S." → "The U.S")
    mentions.iter().filter(|m| m.is_actor() && m.start >= start && m.start < end).collect()
}

/// Adds to a role the mentions coordinated with its members in the text ("scores of Sierra Leonean and Liberian
/// refugees"): the parse may name only one conjunct of a phrase it attaches elsewhere.
fn with_conjuncts<'m>(
    s: &str,
    mentions: &'m [Mention],
    reporters: &[(usize, usize)],
    role: Vec<&'m Mention>,
    other: &[&'m Mention],
) -> Vec<&'m Mention> {
    let mut out = role;
    let mut i = 0;
    while i < out.len() {
        let last = out[i];
        let spoken = |m: &Mention| reporters.iter().any(|&(a, b)| m.start < b && a < m.end);
        if let Some(next) = mentions.iter().filter(|m| m.is_actor() && m.start >= last.end && !spoken(m)).min_by_key(|m| m.start) {
            let gap = s[last.end..next.start].trim();
            let joined = matches!(gap, "and" | "or" | "," | ", and");
            if joined && !out.iter().chain(other).any(|o| std::ptr::eq(*o, next)) {
                out.push(next);
            }
        }
        if let Some(prev) = mentions.iter().filter(|m| m.is_actor() && m.end <= last.start && !spoken(m)).max_by_key(|m| m.end) {
            let gap = s[prev.end..last.start].trim();
            let joined = matches!(gap, "and" | "or" | ",");
            if joined && !out.iter().chain(other).any(|o| std::ptr::eq(*o, prev)) {
                out.push(prev);
            }
        }
        i += 1;
    }
    out
}

/// The first country, capital or town named after the trigger in its clause, as a recipient (byte span into `s`).
fn place_recipient(s: &str, mentions: &[Mention], places: &[PlaceMention], from: usize) -> Option<Actor> {
    let limit = s[from..].find([',', ';', '(']).map_or(s.len(), |i| from + i);
    let from_mentions = mentions
        .iter()
        .filter(|m| m.start >= from && m.end <= limit && matches!(m.kind, MentionKind::Country | MentionKind::Capital))
        .filter(|m| !m.modifier)
        .filter_map(|m| {
            let country = m.country.clone()?;
            Some((m.start, Actor { text: s[m.start..m.end].to_string(), name: m.name.clone(), code: None, country: Some(country), sector: None, span: Span(m.start, m.end) }))
        });
    let from_places = places
        .iter()
        .filter(|p| p.start >= from && p.end <= limit && !p.place.country.is_empty())
        .filter(|p| !mentions.iter().any(|m| m.start < p.end && p.start < m.end))
        .map(|p| {
            let text = s[p.start..p.end].to_string();
            (p.start, Actor { text, name: p.place.name.to_string(), code: None, country: Some(p.place.country.to_string()), sector: None, span: Span(p.start, p.end) })
        });
    from_mentions
        .chain(from_places)
        .min_by_key(|(start, _)| *start)
        .map(|(_, a)| a)
}

/// Words that end a noun phrase read off the text around a trigger (prepositions, verbs of being, conjunctions).
const PHRASE_STOPS: &[&str] = &[
    "in", "on", "at", "of", "by", "with", "and", "or", "but", "was", "were", "is", "are", "been", "be", "had", "has",
    "have", "who", "which", "that", "near", "during", "from", "to", "when", "after", "before", "while", "as", "into",
    "for", "because", "since", "yesterday", "today", "last", "this", "early", "late", "around", "about", "under",
    "inside", "outside", "against", "there", "here", "it", "they", "he", "she", "we", "said", "reportedly", "saying",
    "also", "can", "could", "will", "would", "may", "might", "not", "him", "them", "her", "up", "then", "mr", "mr.",
];
/// Words skipped at the start of a phrase: articles, numbers and quantifiers ("two", "several").
const PHRASE_SKIPS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "several", "some", "many", "dozens", "scores", "hundreds",
];

/// The byte span of the noun phrase an attack trigger acts on when no known actor fills it: the object after an
/// active verb ("bombed a store"), the subject before a passive one ("the senator was murdered"), or what a noun
/// trigger is aimed at ("an attack on the embassy"). At most five words; `None` when the words there are taken
/// by a mention or reporter, or form no phrase.
fn attacked_phrase(s: &str, trigger: (usize, usize), pos: sitrep_lexicon::TriggerPos, passive: bool, taken: &[(usize, usize)]) -> Option<(usize, usize)> {
    let tokens: Vec<(usize, usize)> = {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices() {
            let word_char = c.is_alphanumeric() || c == '-' || c == '\'' || c == '.' && start.is_some();
            match (word_char, start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    out.push((a, i));
                    start = None;
                    if !c.is_whitespace() {
                        out.push((i, i + c.len_utf8()));
                    }
                }
                (false, None) if !c.is_whitespace() => out.push((i, i + c.len_utf8())),
                _ => {}
            }
        }
        if let Some(a) = start {
            out.push((a, s.len()));
        }
        out.into_iter()
            .map(|(a, b)| {
                let w = s[a..b].trim_end_matches('.');
                (a, a + w.len().max(1).min(b - a))
            })
            .collect()
    };
    let word = |t: (usize, usize)| s[t.0..t.1].to_lowercase();
    let is_word = |t: (usize, usize)| s[t.0..t.1].chars().next().is_some_and(char::is_alphabetic);
    // an adverb ("indiscriminately") ends a phrase too
    let stop = |t: (usize, usize)| !is_word(t) || PHRASE_STOPS.contains(&word(t).as_str()) || word(t).ends_with("ly");
    let free = |a: usize, b: usize| !taken.iter().any(|&(x, y)| x < b && a < y);
    let after = tokens.iter().position(|t| t.0 >= trigger.1);
    let before = tokens.iter().rposition(|t| t.1 <= trigger.0);
    let phrase: Vec<(usize, usize)> = match (pos, passive) {
        (sitrep_lexicon::TriggerPos::Verb, true) => {
            // back over "was/were (reportedly)" to the subject's last word, then left to the phrase's start
            let mut i = before?;
            while i > 0 && ["was", "were", "been", "being", "reportedly", "is", "are", "had", "have", "has"].contains(&word(tokens[i]).as_str()) {
                i -= 1;
            }
            let mut out = Vec::new();
            while !stop(tokens[i]) && out.len() < 5 {
                out.insert(0, tokens[i]);
                if i == 0 {
                    break;
                }
                i -= 1;
            }
            out
        }
        (sitrep_lexicon::TriggerPos::Verb, false) => tokens[after?..].iter().copied().take_while(|t| !stop(*t)).take(7).collect(),
        (sitrep_lexicon::TriggerPos::Noun, _) => {
            let i = after?;
            let aimed = ["on", "against", "of"].contains(&word(*tokens.get(i)?).as_str());
            if !aimed {
                return None;
            }
            tokens[i + 1..].iter().copied().take_while(|t| !stop(*t)).take(7).collect()
        }
    };
    let phrase: Vec<(usize, usize)> = phrase.into_iter().skip_while(|t| PHRASE_SKIPS.contains(&word(*t).as_str()) || word(*t).chars().all(|c| c.is_ascii_digit())).collect();
    let (first, last) = (phrase.first()?, phrase.last()?);
    (phrase.len() <= 5 && free(first.0, last.1)).then_some((first.0, last.1))
}

fn to_actor(s: &str, m: &Mention, span: Span) -> Actor {
    Actor {
        text: s[m.start..m.end].to_string(),
        name: m.name.clone(),
        code: m.code.clone(),
        country: m.country.clone(),
        sector: m.sector.clone(),
        span,
    }
}

impl SentenceCoder<'_> {
    /// The reporters [`find_reporters`] names in this sentence (`s` is its text), computed on first use.
    fn reporters_in(&self, s: &str) -> &[ReporterMention] {
        self.reporters.get_or_init(|| find_reporters(s))
    }

    fn span_of(&self, sentence: &Sentence, start: usize, end: usize) -> Span {
        self.chars.span(sentence.start + start, sentence.start + end)
    }

    /// The speakers this sentence names (and people it names with a title), for resolving later pronouns.
    pub(crate) fn named_speakers(&self, sentence: &Sentence) -> Vec<(sitrep_model::ReporterName, SpeakerKind)> {
        let s = sentence.text(&self.doc.text);
        let mut out: Vec<(usize, sitrep_model::ReporterName, SpeakerKind)> = Vec::new();
        for r in titled_people(s) {
            let name = sitrep_model::ReporterName { text: s[r.start..r.end].to_string(), span: self.span_of(sentence, r.start, r.end) };
            out.push((r.start, name, SpeakerKind::Person));
        }
        for r in self.reporters_in(s) {
            let text = &s[r.start..r.end];
            let name = sitrep_model::ReporterName { text: text.to_string(), span: self.span_of(sentence, r.start, r.end) };
            out.push((r.start, name, speaker_kind(text)));
        }
        // the last one named is the nearest to what follows
        out.sort_by_key(|(start, _, _)| *start);
        out.into_iter().map(|(_, name, kind)| (name, kind)).collect()
    }

    pub(crate) fn code(&self, sentence: &Sentence) -> Vec<Event> {
        let s = sentence.text(&self.doc.text);
        // most sentences have no trigger: look for one before the costlier actor and reporter searches
        let trigger_hits = self.lexicon.triggers.find(s);
        if trigger_hits.is_empty() {
            return Vec::new();
        }
        let mut actor_hits = match self.facts.actor_hits.get(self.index) {
            Some(hits) => hits.clone(),
            None => self.lexicon.actors.find(s),
        };
        // "LEBANON, Tenn. … Lebanon police": a country's name the document qualified as a town is no country actor
        if let Some(places) = self.facts.places.get(self.index) {
            actor_hits.retain(|h| {
                h.value.kind != sitrep_lexicon::ActorKind::Country
                    || !places.iter().any(|p| p.qualified && p.start < h.end && h.start < p.end)
            });
        }
        let mentions = mentions_from_actor_hits(self.lexicon, s, self.reference, actor_hits);
        let reporters = self.reporters_in(s).to_vec();
        let reporter_ranges: Vec<(usize, usize)> = reporters.iter().map(|r| (r.start, r.end)).collect();
        let named: Vec<(usize, usize)> =
            mentions.iter().filter(|m| m.kind == MentionKind::Named).map(|m| (m.start, m.end)).collect();
        let inside = |ranges: &[(usize, usize)], a: usize, b: usize| ranges.iter().any(|&(x, y)| x <= a && b <= y);

        // one event per PLOVER type in a sentence: among its triggers, the one whose reading fills the roles best
        // names it ("were killed by X in an ambush" → "killed"), then the most specific
        let mut by_type: Vec<(EventType, Vec<sitrep_lexicon::Hit<'_, sitrep_lexicon::TriggerEntry>>)> = Vec::new();
        // tags, for telling a dictionary verb from the same word used as a noun ("an attack by X")
        let mut tags: Option<Vec<String>> = None;
        for hit in trigger_hits {
            if inside(&named, hit.start, hit.end) || inside(&reporter_ranges, hit.start, hit.end) {
                continue;
            }
            // "its long-threatened invasion", "a Saudi-led attack": the second half of a compound modifies a noun
            if s[..hit.start].ends_with('-') && s[..hit.start - 1].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            // a dictionary verb is coded wherever it is a verb, each on its own (PETRARCH codes every verb)
            if hit.value.dictionary.is_some() {
                let tags = tags.get_or_insert_with(|| crate::dictionary_verbs::tag_sentence(&self.doc.text, sentence));
                if crate::dictionary_verbs::is_verb_at(&self.doc.text, sentence, tags, hit.start) {
                    by_type.push((hit.value.event_type, vec![hit]));
                }
                continue;
            }
            match by_type.iter_mut().find(|(t, hits)| *t == hit.value.event_type && hits[0].value.dictionary.is_none()) {
                Some((_, hits)) => hits.push(hit),
                None => by_type.push((hit.value.event_type, vec![hit])),
            }
        }
        if by_type.is_empty() {
            return Vec::new();
        }
        // the parse decides roles where it finds arguments; only sentences with two or more actors to tell apart
        // are parsed (with one, position and voice already place it, at a fraction of the cost)
        // and only when the parse can name someone for a trigger whose roles it would decide: where no mention is
        // eligible for any of them, the roles are the positional ones whatever the parse (`may_name_roles`)
        let parse_wanted = self.use_parse && mentions.iter().filter(|m| m.is_actor()).count() >= 2;
        let parse_useful = parse_wanted
            && by_type.iter().flat_map(|(_, hits)| hits).any(|h| {
                !is_deontic(&s[h.start..h.end])
                    && crate::syntax_roles::may_name_roles(s, &mentions, &reporter_ranges, (h.start, h.end))
            });
        // a sentence not parsed for that reason gets what an empty parse reading gives: `combine` with no roles
        let unparsed_view = parse_wanted && !parse_useful && sitrep_nlp::Pipeline::builtin().is_ok();
        let parsed = parse_useful
            .then(|| {
                let triggers: Vec<(usize, usize)> =
                    by_type.iter().flat_map(|(_, hits)| hits.iter().map(|h| (h.start, h.end))).collect();
                let ranges: Vec<(usize, usize)> = sentence
                    .tokens
                    .iter()
                    .map(|t| (t.start.saturating_sub(sentence.start), t.end.saturating_sub(sentence.start)))
                    .collect();
                sitrep_nlp::Pipeline::builtin().ok().map(|p| {
                    p.parse_sentence_labelling(&self.doc.text, sentence, |heads| {
                        crate::syntax_roles::labels_read(&ranges, heads, &triggers)
                    })
                })
            })
            .flatten();
        let view = parsed.as_ref().map(|p| crate::syntax_roles::ParseView::new(p, sentence.start));
        let chosen: Vec<(sitrep_lexicon::Hit<'_, sitrep_lexicon::TriggerEntry>, crate::roles::Roles<'_>)> = by_type
            .into_iter()
            .filter_map(|(_, hits)| {
                hits.into_iter()
                    .map(|h| {
                        let positional =
                            assign_roles(s, &mentions, &reporter_ranges, (h.start, h.end), h.value.pos, h.value.event_type);
                        let deontic = is_deontic(&s[h.start..h.end]);
                        let roles = match &view {
                            Some(view) if !deontic => crate::syntax_roles::combine(
                                positional,
                                crate::syntax_roles::syntax_roles(view, s, &mentions, &reporter_ranges, (h.start, h.end)),
                            ),
                            None if unparsed_view && !deontic => {
                                crate::syntax_roles::combine(positional, crate::syntax_roles::SyntaxRoles::default())
                            }
                            _ => positional,
                        };
                        (h, roles)
                    })
                    .max_by(|(a, ra), (b, rb)| {
                        ra.score()
                            .total_cmp(&rb.score())
                            .then(a.value.priority.cmp(&b.value.priority))
                            .then(b.start.cmp(&a.start))
                    })
            })
            .collect();

        let timexes = sitrep_time::find_timexes(s, self.reference);
        let weapons: Vec<Weapon> = crate::weapons::find_weapons(self.lexicon, s)
            .into_iter()
            .map(|w| Weapon { text: s[w.start..w.end].to_string(), class: w.class, span: self.span_of(sentence, w.start, w.end) })
            .collect();
        let weapon_classes: Vec<_> = weapons.iter().map(|w| w.class).collect();
        // named speakers, and pronoun speakers tied to the person or organisation an earlier sentence named
        let pronouns: Vec<_> = find_pronoun_reporters(s)
            .into_iter()
            .filter(|p| !reporters.iter().any(|r| r.start < p.end && p.start < r.end))
            .collect();
        let mut reporters = reporters;
        reporters.extend(pronouns);
        reporters.sort_by_key(|r| r.start);
        let reporter_records = self.reporter_records(sentence, s, &reporters);
        let counts = find_counts(s);
        let words: Vec<&str> = sentence.tokens.iter().map(|t| t.text(&self.doc.text)).collect();
        let types: Vec<EventType> = chosen.iter().map(|(c, _)| c.value.event_type).collect();

        let mut events = Vec::new();
        // events of dictionary verbs: every verb codes, so they are not thinned to one per type
        let mut dictionary_events = Vec::new();
        let mut previous_dictionary_sources: Option<Vec<&Mention>> = None;
        let pattern_words = chosen
            .iter()
            .any(|(h, _)| h.value.dictionary.is_some())
            .then(|| crate::dictionary_verbs::PatternWords::new(&self.doc.text, sentence));
        for (hit, roles) in &chosen {
            let entry = hit.value;
            let token_index = sentence.tokens.iter().position(|t| t.start >= sentence.start + hit.start).unwrap_or(0);
            let mut modality = modality_at(&words, token_index);
            let reading = match (&pattern_words, entry.dictionary.is_some()) {
                (Some(pw), true) => match crate::dictionary_verbs::read(entry, pw, (hit.start, hit.end), &mentions) {
                    Some(r) => Some(r),
                    None => continue,
                },
                _ => None,
            };
            if let Some(r) = &reading {
                // the dictionary codes what is said, planned or hypothetical as the verb's own event ("will
                // contribute", "indicated it would act"); a negation its pattern spells out is already in the code
                modality.future = false;
                modality.hypothetical = false;
                if r.negation_in_pattern {
                    modality.negated = false;
                }
            }
            let date = date_for(s, &timexes, hit.start, self.reference, |a, b| self.span_of(sentence, a, b));
            let doers: Vec<(usize, usize)> =
                roles.actors.iter().map(|m| (m.start, m.end)).chain(reporter_ranges.iter().copied()).collect();
            let location = event_place(
                self.lexicon,
                s,
                &mentions,
                self.facts.places.get(self.index).map_or(&[][..], Vec::as_slice),
                self.facts.focus.as_deref(),
                self.facts.focus_place.as_ref(),
                hit.start,
                &doers,
                |a, b| self.span_of(sentence, a, b),
            );
            let recipient_sectors: Vec<Option<String>> = roles.recipients.iter().map(|m| m.sector.clone()).collect();
            let (event_type, mode, cameo, acled, modality) = match &reading {
                Some(r) => (sitrep_lexicon::petrarch::plover_of_cameo(&r.cameo), None, r.cameo.clone(), None, modality),
                None => {
                    let (mode, cameo, acled) = refine(entry, &weapon_classes, &recipient_sectors, s, &s[hit.end..]);
                    intent_reading(entry.event_type, mode, cameo, acled, modality, &words, token_index)
                }
            };
            // "Russia said Sudan must return the helicopter": the speaker asks, the one who must act is asked
            let deontic =
                reading.is_none() && entry.event_type == EventType::Request && is_deontic(&s[hit.start..hit.end]);
            // the parties a dictionary pattern names win over the sentence's roles
            let (role_actors, role_recipients, reciprocal) = match &reading {
                Some(r) => {
                    let at = crate::dictionary_verbs::VerbContext {
                        s,
                        trigger: (hit.start, hit.end),
                        mentions: &mentions,
                        previous_sources: previous_dictionary_sources.as_deref(),
                    };
                    crate::dictionary_verbs::parties(r, &roles.actors, &roles.recipients, &at)
                }
                None => (roles.actors.clone(), roles.recipients.clone(), false),
            };
            let roles = &crate::roles::Roles {
                actors: with_conjuncts(s, &mentions, &reporter_ranges, role_actors.clone(), &role_recipients),
                recipients: with_conjuncts(s, &mentions, &reporter_ranges, role_recipients.clone(), &role_actors),
                passive: roles.passive,
            };
            if reading.is_some() {
                previous_dictionary_sources = Some(roles.actors.clone());
            }
            let (actor_mentions, recipient_mentions): (Vec<&Mention>, Vec<&Mention>) = if deontic {
                let speakers: Vec<&Mention> = mentions
                    .iter()
                    .filter(|m| m.is_actor() && inside(&reporter_ranges, m.start, m.end))
                    .collect();
                (speakers, roles.actors.clone())
            } else {
                (roles.actors.clone(), roles.recipients.clone())
            };
            // "Iraq said it would allow …", "Italy announced a suspension of …": the speaker is the one who acts
            let actor_mentions = if actor_mentions.is_empty() && !deontic {
                speaker_as_actor(s, &mentions, &reporter_ranges, hit.start)
            } else {
                actor_mentions
            };
            let mut actors: Vec<Actor> =
                actor_mentions.iter().map(|m| to_actor(s, m, self.span_of(sentence, m.start, m.end))).collect();
            // "Turkish drone strike", "Russian air strikes": a nation's aerial or heavy-weapons attack is its military's
            if reading.is_none() && entry.event_type == EventType::Assault && mode.as_deref() == Some("heavy-weapons") {
                for (a, m) in actors.iter_mut().zip(&actor_mentions) {
                    if m.kind == MentionKind::Demonym && a.sector.is_none() {
                        a.sector = Some("MIL".into());
                        a.code = a.country.as_ref().map(|c| format!("{c}MIL"));
                    }
                }
            }
            let mut recipients: Vec<Actor> =
                recipient_mentions.iter().map(|m| to_actor(s, m, self.span_of(sentence, m.start, m.end))).collect();
            let focus = self.facts.focus.as_deref();
            let places = self.facts.places.get(self.index).map_or(&[][..], Vec::as_slice);
            // "opened an embassy in Tehran", "imposed a curfew in Cizre", "sent arms to Pakistan": with no one else
            // acted upon, the country or town the act is aimed at is the recipient (an attack's place stays its
            // location: what an attack hits is named, not where it happens)
            // (a dictionary verb's target is what its pattern or phrase names, not a place: PETRARCH's way)
            if recipients.is_empty() && event_type != EventType::Assault && reading.is_none() {
                if let Some(place) = place_recipient(s, &mentions, places, hit.end) {
                    recipients.push(Actor { span: self.span_of(sentence, place.span.0, place.span.1), ..place });
                }
            }
            // "terrorists bombed a store", "Senator X was murdered": what an attack hits, named by a noun phrase the
            // lexicon does not know, is its recipient (no code: a person, a building, a vehicle)
            if recipients.is_empty() && event_type == EventType::Assault && reading.is_none() {
                let taken: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).chain(reporter_ranges.iter().copied()).collect();
                if let Some((a, b)) = attacked_phrase(s, (hit.start, hit.end), entry.pos, roles.passive, &taken) {
                    let text = s[a..b].to_string();
                    recipients.push(Actor { name: text.to_lowercase(), text, code: None, country: None, sector: None, span: self.span_of(sentence, a, b) });
                }
            }
            for (a, m) in actors.iter_mut().zip(&actor_mentions).chain(recipients.iter_mut().zip(&recipient_mentions)) {
                affiliate_from_context(a, s, m, &mentions, focus);
                if let Some(guess) = infer_country(a, m, &mentions, places) {
                    self.inferred.borrow_mut().push(guess);
                }
            }
            // expelling diplomats is a diplomatic sanction, not a deportation
            let (event_type, mode, cameo) = if reading.is_none()
                && event_type == EventType::Coerce
                && mode.as_deref() == Some("deport")
                && s[hit.end..].split_whitespace().take(5).any(|w| {
                    let w = w.to_lowercase();
                    w.starts_with("diplomat") || w.starts_with("ambassador") || w.starts_with("envoy")
                }) {
                (EventType::Sanction, Some("expel".to_string()), "1663".to_string())
            } else {
                (event_type, mode, cameo)
            };
            let casualties = self.casualties_for(sentence, s, entry.event_type, &types, &counts, roles, &reporters, &reporter_records);

            let mut confidence: f32 = 0.4;
            confidence += if actors.is_empty() { 0.0 } else { 0.15 };
            confidence += if recipients.is_empty() { 0.0 } else { 0.1 };
            confidence += if date.text.is_some() { 0.1 } else { 0.0 };
            confidence += if location.as_ref().is_some_and(|l| l.span.is_some()) { 0.1 } else { 0.0 };
            confidence += if entry.priority >= 6 { 0.05 } else { 0.0 };
            confidence -= if modality.hedged { 0.15 } else { 0.0 };
            confidence -= if self.is_headline { 0.1 } else { 0.0 };

            let event = Event {
                id: String::new(),
                doc_id: self.doc.id.clone(),
                sentence_index: self.index,
                evidence: s.to_string(),
                evidence_span: self.span_of(sentence, 0, s.len()),
                trigger: Trigger { text: s[hit.start..hit.end].to_string(), span: self.span_of(sentence, hit.start, hit.end) },
                event_type,
                mode,
                cameo: Some(cameo),
                acled,
                actors,
                recipients,
                date,
                location,
                casualties,
                weapons: weapons.clone(),
                reporters: reporter_records.clone(),
                modality,
                confidence: (confidence.clamp(0.05, 0.95) * 100.0).round() / 100.0,
                sitrep_version: SITREP_VERSION.to_string(),
            };
            match &reading {
                Some(r) => dictionary_events.extend(crate::dictionary_verbs::codings(event, r.reverse_cameo.as_deref(), reciprocal)),
                None => events.push(event),
            }
        }
        // a reading turned into an intent ("would cooperate" → AGREE) must not duplicate an event the sentence already
        // states ("agreed")
        let mut seen: Vec<EventType> = Vec::new();
        events.retain(|e| {
            let fresh = !seen.contains(&e.event_type);
            seen.push(e.event_type);
            fresh
        });
        // PETRARCH keeps a sentence's complete codings (source and target): where a dictionary verb has one, the
        // verbs that found only one party ("… after crowds burned down its embassy") are left out
        if dictionary_events.iter().any(|e: &Event| !e.actors.is_empty() && !e.recipients.is_empty()) {
            dictionary_events.retain(|e| !e.actors.is_empty() && !e.recipients.is_empty());
        }
        events.extend(dictionary_events);
        events
    }

    /// Reporter records for the reporting phrases found in sentence text `s`, each resolved to a named speaker
    /// where the document gives one.
    fn reporter_records(&self, sentence: &Sentence, s: &str, mentions: &[ReporterMention]) -> Vec<Reporter> {
        mentions
            .iter()
            .map(|r| {
                let text = s[r.start..r.end].to_string();
                let refers_to = self.speakers.resolve(&text);
                Reporter { text, span: self.span_of(sentence, r.start, r.end), refers_to }
            })
            .collect()
    }

    /// The counts of a sentence that codes no event of its own ("She was pronounced dead at the scene."): they
    /// belong to the attack a nearby sentence reports, so they are kept to attach there.
    pub(crate) fn loose_casualties(&self, sentence: &Sentence) -> Casualties {
        let s = sentence.text(&self.doc.text);
        let counts = find_counts(s);
        if counts.is_empty() || tells_of_earlier_years(s, self.doc.publication_date.as_deref()) {
            return Casualties::default();
        }
        let reporter_mentions = self.reporters_in(s).to_vec();
        let reporters = self.reporter_records(sentence, s, &reporter_mentions);
        let roles = crate::roles::Roles { actors: Vec::new(), recipients: Vec::new(), passive: false };
        let types = [EventType::Assault, EventType::Coerce];
        let mut casualties =
            self.casualties_for(sentence, s, EventType::Assault, &types, &counts, &roles, &reporter_mentions, &reporters);
        casualties.arrested =
            self.casualties_for(sentence, s, EventType::Coerce, &types, &counts, &roles, &reporter_mentions, &reporters).arrested;
        casualties
    }

    /// The counts of this sentence that belong to an event of type `this` (killed/injured go to the violent event,
    /// arrests to the coercive one).
    #[allow(clippy::too_many_arguments)]
    fn casualties_for(
        &self,
        sentence: &Sentence,
        s: &str,
        this: EventType,
        types: &[EventType],
        counts: &[CountMention],
        roles: &crate::roles::Roles<'_>,
        reporter_mentions: &[crate::attribution::ReporterMention],
        reporters: &[Reporter],
    ) -> Casualties {
        let home = |kind: CountKind| -> Option<EventType> {
            let order: &[EventType] = match kind {
                CountKind::Killed | CountKind::Injured | CountKind::Shot => &[EventType::Assault, EventType::Protest, EventType::Coerce],
                CountKind::Arrested => &[EventType::Coerce, EventType::Protest, EventType::Assault],
            };
            order.iter().copied().find(|t| types.contains(t)).or_else(|| types.first().copied())
        };
        let mut casualties = Casualties::default();
        for c in counts {
            if home(c.kind) != Some(this) {
                continue;
            }
            // the people shot are the wounded only in a text that tells of no death
            let kind = match c.kind {
                CountKind::Shot if self.facts.mentions_death => continue,
                CountKind::Shot => CountKind::Injured,
                k => k,
            };
            let party = match c.noun {
                Some((a, b)) => {
                    let overlaps = |ms: &[&Mention]| ms.iter().any(|m| m.start < b && a < m.end);
                    let noun = s[a..b].to_lowercase();
                    if overlaps(&roles.recipients) {
                        Party::Recipient
                    } else if overlaps(&roles.actors) {
                        Party::Actor
                    } else if noun.split(|ch: char| !ch.is_alphanumeric()).any(|w| CIVILIAN_WORDS.contains(&w)) {
                        Party::Civilians
                    } else {
                        Party::Unknown
                    }
                }
                None => Party::Unknown,
            };
            let claim = CountClaim {
                best: c.best,
                low: c.low,
                high: c.high,
                party,
                text: s[c.start..c.end].to_string(),
                span: self.span_of(sentence, c.start, c.end),
                // the speaker nearest before the figure ("X said 12 were killed, and Y said 41 were arrested")
                reporter: reporter_mentions
                    .iter()
                    .zip(reporters)
                    .rfind(|(m, _)| m.start <= c.start)
                    .or_else(|| reporter_mentions.iter().zip(reporters).next())
                    .map(|(_, r)| r.refers_to.as_ref().map_or_else(|| r.text.clone(), |name| name.text.clone())),
                sentence_index: self.index,
            };
            let slot = match kind {
                CountKind::Killed => &mut casualties.killed,
                CountKind::Injured | CountKind::Shot => &mut casualties.injured,
                CountKind::Arrested => &mut casualties.arrested,
            };
            match slot {
                None => *slot = Some(Count::single(claim)),
                Some(existing) => existing.add_claim(claim),
            }
        }
        casualties
    }
}

/// Whether a sentence dates itself to years before the article's ("an insurgency since 1984 in which more than
/// 40,000 people have been killed"): its toll is background, not the toll of a nearby attack.
pub(crate) fn tells_of_earlier_years(sentence: &str, published: Option<&str>) -> bool {
    let Some(year) = published.and_then(|p| p.get(..4)).and_then(|y| y.parse::<u32>().ok()) else { return false };
    sentence
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .any(|y| (1900..year).contains(&y))
}

#[cfg(test)]
mod tests {
    use sitrep_model::{Document, EventType};

    fn types(text: &str) -> Vec<(EventType, bool)> {
        let doc = Document::from_text("t", text).with_publication_date(Some("2024-01-10".into()));
        let everything = crate::Include { negated: true, hypothetical: true };
        crate::Coder::new().with_include(everything).code(&doc).iter().map(|e| (e.event_type, e.modality.negated)).collect()
    }

    #[test]
    fn a_country_modifying_a_party_is_not_named_as_a_place() {
        let at = |s: &str, name: &str| super::modifies_a_party(s, s.find(name).unwrap() + name.len());
        assert!(at("2 US soldiers wounded in Nangarhar", "US"));
        assert!(at("Turkey-loyal factions target a village", "Turkey"));
        assert!(at("U.S.-backed SDF says", "U.S."));
        assert!(!at("Shelling kills two children in eastern Ukraine", "Ukraine"));
        assert!(!at("Syria's Raqqa was hit", "Syria"));
        assert!(!at("Russia and Turkey met", "Russia"));
    }

    #[test]
    fn a_stated_future_attack_is_a_threat() {
        assert_eq!(types("Farmers said they would blockade Paris from Monday night.")[0].0, EventType::Threaten);
    }

    #[test]
    fn an_intended_meeting_is_an_agreement_to_meet() {
        assert_eq!(types("Rebel leaders said they would meet the UN mediator next week.")[0].0, EventType::Agree);
    }

    #[test]
    fn must_statements_are_requests() {
        assert_eq!(types("Russia said Sudan must release the crew.")[0].0, EventType::Request);
    }

    #[test]
    fn a_denied_future_attack_stays_a_negated_assault() {
        assert!(types("Officials said they would not engage coalition forces.").contains(&(EventType::Assault, true)));
    }

    #[test]
    fn negated_events_are_left_out_unless_asked_for() {
        let doc = Document::from_text("t", "Officials said they would not engage coalition forces.");
        assert!(crate::Coder::new().code(&doc).iter().all(|e| e.event_type != EventType::Assault));
    }
}
