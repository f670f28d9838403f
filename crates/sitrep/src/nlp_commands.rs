//! The linguistic-core subcommands: `train`, `parse`, `nlp-eval` and `nlp-bench`. The work is done by `sitrep_nlp`;
//! this file reads files, calls it and prints.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use sitrep_nlp::conllu::{read_conllu_file, write_conllu};
use sitrep_nlp::score::{score, Scores};
use sitrep_nlp::{Parser, ParserConfig, Pipeline, Tagger, TaggerConfig};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrainModel {
    /// Tagger (UPOS+XPOS) with its lemmatizer.
    Tagger,
    /// Dependency parser with its labeller.
    Parser,
}

#[derive(Args)]
pub struct TrainArgs {
    /// What to train.
    #[arg(value_enum)]
    pub model: TrainModel,
    /// A UD treebank directory with *-ud-train.conllu and *-ud-dev.conllu.
    #[arg(long, value_name = "DIR")]
    pub ud: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Seed for shuffling and exploration; the same seed gives the same model byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Passes over the training data (default: 10 for the tagger, 15 for the parser).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Parser only: the tagger that tags the dev set for the reported dev scores (default: trained on the fly).
    #[arg(long, value_name = "FILE")]
    pub tagger: Option<PathBuf>,
    /// Parser only: jackknife folds that tag the training set.
    #[arg(long, default_value_t = 4)]
    pub folds: usize,
    /// Share of training sentences seen upper-cased, and the same share lower-cased, in each epoch.
    #[arg(long, default_value_t = 0.05)]
    pub case_share: f64,
    /// Only the first N training sentences (for quick experiments and tests).
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseInput {
    /// Plain text, tokenised and split by sitrep.
    Text,
    /// CoNLL-U: the given words are kept, UPOS, XPOS, LEMMA, HEAD and DEPREL are predicted.
    Conllu,
}

#[derive(Args)]
pub struct ModelArgs {
    /// A tagger model to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub tagger: Option<PathBuf>,
    /// A parser model to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub parser: Option<PathBuf>,
}

#[derive(Args)]
pub struct ParseArgs {
    /// Files to read; none or `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value = "text")]
    pub input: ParseInput,
    /// With `--input conllu`: print UPOS/XPOS/lemma/UAS/LAS against the input's own columns on stderr.
    #[arg(long)]
    pub score: bool,
    #[command(flatten)]
    pub models: ModelArgs,
}

#[derive(Args)]
pub struct NlpEvalArgs {
    /// Gold CoNLL-U files, each scored with its own tokenization.
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    #[command(flatten)]
    pub models: ModelArgs,
}

#[derive(Args)]
pub struct NlpBenchArgs {
    /// A plain-text file to tag and parse.
    pub text: PathBuf,
    /// How many times to run over the text (the best run is reported).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    #[command(flatten)]
    pub models: ModelArgs,
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

fn pipeline(models: &ModelArgs) -> anyhow::Result<&'static Pipeline> {
    if models.tagger.is_none() && models.parser.is_none() {
        return Ok(Pipeline::builtin()?);
    }
    let builtin = || Pipeline::builtin().map_err(anyhow::Error::from);
    let tagger = match &models.tagger {
        Some(p) => Tagger::from_bytes(&read(p)?).with_context(|| format!("loading {}", p.display()))?,
        None => Tagger::from_bytes(&builtin_tagger_bytes(builtin()?)?)?,
    };
    let parser = match &models.parser {
        Some(p) => Parser::from_bytes(&read(p)?).with_context(|| format!("loading {}", p.display()))?,
        None => Parser::from_bytes(&builtin()?.parser().to_bytes())?,
    };
    Ok(Box::leak(Box::new(Pipeline::new(tagger, parser))))
}

fn builtin_tagger_bytes(p: &Pipeline) -> anyhow::Result<Vec<u8>> {
    Ok(p.tagger().to_bytes())
}

fn split_file(dir: &Path, split: &str) -> anyhow::Result<PathBuf> {
    let suffix = format!("-ud-{split}.conllu");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&suffix)))
        .collect();
    found.sort();
    found.into_iter().next().with_context(|| format!("no *{suffix} in {}", dir.display()))
}

pub fn run_train(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut train = read_conllu_file(&split_file(&args.ud, "train")?)?;
    if let Some(n) = args.limit {
        train.truncate(n);
    }
    let dev = read_conllu_file(&split_file(&args.ud, "dev")?)?;
    let bytes = match args.model {
        TrainModel::Tagger => {
            let cfg = TaggerConfig {
                seed: args.seed,
                epochs: args.epochs.unwrap_or(10),
                case_share: args.case_share,
                ..TaggerConfig::default()
            };
            let tagger = Tagger::train(&train, &cfg)?;
            let mut pred = dev.clone();
            for s in &mut pred {
                tagger.annotate(s);
            }
            let scores = score(&dev, &pred)?;
            eprintln!(
                "dev: words {}  UPOS {:.2}  XPOS {:.2}  lemma {:.2}",
                scores.words,
                scores.pct(scores.upos),
                scores.pct(scores.xpos),
                scores.pct(scores.lemma)
            );
            tagger.to_bytes()
        }
        TrainModel::Parser => {
            let tcfg = TaggerConfig { seed: args.seed, case_share: args.case_share, ..TaggerConfig::default() };
            // One-pass taggers for the jackknife: four times faster, nearly the same errors.
            let tags = Tagger::jackknife(&train, args.folds, &TaggerConfig { two_pass: false, ..tcfg.clone() })?;
            eprintln!("jackknifed tags in {:.1}s", started.elapsed().as_secs_f64());
            let cfg = ParserConfig { seed: args.seed, epochs: args.epochs.unwrap_or(15), ..ParserConfig::default() };
            let parser = Parser::train(&train, &tags, &cfg)?;
            let tagger = match &args.tagger {
                Some(p) => Tagger::from_bytes(&read(p)?)?,
                None => Tagger::train(&train, &tcfg)?,
            };
            let pipeline = Pipeline::new(tagger, parser);
            let mut pred = dev.clone();
            for s in &mut pred {
                pipeline.annotate(s);
            }
            eprintln!("dev: {}", score(&dev, &pred)?.to_line());
            pipeline.parser().to_bytes()
        }
    };
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.1}s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run_parse(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let nlp = pipeline(&args.models)?;
    let stdin = args.paths.is_empty() || args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    if stdin {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("reading standard input")?;
        inputs.push(("stdin".into(), buf));
    }
    let mut failed = false;
    for p in args.paths.iter().filter(|p| p.as_os_str() != "-") {
        match read(p) {
            Ok(bytes) => inputs.push((p.display().to_string(), bytes)),
            Err(e) => {
                eprintln!("sitrep parse: {e:#}");
                failed = true;
            }
        }
    }
    if args.score && args.input != ParseInput::Conllu {
        bail!("--score needs --input conllu");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut total = Scores::default();
    let mut n_scored = 0;
    for (name, bytes) in inputs {
        let text = String::from_utf8_lossy(&bytes);
        match args.input {
            ParseInput::Text => {
                let doc = Path::new(&name).file_stem().and_then(|s| s.to_str()).unwrap_or("doc").to_string();
                let mut buf = String::new();
                for (i, s) in nlp.analyze(&text).iter().enumerate() {
                    s.to_conllu(&format!("{doc}-{}", i + 1), &text).write_to(&mut buf);
                }
                out.write_all(buf.as_bytes())?;
            }
            ParseInput::Conllu => {
                let gold = match sitrep_nlp::conllu::parse_conllu(&text, &name) {
                    Ok(g) => g,
                    Err(e) => {
                        eprintln!("sitrep parse: {e}");
                        failed = true;
                        continue;
                    }
                };
                let mut pred = gold.clone();
                for s in &mut pred {
                    nlp.annotate(s);
                }
                if args.score {
                    let sc = score(&gold, &pred)?;
                    eprintln!("{name}: {}", sc.to_line());
                    accumulate(&mut total, &sc);
                }
                n_scored += 1;
                out.write_all(write_conllu(&pred).as_bytes())?;
            }
        }
    }
    out.flush()?;
    if args.score && n_scored > 1 {
        eprintln!("all: {}", total.to_line());
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn accumulate(total: &mut Scores, s: &Scores) {
    total.words += s.words;
    total.upos += s.upos;
    total.xpos += s.xpos;
    total.lemma += s.lemma;
    total.uas += s.uas;
    total.las += s.las;
    total.las_universal += s.las_universal;
}

pub fn run_nlp_eval(args: &NlpEvalArgs) -> anyhow::Result<ExitCode> {
    let nlp = pipeline(&args.models)?;
    for path in &args.gold {
        let gold = read_conllu_file(path)?;
        let mut pred = gold.clone();
        let t = Instant::now();
        for s in &mut pred {
            nlp.annotate(s);
        }
        let secs = t.elapsed().as_secs_f64();
        let sc = score(&gold, &pred)?;
        println!("{}: {}", path.display(), sc.to_line());
        println!("  {} sentences, {:.0} words/s (tag, lemmatize, parse; one thread)", gold.len(), sc.words as f64 / secs);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_nlp_bench(args: &NlpBenchArgs) -> anyhow::Result<ExitCode> {
    let t = Instant::now();
    let nlp = pipeline(&args.models)?;
    let load = t.elapsed().as_secs_f64();
    let bytes = read(&args.text)?;
    let text = String::from_utf8_lossy(&bytes);
    let t = Instant::now();
    let sentences = sitrep_nlp::split_sentences(&text);
    let split = t.elapsed().as_secs_f64();
    let tokenised: Vec<Vec<&str>> = sentences.iter().map(|s| s.tokens.iter().map(|t| t.text(&text)).collect()).collect();
    let tokens: usize = tokenised.iter().map(|s| s.len()).sum();
    let (mut best, mut best_tag) = (f64::INFINITY, f64::INFINITY);
    let mut check = 0usize;
    for _ in 0..args.repeat.max(1) {
        let t = Instant::now();
        let tags: Vec<Vec<u64>> = tokenised.iter().map(|forms| nlp.tagger().tag_keys(forms)).collect();
        let tagged = t.elapsed().as_secs_f64();
        for (forms, tags) in tokenised.iter().zip(&tags) {
            check += nlp.parser().parse(forms, tags).heads.len();
        }
        let all = t.elapsed().as_secs_f64();
        if all < best {
            best = all;
            best_tag = tagged;
        }
    }
    if check == 0 && tokens > 0 {
        bail!("nothing was parsed");
    }
    println!("model load: {:.1} ms", load * 1000.0);
    let (transitions, labels) = nlp.parser().memory_bytes();
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "weights in memory: tagger {:.1} MB, parser transitions {:.1} MB, labeller {:.1} MB",
        mb(nlp.tagger().memory_bytes()),
        mb(transitions),
        mb(labels)
    );
    println!("text: {} sentences, {} tokens; tokenise+split {:.0} tokens/s", sentences.len(), tokens, tokens as f64 / split);
    println!(
        "tag+parse (one thread, best of {}): {:.3} s, {:.0} tokens/s (tagging alone {:.0} tokens/s, parsing alone {:.0} tokens/s)",
        args.repeat.max(1),
        best,
        tokens as f64 / best,
        tokens as f64 / best_tag,
        tokens as f64 / (best - best_tag)
    );
    Ok(ExitCode::SUCCESS)
}
