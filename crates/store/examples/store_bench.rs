//! The store benchmark without the rest of sitrep: `cargo run --release -p sitrep-store --example store_bench --
//! PATH [EVENTS] [RUNS]` (EVENTS 0 queries an existing store; STORE_BENCH_NO_BULK=1 in the environment writes without
//! a bulk load, keeping every index up row by row). `sitrep store-bench` runs the same code.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(db) = args.first() else {
        eprintln!("usage: store_bench PATH [EVENTS (default 100000; 0 = query only)] [RUNS (default 50)]");
        std::process::exit(2);
    };
    let num = |i: usize, default: usize| args.get(i).map_or(Ok(default), |s| s.parse::<usize>());
    let (Ok(events), Ok(runs)) = (num(1, 100_000), num(2, 50)) else {
        eprintln!("EVENTS and RUNS must be whole numbers");
        std::process::exit(2);
    };
    let result = sitrep_store::Store::open(db).and_then(|mut store| {
        let bulk = std::env::var_os("STORE_BENCH_NO_BULK").is_none();
        let options = sitrep_store::bench::Options { events, seed: 1, batch: 10_000, runs, bulk };
        sitrep_store::bench::run(&mut store, &options, &mut std::io::stdout().lock())
    });
    if let Err(e) = result {
        eprintln!("store_bench: {e}");
        std::process::exit(1);
    }
}
