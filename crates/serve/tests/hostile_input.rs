//! Hostile or malformed requests are answered 4xx with `{"error": …}`, and the data is the same afterwards.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{get, request, Demo};

const HOSTILE: &[&str] = &[
    "/api/events?bbox=NaN,NaN,NaN,NaN",
    "/api/events?bbox=inf,0,1,1",
    "/api/events?bbox=1,2,3",
    "/api/events?bbox=0,0,400,1",
    "/api/events?limit=100000",
    "/api/events?limit=-5",
    "/api/events?limit=abc",
    "/api/events?offset=1e9",
    "/api/events?from=2024-02-30",
    "/api/events?from=yesterday",
    "/api/events?from=2024-01-01%27%20OR%20%271%27=%271",
    "/api/events?to=2024-01-01&from=2024-12-31",
    "/api/events?country=SYR%27--",
    "/api/events?country=SYRIA",
    "/api/events?type=ASSAULT%27;%20DROP%20TABLE%20events;--",
    "/api/events?type=ATTACK",
    "/api/events?min_confidence=NaN",
    "/api/events?min_confidence=2",
    "/api/events?include=all",
    "/api/events?q=%00",
    "/api/events?actor=",
    "/api/events?limit=1&limit=2",
    "/api/events?order=id;DROP%20TABLE%20events",
    "/api/events?%ff%fe=1",
    "/api/histogram?bucket=hour",
    "/api/histogram?bucket=day&limit=5",
    "/api/events/%00",
];

#[tokio::test]
async fn hostile_parameters_get_4xx_json_and_change_nothing() {
    let demo = Demo::build();
    let router = demo.router();
    let (_, _, before) = get(&router, "/api/events?limit=1000&include=negated,hypothetical").await;
    let bytes_before = std::fs::read(&demo.path).unwrap();

    let long_q = format!("/api/events?q={}", "a".repeat(5000));
    let long_value = format!("/api/events?actor={}", "b".repeat(300));
    let long_id = format!("/api/events/{}", "x".repeat(600));
    let long_path = format!("/api/{}", "p".repeat(2000));
    let mut uris: Vec<&str> = HOSTILE.to_vec();
    uris.extend([long_q.as_str(), long_value.as_str(), long_id.as_str(), long_path.as_str()]);
    for uri in uris {
        let (status, content_type, body) = get(&router, uri).await;
        assert!(status.is_client_error(), "{uri}: {status} {body}");
        assert!(content_type.starts_with("application/json"), "{uri}: {content_type}");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {body}");
    }
    // SQL text in a free-text filter is only text: it finds nothing and breaks nothing
    for uri in [
        "/api/events?q=%27%3B%20DROP%20TABLE%20events%3B--",
        "/api/events?actor=%27%20OR%20%271%27%3D%271",
        "/api/events?admin1=%25",
        "/api/events?q=%22unbalanced",
        "/api/events?q=NEAR(a%20b)%20OR%20*",
    ] {
        let (status, _, body) = get(&router, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_eq!(body["total"], 0, "{uri}");
    }

    let (_, _, after) = get(&router, "/api/events?limit=1000&include=negated,hypothetical").await;
    assert_eq!(before, after);
    assert_eq!(std::fs::read(&demo.path).unwrap(), bytes_before, "the store file is unchanged");
}

#[tokio::test]
async fn writes_and_bodies_are_refused() {
    let demo = Demo::build();
    let router = demo.router();
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let req = Request::builder().method(method).uri("/api/events").body(Body::from("{}")).unwrap();
        let (status, content_type, body) = request(&router, req).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert!(content_type.starts_with("application/json"));
        assert!(body["error"].is_string());
    }
    let big = vec![b'x'; 64 * 1024];
    let req = Request::get("/api/events").header("content-length", big.len()).body(Body::from(big)).unwrap();
    let (status, _, body) = request(&router, req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(body["error"].is_string());
}

#[tokio::test]
async fn errors_name_the_problem() {
    let demo = Demo::build();
    let router = demo.router();
    let (_, _, body) = get(&router, "/api/events?sort=date").await;
    assert!(body["error"].as_str().unwrap().contains("sort"), "{body}");
    let (_, _, body) = get(&router, "/api/events?limit=5000").await;
    assert!(body["error"].as_str().unwrap().contains("limit"), "{body}");
    let (_, _, body) = get(&router, "/api/events?bbox=NaN,0,1,1").await;
    assert!(body["error"].as_str().unwrap().contains("bbox"), "{body}");
}
