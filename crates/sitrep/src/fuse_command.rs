//! `sitrep fuse`: code the inputs like `extract`, fuse their events across sentences and articles, and print one
//! fused event per line (see docs/fusion.md). With `--db`, fuse what a store holds instead, incrementally: the
//! documents written since the last fusion join the fused events kept there, under the same ids.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use sitrep_fusion::{FusedEvent, Fuser};
use sitrep_model::{Document, Event};
use sitrep_store::{FusedRecord, Store};

use crate::cli::InputArg;
use crate::extract::{for_each_coded, inputs, read_options, Summary};

#[derive(Args)]
pub struct FuseArgs {
    /// Files or directories to read (text, HTML, JSONL); none or `-` reads standard input. Documents are fused in
    /// the order read, so the same inputs give the same fused ids.
    pub paths: Vec<PathBuf>,
    /// Input type (detected from content when not given).
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub pub_date: Option<String>,
    /// Print fused events reported by at least this many documents.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_documents: usize,
    /// Fuse the events kept in this store (an SQLite path or a postgres:// URL) instead of reading inputs: the
    /// documents written since the last `fuse --db` join the fused events kept there (same ids), and the new and
    /// changed fused events are kept in the store and printed.
    #[arg(long, value_name = "URL", conflicts_with_all = ["paths", "input", "pub_date"])]
    pub db: Option<String>,
}

pub fn run(args: &FuseArgs) -> anyhow::Result<ExitCode> {
    if let Some(url) = &args.db {
        return fuse_store(url, args.min_documents);
    }
    let options = read_options(args.input, &args.pub_date)?;
    let mut summary = Summary::default();
    let streams = inputs(&args.paths, &options, &mut summary);
    let mut fuser = Fuser::new();
    for_each_coded(streams, &mut summary, |doc, events| {
        fuser.add(doc, events);
        Ok(())
    })?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut shown = 0usize;
    for fused in fuser.fused_events().filter(|f| f.documents().len() >= args.min_documents) {
        match writeln!(out, "{}", serde_json::to_string(fused)?) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            other => other.context("writing output")?,
        }
        shown += 1;
    }
    out.flush().context("writing output")?;
    summary.report();
    eprintln!("sitrep: {} fused event(s), {shown} shown", fuser.len());
    Ok(summary.exit_code())
}

/// What one incremental fusion of a store did.
pub struct StoreFusion {
    /// The fused events that are new or gained reports, with their JSON records, by id.
    pub changed: Vec<(FusedEvent, String)>,
    /// Documents fused in this run.
    pub documents: usize,
    /// Fused events new in this run.
    pub new: usize,
    /// Fused events the store keeps now.
    pub total: usize,
}

/// Resumes the fused events kept in the store with the documents fused into them, fuses the documents written
/// since (in the order first written), and keeps the fused events that are new or gained reports.
pub fn fuse_stored(store: &mut Store) -> anyhow::Result<StoreFusion> {
    let (kept, through) = store.fused().context("reading the kept fused events")?;
    let kept: Vec<FusedEvent> = kept
        .iter()
        .map(|json| serde_json::from_str(json))
        .collect::<Result<_, _>>()
        .context("reading the kept fused events (written by another sitrep version?)")?;
    let kept_count = kept.len();
    // the documents fused before, for the word weights of text similarity and the member events
    let mut earlier: Vec<Document> = Vec::new();
    let mut members: HashMap<String, Event> = HashMap::new();
    store.for_each_document(&mut |position, doc, events| {
        if position <= through {
            members.extend(events.into_iter().map(|e| (e.id.clone(), e)));
            earlier.push(doc);
        }
        Ok(())
    })?;
    let mut fuser = Fuser::new();
    fuser.resume(kept, &members, &earlier);
    drop((earlier, members));
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let (mut documents, mut last) = (0usize, through);
    store.for_each_document(&mut |position, doc, events| {
        if position > through {
            touched.extend(fuser.add(&doc, &events));
            documents += 1;
            last = last.max(position);
        }
        Ok(())
    })?;
    let changed = touched
        .iter()
        .filter_map(|id| fuser.get(id))
        .map(|f| Ok((f.clone(), serde_json::to_string(f)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let records: Vec<FusedRecord> = changed
        .iter()
        .map(|(f, json)| FusedRecord {
            id: f.id.clone(),
            json: json.clone(),
            events: f.reports.iter().map(|r| r.event_id.clone()).collect(),
        })
        .collect();
    store.write_fused(&records, last).context("keeping the fused events")?;
    Ok(StoreFusion { changed, documents, new: fuser.len() - kept_count, total: fuser.len() })
}

/// `sitrep fuse --db`: fuses the store and prints the new and changed fused events.
fn fuse_store(url: &str, min_documents: usize) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(url).with_context(|| format!("opening the store {url}"))?;
    let run = fuse_stored(&mut store)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (fused, json) in &run.changed {
        if fused.documents().len() >= min_documents {
            match writeln!(out, "{json}") {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                other => other.context("writing output")?,
            }
        }
    }
    out.flush().context("writing output")?;
    eprintln!(
        "sitrep: {} new document(s) fused; {} fused event(s) new or changed ({} new); the store keeps {}",
        run.documents,
        run.changed.len(),
        run.new,
        run.total
    );
    Ok(ExitCode::SUCCESS)
}
