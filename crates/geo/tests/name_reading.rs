//! How a name is read from text before it is resolved: where it ends, and which document context makes a town
//! foreign.

use std::collections::{HashMap, HashSet};

use sitrep_geo::{DocumentContext, Gazetteer};

fn found(text: &str, context: &DocumentContext) -> Vec<(String, String)> {
    Gazetteer::builtin().find(text, context).into_iter().map(|m| (text[m.start..m.end].to_string(), m.place.country.to_string())).collect()
}

#[test]
fn a_possessive_ends_a_place_name() {
    // "Hama's" is not "Hamas", an alternate name of Hamm in Germany
    let syria = DocumentContext { countries: HashMap::from([("SYR".to_string(), 1)]), named_as_places: HashSet::new() };
    let hama = found("Casualties in aerial bombardment at Hama's countryside", &syria);
    assert_eq!(hama, [("Hama".to_string(), "SYR".to_string())]);
    let hama = found("Casualties in aerial bombardment at Hama’s countryside", &syria);
    assert_eq!(hama, [("Hama".to_string(), "SYR".to_string())]);
    // a place whose own name ends so keeps it
    let st_johns = found("The victims were flown to St. John's, N.L., on Friday.", &DocumentContext::default());
    assert!(st_johns.iter().any(|(t, c)| t == "St. John's" && c == "CAN"), "{st_johns:?}");
}

#[test]
fn a_country_named_only_by_a_demonym_does_not_make_a_towns_country_foreign() {
    let text = "Russian warplanes kill a civilian in bombing targeted Jisr al-Shughur city";
    // "Russian" alone: who acted, not where
    let demonym = DocumentContext { countries: HashMap::from([("RUS".to_string(), 1)]), named_as_places: HashSet::new() };
    assert_eq!(found(text, &demonym), [("Jisr al-Shughur".to_string(), "SYR".to_string())]);
    // a story that names Russia as a place believes only big places elsewhere
    let named = DocumentContext {
        countries: HashMap::from([("RUS".to_string(), 1)]),
        named_as_places: HashSet::from(["RUS".to_string()]),
    };
    assert!(found(text, &named).is_empty());
}

fn admin1s(sentences: &[&str]) -> Vec<(String, String)> {
    let found = Gazetteer::builtin().find_in_document(sentences, &DocumentContext::default());
    sentences
        .iter()
        .zip(found)
        .flat_map(|(s, places)| places.into_iter().map(move |m| (s[m.start..m.end].to_string(), m.place.admin1.to_string())))
        .collect()
}

#[test]
fn a_small_town_in_another_state_than_the_storys_places_is_no_place() {
    // Seattle, Tacoma and Spokane put the story in Washington; "Broadway" here is a street, not Broadway, Virginia
    let story = [
        "Five people were shot near Broadway in Seattle early Sunday.",
        "Officers from Tacoma and Spokane joined the search, police said.",
    ];
    let found = admin1s(&story);
    assert!(found.iter().all(|(_, a)| a == "Washington"), "{found:?}");
    assert!(!found.iter().any(|(t, _)| t == "Broadway"), "{found:?}");
    // written with its state, the town is meant
    let story = [
        "Five people were shot in Seattle early Sunday.",
        "The suspect, from Tacoma, was arrested in Spokane; his brother lives in Broadway, Va.",
    ];
    let found = admin1s(&story);
    assert!(found.iter().any(|(t, a)| t == "Broadway" && a == "Virginia"), "{found:?}");
}
