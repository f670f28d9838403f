//! `sitrep timex` and `sitrep geocode`: one JSON object per document listing what one stage found, for inspection
//! and scoring.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use sitrep_model::Document;

use crate::cli::{InputArg, InspectArgs};
use crate::extract::{inputs, read_options, Summary};

#[derive(Serialize)]
struct DocumentTimexes<'a> {
    doc_id: &'a str,
    publication_date: Option<&'a str>,
    timexes: Vec<sitrep_coder::TimexRecord>,
}

#[derive(Serialize)]
struct DocumentPlaces<'a> {
    doc_id: &'a str,
    places: Vec<sitrep_coder::PlaceRecord>,
}

pub fn run_timex(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    per_document(&args.paths, args.input, &args.pub_date, |doc| {
        serde_json::to_string(&DocumentTimexes {
            doc_id: &doc.id,
            publication_date: doc.publication_date.as_deref(),
            timexes: sitrep_coder::document_timexes(doc),
        })
    })
}

pub fn run_geocode(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    per_document(&args.paths, args.input, &args.pub_date, |doc| {
        serde_json::to_string(&DocumentPlaces { doc_id: &doc.id, places: sitrep_coder::document_places(doc) })
    })
}

/// Reads every input like `extract` does and prints `line(document)` for each document.
fn per_document(
    paths: &[PathBuf],
    input: Option<InputArg>,
    pub_date: &Option<String>,
    line: impl Fn(&Document) -> serde_json::Result<String>,
) -> anyhow::Result<ExitCode> {
    let options = read_options(input, pub_date)?;
    let mut summary = Summary::default();
    let streams = inputs(paths, &options, &mut summary);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for stream in streams {
        for item in stream {
            match item {
                Ok(doc) => {
                    summary.warn(&doc);
                    match writeln!(out, "{}", line(&doc)?) {
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
    summary.report_documents();
    Ok(summary.exit_code())
}
