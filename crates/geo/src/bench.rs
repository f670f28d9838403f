//! Speed of the gazetteer: how long loading takes and how many names it resolves per second. Used by
//! `sitrep geo-bench`; the figures are in docs/geo.md.

use std::time::Instant;

use crate::{DocumentContext, Gazetteer};

/// What one benchmark run measured.
#[derive(Debug, Clone)]
pub struct BenchReport {
    /// Time to the first usable [`Gazetteer::builtin`] (decoding the compiled tables), in milliseconds. Only a
    /// first call in the process measures it; later calls return the loaded gazetteer.
    pub load_ms: f64,
    pub places: usize,
    /// Names looked up (a mix of known spellings, case variants and misses) and the exact-key rate.
    pub lookups: usize,
    pub lookups_per_s: f64,
    /// The same names through the loose (consonant-skeleton) index.
    pub loose_lookups_per_s: f64,
    /// Sentences run through recognition and resolution, one document of 20 sentences at a time.
    pub sentences: usize,
    pub sentences_per_s: f64,
}

/// Measures the builtin gazetteer with `n` names drawn evenly from it (deterministic).
pub fn run(n: usize) -> BenchReport {
    let start = Instant::now();
    let gaz = Gazetteer::builtin();
    let load_ms = start.elapsed().as_secs_f64() * 1e3;
    let step = (gaz.len() / n.max(1)).max(1);
    let mut names: Vec<String> = Vec::with_capacity(n);
    for (k, i) in (0..gaz.len() as u32).step_by(step).take(n).enumerate() {
        let name = gaz.place(i).name;
        names.push(match k % 4 {
            0 => name.to_string(),
            1 => name.to_uppercase(),
            2 => format!("al-{name}"),
            _ => format!("{name}xq"), // a miss
        });
    }
    let t = Instant::now();
    let mut hits = 0usize;
    for name in &names {
        hits += gaz.lookup(name).len();
    }
    let exact_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for name in &names {
        hits += gaz.lookup_loose(name).len();
    }
    let loose_s = t.elapsed().as_secs_f64();
    std::hint::black_box(hits);
    let sentences: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(k, name)| match k % 3 {
            0 => format!("Fighting was reported in {name} on Monday, officials said."),
            1 => format!("The Army said {name} and its surroundings were shelled overnight."),
            _ => format!("Residents of {name} fled east of the river toward the border."),
        })
        .collect();
    let t = Instant::now();
    let context = DocumentContext::default();
    let mut found = 0usize;
    for doc in sentences.chunks(20) {
        let texts: Vec<&str> = doc.iter().map(String::as_str).collect();
        found += gaz.find_in_document(&texts, &context).iter().map(Vec::len).sum::<usize>();
    }
    std::hint::black_box(found);
    let find_s = t.elapsed().as_secs_f64();
    BenchReport {
        load_ms,
        places: gaz.len(),
        lookups: names.len(),
        lookups_per_s: names.len() as f64 / exact_s.max(1e-9),
        loose_lookups_per_s: names.len() as f64 / loose_s.max(1e-9),
        sentences: sentences.len(),
        sentences_per_s: sentences.len() as f64 / find_s.max(1e-9),
    }
}
