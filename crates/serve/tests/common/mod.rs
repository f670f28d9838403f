//! Shared by the integration tests: a store holding the bundled example articles, coded for real, and a way to ask
//! the router without a socket.
#![allow(dead_code)]

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use sitrep_coder::{Coder, Include};
use sitrep_ingest::{read_bytes, ReadOptions};
use sitrep_model::{Document, Event};
use sitrep_serve::StorePool;
use sitrep_store::Store;
use tower::ServiceExt;

const EXAMPLES: &[u8] = include_bytes!("../../../../examples/articles.jsonl");

/// A store file with the example articles and their events, and what was written into it.
pub struct Demo {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub documents: Vec<Document>,
    pub events: Vec<Event>,
}

impl Demo {
    pub fn build() -> Demo {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("demo.sqlite");
        let mut store = Store::open(path.to_str().expect("utf-8 temp path")).expect("open store");
        // the unasserted events too, flagged, so the API's default of leaving them out is tested
        let coder = Coder::new().with_include(Include { negated: true, hypothetical: true });
        let mut documents = Vec::new();
        let mut events = Vec::new();
        for doc in read_bytes("examples/articles.jsonl", EXAMPLES.to_vec(), &ReadOptions::default()) {
            let doc = doc.expect("the examples read cleanly");
            let coded = coder.code(&doc);
            store.write(&doc, &coded).expect("write");
            events.extend(coded);
            documents.push(doc);
        }
        store.commit().expect("commit");
        // fused as `sitrep demo` does, so each event links to its fused event
        let mut fuser = sitrep_fusion::Fuser::new();
        for doc in &documents {
            let own: Vec<Event> = events.iter().filter(|e| e.doc_id == doc.id).cloned().collect();
            fuser.add(doc, &own);
        }
        let fused: Vec<sitrep_store::FusedRecord> = fuser
            .fused_events()
            .map(|f| sitrep_store::FusedRecord {
                id: f.id.clone(),
                json: serde_json::to_string(f).expect("a fused event serialises"),
                events: f.reports.iter().map(|r| r.event_id.clone()).collect(),
            })
            .collect();
        store.write_fused(&fused, i64::MAX).expect("write fused events");
        drop(store);
        assert!(events.len() >= 5, "the examples give events");
        Demo { _dir: dir, path, documents, events }
    }

    pub fn url(&self) -> String {
        self.path.to_str().expect("utf-8 temp path").to_string()
    }

    pub fn pool(&self) -> StorePool {
        StorePool::open_read_only(&self.url(), 2).expect("open read-only pool")
    }

    pub fn router(&self) -> axum::Router {
        sitrep_serve::router(self.pool())
    }

    /// The events a default query returns: asserted ones (not negated, not hypothetical).
    pub fn asserted(&self) -> Vec<&Event> {
        self.events.iter().filter(|e| !e.modality.negated && !e.modality.hypothetical).collect()
    }
}

/// A GET through the router: status, content type and body (JSON when it parses, else a string value).
pub async fn get(router: &axum::Router, uri: &str) -> (StatusCode, String, Value) {
    request(router, Request::get(uri).body(Body::empty()).expect("request")).await
}

pub async fn request(router: &axum::Router, req: Request<Body>) -> (StatusCode, String, Value) {
    let response = router.clone().oneshot(req).await.expect("router never fails");
    let status = response.status();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    let text = String::from_utf8_lossy(&bytes).to_string();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, content_type, value)
}

/// The ids of a `/api/events` answer, in order.
pub fn ids(body: &Value) -> Vec<String> {
    body["events"].as_array().expect("events array").iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
}
