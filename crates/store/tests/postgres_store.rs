//! The PostgreSQL backend keeps the same data and answers every query exactly as the SQLite backend does.

mod common;

use sitrep_store::{Bucket, EventQuery, Store, StoreError};

fn fill(store: &mut Store) {
    for (d, e) in common::corpus() {
        store.write(&d, &e).unwrap();
    }
    store.commit().unwrap();
}

fn queries() -> Vec<EventQuery> {
    let q = |f: fn(&mut EventQuery)| {
        let mut q = EventQuery::default();
        f(&mut q);
        q
    };
    vec![
        EventQuery::default(),
        q(|q| {
            q.include_negated = true;
            q.include_hypothetical = true
        }),
        q(|q| q.country = Some("SOM".into())),
        q(|q| q.date_from = Some("2024-02-21".into())),
        q(|q| q.date_to = Some("2024-02-24".into())),
        q(|q| q.bbox = Some([30.0, 30.0, 40.0, 40.0])),
        q(|q| q.bbox = Some([170.0, -30.0, -170.0, 0.0])),
        q(|q| q.admin1 = Some("aleppo".into())),
        q(|q| q.actor = Some("TURKEY".into())),
        q(|q| q.actor = Some("somreb".into())),
        q(|q| q.event_type = Some("ASSAULT".into())),
        q(|q| q.text = Some("Geneva".into())),
        q(|q| q.text = Some("price rises".into())),
        q(|q| q.text = Some("al-Shabaab\" OR *".into())),
        q(|q| q.min_confidence = Some(0.8)),
        q(|q| {
            q.limit = 2;
            q.offset = 1
        }),
        q(|q| {
            q.country = Some("SOM".into());
            q.date_from = Some("2024-01-01".into());
            q.text = Some("soldiers".into());
            q.include_negated = true
        }),
    ]
}

#[test]
fn postgres_store_reads_back_what_it_wrote_and_rewrites_idempotently() {
    let Some(pg) = common::pg_schema("roundtrip") else { return };
    let mut store = Store::open(&pg.url).unwrap();
    fill(&mut store);
    fill(&mut store);
    for (d, events) in common::corpus() {
        assert_eq!(store.document(&d.id).unwrap().as_ref(), Some(&d));
        for e in events {
            assert_eq!(store.event(&e.id).unwrap().as_ref(), Some(&e));
        }
    }
    let all = EventQuery { include_negated: true, include_hypothetical: true, ..Default::default() };
    assert_eq!(store.query(&all).unwrap().total, 8);
    // one event fewer: the dropped one and its actor rows go
    let (d, mut e) = common::corpus().remove(2);
    e.truncate(1);
    store.write(&d, &e).unwrap();
    store.commit().unwrap();
    assert_eq!(store.event("ev-d3-1").unwrap(), None);
    assert_eq!(store.query(&EventQuery { actor: Some("AUSGOV".into()), ..Default::default() }).unwrap().total, 0);

    let mut ro = Store::open_read_only(&pg.url).unwrap();
    assert_eq!(ro.query(&all).unwrap().total, 7);
    assert!(matches!(ro.write(&d, &e), Err(StoreError::ReadOnly)));
}

#[test]
fn sqlite_and_postgres_give_the_same_answers() {
    let Some(pg) = common::pg_schema("parity") else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lite = Store::open(dir.path().join("p.db").to_str().unwrap()).unwrap();
    let mut post = Store::open(&pg.url).unwrap();
    fill(&mut lite);
    fill(&mut post);
    for q in queries() {
        let a = lite.query(&q).unwrap();
        let b = post.query(&q).unwrap();
        assert_eq!(a, b, "query {q:?}");
        for bucket in [Bucket::Day, Bucket::Week, Bucket::Month, Bucket::Year] {
            assert_eq!(lite.histogram(&q, bucket).unwrap(), post.histogram(&q, bucket).unwrap(), "{q:?} {bucket:?}");
        }
    }
    // the filters really select: not every query returns the same set
    let totals: std::collections::BTreeSet<u64> = queries().iter().map(|q| lite.query(q).unwrap().total).collect();
    assert!(totals.len() >= 4, "{totals:?}");
}

#[test]
fn hostile_filters_are_refused_by_postgres_too_and_change_nothing() {
    let Some(pg) = common::pg_schema("hostile") else { return };
    let mut store = Store::open(&pg.url).unwrap();
    fill(&mut store);
    for q in [
        EventQuery { actor: Some("x'; DROP TABLE events; --".into()), ..Default::default() },
        EventQuery { admin1: Some("' OR '1'='1".into()), ..Default::default() },
        EventQuery { text: Some("'); DELETE FROM events; --".into()), ..Default::default() },
    ] {
        // accepted as plain values: they match nothing
        assert_eq!(store.query(&q).unwrap().total, 0, "{q:?}");
    }
    assert!(matches!(
        store.query(&EventQuery { country: Some("SYR' --".into()), ..Default::default() }),
        Err(StoreError::InvalidQuery(_))
    ));
    let all = EventQuery { include_negated: true, include_hypothetical: true, ..Default::default() };
    assert_eq!(store.query(&all).unwrap().total, 8);
}

#[test]
fn postgres_documents_and_fused_events_read_back_for_fusion() {
    let Some(pg) = common::pg_schema("fused") else { return };
    let mut store = Store::open(&pg.url).unwrap();
    common::documents_and_fused_events_read_back_for_fusion(&mut store);
}
