//! `sitrep ingest`: code many inputs (text, HTML, JSONL, WARC, feeds; files, directories, globs) over all cores,
//! leaving out non-English articles and near-duplicates, in committed batches that a killed run resumes from.
//!
//! Each batch goes through four steps: read (a reader thread, in input order, bounded channel) → prepare in
//! parallel (HTML extraction, language, MinHash signature) → decide in input order (language skip, near-duplicate
//! of an earlier document) → code in parallel → write in input order, fsync, checkpoint. Decisions and writes
//! happen in input order, so the output is the same byte for byte whatever the thread count, and the batch
//! boundary is where a resumed run picks up.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::Args;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sitrep_coder::Coder;
use sitrep_ingest::{
    identify_language, read_path_entries, Checkpoint, Entry, IngestError, Language, NearDuplicateIndex, ReadOptions,
    Signature, TrackedFile,
};
use sitrep_model::{Document, DocumentRecord, Event};

use crate::cli::EmitArg;

#[derive(Args)]
pub struct IngestArgs {
    /// Files, directories (read recursively) or glob patterns (`'crawl/*.warc.gz'`).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Write JSONL here instead of standard output; needed for checkpoints.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// What to write: events, or one object per document (with its language and `duplicate_of`).
    #[arg(long, value_enum, default_value = "events")]
    pub emit: EmitArg,
    /// Also write documents and events to this store (a SQLite path or postgres:// URL).
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Keep input order in the output. Always on: batches are written in input order, so the output is the same
    /// byte for byte at any thread count; the flag is accepted so scripts can say so.
    #[arg(long)]
    pub deterministic: bool,
    /// Checkpoint file (default: `<out>.checkpoint`).
    #[arg(long)]
    pub checkpoint: Option<PathBuf>,
    /// Continue a run from its checkpoint (starts afresh when there is none yet).
    #[arg(long)]
    pub resume: bool,
    /// Where to log skipped documents and near-duplicates as JSONL (default: `<out>.skipped.jsonl`).
    #[arg(long)]
    pub skipped: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub pub_date: Option<String>,
    /// Code documents in every language (by default only English, and texts too short to tell, are coded).
    #[arg(long)]
    pub all_languages: bool,
    /// Code near-duplicates too instead of linking them to the first copy.
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Documents per committed batch.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Also emit events the text denies or only supposes, flagged in `modality` (left out by default).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "negated,hypothetical")]
    pub include: Vec<crate::cli::IncludeArg>,
}

/// Counters kept across resumed runs.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
pub struct IngestCounts {
    pub documents: u64,
    pub events: u64,
    pub duplicates: u64,
    pub skipped_language: BTreeMap<String, u64>,
    pub skipped_payload: BTreeMap<String, u64>,
    pub errors: u64,
    pub warnings: u64,
}

/// The document being read in parts when a batch ended.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct OpenDocument {
    id: String,
    action: Action,
    sentence_offset: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
enum Action {
    Code,
    SkipLanguage,
    Duplicate,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RunState {
    counts: IngestCounts,
    open: Option<OpenDocument>,
}

struct Unit {
    file_index: usize,
    entry_index: usize,
    item: Result<Entry, IngestError>,
}

enum Prepared {
    Doc { doc: Document, lang: Option<Language>, sig: Option<Signature> },
    Skip { id: String, reason: String },
    Error(IngestError),
}

/// A decided document: what to do with it and, for the coding step, its sentence offset when it continues a
/// document read in parts.
struct Decided {
    doc: Document,
    action: Action,
}

pub fn run(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let options = crate::extract::read_options(None, &args.pub_date)?;
    let mut counts = IngestCounts::default();
    let files = expand_inputs(&args.paths, &mut counts.errors);
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().context("starting worker threads")?;
    let batch = args.batch.max(1);

    let checkpoint_path = match (&args.checkpoint, &args.out) {
        (Some(c), Some(_)) => Some(c.clone()),
        (None, Some(out)) => Some(with_suffix(out, ".checkpoint")),
        (Some(_), None) => bail!("--checkpoint needs --out (standard output cannot be cut back on resume)"),
        (None, None) if args.resume => bail!("--resume needs --out"),
        (None, None) => None,
    };
    let skipped_path = args.skipped.clone().or_else(|| args.out.as_ref().map(|o| with_suffix(o, ".skipped.jsonl")));
    let sigs_path = checkpoint_path.as_ref().map(|c| with_suffix(c, ".sigs"));
    let fingerprint = serde_json::json!({
        "inputs": files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
        "emit": matches!(args.emit, EmitArg::Documents),
        "pub_date": args.pub_date, "all_languages": args.all_languages, "keep_duplicates": args.keep_duplicates,
        "version": sitrep_model::SITREP_VERSION,
    })
    .to_string();

    // where to start, and what earlier runs did
    let mut index = NearDuplicateIndex::default();
    let mut state = RunState::default();
    let mut start = (0usize, 0usize);
    let resumed = match (&checkpoint_path, args.resume) {
        (Some(cp), true) => Checkpoint::load(cp)?,
        _ => None,
    };
    if let Some(cp) = &resumed {
        if cp.fingerprint != fingerprint {
            bail!("{}: the checkpoint was made for other inputs or options; run without --resume to start afresh", checkpoint_path.as_ref().map_or(String::new(), |p| p.display().to_string()));
        }
        cp.restore_outputs()?;
        // input errors found while expanding paths were counted by the run that made the checkpoint
        state = serde_json::from_value(cp.state.clone()).context("reading the checkpoint's state")?;
        start = (cp.file_index, cp.entry_index);
        if let Some(sigs) = &sigs_path {
            replay_signatures(sigs, &mut index)?;
        }
        if cp.finished {
            eprintln!("sitrep ingest: the checkpointed run had finished; nothing to do");
            report(&state.counts);
            return Ok(exit_code(&state.counts));
        }
    } else {
        state.counts = counts;
    }
    let fresh = resumed.is_none();
    let open_out = |path: &Path| -> anyhow::Result<File> {
        let mut o = OpenOptions::new();
        if fresh { o.write(true).create(true).truncate(true) } else { o.append(true).create(true) };
        o.open(path).with_context(|| format!("opening {}", path.display()))
    };
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(open_out(p)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut skipped_out = skipped_path.as_ref().map(|p| open_out(p)).transpose()?;
    let mut sigs_out = sigs_path.as_ref().map(|p| open_out(p)).transpose()?;
    let mut store = open_store(args.db.as_deref())?;

    let progress = Progress::new(files.len(), state.counts.documents);
    let rx = spawn_reader(files.clone(), start, options.clone(), batch * 2);
    let coder = crate::dictionaries::coder();
    let mut position = start;
    loop {
        let units = next_batch(&rx, batch);
        if units.is_empty() {
            break;
        }
        if let Some(last) = units.last() {
            position = (last.file_index, last.entry_index + 1);
        }
        let prepared: Vec<Prepared> = pool.install(|| units.into_par_iter().map(|u| prepare(u.item)).collect());
        let mut decided: Vec<Decided> = Vec::new();
        let mut skip_lines = Vec::new();
        let mut sig_bytes = Vec::new();
        for p in prepared {
            match p {
                Prepared::Error(e) => {
                    progress.println(&format!("sitrep: error: {e}"));
                    state.counts.errors += 1;
                }
                Prepared::Skip { id, reason } => {
                    *state.counts.skipped_payload.entry(reason.clone()).or_default() += 1;
                    skip_lines.push(serde_json::json!({"id": id, "reason": reason}));
                }
                Prepared::Doc { mut doc, lang, sig } => {
                    for w in &doc.warnings {
                        progress.println(&format!("sitrep: warning: {w}"));
                        state.counts.warnings += 1;
                    }
                    let continues = doc.part.is_some_and(|p| p.index > 0);
                    let action = match (&state.open, continues) {
                        (Some(open), true) if open.id == doc.id => open.action,
                        _ => {
                            doc.language = lang.map(|l| l.code.to_string());
                            if !args.all_languages && lang.is_some_and(|l| l.is_reliably_not_english()) {
                                let code = lang.map_or("?", |l| l.code).to_string();
                                *state.counts.skipped_language.entry(code.clone()).or_default() += 1;
                                skip_lines.push(serde_json::json!({"id": doc.id, "reason": "language", "language": code}));
                                Action::SkipLanguage
                            } else if let Some(sig) = sig.filter(|_| !args.keep_duplicates) {
                                match index.check_and_insert(&doc.id, sig.clone()) {
                                    Some(first) => {
                                        state.counts.duplicates += 1;
                                        skip_lines.push(serde_json::json!({"id": doc.id, "reason": "near-duplicate", "duplicate_of": first}));
                                        doc.duplicate_of = Some(first);
                                        Action::Duplicate
                                    }
                                    None => {
                                        log_signature(&mut sig_bytes, &doc.id, &sig);
                                        Action::Code
                                    }
                                }
                            } else {
                                Action::Code
                            }
                        }
                    };
                    if doc.part.is_none() {
                        state.open = None;
                    } else if !continues {
                        state.open = Some(OpenDocument { id: doc.id.clone(), action, sentence_offset: 0 });
                    }
                    decided.push(Decided { doc, action });
                }
            }
        }
        let open_offset = state.open.as_ref().map_or(0, |o| o.sentence_offset);
        let coded = code_batch(&pool, &coder, &decided, open_offset, args.emit)?;

        // write in input order, then make it durable, then checkpoint
        for (d, c) in decided.iter().zip(&coded) {
            match d.action {
                Action::Code => {
                    out.write_all(&c.bytes)?;
                    if d.doc.part.is_none_or(|p| p.index == 0) {
                        state.counts.documents += 1;
                    }
                    state.counts.events += c.events.len() as u64;
                }
                Action::Duplicate if matches!(args.emit, EmitArg::Documents) => {
                    let record = DocumentRecord { document: &d.doc, events: &[] };
                    writeln!(out, "{}", serde_json::to_string(&record)?)?;
                }
                _ => {}
            }
            if let Some(store) = store.as_mut() {
                if d.action != Action::SkipLanguage {
                    store.write(&d.doc, &c.events)?;
                }
            }
        }
        if let Some(last) = decided.last() {
            if let Some(open) = state.open.as_mut().filter(|o| o.id == last.doc.id && last.doc.part.is_some()) {
                open.sentence_offset = coded.last().map_or(0, |c| c.sentence_offset_after);
            }
        }
        if let Some(f) = skipped_out.as_mut() {
            for line in &skip_lines {
                writeln!(f, "{line}")?;
            }
        }
        if let Some(f) = sigs_out.as_mut() {
            f.write_all(&sig_bytes)?;
        }
        if let Some(store) = store.as_mut() {
            store.commit()?;
        }
        commit(&checkpoint_path, &fingerprint, position, &mut out, &args.out, &mut skipped_out, &skipped_path, &mut sigs_out, &sigs_path, &state, false)?;
        progress.update(position.0, state.counts.documents);
    }
    if let Some(store) = store.as_mut() {
        store.sync()?; // durable against power loss once the run has finished, not only at WAL checkpoints
    }
    commit(&checkpoint_path, &fingerprint, position, &mut out, &args.out, &mut skipped_out, &skipped_path, &mut sigs_out, &sigs_path, &state, true)?;
    progress.finish();
    report(&state.counts);
    Ok(exit_code(&state.counts))
}

/// Flushes and fsyncs every output, then saves the checkpoint with their lengths.
#[allow(clippy::too_many_arguments)]
fn commit(
    checkpoint: &Option<PathBuf>,
    fingerprint: &str,
    position: (usize, usize),
    out: &mut Box<dyn Write>,
    out_path: &Option<PathBuf>,
    skipped: &mut Option<File>,
    skipped_path: &Option<PathBuf>,
    sigs: &mut Option<File>,
    sigs_path: &Option<PathBuf>,
    state: &RunState,
    finished: bool,
) -> anyhow::Result<()> {
    out.flush()?;
    let Some(cp_path) = checkpoint else { return Ok(()) };
    let mut outputs = Vec::new();
    for (file, path) in [(None::<&mut File>, out_path), (skipped.as_mut(), skipped_path), (sigs.as_mut(), sigs_path)] {
        let Some(path) = path else { continue };
        if !std::fs::metadata(path)?.is_file() {
            // a device or pipe (`--out /dev/null`): nothing to sync, nothing to cut back on resume
            continue;
        }
        if let Some(f) = file {
            f.flush()?;
            f.sync_data()?;
        } else {
            // the main output is behind a `dyn Write`: sync it through a second handle on the same file
            File::options().append(true).open(path)?.sync_data()?;
        }
        outputs.push(TrackedFile { path: path.clone(), length: std::fs::metadata(path)?.len() });
    }
    let cp = Checkpoint {
        fingerprint: fingerprint.to_string(),
        file_index: position.0,
        entry_index: position.1,
        outputs,
        state: serde_json::to_value(state)?,
        finished,
    };
    cp.save(cp_path)?;
    Ok(())
}

struct Coded {
    events: Vec<Event>,
    bytes: Vec<u8>,
    sentence_offset_after: usize,
}

/// Codes the batch's documents in parallel; the parts of one long document run in order on one worker, since each
/// part's sentence indexes continue from the previous part's.
fn code_batch(pool: &rayon::ThreadPool, coder: &Coder, decided: &[Decided], open_offset: usize, emit: EmitArg) -> anyhow::Result<Vec<Coded>> {
    // groups of consecutive indices: a document, or the parts of one document
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (i, d) in decided.iter().enumerate() {
        let continues = d.doc.part.is_some_and(|p| p.index > 0);
        match groups.last_mut() {
            Some((_, end)) if continues && decided[*end - 1].doc.id == d.doc.id => *end = i + 1,
            _ => groups.push((i, i + 1)),
        }
    }
    // longest first, so a batch does not end with one worker on a long article while the other waits; the results
    // go back into input order below
    let size = |&(from, to): &(usize, usize)| decided[from..to].iter().map(|d| d.doc.text.len()).sum::<usize>();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| std::cmp::Reverse(size(&groups[g])));
    let code_group = |from: usize, to: usize| -> io::Result<Vec<Coded>> {
        let first = &decided[from].doc;
        let mut offset = if first.part.is_some_and(|p| p.index > 0) { open_offset } else { 0 };
        let mut out = Vec::with_capacity(to - from);
        for d in &decided[from..to] {
            if d.action != Action::Code {
                out.push(Coded { events: Vec::new(), bytes: Vec::new(), sentence_offset_after: offset });
                continue;
            }
            let coded = coder.code_part(&d.doc, offset);
            offset += coded.sentences;
            let mut bytes = Vec::new();
            match emit {
                EmitArg::Events => {
                    for e in &coded.events {
                        serde_json::to_writer(&mut bytes, e)?;
                        bytes.push(b'\n');
                    }
                }
                EmitArg::Documents => {
                    serde_json::to_writer(&mut bytes, &DocumentRecord { document: &d.doc, events: &coded.events })?;
                    bytes.push(b'\n');
                }
            }
            out.push(Coded { events: coded.events, bytes, sentence_offset_after: offset });
        }
        Ok(out)
    };
    let results: Vec<(usize, io::Result<Vec<Coded>>)> =
        pool.install(|| order.par_iter().with_max_len(1).map(|&g| (g, code_group(groups[g].0, groups[g].1))).collect());
    let mut by_group: Vec<Option<io::Result<Vec<Coded>>>> = (0..groups.len()).map(|_| None).collect();
    for (g, r) in results {
        by_group[g] = Some(r);
    }
    let mut all = Vec::with_capacity(decided.len());
    for r in by_group.into_iter().flatten() {
        all.extend(r?);
    }
    Ok(all)
}

/// HTML extraction, language and signature: the per-document work that needs no other document.
fn prepare(item: Result<Entry, IngestError>) -> Prepared {
    let doc = match item {
        Err(e) => return Prepared::Error(e),
        Ok(Entry::Skipped(s)) => return Prepared::Skip { id: s.id, reason: s.reason },
        Ok(Entry::Document(d)) => d,
        Ok(Entry::Page(p)) => p.into_document(),
    };
    if doc.part.is_some_and(|p| p.index > 0) {
        return Prepared::Doc { doc, lang: None, sig: None };
    }
    let lang = identify_language(&doc.text);
    let sig = Signature::of(&doc.text);
    Prepared::Doc { doc, lang, sig }
}

fn next_batch(rx: &Receiver<Unit>, batch: usize) -> Vec<Unit> {
    let mut units = Vec::with_capacity(batch);
    while units.len() < batch {
        match rx.recv() {
            Ok(u) => units.push(u),
            Err(_) => break,
        }
    }
    units
}

/// Reads inputs in order on its own thread, from `start` (file, entry), through a bounded channel.
fn spawn_reader(files: Vec<PathBuf>, start: (usize, usize), options: ReadOptions, capacity: usize) -> Receiver<Unit> {
    let (tx, rx) = sync_channel(capacity);
    std::thread::spawn(move || {
        for (file_index, path) in files.iter().enumerate().skip(start.0) {
            let skip = if file_index == start.0 { start.1 } else { 0 };
            for (entry_index, item) in read_path_entries(path, &options).enumerate() {
                if entry_index < skip {
                    continue;
                }
                if tx.send(Unit { file_index, entry_index, item }).is_err() {
                    return; // the run stopped
                }
            }
        }
    });
    rx
}

/// Files as given, directories walked (sorted, recursively, hidden entries left out), glob patterns expanded
/// (sorted). A pattern that matches nothing is an error.
pub fn expand_inputs(args: &[String], errors: &mut u64) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for arg in args {
        let path = PathBuf::from(arg);
        if !path.exists() && arg.contains(['*', '?', '[']) {
            let matches: Vec<PathBuf> = match glob::glob(arg) {
                Ok(paths) => paths.filter_map(Result::ok).collect(),
                Err(e) => {
                    eprintln!("sitrep: error: {arg}: bad pattern: {e}");
                    *errors += 1;
                    continue;
                }
            };
            if matches.is_empty() {
                eprintln!("sitrep: error: {arg}: no file matches");
                *errors += 1;
            }
            for m in matches {
                push_path(m, &mut files, errors);
            }
        } else {
            push_path(path, &mut files, errors);
        }
    }
    files
}

fn push_path(path: PathBuf, files: &mut Vec<PathBuf>, errors: &mut u64) {
    if !path.is_dir() {
        files.push(path);
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(&path) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("sitrep: error: {}: cannot list directory: {e}", path.display());
            *errors += 1;
            return;
        }
    };
    entries.sort();
    for p in entries {
        if !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            push_path(p, files, errors);
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Signature log entries: id length (u32 LE), id, signature.
fn log_signature(buf: &mut Vec<u8>, id: &str, sig: &Signature) {
    buf.extend_from_slice(&(id.len() as u32).to_le_bytes());
    buf.extend_from_slice(id.as_bytes());
    buf.extend_from_slice(&sig.to_bytes());
}

fn replay_signatures(path: &Path, index: &mut NearDuplicateIndex) -> anyhow::Result<()> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("opening {}", path.display())),
    };
    let mut r = BufReader::new(file);
    let sig_len = Signature::BYTES;
    loop {
        if r.fill_buf()?.is_empty() {
            return Ok(());
        }
        let mut len = [0u8; 4];
        r.read_exact(&mut len)?;
        let mut id = vec![0u8; u32::from_le_bytes(len) as usize];
        r.read_exact(&mut id)?;
        let mut sig = vec![0u8; sig_len];
        r.read_exact(&mut sig)?;
        let sig = Signature::from_bytes(&sig).with_context(|| format!("{}: bad signature entry", path.display()))?;
        index.insert(&String::from_utf8_lossy(&id), sig);
    }
}

fn report(c: &IngestCounts) {
    let join = |m: &BTreeMap<String, u64>| m.iter().map(|(k, v)| format!("{v} {k}")).collect::<Vec<_>>().join(", ");
    let lang: u64 = c.skipped_language.values().sum();
    let payload: u64 = c.skipped_payload.values().sum();
    eprintln!(
        "sitrep ingest: {} document(s) coded, {} event(s), {} near-duplicate(s) linked, {} non-English skipped{}, {} record(s) without an article skipped{}, {} error(s), {} warning(s)",
        c.documents,
        c.events,
        c.duplicates,
        lang,
        if lang > 0 { format!(" ({})", join(&c.skipped_language)) } else { String::new() },
        payload,
        if payload > 0 { format!(" ({})", join(&c.skipped_payload)) } else { String::new() },
        c.errors,
        c.warnings
    );
}

fn exit_code(c: &IngestCounts) -> ExitCode {
    if c.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress bar on a terminal (articles/s, ETA over input files); nothing otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
    first_documents: u64,
}

impl Progress {
    fn new(files: usize, documents: u64) -> Progress {
        let bar = io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(files as u64);
            let style = indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} files · {msg} · ETA {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress { bar, started: Instant::now(), first_documents: documents }
    }

    fn update(&self, files_done: usize, documents: u64) {
        if let Some(bar) = &self.bar {
            let rate = (documents - self.first_documents) as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
            bar.set_position(files_done as u64);
            bar.set_message(format!("{documents} articles, {rate:.0} articles/s"));
        }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The event store behind `--db`: documents and events are written per batch and committed with it, so a resumed
/// run rewrites at most one batch, and the store's upsert by id keeps that idempotent. A new store is written as a
/// bulk load (its date-ordered indexes built once at the end, by `sync`; a resumed run's store is not empty, so not).
fn open_store(url: Option<&str>) -> anyhow::Result<Option<sitrep_store::Store>> {
    url.map(|u| {
        let mut store = sitrep_store::Store::open(u).with_context(|| format!("opening the store {u}"))?;
        store.begin_bulk_load().with_context(|| format!("starting a bulk load into {u}"))?;
        Ok(store)
    })
    .transpose()
}
