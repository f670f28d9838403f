//! `sitrep extract`: read inputs, code each document, write as we go, and tell the truth at the end.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use sitrep_ingest::{read_path, read_stream, DocumentStream, InputFormat, ReadOptions};

use crate::cli::{EmitArg, ExtractArgs, FormatArg, InputArg};
use crate::output::Sink;

/// What a run did, printed to stderr at the end.
#[derive(Default)]
pub struct Summary {
    pub documents: usize,
    pub events: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn report(&self) {
        eprintln!(
            "sitrep: {} document(s), {} event(s), {} error(s), {} warning(s)",
            self.documents, self.events, self.errors, self.warnings
        );
    }

    /// The summary of a run that lists what one stage found rather than events.
    pub fn report_documents(&self) {
        eprintln!("sitrep: {} document(s), {} error(s), {} warning(s)", self.documents, self.errors, self.warnings);
    }

    /// Prints a document's reading warnings and counts them.
    pub fn warn(&mut self, doc: &sitrep_model::Document) {
        for w in &doc.warnings {
            eprintln!("sitrep: warning: {w}");
            self.warnings += 1;
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        if self.errors > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    if args.emit == EmitArg::Documents && matches!(args.format, Some(FormatArg::Csv | FormatArg::Table)) {
        bail!("--emit documents prints JSON objects: use --format jsonl or json");
    }
    let options = read_options(args.input, &args.pub_date)?;
    let stdout = io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() && args.emit == EmitArg::Events {
        FormatArg::Table
    } else {
        FormatArg::Jsonl
    });
    let mut sink = Sink::new(format, args.emit, stdout.lock());
    let mut summary = Summary::default();
    let streams = inputs(&args.paths, &options, &mut summary);
    let outcome = code_streams(streams, &mut sink, &mut summary).and_then(|()| sink.finish());
    match outcome {
        Ok(()) => {}
        // a closed pipe (`sitrep extract … | head`) is the reader's choice, not a failure
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("writing output"),
    }
    summary.report();
    Ok(summary.exit_code())
}

/// Reading options from the shared `--input` and `--pub-date` flags; a malformed date is a usage error.
pub fn read_options(input: Option<InputArg>, pub_date: &Option<String>) -> anyhow::Result<ReadOptions> {
    if let Some(d) = pub_date {
        if sitrep_time::parse_reference_date(d).is_none() || d.len() != 10 {
            bail!("--pub-date {d:?} is not a date in the form YYYY-MM-DD");
        }
    }
    Ok(ReadOptions {
        format: input.map(|i| match i {
            InputArg::Text => InputFormat::Text,
            InputArg::Html => InputFormat::Html,
            InputArg::Jsonl => InputFormat::Jsonl,
        }),
        pub_date: pub_date.clone(),
        ..ReadOptions::default()
    })
}

/// Codes every document of every stream, writing each as soon as it is coded.
pub fn code_streams<W: io::Write>(
    streams: Vec<DocumentStream>,
    sink: &mut Sink<W>,
    summary: &mut Summary,
) -> io::Result<()> {
    for_each_coded(streams, summary, |doc, events| sink.write(doc, events))
}

/// Codes every document (each part of a long one) of every stream in order and hands it with its events to
/// `then`; counts documents, events and read errors in `summary`.
pub fn for_each_coded(
    streams: Vec<DocumentStream>,
    summary: &mut Summary,
    mut then: impl FnMut(&sitrep_model::Document, &[sitrep_model::Event]) -> io::Result<()>,
) -> io::Result<()> {
    let coder = crate::dictionaries::coder();
    for stream in streams {
        let mut sentence_offset = 0;
        for item in stream {
            match item {
                Ok(doc) => {
                    summary.warn(&doc);
                    if doc.part.is_none_or(|p| p.index == 0) {
                        sentence_offset = 0;
                    }
                    let coded = coder.code_part(&doc, sentence_offset);
                    sentence_offset += coded.sentences;
                    then(&doc, &coded.events)?;
                    if doc.part.is_none_or(|p| p.index == 0) {
                        summary.documents += 1;
                    }
                    summary.events += coded.events.len();
                }
                Err(e) => {
                    eprintln!("sitrep: error: {e}");
                    summary.errors += 1;
                }
            }
        }
    }
    Ok(())
}

/// One stream per input: files as given, directories walked (sorted, recursively), `-` or nothing for stdin.
pub fn inputs(paths: &[PathBuf], options: &ReadOptions, summary: &mut Summary) -> Vec<DocumentStream> {
    if paths.is_empty() || paths.iter().all(|p| p.as_os_str() == "-") {
        return vec![read_stream("stdin", "<stdin>", Box::new(io::stdin()), options)];
    }
    let mut files = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if p.is_dir() {
            collect_dir(p, &mut files, summary);
        } else {
            files.push(p.clone());
        }
    }
    files
        .into_iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                read_stream("stdin", "<stdin>", Box::new(io::stdin()), options)
            } else {
                read_path(&f, options)
            }
        })
        .collect()
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, summary: &mut Summary) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("sitrep: error: {}: cannot list directory: {e}", dir.display());
            summary.errors += 1;
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            collect_dir(&p, files, summary);
        } else {
            files.push(p);
        }
    }
}
