//! Partition files: the documents and events of one part of a distributed run (`sitrep ingest-part`, read back by
//! `sitrep load`), as two Parquet files that lose nothing.
//!
//! The events file has exactly the columns of `sitrep export --format parquet` (so Spark, DuckDB or pandas read both
//! alike); the documents file has flat filter columns plus the whole document as JSON. Both carry `record_json`, so
//! reading them back gives the same `Document` and `Event` values that were written. Events follow their documents'
//! order and each document row says how many events it has, which is how they are matched again: by position, not
//! by id, because the parts of a long text share one document id.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{StringBuilder, UInt64Builder};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use sitrep_model::{Document, Event};

use super::parquet_file::ParquetFile;
use super::{serde_name, Exporter};
use crate::record::DocMeta;
use crate::StoreError;

/// Documents per row group: a few MB of text, so reading one back stays small.
const BATCH: usize = 1024;

fn pq_err(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Export(format!("parquet: {e}"))
}

fn documents_schema() -> SchemaRef {
    let s = |name: &str, null: bool| Field::new(name, DataType::Utf8, null);
    let u = |name: &str, null: bool| Field::new(name, DataType::UInt64, null);
    Arc::new(Schema::new(vec![
        s("id", false),
        u("seq", false),
        s("title", true),
        s("url", true),
        s("publication_date", true),
        s("source", true),
        s("input", false),
        s("language", true),
        s("duplicate_of", true),
        u("part_index", true),
        u("text_chars", false),
        u("events", false),
        s("record_json", false),
    ]))
}

#[derive(Default)]
struct DocColumns {
    id: StringBuilder,
    seq: UInt64Builder,
    title: StringBuilder,
    url: StringBuilder,
    publication_date: StringBuilder,
    source: StringBuilder,
    input: StringBuilder,
    language: StringBuilder,
    duplicate_of: StringBuilder,
    part_index: UInt64Builder,
    text_chars: UInt64Builder,
    events: UInt64Builder,
    record_json: StringBuilder,
    rows: usize,
}

impl DocColumns {
    fn finish(&mut self) -> Vec<ArrayRef> {
        self.rows = 0;
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.seq.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.publication_date.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.input.finish()),
            Arc::new(self.language.finish()),
            Arc::new(self.duplicate_of.finish()),
            Arc::new(self.part_index.finish()),
            Arc::new(self.text_chars.finish()),
            Arc::new(self.events.finish()),
            Arc::new(self.record_json.finish()),
        ]
    }
}

/// Writes one partition: each document with its events, in order. Nothing is readable until [`finish`]
/// (Parquet's footer comes last), which is why callers write to temporary names and rename afterwards.
///
/// [`finish`]: RecordsWriter::finish
pub struct RecordsWriter<W: Write + Send> {
    documents: ArrowWriter<W>,
    events: ParquetFile<W>,
    schema: SchemaRef,
    cols: DocColumns,
    seq: u64,
}

impl<W: Write + Send> RecordsWriter<W> {
    /// `metadata` goes into the documents file's key-value metadata (what the partition was made from).
    pub fn new(documents: W, events: W, metadata: &BTreeMap<String, String>) -> Result<Self, StoreError> {
        let schema = documents_schema();
        let kv = metadata.iter().map(|(k, v)| KeyValue::new(k.clone(), v.clone())).collect();
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).set_key_value_metadata(Some(kv)).build();
        let documents = ArrowWriter::try_new(documents, schema.clone(), Some(props)).map_err(pq_err)?;
        Ok(RecordsWriter { documents, events: ParquetFile::new(events)?, schema, cols: DocColumns::default(), seq: 0 })
    }

    /// Appends a document and its events (the events must be the document's own).
    pub fn write(&mut self, doc: &Document, events: &[Event]) -> Result<(), StoreError> {
        if let Some(e) = events.iter().find(|e| e.doc_id != doc.id) {
            return Err(StoreError::InvalidRecord(format!("event {} belongs to {}, not to {}", e.id, e.doc_id, doc.id)));
        }
        let meta = DocMeta { title: doc.title.clone(), url: doc.url.clone(), source: doc.source.clone(), publication_date: doc.publication_date.clone() };
        for e in events {
            self.events.row(e, &meta)?;
        }
        let c = &mut self.cols;
        c.id.append_value(&doc.id);
        c.seq.append_value(self.seq);
        c.title.append_option(doc.title.as_deref());
        c.url.append_option(doc.url.as_deref());
        c.publication_date.append_option(doc.publication_date.as_deref());
        c.source.append_option(doc.source.as_deref());
        c.input.append_value(serde_name(&doc.input));
        c.language.append_option(doc.language.as_deref());
        c.duplicate_of.append_option(doc.duplicate_of.as_deref());
        c.part_index.append_option(doc.part.map(|p| p.index as u64));
        c.text_chars.append_value(doc.text.chars().count() as u64);
        c.events.append_value(events.len() as u64);
        c.record_json.append_value(serde_json::to_string(doc).map_err(|e| StoreError::Export(format!("json: {e}")))?);
        c.rows += 1;
        self.seq += 1;
        if c.rows >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), StoreError> {
        if self.cols.rows == 0 {
            return Ok(());
        }
        let batch = RecordBatch::try_new(self.schema.clone(), self.cols.finish()).map_err(|e| StoreError::Export(format!("parquet batch: {e}")))?;
        self.documents.write(&batch).map_err(pq_err)
    }

    /// Writes both footers and flushes. Returns the number of documents written.
    pub fn finish(mut self) -> Result<u64, StoreError> {
        self.flush_batch()?;
        self.events.finish()?;
        let mut out = self.documents.into_inner().map_err(pq_err)?;
        out.flush()?;
        Ok(self.seq)
    }
}

/// One partition read back: its metadata and each document with its events, in the order they were written.
pub struct PartitionRecords {
    pub metadata: BTreeMap<String, String>,
    pub documents: Vec<(Document, Vec<Event>)>,
}

fn corrupt(path: &Path, what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{}: {what}", path.display()))
}

fn reader(path: &Path) -> Result<ParquetRecordBatchReaderBuilder<File>, StoreError> {
    let file = File::open(path).map_err(|e| corrupt(path, format!("cannot open: {e}")))?;
    ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| corrupt(path, format!("not a Parquet file: {e}")))
}

/// The key-value metadata of a documents file, reading only its footer.
pub fn read_records_metadata(documents: &Path) -> Result<BTreeMap<String, String>, StoreError> {
    let builder = reader(documents)?;
    let kv = builder.metadata().file_metadata().key_value_metadata();
    Ok(kv.into_iter().flatten().filter_map(|kv| kv.value.clone().map(|v| (kv.key.clone(), v))).collect())
}

/// Every value of a string column, batch after batch.
fn string_column(path: &Path, batch: &RecordBatch, name: &str) -> Result<Vec<String>, StoreError> {
    let col = batch.column_by_name(name).ok_or_else(|| corrupt(path, format!("no column {name}")))?;
    let strings = col.as_any().downcast_ref::<StringArray>().ok_or_else(|| corrupt(path, format!("column {name} is not text")))?;
    if strings.null_count() > 0 {
        return Err(corrupt(path, format!("column {name} has nulls")));
    }
    Ok(strings.iter().map(|s| s.unwrap_or_default().to_string()).collect())
}

/// Reads a partition written by [`RecordsWriter`]: the documents file and its events file.
pub fn read_records(documents: &Path, events: &Path) -> Result<PartitionRecords, StoreError> {
    let metadata = read_records_metadata(documents)?;
    let mut docs: Vec<(Document, u64)> = Vec::new();
    for batch in reader(documents)?.build().map_err(pq_err)? {
        let batch = batch.map_err(|e| corrupt(documents, e))?;
        let json = string_column(documents, &batch, "record_json")?;
        let counts = batch
            .column_by_name("events")
            .and_then(|c| c.as_any().downcast_ref::<UInt64Array>())
            .ok_or_else(|| corrupt(documents, "no UInt64 column events"))?;
        for (i, text) in json.iter().enumerate() {
            let doc: Document = serde_json::from_str(text).map_err(|e| corrupt(documents, format!("row {}: {e}", docs.len())))?;
            docs.push((doc, counts.value(i)));
        }
    }
    let mut all_events = Vec::new();
    for batch in reader(events)?.build().map_err(pq_err)? {
        let batch = batch.map_err(|e| corrupt(events, e))?;
        for text in string_column(events, &batch, "record_json")? {
            let event: Event = serde_json::from_str(&text).map_err(|e| corrupt(events, format!("row {}: {e}", all_events.len())))?;
            all_events.push(event);
        }
    }
    let expected: u64 = docs.iter().map(|(_, n)| n).sum();
    if expected != all_events.len() as u64 {
        return Err(corrupt(events, format!("{} events, but the documents file counts {expected}", all_events.len())));
    }
    let mut rest = all_events.into_iter();
    let mut out = Vec::with_capacity(docs.len());
    for (doc, n) in docs {
        let evs: Vec<Event> = rest.by_ref().take(n as usize).collect();
        if let Some(e) = evs.iter().find(|e| e.doc_id != doc.id) {
            return Err(corrupt(events, format!("event {} is in the place of an event of {}", e.id, doc.id)));
        }
        out.push((doc, evs));
    }
    Ok(PartitionRecords { metadata, documents: out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Part;

    /// A long text in two parts (one id, events in each), then a near-duplicate with no events.
    fn sample() -> Vec<(Document, Vec<Event>)> {
        let (doc, events) = crate::synthetic::corpus(50, 11).find(|(_, e)| e.len() >= 2).expect("a document with two events");
        let mut a = doc.clone();
        a.part = Some(Part { index: 0, char_offset: 0 });
        a.language = Some("eng".into());
        let mut b = a.clone();
        b.text = "Second part.".into();
        b.part = Some(Part { index: 1, char_offset: a.text.chars().count() + 2 });
        let mut dup = Document::from_text("copy", "First part again.");
        dup.duplicate_of = Some(a.id.clone());
        vec![(a, vec![events[0].clone()]), (b, vec![events[1].clone()]), (dup, vec![])]
    }

    #[test]
    fn a_partition_reads_back_as_written_with_its_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let (dp, ep) = (dir.path().join("d.parquet"), dir.path().join("e.parquet"));
        let meta: BTreeMap<String, String> = [("sitrep.partition".to_string(), "{\"inputs\":[\"a\"]}".to_string())].into();
        let (df, ef) = (File::create(&dp).unwrap(), File::create(&ep).unwrap());
        let mut w = RecordsWriter::new(&df, &ef, &meta).unwrap();
        for (d, e) in sample() {
            w.write(&d, &e).unwrap();
        }
        assert_eq!(w.finish().unwrap(), 3);
        let back = read_records(&dp, &ep).unwrap();
        assert_eq!(back.metadata.get("sitrep.partition"), meta.get("sitrep.partition"));
        assert_eq!(back.documents, sample());
    }

    #[test]
    fn an_event_of_another_document_is_refused_and_a_short_events_file_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let (dp, ep) = (dir.path().join("d.parquet"), dir.path().join("e.parquet"));
        let (df, ef) = (File::create(&dp).unwrap(), File::create(&ep).unwrap());
        let mut w = RecordsWriter::new(&df, &ef, &BTreeMap::new()).unwrap();
        let s = sample();
        assert!(matches!(w.write(&s[2].0, &s[0].1), Err(StoreError::InvalidRecord(_))));
        w.write(&s[0].0, &s[0].1).unwrap();
        w.finish().unwrap();
        // an events file from another partition (here: an empty one) does not match the document counts
        let (df2, ef2) = (File::create(dir.path().join("d2.parquet")).unwrap(), File::create(dir.path().join("e2.parquet")).unwrap());
        RecordsWriter::new(&df2, &ef2, &BTreeMap::new()).unwrap().finish().unwrap();
        let err = read_records(&dp, &dir.path().join("e2.parquet")).err().expect("mismatch found");
        assert!(matches!(err, StoreError::Corrupt(ref m) if m.contains("counts 1")), "{err}");
    }
}
