//! Errors of the trained components: reading CoNLL-U, reading and writing models, training.

use std::path::PathBuf;

/// What went wrong reading a treebank or a model, or training one.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A CoNLL-U line that cannot be read (line numbers count from 1).
    #[error("{file}:{line}: bad CoNLL-U line: {reason}")]
    BadConllu { file: String, line: usize, reason: String },
    /// A model file that is truncated, of another kind or of another format version.
    #[error("bad model ({what}): {reason}")]
    BadModel { what: &'static str, reason: String },
    /// Reading or writing a file.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// Training was asked for something it cannot do (no sentences, no split found).
    #[error("cannot train: {0}")]
    Training(String),
}
