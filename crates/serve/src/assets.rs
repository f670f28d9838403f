//! The web page's files, compiled into the binary so `sitrep serve` needs nothing beside it.

use axum::response::Response;

use crate::api::fixed;

pub const INDEX_HTML: &str = include_str!("../web/index.html");
pub const APP_JS: &str = include_str!("../web/app.js");
pub const STYLE_CSS: &str = include_str!("../web/style.css");
/// Country outlines (Natural Earth 1:110m via world-atlas), built by tools/world-outline/build.mjs.
pub const COUNTRIES_JSON: &str = include_str!("../../../data/web/countries-110m.json");
/// The OpenAPI 3.1 description of the API, written by hand; tests check it against the routes and parameters.
pub const OPENAPI: &str = include_str!("../openapi.json");

// The page and its script change with the binary: revalidate them; the outlines never change.
const REVALIDATE: &str = "no-cache";
const LONG: &str = "public, max-age=86400";

pub async fn index() -> Response {
    fixed("text/html; charset=utf-8", REVALIDATE, INDEX_HTML.as_bytes())
}

pub async fn app_js() -> Response {
    fixed("text/javascript; charset=utf-8", REVALIDATE, APP_JS.as_bytes())
}

pub async fn style_css() -> Response {
    fixed("text/css; charset=utf-8", REVALIDATE, STYLE_CSS.as_bytes())
}

pub async fn countries() -> Response {
    fixed("application/json", LONG, COUNTRIES_JSON.as_bytes())
}
