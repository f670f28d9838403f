//! Killed and wounded counts of shooting reports, as a whole article gives them: people said to be shot, the dead
//! among them, figures that are no counts at all.

use sitrep_coder::Coder;
use sitrep_model::{Document, Event, EventType};

fn code(text: &str) -> Vec<Event> {
    Coder::new().code(&Document::from_text("t", text))
}

/// Every killed (or injured) figure the article's attacks carry: primaries and the other claims.
fn figures(text: &str, injured: bool) -> Vec<u64> {
    let mut out = Vec::new();
    for e in code(text).iter().filter(|e| e.event_type == EventType::Assault) {
        let count = if injured { &e.casualties.injured } else { &e.casualties.killed };
        if let Some(c) = count {
            out.extend(std::iter::once(&c.primary).chain(&c.claims).filter_map(|c| c.best));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn killed(text: &str) -> Vec<u64> {
    figures(text, false)
}

fn injured(text: &str) -> Vec<u64> {
    figures(text, true)
}

#[test]
fn people_shot_in_an_article_that_tells_of_no_death_are_its_wounded() {
    let text = "Four shot in grocery store ambush\n\nPolice are searching for a man who opened fire outside a store on Friday. All victims were taken to a local hospital and are expected to survive.";
    assert_eq!(injured(text), [4]);
    assert!(killed(text).is_empty());
}

#[test]
fn people_shot_in_an_article_that_tells_of_a_death_are_not_counted_wounded() {
    // the four shot may include the one who died: no wounded figure can be read
    let text = "Four people were shot in Dallas on Friday. One of the victims later died at a hospital.";
    assert!(injured(text).is_empty());
}

#[test]
fn a_person_shot_as_a_headline_subject_is_wounded_when_no_one_died() {
    let text = "Man shot in Englewood\n\nA man was shot on Thursday night in the 6900 block of South Stewart, police said.";
    assert_eq!(injured(text), [1]);
}

#[test]
fn people_shot_one_fatally_are_one_dead_and_the_rest_wounded() {
    let text = "Three people were shot, one fatally, outside a bar in Akron early Sunday.";
    assert_eq!(killed(text), [1]);
    assert_eq!(injured(text), [2]);
}

#[test]
fn a_headline_of_shot_then_killed_counts_the_dead_among_the_shot() {
    let text = "3 shot, 1 killed in overnight shooting in Memphis";
    assert_eq!(killed(text), [1]);
    assert_eq!(injured(text), [2]);
}

#[test]
fn shot_and_killed_after_a_number_is_a_death_count() {
    assert_eq!(killed("Two people were shot and killed in Houston on Saturday."), [2]);
    assert_eq!(killed("Six people found shot to death in South Carolina home"), [6]);
}

#[test]
fn times_minutes_and_a_leading_stray_figure_are_not_counts() {
    assert_eq!(killed("58 - Five Killed In Shooting At Party"), [5]);
    assert!(killed("The man was shot several times on Tuesday and was killed 45 minutes later at the hospital.").iter().all(|k| *k < 5));
}

#[test]
fn attempted_murder_is_no_death() {
    let text = "Two men shot in Greenville on Friday\n\nThe suspect was charged with two counts of attempted murder and assault with a deadly weapon.";
    assert_eq!(injured(text), [2]);
}

#[test]
fn a_child_who_shot_himself_in_an_article_without_deaths_is_wounded() {
    let text = "4-year-old recovering after accidentally shooting himself\n\nThe boy found a handgun on the couch on Monday and accidentally shot himself in the arm, police said.";
    assert_eq!(injured(text), [1]);
}

#[test]
fn a_person_arriving_with_a_gunshot_wound_is_one_shot() {
    let text = "A 17-year-old girl showed up in a hospital emergency room on Saturday afternoon with a gunshot wound after a shooting in a car.";
    assert_eq!(injured(text), [1]);
}

#[test]
fn a_homicide_unit_and_a_near_escape_tell_of_no_death() {
    let text = "Teen shot by uncle in Tuscaloosa\n\nThe Tuscaloosa Homicide Unit is responding to a shooting on Friday. \"I could've died,\" the teen said.";
    assert_eq!(injured(text), [1]);
}

#[test]
fn shot_several_times_and_died_is_one_dead() {
    assert_eq!(killed("A 20-year-old man, Veron Black of Maple Heights, was shot several times and died at a hospital."), [1]);
    assert_eq!(killed("While Parsons was cleaning his hunting rifle, he accidentally shot himself and died."), [1]);
}

#[test]
fn a_headline_label_does_not_hide_its_subject() {
    assert_eq!(killed("Police: Teen found shot to death in Bordeaux"), [1]);
}

#[test]
fn a_lone_surname_inside_a_sentence_is_one_person() {
    assert_eq!(killed("Police went into the home and found Hockman had been fatally wounded by a shotgun round."), [1]);
    // a day after the verb is when, not whom
    assert!(killed("A gunman fatally shot Tuesday a clerk at a store in Dallas.").iter().all(|k| *k == 1));
}

#[test]
fn victims_killed_before_the_killer_killed_himself_count_him_too() {
    assert!(killed("Police said he shot and killed his 3-year-old daughter before turning the gun on himself.").contains(&2));
    assert!(killed("The woman killed her child and then herself at their home in Ohio on Monday.").contains(&2));
}

#[test]
fn a_child_who_died_after_shooting_himself_is_one_death() {
    assert_eq!(killed("A 10-year-old boy died after accidentally shooting himself at a home in Ohio on Monday."), [1]);
}

#[test]
fn a_toll_told_since_an_earlier_year_is_not_the_toll_of_this_weeks_strike() {
    let doc = Document::from_text(
        "t",
        "Turkey regularly carries out air and drone strikes against PKK targets in northern Iraq. The PKK has waged an \
         insurgency against the Turkish state since 1984 in which more than 40,000 people have been killed.",
    )
    .with_publication_date(Some("2024-08-12".into()));
    let events = Coder::new().code(&doc);
    let strikes: Vec<&Event> = events.iter().filter(|e| e.trigger.text.contains("strikes")).collect();
    assert!(!strikes.is_empty(), "{events:#?}");
    assert!(strikes.iter().all(|e| e.casualties.killed.is_none()), "the strikes took on the insurgency's toll: {strikes:#?}");
}

#[test]
fn a_toll_since_an_earlier_year_gets_no_made_up_date() {
    let doc = Document::from_text(
        "t",
        "The PKK has waged an insurgency against the Turkish state since 1984 in which more than 40,000 people have \
         been killed.",
    )
    .with_publication_date(Some("2024-08-12".into()));
    let events = Coder::new().code(&doc);
    let toll = events.iter().find(|e| e.casualties.killed.is_some()).expect("the toll is coded");
    assert_eq!(toll.date.value, None, "the publication week is not when 40,000 were killed: {:?}", toll.date);
}

#[test]
fn headline_tolls_told_without_numbers_are_read() {
    // a bare "X dead" as a headline's subject, a bare noun after a comma, a participle between subject and verb
    assert_eq!(killed("Teen dead after double shooting near the hospital"), [1]);
    assert_eq!(killed("Chicago police officer shot, suspect killed in South Loop"), [1]);
    assert_eq!(killed("Wounded teen found outside Garland restaurant dies at hospital"), [1]);
    assert_eq!(killed("Sheriff: 6-year-old playing with gun shot and killed"), [1]);
    // the number of dead in one word
    assert_eq!(killed("Oceanside man arrested for Santa Barbara triple homicide"), [3]);
}

#[test]
fn a_killer_who_killed_only_himself_is_one_death_and_his_victims_wounded() {
    let text = "Man kills self after shooting, wounding girlfriend and her son in Gloucester County";
    assert_eq!(killed(text), [1]);
    assert_eq!(injured(text), [2]);
}

#[test]
fn the_victims_and_the_killer_who_then_killed_himself_are_one_toll() {
    // the toll is 2, with no separate reading of 1 beside it
    assert_eq!(killed("A man killed his wife and then himself at their home in Dayton on Sunday."), [2]);
}

#[test]
fn a_headline_list_of_the_dead_adds_up_its_items() {
    assert_eq!(killed("Mother, 2 children found dead in murder-suicide in Ripley County"), [3]);
    assert_eq!(killed("Sheriff: 3 children, 1 adult found dead in apparent murder-suicide"), [4]);
    assert_eq!(killed("Man, 17-month-old child dead in apparent murder-suicide near Shelton"), [2]);
}

#[test]
fn a_parenthetical_including_clause_does_not_hide_the_number_of_dead() {
    assert_eq!(killed("Police say three people, including an infant, were slain inside a south Kansas City home."), [3]);
    assert_eq!(killed("2 people —including a 16-year-old girl — were shot dead in a car on a Miami Gardens street"), [2]);
}

#[test]
fn weapons_vehicles_and_places_counted_before_the_verb_are_not_its_victims() {
    assert_eq!(killed("Two rockets killed five civilians in Kabul on Monday."), [5]);
    assert_eq!(injured("Three shells wounded four children in Idlib on Sunday."), [4]);
    assert_eq!(injured("The gunman crossed five lanes of traffic and shot three more people outside a Wal-Mart."), [3]);
}
