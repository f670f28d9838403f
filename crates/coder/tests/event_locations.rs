//! Which of a sentence's places is the event's: a capital that is attacked is the city, a place named only to say
//! where another is does not win, the clause that tells of the dead decides between a round-up's places, and a
//! compass word can make the point the province's. Every point is a gazetteer entry's.

use sitrep_coder::Coder;
use sitrep_model::{Document, Event, EventType, LocationPrecision};

fn assault(text: &str) -> Event {
    let events = Coder::new().code(&Document::from_text("t", text));
    events.into_iter().find(|e| e.event_type == EventType::Assault).unwrap_or_else(|| panic!("no ASSAULT in {text:?}"))
}

fn place(text: &str) -> (String, LocationPrecision, Option<String>) {
    let e = assault(text);
    let l = e.location.unwrap_or_else(|| panic!("no location for {text:?}"));
    (l.name, l.precision, l.text)
}

#[test]
fn a_capital_called_the_capital_is_the_city_not_its_government() {
    let (name, precision, _) = place("Shells target the capital Damascus, killing three people.");
    assert_eq!((name.as_str(), precision), ("Damascus", LocationPrecision::Town));
}

#[test]
fn a_capital_the_recogniser_passed_over_is_still_the_city() {
    // "Baghdad Shi'ite" reads as one capitalised name to the recogniser; the lexicon still knows the capital
    let (name, precision, _) = place("Car bombs hit Baghdad Shi'ite districts, 17 killed");
    assert_eq!((name.as_str(), precision), ("Baghdad", LocationPrecision::Town));
}

#[test]
fn a_capital_that_acts_is_its_government_not_the_place() {
    let (name, _, _) = place("Moscow bombed the rebels.");
    assert_ne!(name, "Moscow");
}

#[test]
fn a_place_named_to_say_where_another_is_does_not_win() {
    let (_, precision, text) = place("Artillery shelling on Kafr Zita north of Hama killed a man.");
    assert_eq!((text.as_deref(), precision), (Some("Kafr Zita"), LocationPrecision::Town));
}

#[test]
fn of_a_round_ups_places_the_one_where_people_died_wins() {
    let (_, _, text) = place("Shelling on several areas in Daraa city and human losses in airstrikes on the countryside of Hama.");
    assert_eq!(text.as_deref(), Some("Hama"));
    let (_, _, text) = place("3 casualties in the aerial bombing on Nawa and clashes in the countryside of Al-Hasakah");
    assert_eq!(text.as_deref(), Some("Nawa"));
}

#[test]
fn a_count_of_kilometres_is_no_toll() {
    let (_, _, text) = place("Less than 10 km away of the border with Iskenderun, gunmen launch a violent attack on Kafr Takharim");
    assert_eq!(text.as_deref(), Some("Kafr Takharim"));
}

#[test]
fn a_compass_countryside_is_the_province_only_where_the_province_lies_that_way() {
    // Ḩamāh province's settlements lie mostly north of the city, so its point is nearer "the northern countryside"
    let (_, precision, text) = place("Warplanes killed five people in the northern countryside of Hama.");
    assert_eq!((precision, text.as_deref()), (LocationPrecision::Admin1, Some("Hama")));
    let (_, precision, _) = place("Warplanes killed five people in the southern countryside of Hama.");
    assert_eq!(precision, LocationPrecision::Town);
}

#[test]
fn a_man_from_one_town_shot_in_another_is_located_where_he_was_shot() {
    let (name, _, _) = place("A man from Dallas was shot and killed in Houston.");
    assert_eq!(name, "Houston");
}

#[test]
fn a_dateline_town_is_the_place_when_no_sentence_names_one() {
    // local news: the dateline's town, not the country, and not the state abbreviation that qualifies it
    let text = "NASHVILLE, Tenn. — Police are looking for a gunman after a man was shot and killed on Friday night.";
    let (name, _, _) = place(text);
    assert_eq!(name, "Nashville");
}

#[test]
fn an_abbreviated_compass_word_does_not_make_a_town_a_surname() {
    // "SE Houston" is south-east Houston, not a person called Houston
    let text = "A boy was killed in SE Houston drive-by shooting on Friday. A southeast Houston family is grieving.";
    let (name, _, _) = place(text);
    assert_eq!(name, "Houston");
}

#[test]
fn a_state_in_the_sentence_yields_to_the_documents_town_inside_it() {
    // "in Ohio" says less than the Akron the story is about
    let text = "A man was shot in Akron on Friday night. Police in Akron said he died. \
                It was the third shooting in Ohio this week, officers said.";
    let events = Coder::new().code(&Document::from_text("t", text));
    let e = events.iter().filter(|e| e.event_type == EventType::Assault).last().expect("an ASSAULT");
    let l = e.location.as_ref().expect("a location");
    assert_eq!(l.name, "Akron", "{:?}", e.trigger.text);
}

#[test]
fn the_countryside_of_a_town_its_province_centres_on_is_the_province_point() {
    // Idlib province's settlements centre within 20 km of Idlib city: the province's point is nearer the villages
    let (name, precision, text) = place("Warplanes killed 5 civilians in the countryside of Idlib.");
    assert_eq!((name.as_str(), precision, text.as_deref()), ("Idlib", LocationPrecision::Admin1, Some("Idlib")));
    // also as one of a list: "the countryside of Idlib and Hama"
    let (_, precision, text) = place("Airstrikes killed 4 people in both countryside of Idlib and Hama.");
    assert_eq!((precision, text.as_deref()), (LocationPrecision::Admin1, Some("Idlib")));
    // Homs province's point lies out in the desert, far from the city: the town stays
    let (name, precision, _) = place("An ambush killed 50 soldiers in Homs countryside.");
    assert_eq!((name.as_str(), precision), ("Homs", LocationPrecision::Town));
    // a town named bare stays the town
    let (_, precision, _) = place("Shelling killed 3 civilians in Idlib city.");
    assert_eq!(precision, LocationPrecision::Town);
}

#[test]
fn a_capital_counts_toward_the_documents_focus_place() {
    let e = assault("Somali forces carry out security operations in Mogadishu. Mogadishu blast death toll rises to five.");
    let l = e.location.expect("a location");
    assert_eq!((l.name.as_str(), l.country.as_deref()), ("Mogadishu", Some("SOM")));
}

#[test]
fn of_two_reports_of_one_event_the_more_specific_place_is_kept() {
    let events = Coder::new().code(&Document::from_text(
        "t",
        "Blast in rebel-held areas in Syria's north kills several.\nA car explosion in Jarabulus city on the border with Turkey kills 8 persons at least.",
    ));
    let located: Vec<_> = events.iter().filter_map(|e| e.location.as_ref()).map(|l| (l.name.as_str(), l.precision)).collect();
    assert!(located.contains(&("Jarābulus", LocationPrecision::Town)), "{located:?}");
    assert!(!located.iter().any(|(_, p)| *p == LocationPrecision::Country), "{located:?}");
}

#[test]
fn a_demonym_alone_does_not_make_a_towns_country_foreign() {
    // "Russian" says who bombed, not where: Jisr al-Shughur (Syria) is still the place
    let (name, precision, _) = place("Russian warplanes kill a civilian and injure 7 others in bombing targeted Jisr al-Shughur city");
    assert_eq!((name.as_str(), precision), ("Jisr ash Shughūr", LocationPrecision::Town));
}

#[test]
fn a_province_named_as_a_citys_countryside_is_placed_at_the_city() {
    // "Rif Dimashq" is "the countryside of Damascus"; the province's own point lies some 60 km out in the desert
    let e = assault("Shelling killed 4 civilians in Rif Dimashq.");
    let l = e.location.expect("a location");
    assert_eq!((l.precision, l.text.as_deref()), (LocationPrecision::Admin1, Some("Rif Dimashq")));
    let (lat, lon) = (l.lat.expect("lat"), l.lon.expect("lon"));
    assert!((lat - 33.5).abs() < 0.1 && (lon - 36.3).abs() < 0.1, "{lat},{lon}");
}

#[test]
fn a_place_the_document_names_once_is_a_better_fallback_than_its_country() {
    // the shooting's sentence names no place; the other names Khan Shaykhun once, with no locative word
    let e = assault("Regime forces control Khan Shaykhun's northern neighborhoods. Gunmen shot dead 7 people yesterday.");
    let l = e.location.expect("a location");
    assert_eq!((l.name.as_str(), l.precision, l.text.as_deref()), ("Khān Shaykhūn", LocationPrecision::Admin2, None));
}

#[test]
fn a_country_named_as_a_partys_modifier_does_not_make_a_town_foreign() {
    // "US soldiers", "US citizen", "Turkey-loyal factions" say who acts, not where, as a demonym does
    let (name, _, _) = place("2 US soldiers wounded in Nangarhar suicide attack");
    assert_eq!(name, "Nangarhār");
    let (name, _, _) = place("The third US citizen fighter is killed in Manbij area");
    assert_eq!(name, "Manbij");
    // the country written as a place still counts: "in Ukraine"
    let (name, precision, _) = place("Shelling kills two children in eastern Ukraine");
    assert_eq!((name.as_str(), precision), ("Ukraine", LocationPrecision::Country));
}
