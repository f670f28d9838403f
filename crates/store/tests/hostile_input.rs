//! Filters that try to break out of their value, overflow or confuse the search are refused with InvalidQuery or
//! taken as plain values; either way the stored data is unchanged.

mod common;

use sitrep_store::{EventQuery, Store, StoreError};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("h.db").to_str().unwrap()).unwrap();
    for (d, e) in common::corpus() {
        store.write(&d, &e).unwrap();
    }
    store.commit().unwrap();
    (dir, store)
}

fn everything(store: &mut Store) -> sitrep_store::EventPage {
    store.query(&EventQuery { include_negated: true, include_hypothetical: true, limit: 1000, ..Default::default() }).unwrap()
}

#[test]
fn malformed_filters_are_invalid_queries() {
    let (_dir, mut store) = store();
    let before = everything(&mut store);
    let huge = "a".repeat(1 << 20);
    let bad = [
        EventQuery { date_from: Some("2024-02-30".into()), ..Default::default() },
        EventQuery { date_to: Some("yesterday".into()), ..Default::default() },
        EventQuery { date_to: Some("2024-01-01' OR 1=1 --".into()), ..Default::default() },
        EventQuery { bbox: Some([f64::NAN; 4]), ..Default::default() },
        EventQuery { bbox: Some([f64::NEG_INFINITY, -90.0, 180.0, 90.0]), ..Default::default() },
        EventQuery { bbox: Some([-200.0, -90.0, 180.0, 90.0]), ..Default::default() },
        EventQuery { country: Some("SOM; DROP TABLE events".into()), ..Default::default() },
        EventQuery { country: Some(huge.clone()), ..Default::default() },
        EventQuery { actor: Some(huge.clone()), ..Default::default() },
        EventQuery { text: Some(huge), ..Default::default() },
        EventQuery { text: Some("\"\" * ^ ()".into()), ..Default::default() },
        EventQuery { text: Some("a b c d e f g h i j k l m n o p q".into()), ..Default::default() },
        EventQuery { event_type: Some("ASSAULT' OR '1'='1".into()), ..Default::default() },
        EventQuery { admin1: Some("   ".into()), ..Default::default() },
        EventQuery { admin1: Some("Aleppo\0".into()), ..Default::default() },
        EventQuery { min_confidence: Some(f64::INFINITY), ..Default::default() },
        EventQuery { min_confidence: Some(-0.5), ..Default::default() },
        EventQuery { offset: usize::MAX, ..Default::default() },
    ];
    for q in &bad {
        match store.query(q) {
            Err(StoreError::InvalidQuery(msg)) => assert!(!msg.is_empty()),
            other => panic!("{q:?} gave {other:?}"),
        }
        assert!(matches!(store.histogram(q, sitrep_store::Bucket::Day), Err(StoreError::InvalidQuery(_))));
    }
    assert_eq!(everything(&mut store), before);
}

#[test]
fn sql_and_fts_metacharacters_in_values_are_only_values() {
    let (_dir, mut store) = store();
    let before = everything(&mut store);
    for q in [
        EventQuery { actor: Some("x' OR '1'='1".into()), ..Default::default() },
        EventQuery { actor: Some("'; DELETE FROM events; --".into()), ..Default::default() },
        EventQuery { admin1: Some("Aleppo' --".into()), ..Default::default() },
        EventQuery { text: Some("Geneva\" OR NEAR(a b) *".into()), ..Default::default() },
        EventQuery { text: Some("'); DROP TABLE events_fts; --".into()), ..Default::default() },
    ] {
        let page = store.query(&q).unwrap();
        // the text search reads only the words: "Geneva OR NEAR a b" needs "or", "near", "a" and "b" too
        assert_eq!(page.total, 0, "{q:?}");
    }
    // Words around operators still search as words.
    let q = EventQuery { text: Some("\"Geneva\"*".into()), ..Default::default() };
    assert_eq!(store.query(&q).unwrap().total, 2);
    // A negative limit cannot be expressed (usize); a huge one is capped.
    let q = EventQuery { limit: usize::MAX, include_negated: true, include_hypothetical: true, ..Default::default() };
    assert_eq!(store.query(&q).unwrap().events.len(), 8);
    assert_eq!(everything(&mut store), before);
}

#[test]
fn records_that_cannot_be_stored_are_refused_at_write() {
    let (_dir, mut store) = store();
    let (d, mut e) = common::corpus().remove(0);
    e[0].doc_id = "another".into();
    assert!(matches!(store.write(&d, &e), Err(StoreError::InvalidRecord(_))));
    let mut nul = d.clone();
    nul.text.push('\0');
    assert!(matches!(store.write(&nul, &[]), Err(StoreError::InvalidRecord(_))));
    assert_eq!(store.pending(), 0);
    let ro_path = _dir.path().join("h.db");
    let mut ro = Store::open_read_only(ro_path.to_str().unwrap()).unwrap();
    assert!(matches!(ro.write(&d, &[]), Err(StoreError::ReadOnly)));
    assert!(matches!(ro.commit(), Err(StoreError::ReadOnly)));
    assert_eq!(ro.query(&EventQuery::default()).unwrap().total, 6);
}
