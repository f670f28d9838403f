//! `sitrep timex`: every time expression of each document, for inspection and scoring.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use sitrep_coder::{document_timexes, TimexRecord};

use crate::cli::TimexArgs;
use crate::extract::{inputs, read_options, Summary};

#[derive(Serialize)]
struct DocumentTimexes<'a> {
    doc_id: &'a str,
    publication_date: Option<&'a str>,
    timexes: Vec<TimexRecord>,
}

pub fn run(args: &TimexArgs) -> anyhow::Result<ExitCode> {
    let options = read_options(args.input, &args.pub_date)?;
    let mut summary = Summary::default();
    let streams = inputs(&args.paths, &options, &mut summary);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for stream in streams {
        for item in stream {
            match item {
                Ok(doc) => {
                    for w in &doc.warnings {
                        eprintln!("sitrep: warning: {w}");
                        summary.warnings += 1;
                    }
                    let record = DocumentTimexes {
                        doc_id: &doc.id,
                        publication_date: doc.publication_date.as_deref(),
                        timexes: document_timexes(&doc),
                    };
                    let line = serde_json::to_string(&record)?;
                    match writeln!(out, "{line}") {
                        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                        other => other.context("writing output")?,
                    }
                    summary.documents += 1;
                }
                Err(e) => {
                    eprintln!("sitrep: error: {e}");
                    summary.errors += 1;
                }
            }
        }
    }
    summary.report();
    Ok(summary.exit_code())
}
