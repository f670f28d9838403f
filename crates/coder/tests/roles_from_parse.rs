//! Who acts and who is acted upon, read from the dependency parse: passives with a by-agent, appositions,
//! coordination, reported speech and fronted modifiers — and the positional reading agrees where it can.

use sitrep_coder::Coder;
use sitrep_model::{Actor, Document, Event, EventType};

fn event(text: &str, event_type: EventType) -> Event {
    let events = Coder::new().code(&Document::from_text("t", text));
    events.into_iter().find(|e| e.event_type == event_type).unwrap_or_else(|| panic!("no {event_type:?} in {text:?}"))
}

fn texts(actors: &[Actor]) -> Vec<&str> {
    actors.iter().map(|a| a.text.as_str()).collect()
}

#[test]
fn passive_with_a_by_agent() {
    let e = event("Seven soldiers were killed by al-Shabaab fighters near Jalalaqsi on Saturday.", EventType::Assault);
    assert_eq!(texts(&e.actors), ["al-Shabaab fighters"]);
    assert_eq!(texts(&e.recipients), ["soldiers"]);
}

#[test]
fn an_apposition_does_not_steal_the_subject() {
    let e = event("The SDF, a US-backed alliance, attacked Islamic State positions near Raqqa.", EventType::Assault);
    assert_eq!(texts(&e.actors), ["SDF"]);
    assert_eq!(texts(&e.recipients), ["Islamic State"]);
}

#[test]
fn coordinated_subjects_act_together() {
    let e = event("Turkey and Russia attacked Syrian troops near Idlib.", EventType::Assault);
    let countries: Vec<_> = e.actors.iter().filter_map(|a| a.country.as_deref()).collect();
    assert_eq!(countries, ["TUR", "RUS"]);
    assert_eq!(texts(&e.recipients), ["Syrian troops"]);
}

#[test]
fn the_reporter_of_reported_speech_is_not_the_actor() {
    let e = event("The Afghan army said Taliban fighters attacked a police checkpoint in Kunduz.", EventType::Assault);
    assert_eq!(texts(&e.actors), ["Taliban fighters"]);
    assert!(e.reporters.iter().any(|r| r.text.contains("army")));
}

#[test]
fn a_fronted_participle_clause_does_not_become_the_actor() {
    let e = event(
        "Supported by tanks and artillery, 500 Syrian troops attacked an SDF compound in Kusham.",
        EventType::Assault,
    );
    assert_eq!(e.actors.first().and_then(|a| a.code.as_deref()), Some("SYRMIL"));
    assert_eq!(e.recipients.first().map(|a| a.name.as_str()), Some("Syrian Democratic Forces"));
}

#[test]
fn all_caps_wire_copy_still_gets_roles() {
    let e = event("GUERRILLAS ATTACKED A MILITARY BASE IN SAN MIGUEL, THE ARMY SAID.", EventType::Assault);
    assert_eq!(texts(&e.actors), ["GUERRILLAS"]);
}

#[test]
fn a_headline_verb_the_parser_reads_as_a_participle_keeps_its_subject() {
    // "Regime forces attacked SDF positions" parses as "forces [that were] attacked", but a participle with an object
    // is an active verb
    let e = event("Regime forces attacked SDF positions near Deir ez-Zor.", EventType::Assault);
    assert_eq!(texts(&e.actors), ["Regime forces"]);
    assert_eq!(texts(&e.recipients), ["SDF"]);
}

#[test]
fn regime_forces_and_loyal_troops_belong_to_the_state_the_document_is_about() {
    let e = event("Regime forces attacked SDF positions near Deir ez-Zor.", EventType::Assault);
    assert_eq!(e.actors[0].code.as_deref(), Some("SYRMIL"), "the document is about Syria");
    let e = event("Troops loyal to the Syrian government attacked an SDF compound in Kusham.", EventType::Assault);
    assert_eq!(e.actors[0].code.as_deref(), Some("SYRMIL"));
}
