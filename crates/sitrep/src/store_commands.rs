//! The store commands: `extract --db` and `demo --db` (code and keep), `query`, `export` and `store-bench`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use sitrep_ingest::{read_bytes, DocumentStream, ReadOptions};
use sitrep_model::{Document, Event};
use sitrep_store::{EventQuery, Format, Store};

use crate::cli::{DemoArgs, EmitArg, ExtractArgs, FormatArg};
use crate::extract::{inputs, read_options, Summary};
use crate::output::Sink;

/// Documents per transaction when coding into a store: large enough to amortise the commit, small enough that an
/// interrupted run loses little.
const COMMIT_EVERY: usize = 200;

/// The filters shared by `query` and `export`.
#[derive(Args, Debug, Default)]
pub struct FilterArgs {
    /// Events that may have happened on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Events that may have happened on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Bounding box west,south,east,north in degrees (west > east crosses the antimeridian).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// ISO 3166-1 alpha-3 country of the event's place.
    #[arg(long)]
    pub country: Option<String>,
    /// First-level subdivision of the event's place (case-insensitive).
    #[arg(long)]
    pub admin1: Option<String>,
    /// Actor or recipient code, name or text (case-insensitive exact match): SYRMIL, "Islamic State".
    #[arg(long)]
    pub actor: Option<String>,
    /// PLOVER event type (ASSAULT, PROTEST, …).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Words that must all occur in the evidence sentence or the document title.
    #[arg(long)]
    pub text: Option<String>,
    /// Lowest confidence (0–1).
    #[arg(long, value_name = "X")]
    pub min_confidence: Option<f64>,
    /// Also return events left out by default: negated, hypothetical (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "FLAGS")]
    pub include: Vec<String>,
    /// Page size (the store returns at most 1000).
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Matches to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

impl FilterArgs {
    pub fn to_query(&self) -> anyhow::Result<EventQuery> {
        let bbox = match &self.bbox {
            None => None,
            Some(b) => {
                let parts: Vec<&str> = b.split(',').map(str::trim).collect();
                let nums: Result<Vec<f64>, _> = parts.iter().map(|p| p.parse::<f64>()).collect();
                match nums {
                    Ok(v) if v.len() == 4 => Some([v[0], v[1], v[2], v[3]]),
                    _ => bail!("--bbox {b:?} must be four numbers west,south,east,north"),
                }
            }
        };
        let mut q = EventQuery {
            date_from: self.from.clone(),
            date_to: self.to.clone(),
            bbox,
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            actor: self.actor.clone(),
            event_type: self.event_type.clone(),
            text: self.text.clone(),
            min_confidence: self.min_confidence,
            limit: self.limit,
            offset: self.offset,
            ..EventQuery::default()
        };
        for flag in &self.include {
            match flag.trim() {
                "negated" => q.include_negated = true,
                "hypothetical" => q.include_hypothetical = true,
                other => bail!("--include {other:?}: use negated, hypothetical or both (comma-separated)"),
            }
        }
        Ok(q)
    }
}

#[derive(Args)]
pub struct QueryArgs {
    /// The store: a SQLite file path (or sqlite:PATH) or postgres://user@host/db.
    #[arg(long)]
    pub db: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// PLOVER-style JSON records, one per line.
    PloverJsonl,
    /// The flat columns of `extract --format csv`.
    Csv,
    /// GDELT 2.0 event-table columns, tab-separated.
    GdeltTsv,
    /// ACLED-style columns.
    AcledCsv,
    /// Apache Parquet.
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The store: a SQLite file path (or sqlite:PATH) or postgres://user@host/db.
    #[arg(long)]
    pub db: String,
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Output file (`-` for standard output).
    #[arg(long)]
    pub out: PathBuf,
    /// Filters; --limit and --offset are ignored (every match is exported).
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Args)]
pub struct StoreBenchArgs {
    /// The store to fill and query (a new SQLite file is best; postgres:// works too).
    #[arg(long)]
    pub db: String,
    /// Synthetic events to write.
    #[arg(long, default_value_t = 100_000)]
    pub events: usize,
    /// Seed of the synthetic corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Events per commit.
    #[arg(long, default_value_t = 10_000)]
    pub batch: usize,
    /// Runs of each query kind.
    #[arg(long, default_value_t = 50)]
    pub runs: usize,
    /// Only run the queries against what the store already holds.
    #[arg(long)]
    pub skip_write: bool,
    /// Write without a bulk load: every index kept up row by row, as in a store that already holds events.
    #[arg(long)]
    pub no_bulk_load: bool,
}

/// `sitrep extract --db URL`: codes every document and writes it with its events to the store. Prints only the
/// summary unless `--format` asks for the events too.
pub fn run_extract(args: &ExtractArgs, db: &str) -> anyhow::Result<ExitCode> {
    let options = read_options(args.input, &args.pub_date)?;
    let mut store = Store::open(db).with_context(|| format!("opening the store {db}"))?;
    let mut summary = Summary::default();
    let streams = inputs(&args.paths, &options, &mut summary);
    let stdout = io::stdout();
    let mut sink = args.format.map(|f| Sink::new(f, args.emit, stdout.lock()));
    code_into_store(streams, &mut store, sink.as_mut(), &mut summary)?;
    if let Some(s) = sink {
        finish_sink(s)?;
    }
    summary.report();
    eprintln!("sitrep: stored in {db}");
    Ok(summary.exit_code())
}

/// `sitrep demo --db PATH`: the demo, also written to the store.
pub fn run_demo(args: &DemoArgs, db: &str) -> anyhow::Result<ExitCode> {
    const EXAMPLES: &str = include_str!("../../../examples/articles.jsonl");
    let mut store = Store::open(db).with_context(|| format!("opening the store {db}"))?;
    let mut summary = Summary::default();
    let stream = read_bytes("examples/articles.jsonl", EXAMPLES.as_bytes().to_vec(), &ReadOptions::default());
    let stdout = io::stdout();
    let mut sink = Sink::new(args.format.unwrap_or(FormatArg::Table), EmitArg::Events, stdout.lock());
    code_into_store(vec![stream], &mut store, Some(&mut sink), &mut summary)?;
    finish_sink(sink)?;
    let fusion = crate::fuse_command::fuse_stored(&mut store)?;
    summary.report();
    eprintln!("sitrep: fused into {} event(s) across reports", fusion.total);
    eprintln!("sitrep: stored in {db}; try `sitrep query --db {db} --type ASSAULT` or `sitrep serve --db {db}`");
    Ok(summary.exit_code())
}

pub(crate) fn finish_sink<W: Write>(sink: Sink<W>) -> anyhow::Result<()> {
    match sink.finish() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing output"),
    }
}

pub(crate) fn code_into_store<W: Write>(
    streams: Vec<DocumentStream>,
    store: &mut Store,
    mut sink: Option<&mut Sink<W>>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let coder = crate::dictionaries::coder();
    // into a new store: the date-ordered indexes built once at the end (by `sync`), not row by row
    store.begin_bulk_load().context("starting a bulk load")?;
    for stream in streams {
        let mut sentence_offset = 0;
        for item in stream {
            let doc = match item {
                Ok(doc) => doc,
                Err(e) => {
                    eprintln!("sitrep: error: {e}");
                    summary.errors += 1;
                    continue;
                }
            };
            summary.warn(&doc);
            let first_part = doc.part.is_none_or(|p| p.index == 0);
            if first_part {
                sentence_offset = 0;
            }
            let coded = coder.code_part(&doc, sentence_offset);
            sentence_offset += coded.sentences;
            if let Some(s) = sink.as_deref_mut() {
                match s.write(&doc, &coded.events) {
                    // a closed pipe stops the printing, not the storing
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => sink = None,
                    other => other.context("writing output")?,
                }
            }
            if let Err(e) = store.write(&doc, &coded.events) {
                eprintln!("sitrep: error: {}: not stored: {e}", doc.id);
                summary.errors += 1;
                continue;
            }
            if first_part {
                summary.documents += 1;
            }
            summary.events += coded.events.len();
            if store.pending() >= COMMIT_EVERY {
                store.commit().context("committing to the store")?;
            }
        }
    }
    store.commit().context("committing to the store")?;
    // a finished run survives a power loss too, not only a crash (the WAL is otherwise synced at checkpoints)
    store.sync().context("syncing the store")
}

/// `sitrep query`: one page of matching events; the total goes to stderr.
pub fn run_query(args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let q = args.filters.to_query()?;
    let mut store = Store::open_read_only(&args.db).with_context(|| format!("opening the store {}", args.db))?;
    let page = store.query(&q)?;
    let stdout = io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() { FormatArg::Table } else { FormatArg::Jsonl });
    let mut sink = Sink::new(format, EmitArg::Events, stdout.lock());
    let result = print_events(&mut sink, &page.events, format).and_then(|()| sink.finish());
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        other => other.context("writing output")?,
    }
    eprintln!(
        "sitrep: {} matching event(s); showing {} from offset {}",
        page.total,
        page.events.len(),
        q.offset
    );
    Ok(ExitCode::SUCCESS)
}

/// Events to the sink; the table groups them under their document id, the other formats ignore the document.
fn print_events<W: Write>(sink: &mut Sink<W>, events: &[Event], format: FormatArg) -> io::Result<()> {
    if format != FormatArg::Table {
        return sink.write(&Document::from_text("", ""), events);
    }
    let mut start = 0;
    while start < events.len() {
        let doc_id = &events[start].doc_id;
        let end = events[start..].iter().position(|e| &e.doc_id != doc_id).map_or(events.len(), |n| start + n);
        sink.write(&Document::from_text(doc_id.clone(), ""), &events[start..end])?;
        start = end;
    }
    Ok(())
}

/// `sitrep export`: every matching event to a file in an exchange format.
pub fn run_export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let q = args.filters.to_query()?;
    let format = match args.format {
        ExportFormatArg::PloverJsonl => Format::PloverJsonl,
        ExportFormatArg::Csv => Format::Csv,
        ExportFormatArg::GdeltTsv => Format::GdeltTsv,
        ExportFormatArg::AcledCsv => Format::AcledCsv,
        ExportFormatArg::Parquet => Format::Parquet,
    };
    let mut store = Store::open_read_only(&args.db).with_context(|| format!("opening the store {}", args.db))?;
    let n = if args.out.as_os_str() == "-" {
        sitrep_store::export(&mut store, &q, format, io::BufWriter::new(io::stdout()))?
    } else {
        // Written beside the target and renamed, so a failed export leaves no half file under the asked name.
        let tmp = args.out.with_extension("partial");
        let file = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let n = sitrep_store::export(&mut store, &q, format, io::BufWriter::new(file));
        let n = match n {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e.into());
            }
        };
        std::fs::rename(&tmp, &args.out).with_context(|| format!("writing {}", args.out.display()))?;
        n
    };
    eprintln!("sitrep: exported {n} event(s) as {} to {}", format.name(), args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// `sitrep store-bench`: write rate of a synthetic corpus and latency of filtered queries (pages of 100).
pub fn run_store_bench(args: &StoreBenchArgs) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&args.db).with_context(|| format!("opening the store {}", args.db))?;
    let options = sitrep_store::bench::Options {
        events: if args.skip_write { 0 } else { args.events },
        seed: args.seed,
        batch: args.batch,
        runs: args.runs,
        bulk: !args.no_bulk_load,
    };
    sitrep_store::bench::run(&mut store, &options, &mut io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
