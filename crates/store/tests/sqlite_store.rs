//! The SQLite store keeps what it is given, once, and finds it again by every filter.

mod common;

use sitrep_store::{Bucket, EventQuery, Store};

fn open_corpus() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db").to_str().unwrap()).unwrap();
    for (d, e) in common::corpus() {
        store.write(&d, &e).unwrap();
    }
    store.commit().unwrap();
    (dir, store)
}

fn ids(store: &mut Store, q: EventQuery) -> Vec<String> {
    store.query(&q).unwrap().events.into_iter().map(|e| e.id).collect()
}

#[test]
fn written_documents_and_events_read_back_equal() {
    let (_dir, mut store) = open_corpus();
    for (d, events) in common::corpus() {
        assert_eq!(store.document(&d.id).unwrap().as_ref(), Some(&d));
        for e in events {
            assert_eq!(store.event(&e.id).unwrap().as_ref(), Some(&e));
        }
    }
    assert_eq!(store.event("nope").unwrap(), None);
    assert_eq!(store.document("nope").unwrap(), None);
}

#[test]
fn rewriting_a_document_leaves_one_copy_and_drops_its_old_events() {
    let (_dir, mut store) = open_corpus();
    let before = store.query(&EventQuery { include_negated: true, include_hypothetical: true, ..Default::default() }).unwrap();
    for (d, e) in common::corpus() {
        store.write(&d, &e).unwrap();
    }
    store.commit().unwrap();
    let after = store.query(&EventQuery { include_negated: true, include_hypothetical: true, ..Default::default() }).unwrap();
    assert_eq!(before, after);
    assert_eq!(after.total, 8);
    // Text search and actor filter see no stale rows either.
    // "Geneva" is in one evidence sentence and in the title of that document, which has two events
    assert_eq!(store.query(&EventQuery { text: Some("Geneva".into()), ..Default::default() }).unwrap().total, 2);
    assert_eq!(store.query(&EventQuery { actor: Some("sommil".into()), ..Default::default() }).unwrap().total, 2);

    // The same document coded again with one event fewer: the dropped event is gone, and its index rows with it.
    let (d, mut e) = common::corpus().remove(2);
    e.truncate(1);
    store.write(&d, &e).unwrap();
    store.commit().unwrap();
    assert_eq!(store.event("ev-d3-1").unwrap(), None);
    assert_eq!(store.query(&EventQuery { text: Some("Fiji".into()), ..Default::default() }).unwrap().total, 0);
    assert_eq!(store.query(&EventQuery { actor: Some("AUSGOV".into()), ..Default::default() }).unwrap().total, 0);
}

#[test]
fn each_filter_selects_the_right_events() {
    let (_dir, mut store) = open_corpus();
    let all = ids(&mut store, EventQuery::default());
    // undated first, then by start date and id; negated and hypothetical left out
    assert_eq!(all, ["ev-d2-1", "ev-d2-0", "ev-d1-1", "ev-d1-0", "ev-d3-0", "ev-d3-1"]);
    let with_flags = EventQuery { include_negated: true, include_hypothetical: true, ..Default::default() };
    assert_eq!(store.query(&with_flags).unwrap().total, 8);
    let q = |f: fn(&mut EventQuery)| {
        let mut q = EventQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(ids(&mut store, q(|q| q.country = Some("som".into()))), ["ev-d1-1", "ev-d1-0"]);
    assert_eq!(ids(&mut store, q(|q| q.date_from = Some("2024-02-21".into()))), ["ev-d1-0", "ev-d3-0", "ev-d3-1"]);
    assert_eq!(
        ids(&mut store, q(|q| {
            q.date_from = Some("2024-01-01".into());
            q.date_to = Some("2024-02-20".into())
        })),
        ["ev-d1-1"]
    );
    assert_eq!(ids(&mut store, q(|q| q.bbox = Some([30.0, 30.0, 40.0, 40.0]))), ["ev-d2-1", "ev-d2-0"]);
    // west > east crosses the antimeridian: Fiji (178°E) is inside [170, -170]
    assert_eq!(ids(&mut store, q(|q| q.bbox = Some([170.0, -30.0, -170.0, 0.0]))), ["ev-d3-1"]);
    assert_eq!(ids(&mut store, q(|q| q.admin1 = Some("ALEPPO".into()))), ["ev-d2-1", "ev-d2-0"]);
    assert_eq!(ids(&mut store, q(|q| q.actor = Some("Turkey".into()))), ["ev-d3-0"]);
    assert_eq!(ids(&mut store, q(|q| q.actor = Some("al-shabaab".into()))), ["ev-d1-1", "ev-d1-0"]);
    assert_eq!(ids(&mut store, q(|q| q.event_type = Some("protest".into()))), ["ev-d2-0"]);
    assert_eq!(ids(&mut store, q(|q| q.text = Some("price RISES".into()))), ["ev-d2-0"]);
    // the document title is searched too ("Talks in Geneva" holds "talks", no evidence does)
    assert_eq!(ids(&mut store, q(|q| q.text = Some("talks".into()))), ["ev-d3-0", "ev-d3-1"]);
    assert_eq!(ids(&mut store, q(|q| q.min_confidence = Some(0.8))), ["ev-d2-1", "ev-d2-0", "ev-d1-0", "ev-d3-0", "ev-d3-1"]);
    let page = store.query(&EventQuery { limit: 2, offset: 1, ..Default::default() }).unwrap();
    assert_eq!(page.total, 6);
    assert_eq!(page.events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["ev-d2-0", "ev-d1-1"]);
}

#[test]
fn histogram_counts_dated_events_per_bucket() {
    let (_dir, mut store) = open_corpus();
    let q = EventQuery::default();
    assert_eq!(
        store.histogram(&q, Bucket::Month).unwrap(),
        [("2023-11-01".to_string(), 1), ("2024-02-01".to_string(), 2), ("2024-05-01".to_string(), 2)]
    );
    assert_eq!(store.histogram(&q, Bucket::Year).unwrap(), [("2023-01-01".to_string(), 1), ("2024-01-01".to_string(), 4)]);
}

#[test]
fn a_long_date_range_is_found_from_inside_it() {
    let (_dir, mut store) = open_corpus();
    let mut e = common::event("d9", common::Spec { date: Some("2022-01-01"), ..Default::default() });
    e.date.end = Some("2022-12-31".into());
    e.date.precision = sitrep_model::DatePrecision::Year;
    store.write(&common::document("d9", "Year report", "A year of attacks."), &[e]).unwrap();
    store.commit().unwrap();
    let q = EventQuery { date_from: Some("2022-06-01".into()), date_to: Some("2022-06-30".into()), ..Default::default() };
    assert_eq!(ids(&mut store, q), ["ev-d9-0"]);
    let q = EventQuery { date_from: Some("2023-01-01".into()), date_to: Some("2023-06-30".into()), ..Default::default() };
    assert_eq!(store.query(&q).unwrap().total, 0);
}

#[test]
fn sqlite_documents_and_fused_events_read_back_for_fusion() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("f.db").to_str().unwrap()).unwrap();
    common::documents_and_fused_events_read_back_for_fusion(&mut store);
}
