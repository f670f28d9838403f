//! The shared vocabulary of sitrep: [`Document`], [`Span`] and the [`Event`] record every stage reads or writes.
//!
//! Stages never reach into each other's internals; they exchange these types. The event record is the project's data
//! contract, documented field by field in `docs/event-record.md` with a JSON Schema in `docs/event-record.schema.json`.
//!
//! ```
//! use sitrep_model::{Document, Span, char_slice};
//! let doc = Document::from_text("note.txt", "Rebels attacked Kusham.");
//! let span = Span::new(16, 22);
//! assert_eq!(char_slice(&doc.text, span), Some("Kusham"));
//! ```

mod document;
mod event;
mod span;

pub use document::{Document, DocumentRecord, InputKind, Part};
pub use event::{
    Acled, Actor, Casualties, Count, CountClaim, DatePrecision, DateBasis, Event, EventDate, EventType, Location,
    LocationPrecision, Modality, Party, Reporter, ReporterName, Trigger, Weapon, WeaponClass,
};
pub use span::{char_slice, CharIndex, Span};

/// The version stamped into every record; part of what makes event ids stable ("same input, same version, same id").
pub const SITREP_VERSION: &str = env!("CARGO_PKG_VERSION");
