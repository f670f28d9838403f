//! Behaviour of fusion a user relies on: one event per real-world event, stable ids, disagreements kept.

use std::collections::HashMap;

use sitrep_fusion::fixtures::{article, shooting, two_reports_of_one_shooting};
use sitrep_fusion::{FusedEvent, Fuser};

#[test]
fn two_outlets_with_different_tolls_give_one_event_with_both_claims() {
    let (a, ea, b, mut eb) = two_reports_of_one_shooting();
    // the first outlet says nobody died; the second, a day later, one; a third figure from police
    let mut first = ea.clone();
    first[0].casualties.killed = shooting(&a, "x", &first[0].evidence, None, None, Some((0, "no one was killed", Some("witnesses"))))
        .casualties
        .killed;
    let span = eb[0].evidence_span;
    eb[0].casualties.killed.as_mut().unwrap().claims.push(sitrep_model::CountClaim {
        best: Some(2),
        low: Some(2),
        high: Some(2),
        party: sitrep_model::Party::Unknown,
        text: "two people died".into(),
        span,
        reporter: Some("the family".into()),
        sentence_index: 0,
    });
    let mut fuser = Fuser::new();
    let ids = [fuser.add(&a, &first), fuser.add(&b, &eb)];
    assert_eq!(ids[0], ids[1]);
    let event = fuser.get(&ids[0][0]).unwrap();
    let killed = event.killed.as_ref().unwrap();
    assert!(killed.disputed());
    let claims: Vec<(Option<u64>, Option<&str>)> = killed.claims.iter().map(|c| (c.best, c.reporter.as_deref())).collect();
    assert_eq!(claims, vec![(Some(0), Some("witnesses")), (Some(1), Some("Chief Hassan Aden")), (Some(2), Some("the family"))]);
    // one article says none died, the other one and, quoting the family, two: each figure has one article behind it
    assert_eq!(killed.best, Some(2), "among figures as many articles give, the highest is the record's");
    assert_eq!(killed.claims[0].doc_id, "wral-1");
}

#[test]
fn a_third_report_joins_an_existing_event_without_changing_its_id() {
    let (a, ea, b, eb) = two_reports_of_one_shooting();
    let mut first_run = Fuser::new();
    let id = first_run.add(&a, &ea)[0].clone();
    first_run.add(&b, &eb);
    // what a store keeps: the fused events and their member events
    let stored: Vec<FusedEvent> = first_run.fused_events().cloned().collect();
    let members: HashMap<String, sitrep_model::Event> = ea.iter().chain(&eb).map(|e| (e.id.clone(), e.clone())).collect();
    let json = serde_json::to_string(&stored).unwrap();
    let stored: Vec<FusedEvent> = serde_json::from_str(&json).unwrap();

    let mut later_run = Fuser::new();
    later_run.resume(stored, &members, [&a, &b]);
    let c = article(
        "wnct-3",
        "2013-06-25",
        "Wal-Mart shooting victim remembered\n\nFamily members remembered the man Lakim Anthony Faust shot outside \
         the Greenville Wal-Mart on Friday.",
    );
    let ec = vec![shooting(&c, "ev-c1", "Family members remembered the man Lakim Anthony Faust shot outside the Greenville Wal-Mart on Friday.", Some("2013-06-21"), Some(("Greenville", 35.61, -77.37, "USA")), None)];
    assert_eq!(later_run.add(&c, &ec), vec![id.clone()]);
    let event = later_run.get(&id).unwrap();
    assert_eq!(event.documents(), ["wral-1", "ap-2", "wnct-3"]);
    assert_eq!(later_run.len(), 1);
}

#[test]
fn different_shootings_stay_apart() {
    let (a, ea, _, _) = two_reports_of_one_shooting();
    let other = article(
        "kgun-9",
        "2013-06-22",
        "Two hurt in Tucson bar shooting\n\nGunmen wounded two women outside the Maverick bar in Tucson on Friday.",
    );
    let eo = vec![shooting(&other, "ev-o1", "Gunmen wounded two women outside the Maverick bar in Tucson on Friday.", Some("2013-06-21"), Some(("Tucson", 32.22, -110.97, "USA")), None)];
    let mut fuser = Fuser::new();
    let x = fuser.add(&a, &ea);
    let y = fuser.add(&other, &eo);
    assert_ne!(x, y);
    assert_eq!(fuser.len(), 2);
}

#[test]
fn the_same_input_gives_the_same_ids() {
    let run = || {
        let (a, ea, b, eb) = two_reports_of_one_shooting();
        let mut fuser = Fuser::new();
        fuser.add(&a, &ea);
        fuser.add(&b, &eb);
        serde_json::to_string(&fuser.fused_events().collect::<Vec<_>>()).unwrap()
    };
    assert_eq!(run(), run());
}

#[test]
fn a_headline_and_its_body_are_one_event_but_a_distant_second_attack_is_not() {
    let doc = article(
        "roundup",
        "2016-03-06",
        "Man shot dead in Toledo\n\nDarnell Whitfield was shot and killed on Saturday in Toledo. In a separate attack \
         on Saturday a woman was shot in Tucson.",
    );
    let toledo = Some(("Toledo", 41.66, -83.56, "USA"));
    let events = vec![
        shooting(&doc, "h", "Man shot dead in Toledo", None, toledo, Some((1, "Man shot dead", None))),
        shooting(&doc, "b", "Darnell Whitfield was shot and killed on Saturday in Toledo.", Some("2016-03-05"), toledo, None),
        shooting(&doc, "t", "In a separate attack on Saturday a woman was shot in Tucson.", Some("2016-03-05"), Some(("Tucson", 32.22, -110.97, "USA")), None),
    ];
    let mut fuser = Fuser::new();
    let ids = fuser.add(&doc, &events);
    assert_eq!(ids[0], ids[1]);
    assert_ne!(ids[1], ids[2]);
    let toledo_event = fuser.get(&ids[0]).unwrap();
    assert_eq!(toledo_event.date.value.as_deref(), Some("2016-03-05"));
    assert_eq!(toledo_event.killed.as_ref().unwrap().best, Some(1));
}

/// Three local outlets on one shooting: the town's name is geocoded two ways and the words the articles share are
/// ordinary ones ("birthday party", "backyard"), not names.
fn party_shooting(id: &str, published: &str, text: &str, place: (&str, f64, f64, &str), killed: u64) -> (sitrep_model::Document, Vec<sitrep_model::Event>) {
    let doc = article(id, published, text);
    let sentence = text.split("\n\n").nth(1).unwrap_or(text).to_string();
    let words = format!("{killed} killed");
    let events = vec![shooting(&doc, &format!("{id}-e"), &sentence, Some("2016-05-14"), Some(place), Some((killed, &words, None)))];
    (doc, events)
}

#[test]
fn reports_sharing_their_words_and_town_name_fuse_though_the_geocoder_read_the_town_two_ways() {
    let richmond_ca = ("Richmond", 37.94, -122.35, "USA");
    let richmond_va = ("Richmond", 37.55, -77.46, "USA");
    let (a, ea) = party_shooting(
        "kron-1",
        "2016-05-15",
        "Gunfire erupts at backyard birthday party\n\nGunfire erupted at a backyard birthday party in Richmond on \
         Saturday night; a teenager was killed and guests scattered over a fence.",
        richmond_ca,
        1,
    );
    let (b, eb) = party_shooting(
        "sfgate-2",
        "2016-05-16",
        "Teen killed at Richmond birthday party\n\nA teenager was killed when gunfire erupted at a backyard \
         birthday party in Richmond on Saturday; guests scattered over a fence, police said.",
        richmond_va,
        1,
    );
    let mut fuser = Fuser::new();
    let x = fuser.add(&a, &ea);
    let y = fuser.add(&b, &eb);
    assert_eq!(x, y, "one shooting, one event");
}

#[test]
fn a_shooting_weeks_later_in_the_same_town_is_another_event() {
    let town = ("Richmond", 37.94, -122.35, "USA");
    let (a, ea) = party_shooting(
        "kron-1",
        "2016-05-15",
        "Gunfire erupts at backyard birthday party\n\nGunfire erupted at a backyard birthday party in Richmond on \
         Saturday night; a teenager was killed.",
        town,
        1,
    );
    let later = article(
        "kron-7",
        "2016-06-12",
        "Gunfire erupts at backyard party\n\nGunfire erupted at a backyard party in Richmond on Saturday night; a \
         teenager was killed.",
    );
    let el = vec![shooting(&later, "kron-7-e", "Gunfire erupted at a backyard party in Richmond on Saturday night; a teenager was killed.", Some("2016-06-11"), Some(town), Some((1, "a teenager was killed", None)))];
    let mut fuser = Fuser::new();
    let x = fuser.add(&a, &ea);
    let y = fuser.add(&later, &el);
    assert_ne!(x, y, "four weeks apart, however alike the words");
}

#[test]
fn the_toll_most_articles_give_is_the_record_figure_and_the_others_stay_claims() {
    let town = ("Richmond", 37.94, -122.35, "USA");
    let text = "Gunfire erupts at backyard birthday party\n\nGunfire erupted at a backyard birthday party in Richmond on \
                Saturday night, police said.";
    let (a, ea) = party_shooting("kron-1", "2016-05-15", text, town, 1);
    let (b, eb) = party_shooting("ktvu-2", "2016-05-15", text, town, 1);
    // a round-up the next day adds another shooting's dead to the figure
    let (c, ec) = party_shooting("abc7-3", "2016-05-16", text, town, 3);
    let mut fuser = Fuser::new();
    let ids: Vec<_> = [(a, ea), (b, eb), (c, ec)].iter().map(|(d, e)| fuser.add(d, e)[0].clone()).collect();
    assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
    let killed = fuser.get(&ids[0]).unwrap().killed.clone().unwrap();
    assert_eq!(killed.best, Some(1));
    assert!(killed.disputed());
    assert_eq!(killed.claims.iter().filter_map(|c| c.best).collect::<Vec<_>>(), [1, 3]);
}

/// Two short reports of a small town's shooting that share no names: a day-dated body and a later brief with only
/// its publication day.
fn duquesne_reports() -> [(sitrep_model::Document, Vec<sitrep_model::Event>); 2] {
    let town = ("Duquesne", 40.38, -79.86, "USA");
    let a = article(
        "wpxi-1",
        "2015-08-02",
        "Juvenile shot in arm in Duquesne\n\nA juvenile was shot in the arm on Grant Avenue in Duquesne on Saturday \
         evening, county police said.",
    );
    let ea = vec![shooting(&a, "wpxi-1-e", "A juvenile was shot in the arm on Grant Avenue in Duquesne on Saturday evening, county police said.", Some("2015-08-01"), Some(town), None)];
    let b = article(
        "kdka-2",
        "2015-08-03",
        "Teenager Shot In Duquesne\n\nDetectives are investigating after a teenager was wounded by gunfire in \
         Duquesne.",
    );
    let eb = vec![shooting(&b, "kdka-2-e", "Detectives are investigating after a teenager was wounded by gunfire in Duquesne.", None, Some(town), None)];
    [(a, ea), (b, eb)]
}

/// Word similarity left out, so the town and its rarity are the evidence: the same town is worth 2, the bar is 4.
fn town_only(bonus: f64) -> sitrep_fusion::FusionConfig {
    sitrep_fusion::FusionConfig { text_weight: 0.0, only_in_town_bonus: bonus, ..Default::default() }
}

#[test]
fn a_towns_only_shooting_that_week_takes_a_report_told_in_other_words() {
    let [(a, ea), (b, eb)] = duquesne_reports();
    let mut fuser = Fuser::with_config(town_only(2.0));
    let x = fuser.add(&a, &ea);
    let y = fuser.add(&b, &eb);
    assert_eq!(x, y, "the town's only shooting near that day");

    let mut without = Fuser::with_config(town_only(0.0));
    let x = without.add(&a, &ea);
    let y = without.add(&b, &eb);
    assert_ne!(x, y, "the town alone is not enough");
}

#[test]
fn a_report_from_a_town_with_two_shootings_that_week_needs_more_than_the_town() {
    let [(a, ea), (b, eb)] = duquesne_reports();
    let other = article(
        "wtae-9",
        "2015-08-04",
        "Man shot outside Duquesne bar\n\nA man was shot outside a bar on Second Street in Duquesne early Tuesday.",
    );
    let eo = vec![shooting(&other, "wtae-9-e", "A man was shot outside a bar on Second Street in Duquesne early Tuesday.", Some("2015-08-04"), Some(("Duquesne", 40.38, -79.86, "USA")), None)];
    let mut fuser = Fuser::with_config(town_only(2.0));
    let x = fuser.add(&a, &ea);
    let o = fuser.add(&other, &eo);
    assert_ne!(x, o, "another day, street and victim");
    let y = fuser.add(&b, &eb);
    assert_ne!(y, x, "which of the town's two shootings the brief reports, nothing says");
    assert_ne!(y, o);
}
