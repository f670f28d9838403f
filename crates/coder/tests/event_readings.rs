//! How statements are read as PLOVER events: demands, refusals, resignations, conditional threats, intentions and
//! compound modifiers — the readings a careless coder gets wrong.

use sitrep_coder::Coder;
use sitrep_model::{Document, Event, EventType};

fn code(text: &str) -> Vec<Event> {
    Coder::new().code(&Document::from_text("t", text))
}

fn first_type(text: &str) -> Option<EventType> {
    code(text).into_iter().find(|e| !e.modality.negated).map(|e| e.event_type)
}

fn countries(actors: &[sitrep_model::Actor]) -> Vec<String> {
    actors.iter().filter_map(|a| a.country.clone()).collect()
}

#[test]
fn must_under_a_reporting_verb_is_a_request_from_the_speaker_to_the_one_who_must_act() {
    let events = code("Russia said on Tuesday that Sudan must return a Mi-26 helicopter that was captured last week.");
    let request = events.iter().find(|e| e.event_type == EventType::Request).expect("a REQUEST");
    assert_eq!(events[0].event_type, EventType::Request, "the demand is the sentence's first event");
    assert_eq!(countries(&request.actors), ["RUS"]);
    assert_eq!(countries(&request.recipients), ["SDN"]);
}

#[test]
fn a_stated_refusal_to_cooperate_is_a_reject_not_a_negated_meeting() {
    let events = code("The United States said it would not meet the hostage-takers' demands.");
    let reject = events.iter().find(|e| e.event_type == EventType::Reject).expect("a REJECT");
    assert!(!reject.modality.negated, "the refusal itself is asserted");
}

#[test]
fn refusing_to_attack_stays_a_negated_attack_left_out_by_default() {
    // not cooperative: nothing is rejected, the attack is denied — and a denied attack is no event by default
    let text = "Russian officials assured coalition officials they would not engage coalition forces.";
    let events = code(text);
    assert!(events.iter().all(|e| e.event_type != EventType::Reject && e.event_type != EventType::Assault));
    let flagged = Coder::new()
        .with_include(sitrep_coder::Include { negated: true, hypothetical: true })
        .code(&Document::from_text("t", text));
    let assault = flagged.iter().find(|e| e.event_type == EventType::Assault).expect("the denied attack, flagged");
    assert!(assault.modality.negated);
}

#[test]
fn a_resignation_is_a_retreat() {
    let events = code("Georgian President Eduard Shevardnadze resigned Sunday.");
    assert_eq!(events[0].event_type, EventType::Retreat);
    assert_eq!(events[0].mode.as_deref(), Some("resign"));
}

#[test]
fn a_conditional_boycott_is_a_threat() {
    assert_eq!(
        first_type("The Umma party has said it will boycott the elections unless the president agrees to step down."),
        Some(EventType::Threaten)
    );
}

#[test]
fn the_second_half_of_a_hyphenated_modifier_is_not_a_trigger() {
    // "long-threatened" describes the invasion; the invasion is what happened
    assert_eq!(first_type("Israel today mounted its long-threatened invasion of South Lebanon."), Some(EventType::Assault));
}

#[test]
fn promised_aid_and_support_are_agreements() {
    assert_eq!(first_type("France is ready to contribute up to 4,000 troops to the force, the minister said."), Some(EventType::Agree));
    assert_eq!(first_type("Portugal will support Turkey's bid, President Mario Soares said on Tuesday."), Some(EventType::Agree));
}

#[test]
fn expelling_diplomats_is_a_sanction_and_deporting_migrants_is_coercion() {
    assert_eq!(first_type("Switzerland said it had expelled two Russian diplomats for spying."), Some(EventType::Sanction));
    assert_eq!(first_type("Police expelled 40 migrants from the camp."), Some(EventType::Coerce));
}

#[test]
fn a_shooting_datelined_in_a_town_named_like_a_country_is_located_in_that_town() {
    let events = code("LEBANON, Tenn. - Two men were shot and wounded in Lebanon on Saturday night, police said.");
    let shooting = events.iter().find(|e| e.event_type == EventType::Assault).expect("an ASSAULT");
    let place = shooting.location.as_ref().expect("a location");
    assert_eq!((place.country.as_deref(), place.admin1.as_deref()), (Some("USA"), Some("Tennessee")), "{place:?}");
}

#[test]
fn a_town_named_like_a_country_is_no_country_actor_once_the_document_qualifies_it() {
    let events = code("LEBANON, Tenn. - Lebanon police arrested two men after a shooting on Main Street on Saturday.");
    let arrest = events.iter().find(|e| e.event_type == EventType::Coerce).expect("a COERCE");
    assert!(!countries(&arrest.actors).contains(&"LBN".to_string()), "{:?}", arrest.actors);
    // the country itself is still the country
    let abroad = code("Lebanon's army arrested two men near the border with Syria.");
    assert!(abroad.iter().any(|e| countries(&e.actors).contains(&"LBN".to_string())), "{abroad:?}");
}

#[test]
fn conflict_headline_idioms_for_killing_are_assaults() {
    for headline in [
        "Gunmen gun down a village chief in Kunduz",
        "Fighting between rival factions claims the lives of 7 civilians near Idlib",
        "Militants execute two men accused of spying in Raqqa",
        "Insurgents detonate a booby-trapped car at a checkpoint in Mosul",
        "A woman was stoned to death in a village north of Timbuktu",
    ] {
        assert_eq!(first_type(headline), Some(EventType::Assault), "{headline}");
    }
    // a homicide squad at work is no killing in itself; a double homicide is
    assert_ne!(first_type("Homicide detectives interviewed neighbours on Tuesday"), Some(EventType::Assault));
    let found = code("Police said a double homicide took place in Zamora overnight");
    assert!(found.iter().any(|e| e.event_type == EventType::Assault && !e.modality.negated), "{found:?}");
}

#[test]
fn taking_control_of_a_town_is_a_seizure() {
    assert_eq!(first_type("Rebels take control of Lalibela"), Some(EventType::Coerce));
}

#[test]
fn target_is_a_verb_only_where_it_cannot_be_a_noun() {
    assert_eq!(first_type("Warplanes target the eastern countryside of Idlib"), Some(EventType::Assault));
    assert_eq!(first_type("Helicopters bombard villages west of Hama"), Some(EventType::Assault));
    assert_ne!(first_type("The central bank missed its inflation target again"), Some(EventType::Assault));
}
