//! Actor mentions: lexicon hits composed into noun phrases ("Syrian" + "government forces" → Syrian government
//! forces, SYRMIL), with place uses ("in Syria") and modifier uses ("Iran-backed") told apart from actors.

use sitrep_lexicon::{ActorKind, Lexicon};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    Country,
    Demonym,
    Capital,
    Named,
    Agent,
}

/// A mention in one sentence; `start..end` are byte offsets into the sentence text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub kind: MentionKind,
    /// Used as a place ("in Syria", "near Moscow", "Syria's Idlib province"): not an actor.
    pub locative: bool,
    /// Describes another actor ("Iran-backed militias", "Britain-based Observatory"): not an actor itself.
    pub modifier: bool,
}

impl Mention {
    /// Whether this mention can fill an actor or recipient role.
    pub fn is_actor(&self) -> bool {
        !self.locative && !self.modifier
    }
}

/// Words between a country word and an agent that keep them one phrase ("Syrian [state] television").
const LINKING_MODIFIERS: &[&str] = &[
    "'s", "’s", "government", "state", "security", "special", "armed", "local", "elite", "riot", "regime", "federal",
    "national", "military", "army", "navy", "interior", "defence", "defense", "foreign", "border", "news", "top",
    "senior", "former", "acting", "police", "opposition", "pro-government", "allied", "backed", "led", "elected",
];
const LOCATIVE_BEFORE: &[&str] =
    &["in", "near", "at", "from", "into", "across", "inside", "outside", "over", "toward", "towards", "to", "of", "around", "throughout", "within"];
const MODIFIER_SUFFIXES: &[&str] = &["-backed", "-led", "-based", "-allied", "-controlled", "-held", "-supported", "-born", "-made", "-linked"];

fn last_word(text: &str) -> Option<&str> {
    text.split_whitespace().next_back()
}

pub(crate) fn find_mentions(lexicon: &Lexicon, s: &str) -> Vec<Mention> {
    let actor_hits = lexicon.actors.find(s);
    let agent_hits: Vec<_> = lexicon
        .agents
        .find(s)
        .into_iter()
        .filter(|g| !actor_hits.iter().any(|a| a.start < g.end && g.start < a.end))
        .collect();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut used_agents = vec![false; agent_hits.len()];
    for hit in &actor_hits {
        let entry = hit.value;
        let kind = match entry.kind {
            ActorKind::Country => MentionKind::Country,
            ActorKind::Demonym => MentionKind::Demonym,
            ActorKind::Capital => MentionKind::Capital,
            ActorKind::Named => MentionKind::Named,
        };
        let after = &s[hit.end..];
        let modifier = MODIFIER_SUFFIXES.iter().any(|suf| after.starts_with(suf));
        let mut m = Mention {
            start: hit.start,
            end: hit.end,
            name: entry.name.clone(),
            code: entry.code.clone(),
            country: entry.country.clone(),
            sector: entry.sector.clone(),
            kind,
            locative: false,
            modifier,
        };
        // compose with a following agent noun: "Syrian troops", "Turkey's defence ministry", "al-Shabaab fighters"
        if !modifier {
            if let Some((k, agent)) = agent_hits.iter().enumerate().find(|(_, g)| g.start >= hit.end) {
                let gap = &s[hit.end..agent.start];
                let links = gap.split_whitespace().all(|w| LINKING_MODIFIERS.contains(&w.to_lowercase().as_str()))
                    && gap.split_whitespace().count() <= 3
                    && !gap.contains([',', ';', '(', ')', '"']);
                let gap_ok = links || gap.starts_with("'s") || gap.starts_with("’s");
                if gap_ok && gap.split_whitespace().count() <= 3 && !gap.contains(',') {
                    used_agents[k] = true;
                    m.end = agent.end;
                    let sector = agent.value.clone();
                    if kind != MentionKind::Named || m.sector.is_none() {
                        m.sector = Some(sector.clone());
                    }
                    if kind != MentionKind::Named {
                        m.code = m.country.as_ref().map(|c| format!("{c}{sector}"));
                    }
                }
            }
        }
        mentions.push(m);
    }
    for (k, agent) in agent_hits.iter().enumerate() {
        if used_agents[k] {
            continue;
        }
        let mut m = Mention {
            start: agent.start,
            end: agent.end,
            name: s[agent.start..agent.end].to_lowercase(),
            code: None,
            country: None,
            sector: Some(agent.value.clone()),
            kind: MentionKind::Agent,
            locative: false,
            modifier: false,
        };
        // "police in Iran", "authorities in Kenya": police and civil authorities belong to the country they are in
        // (troops and militias often do not, so they are left alone)
        let domestic = matches!(agent.value.as_str(), "COP" | "GOV");
        if let Some(next) = mentions.iter().find(|n| domestic && n.start > agent.end && n.kind == MentionKind::Country) {
            let gap = s[agent.end..next.start].trim();
            if gap == "in" || gap == "of" {
                m.end = next.end;
                m.country = next.country.clone();
                m.name = next.name.clone();
                m.code = next.country.as_ref().map(|c| format!("{c}{}", agent.value));
                let consumed = (next.start, next.end);
                mentions.retain(|n| (n.start, n.end) != consumed);
            }
        }
        mentions.push(m);
    }
    mentions.sort_by_key(|m| m.start);
    mark_place_uses(s, &mut mentions);
    mentions
}

/// Country and capital words used as places: after a locative preposition, after "Place, ", or as "Syria's X
/// province".
fn mark_place_uses(s: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if !matches!(m.kind, MentionKind::Country | MentionKind::Capital) {
            continue;
        }
        let composed = m.sector.is_some() && m.kind == MentionKind::Country;
        if composed {
            continue; // "Iran's police" is an actor
        }
        let before = s[..m.start].trim_end();
        let prev = last_word(before).map(|w| w.to_lowercase()).unwrap_or_default();
        let after = s[m.end..].trim_start();
        let place_after_comma = before.ends_with(',')
            && last_word(before.trim_end_matches(','))
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let possessive_place = (after.starts_with("'s ") || after.starts_with("’s "))
            && after.split_whitespace().nth(1).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let northern = ["northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern"];
        if LOCATIVE_BEFORE.contains(&prev.as_str())
            || northern.contains(&prev.as_str())
            || place_after_comma && m.kind == MentionKind::Country
            || possessive_place
        {
            m.locative = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(s: &str) -> Vec<(String, Option<String>, bool)> {
        find_mentions(Lexicon::builtin(), s)
            .into_iter()
            .map(|m| (s[m.start..m.end].to_string(), m.code.clone(), m.is_actor()))
            .collect()
    }

    #[test]
    fn demonym_and_agent_make_one_national_actor() {
        let found = actors("Syrian government forces shelled the town.");
        assert_eq!(found[0], ("Syrian government forces".to_string(), Some("SYRMIL".to_string()), true));
    }

    #[test]
    fn possessive_country_and_agent() {
        let found = actors("Turkey's defence ministry said.");
        assert_eq!(found[0].0, "Turkey's defence ministry");
        assert_eq!(found[0].1.as_deref(), Some("TURGOV"));
    }

    #[test]
    fn agent_in_country_takes_the_country() {
        let found = actors("Police in Iran arrested more than 200 people.");
        assert_eq!(found[0], ("Police in Iran".to_string(), Some("IRNCOP".to_string()), true));
    }

    #[test]
    fn place_uses_and_modifiers_are_not_actors() {
        let found = actors("Fighting near Jalalaqsi, Somalia, and Iran-backed militias in Syria.");
        let somalia = found.iter().find(|f| f.0 == "Somalia").unwrap();
        assert!(!somalia.2);
        assert!(!found.iter().find(|f| f.0 == "Iran").unwrap().2);
        assert!(!found.iter().find(|f| f.0 == "Syria").unwrap().2);
        assert!(found.iter().find(|f| f.0 == "militias").unwrap().2);
    }
}
