//! Attribution: who the sentence says the claim comes from ("the army said", "according to residents",
//! "said Colonel Mark Ellison").

use std::sync::LazyLock;

use regex::Regex;

const REPORTING: &str = r"(?:said|says|say|reported|reports|told|announced|claimed|stated|added|confirmed|quoted|tweeted|wrote)";

static AFTER_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    // a speaker phrase starting a sentence or clause and followed by a reporting verb
    Regex::new(&format!(r#"(?:^|[,;:“"”]\s*|\bthat\s+)(?P<who>[^,;:“"”]{{2,90}}?)\s+(?:has\s+|had\s+|have\s+|was\s+|were\s+)?(?P<verb>{REPORTING})\b"#))
        .expect("valid reporter pattern")
});
static BEFORE_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"[,“"”]\s*{REPORTING}\s+(?P<who>[^,;.“"”]{{2,90}})"#)).expect("valid reporter pattern")
});
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:according to|citing|cited by)\s+(?P<who>[^,;.]{2,90})").expect("valid reporter pattern")
});

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which", "this", "that", "officials said"];

/// A reporter found in a sentence; `start..end` are byte offsets into the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReporterMention {
    pub start: usize,
    pub end: usize,
}

/// Reporters named in sentence `s`, in text order, without pronouns.
pub(crate) fn find_reporters(s: &str) -> Vec<ReporterMention> {
    let mut out: Vec<ReporterMention> = Vec::new();
    let mut push = |start: usize, end: usize| {
        let raw = &s[start..end];
        let trimmed = raw.trim_end_matches([' ', '.', '"', '”']);
        let start = start + (trimmed.len() - trimmed.trim_start().len());
        let end = start + trimmed.trim_start().len();
        let text = &s[start..end];
        let words = text.split_whitespace().count();
        if words == 0 || words > 12 || PRONOUNS.contains(&text.to_lowercase().as_str()) {
            return;
        }
        if !out.iter().any(|r| r.start < end && start < r.end) {
            out.push(ReporterMention { start, end });
        }
    };
    for c in ACCORDING.captures_iter(s) {
        let who = c.name("who").expect("named group");
        push(who.start(), who.end());
    }
    for c in BEFORE_SPEAKER.captures_iter(s) {
        let who = c.name("who").expect("named group");
        // "said on Thursday" is not a speaker
        let first = who.as_str().split_whitespace().next().unwrap_or("");
        if ["on", "in", "at", "that", "the", "it", "they", "he", "she"].contains(&first.to_lowercase().as_str()) && first != "The" {
            continue;
        }
        push(who.start(), who.end());
    }
    for c in AFTER_SPEAKER.captures_iter(s) {
        let who = c.name("who").expect("named group");
        let text = who.as_str().to_lowercase();
        // "No clashes were reported", "tolls reported after": a passive report names no speaker
        let verb = c.name("verb").map_or("", |v| v.as_str());
        let passive = text.ends_with(" were") || text.ends_with(" was") || text.ends_with(" been") || text.ends_with(" be");
        let bare_report = verb == "reported" && !s[c.get(0).expect("group 0").end()..].trim_start().starts_with(['t', ',', '.']);
        if passive || bare_report || text.starts_with("no ") {
            continue;
        }
        // "and police said": the conjunction is not part of the speaker
        let skip = ["and ", "but ", "while "].iter().find(|p| text.starts_with(**p)).map_or(0, |p| p.len());
        push(who.start() + skip, who.end());
    }
    out.sort_by_key(|r| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(s: &str) -> Vec<&str> {
        find_reporters(s).into_iter().map(|r| &s[r.start..r.end]).collect::<Vec<_>>()
    }

    #[test]
    fn speaker_before_the_verb() {
        assert_eq!(who("The Syrian Observatory for Human Rights said 14 civilians were killed."), ["The Syrian Observatory for Human Rights"]);
        assert_eq!(who("Seven soldiers were killed on Saturday, the army said."), ["the army"]);
    }

    #[test]
    fn speaker_after_the_verb_and_according_to() {
        assert_eq!(who("Troops moved in, said Colonel Mark Ellison, spokesman for the task force."), ["Colonel Mark Ellison"]);
        assert_eq!(who("Jets struck Ariha, according to residents and monitoring groups."), ["residents and monitoring groups"]);
    }

    #[test]
    fn passive_reports_and_conjunctions() {
        assert!(who("No clashes were reported, and there was no exchange of fire.").is_empty());
        assert!(who("Conflicting death tolls reported after air strike on Ariha").is_empty());
        assert_eq!(who("The Red Cross said it treated 27 people, and police said 41 people were arrested."), ["The Red Cross", "police"]);
    }

    #[test]
    fn pronouns_are_not_reporters() {
        assert!(who("\"We will respond,\" he said.").is_empty());
    }
}
