//! Readers that turn what users have — plain text, HTML pages, JSONL article dumps, WARC crawls (gzipped or not),
//! RSS and Atom feeds — into [`Document`]s, plus the tools a large run needs: language identification,
//! near-duplicate detection and checkpoints.
//!
//! The input type is detected from content (overridable), text is normalised once here (line endings, control
//! characters, byte-order marks) so that every later span points into the same string, and bad input becomes a
//! typed error naming the file and line while the rest of the input goes on.
//!
//! ```
//! use sitrep_ingest::{read_bytes, ReadOptions};
//! let docs: Vec<_> = read_bytes("note.txt", b"Rebels seize town\n\nRebels seized Kusham.".to_vec(), &ReadOptions::default())
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! assert_eq!(docs[0].id, "note.txt");
//! assert_eq!(docs[0].title.as_deref(), Some("Rebels seize town"));
//! ```

mod checkpoint;
mod detect;
mod entry;
mod error;
mod feed;
mod html;
mod html_preclean;
mod jsonl;
mod language;
mod near_duplicate;
mod normalize;
mod reader;
mod text;
mod warc;

pub use detect::{detect_format, InputFormat};
pub use error::IngestError;
pub use html::{extract_html, HtmlPage};
pub use normalize::normalize_text;
pub use checkpoint::{Checkpoint, TrackedFile};
pub use entry::{Entry, Page, Skip};
pub use language::{identify_language, Language};
pub use near_duplicate::{NearDuplicateIndex, Signature};
pub use reader::{
    read_bytes, read_path, read_path_entries, read_stream, read_stream_entries, DocumentStream, EntryStream, ReadOptions,
};
