//! "He said", "it said": pronoun reporters are kept, and tied to the person or organisation an earlier sentence
//! named when one fits; else they stay as the pronoun.

use sitrep_coder::Coder;
use sitrep_model::{char_slice, Document, Event};

fn violent(text: &str) -> (Document, Event) {
    let doc = Document::from_text("t", text);
    let event = Coder::new().code(&doc).into_iter().find(|e| e.event_type.is_violent()).expect("a violent event");
    (doc, event)
}

#[test]
fn he_said_resolves_to_the_titled_person_named_before() {
    let (doc, e) = violent(
        "Colonel Mark Ellison, spokesman for the task force, described the raid to reporters. \
         Rebels attacked a checkpoint in Kunduz on Monday, he said.",
    );
    let he = e.reporters.iter().find(|r| r.text == "he").expect("the pronoun reporter");
    let name = he.refers_to.as_ref().expect("resolved");
    assert_eq!(name.text, "Colonel Mark Ellison");
    assert_eq!(char_slice(&doc.text, name.span), Some("Colonel Mark Ellison"), "the antecedent's span points at it");
}

#[test]
fn it_said_resolves_to_the_organisation_that_spoke_before() {
    let (_, e) = violent(
        "The Syrian Observatory for Human Rights said the toll was rising. \
         Air strikes killed 12 civilians in Ariha on Sunday, it said.",
    );
    let it = e.reporters.iter().find(|r| r.text == "it").expect("the pronoun reporter");
    assert_eq!(it.refers_to.as_ref().map(|n| n.text.as_str()), Some("The Syrian Observatory for Human Rights"));
    let killed = e.casualties.killed.as_ref().expect("a toll");
    assert_eq!(killed.primary.reporter.as_deref(), Some("The Syrian Observatory for Human Rights"), "the toll is credited to the name");
}

#[test]
fn an_unresolvable_pronoun_stays_a_pronoun() {
    let (_, e) = violent("Troops attacked the town of Ariha on Sunday, she said.");
    let she = e.reporters.iter().find(|r| r.text == "she").expect("kept as the pronoun");
    assert!(she.refers_to.is_none());
}
