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
