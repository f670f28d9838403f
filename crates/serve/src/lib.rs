//! `sitrep serve`: a read-only HTTP JSON API over the event store and the web page that shows it.
//!
//! The API answers `GET /api/events` (the filters of [`sitrep_store::EventQuery`], paged), `GET /api/events/{id}`,
//! `GET /api/documents/{id}` (with the full text, so spans can be shown), `GET /api/histogram` and
//! `GET /api/openapi.json`; `GET /` is a page (map drawn from embedded Natural Earth outlines, timeline, table, and
//! evidence with every field's span highlighted) whose files are compiled in. Store calls run on blocking threads
//! over a small pool of read-only stores. Every parameter is parsed strictly ([`event_params`]): malformed, unknown,
//! repeated or overlong input is answered `4xx` with `{"error": …}` and never reaches the store.
//!
//! ```no_run
//! use sitrep_serve::{run, ServeConfig};
//! let config = ServeConfig { db: "sitrep-demo.sqlite".into(), addr: "127.0.0.1:8080".parse().unwrap(), pool_size: 4 };
//! run(&config, |addr| println!("serving http://{addr}/")).unwrap();
//! ```

pub mod api;
mod api_error;
mod assets;
pub mod event_params;
mod server;
mod store_pool;

pub use api::{router, ROUTES};
pub use api_error::ApiError;
pub use server::{run, serve, ServeConfig, ServeError};
pub use store_pool::StorePool;

/// The OpenAPI 3.1 document served at `/api/openapi.json`.
pub const OPENAPI_JSON: &str = assets::OPENAPI;
