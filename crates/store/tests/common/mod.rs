//! Small hand-made documents and events for the store tests.
#![allow(dead_code)]

use sitrep_model::*;

pub struct Spec<'a> {
    pub n: usize,
    pub event_type: EventType,
    pub date: Option<&'a str>,
    pub country: Option<&'a str>,
    pub admin1: Option<&'a str>,
    pub lat_lon: Option<(f64, f64)>,
    pub actor: (&'a str, &'a str, Option<&'a str>),
    pub recipient: Option<(&'a str, &'a str, Option<&'a str>)>,
    pub evidence: &'a str,
    pub killed: Option<u64>,
    pub confidence: f32,
    pub negated: bool,
    pub hypothetical: bool,
}

impl Default for Spec<'_> {
    fn default() -> Self {
        Spec {
            n: 0,
            event_type: EventType::Assault,
            date: Some("2024-02-24"),
            country: Some("SOM"),
            admin1: Some("Banaadir"),
            lat_lon: Some((2.0371, 45.3438)),
            actor: ("al-Shabaab fighters", "al-Shabaab", Some("SOMREB")),
            recipient: Some(("soldiers", "Somalia", Some("SOMMIL"))),
            evidence: "Seven soldiers were killed by al-Shabaab fighters near Mogadishu.",
            killed: Some(7),
            confidence: 0.9,
            negated: false,
            hypothetical: false,
        }
    }
}

fn actor(t: (&str, &str, Option<&str>)) -> Actor {
    Actor {
        text: t.0.into(),
        name: t.1.into(),
        code: t.2.map(Into::into),
        country: t.2.map(|c| c[..3].to_string()),
        sector: t.2.map(|c| c[3..].to_string()),
        span: Span(0, t.0.chars().count()),
    }
}

pub fn event(doc_id: &str, s: Spec) -> Event {
    let date = match s.date {
        Some(d) => EventDate {
            value: Some(d.into()),
            start: Some(d.into()),
            end: Some(d.into()),
            precision: DatePrecision::Day,
            basis: DateBasis::Text,
            text: Some("on Saturday".into()),
            span: Some(Span(1, 3)),
        },
        None => EventDate::unresolved(),
    };
    let killed = s.killed.map(|k| {
        Count::single(CountClaim {
            best: Some(k),
            low: Some(k),
            high: Some(k),
            party: Party::Recipient,
            text: k.to_string(),
            span: Span(0, 1),
            reporter: None,
            sentence_index: s.n,
        })
    });
    Event {
        id: format!("ev-{doc_id}-{}", s.n),
        doc_id: doc_id.into(),
        sentence_index: s.n,
        evidence: s.evidence.into(),
        evidence_span: Span(0, s.evidence.chars().count()),
        trigger: Trigger { text: "killed".into(), span: Span(20, 26) },
        event_type: s.event_type,
        mode: None,
        cameo: Some("190".into()),
        acled: Some(Acled { event_type: "Battles".into(), sub_event_type: "Armed clash".into() }),
        actors: vec![actor(s.actor)],
        recipients: s.recipient.map(actor).into_iter().collect(),
        date,
        location: s.country.map(|c| Location {
            name: s.admin1.unwrap_or(c).into(),
            geonameid: Some(53654),
            lat: s.lat_lon.map(|p| p.0),
            lon: s.lat_lon.map(|p| p.1),
            country: Some(c.into()),
            admin1: s.admin1.map(Into::into),
            precision: LocationPrecision::Town,
            text: Some("Mogadishu".into()),
            span: Some(Span(5, 14)),
        }),
        casualties: Casualties { killed, injured: None, arrested: None },
        weapons: vec![],
        reporters: vec![],
        modality: Modality { negated: s.negated, hypothetical: s.hypothetical, future: false, hedged: false },
        confidence: s.confidence,
        sitrep_version: SITREP_VERSION.into(),
    }
}

pub fn document(id: &str, title: &str, text: &str) -> Document {
    let mut d = Document::from_text(id, text);
    d.title = Some(title.into());
    d.url = Some(format!("https://news.example/{id}"));
    d.source = Some("Example Wire".into());
    d.publication_date = Some("2024-02-26".into());
    d
}

/// A small varied corpus: three documents, eight events.
pub fn corpus() -> Vec<(Document, Vec<Event>)> {
    let d1 = document("d1", "Attack near Mogadishu", "Seven soldiers were killed by al-Shabaab fighters near Mogadishu.");
    let d2 = document("d2", "Protests in Aleppo", "Hundreds protested in Aleppo.");
    let d3 = document("d3", "Talks in Geneva", "Syria and Turkey met in Geneva.");
    let e1 = vec![
        event("d1", Spec::default()),
        event("d1", Spec { n: 1, date: Some("2024-02-20"), killed: Some(2), confidence: 0.5, ..Spec::default() }),
        event("d1", Spec { n: 2, negated: true, evidence: "The army denied attacking the village.", ..Spec::default() }),
        event("d1", Spec { n: 3, hypothetical: true, evidence: "Fighters could strike Kismayo.", ..Spec::default() }),
    ];
    let e2 = vec![
        event("d2", Spec {
            event_type: EventType::Protest,
            date: Some("2023-11-05"),
            country: Some("SYR"),
            admin1: Some("Aleppo"),
            lat_lon: Some((36.2021, 37.1343)),
            actor: ("Hundreds of residents", "residents", None),
            recipient: None,
            evidence: "Hundreds of residents protested in Aleppo against price rises.",
            killed: None,
            ..Spec::default()
        }),
        event("d2", Spec {
            n: 1,
            event_type: EventType::Coerce,
            date: None,
            country: Some("SYR"),
            admin1: Some("Aleppo"),
            lat_lon: Some((36.2021, 37.1343)),
            actor: ("police", "Syria", Some("SYRCOP")),
            recipient: Some(("protesters", "protesters", None)),
            evidence: "Police arrested 40 protesters.",
            killed: None,
            ..Spec::default()
        }),
    ];
    let e3 = vec![
        event("d3", Spec {
            event_type: EventType::Consult,
            date: Some("2024-05-01"),
            country: Some("CHE"),
            admin1: Some("Geneva"),
            lat_lon: Some((46.2022, 6.1457)),
            actor: ("Syria", "Syria", Some("SYRGOV")),
            recipient: Some(("Turkey", "Turkey", Some("TURGOV"))),
            evidence: "Syria and Turkey met in Geneva.",
            killed: None,
            ..Spec::default()
        }),
        // Fiji: east of the antimeridian-crossing bbox tests
        event("d3", Spec {
            n: 1,
            event_type: EventType::Aid,
            date: Some("2024-05-02"),
            country: Some("FJI"),
            admin1: None,
            lat_lon: Some((-17.7134, 178.065)),
            actor: ("Australia", "Australia", Some("AUSGOV")),
            recipient: Some(("Fiji", "Fiji", Some("FJIGOV"))),
            evidence: "Australia sent aid to Fiji.",
            killed: None,
            ..Spec::default()
        }),
    ];
    vec![(d1, e1), (d2, e2), (d3, e3)]
}

/// A fresh PostgreSQL schema for one test, dropped when the guard goes. `None` (after saying so) when the server
/// is not reachable and CI is not "true"; under CI an unreachable server fails the test.
pub struct PgSchema {
    admin: String,
    schema: String,
    pub url: String,
}

pub fn pg_schema(tag: &str) -> Option<PgSchema> {
    let admin = std::env::var("SITREP_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut client = match postgres::Client::connect(&admin, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("PostgreSQL not reachable at {admin} under CI: {e}");
            }
            println!("skipping: PostgreSQL not reachable at {admin}: {e}");
            return None;
        }
    };
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let schema = format!("sitrep_test_{tag}_{}_{nanos}", std::process::id());
    client.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
    let sep = if admin.contains('?') { '&' } else { '?' };
    let url = format!("{admin}{sep}options=-csearch_path%3D{schema}");
    Some(PgSchema { admin, schema, url })
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// What fusion reads back from a store, for either backend: every document in the order first written (a
/// rewritten one keeps its place and gets its new events), each with its events in the order written; fused
/// records and the fused-through position round-trip, and a later write replaces a record by id.
pub fn documents_and_fused_events_read_back_for_fusion(store: &mut sitrep_store::Store) {
    let corpus = corpus();
    for (d, e) in &corpus {
        store.write(d, e).unwrap();
    }
    store.commit().unwrap();
    // the second document again, with its events in reverse order
    let (d, mut e) = corpus[1].clone();
    e.reverse();
    store.write(&d, &e).unwrap();
    store.commit().unwrap();
    let mut seen: Vec<(i64, String, Vec<String>)> = Vec::new();
    store
        .for_each_document(&mut |position, doc, events| {
            seen.push((position, doc.id.clone(), events.iter().map(|e| e.id.clone()).collect()));
            Ok(())
        })
        .unwrap();
    let ids: Vec<&str> = seen.iter().map(|(_, id, _)| id.as_str()).collect();
    assert_eq!(ids, corpus.iter().map(|(d, _)| d.id.as_str()).collect::<Vec<_>>());
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "positions rise: {seen:?}");
    assert_eq!(seen[1].2, e.iter().map(|e| e.id.clone()).collect::<Vec<_>>());
    assert_eq!(seen[0].2, corpus[0].1.iter().map(|e| e.id.clone()).collect::<Vec<_>>());

    assert_eq!(store.fused().unwrap(), (Vec::new(), 0));
    let record = |id: &str, n: u32, events: &[&str]| sitrep_store::FusedRecord {
        id: id.to_string(),
        json: format!(r#"{{"id":"{id}","reports":{n}}}"#),
        events: events.iter().map(|e| e.to_string()).collect(),
    };
    store.write_fused(&[record("fe-b", 1, &["ev-1", "ev-2"]), record("fe-a", 2, &["ev-3"])], seen[1].0).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&store.fused_event_of("ev-2").unwrap().unwrap()).unwrap()["reports"],
        1
    );
    // fe-b rewritten: its members replaced
    store.write_fused(&[record("fe-b", 3, &["ev-1", "ev-4"])], seen[2].0).unwrap();
    assert_eq!(store.fused_event_of("ev-2").unwrap(), None);
    assert!(store.fused_event_of("ev-4").unwrap().unwrap().contains("\"fe-b\""));
    assert!(store.fused_event_of("ev-3").unwrap().unwrap().contains("\"fe-a\""));
    let (fused, through) = store.fused().unwrap();
    let fused: Vec<serde_json::Value> = fused.iter().map(|j| serde_json::from_str(j).unwrap()).collect();
    assert_eq!(fused, [serde_json::json!({"id": "fe-a", "reports": 2}), serde_json::json!({"id": "fe-b", "reports": 3})]);
    assert_eq!(through, seen[2].0);
    // not a record: refused, nothing written
    assert!(store.write_fused(&[sitrep_store::FusedRecord { id: "fe-c".into(), json: "[1]".into(), events: vec![] }], 99).is_err());
    assert_eq!(store.fused().unwrap().1, seen[2].0);
}
