//! The store: keeps documents and their events across runs, answers filtered queries and exports the results.
//!
//! Two backends behind one type: an embedded SQLite file (WAL, FTS5 full-text search, versioned migrations) for a
//! single machine, and PostgreSQL (jsonb records, tsvector search) for a shared server. Both give the same answers for
//! the same data. Writes are buffered by [`Store::write`] and land in one transaction at [`Store::commit`]; writing a
//! document again replaces it and its events (idempotent upserts by id). [`EventQuery`] filters by date range,
//! bounding box, country, admin1, actor, PLOVER type, evidence text and confidence; user input is always bound as a
//! parameter and checked first, so a bad filter is a [`StoreError::InvalidQuery`], never a changed database.
//! [`export()`] writes the events of a query as PLOVER-style JSONL, CSV, GDELT-style TSV, ACLED-style CSV or Parquet.
//!
//! ```
//! use sitrep_store::{EventQuery, Store};
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(dir.path().join("events.db").to_str().unwrap()).unwrap();
//! let doc = sitrep_model::Document::from_text("d1", "Rebels attacked Kusham on Monday.");
//! store.write(&doc, &[]).unwrap();
//! store.commit().unwrap();
//! assert_eq!(store.document("d1").unwrap().unwrap().text, doc.text);
//! let page = store.query(&EventQuery { country: Some("SOM".into()), ..EventQuery::default() }).unwrap();
//! assert_eq!(page.total, 0);
//! ```

mod export;
mod postgres;
mod query;
mod record;
mod sqlite;
mod store;
pub mod bench;
pub mod synthetic;

pub use export::{export, flat_csv_row, read_records, read_records_metadata, Format, PartitionRecords, RecordsWriter, FLAT_CSV_HEADER};
pub use query::{Bucket, EventQuery, EventPage};
pub use store::{FusedRecord, Store, StoreError};
