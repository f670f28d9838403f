//! Modality: is the event asserted, denied, hypothetical, planned or hedged? Read from cue words in the clause
//! before the trigger ("would not engage", "No clashes", "denied attacking", "reportedly").

use sitrep_model::Modality;

const NEGATION: &[&str] = &["not", "n't", "never", "no", "without", "denied", "deny", "denies", "nor", "neither", "rejected"];
const HYPOTHETICAL: &[&str] = &["would", "could", "might", "may", "if", "unless", "should", "threatened", "threatening", "warned", "considering"];
const FUTURE: &[&str] = &["will", "shall", "'ll", "plans", "planned", "planning", "intends", "intend", "vowed", "pledged", "set", "scheduled", "going", "expected", "about", "preparing", "prepare", "prepares"];
const HEDGE: &[&str] = &["reportedly", "allegedly", "apparently", "purportedly", "suspected", "alleged", "unconfirmed", "believed", "possibly", "likely"];
/// Words that end the clause a cue can reach across.
const CLAUSE_BREAK: &[&str] = &[",", ";", ":", "and", "but", "after", "before", "when", "while", "because", "as", "said", "\"", "“", "”"];

/// Modality of the trigger at token index `trigger` among `words` (the sentence's tokens).
pub(crate) fn modality_at(words: &[&str], trigger: usize) -> Modality {
    let mut m = Modality::default();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let from = trigger.saturating_sub(6);
    for k in (from..trigger).rev() {
        let w = lower[k].as_str();
        if CLAUSE_BREAK.contains(&w) && k + 1 < trigger {
            // "No clashes were reported, and ..." — a break right before the trigger still lets "no" apply
            break;
        }
        if NEGATION.contains(&w) {
            m.negated = true;
        }
        if HYPOTHETICAL.contains(&w) {
            m.hypothetical = true;
        }
        if FUTURE.contains(&w) && (w != "set" && w != "going" && w != "expected" && w != "about" || lower.get(k + 1).is_some_and(|n| n == "to")) {
            m.future = true;
        }
        if HEDGE.contains(&w) {
            m.hedged = true;
        }
    }
    // "agreed to cooperate", "threatened to attack": an intended act, not a done one
    const INTENT: &[&str] = &["agreed", "agree", "agrees", "promised", "pledged", "vowed", "plan", "plans", "planned", "wants", "want", "intends", "seeks", "seeking", "hopes", "aims", "expected", "threatened", "threatens", "refused", "ready", "prepared", "set"];
    if trigger > 0 && lower[trigger - 1] == "to" && (trigger.saturating_sub(5)..trigger - 1).any(|k| INTENT.contains(&lower[k].as_str())) {
        m.future = true;
        if lower[trigger.saturating_sub(5)..trigger - 1].iter().any(|w| w == "refused") {
            m.negated = true;
        }
    }
    // "... were reportedly killed": hedges also follow an auxiliary right before the trigger
    if lower.get(trigger + 1).is_some_and(|w| w == "reportedly" || w == "allegedly") {
        m.hedged = true;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(sentence: &str, trigger: &str) -> Modality {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let i = words.iter().position(|w| *w == trigger).unwrap();
        modality_at(&words, i)
    }

    #[test]
    fn would_not_is_negated_and_hypothetical() {
        let m = at("Russian officials assured coalition officials they would not engage coalition forces", "engage");
        assert!(m.negated && m.hypothetical);
    }

    #[test]
    fn no_before_a_noun_trigger_negates_it() {
        assert!(at("No clashes were reported", "clashes").negated);
    }

    #[test]
    fn plain_past_is_asserted() {
        let m = at("Rebels attacked the town on Monday", "attacked");
        assert_eq!(m, Modality::default());
    }

    #[test]
    fn cues_do_not_cross_clauses() {
        assert!(!at("Police did not comment , but rebels attacked the base", "attacked").negated);
    }

    #[test]
    fn agreed_to_is_an_intention() {
        assert!(at("Baghdad and Ankara agreed in March to cooperate more closely", "cooperate").future);
    }

    #[test]
    fn hedges_and_plans() {
        assert!(at("Gunmen reportedly killed two", "killed").hedged);
        assert!(at("The army plans to attack the town", "attack").future);
    }
}
