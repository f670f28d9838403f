//! The one error shape of the API: an HTTP status and `{"error": "..."}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error answered to the client. Its message is meant for the client: store internals are logged, not sent.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    pub fn uri_too_long(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::URI_TOO_LONG, message)
    }
    /// A failure on the server's side; `detail` goes to the log only.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        eprintln!("sitrep serve: error: {detail}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error (see the server log)")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(serde_json::json!({ "error": self.message }))).into_response()
    }
}
