//! Actors the lexicon does not list as national still get the country the text gives them: from a nearby country
//! word, a "-led" compound, a shared agent noun, the speaker of "X said it would", or the place an act is aimed
//! at; and what an attack hits is named even when it is no known actor.

use sitrep_coder::Coder;
use sitrep_model::{Actor, Document, Event, EventType};

fn event(text: &str, event_type: EventType) -> Event {
    let events = Coder::new().code(&Document::from_text("t", text));
    events.into_iter().find(|e| e.event_type == event_type).unwrap_or_else(|| panic!("no {event_type:?} in {text:?}"))
}

fn countries(actors: &[Actor]) -> Vec<&str> {
    actors.iter().filter_map(|a| a.country.as_deref()).collect()
}

fn texts(actors: &[Actor]) -> Vec<&str> {
    actors.iter().map(|a| a.text.as_str()).collect()
}

#[test]
fn an_agent_named_near_a_country_takes_that_country() {
    let e = event("Protesters in Kenya rejected the new tax law.", EventType::Reject);
    assert_eq!(e.actors[0].code.as_deref(), Some("KENOPP"));
    // a town the gazetteer places names the country too
    let e = event("Police in Lagos arrested 40 protesters on Sunday.", EventType::Coerce);
    assert_eq!(e.actors[0].code.as_deref(), Some("NGACOP"));
}

#[test]
fn a_title_and_an_unlisted_name_are_one_actor_of_the_country_named() {
    let e = event("President Hakainde Hichilema of Zambia rejected the demands of the unions.", EventType::Reject);
    assert_eq!(texts(&e.actors), ["President Hakainde Hichilema"]);
    assert_eq!(e.actors[0].code.as_deref(), Some("ZMBGOV"));
    // a possessive ends the name
    let e = event("Judge Amina Wako's ruling was rejected by President Omar Keita of Mali.", EventType::Reject);
    assert!(e.actors.iter().chain(&e.recipients).all(|a| !a.text.ends_with("'s")), "{e:#?}");
}

#[test]
fn a_led_force_belongs_to_its_leader() {
    let e = event("Saudi-led forces attacked Houthi positions near Hodeidah.", EventType::Assault);
    assert_eq!(e.actors[0].code.as_deref(), Some("SAUMIL"));
}

#[test]
fn coordinated_nationalities_share_the_agent_noun() {
    let e = event("Police detained Somali and Ethiopian refugees on Monday.", EventType::Coerce);
    let mut found = countries(&e.recipients);
    found.sort();
    assert_eq!(found, ["ETH", "SOM"]);
}

#[test]
fn the_speaker_of_it_would_is_the_actor() {
    let e = event("On Wednesday, Norway said it would meet the rebel delegation next month.", EventType::Agree);
    assert_eq!(countries(&e.actors), ["NOR"]);
    let e = event("Canada announced a suspension of its aid programme.", EventType::Sanction);
    assert_eq!(countries(&e.actors), ["CAN"]);
}

#[test]
fn a_curfew_imposed_on_a_town_has_the_town_as_recipient() {
    let e = event("The government imposed a curfew in Kismayo after the clashes.", EventType::Coerce);
    assert_eq!(texts(&e.recipients), ["Kismayo"]);
    assert_eq!(countries(&e.recipients), ["SOM"]);
}

#[test]
fn an_attacks_place_stays_its_location_not_its_recipient() {
    let e = event("Gunmen attacked in Kismayo on Friday.", EventType::Assault);
    assert!(e.recipients.iter().all(|r| r.text != "Kismayo"), "{:?}", e.recipients);
}

#[test]
fn what_an_attack_hits_is_named_when_no_known_actor_is() {
    let e = event("Gunmen bombed a pharmacy in the city centre.", EventType::Assault);
    assert_eq!(texts(&e.recipients), ["pharmacy"]);
    let e = event("A shop owner was shot dead by gunmen on Friday.", EventType::Assault);
    assert_eq!(texts(&e.recipients), ["shop owner"]);
    assert!(e.recipients[0].code.is_none());
}
