//! `sitrep demo`: the bundled example articles (written for this project, see examples/README.md), coded and shown,
//! and kept in `./sitrep-demo.sqlite` so `sitrep serve` can show them on a map (`--db` elsewhere, `--no-db` not at all).

use std::io;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use sitrep_ingest::{read_bytes, ReadOptions};
use sitrep_store::Store;

use crate::cli::{DemoArgs, EmitArg, FormatArg};
use crate::extract::{code_streams, Summary};
use crate::output::Sink;
use crate::store_commands::{code_into_store, finish_sink};

/// Compiled in so the demo runs from any directory.
const EXAMPLES: &str = include_str!("../../../examples/articles.jsonl");

/// Where `sitrep demo` keeps the events when no `--db` is given, in the current directory.
pub const DEFAULT_DB: &str = "sitrep-demo.sqlite";

/// `sitrep demo` without `--db` (main sends `--db` to `store_commands::run_demo`).
pub fn run(args: &DemoArgs) -> anyhow::Result<ExitCode> {
    if args.no_db {
        return show(args);
    }
    // Built under a name of its own, then renamed over the old one: a rerun replaces the store whole (no stale
    // events from an older sitrep), a server reading the old file keeps its copy, and runs at once do not collide.
    let building = format!("{DEFAULT_DB}.{}.tmp", std::process::id());
    let _cleanup = RemoveOnDrop(building.clone());
    let mut store = match Store::open(&building) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("sitrep: warning: cannot write {DEFAULT_DB} in this directory ({e}); showing the events only");
            return show(args);
        }
    };
    let mut summary = Summary::default();
    let stream = read_bytes("examples/articles.jsonl", EXAMPLES.as_bytes().to_vec(), &ReadOptions::default());
    let stdout = io::stdout();
    let mut sink = Sink::new(args.format.unwrap_or(FormatArg::Table), EmitArg::Events, stdout.lock());
    code_into_store(vec![stream], &mut store, Some(&mut sink), &mut summary)?;
    finish_sink(sink)?;
    let fusion = crate::fuse_command::fuse_stored(&mut store)?;
    drop(store); // closing checkpoints the write-ahead log into the file
    replace_sqlite(&building, DEFAULT_DB).with_context(|| format!("moving the new store into {DEFAULT_DB}"))?;
    summary.report();
    eprintln!(
        "sitrep: fused into {} event(s) across reports (kept in the store; `sitrep fuse --db {DEFAULT_DB}` fuses \
         what is added later)",
        fusion.total
    );
    eprintln!(
        "sitrep: stored in {DEFAULT_DB}; see the events on a map with `sitrep serve --db {DEFAULT_DB}` \
         (or `cargo run --release -- serve --db {DEFAULT_DB}`), then open http://127.0.0.1:8080/"
    );
    Ok(summary.exit_code())
}

/// The events printed, nothing stored.
fn show(args: &DemoArgs) -> anyhow::Result<ExitCode> {
    let format = args.format.unwrap_or(FormatArg::Table);
    let stdout = io::stdout();
    let mut sink = Sink::new(format, EmitArg::Events, stdout.lock());
    let mut summary = Summary::default();
    let stream = read_bytes("examples/articles.jsonl", EXAMPLES.as_bytes().to_vec(), &ReadOptions::default());
    match code_streams(vec![stream], &mut sink, &mut summary).and_then(|()| sink.finish()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        other => other?,
    }
    summary.report();
    Ok(summary.exit_code())
}

/// Renames a closed SQLite database (and a write-ahead log it may have left) over another, dropping the old one's
/// log first: a stale log beside a new file would be replayed into it.
fn replace_sqlite(from: &str, to: &str) -> io::Result<()> {
    for suffix in ["-wal", "-shm"] {
        remove_if_there(&format!("{to}{suffix}"))?;
    }
    std::fs::rename(from, to)?;
    let wal = format!("{from}-wal");
    if Path::new(&wal).exists() {
        std::fs::rename(&wal, format!("{to}-wal"))?;
    }
    remove_if_there(&format!("{from}-shm"))
}

fn remove_if_there(path: &str) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Removes a half-built store when the demo stops early.
struct RemoveOnDrop(String);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = remove_if_there(&format!("{}{suffix}", self.0));
        }
    }
}
