//! The routes: the JSON API over the store, the OpenAPI document, and the page's embedded files, behind the request
//! limits (URI length, body size, time, concurrency) and one JSON error shape.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use sitrep_model::{Document, Event};
use sitrep_store::{Bucket, EventPage};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::api_error::ApiError;
use crate::assets;
use crate::event_params::{parse_query, ParamSet, MAX_QUERY_BYTES};
use crate::store_pool::StorePool;

/// Every route the server answers (method, path as written in the OpenAPI document).
pub const ROUTES: [(&str, &str); 10] = [
    ("GET", "/"),
    ("GET", "/api/events"),
    ("GET", "/api/events/{id}"),
    ("GET", "/api/events/{id}/fused"),
    ("GET", "/api/documents/{id}"),
    ("GET", "/api/histogram"),
    ("GET", "/api/openapi.json"),
    ("GET", "/assets/app.js"),
    ("GET", "/assets/style.css"),
    ("GET", "/assets/countries-110m.json"),
];

/// Longest path accepted, in bytes.
pub const MAX_PATH_BYTES: usize = 1024;
/// Longest id accepted in `/api/events/{id}` and `/api/documents/{id}`.
pub const MAX_ID_CHARS: usize = 512;
/// Largest request body: no endpoint takes one.
pub const MAX_BODY_BYTES: usize = 4096;
/// Time limit for a whole request.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Requests handled at once; more wait in line.
pub const MAX_CONCURRENT_REQUESTS: usize = 64;

/// The application: all routes over `pool`, with the limits and headers applied.
pub fn router(pool: StorePool) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/app.js", get(assets::app_js))
        .route("/assets/style.css", get(assets::style_css))
        .route("/assets/countries-110m.json", get(assets::countries))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/events/{id}/fused", get(fused_event))
        // document ids are often file paths: let them carry slashes
        .route("/api/documents/{*id}", get(document))
        .route("/api/histogram", get(histogram))
        .route("/api/openapi.json", get(openapi))
        .fallback(not_found)
        .with_state(pool)
        .layer(middleware::from_fn(guard_uri))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT))
        // outside the limits, so their plain answers (413, 408) get the JSON shape too
        .layer(middleware::from_fn(json_errors))
        .layer(GlobalConcurrencyLimitLayer::new(MAX_CONCURRENT_REQUESTS))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                 base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            ),
        ))
}

/// `GET /api/events`: one page of events matching the filters.
#[derive(Serialize)]
struct EventsResponse {
    total: u64,
    limit: usize,
    offset: usize,
    events: Vec<Event>,
}

async fn events(State(pool): State<StorePool>, RawQuery(raw): RawQuery) -> Result<Json<EventsResponse>, ApiError> {
    let parsed = parse_query(raw.as_deref(), ParamSet::Events)?;
    let (limit, offset) = (parsed.query.limit, parsed.query.offset);
    let EventPage { total, events } = pool.run(move |store| store.query(&parsed.query)).await?;
    Ok(Json(EventsResponse { total, limit, offset, events }))
}

async fn event(State(pool): State<StorePool>, Path(id): Path<String>) -> Result<Json<Event>, ApiError> {
    check_id(&id)?;
    let wanted = id.clone();
    match pool.run(move |store| store.event(&wanted)).await? {
        Some(event) => Ok(Json(event)),
        None => Err(ApiError::not_found(format!("no event with id {id:?}"))),
    }
}

/// `GET /api/events/{id}/fused`: the fused event (one real-world event, every report linked, disagreeing figures
/// side by side) that holds this event, once `sitrep fuse --db` has fused it.
async fn fused_event(State(pool): State<StorePool>, Path(id): Path<String>) -> Result<Response, ApiError> {
    check_id(&id)?;
    let wanted = id.clone();
    match pool.run(move |store| store.fused_event_of(&wanted)).await? {
        Some(json) => Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response()),
        None => Err(ApiError::not_found(format!("no fused event holds an event with id {id:?} (run `sitrep fuse --db`)"))),
    }
}

async fn document(State(pool): State<StorePool>, Path(id): Path<String>) -> Result<Json<Document>, ApiError> {
    check_id(&id)?;
    let wanted = id.clone();
    match pool.run(move |store| store.document(&wanted)).await? {
        Some(doc) => Ok(Json(doc)),
        None => Err(ApiError::not_found(format!("no document with id {id:?}"))),
    }
}

/// `GET /api/histogram`: event counts per bucket, oldest first.
#[derive(Serialize)]
struct HistogramResponse {
    bucket: &'static str,
    total: u64,
    buckets: Vec<HistogramBucket>,
}

#[derive(Serialize)]
struct HistogramBucket {
    start: String,
    count: u64,
}

async fn histogram(
    State(pool): State<StorePool>,
    RawQuery(raw): RawQuery,
) -> Result<Json<HistogramResponse>, ApiError> {
    let parsed = parse_query(raw.as_deref(), ParamSet::Histogram)?;
    let bucket = match parsed.bucket {
        Bucket::Day => "day",
        Bucket::Week => "week",
        Bucket::Month => "month",
        Bucket::Year => "year",
    };
    let rows = pool.run(move |store| store.histogram(&parsed.query, parsed.bucket)).await?;
    let total = rows.iter().map(|(_, n)| n).sum();
    let buckets = rows.into_iter().map(|(start, count)| HistogramBucket { start, count }).collect();
    Ok(Json(HistogramResponse { bucket, total, buckets }))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], assets::OPENAPI).into_response()
}

async fn not_found(request: Request) -> ApiError {
    let path: String = request.uri().path().chars().take(100).collect();
    ApiError::not_found(format!("no route {path:?}; see /api/openapi.json"))
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!("an id is 1 to {MAX_ID_CHARS} printable characters")));
    }
    Ok(())
}

/// Refuses overlong paths and query strings before any routing or parsing.
async fn guard_uri(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if uri.path().len() > MAX_PATH_BYTES {
        return ApiError::uri_too_long(format!("path longer than {MAX_PATH_BYTES} bytes")).into_response();
    }
    if uri.query().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        return ApiError::uri_too_long(format!("query string longer than {MAX_QUERY_BYTES} bytes")).into_response();
    }
    next.run(request).await
}

/// Gives every error answered without a JSON body (wrong method, axum's own rejections, body too large, time-outs)
/// the API's `{"error": …}` shape.
async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if status.is_success() || status.is_redirection() || is_json {
        return response;
    }
    let headers = response.headers().clone();
    // axum's rejections explain themselves in a short plain-text body: keep that text
    let text = axum::body::to_bytes(response.into_body(), 1024).await.ok().and_then(|b| String::from_utf8(b.to_vec()).ok());
    let message = match text {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ => status.canonical_reason().unwrap_or("error").to_ascii_lowercase(),
    };
    let mut fresh = ApiError::new(status, message).into_response();
    if status == StatusCode::METHOD_NOT_ALLOWED {
        if let Some(allow) = headers.get(header::ALLOW) {
            fresh.headers_mut().insert(header::ALLOW, allow.clone());
        }
    }
    fresh
}

/// A response with a fixed body and content type (the embedded page files).
pub(crate) fn fixed(content_type: &'static str, cache: &'static str, body: &'static [u8]) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, cache)
        .body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}
