//! Readers that turn what users have — plain text, HTML pages, JSONL article dumps — into [`Document`]s.
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

mod detect;
mod error;
mod html;
mod jsonl;
mod normalize;
mod reader;
mod text;

pub use detect::{detect_format, InputFormat};
pub use error::IngestError;
pub use html::{extract_html, HtmlPage};
pub use normalize::normalize_text;
pub use reader::{read_bytes, read_path, read_stream, DocumentStream, ReadOptions};
