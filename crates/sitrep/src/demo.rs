//! `sitrep demo`: the bundled example articles (written for this project, see examples/README.md), coded and shown.

use std::io;
use std::process::ExitCode;

use sitrep_ingest::{read_bytes, ReadOptions};

use crate::cli::{DemoArgs, EmitArg, FormatArg};
use crate::extract::{code_streams, Summary};
use crate::output::Sink;

/// Compiled in so the demo runs from any directory.
const EXAMPLES: &str = include_str!("../../../examples/articles.jsonl");

pub fn run(args: &DemoArgs) -> anyhow::Result<ExitCode> {
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
