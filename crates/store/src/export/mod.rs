//! Writing the events of a query in formats other tools read. One file per format; each maps the event record onto
//! that format's columns as documented in docs/store.md (fields the record cannot fill stay empty).

mod acled;
mod csv_flat;

pub use csv_flat::{row as flat_csv_row, HEADER as FLAT_CSV_HEADER};
mod gdelt;
mod parquet_file;
mod plover;
mod records;

pub use records::{read_records, read_records_metadata, PartitionRecords, RecordsWriter};

use std::io::Write;

use sitrep_model::Event;

use crate::record::DocMeta;
use crate::{EventQuery, Store, StoreError};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One PLOVER-style JSON object per line.
    PloverJsonl,
    /// The flat columns of `sitrep extract --format csv`.
    Csv,
    /// GDELT 2.0 event-table columns, tab-separated, with a header line.
    GdeltTsv,
    /// ACLED-style columns.
    AcledCsv,
    /// Apache Parquet, one row per event (snappy-compressed).
    Parquet,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::PloverJsonl, Format::Csv, Format::GdeltTsv, Format::AcledCsv, Format::Parquet];

    pub fn name(&self) -> &'static str {
        match self {
            Format::PloverJsonl => "plover-jsonl",
            Format::Csv => "csv",
            Format::GdeltTsv => "gdelt-tsv",
            Format::AcledCsv => "acled-csv",
            Format::Parquet => "parquet",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One format's writer: rows in query order, then `finish` (which writes footers and flushes).
trait Exporter: Sized {
    fn row(&mut self, event: &Event, doc: &DocMeta) -> Result<(), StoreError>;
    fn finish(self) -> Result<(), StoreError>;
}

/// Writes every event matching `query`'s filters (its limit and offset are ignored), in query order, to `out`.
/// Returns the number of events written.
pub fn export<W: Write + Send>(store: &mut Store, query: &EventQuery, format: Format, out: W) -> Result<u64, StoreError> {
    match format {
        Format::PloverJsonl => run(store, query, plover::PloverJsonl::new(out)),
        Format::Csv => run(store, query, csv_flat::FlatCsv::new(out)?),
        Format::GdeltTsv => run(store, query, gdelt::GdeltTsv::new(out)?),
        Format::AcledCsv => run(store, query, acled::AcledCsv::new(out)?),
        Format::Parquet => run(store, query, parquet_file::ParquetFile::new(out)?),
    }
}

fn run(store: &mut Store, query: &EventQuery, mut writer: impl Exporter) -> Result<u64, StoreError> {
    let mut n = 0u64;
    store.for_each(query, &mut |event, doc| {
        n += 1;
        writer.row(&event, &doc)
    })?;
    writer.finish()?;
    Ok(n)
}

fn csv_err(e: csv::Error) -> StoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => StoreError::Io(io),
        other => StoreError::Export(format!("{other:?}")),
    }
}

/// The lower-case name serde gives an enum value ("day", "town").
fn serde_name(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}
