//! The fused event record: one real-world event, the reports it was seen in, its most precise fields, and every
//! figure the reports disagree on with who gave it.

use serde::{Deserialize, Serialize};
use sitrep_model::{Actor, EventDate, EventType, Location, Span, Weapon};

/// One report of a fused event: which event of which document, and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The coded event (`Event::id`).
    pub event_id: String,
    pub doc_id: String,
    /// The evidence sentence in the document's text.
    pub evidence_span: Span,
    /// The document's source (site name) or, failing that, its URL's host; null when neither is known.
    pub outlet: Option<String>,
    /// Who the sentence attributes the event to ("police said"), as written; empty when unattributed.
    pub reporters: Vec<String>,
    /// The document's publication date (`YYYY-MM-DD`), the date this report was seen.
    pub published: Option<String>,
    /// The day this report was matched on (its event date when the text gives one, else its publication date).
    pub anchor: Option<String>,
}

/// A count as one report gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcedCount {
    pub best: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    /// The words the figure came from.
    pub text: String,
    pub doc_id: String,
    pub span: Span,
    /// Who gave the figure, when the text says; null otherwise.
    pub reporter: Option<String>,
}

/// A fused count: the figure the record carries and, when reports differ, every figure with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FusedCount {
    /// The highest figure any report gives (tolls rise as the wounded die and bodies are found; an earlier or partial
    /// report gives a lower bound, not a contradiction).
    pub best: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    /// Every distinct figure, first seen first; a single entry when all reports agree.
    pub claims: Vec<SourcedCount>,
}

impl FusedCount {
    /// True when the reports give more than one figure.
    pub fn disputed(&self) -> bool {
        let mut values = self.claims.iter().map(|c| (c.best, c.low, c.high));
        match values.next() {
            Some(first) => values.any(|v| v != first),
            None => false,
        }
    }
}

/// A place or date the reports disagree on, with the report that says it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldClaim {
    /// `date` or `location`.
    pub field: String,
    /// The value as this report has it (`YYYY-MM-DD` or a place name).
    pub value: String,
    pub text: Option<String>,
    pub span: Option<Span>,
    pub doc_id: String,
    pub event_id: String,
}

/// One real-world event seen in one or more reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FusedEvent {
    /// `fe-` and 16 hex digits from the id of the event that founded it: stable when later reports join.
    pub id: String,
    pub event_type: EventType,
    pub mode: Option<String>,
    /// The most precise date any report gives (a date in the text beats a publication date; a day beats a week).
    pub date: EventDate,
    /// The most precise place any report gives; null when none names one.
    pub location: Option<Location>,
    /// Actors and recipients over all reports, each once (by code, else by name).
    pub actors: Vec<Actor>,
    pub recipients: Vec<Actor>,
    pub killed: Option<FusedCount>,
    pub injured: Option<FusedCount>,
    pub arrested: Option<FusedCount>,
    pub weapons: Vec<Weapon>,
    /// Dates and places that differ between reports.
    pub disagreements: Vec<FieldClaim>,
    /// Every report, in the order they joined.
    pub reports: Vec<Report>,
    /// Name keys of the reports (see [`crate::name_keys`]), what later reports are matched against.
    pub name_keys: Vec<String>,
}

impl FusedEvent {
    /// The documents that report this event, each once, in the order they joined.
    pub fn documents(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for r in &self.reports {
            if !seen.contains(&r.doc_id.as_str()) {
                seen.push(r.doc_id.as_str());
            }
        }
        seen
    }
}
