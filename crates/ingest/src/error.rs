//! Errors that stop one input (a file or a JSONL line) but never the run.

/// Why one input or record could not be read. Each names where it happened.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: empty input, nothing to code")]
    Empty { path: String },
    #[error("{path}: looks binary (NUL bytes in the first {checked} bytes), skipped")]
    Binary { path: String, checked: usize },
    #[error("{path}:{line}: malformed JSONL record: {message}")]
    BadRecord { path: String, line: usize, message: String },
    /// A WARC file (or any gzip stream) that is truncated or damaged: the records before it were read, the rest of
    /// the file is given up. `offset` counts decompressed bytes from the start of the file.
    #[error("{path}: record {record} at byte {offset}: {message}; the rest of the file is skipped")]
    Corrupt { path: String, record: usize, offset: u64, message: String },
    #[error("{path}: checkpoint: {message}")]
    Checkpoint { path: String, message: String },
    #[error("{path}: not a readable RSS or Atom feed: {message}")]
    BadFeed { path: String, message: String },
}
