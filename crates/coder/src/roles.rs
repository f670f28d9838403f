//! Roles: who acts and who is acted upon, from the mentions' positions around the trigger and the voice.
//! Active verbs take the nearest actor before them and the first after; passives ("were killed by X") swap;
//! nouns take a modifier ("Turkish drone strike"), "by X", and "on/against X".

use std::sync::LazyLock;

use regex::Regex;
use sitrep_lexicon::TriggerPos;
use sitrep_model::EventType;

use crate::mentions::Mention;

static PASSIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"(?i)\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$").expect("valid passive pattern")
});
static BY_AFTER: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::compile(r"(?i)^\s*(?:\w+\s+){0,2}?by\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?$").expect("valid by pattern"));
static TARGET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"(?i)^[\s\w'’-]{0,40}?\b(?:on|against|targeting|at|into|of)\s+(?:the\s+|a\s+|an\s+)?$")
        .expect("valid target pattern")
});
/// Where the clause of a trigger ends (a recipient is not looked for past it).
static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"(?i);|\s[–—]\s|,\s*(?:according|said|says|citing|but|and|while|who|which)\b|\b(?:said|says|told|after|before|when|while|because|although|despite|as part of)\b")
        .expect("valid clause pattern")
});

static PARENTHETICAL_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::compile(r",[^,]{1,90},\s*(?:\w+\s+){0,4}$").expect("valid parenthetical pattern"));

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "such", "any", "another", "every", "latest", "new"];
const SUBJECT_PRONOUNS: &[&str] = &["they", "he", "she", "it", "we", "i", "who"];
/// Words after a bare past participle that mark a headline passive ("Soldiers killed in ambush").
const HEADLINE_PASSIVE_NEXT: &[&str] = &["in", "near", "at", "during", "after", "on", "as", "when", "while", "by", "outside"];

pub(crate) struct Roles<'m> {
    pub actors: Vec<&'m Mention>,
    pub recipients: Vec<&'m Mention>,
    /// Read as a passive ("were killed by"): a strong signal for who is who.
    pub passive: bool,
}

impl Roles<'_> {
    /// How well this trigger's reading fills the roles; used to choose among triggers of one type.
    pub fn score(&self) -> f32 {
        self.actors.len().min(1) as f32 + self.recipients.len().min(1) as f32 + if self.passive { 0.5 } else { 0.0 }
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

/// "A and B" before a mention: the coordinated mention that precedes it.
fn coordinated_before<'m>(s: &str, eligible: &[&'m Mention], last: &'m Mention) -> Vec<&'m Mention> {
    let mut out = vec![last];
    let mut first = last;
    while let Some(prev) = eligible.iter().rev().find(|m| m.end <= first.start) {
        let gap = s[prev.end..first.start].trim();
        if gap == "and" || gap == "," {
            out.insert(0, prev);
            first = prev;
        } else {
            break;
        }
    }
    out
}

/// Adds "B" to "A and B" when both are mentions.
fn with_coordinated<'m>(s: &str, eligible: &[&'m Mention], first: &'m Mention) -> Vec<&'m Mention> {
    let mut out = vec![first];
    let mut last = first;
    while let Some(next) = eligible.iter().find(|m| m.start > last.end) {
        let gap = s[last.end..next.start].trim();
        if gap == "and" || gap == "," || gap == ", and" {
            out.push(next);
            last = next;
        } else {
            break;
        }
    }
    out
}

pub(crate) fn assign_roles<'m>(
    s: &str,
    mentions: &'m [Mention],
    excluded: &[(usize, usize)],
    trigger: (usize, usize),
    pos: TriggerPos,
    event_type: EventType,
) -> Roles<'m> {
    let eligible: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.is_actor())
        .filter(|m| !(m.start < trigger.1 && trigger.0 < m.end))
        .filter(|m| !excluded.iter().any(|&(a, b)| m.start < b && a < m.end))
        .collect();
    let head = &s[..trigger.0];
    let tail = &s[trigger.1..];
    let prev_word = words(head).pop().unwrap_or_default();
    let next_word = words(tail).into_iter().next().unwrap_or_default();
    // "the attack", "an offensive": a verb-listed trigger used as a noun
    let pos = if pos == TriggerPos::Verb && DETERMINERS.contains(&prev_word.as_str()) { TriggerPos::Noun } else { pos };

    let clause_end = CLAUSE_END.find(tail).map_or(s.len(), |m| trigger.1 + m.start());
    // the subject: skip a parenthetical right before the verb ("Somali forces, backed by X, launched")
    let subject_limit = PARENTHETICAL_BEFORE.find(head).map_or(trigger.0, |m| m.start());
    let mut before: Option<&Mention> = eligible.iter().rev().find(|m| m.end <= subject_limit).copied();
    if let Some(b) = before {
        let gap = words(&s[b.end..trigger.0]);
        if gap.first().is_some_and(|w| w == "and") {
            // "killed 20 soldiers and seized weapons": the mention is the previous verb's object
            before = eligible.iter().rev().find(|m| m.end <= b.start).copied();
        }
    }
    let pronoun_subject = before.map_or(words(head), |b| words(&s[b.end..trigger.0]))
        .iter()
        .any(|w| SUBJECT_PRONOUNS.contains(&w.as_str()));
    let after_first: Option<&Mention> = eligible.iter().find(|m| m.start >= trigger.1 && m.start < clause_end).copied();
    let by_agent = eligible.iter().find(|m| m.start >= trigger.1 && BY_AFTER.is_match(&s[trigger.1..m.start])).copied();
    let targeted = eligible
        .iter()
        .find(|m| m.start >= trigger.1 && m.start < clause_end && TARGET_AFTER.is_match(&s[trigger.1..m.start]))
        .copied();
    let adjacent_before = before.is_some_and(|b| s[b.end..trigger.0].trim().is_empty());
    let trigger_text = s[trigger.0..trigger.1].to_lowercase();
    let passive = pos == TriggerPos::Verb
        && (PASSIVE_BEFORE.is_match(head)
            || next_word == "by"
            || adjacent_before
                && matches!(event_type, EventType::Assault | EventType::Coerce)
                && trigger_text.ends_with("ed")
                && HEADLINE_PASSIVE_NEXT.contains(&next_word.as_str()));

    let (actor, recipient) = match (pos, passive) {
        (TriggerPos::Verb, true) => (by_agent, before),
        (TriggerPos::Verb, false) => {
            let recipient = if event_type == EventType::Protest { targeted } else { after_first.filter(|m| Some(*m) != by_agent) };
            let actor = if pronoun_subject { None } else { before };
            (actor.or(by_agent), recipient)
        }
        (TriggerPos::Noun, _) => {
            // "Turkish drone strike": a modifier right before the noun; "strike by X"; else the clause's subject
            let modifier = before.filter(|m| {
                let gap = s[m.end..trigger.0].trim();
                gap.is_empty() || gap == "'s" || gap == "’s" || gap.split_whitespace().count() <= 1 && !gap.contains(',')
            });
            let subject = before.filter(|m| !s[m.end..trigger.0].contains(',') && !pronoun_subject);
            let actor = modifier.or(by_agent).or(subject);
            let recipient = targeted.or_else(|| after_first.filter(|m| Some(*m) != actor && Some(*m) != by_agent));
            (actor, recipient)
        }
    };
    Roles {
        actors: actor.map(|a| if Some(a) == before { coordinated_before(s, &eligible, a) } else { with_coordinated(s, &eligible, a) }).unwrap_or_default(),
        recipients: recipient.filter(|r| Some(*r) != actor).map(|r| with_coordinated(s, &eligible, r)).unwrap_or_default(),
        passive,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_lexicon::Lexicon;

    fn roles(s: &str, trigger: &str, pos: TriggerPos) -> (Vec<String>, Vec<String>) {
        roles_of(s, trigger, pos, EventType::Assault)
    }

    fn roles_of(s: &str, trigger: &str, pos: TriggerPos, event_type: EventType) -> (Vec<String>, Vec<String>) {
        let mentions = crate::mentions::find_mentions(Lexicon::builtin(), s);
        let t = s.find(trigger).unwrap();
        let r = assign_roles(s, &mentions, &[], (t, t + trigger.len()), pos, event_type);
        let text = |ms: Vec<&Mention>| ms.iter().map(|m| s[m.start..m.end].to_string()).collect();
        (text(r.actors), text(r.recipients))
    }

    #[test]
    fn passive_with_by_swaps_the_roles() {
        let (a, r) = roles("Seven soldiers were killed by al-Shabaab fighters near Jalalaqsi.", "killed", TriggerPos::Verb);
        assert_eq!((a, r), (vec!["al-Shabaab fighters".to_string()], vec!["soldiers".to_string()]));
    }

    #[test]
    fn reduced_relative_and_headline_passives() {
        let (a, r) = roles("Syrian government forces, supported by Russia, hold the bank.", "supported", TriggerPos::Verb);
        assert_eq!((a, r), (vec!["Russia".to_string()], vec!["Syrian government forces".to_string()]));
        let (_, r) = roles("Seven Somali soldiers killed in ambush", "killed", TriggerPos::Verb);
        assert_eq!(r, ["Somali soldiers"]);
    }

    #[test]
    fn noun_trigger_takes_its_modifier_and_target() {
        let (a, r) = roles("A Turkish drone strike on PKK positions", "drone strike", TriggerPos::Noun);
        assert_eq!((a, r), (vec!["Turkish".to_string()], vec!["PKK".to_string()]));
    }

    #[test]
    fn a_pronoun_subject_leaves_the_actor_unknown() {
        let (a, r) = roles("Russian officials assured coalition officials they would not engage coalition forces", "engage", TriggerPos::Verb);
        assert!(a.is_empty());
        assert_eq!(r, ["coalition forces"]);
    }

    #[test]
    fn coordinated_subjects_are_both_actors() {
        let (a, _) = roles_of("Baghdad and Ankara agreed in March to cooperate.", "agreed", TriggerPos::Verb, EventType::Agree);
        assert_eq!(a, ["Baghdad", "Ankara"]);
    }
}
