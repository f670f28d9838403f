//! [`Store`]: one handle over either backend, with the write buffer and the checks both share.

use sitrep_model::{Document, Event};

use crate::query::{bucketize, Bucket, EventPage, EventQuery, Filters};
use crate::record::{pending, DocMeta, Pending};
use crate::postgres::PgBackend;
use crate::sqlite::SqliteBackend;

/// Everything the store can fail with. `InvalidQuery` is the caller's mistake (a server answers 4xx); the others
/// are the database's or the data's.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A filter value was refused before reaching the database; the message names the filter.
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A document or event that cannot be stored (empty id, event of another document, NUL in text).
    #[error("invalid record: {0}")]
    InvalidRecord(String),
    /// The URL is neither a path, `sqlite:PATH` nor `postgres://…`.
    #[error("invalid store URL {0:?}: use a file path, sqlite:PATH or postgres://user@host/db")]
    InvalidUrl(String),
    /// `write` or `commit` on a store opened read-only.
    #[error("the store was opened read-only")]
    ReadOnly,
    /// The database's schema version is not one this build can use.
    #[error("schema: {0}")]
    Schema(String),
    /// A stored record no longer parses.
    #[error("corrupt store: {0}")]
    Corrupt(String),
    #[error("SQLite {context}: {source}")]
    Sqlite {
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("PostgreSQL {context}: {source}")]
    Postgres {
        context: String,
        #[source]
        source: postgres::Error,
    },
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
    /// The export writer (CSV or Parquet) failed.
    #[error("export: {0}")]
    Export(String),
}

/// A fused event as the store keeps it: its id, its JSON record (the fusion crate's `FusedEvent`) and the ids of
/// its member events.
#[derive(Debug, Clone, PartialEq)]
pub struct FusedRecord {
    pub id: String,
    pub json: String,
    pub events: Vec<String>,
}

/// What each backend does; [`Store`] adds buffering, checking and bucketing on top.
pub(crate) trait Backend: Send {
    fn commit(&mut self, pending: &[Pending]) -> Result<(), StoreError>;
    fn page(&mut self, filters: &Filters) -> Result<EventPage, StoreError>;
    /// Matching events per start day, oldest first (undated events left out).
    fn day_counts(&mut self, filters: &Filters) -> Result<Vec<(String, u64)>, StoreError>;
    fn event(&mut self, id: &str) -> Result<Option<Event>, StoreError>;
    fn document(&mut self, id: &str) -> Result<Option<Document>, StoreError>;
    /// Every matching event in query order, with its document's metadata, ignoring limit and offset.
    fn for_each(
        &mut self,
        filters: &Filters,
        visit: &mut dyn FnMut(Event, DocMeta) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// Every document in the order first written (rewriting a document keeps its place), with that position and
    /// its events in the order written.
    fn for_each_document(
        &mut self,
        visit: &mut dyn FnMut(i64, Document, Vec<Event>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// The kept fused events (their JSON records, by id) and the position of the last document fused into them
    /// (0 before any fusion).
    fn fused(&mut self) -> Result<(Vec<String>, i64), StoreError>;
    /// Adds or replaces fused events with their member events and records the position fused through, in one
    /// transaction.
    fn write_fused(&mut self, fused: &[FusedRecord], through: i64) -> Result<(), StoreError>;
    /// The JSON record of the fused event that holds this event, if it has been fused.
    fn fused_event_of(&mut self, event_id: &str) -> Result<Option<String>, StoreError>;
    /// Makes every commit so far durable on disk (SQLite: a full checkpoint of the WAL; PostgreSQL commits are).
    fn sync(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
    /// Prepares a bulk load if the backend has a faster way for it (SQLite: an empty store defers its filter
    /// indexes); true when it did.
    fn begin_bulk_load(&mut self) -> Result<bool, StoreError> {
        Ok(false)
    }
    /// Finishes what `begin_bulk_load` started (SQLite: builds the deferred indexes).
    fn finish_bulk_load(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// A store of documents and events. See the crate documentation for an example.
pub struct Store {
    backend: Box<dyn Backend>,
    pending: Vec<Pending>,
    read_only: bool,
}

enum Target<'a> {
    Sqlite(&'a str),
    Postgres(&'a str),
}

fn target(url: &str) -> Result<Target<'_>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Target::Postgres(url));
    }
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    if path.is_empty() || url.contains("://") && !url.starts_with("sqlite:") {
        return Err(StoreError::InvalidUrl(url.to_string()));
    }
    Ok(Target::Sqlite(path))
}

impl Store {
    /// A path (or `sqlite:PATH`) opens or creates the embedded SQLite store (WAL, migrations);
    /// `postgres://…` / `postgresql://…` connects to PostgreSQL and migrates.
    pub fn open(url: &str) -> Result<Store, StoreError> {
        let backend: Box<dyn Backend> = match target(url)? {
            Target::Sqlite(path) => Box::new(SqliteBackend::open(path, false)?),
            Target::Postgres(u) => Box::new(PgBackend::open(u, false)?),
        };
        Ok(Store { backend, pending: Vec::new(), read_only: false })
    }

    /// Opens an existing store for reading only: no migration, writes refused.
    pub fn open_read_only(url: &str) -> Result<Store, StoreError> {
        let backend: Box<dyn Backend> = match target(url)? {
            Target::Sqlite(path) => Box::new(SqliteBackend::open(path, true)?),
            Target::Postgres(u) => Box::new(PgBackend::open(u, true)?),
        };
        Ok(Store { backend, pending: Vec::new(), read_only: true })
    }

    /// Buffers a document (with its full normalised text) and its events until [`Store::commit`].
    ///
    /// Writing a document again replaces it and all its events, so re-running a document leaves one copy. The
    /// second and later parts of a long text (`part.index > 0`) append their text and add their events instead.
    pub fn write(&mut self, document: &Document, events: &[Event]) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        self.pending.push(pending(document, events)?);
        Ok(())
    }

    /// Commits the buffered writes in one transaction; on error nothing of them is stored and the buffer is cleared.
    pub fn commit(&mut self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return Ok(());
        }
        self.backend.commit(&pending)
    }

    /// Starts a bulk load: with SQLite, a store that holds no events yet drops its date and country indexes (in
    /// date order, so every insert lands on a random page of each), and [`Store::sync`] or
    /// [`Store::finish_bulk_load`] builds them in one sorted pass, far cheaper than inserting a large load's rows
    /// into them one by one (see docs/store.md). Everything else is as usual: each commit is durable and readable
    /// at once, duplicates are found and replaced, and queries meanwhile give the same answers, some of them
    /// slower. A load cut short (crash, error) gets its indexes built when the store is next opened for writing.
    /// Returns whether indexes were deferred (false for a store with events, for PostgreSQL, or when already
    /// deferred).
    pub fn begin_bulk_load(&mut self) -> Result<bool, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        self.backend.begin_bulk_load()
    }

    /// Builds the indexes [`Store::begin_bulk_load`] deferred (nothing if none were). [`Store::sync`] does it too.
    pub fn finish_bulk_load(&mut self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        self.backend.finish_bulk_load()
    }

    /// Makes every commit so far durable against power loss, not only against a crash of the program: SQLite
    /// copies the WAL into the database file and syncs it (commits are otherwise durable at its automatic
    /// checkpoints, every 2 GB of WAL, and when the last connection closes; see docs/store.md). Buffered,
    /// uncommitted writes are not committed by it. Builds any indexes a bulk load deferred first, so a finished run
    /// leaves a complete store.
    pub fn sync(&mut self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        self.backend.finish_bulk_load()?;
        self.backend.sync()
    }

    /// Visits every stored document in the order first written, with its position in that order and its events
    /// (in the order written): what [`Store::write_fused`] counts its progress in.
    pub fn for_each_document(
        &mut self,
        visit: &mut dyn FnMut(i64, Document, Vec<Event>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.backend.for_each_document(visit)
    }

    /// The fused events kept by [`Store::write_fused`] (JSON records, the fusion crate's `FusedEvent`, ordered
    /// by id) and the position of the last document fused into them (0 before any fusion), so a later run can
    /// fuse only the documents written since and keep every fused id.
    pub fn fused(&mut self) -> Result<(Vec<String>, i64), StoreError> {
        self.backend.fused()
    }

    /// Adds or replaces fused events (each with its member events, which replace those kept for it) and records
    /// that documents up to position `through` (see [`Store::for_each_document`]) are fused, in one transaction.
    /// Buffered writes must be committed first.
    pub fn write_fused(&mut self, fused: &[FusedRecord], through: i64) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        if !self.pending.is_empty() {
            return Err(StoreError::InvalidRecord("commit the buffered documents before writing fused events".into()));
        }
        for f in fused {
            if f.id.is_empty() || serde_json::from_str::<serde_json::Value>(&f.json).map_or(true, |v| !v.is_object()) {
                return Err(StoreError::InvalidRecord(format!("fused event {:?}: not a JSON record with an id", f.id)));
            }
        }
        self.backend.write_fused(fused, through)
    }

    /// The JSON record of the fused event that holds this event (`None` when it has not been fused).
    pub fn fused_event_of(&mut self, event_id: &str) -> Result<Option<String>, StoreError> {
        self.backend.fused_event_of(event_id)
    }

    /// Documents buffered and not yet committed.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// One page of matching events and the number of all matches.
    pub fn query(&mut self, q: &EventQuery) -> Result<EventPage, StoreError> {
        let filters = q.validate()?;
        self.backend.page(&filters)
    }

    /// Event counts per time bucket for the same filters (by start date), oldest first: `("2024-02-26", 12)`.
    /// Undated events are not counted; limit and offset are ignored.
    pub fn histogram(&mut self, q: &EventQuery, bucket: Bucket) -> Result<Vec<(String, u64)>, StoreError> {
        let filters = q.validate()?;
        Ok(bucketize(self.backend.day_counts(&filters)?, bucket))
    }

    pub fn event(&mut self, id: &str) -> Result<Option<Event>, StoreError> {
        self.backend.event(id)
    }

    /// The document with its whole normalised text (parts joined by a blank line).
    pub fn document(&mut self, id: &str) -> Result<Option<Document>, StoreError> {
        self.backend.document(id)
    }

    /// Visits every event matching the query's filters (limit and offset ignored), in query order.
    pub(crate) fn for_each(
        &mut self,
        q: &EventQuery,
        visit: &mut dyn FnMut(Event, DocMeta) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let filters = q.validate()?;
        self.backend.for_each(&filters, visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend() {
        assert!(matches!(target("events.db"), Ok(Target::Sqlite("events.db"))));
        assert!(matches!(target("sqlite:/tmp/x.db"), Ok(Target::Sqlite("/tmp/x.db"))));
        assert!(matches!(target("postgres://u@h/db"), Ok(Target::Postgres(_))));
        assert!(matches!(target("mysql://h/db"), Err(StoreError::InvalidUrl(_))));
        assert!(matches!(target(""), Err(StoreError::InvalidUrl(_))));
    }
}
