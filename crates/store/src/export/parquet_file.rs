//! Parquet: one row per event with typed columns for analysis tools (pandas, DuckDB, Spark), and the whole record
//! as JSON in `record_json`. Rows are buffered and written in row groups of [`BATCH`].

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float32Builder, Float64Builder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use sitrep_model::{Count, Event};

use super::{serde_name, Exporter};
use crate::record::DocMeta;
use crate::StoreError;

const BATCH: usize = 8192;

fn pq_err(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Export(format!("parquet: {e}"))
}

pub(crate) fn schema() -> SchemaRef {
    let s = |name: &str, null: bool| Field::new(name, DataType::Utf8, null);
    let u = |name: &str| Field::new(name, DataType::UInt64, true);
    Arc::new(Schema::new(vec![
        s("id", false),
        s("doc_id", false),
        s("event_type", false),
        s("mode", true),
        s("cameo", true),
        s("date_start", true),
        s("date_end", true),
        s("date_precision", false),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        s("country", true),
        s("admin1", true),
        s("location", true),
        s("actors", false),
        s("recipients", false),
        u("killed"),
        u("injured"),
        u("arrested"),
        Field::new("negated", DataType::Boolean, false),
        Field::new("hypothetical", DataType::Boolean, false),
        Field::new("confidence", DataType::Float32, false),
        s("evidence", false),
        s("url", true),
        s("record_json", false),
    ]))
}

#[derive(Default)]
struct Columns {
    id: StringBuilder,
    doc_id: StringBuilder,
    event_type: StringBuilder,
    mode: StringBuilder,
    cameo: StringBuilder,
    date_start: StringBuilder,
    date_end: StringBuilder,
    date_precision: StringBuilder,
    lat: Float64Builder,
    lon: Float64Builder,
    country: StringBuilder,
    admin1: StringBuilder,
    location: StringBuilder,
    actors: StringBuilder,
    recipients: StringBuilder,
    killed: UInt64Builder,
    injured: UInt64Builder,
    arrested: UInt64Builder,
    negated: BooleanBuilder,
    hypothetical: BooleanBuilder,
    confidence: Float32Builder,
    evidence: StringBuilder,
    url: StringBuilder,
    record_json: StringBuilder,
    rows: usize,
}

impl Columns {
    fn finish(&mut self) -> Vec<ArrayRef> {
        self.rows = 0;
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.doc_id.finish()),
            Arc::new(self.event_type.finish()),
            Arc::new(self.mode.finish()),
            Arc::new(self.cameo.finish()),
            Arc::new(self.date_start.finish()),
            Arc::new(self.date_end.finish()),
            Arc::new(self.date_precision.finish()),
            Arc::new(self.lat.finish()),
            Arc::new(self.lon.finish()),
            Arc::new(self.country.finish()),
            Arc::new(self.admin1.finish()),
            Arc::new(self.location.finish()),
            Arc::new(self.actors.finish()),
            Arc::new(self.recipients.finish()),
            Arc::new(self.killed.finish()),
            Arc::new(self.injured.finish()),
            Arc::new(self.arrested.finish()),
            Arc::new(self.negated.finish()),
            Arc::new(self.hypothetical.finish()),
            Arc::new(self.confidence.finish()),
            Arc::new(self.evidence.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.record_json.finish()),
        ]
    }
}

pub(super) struct ParquetFile<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    cols: Columns,
}

impl<W: Write + Send> ParquetFile<W> {
    pub fn new(out: W) -> Result<Self, StoreError> {
        let schema = schema();
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(pq_err)?;
        Ok(ParquetFile { writer, schema, cols: Columns::default() })
    }

    fn flush_batch(&mut self) -> Result<(), StoreError> {
        if self.cols.rows == 0 {
            return Ok(());
        }
        let batch = RecordBatch::try_new(self.schema.clone(), self.cols.finish())
            .map_err(|e| StoreError::Export(format!("parquet batch: {e}")))?;
        self.writer.write(&batch).map_err(pq_err)
    }
}

fn best(c: &Option<Count>) -> Option<u64> {
    c.as_ref().and_then(|c| c.primary.best)
}

impl<W: Write + Send> Exporter for ParquetFile<W> {
    fn row(&mut self, e: &Event, doc: &DocMeta) -> Result<(), StoreError> {
        let c = &mut self.cols;
        let loc = e.location.as_ref();
        c.id.append_value(&e.id);
        c.doc_id.append_value(&e.doc_id);
        c.event_type.append_value(e.event_type.as_str());
        c.mode.append_option(e.mode.as_deref());
        c.cameo.append_option(e.cameo.as_deref());
        c.date_start.append_option(e.date.start.as_deref());
        c.date_end.append_option(e.date.end.as_deref());
        c.date_precision.append_value(serde_name(&e.date.precision));
        c.lat.append_option(loc.and_then(|l| l.lat));
        c.lon.append_option(loc.and_then(|l| l.lon));
        c.country.append_option(loc.and_then(|l| l.country.as_deref()));
        c.admin1.append_option(loc.and_then(|l| l.admin1.as_deref()));
        c.location.append_option(loc.map(|l| l.name.as_str()));
        c.actors.append_value(json(&e.actors)?);
        c.recipients.append_value(json(&e.recipients)?);
        c.killed.append_option(best(&e.casualties.killed));
        c.injured.append_option(best(&e.casualties.injured));
        c.arrested.append_option(best(&e.casualties.arrested));
        c.negated.append_value(e.modality.negated);
        c.hypothetical.append_value(e.modality.hypothetical);
        c.confidence.append_value(e.confidence);
        c.evidence.append_value(&e.evidence);
        c.url.append_option(doc.url.as_deref());
        c.record_json.append_value(json(e)?);
        c.rows += 1;
        if c.rows >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), StoreError> {
        self.flush_batch()?;
        let mut out = self.writer.into_inner().map_err(pq_err)?;
        out.flush()?;
        Ok(())
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Export(format!("json: {e}")))
}
