//! `sitrep ingest-part` and `sitrep load`: the two halves of a run spread over many machines (tools/spark,
//! docs/scale-out.md).
//!
//! A task of the distributed job runs `ingest-part` over its input files: the usual `sitrep ingest` (language,
//! near-duplicates within the task, coding) into a temporary directory, then two Parquet files named after the
//! inputs, renamed into place. A retried task therefore replaces its partition instead of adding a second one, and
//! a half-written one is never visible. `load` then reads every partition in the order of their inputs, makes the
//! decisions no single task could (near-duplicates across partitions; event fusion joins here), and writes the
//! documents and events to a store and/or JSONL.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use serde::{Deserialize, Serialize};
use sitrep_ingest::{NearDuplicateIndex, Signature};
use sitrep_model::{Document, DocumentRecord, Event};
use sitrep_store::{read_records, read_records_metadata, RecordsWriter};

use crate::cli::{EmitArg, IncludeArg};
use crate::ingest_command::IngestArgs;

/// Key of the documents file's metadata that says what the partition was made from.
const META_KEY: &str = "sitrep.partition";

#[derive(Args)]
pub struct IngestPartArgs {
    /// This partition's input files (WARC, HTML, text, JSONL, feeds), in the job's order.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// The job's output directory: the partition goes to documents/part-HASH.parquet and events/part-HASH.parquet
    /// in it, HASH depending only on the input paths.
    #[arg(long)]
    pub out_dir: PathBuf,
    /// Worker threads (default: all cores; a Spark task usually gets one).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub pub_date: Option<String>,
    /// Code documents in every language.
    #[arg(long)]
    pub all_languages: bool,
    /// Code near-duplicates too instead of linking them to the first copy (here and at `sitrep load`).
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Also emit events the text denies or only supposes.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "negated,hypothetical")]
    pub include: Vec<IncludeArg>,
}

#[derive(Args)]
pub struct LoadArgs {
    /// Output directories of distributed runs (each holding documents/ and events/ from `sitrep ingest-part`).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Write documents and events to this store (a SQLite path or postgres:// URL); re-loading replaces, never
    /// duplicates.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// Also write one JSON object per document with its events, as `sitrep ingest --emit documents` does.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also fuse the events across all partitions (one record per real-world event, see docs/fusion.md) and
    /// write the fused events here, one JSON object per line.
    #[arg(long, value_name = "FILE")]
    pub fused: Option<PathBuf>,
    /// Documents per store transaction.
    #[arg(long, default_value_t = 1000)]
    pub batch: usize,
}

/// What a partition was made from, kept in its documents file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct PartitionMeta {
    name: String,
    inputs: Vec<String>,
    options: PartOptions,
    /// `sitrep ingest` reported an unreadable or damaged input (the records before the damage are kept).
    input_errors: bool,
}

/// The options that change what is coded: every partition of one load must share them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct PartOptions {
    sitrep_version: String,
    pub_date: Option<String>,
    all_languages: bool,
    keep_duplicates: bool,
    include_negated: bool,
    include_hypothetical: bool,
}

/// FNV-1a, 64 bits: a fixed function of the bytes on every platform and release, unlike std's hasher, so the
/// same inputs name the same partition on every worker and in every run.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The partition's file name (without `.parquet`) for a list of inputs.
fn partition_name(inputs: &[String]) -> String {
    let joined = inputs.join("\n");
    format!("part-{:016x}-{:04}", fnv1a(joined.as_bytes()), inputs.len().min(9999))
}

pub fn run_ingest_part(args: &IngestPartArgs) -> anyhow::Result<ExitCode> {
    let include = IncludeArg::to_include(&args.include);
    crate::dictionaries::include(include);
    let name = partition_name(&args.paths);
    let documents_dir = args.out_dir.join("documents");
    let events_dir = args.out_dir.join("events");
    // `_temporary` (the Hadoop convention) is left out by Spark, DuckDB and `sitrep load` when they list a table
    let scratch_root = args.out_dir.join("_temporary");
    for d in [&documents_dir, &events_dir, &scratch_root] {
        std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
    }
    // one scratch directory per attempt: a speculative or retried attempt never writes into another's files
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let scratch = scratch_root.join(format!("{name}.{}.{nanos}", std::process::id()));
    std::fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    let result = ingest_into(args, &name, &scratch, &documents_dir, &events_dir);
    // the scratch files are only useful to the attempt that made them
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn ingest_into(args: &IngestPartArgs, name: &str, scratch: &Path, documents_dir: &Path, events_dir: &Path) -> anyhow::Result<ExitCode> {
    let jsonl = scratch.join("documents.jsonl");
    let ingest = IngestArgs {
        paths: args.paths.clone(),
        out: Some(jsonl.clone()),
        emit: EmitArg::Documents,
        db: None,
        threads: args.threads,
        deterministic: true,
        checkpoint: None,
        resume: false,
        skipped: None,
        pub_date: args.pub_date.clone(),
        all_languages: args.all_languages,
        keep_duplicates: args.keep_duplicates,
        batch: 256,
        include: args.include.clone(),
    };
    let code = crate::ingest_command::run(&ingest)?;
    let input_errors = code != ExitCode::SUCCESS;

    let meta = PartitionMeta {
        name: name.to_string(),
        inputs: args.paths.clone(),
        options: PartOptions {
            sitrep_version: sitrep_model::SITREP_VERSION.to_string(),
            pub_date: args.pub_date.clone(),
            all_languages: args.all_languages,
            keep_duplicates: args.keep_duplicates,
            include_negated: args.include.contains(&IncludeArg::Negated),
            include_hypothetical: args.include.contains(&IncludeArg::Hypothetical),
        },
        input_errors,
    };
    let kv: BTreeMap<String, String> = [(META_KEY.to_string(), serde_json::to_string(&meta)?)].into();
    let (tmp_docs, tmp_events) = (scratch.join("documents.parquet"), scratch.join("events.parquet"));
    let docs_file = File::create(&tmp_docs).with_context(|| format!("creating {}", tmp_docs.display()))?;
    let events_file = File::create(&tmp_events).with_context(|| format!("creating {}", tmp_events.display()))?;
    let mut writer = RecordsWriter::new(BufWriter::new(&docs_file), BufWriter::new(&events_file), &kv)?;
    let (mut coded, mut duplicates, mut events) = (0u64, 0u64, 0u64);
    let reader = BufReader::new(File::open(&jsonl).with_context(|| format!("opening {}", jsonl.display()))?);
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        let (doc, evs) = parse_document_line(&line).with_context(|| format!("{} line {}", jsonl.display(), n + 1))?;
        if doc.duplicate_of.is_some() {
            duplicates += 1;
        } else if doc.part.is_none_or(|p| p.index == 0) {
            coded += 1;
        }
        events += evs.len() as u64;
        writer.write(&doc, &evs)?;
    }
    writer.finish()?;
    docs_file.sync_all()?;
    events_file.sync_all()?;

    // events first, documents last: a documents file is the sign that its partition is complete
    let final_docs = documents_dir.join(format!("{name}.parquet"));
    std::fs::rename(&tmp_events, events_dir.join(format!("{name}.parquet"))).context("moving the events file into place")?;
    sync_dir(events_dir)?;
    std::fs::rename(&tmp_docs, &final_docs).context("moving the documents file into place")?;
    sync_dir(documents_dir)?;
    println!(
        "{}",
        serde_json::json!({"partition": name, "documents": coded, "duplicates": duplicates, "events": events, "input_errors": input_errors, "path": final_docs})
    );
    Ok(code)
}

fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    File::open(dir).and_then(|d| d.sync_all()).with_context(|| format!("syncing {}", dir.display()))
}

/// One line of `--emit documents` output back into a document and its events.
fn parse_document_line(line: &str) -> anyhow::Result<(Document, Vec<Event>)> {
    let mut value: serde_json::Value = serde_json::from_str(line)?;
    let events = value.as_object_mut().and_then(|o| o.remove("events")).context("no events field")?;
    Ok((serde_json::from_value(value)?, serde_json::from_value(events)?))
}

/// A partition found on disk.
struct Found {
    documents: PathBuf,
    events: PathBuf,
    meta: PartitionMeta,
}

fn find_partitions(dirs: &[PathBuf]) -> anyhow::Result<Vec<Found>> {
    let mut found = Vec::new();
    for dir in dirs {
        let documents_dir = dir.join("documents");
        let entries = std::fs::read_dir(&documents_dir)
            .with_context(|| format!("{}: no documents/ directory (is this the output of a distributed run?)", dir.display()))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                n.ends_with(".parquet") && !n.starts_with(['.', '_'])
            })
            .collect();
        files.sort();
        for documents in files {
            let events = dir.join("events").join(documents.file_name().unwrap_or_default());
            if !events.is_file() {
                bail!("{}: its events file {} is missing", documents.display(), events.display());
            }
            let kv = read_records_metadata(&documents)?;
            let meta_json = kv.get(META_KEY).with_context(|| format!("{}: not a sitrep partition (no {META_KEY} metadata)", documents.display()))?;
            let meta: PartitionMeta = serde_json::from_str(meta_json).with_context(|| format!("{}: bad {META_KEY} metadata", documents.display()))?;
            found.push(Found { documents, events, meta });
        }
    }
    if found.is_empty() {
        bail!("no partitions found under {}", dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    // the order of a single run over the same files: inputs sorted, each partition a contiguous run of them
    found.sort_by(|a, b| a.meta.inputs.cmp(&b.meta.inputs));
    let options = &found[0].meta.options;
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for f in &found {
        if f.meta.options != *options {
            bail!(
                "{} was made with other options than {} ({:?} against {:?}); load partitions of one job together",
                f.documents.display(),
                found[0].documents.display(),
                f.meta.options,
                options
            );
        }
        for input in &f.meta.inputs {
            if let Some(other) = seen.insert(input, &f.documents) {
                bail!(
                    "{input} is in two partitions, {} and {}: they come from jobs that split the inputs differently; \
                     keep one job's partitions per directory",
                    other.display(),
                    f.documents.display()
                );
            }
        }
    }
    Ok(found)
}

/// What `load` did, for the summary line.
#[derive(Default)]
struct LoadCounts {
    partitions: usize,
    documents: u64,
    events: u64,
    duplicates: u64,
    duplicates_across: u64,
    recoded: u64,
    input_errors: usize,
    fused: u64,
}

/// The document of a long text being read in parts: whether it is coded and, when `load` codes it itself, the
/// sentences of its earlier parts.
struct Open {
    id: String,
    coded: bool,
    /// Its task linked it as a near-duplicate (only the first part carries `duplicate_of`).
    linked_in_task: bool,
    sentences: usize,
}

pub fn run_load(args: &LoadArgs) -> anyhow::Result<ExitCode> {
    if args.db.is_none() && args.out.is_none() && args.fused.is_none() {
        bail!("say where to load to: --db URL, --out FILE and/or --fused FILE");
    }
    let partitions = find_partitions(&args.dirs)?;
    let options = partitions[0].meta.options.clone();
    if options.sitrep_version != sitrep_model::SITREP_VERSION {
        bail!("the partitions were made by sitrep {}, this is {}: rerun the job with this binary", options.sitrep_version, sitrep_model::SITREP_VERSION);
    }
    crate::dictionaries::include(sitrep_coder::Include { negated: options.include_negated, hypothetical: options.include_hypothetical });
    let coder = crate::dictionaries::coder();
    let mut store = args.db.as_deref().map(|u| sitrep_store::Store::open(u).with_context(|| format!("opening the store {u}"))).transpose()?;
    if let Some(s) = store.as_mut() {
        // into a new store: the date-ordered indexes built once at the end (by `sync`), not row by row
        s.begin_bulk_load().context("starting a bulk load")?;
    }
    let tmp_out = args.out.as_ref().map(|o| {
        let mut s = o.as_os_str().to_owned();
        s.push(".partial");
        PathBuf::from(s)
    });
    let mut out = match &tmp_out {
        Some(p) => Some(BufWriter::new(File::create(p).with_context(|| format!("creating {}", p.display()))?)),
        None => None,
    };

    let mut fuser = args.fused.as_ref().map(|_| sitrep_fusion::Fuser::new());
    let mut counts = LoadCounts::default();
    let mut index = NearDuplicateIndex::default();
    let mut open: Option<Open> = None;
    let mut pending = 0usize;
    for part in &partitions {
        counts.partitions += 1;
        counts.input_errors += usize::from(part.meta.input_errors);
        let records = read_records(&part.documents, &part.events)?;
        for (mut doc, mut events) in records.documents {
            // The near-duplicate decisions again, over all partitions in the single run's order: a task only saw
            // its own inputs, so a copy of an article in an earlier partition was coded there. Replaying the same
            // index over the same order gives exactly the single run's decisions.
            let continues = doc.part.is_some_and(|p| p.index > 0);
            let linked_in_task = match open.as_ref() {
                Some(o) if continues && o.id == doc.id => o.linked_in_task,
                _ => doc.duplicate_of.is_some(),
            };
            let coded = match open.as_ref() {
                Some(o) if continues && o.id == doc.id => o.coded,
                _ => {
                    let first = if options.keep_duplicates { None } else { Signature::of(&doc.text).and_then(|sig| index.check_and_insert(&doc.id, sig)) };
                    doc.duplicate_of = first;
                    let coded = doc.duplicate_of.is_none();
                    open = doc.part.is_some().then(|| Open { id: doc.id.clone(), coded, linked_in_task, sentences: 0 });
                    if !coded {
                        counts.duplicates += 1;
                        counts.duplicates_across += u64::from(!linked_in_task);
                    }
                    coded
                }
            };
            if !coded {
                events.clear();
            } else if linked_in_task {
                // its task took it for a copy of an article that is itself a copy of one in an earlier
                // partition; the single run codes it, so code it here
                let offset = open.as_ref().filter(|_| continues).map_or(0, |o| o.sentences);
                let c = coder.code_part(&doc, offset);
                if let Some(o) = open.as_mut() {
                    o.sentences = offset + c.sentences;
                }
                events = c.events;
                counts.recoded += 1;
            }
            if coded && !continues {
                counts.documents += 1;
            }
            counts.events += events.len() as u64;
            // Cross-partition work happens here, in document order over the whole job: fusion sees every
            // partition's events in the single run's order, so the fused ids are the single run's.
            if let Some(f) = fuser.as_mut() {
                f.add(&doc, &events);
            }
            if let Some(o) = out.as_mut() {
                serde_json::to_writer(&mut *o, &DocumentRecord { document: &doc, events: &events })?;
                o.write_all(b"\n")?;
            }
            if let Some(s) = store.as_mut() {
                s.write(&doc, &events)?;
                pending += 1;
                if pending >= args.batch.max(1) {
                    s.commit()?;
                    pending = 0;
                }
            }
        }
    }
    if let Some(s) = store.as_mut() {
        s.commit()?;
        s.sync()?; // durable against power loss once the run has finished
    }
    if let (Some(mut o), Some(tmp), Some(dest)) = (out, tmp_out, args.out.as_ref()) {
        o.flush()?;
        o.get_ref().sync_all()?;
        std::fs::rename(&tmp, dest).with_context(|| format!("moving {} into place", dest.display()))?;
    }
    if let (Some(f), Some(dest)) = (fuser, args.fused.as_ref()) {
        let mut tmp = dest.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = PathBuf::from(tmp);
        let mut o = BufWriter::new(File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?);
        for event in f.fused_events() {
            serde_json::to_writer(&mut o, event)?;
            o.write_all(b"\n")?;
        }
        o.flush()?;
        o.get_ref().sync_all()?;
        std::fs::rename(&tmp, dest).with_context(|| format!("moving {} into place", dest.display()))?;
        counts.fused = f.len() as u64;
    }
    eprintln!(
        "sitrep load: {} partition(s), {} document(s) coded, {} event(s), {} near-duplicate(s) linked ({} across partitions), {} document(s) coded at load, {} partition(s) with input errors, {} fused event(s)",
        counts.partitions, counts.documents, counts.events, counts.duplicates, counts.duplicates_across, counts.recoded, counts.input_errors, counts.fused
    );
    Ok(if counts.input_errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_names_depend_on_the_inputs_and_their_order_only() {
        let a = vec!["/d/a.warc.gz".to_string(), "/d/b.warc.gz".to_string()];
        let b = vec!["/d/b.warc.gz".to_string(), "/d/a.warc.gz".to_string()];
        assert_eq!(partition_name(&a), partition_name(&a.clone()));
        assert_ne!(partition_name(&a), partition_name(&b));
        assert_ne!(partition_name(&a[..1]), partition_name(&a));
        // FNV-1a's published test value: the name must not change between releases or platforms
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(partition_name(&[]), "part-cbf29ce484222325-0000");
    }

    #[test]
    fn a_document_line_reads_back_into_the_same_document() {
        let mut doc = Document::from_text("d1", "Rebels attacked Kusham on Monday.");
        doc.language = Some("eng".into());
        let line = serde_json::to_string(&DocumentRecord { document: &doc, events: &[] }).unwrap();
        let (back, events) = parse_document_line(&line).unwrap();
        assert_eq!(back, doc);
        assert!(events.is_empty());
        assert!(parse_document_line("{\"id\": \"x\"}").is_err());
    }
}
