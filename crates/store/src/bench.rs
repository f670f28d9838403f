//! The store benchmark behind `sitrep store-bench` (and `cargo run --release -p sitrep-store --example
//! store_bench`): writes a synthetic corpus, reports events/s, then times a fixed set of filtered queries (pages of
//! 100, parameters varied between runs) and reports p50/p99 latency per kind, each including its total count.

use std::io::Write;
use std::time::Instant;

use sitrep_model::{Document, Event};

use crate::{EventQuery, Store, StoreError};

pub struct Options {
    /// Synthetic events to write first (0: query what the store holds).
    pub events: usize,
    pub seed: u64,
    /// Events per commit.
    pub batch: usize,
    /// Runs of each query kind.
    pub runs: usize,
    /// Write as a bulk load ([`Store::begin_bulk_load`]: an empty SQLite store builds its filter indexes at the
    /// end); false measures row-by-row index upkeep, as every write into a filled store does.
    pub bulk: bool,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The benchmark's query kinds: name and a query for run `i` (parameters vary between runs).
/// Makes the query of run `i` of one kind.
type QueryMaker = Box<dyn Fn(usize) -> EventQuery>;

/// The query kinds: a name and the query of run `i`.
pub(crate) fn queries() -> Vec<(&'static str, QueryMaker)> {
    const COUNTRIES: &[&str] = &["SYR", "UKR", "SOM", "NGA", "YEM", "AFG", "MLI", "COL", "FRA", "FJI"];
    const WORDS: &[&str] = &["checkpoint", "convoy", "hospital", "ceasefire", "pipeline", "refugees", "mortar", "summit"];
    const ACTORS: &[&str] = &["SYRMIL", "Islamic State", "ukrainian army", "Hamas", "NGAREB", "Taliban fighters"];
    const TYPES: &[&str] = &["ASSAULT", "PROTEST", "CONSULT", "COERCE", "AID", "SANCTION"];
    let month = |i: usize| {
        let (y, m) = (2015 + i % 10, 1 + (i * 7) % 12);
        (format!("{y}-{m:02}-01"), format!("{y}-{m:02}-28"))
    };
    let year = |i: usize| (format!("{}-01-01", 2015 + i % 10), format!("{}-12-31", 2015 + i % 10));
    let page = |q: EventQuery| EventQuery { limit: 100, ..q };
    vec![
        ("no filter", Box::new(move |_| page(EventQuery::default()))),
        ("date: one month", Box::new(move |i| {
            let (f, t) = month(i);
            page(EventQuery { date_from: Some(f), date_to: Some(t), ..Default::default() })
        })),
        ("date: one year", Box::new(move |i| {
            let (f, t) = year(i);
            page(EventQuery { date_from: Some(f), date_to: Some(t), ..Default::default() })
        })),
        ("bbox 4x4 deg", Box::new(move |i| {
            let centres = [(36.2, 37.1), (48.6, 38.0), (2.0, 45.3), (11.8, 13.2), (33.3, 44.4)];
            let (lat, lon) = centres[i % centres.len()];
            page(EventQuery { bbox: Some([lon - 2.0, lat - 2.0, lon + 2.0, lat + 2.0]), ..Default::default() })
        })),
        ("country", Box::new(move |i| page(EventQuery { country: Some(COUNTRIES[i % COUNTRIES.len()].into()), ..Default::default() }))),
        ("type", Box::new(move |i| page(EventQuery { event_type: Some(TYPES[i % TYPES.len()].into()), ..Default::default() }))),
        ("actor", Box::new(move |i| page(EventQuery { actor: Some(ACTORS[i % ACTORS.len()].into()), ..Default::default() }))),
        ("text: one word", Box::new(move |i| page(EventQuery { text: Some(WORDS[i % WORDS.len()].into()), ..Default::default() }))),
        ("text: two words", Box::new(move |i| {
            let t = format!("{} {}", WORDS[i % WORDS.len()], WORDS[(i + 3) % WORDS.len()]);
            page(EventQuery { text: Some(t), ..Default::default() })
        })),
        ("country+type+year", Box::new(move |i| {
            let (f, t) = year(i);
            page(EventQuery {
                country: Some(COUNTRIES[i % COUNTRIES.len()].into()),
                event_type: Some(TYPES[i % TYPES.len()].into()),
                date_from: Some(f),
                date_to: Some(t),
                ..Default::default()
            })
        })),
        ("bbox+month", Box::new(move |i| {
            let (f, t) = month(i);
            page(EventQuery { bbox: Some([35.0, 32.0, 45.0, 38.0]), date_from: Some(f), date_to: Some(t), ..Default::default() })
        })),
        ("text+country", Box::new(move |i| page(EventQuery {
            text: Some(WORDS[i % WORDS.len()].into()),
            country: Some(COUNTRIES[i % 5].into()),
            ..Default::default()
        }))),
        ("actor+year", Box::new(move |i| {
            let (f, t) = year(i);
            page(EventQuery { actor: Some(ACTORS[i % ACTORS.len()].into()), date_from: Some(f), date_to: Some(t), ..Default::default() })
        })),
        ("min_confidence", Box::new(move |i| page(EventQuery {
            // whole hundredths are summed from kept counts; 0.333 is counted from rows
            min_confidence: Some([0.8, 0.5, 0.95, 0.85, 0.333][i % 5]),
            ..Default::default()
        }))),
        ("type+min_confidence", Box::new(move |i| page(EventQuery {
            event_type: Some(TYPES[i % TYPES.len()].into()),
            min_confidence: Some(0.9),
            ..Default::default()
        }))),
        ("country, page 50", Box::new(move |i| page(EventQuery {
            country: Some(COUNTRIES[i % 5].into()),
            offset: 5000,
            ..Default::default()
        }))),
    ]
}

pub fn run(store: &mut Store, opts: &Options, out: &mut dyn Write) -> Result<(), StoreError> {
    if opts.events > 0 {
        let gen_start = Instant::now();
        let corpus: Vec<(Document, Vec<Event>)> = crate::synthetic::corpus(opts.events, opts.seed).collect();
        let gen_time = gen_start.elapsed().as_secs_f64();
        let start = Instant::now();
        let bulk = opts.bulk && store.begin_bulk_load()?;
        let mut in_batch = 0;
        // `Store::write` builds each document's rows (JSON records, search terms) before any SQL runs
        let mut building = 0.0;
        for (doc, events) in &corpus {
            let t = Instant::now();
            store.write(doc, events)?;
            building += t.elapsed().as_secs_f64();
            in_batch += events.len();
            if in_batch >= opts.batch.max(1) {
                store.commit()?;
                in_batch = 0;
            }
        }
        store.commit()?;
        // counted: a bulk load is not finished before its indexes exist
        let t = Instant::now();
        store.finish_bulk_load()?;
        let indexing = t.elapsed().as_secs_f64();
        // counted: the WAL checkpoints are part of writing, and a long WAL would otherwise leave the last ones
        // to after the clock stops
        store.sync()?;
        let secs = start.elapsed().as_secs_f64();
        writeln!(
            out,
            "write: {} events in {} documents, {:.1} s, {:.0} events/s ({}; building records {:.1} s, {}; \
             generation {:.1} s, not counted)",
            opts.events,
            corpus.len(),
            secs,
            opts.events as f64 / secs.max(1e-9),
            if bulk { "bulk load" } else { "indexes kept up row by row" },
            building,
            if bulk { format!("building the deferred indexes {indexing:.1} s") } else { "no deferred indexes".into() },
            gen_time
        )?;
    }
    let all_events = EventQuery { include_negated: true, include_hypothetical: true, limit: 0, ..Default::default() };
    let total = store.query(&all_events)?.total;
    writeln!(out, "store holds {total} events; {} runs per query kind, pages of 100", opts.runs)?;
    writeln!(out, "{:<22} {:>9} {:>9} {:>9} {:>12}", "query", "p50 ms", "p99 ms", "max ms", "mean total")?;
    let mut all = Vec::new();
    for (name, make) in queries() {
        let mut times = Vec::with_capacity(opts.runs);
        let mut totals = 0u64;
        for i in 0..opts.runs {
            let q = make(i);
            let t = Instant::now();
            let page = store.query(&q)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            totals += page.total;
        }
        all.extend_from_slice(&times);
        times.sort_by(f64::total_cmp);
        writeln!(
            out,
            "{name:<22} {:>9.2} {:>9.2} {:>9.2} {:>12}",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times.last().copied().unwrap_or(0.0),
            totals / opts.runs.max(1) as u64
        )?;
    }
    all.sort_by(f64::total_cmp);
    writeln!(
        out,
        "{:<22} {:>9.2} {:>9.2} {:>9.2}",
        "all queries",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(0.0)
    )?;
    Ok(())
}
