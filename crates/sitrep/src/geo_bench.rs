//! `sitrep geo-bench`: gazetteer load time and look-up speed (the work is `sitrep_geo::bench::run`).

use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub struct GeoBenchArgs {
    /// How many names to look up (drawn evenly from the gazetteer; a quarter are misses).
    #[arg(long, default_value_t = 200_000)]
    pub names: usize,
}

pub fn run(args: &GeoBenchArgs) -> anyhow::Result<ExitCode> {
    let r = sitrep_geo::bench::run(args.names);
    println!("places            {}", r.places);
    println!("load_ms           {:.1}", r.load_ms);
    println!("lookups           {}", r.lookups);
    println!("lookups_per_s     {:.0}", r.lookups_per_s);
    println!("loose_lookups_per_s {:.0}", r.loose_lookups_per_s);
    println!("sentences         {}", r.sentences);
    println!("sentences_per_s   {:.0}", r.sentences_per_s);
    Ok(ExitCode::SUCCESS)
}
