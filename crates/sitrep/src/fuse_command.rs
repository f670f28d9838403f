//! `sitrep fuse`: code the inputs like `extract`, fuse their events across sentences and articles, and print one
//! fused event per line (see docs/fusion.md).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use sitrep_fusion::Fuser;

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
}

pub fn run(args: &FuseArgs) -> anyhow::Result<ExitCode> {
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
