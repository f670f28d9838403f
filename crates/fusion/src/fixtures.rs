//! Small hand-made reports for examples and tests (here and in downstream crates' tests): real-looking articles and
//! the events the coder would give them, built without running the coder.

use sitrep_model::{
    Casualties, Count, CountClaim, DateBasis, DatePrecision, Document, Event, EventDate, EventType, Location,
    LocationPrecision, Modality, Party, Span, Trigger,
};

/// An ASSAULT event of `doc` with the given evidence, text date (`YYYY-MM-DD`), town (name, lat, lon, ISO3) and
/// killed figure (with the words it came from and who gave it).
pub fn shooting(
    doc: &Document,
    event_id: &str,
    evidence: &str,
    date: Option<&str>,
    town: Option<(&str, f64, f64, &str)>,
    killed: Option<(u64, &str, Option<&str>)>,
) -> Event {
    let start = doc.text.find(evidence).map(|b| doc.text[..b].chars().count()).unwrap_or(0);
    let evidence_span = Span::new(start, start + evidence.chars().count());
    Event {
        id: event_id.to_string(),
        doc_id: doc.id.clone(),
        sentence_index: 0,
        evidence: evidence.to_string(),
        evidence_span,
        trigger: Trigger { text: "shot".into(), span: evidence_span },
        event_type: EventType::Assault,
        mode: Some("firearms".into()),
        cameo: Some("190".into()),
        acled: None,
        actors: Vec::new(),
        recipients: Vec::new(),
        date: match date {
            Some(d) => EventDate {
                value: Some(d.into()),
                start: Some(d.into()),
                end: Some(d.into()),
                precision: DatePrecision::Day,
                basis: DateBasis::Text,
                text: Some(d.into()),
                span: Some(evidence_span),
            },
            None => EventDate {
                value: doc.publication_date.clone(),
                start: doc.publication_date.clone(),
                end: doc.publication_date.clone(),
                precision: DatePrecision::Week,
                basis: DateBasis::Publication,
                text: None,
                span: None,
            },
        },
        location: town.map(|(name, lat, lon, country)| Location {
            name: name.into(),
            geonameid: None,
            lat: Some(lat),
            lon: Some(lon),
            country: Some(country.into()),
            admin1: None,
            precision: LocationPrecision::Town,
            text: Some(name.into()),
            span: Some(evidence_span),
        }),
        casualties: Casualties {
            killed: killed.map(|(n, words, reporter)| Count {
                primary: CountClaim {
                    best: Some(n),
                    low: Some(n),
                    high: Some(n),
                    party: Party::Unknown,
                    text: words.into(),
                    span: evidence_span,
                    reporter: reporter.map(str::to_string),
                    sentence_index: 0,
                },
                claims: Vec::new(),
            }),
            injured: None,
            arrested: None,
        },
        weapons: Vec::new(),
        reporters: Vec::new(),
        modality: Modality::default(),
        confidence: 0.8,
        sitrep_version: sitrep_model::SITREP_VERSION.into(),
    }
}

/// An article with a title and publication date.
pub fn article(id: &str, date: &str, text: &str) -> Document {
    Document::from_text(id, text).with_publication_date(Some(date.into()))
}

/// Two outlets' reports of one shooting in Greenville, N.C. (the second a day later, with a higher toll).
pub fn two_reports_of_one_shooting() -> (Document, Vec<Event>, Document, Vec<Event>) {
    let a = article(
        "wral-1",
        "2013-06-22",
        "Gunman wounds shoppers near Greenville store\n\nA man police identified as Lakim Anthony Faust shot four \
         people near a Wal-Mart in Greenville on Friday, police said.",
    );
    let b = article(
        "ap-2",
        "2013-06-23",
        "Greenville shooting suspect had planned attack, chief says\n\nOne of the people Lakim Anthony Faust shot \
         outside the Greenville Wal-Mart died on Saturday, Chief Hassan Aden said.",
    );
    let town = Some(("Greenville", 35.6127, -77.3663, "USA"));
    let ea = shooting(&a, "ev-a1", "A man police identified as Lakim Anthony Faust shot four people near a Wal-Mart in Greenville on Friday, police said.", Some("2013-06-21"), town, None);
    let eb = shooting(&b, "ev-b1", "One of the people Lakim Anthony Faust shot outside the Greenville Wal-Mart died on Saturday, Chief Hassan Aden said.", None, town, Some((1, "One of the people", Some("Chief Hassan Aden"))));
    (a, vec![ea], b, vec![eb])
}
