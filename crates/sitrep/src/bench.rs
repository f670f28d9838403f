//! `sitrep bench`: a synthetic corpus from open texts (fixed seed), and speed, body F1 and memory measured side by
//! side with trafilatura and spaCy (run from a Python venv through tools/bench/*.py).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::cli::EmitArg;
use crate::ingest_command::{self, IngestArgs};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub command: Option<BenchCommand>,
    /// A corpus made by `sitrep bench corpus`.
    #[arg(long, default_value = "target/bench-corpus")]
    pub corpus: PathBuf,
    /// Thread counts to time the text variant at.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 2])]
    pub threads: Vec<usize>,
    /// Real pages with gold bodies (the article-extraction records).
    #[arg(long, default_value = "../shared/data/article-extraction/records.jsonl")]
    pub pages: PathBuf,
    /// Python of the venv holding tools/bench/requirements.txt (else $SITREP_BENCH_PYTHON).
    #[arg(long)]
    pub python: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Write a synthetic corpus: text files, HTML pages and a WARC.gz of the same articles.
    Corpus(CorpusArgs),
    /// Only the HTML-to-text comparison on the real pages: sitrep's body F1 and speed, and trafilatura's when a
    /// Python venv is given (seconds, where the whole bench takes minutes).
    Html(HtmlBenchArgs),
}

#[derive(Args)]
pub struct HtmlBenchArgs {
    /// Real pages with gold bodies (the article-extraction records).
    #[arg(long, default_value = "../shared/data/article-extraction/records.jsonl")]
    pub pages: PathBuf,
    /// Python of the venv holding tools/bench/requirements.txt (else $SITREP_BENCH_PYTHON).
    #[arg(long)]
    pub python: Option<PathBuf>,
    /// Times each extractor over all the pages this many times (the same count for both); more rounds give
    /// steadier rates on a busy machine.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Also time the synthetic HTML pages of a corpus made by `sitrep bench corpus` (one pass each).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
}

#[derive(Args)]
pub struct CorpusArgs {
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 10_000)]
    pub articles: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Open texts to resample sentences from.
    #[arg(long, default_value = "../shared/resources")]
    pub resources: PathBuf,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        Some(BenchCommand::Corpus(c)) => corpus(c),
        Some(BenchCommand::Html(h)) => html_bench(h),
        None => bench(args),
    }
}

/// xorshift64*: small, fast and the same on every platform, so a seed always gives the same corpus.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Sentences from the open news texts: MUC-3 (public domain, re-cased from ALL CAPS), MEANTIME (CC BY 4.0,
/// Wikinews) and the news half of UD English-PUD (CC BY-SA 3.0).
fn sentence_pool(resources: &Path) -> anyhow::Result<Vec<String>> {
    let mut pool = Vec::new();
    let muc = resources.join("muc3-corpus/dev");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&muc).with_context(|| format!("reading {}", muc.display()))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for f in files {
        let xml = std::fs::read_to_string(&f)?;
        for para in between_all(&xml, "<p>", "</p>").into_iter().skip(1) {
            let text = strip_brackets(&unescape(para));
            let text = text.split_once(" -- ").map_or(text.as_str(), |(_, rest)| rest).to_string();
            pool.extend(split_simple(&recase(&text)));
        }
    }
    let meantime = resources.join("meantime-en/intra_cross-doc_annotation");
    let mut cats = Vec::new();
    for topic in std::fs::read_dir(&meantime).with_context(|| format!("reading {}", meantime.display()))? {
        for f in std::fs::read_dir(topic?.path())? {
            cats.push(f?.path());
        }
    }
    cats.sort();
    for f in cats {
        let xml = std::fs::read_to_string(&f)?;
        let mut sentences: Vec<(String, String)> = Vec::new();
        let mut rest = xml.as_str();
        while let Some(start) = rest.find("<token ") {
            rest = &rest[start..];
            let Some(close) = rest.find('>') else { break };
            let attrs = &rest[..close];
            let Some(end) = rest.find("</token>") else { break };
            let word = unescape(&rest[close + 1..end]);
            let sentence = attrs.split("sentence=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("0").to_string();
            match sentences.last_mut() {
                Some((id, text)) if *id == sentence => {
                    if !matches!(word.as_str(), "." | "," | ";" | ":" | "'s" | ")" | "?" | "!" | "n't") && !text.ends_with('(') {
                        text.push(' ');
                    }
                    text.push_str(&word);
                }
                _ => sentences.push((sentence, word)),
            }
            rest = &rest[end..];
        }
        // PTB quotes back to plain ones
        pool.extend(sentences.into_iter().skip(1).map(|(_, s)| s.replace("`` ", "\"").replace(" ''", "\"")).filter(|s| s.len() > 30));
    }
    let pud = resources.join("ud-english-pud/en_pud-ud-test.conllu");
    let conllu = std::fs::read_to_string(&pud).with_context(|| format!("reading {}", pud.display()))?;
    let mut news = false;
    for line in conllu.lines() {
        if let Some(id) = line.strip_prefix("# sent_id = ") {
            news = id.starts_with('n');
        } else if let Some(text) = line.strip_prefix("# text = ") {
            if news {
                pool.push(text.to_string());
            }
        }
    }
    pool.retain(|s| s.len() >= 25 && s.len() <= 400);
    if pool.len() < 1000 {
        bail!("only {} sentences found under {}", pool.len(), resources.display());
    }
    Ok(pool)
}

fn between_all<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find(open) {
        rest = &rest[a + open.len()..];
        let Some(b) = rest.find(close) else { break };
        out.push(&rest[..b]);
        rest = &rest[b + close.len()..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ALL-CAPS wire text to sentence case (names lose their capitals; fine for timing, not for accuracy).
fn recase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.extend(c.to_lowercase());
        }
        if matches!(c, '.' | '?' | '!') {
            start = true;
        }
    }
    // abbreviations with dots ("U.S.") keep their capitals
    s.split(' ')
        .zip(out.split(' '))
        .map(|(orig, cased)| {
            let abbreviation = orig.len() >= 4 && orig.chars().all(|c| c.is_ascii_uppercase() || c == '.') && orig.contains('.');
            if abbreviation { orig.to_string() } else if cased == "i" { "I".to_string() } else { cased.to_string() }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn split_simple(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
        if word.ends_with(['.', '?', '!']) && word.len() > 3 {
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

/// Words a spinner swaps, both ways.
const SYNONYMS: &[(&str, &str)] = &[
    ("said", "stated"), ("killed", "slain"), ("people", "persons"), ("government", "administration"),
    ("attack", "assault"), ("international", "worldwide"), ("police", "officers"), ("city", "town"),
    ("reported", "announced"), ("army", "military"), ("also", "additionally"), ("after", "following"),
    ("the", "this"), ("were", "had been"), ("in", "within"), ("of", "from"),
];

/// A reworded copy: about one word in seven swapped for a synonym.
fn spin(text: &str, rng: &mut Rng) -> String {
    text.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            for (a, b) in SYNONYMS {
                if (lower == *a || lower == *b) && rng.below(100) < 70 {
                    return if lower == *a { b.to_string() } else { a.to_string() };
                }
            }
            w.to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

struct Article {
    title: String,
    date: String,
    paragraphs: Vec<String>,
}

fn make_article(pool: &[String], rng: &mut Rng) -> Article {
    let target = 2400 + rng.below(1300);
    let headline_words: Vec<&str> = pool[rng.below(pool.len())].split_whitespace().take(6 + rng.below(5)).collect();
    let title = headline_words.join(" ").trim_end_matches(['.', ',', ';', ':']).to_string();
    let date = format!("2024-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let mut paragraphs = Vec::new();
    let mut size = title.len();
    while size < target {
        let n = 1 + rng.below(3);
        let para: Vec<&str> = (0..n).map(|_| pool[rng.below(pool.len())].as_str()).collect();
        let para = para.join(" ");
        size += para.len() + 2;
        paragraphs.push(para);
    }
    Article { title, date, paragraphs }
}

fn html_page(a: &Article, n: usize) -> String {
    let mut body = String::new();
    for p in &a.paragraphs {
        let _ = write!(body, "<p>{}</p>\n", escape(p));
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t} | Synthetic Wire</title>\
         <meta property=\"og:site_name\" content=\"Synthetic Wire\"><meta property=\"article:published_time\" content=\"{d}T08:00:00Z\">\
         <script>var tracking = {{id: {n}}};</script></head><body>\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/politics\">Politics</a></li><li><a href=\"/business\">Business</a></li></ul></nav>\
         <main><article><h1>{t}</h1><div class=\"byline\">By Staff Reporter</div>\n{body}</article></main>\
         <aside><h3>Most read</h3><ul><li><a href=\"/a\">Markets close higher</a></li><li><a href=\"/b\">Weather warning issued</a></li></ul></aside>\
         <footer><p>© Synthetic Wire. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer></body></html>",
        t = escape(&a.title),
        d = a.date,
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn warc_record(uri: &str, mime: &str, payload: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\r\n", payload.len()).into_bytes();
    http.extend_from_slice(payload);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend(http);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn corpus(args: &CorpusArgs) -> anyhow::Result<ExitCode> {
    let pool = sentence_pool(&args.resources)?;
    let mut rng = Rng::new(args.seed);
    for dir in ["text", "html"] {
        std::fs::create_dir_all(args.out.join(dir))?;
    }
    let warc_file = std::fs::File::create(args.out.join("corpus.warc.gz"))?;
    let mut warc = std::io::BufWriter::new(warc_file);
    let mut made: Vec<Article> = Vec::new();
    let mut text_bytes = 0usize;
    for n in 0..args.articles {
        // one article in fifty is a reworded copy of an earlier one, as syndication and spinning make them
        let article = if n > 10 && rng.below(50) == 0 {
            let src = &made[rng.below(made.len())];
            Article { title: spin(&src.title, &mut rng), date: src.date.clone(), paragraphs: src.paragraphs.iter().map(|p| spin(p, &mut rng)).collect() }
        } else {
            make_article(&pool, &mut rng)
        };
        let text = format!("{}\n\n{}\n", article.title, article.paragraphs.join("\n\n"));
        text_bytes += text.len();
        std::fs::write(args.out.join(format!("text/{n:06}.txt")), &text)?;
        let html = html_page(&article, n);
        std::fs::write(args.out.join(format!("html/{n:06}.html")), &html)?;
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&warc_record(&format!("https://synthetic-wire.test/{n:06}"), "text/html; charset=utf-8", html.as_bytes()))?;
        if n % 20 == 0 {
            gz.write_all(&warc_record(&format!("https://synthetic-wire.test/img/{n:06}.jpg"), "image/jpeg", &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?;
        }
        warc.write_all(&gz.finish()?)?;
        // keep a bounded window of sources for copies, so memory does not grow with the corpus
        if made.len() < 2000 {
            made.push(article);
        } else {
            let slot = rng.below(made.len());
            made[slot] = article;
        }
    }
    warc.flush()?;
    eprintln!(
        "sitrep bench corpus: {} articles ({:.0} bytes of text on average) from {} sentences, seed {} → {}/{{text,html,corpus.warc.gz}}",
        args.articles,
        text_bytes as f64 / args.articles.max(1) as f64,
        pool.len(),
        args.seed,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// CPU time (user + system, all threads) this process has used, in seconds: rates per CPU second stay meaningful on
/// a machine other work is also using, where wall-clock rates do not. Linux clock ticks are 100 per second.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // fields after the command name (which may hold spaces) closed by ')'
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// Peak resident memory of this process so far, in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn files_in(dir: &Path) -> anyhow::Result<(Vec<PathBuf>, u64)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let bytes = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    Ok((files, bytes))
}

fn python(given: Option<&PathBuf>) -> Option<PathBuf> {
    given.cloned().or_else(|| std::env::var_os("SITREP_BENCH_PYTHON").map(PathBuf::from)).filter(|p| p.exists())
}

/// Runs a tools/bench script and parses the JSON object it prints last.
fn run_python(py: &Path, script: &str, script_args: &[&str]) -> anyhow::Result<serde_json::Value> {
    // the repository's tools/bench, from the working directory or from where this binary was built
    let local = Path::new("tools/bench").join(script);
    let script_path = if local.exists() { local } else { Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/bench").join(script) };
    let out = Command::new(py)
        .arg(&script_path)
        .args(script_args)
        .env("OMP_NUM_THREADS", "1")
        .output()
        .with_context(|| format!("running {} {}", py.display(), script_path.display()))?;
    if !out.status.success() {
        bail!("{script} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or("");
    serde_json::from_str(last).with_context(|| format!("{script} printed {last:?}"))
}

fn bench(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let text_dir = args.corpus.join("text");
    let html_dir = args.corpus.join("html");
    if !text_dir.is_dir() {
        bail!("{} has no corpus: make one with `sitrep bench corpus --out {} --articles 10000 --seed 1`", args.corpus.display(), args.corpus.display());
    }
    let (texts, text_bytes) = files_in(&text_dir)?;
    let n = texts.len();
    let mut report = String::new();
    let _ = writeln!(report, "corpus {}: {n} articles, {:.1} MB of text ({:.0} bytes each)", args.corpus.display(), text_bytes as f64 / 1e6, text_bytes as f64 / n.max(1) as f64);

    // extract end to end (read, language, near-duplicates, code, write JSONL) on the text variant
    let scratch = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let mut rates = Vec::new();
    for &threads in &args.threads {
        let out = scratch.join(format!("events-{threads}.jsonl"));
        let ingest = IngestArgs {
            paths: vec![text_dir.display().to_string()],
            out: Some(out.clone()),
            emit: EmitArg::Events,
            db: None,
            threads: Some(threads),
            deterministic: true,
            checkpoint: None,
            resume: false,
            skipped: None,
            pub_date: None,
            all_languages: false,
            keep_duplicates: false,
            batch: 256,
            include: Vec::new(),
        };
        let (started, cpu_before) = (Instant::now(), cpu_seconds());
        ingest_command::run(&ingest)?;
        let secs = started.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu_before;
        let rate = n as f64 / secs;
        rates.push((threads, rate, n as f64 / cpu.max(1e-9)));
        let _ = writeln!(
            report,
            "extract (sitrep ingest) {threads} thread(s): {secs:.2} s, {rate:.0} articles/s, {:.0} articles/s per core, {:.2} MB/s; \
             {cpu:.1} CPU s, {:.0} articles per CPU second (load average before: {})",
            rate / threads as f64,
            text_bytes as f64 / 1e6 / secs,
            n as f64 / cpu.max(1e-9),
            load_average()
        );
    }
    if let (Some(one), Some(two)) = (rates.iter().find(|r| r.0 == 1), rates.iter().find(|r| r.0 == 2)) {
        let _ = writeln!(report, "two threads / one (wall clock): {:.2}×", two.1 / one.1);
    }
    let one_thread_rate = rates.iter().find(|r| r.0 == 1).map(|r| r.1);
    let one_thread_cpu_rate = rates.iter().find(|r| r.0 == 1).map(|r| r.2);

    // HTML to text on real pages, and trafilatura on the same pages when there is a venv
    let py = python(args.python.as_ref());
    real_pages(&args.pages, py.as_deref(), 1, &scratch, &mut report)?;
    // and on the synthetic HTML variant (trafilatura too when there is a venv)
    synthetic_pages(&html_dir, py.as_deref(), &mut report)?;

    match py {
        None => {
            let _ = writeln!(
                report,
                "baselines skipped: no Python venv (give --python PATH or set SITREP_BENCH_PYTHON; see tools/bench/requirements.txt)"
            );
        }
        Some(py) => {
            let v = run_python(&py, "spacy_bench.py", &["--text-dir", &text_dir.display().to_string()])?;
            let aps = v["articles_per_second"].as_f64().unwrap_or(0.0);
            let apc = v["articles_per_cpu_second"].as_f64().unwrap_or(0.0);
            let _ = writeln!(
                report,
                "spaCy {} {} (one thread, {} articles): {aps:.1} articles/s, {apc:.1} per CPU second",
                v["version"].as_str().unwrap_or("?"),
                v["pipeline"],
                v["articles"]
            );
            if let (Some(r), Some(rc)) = (one_thread_rate, one_thread_cpu_rate) {
                let _ = writeln!(
                    report,
                    "  ratio sitrep extract/spaCy pipeline, one thread: {:.1}× (wall), {:.1}× (CPU)",
                    r / aps.max(1e-9),
                    rc / apc.max(1e-9)
                );
            }
        }
    }
    if let Some(mb) = peak_rss_mb() {
        let _ = writeln!(report, "peak RSS of this process (all of the above): {mb:.0} MB");
    }
    let _ = std::fs::remove_dir_all(&scratch);
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

/// HTML to text on the synthetic pages of a corpus (speed only), sitrep and, with a venv, trafilatura.
fn synthetic_pages(html_dir: &Path, py: Option<&Path>, report: &mut String) -> anyhow::Result<()> {
    let (pages, _) = files_in(html_dir)?;
    let htmls: Vec<String> = pages.iter().map(std::fs::read_to_string).collect::<Result<_, _>>()?;
    let load = load_average();
    let (started, cpu_before) = (Instant::now(), cpu_seconds());
    for html in &htmls {
        let _ = sitrep_ingest::extract_html(html, None);
    }
    let html_rate = pages.len() as f64 / started.elapsed().as_secs_f64();
    let html_cpu_rate = pages.len() as f64 / (cpu_seconds() - cpu_before).max(1e-9);
    drop(htmls);
    let _ = writeln!(
        report,
        "HTML to text, {} synthetic pages: sitrep {html_rate:.0} pages/s, {html_cpu_rate:.0} pages per CPU second (one thread; load average before: {load})",
        pages.len()
    );
    if let Some(py) = py {
        let v = run_python(py, "trafilatura_bench.py", &["--html-dir", &html_dir.display().to_string()])?;
        let pps = v["pages_per_second"].as_f64().unwrap_or(0.0);
        let ppc = v["pages_per_cpu_second"].as_f64().unwrap_or(0.0);
        let _ = writeln!(
            report,
            "HTML to text, synthetic pages: trafilatura {pps:.0} pages/s, {ppc:.0} per CPU second; sitrep/trafilatura {:.1}× (wall), {:.1}× (CPU)",
            html_rate / pps.max(1e-9),
            html_cpu_rate / ppc.max(1e-9)
        );
    }
    Ok(())
}

/// `sitrep bench html`: the HTML comparison alone.
fn html_bench(args: &HtmlBenchArgs) -> anyhow::Result<ExitCode> {
    if !args.pages.exists() {
        bail!("{} not found (the article-extraction records; give --pages)", args.pages.display());
    }
    let scratch = std::env::temp_dir().join(format!("sitrep-bench-html-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let mut report = String::new();
    let py = python(args.python.as_ref());
    let mut result = real_pages(&args.pages, py.as_deref(), args.rounds.max(1), &scratch, &mut report);
    if let (Ok(()), Some(corpus)) = (&result, &args.corpus) {
        result = synthetic_pages(&corpus.join("html"), py.as_deref(), &mut report);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    result?;
    if py.is_none() {
        let _ = writeln!(report, "trafilatura skipped: no Python venv (give --python PATH or set SITREP_BENCH_PYTHON; see tools/bench/requirements.txt)");
    }
    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

/// HTML to text on the real pages: sitrep's body F1 (the eval scorer) and the speed of its `extract_html` calls
/// alone, over `rounds` passes; with a Python venv, trafilatura on the same pages, its bodies scored by the same
/// scorer and its `extract` calls timed over the same number of passes.
fn real_pages(pages: &Path, py: Option<&Path>, rounds: usize, scratch: &Path, report: &mut String) -> anyhow::Result<()> {
    if !pages.exists() {
        let _ = writeln!(report, "HTML to text on real pages: {} not found, skipped", pages.display());
        return Ok(());
    }
    let eval = sitrep_eval::evaluate(pages)?;
    let f1 = eval.metrics.iter().find(|m| m.name == "body_f1").map_or(0.0, |m| m.value);
    let mut records = Vec::new();
    for line in std::fs::read_to_string(pages)?.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let url = v["meta"]["url"].as_str().map(str::to_string);
        records.push((v["html"].as_str().unwrap_or("").to_string(), url));
    }
    let load = load_average();
    let (started, cpu_before) = (Instant::now(), cpu_seconds());
    for _ in 0..rounds {
        for (html, url) in &records {
            let _ = sitrep_ingest::extract_html(html, url.as_deref());
        }
    }
    let (secs, cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu_before);
    let calls = (records.len() * rounds) as f64;
    let (spps, sppc) = (calls / secs, calls / cpu.max(1e-9));
    let _ = writeln!(
        report,
        "HTML to text, {} real pages × {rounds} round(s): sitrep body F1 {f1:.3}, {spps:.0} pages/s, {sppc:.0} pages per CPU second \
         ({secs:.2} s, {cpu:.2} CPU s, one thread; load average before: {load})",
        records.len()
    );
    let Some(py) = py else { return Ok(()) };
    let bodies = scratch.join("trafilatura-bodies.jsonl");
    let rounds_arg = rounds.to_string();
    let load = load_average();
    let v = run_python(
        py,
        "trafilatura_bench.py",
        &["--records", &pages.display().to_string(), "--bodies", &bodies.display().to_string(), "--rounds", &rounds_arg],
    )?;
    let pps = v["pages_per_second"].as_f64().unwrap_or(0.0);
    let ppc = v["pages_per_cpu_second"].as_f64().unwrap_or(0.0);
    let tf1 = trafilatura_f1(pages, &bodies)?;
    let _ = writeln!(
        report,
        "HTML to text, real pages: trafilatura {} body F1 {tf1:.3}, {pps:.0} pages/s, {ppc:.0} pages per CPU second (load average before: {load})",
        v["version"].as_str().unwrap_or("?")
    );
    let _ = writeln!(
        report,
        "  ratio sitrep/trafilatura: {:.1}× pages/s, {:.1}× pages per CPU second, F1 {f1:.3} vs {tf1:.3}",
        spps / pps.max(1e-9),
        sppc / ppc.max(1e-9)
    );
    Ok(())
}

fn trafilatura_f1(records: &Path, bodies: &Path) -> anyhow::Result<f64> {
    let mut predicted = std::collections::HashMap::new();
    for line in std::fs::read_to_string(bodies)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        predicted.insert(v["id"].as_str().unwrap_or("").to_string(), v["body"].as_str().unwrap_or("").to_string());
    }
    let mut pairs = Vec::new();
    for line in std::fs::read_to_string(records)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["id"].as_str().unwrap_or("").to_string();
        let gold = v["gold"]["articleBody"].as_str().unwrap_or("").to_string();
        pairs.push((gold, predicted.get(&id).cloned().unwrap_or_default()));
    }
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(g, p)| (g.as_str(), p.as_str())).collect();
    Ok(sitrep_eval::body_scores(&refs).2)
}
