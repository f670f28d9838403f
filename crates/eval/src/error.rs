//! What can stop an evaluation. A single bad line never does: it is skipped, counted and named in the report's notes.

use thiserror::Error;

/// Why a gold file could not be evaluated at all.
#[derive(Debug, Error)]
pub enum EvalError {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The gold set was recognised (or not) but has no scorer yet.
    #[error("{path}: {kind} is not supported yet")]
    Unsupported { path: String, kind: String },
    /// No line of the file could be read as a record; this is the first bad one.
    #[error("{path}:{line}: {message}")]
    BadRecord { path: String, line: usize, message: String },
    /// The file holds no records.
    #[error("{path}: no records")]
    Empty { path: String },
}
