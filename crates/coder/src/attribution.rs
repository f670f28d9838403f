//! Attribution: who the sentence says the claim comes from ("the army said", "according to residents",
//! "said Colonel Mark Ellison").

use std::sync::LazyLock;

use regex::Regex;

const REPORTING: &str = r"(?:said|says|say|reported|reports|told|announced|claimed|stated|added|confirmed|quoted|tweeted|wrote|noted)";

static AFTER_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    // a speaker phrase starting a sentence or clause and followed by a reporting verb
    crate::patterns::compile(&format!(r#"(?:^|[,;:“"”]\s*|\bthat\s+)(?P<who>[^,;:“"”]{{2,90}}?)\s+(?:has\s+|had\s+|have\s+|was\s+|were\s+)?(?P<verb>{REPORTING})\b"#))
        .expect("valid reporter pattern")
});
static BEFORE_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(r#"[,“"”]\s*{REPORTING}\s+(?P<who>[^,;.“"”]{{2,90}})"#)).expect("valid reporter pattern")
});
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"\b(?:according to|citing|cited by)\s+(?P<who>[^,;.]{2,90})").expect("valid reporter pattern")
});

/// Every reporter pattern needs one of these words: a sentence without any is skipped before the costlier patterns
/// run (most sentences of a report quote no one). Case-blind, so it admits a superset of what the patterns match.
static MAY_NAME_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(r"(?i){}|according to|citing|cited by", &REPORTING[3..REPORTING.len() - 1]))
        .expect("valid reporter prefilter")
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
    if !MAY_NAME_REPORTER.is_match(s) {
        return out;
    }
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

static PRONOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(r#"(?i)(?:^|[,;:“"”]\s*|\b(?:and|but)\s+)(?P<who>he|she|it|they)\s+(?:has\s+|had\s+|also\s+|later\s+)?{REPORTING}\b"#))
        .expect("valid pronoun reporter pattern")
});
static PRONOUN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(&format!(r#"(?i)[,“"”]\s*{REPORTING}\s+(?P<who>he|she|it|they)\b"#)).expect("valid pronoun reporter pattern")
});
/// A person named with a title: "Defense Secretary William Perry", "spokesman Colonel Mark Ellison", "Mr. Kim".
static TITLED_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::compile(r"\b(?:President|Prime Minister|Minister|Secretary|General|Gen\.|Colonel|Col\.|Major|Maj\.|Lt\.|Lieutenant|Captain|Capt\.|Commander|Governor|Mayor|Ambassador|Senator|Judge|Director|Chief|spokesman|spokeswoman|spokesperson|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+(?P<name>(?:[A-Z][\p{L}'’-]+\s+){0,3}[A-Z][\p{L}'’-]+)")
        .expect("valid titled person pattern")
});

/// Pronouns used as speakers ("he said", "said she", "it said in a statement"), in text order.
pub(crate) fn find_pronoun_reporters(s: &str) -> Vec<ReporterMention> {
    if !MAY_NAME_REPORTER.is_match(s) {
        return Vec::new();
    }
    let mut out: Vec<ReporterMention> = PRONOUN_BEFORE
        .captures_iter(s)
        .chain(PRONOUN_AFTER.captures_iter(s))
        .filter_map(|c| c.name("who").map(|w| ReporterMention { start: w.start(), end: w.end() }))
        .collect();
    out.sort_by_key(|r| r.start);
    out.dedup();
    out
}

/// What a named speaker is, for resolving pronouns: "he"/"she" stand for people, "it"/"they" for organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpeakerKind {
    Person,
    Organisation,
}

/// Words that make a speaker phrase an organisation or group rather than a person.
const GROUP_WORDS: &[&str] = &[
    "ministry", "army", "police", "agency", "government", "office", "department", "council", "committee", "observatory",
    "group", "groups", "forces", "military", "officials", "residents", "sources", "authorities", "command", "news",
    "television", "radio", "newspaper", "statement", "organization", "organisation", "commission", "coalition",
    "witnesses", "monitors", "activists", "spokesmen", "administration", "embassy", "union", "party", "movement",
];
/// Titles and roles that make a speaker phrase one person ("army spokesman Colonel X" is a person).
const PERSON_WORDS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "president", "minister", "secretary", "general", "colonel", "major",
    "commander", "governor", "mayor", "ambassador", "senator", "judge", "director", "chief", "official", "mr", "mr.",
    "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "lieutenant", "captain",
];

/// Classifies a named speaker phrase: a titled or capitalised personal name is a person; a phrase with a group word,
/// or a country or organisation, is an organisation.
pub(crate) fn speaker_kind(text: &str) -> SpeakerKind {
    let words: Vec<String> = text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_lowercase()).collect();
    if words.iter().any(|w| PERSON_WORDS.contains(&w.as_str())) {
        return SpeakerKind::Person;
    }
    if words.iter().any(|w| GROUP_WORDS.contains(&w.as_str())) {
        return SpeakerKind::Organisation;
    }
    let capitalised = text.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    let all = text.split_whitespace().count();
    if (2..=4).contains(&all) && capitalised == all && !text.chars().any(|c| c.is_ascii_digit()) {
        SpeakerKind::Person
    } else {
        SpeakerKind::Organisation
    }
}

/// People named with a title in sentence `s` (byte ranges of the whole title + name).
pub(crate) fn titled_people(s: &str) -> Vec<ReporterMention> {
    TITLED_PERSON.captures_iter(s).filter_map(|c| c.get(0)).map(|m| ReporterMention { start: m.start(), end: m.end() }).collect()
}

/// The most recent person and organisation a document has named as speakers (or, for people, with a title), so a
/// later "she said" or "it said" can be tied to them.
#[derive(Debug, Default, Clone)]
pub(crate) struct Speakers {
    person: Option<sitrep_model::ReporterName>,
    organisation: Option<sitrep_model::ReporterName>,
}

impl Speakers {
    pub(crate) fn observe(&mut self, name: sitrep_model::ReporterName, kind: SpeakerKind) {
        match kind {
            SpeakerKind::Person => self.person = Some(name),
            SpeakerKind::Organisation => self.organisation = Some(name),
        }
    }

    /// The name a pronoun reporter stands for, if an earlier sentence gave a fitting one.
    pub(crate) fn resolve(&self, pronoun: &str) -> Option<sitrep_model::ReporterName> {
        match pronoun.to_lowercase().as_str() {
            "he" | "she" => self.person.clone(),
            "it" | "they" => self.organisation.clone(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(s: &str) -> Vec<&str> {
        find_reporters(s).into_iter().map(|r| &s[r.start..r.end]).collect::<Vec<_>>()
    }

    /// The prefilter may only skip sentences no reporter pattern could match.
    #[test]
    fn reporter_prefilter_admits_every_reporting_verb() {
        for verb in REPORTING[3..REPORTING.len() - 1].split('|').chain(["according to", "citing", "cited by"]) {
            assert!(MAY_NAME_REPORTER.is_match(verb), "{verb}");
        }
        assert!(who("Seven soldiers died in the ambush near Kismayo.").is_empty());
        assert_eq!(who("Seven soldiers died in the ambush, the army said."), ["the army"]);
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
    fn pronouns_are_not_named_reporters_but_are_found_as_pronouns() {
        let s = "\"We will respond,\" he said.";
        assert!(who(s).is_empty());
        let found: Vec<&str> = find_pronoun_reporters(s).into_iter().map(|r| &s[r.start..r.end]).collect();
        assert_eq!(found, ["he"]);
        let s = "The strikes hit two depots, said she, and it noted more to come.";
        let found: Vec<&str> = find_pronoun_reporters(s).into_iter().map(|r| &s[r.start..r.end]).collect();
        assert_eq!(found, ["she", "it"]);
    }

    #[test]
    fn speakers_are_people_or_organisations() {
        assert_eq!(speaker_kind("army spokesman Colonel Hassan Abdi Nur"), SpeakerKind::Person);
        assert_eq!(speaker_kind("Jane Okafor"), SpeakerKind::Person);
        assert_eq!(speaker_kind("the Syrian Observatory for Human Rights"), SpeakerKind::Organisation);
        assert_eq!(speaker_kind("police"), SpeakerKind::Organisation);
        assert_eq!(speaker_kind("Reuters"), SpeakerKind::Organisation);
    }
}
