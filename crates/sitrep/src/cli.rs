//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "sitrep", version, about = "Turn news reports into structured, checkable event data")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Code articles (text, HTML or JSONL; files, directories or `-` for stdin) into event records.
    Extract(ExtractArgs),
    /// Code many inputs (text, HTML, JSONL, WARC, RSS/Atom; files, directories, globs) on all cores, skipping
    /// non-English articles and near-duplicates, resumable after a kill.
    Ingest(crate::ingest_command::IngestArgs),
    /// One task of a distributed run: ingest these inputs into Parquet files named after them (see
    /// docs/scale-out.md).
    IngestPart(crate::partition::IngestPartArgs),
    /// Load the Parquet partitions of a distributed run into a store (or JSONL), linking near-duplicates across
    /// partitions.
    Load(crate::partition::LoadArgs),
    /// Generate a benchmark corpus, or measure speed against trafilatura and spaCy.
    Bench(crate::bench::BenchArgs),
    /// Run the bundled example articles, show their events and keep them in ./sitrep-demo.sqlite for `serve`.
    Demo(DemoArgs),
    /// One page of events from a store, filtered by date, place, actor, type, text and confidence.
    Query(crate::store_commands::QueryArgs),
    /// Write a store's events (filtered) as PLOVER JSONL, CSV, GDELT TSV, ACLED CSV or Parquet.
    Export(crate::store_commands::ExportArgs),
    /// Measure a store: write rate of synthetic events and latency of filtered queries.
    StoreBench(crate::store_commands::StoreBenchArgs),
    /// Serve the read-only JSON API and the web page (map, timeline, table, evidence) over a store.
    Serve(crate::serve_command::ServeArgs),
    /// Score sitrep on a gold set in the records.jsonl format of ../shared/data (or the MEANTIME folder).
    Eval(EvalArgs),
    /// Code the inputs and fuse their events across sentences and articles: one record per real-world event, every report linked, disagreements kept
    Fuse(crate::fuse_command::FuseArgs),
    /// List the time expressions of each document (TIMEX3 type and value), one JSON object per document.
    Timex(InspectArgs),
    /// List the places of each document with coordinates and GeoNames ids, one JSON object per document.
    Geocode(InspectArgs),
    /// Train the tagger or the parser on a UD treebank (deterministic for a seed).
    Train(crate::nlp_commands::TrainArgs),
    /// Tag and parse: plain text (or CoNLL-U with --input conllu) in, CoNLL-U out.
    Parse(crate::nlp_commands::ParseArgs),
    /// Score the tagger, lemmatizer and parser on gold CoNLL-U files (gold tokenization).
    NlpEval(crate::nlp_commands::NlpEvalArgs),
    /// Measure tag+parse speed (tokens/s, one thread) on a plain-text file.
    NlpBench(crate::nlp_commands::NlpBenchArgs),
    /// Measure the gazetteer: load time, name look-ups/s and place recognition speed.
    GeoBench(crate::geo_bench::GeoBenchArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    Text,
    Html,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One JSON event per line (default when stdout is not a terminal).
    Jsonl,
    /// A pretty-printed JSON array.
    Json,
    /// Flat columns, one event per row.
    Csv,
    /// Each event with its evidence sentence (default on a terminal).
    Table,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EmitArg {
    Events,
    /// One JSON object per document: id, normalised text, metadata and its events.
    Documents,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or directories to read; none or `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Input type (detected from content when not given).
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none; relative dates resolve against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub pub_date: Option<String>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// What to print.
    #[arg(long, value_enum, default_value = "events")]
    pub emit: EmitArg,
    /// Also store documents and events here (a SQLite path or postgres://…); prints only the summary unless
    /// --format is given.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// PETRARCH-format dictionaries (*actors*.txt, *agents*.txt, *verbs*.txt / CAMEO*.txt) added on top of the
    /// built-in lexicon; their entries win.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Also emit events the text denies or only supposes, flagged in `modality` (left out by default).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "negated,hypothetical")]
    pub include: Vec<IncludeArg>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IncludeArg {
    /// "would not engage", "denied attacking", "no clashes".
    Negated,
    /// "if talks fail, X could strike", "may attack".
    Hypothetical,
}

impl IncludeArg {
    /// The coder's setting for a list of these.
    pub fn to_include(list: &[IncludeArg]) -> sitrep_coder::Include {
        sitrep_coder::Include { negated: list.contains(&IncludeArg::Negated), hypothetical: list.contains(&IncludeArg::Hypothetical) }
    }
}

#[derive(Args)]
pub struct InspectArgs {
    /// Files or directories to read; none or `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Input type (detected from content when not given).
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,
    /// Reference date (YYYY-MM-DD) for inputs that carry no publication date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub pub_date: Option<String>,
}

#[derive(Args)]
pub struct DemoArgs {
    /// Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Store the documents and events here (a SQLite path or postgres://…) instead of ./sitrep-demo.sqlite.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// Only show the events; keep no store (by default they go to ./sitrep-demo.sqlite, for `sitrep serve`).
    #[arg(long, conflicts_with = "db")]
    pub no_db: bool,
}

#[derive(Args)]
pub struct EvalArgs {
    /// Gold records (e.g. ../shared/data/ucdp-ged/records.jsonl).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// PETRARCH-format dictionaries added on top of the built-in lexicon for the sets scored through the coder
    /// (petrarch2-unittests otherwise loads the PETR.Validate.* files beside its records).
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
}
