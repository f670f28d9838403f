//! Event fusion: one record per real-world event, however many sentences and articles report it.
//!
//! The coder gives one event per trigger; five outlets covering one shooting give five or more. [`Fuser`] joins
//! events of the same type whose places, dates, tolls, actors and — across articles — the names the articles mention
//! agree, into a [`FusedEvent`] with a stable id (`fe-…`, from the event that founded it), every [`Report`] linked
//! (document, evidence span, outlet, reporters, date seen), the most precise date and place, and each figure the
//! reports disagree on kept with who gave it ([`FusedCount::claims`], [`FieldClaim`]).
//!
//! Fusion is incremental: [`Fuser::resume`] takes fused events read back from a store, and new reports join them
//! under their existing ids. See `docs/fusion.md`.
//!
//! ```
//! use sitrep_fusion::{fixtures, Fuser};
//! let (wral, wral_events, ap, ap_events) = fixtures::two_reports_of_one_shooting();
//! let mut fuser = Fuser::new();
//! let first = fuser.add(&wral, &wral_events);
//! let second = fuser.add(&ap, &ap_events);
//! assert_eq!(first, second);
//! let event = fuser.get(&first[0]).unwrap();
//! assert_eq!(event.documents(), ["wral-1", "ap-2"]);
//! assert_eq!(event.date.value.as_deref(), Some("2013-06-21")); // the text's day beats a publication date
//! assert_eq!(event.killed.as_ref().unwrap().best, Some(1));
//! ```

pub mod fixtures;
mod fused_event;
mod fuser;
mod names;
mod text_index;

pub use fused_event::{FieldClaim, FusedCount, FusedEvent, Report, SourcedCount};
pub use fuser::{haversine_km, Fuser, FusionConfig};
pub use names::{name_keys, LEAD_CHARS};
