//! The API's filters, pages and lookups give what the coded examples say they should: each filter is checked
//! against the same filter applied to the events in memory.

mod common;

use std::collections::{BTreeMap, HashSet};

use axum::http::StatusCode;
use common::{get, ids, Demo};
use sitrep_model::Event;

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn expected(events: &[&Event], keep: impl Fn(&Event) -> bool) -> Vec<String> {
    sorted(events.iter().filter(|e| keep(e)).map(|e| e.id.clone()).collect())
}

async fn listed(router: &axum::Router, query: &str) -> (u64, Vec<String>) {
    let (status, _, body) = get(router, &format!("/api/events?limit=1000&{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    (body["total"].as_u64().unwrap(), sorted(ids(&body)))
}

#[tokio::test]
async fn default_listing_has_the_asserted_events_with_paging_fields() {
    let demo = Demo::build();
    let router = demo.router();
    let (status, content_type, body) = get(&router, "/api/events").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("application/json"));
    assert_eq!(body["limit"], 100);
    assert_eq!(body["offset"], 0);
    let asserted = demo.asserted();
    assert_eq!(body["total"].as_u64().unwrap() as usize, asserted.len());
    assert_eq!(sorted(ids(&body)), expected(&asserted, |_| true));
    // the records come back whole
    let first = &body["events"][0];
    let original = demo.events.iter().find(|e| e.id == first["id"].as_str().unwrap()).unwrap();
    let served: Event = serde_json::from_value(first.clone()).expect("a served event parses as an Event");
    assert_eq!(&served, original);
}

#[tokio::test]
async fn include_brings_back_negated_and_hypothetical_events() {
    let demo = Demo::build();
    let router = demo.router();
    let all: Vec<&Event> = demo.events.iter().collect();
    assert!(all.len() > demo.asserted().len(), "the examples have negated or hypothetical events");
    let (total, got) = listed(&router, "include=negated,hypothetical").await;
    assert_eq!(total as usize, all.len());
    assert_eq!(got, expected(&all, |_| true));
    let (_, negated) = listed(&router, "include=negated").await;
    assert_eq!(negated, expected(&all, |e| !e.modality.hypothetical));
}

#[tokio::test]
async fn type_country_and_actor_filters_match_the_records() {
    let demo = Demo::build();
    let router = demo.router();
    let asserted = demo.asserted();

    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &asserted {
        *by_type.entry(e.event_type.as_str()).or_default() += 1;
    }
    for t in by_type.keys() {
        let (total, got) = listed(&router, &format!("type={}", t.to_lowercase())).await;
        assert_eq!(got, expected(&asserted, |e| e.event_type.as_str() == *t), "type {t}");
        assert_eq!(total as usize, by_type[t]);
    }

    let countries: HashSet<&str> =
        asserted.iter().filter_map(|e| e.location.as_ref()?.country.as_deref()).collect();
    assert!(!countries.is_empty());
    for c in countries {
        let (_, got) = listed(&router, &format!("country={}", c.to_lowercase())).await;
        let want = expected(&asserted, |e| e.location.as_ref().and_then(|l| l.country.as_deref()) == Some(c));
        assert_eq!(got, want, "country {c}");
    }

    let actor = asserted.iter().flat_map(|e| &e.actors).find_map(|a| a.code.clone()).expect("an actor with a code");
    let (_, got) = listed(&router, &format!("actor={actor}")).await;
    let matches = |e: &Event| {
        e.actors.iter().chain(&e.recipients).any(|a| {
            a.code.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(&actor))
                || a.name.eq_ignore_ascii_case(&actor)
                || a.text.eq_ignore_ascii_case(&actor)
        })
    };
    assert!(!got.is_empty());
    assert_eq!(got, expected(&asserted, matches), "actor {actor}");
}

#[tokio::test]
async fn date_bbox_confidence_and_text_filters_match_the_records() {
    let demo = Demo::build();
    let router = demo.router();
    let asserted = demo.asserted();

    // a day some event covers: from = to = its start
    let day = asserted.iter().find_map(|e| e.date.start.clone()).expect("a dated event");
    let (_, got) = listed(&router, &format!("from={day}&to={day}")).await;
    let covers = |e: &Event| match (&e.date.start, &e.date.end) {
        (Some(s), Some(end)) => s.as_str() <= day.as_str() && end.as_str() >= day.as_str(),
        _ => false,
    };
    assert!(!got.is_empty());
    assert_eq!(got, expected(&asserted, covers), "day {day}");

    // a box around one located event, one degree each way
    let located = asserted.iter().find_map(|e| Some((e.location.as_ref()?.lon?, e.location.as_ref()?.lat?))).unwrap();
    let (lon, lat) = located;
    let (_, got) = listed(&router, &format!("bbox={},{},{},{}", lon - 1.0, lat - 1.0, lon + 1.0, lat + 1.0)).await;
    let inside = |e: &Event| {
        e.location.as_ref().is_some_and(|l| match (l.lon, l.lat) {
            (Some(x), Some(y)) => (lon - 1.0..=lon + 1.0).contains(&x) && (lat - 1.0..=lat + 1.0).contains(&y),
            _ => false,
        })
    };
    assert!(!got.is_empty());
    assert_eq!(got, expected(&asserted, inside));

    // a threshold between two confidences the events have, so rounding cannot matter
    let mut confidences: Vec<f64> = asserted.iter().map(|e| e.confidence as f64).collect();
    confidences.sort_by(f64::total_cmp);
    confidences.dedup();
    assert!(confidences.len() >= 2, "the examples have varied confidence");
    let mid = (confidences[0] + confidences[confidences.len() - 1]) / 2.0;
    let threshold = confidences.iter().copied().find(|c| *c >= mid).unwrap() - 0.001;
    let (_, got) = listed(&router, &format!("min_confidence={threshold}")).await;
    assert_eq!(got, expected(&asserted, |e| e.confidence as f64 >= threshold));
    assert!(!got.is_empty() && got.len() < asserted.len());

    // a word from one evidence sentence: every hit has it in its evidence or its document's title
    let word = "market";
    let (total, got) = listed(&router, &format!("q={word}")).await;
    assert!(total >= 1, "some example evidence says {word}");
    for id in &got {
        let e = demo.events.iter().find(|e| &e.id == id).unwrap();
        let title = demo.documents.iter().find(|d| d.id == e.doc_id).and_then(|d| d.title.clone()).unwrap_or_default();
        assert!(e.evidence.to_lowercase().contains(word) || title.to_lowercase().contains(word), "{id}");
    }
    let (total, _) = listed(&router, "q=zzyzxnotaword").await;
    assert_eq!(total, 0);
}

#[tokio::test]
async fn pages_cover_every_event_once_in_a_stable_order() {
    let demo = Demo::build();
    let router = demo.router();
    let (_, _, all) = get(&router, "/api/events?limit=1000").await;
    let all_ids = ids(&all);
    let mut walked = Vec::new();
    let mut offset = 0;
    loop {
        let (status, _, page) = get(&router, &format!("/api/events?limit=3&offset={offset}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["total"].as_u64().unwrap() as usize, all_ids.len());
        assert_eq!(page["offset"], offset);
        let got = ids(&page);
        assert!(got.len() <= 3);
        if got.is_empty() {
            break;
        }
        walked.extend(got);
        offset += 3;
    }
    assert_eq!(walked, all_ids);
    let (_, _, past) = get(&router, "/api/events?offset=100000").await;
    assert_eq!(past["events"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn histogram_counts_the_dated_events_by_bucket() {
    let demo = Demo::build();
    let router = demo.router();
    let asserted = demo.asserted();
    let dated = asserted.iter().filter(|e| e.date.start.is_some()).count();
    for bucket in ["day", "week", "month", "year"] {
        let (status, _, body) = get(&router, &format!("/api/histogram?bucket={bucket}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["bucket"], bucket);
        let buckets = body["buckets"].as_array().unwrap();
        let sum: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
        assert_eq!(sum as usize, dated, "{bucket}");
        assert_eq!(body["total"].as_u64().unwrap(), sum);
        let starts: Vec<&str> = buckets.iter().map(|b| b["start"].as_str().unwrap()).collect();
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "oldest first: {starts:?}");
        if bucket == "month" {
            assert!(starts.iter().all(|s| s.ends_with("-01")), "{starts:?}");
        }
    }
    // the filters apply to the histogram too
    let t = asserted[0].event_type.as_str();
    let (_, _, body) = get(&router, &format!("/api/histogram?bucket=year&type={t}")).await;
    let want = asserted.iter().filter(|e| e.event_type.as_str() == t && e.date.start.is_some()).count();
    assert_eq!(body["total"].as_u64().unwrap() as usize, want);
}

#[tokio::test]
async fn event_and_document_lookups_return_the_records() {
    let demo = Demo::build();
    let router = demo.router();
    let event = &demo.events[0];
    let (status, _, body) = get(&router, &format!("/api/events/{}", event.id)).await;
    assert_eq!(status, StatusCode::OK);
    let served: Event = serde_json::from_value(body).expect("a served event parses as an Event");
    assert_eq!(&served, event);

    let doc = demo.documents.iter().find(|d| d.id == event.doc_id).unwrap();
    let (status, _, body) = get(&router, &format!("/api/documents/{}", doc.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["text"], doc.text.as_str());
    assert_eq!(body["id"], doc.id.as_str());
    // the spans point into the text served
    let text: Vec<char> = body["text"].as_str().unwrap().chars().collect();
    let actor = &event.actors[0];
    assert_eq!(text[actor.span.0..actor.span.1].iter().collect::<String>(), actor.text);
}

#[tokio::test]
async fn unknown_ids_are_404_with_a_json_error() {
    let demo = Demo::build();
    let router = demo.router();
    for uri in ["/api/events/no-such-event", "/api/documents/no-such-document", "/api/nothing", "/favicon.ico"] {
        let (status, content_type, body) = get(&router, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(content_type.starts_with("application/json"), "{uri}");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {body}");
    }
}

#[tokio::test]
async fn document_ids_with_slashes_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let url = path.to_str().unwrap();
    let doc = sitrep_model::Document::from_text("news/2024/a.txt", "Rebels attacked the town of Kismayo on Monday.")
        .with_publication_date(Some("2024-02-26".into()));
    let events = sitrep_coder::Coder::new().code(&doc);
    let mut store = sitrep_store::Store::open(url).unwrap();
    store.write(&doc, &events).unwrap();
    store.commit().unwrap();
    drop(store);
    let router = sitrep_serve::router(sitrep_serve::StorePool::open_read_only(url, 1).unwrap());
    for uri in ["/api/documents/news/2024/a.txt", "/api/documents/news%2F2024%2Fa.txt"] {
        let (status, _, body) = get(&router, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_eq!(body["id"], "news/2024/a.txt");
    }
}

/// Once the store's events are fused, each event links to the fused event that holds it (its reports, and the
/// figures with their sources); an unknown event is a 404 that says how to fuse.
#[tokio::test]
async fn an_event_links_to_the_fused_event_that_holds_it() {
    let demo = Demo::build();
    let router = demo.router();
    let (status, _, body) = get(&router, "/api/events/ev-not-there/fused").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap().contains("sitrep fuse"), "{body}");

    let mut fuser = sitrep_fusion::Fuser::new();
    for doc in &demo.documents {
        let events: Vec<Event> = demo.events.iter().filter(|e| e.doc_id == doc.id).cloned().collect();
        fuser.add(doc, &events);
    }
    for event in demo.asserted() {
        let (status, content_type, body) = get(&router, &format!("/api/events/{}/fused", event.id)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(content_type.starts_with("application/json"));
        assert_eq!(body["id"], fuser.fused_id_of(&event.id).unwrap());
        assert!(body["reports"].as_array().unwrap().iter().any(|r| r["event_id"] == event.id.as_str()), "{body}");
    }
}
