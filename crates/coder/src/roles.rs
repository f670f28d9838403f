//! Roles: who acts and who is acted upon, from the mentions' positions around the trigger and the voice.
//! Active verbs take the nearest actor before them and the first after; passives ("were killed by X") swap;
//! nouns take a modifier ("Turkish drone strike"), "by X", and "on/against X".

use std::sync::LazyLock;

use regex::Regex;
use sitrep_lexicon::TriggerPos;
use sitrep_model::EventType;

use crate::mentions::Mention;

static PASSIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$").expect("valid passive pattern")
});
static BY_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:\w+\s+){0,2}?by\s+(?:the\s+)?$").expect("valid by pattern"));
static TARGET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\w'’-]{0,40}?\b(?:on|against|targeting|at|into|of)\s+(?:the\s+|a\s+|an\s+)?$")
        .expect("valid target pattern")
});
/// Where the clause of a trigger ends (a recipient is not looked for past it).
static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i);|\s[–—]\s|,\s*(?:according|said|says|citing)\b|\b(?:said|says|told|after|before|when|while|because|although|despite|as part of)\b")
        .expect("valid clause pattern")
});

pub(crate) struct Roles<'m> {
    pub actors: Vec<&'m Mention>,
    pub recipients: Vec<&'m Mention>,
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
    let clause_end = CLAUSE_END.find(&s[trigger.1..]).map_or(s.len(), |m| trigger.1 + m.start());
    let before: Option<&Mention> = eligible.iter().rev().find(|m| m.end <= trigger.0).copied();
    let after_first: Option<&Mention> = eligible.iter().find(|m| m.start >= trigger.1 && m.start < clause_end).copied();
    let by_agent = eligible.iter().find(|m| m.start >= trigger.1 && BY_AFTER.is_match(&s[trigger.1..m.start])).copied();
    let targeted = eligible.iter().find(|m| m.start >= trigger.1 && TARGET_AFTER.is_match(&s[trigger.1..m.start])).copied();
    let passive = pos == TriggerPos::Verb && PASSIVE_BEFORE.is_match(&s[..trigger.0]);

    let (actor, recipient) = match (pos, passive) {
        (TriggerPos::Verb, true) => (by_agent, before),
        (TriggerPos::Verb, false) => {
            let recipient = if event_type == EventType::Protest { targeted } else { after_first.filter(|m| Some(*m) != by_agent) };
            (before.or(by_agent), recipient)
        }
        (TriggerPos::Noun, _) => {
            // "Turkish drone strike": a modifier right before the noun; "strike by X"; "X's attack"
            let modifier = before.filter(|m| {
                let gap = s[m.end..trigger.0].trim();
                gap.is_empty() || gap == "'s" || gap == "’s" || gap.split_whitespace().count() <= 1 && !gap.contains(',')
            });
            let actor = modifier.or(by_agent);
            let recipient = targeted.or_else(|| after_first.filter(|m| Some(*m) != actor && Some(*m) != by_agent));
            (actor, recipient)
        }
    };
    Roles {
        actors: actor.map(|a| with_coordinated(s, &eligible, a)).unwrap_or_default(),
        recipients: recipient.filter(|r| Some(*r) != actor).map(|r| with_coordinated(s, &eligible, r)).unwrap_or_default(),
    }
}
