//! `sitrep`: turn news reports into structured, checkable event data.
//!
//! The binary only wires the library stages together: ingest → coder → output. See ARCHITECTURE.md.

mod cli;
mod demo;
mod dictionaries;
mod bench;
mod extract;
mod fuse_command;
mod geo_bench;
mod ingest_command;
mod nlp_commands;
mod output;
mod partition;
mod store_commands;
mod serve_command;
mod timex;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Extract(args) => match dictionaries::install(args.dictionaries.as_deref())
            .map(|()| dictionaries::include(cli::IncludeArg::to_include(&args.include)))
        {
            Err(e) => Err(e),
            Ok(()) => match &args.db {
                Some(db) => store_commands::run_extract(&args, db),
                None => extract::run(&args),
            },
        },
        cli::Command::Ingest(args) => {
            dictionaries::include(cli::IncludeArg::to_include(&args.include));
            ingest_command::run(&args)
        }
        cli::Command::IngestPart(args) => partition::run_ingest_part(&args),
        cli::Command::Load(args) => partition::run_load(&args),
        cli::Command::Bench(args) => bench::run(&args),
        cli::Command::Demo(args) => match &args.db {
            Some(db) => store_commands::run_demo(&args, db),
            None => demo::run(&args),
        },
        cli::Command::Query(args) => store_commands::run_query(&args),
        cli::Command::Export(args) => store_commands::run_export(&args),
        cli::Command::StoreBench(args) => store_commands::run_store_bench(&args),
        cli::Command::Serve(args) => serve_command::run(&args),
        cli::Command::Eval(args) => run_eval(&args),
        cli::Command::Fuse(args) => fuse_command::run(&args),
        cli::Command::Timex(args) => timex::run_timex(&args),
        cli::Command::Geocode(args) => timex::run_geocode(&args),
        cli::Command::Train(args) => nlp_commands::run_train(&args),
        cli::Command::Parse(args) => nlp_commands::run_parse(&args),
        cli::Command::NlpEval(args) => nlp_commands::run_nlp_eval(&args),
        cli::Command::NlpBench(args) => nlp_commands::run_nlp_bench(&args),
        cli::Command::GeoBench(args) => geo_bench::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_eval(args: &cli::EvalArgs) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    dictionaries::install(args.dictionaries.as_deref())?;
    let coder = args.dictionaries.is_some().then(dictionaries::coder);
    for path in &args.records {
        match sitrep_eval::evaluate_with(path, coder) {
            Ok(report) => {
                if args.json {
                    println!("{}", serde_json::to_string_pretty(&report)?);
                } else {
                    println!("{}", report.to_text());
                }
            }
            Err(e) => {
                eprintln!("sitrep eval: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
