//! Behaviour the bundled examples pin: each test is named after what a user would notice if it broke.

mod common;

use common::{example_events, sitrep, sitrep_stdin};
use serde_json::Value;

fn violent(events: &[Value]) -> Vec<&Value> {
    events.iter().filter(|e| e["event_type"] == "ASSAULT").collect()
}

#[test]
fn conflicting_toll_claims_are_kept_side_by_side_with_their_reporters() {
    let events = example_events("airstrike-conflicting-claims");
    let strike = violent(&events).into_iter().find(|e| !e["casualties"]["killed"].is_null()).expect("a strike with deaths");
    let claims = strike["casualties"]["killed"]["claims"].as_array().expect("claims listed");
    let pairs: Vec<(u64, String)> = claims
        .iter()
        .map(|c| (c["best"].as_u64().unwrap(), c["reporter"].as_str().unwrap_or("").to_string()))
        .collect();
    assert!(pairs.iter().any(|(n, r)| *n == 14 && r.contains("Syrian Observatory")), "{pairs:?}");
    assert!(pairs.iter().any(|(n, r)| *n == 9 && r.contains("SANA")), "{pairs:?}");
    assert_eq!(strike["actors"][0]["code"], "RUSMIL");
    assert_eq!(strike["date"]["value"], "2023-11-07");
    assert_eq!(strike["mode"], "heavy-weapons");
}

#[test]
fn negated_engagement_is_left_out_by_default_and_flagged_on_request() {
    let events = example_events("negated-hypothetical");
    assert!(
        events.iter().all(|e| e["modality"]["negated"] == false && e["modality"]["hypothetical"] == false),
        "unasserted events are left out by default"
    );
    let text = common::examples().join("text/negated-hypothetical.txt");
    let out = sitrep(&["extract", "--format", "jsonl", "--include", "negated,hypothetical", text.to_str().unwrap()]);
    let events = common::json_lines(&out);
    for e in violent(&events) {
        let m = &e["modality"];
        assert!(
            m["negated"] == true || m["hypothetical"] == true || m["future"] == true,
            "an ASSAULT in the negated example is asserted: {}",
            e["evidence"]
        );
    }
    let engage = events.iter().find(|e| e["trigger"]["text"] == "engage").expect("the would-not-engage event");
    assert_eq!(engage["modality"]["negated"], true);
    let consult = events.iter().find(|e| e["event_type"] == "CONSULT").expect("the deconfliction consult");
    assert_eq!(consult["actors"][0]["code"], "IMGCOA");
    assert_eq!(consult["recipients"][0]["code"], "RUSGOV");
}

#[test]
fn background_event_keeps_its_own_month() {
    let events = example_events("background-older-event");
    let old = events.iter().find(|e| e["evidence"].as_str().unwrap().contains("Sinjar")).expect("the 2017 strike");
    assert_eq!(old["date"]["value"], "2017-06");
    assert_eq!(old["date"]["precision"], "month");
    assert_eq!(old["date"]["basis"], "text");
    assert_eq!(old["casualties"]["killed"]["best"], 12);
    let current = &violent(&events)[0];
    assert_eq!(current["date"]["value"], "2024-08-11");
}

#[test]
fn passive_voice_puts_the_attackers_in_the_actor_role() {
    let events = example_events("ambush-passive-voice");
    let ambush = events.iter().find(|e| e["sentence_index"] == 1).expect("the ambush sentence");
    assert_eq!(ambush["actors"][0]["name"], "al-Shabaab");
    assert_eq!(ambush["recipients"][0]["text"], "soldiers");
    assert_eq!(ambush["casualties"]["killed"]["best"], 7);
    assert_eq!(ambush["casualties"]["killed"]["party"], "recipient");
    assert_eq!(ambush["date"]["value"], "2024-02-24");
    assert!(ambush["weapons"].as_array().unwrap().iter().any(|w| w["class"] == "explosive"));
}

#[test]
fn open_ended_arrest_counts_keep_their_missing_bound_null() {
    let events = example_events("mass-arrests");
    let arrests = events.iter().find(|e| e["event_type"] == "COERCE" && !e["casualties"]["arrested"].is_null()).unwrap();
    let count = &arrests["casualties"]["arrested"];
    assert_eq!((count["low"].as_u64(), count["best"].as_u64(), count["high"].as_u64()), (Some(201), Some(201), None));
    assert_eq!(arrests["actors"][0]["code"], "IRNCOP");
    assert_eq!(arrests["date"]["value"], "2023-03-03");
    assert_eq!(arrests["location"]["name"], "Tehran");
}

#[test]
fn protest_is_dated_to_the_weekday_before_publication() {
    let events = example_events("protest");
    let protest = events.iter().find(|e| e["event_type"] == "PROTEST").expect("the protest");
    assert_eq!(protest["date"]["value"], "2023-06-08");
    assert_eq!(protest["location"]["country"], "KEN");
    assert!(protest["casualties"]["killed"].is_null(), "no deaths were reported");
}

#[test]
fn html_sidebar_and_other_news_are_not_coded() {
    let page = common::examples().join("html/airstrike-conflicting-claims.html");
    let docs = common::documents(&[page.to_str().unwrap()]);
    let text = docs[0]["text"].as_str().unwrap();
    assert!(text.contains("Russian warplanes struck"));
    assert!(!text.contains("Bangladesh"), "sidebar headline leaked into the text");
    assert!(!text.contains("Ethiopia and Eritrea hold talks"), "the 'Other news' list leaked into the text");
    assert!(!text.contains("We use cookies"), "the cookie banner leaked into the text");
    let events = docs[0]["events"].as_array().unwrap();
    assert!(events.iter().all(|e| !e["evidence"].as_str().unwrap().contains("Peru")), "an 'Other news' headline was coded");
    assert_eq!(docs[0]["publication_date"], "2023-11-09");
    assert_eq!(docs[0]["source"], "Meridian News Agency");
}

#[test]
fn event_ids_are_stable_across_runs() {
    let bundle = common::examples().join("articles.jsonl");
    let ids = || {
        let out = sitrep(&["extract", "--format", "jsonl", bundle.to_str().unwrap()]);
        common::json_lines(&out).iter().map(|e| e["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    let first = ids();
    assert!(first.len() > 10);
    assert_eq!(first, ids());
    let unique: std::collections::BTreeSet<_> = first.iter().collect();
    assert_eq!(unique.len(), first.len(), "ids must be unique");
}

#[test]
fn relative_dates_without_a_publication_date_stay_unresolved() {
    let out = sitrep_stdin(&["extract", "--format", "jsonl"], b"Gunmen killed three villagers on Tuesday.");
    let events = common::json_lines(&out);
    assert_eq!(events[0]["date"]["precision"], "unresolved");
    assert!(events[0]["date"]["value"].is_null());
    let dated = sitrep_stdin(&["extract", "--format", "jsonl", "--pub-date", "2024-05-02"], b"Gunmen killed three villagers on Tuesday.");
    assert_eq!(common::json_lines(&dated)[0]["date"]["value"], "2024-04-30");
}
