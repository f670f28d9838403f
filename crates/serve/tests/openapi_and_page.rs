//! The OpenAPI document is valid JSON, says 3.1, and lists exactly the routes and parameters the server takes;
//! the page and its files are served from the binary with their types and a strict content policy.

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common::{get, Demo};
use sitrep_serve::event_params::FILTER_PARAMS;
use sitrep_serve::ROUTES;

fn params(doc: &serde_json::Value, path: &str) -> BTreeSet<String> {
    doc["paths"][path]["get"]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("{path} has parameters"))
        .iter()
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn openapi_lists_every_route_and_parameter() {
    let demo = Demo::build();
    let router = demo.router();
    let (status, content_type, doc) = get(&router, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("application/json"));
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["info"]["title"].is_string());

    let documented: BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    let served: BTreeSet<String> = ROUTES.iter().map(|(_, p)| p.to_string()).collect();
    assert_eq!(documented, served);
    for (method, path) in ROUTES {
        assert!(doc["paths"][path][method.to_lowercase()].is_object(), "{method} {path}");
        // and each documented route answers
        let concrete = path.replace("{id}", "no-such-id");
        let (status, _, _) = get(&router, &concrete).await;
        assert!(status == StatusCode::OK || (path.contains("{id}") && status == StatusCode::NOT_FOUND), "{path}");
    }

    let filters: BTreeSet<String> = FILTER_PARAMS.iter().map(|s| s.to_string()).collect();
    let mut events = filters.clone();
    events.extend(["limit".to_string(), "offset".to_string()]);
    assert_eq!(params(&doc, "/api/events"), events);
    let mut histogram = filters;
    histogram.insert("bucket".to_string());
    assert_eq!(params(&doc, "/api/histogram"), histogram);

    // every $ref resolves
    let text = doc.to_string();
    for piece in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &piece[..piece.find('"').unwrap()];
        assert!(doc["components"]["schemas"][name].is_object(), "missing schema {name}");
    }
}

#[tokio::test]
async fn the_page_and_its_files_are_served_from_the_binary() {
    let demo = Demo::build();
    let router = demo.router();
    let (status, content_type, page) = get(&router, "/?type=ASSAULT&event=x").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    let html = page.as_str().unwrap();
    for asset in ["/assets/app.js", "/assets/style.css"] {
        assert!(html.contains(asset), "the page loads {asset}");
    }
    let (status, content_type, _) = get(&router, "/assets/app.js").await;
    assert_eq!((status, content_type.starts_with("text/javascript")), (StatusCode::OK, true));
    let (status, content_type, _) = get(&router, "/assets/style.css").await;
    assert_eq!((status, content_type.starts_with("text/css")), (StatusCode::OK, true));
    let (status, _, outlines) = get(&router, "/assets/countries-110m.json").await;
    assert_eq!(status, StatusCode::OK);
    let countries = outlines["countries"].as_array().unwrap();
    assert!(countries.len() > 150);
    assert!(countries.iter().any(|c| c["iso3"] == "SYR" && c["d"].as_str().unwrap().starts_with('M')));
}

#[tokio::test]
async fn responses_carry_a_strict_content_policy() {
    let demo = Demo::build();
    let response = tower::ServiceExt::oneshot(
        demo.router(),
        axum::http::Request::get("/").body(axum::body::Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let csp = response.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}
