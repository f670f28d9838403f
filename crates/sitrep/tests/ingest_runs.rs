//! `sitrep ingest` end to end: the same output at any thread count, non-English articles and spun copies left out
//! and logged, damaged WARC files reported without stopping the run, and a run killed with SIGKILL at random moments
//! resuming to exactly the output of an uninterrupted run.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

const SENTENCES: &[&str] = &[
    "Rebel fighters seized the town of Kusham on Monday after two days of fighting with government troops, residents said.",
    "At least 14 people were killed in the clashes, a local doctor said, adding that dozens more were wounded.",
    "The army said it had withdrawn its forces to positions east of the river to protect civilians from shelling.",
    "Police arrested 23 protesters in the capital on Sunday after demonstrators blocked the main road to parliament.",
    "A suicide bomber killed at least nine people at a market in the northern city, officials said.",
    "The international coalition said its aircraft had struck militant positions near the border, killing twelve fighters.",
    "Government officials met opposition leaders in Nairobi to discuss a ceasefire proposed by regional mediators.",
    "Thousands of people fled their homes as the fighting spread to villages along the valley, aid groups warned.",
    "The interior ministry said security forces had detained the suspected leader of the cell in a dawn raid.",
    "Gunmen ambushed a convoy carrying food aid on the highway, wounding three drivers, the United Nations said.",
    "The president accused neighbouring states of arming the rebels and threatened to expel their diplomats.",
    "Health workers reported a sharp rise in cholera cases in the camps housing people displaced by the conflict.",
];

const FILLER: &str = "market water school road village family harvest river bridge season council meeting report \
    station hospital teacher farmer bus train price fuel bread rain weather festival museum library street garden \
    morning evening week month year plan budget project factory worker union district province north south east \
    west coast island mountain valley forest lake field crop cattle trade export import bank loan tax court judge \
    lawyer minister mayor governor council election vote party campaign leader speech crowd radio newspaper \
    television phone internet power grid water pipe well clinic doctor nurse medicine vaccine student exam \
    university church mosque temple holiday ceremony wedding football team match coach player stadium ticket";

/// A deterministic article: a headline, then paragraphs of one event sentence and a run of filler words, so that
/// different articles share few word pairs (as real ones do) while each still has events to code.
fn article(n: u64) -> String {
    let mut state = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let words: Vec<&str> = FILLER.split_whitespace().collect();
    let headline = format!("Report number {n} from the region");
    let body: Vec<String> = (0..6)
        .map(|_| {
            let filler: Vec<&str> = (0..30).map(|_| words[next(words.len())]).collect();
            format!("{} Residents spoke of the {}.", SENTENCES[next(SENTENCES.len())], filler.join(" "))
        })
        .collect();
    format!("{headline}\n\n{}\n", body.join("\n\n"))
}

fn corpus(dir: &Path, articles: u64) {
    std::fs::create_dir_all(dir).unwrap();
    for n in 0..articles {
        std::fs::write(dir.join(format!("{n:05}.txt")), article(n)).unwrap();
    }
}

fn ingest(args: &[&str]) -> std::process::Output {
    common::sitrep(&[&["ingest"], args].concat())
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn p(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn output_is_the_same_at_any_thread_count() {
    let dir = tmp();
    let inputs = dir.path().join("in");
    corpus(&inputs, 120);
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = dir.path().join(format!("out-{threads}.jsonl"));
        let run = ingest(&[&p(&inputs), "--out", &p(&out), "--threads", threads, "--batch", "7", "--deterministic"]);
        assert!(run.status.success(), "{}", common::stderr(&run));
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert!(!outputs[0].is_empty());
    assert!(outputs.iter().all(|o| *o == outputs[0]), "outputs differ between thread counts");
}

#[test]
fn non_english_articles_are_skipped_and_logged_with_their_language() {
    let dir = tmp();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a-en.txt"), article(1)).unwrap();
    std::fs::write(
        inputs.join("b-fr.txt"),
        "Les rebelles prennent la ville\n\nLes combattants rebelles ont pris la ville lundi après deux jours de combats avec \
         les troupes gouvernementales, selon des habitants. Au moins quatorze personnes ont été tuées.\n",
    )
    .unwrap();
    let out = dir.path().join("docs.jsonl");
    let run = ingest(&[&p(&inputs), "--out", &p(&out), "--emit", "documents"]);
    assert!(run.status.success(), "{}", common::stderr(&run));
    let docs: Vec<Value> = std::fs::read_to_string(&out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], "a-en.txt");
    assert_eq!(docs[0]["language"], "eng");
    let skipped = std::fs::read_to_string(dir.path().join("docs.jsonl.skipped.jsonl")).unwrap();
    let line: Value = serde_json::from_str(skipped.lines().next().unwrap()).unwrap();
    assert_eq!(line, serde_json::json!({"id": "b-fr.txt", "reason": "language", "language": "fra"}));
    assert!(common::stderr(&run).contains("1 non-English skipped (1 fra)"), "{}", common::stderr(&run));
}

const ORIGINAL: &str = "The international coalition said on Tuesday that its aircraft had struck positions held by the \
    militants near the northern city, killing at least twelve fighters and destroying two vehicles. Local officials \
    reported that civilians had fled the area overnight as the bombardment intensified, and aid groups warned of a \
    growing humanitarian crisis in the region where thousands of people are already displaced. The coalition said \
    the strikes would continue until the militants withdrew from the villages they had seized last month, while \
    the government urged residents to stay away from the front line and promised to open safe corridors for \
    families trying to leave the besieged districts.";

/// Swaps words for synonyms, as article spinners do.
fn spin(text: &str) -> String {
    let swaps = [
        ("international", "worldwide"), ("killing", "slaying"), ("said", "stated"), ("people", "persons"),
        ("struck", "hit"), ("government", "administration"), ("officials", "authorities"), ("fled", "escaped"),
        ("warned", "cautioned"), ("growing", "mounting"), ("seized", "captured"), ("urged", "asked"),
        ("promised", "pledged"), ("families", "households"), ("leave", "exit"), ("city", "town"),
    ];
    text.split(' ').map(|w| swaps.iter().find(|(a, _)| *a == w).map_or(w.to_string(), |(_, b)| b.to_string())).collect::<Vec<_>>().join(" ")
}

#[test]
fn a_spun_copy_is_linked_to_the_first_copy_and_not_coded_again() {
    let dir = tmp();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let original = format!("Coalition strikes militants\n\n{ORIGINAL}\n");
    let spun = spin(&original);
    let changed = original.split(' ').zip(spun.split(' ')).filter(|(a, b)| a != b).count() as f64;
    let words = original.split(' ').count() as f64;
    assert!(changed / words > 0.08, "the copy should be reworded ({changed} of {words} words)");
    std::fs::write(inputs.join("1-original.txt"), &original).unwrap();
    std::fs::write(inputs.join("2-other.txt"), article(8)).unwrap();
    std::fs::write(inputs.join("3-spun.txt"), &spun).unwrap();
    let out = dir.path().join("docs.jsonl");
    let run = ingest(&[&p(&inputs), "--out", &p(&out), "--emit", "documents"]);
    assert!(run.status.success(), "{}", common::stderr(&run));
    let docs: Vec<Value> = std::fs::read_to_string(&out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["duplicate_of"], Value::Null);
    assert!(!docs[0]["events"].as_array().unwrap().is_empty());
    assert_eq!(docs[1]["duplicate_of"], Value::Null);
    assert_eq!(docs[2]["id"], "3-spun.txt");
    assert_eq!(docs[2]["duplicate_of"], "1-original.txt");
    assert_eq!(docs[2]["events"], serde_json::json!([]));
    let skipped = std::fs::read_to_string(dir.path().join("docs.jsonl.skipped.jsonl")).unwrap();
    assert!(skipped.contains(r#""duplicate_of":"1-original.txt","id":"3-spun.txt","reason":"near-duplicate""#), "{skipped}");
    assert!(common::stderr(&run).contains("1 near-duplicate(s) linked"));
}

fn warc_gz(pages: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (uri, mime, payload) in pages {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\n\r\n{payload}");
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(rec.as_bytes()).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn html(n: u64) -> String {
    let paras: String = article(n).split("\n\n").skip(1).map(|p| format!("<p>{p}</p>")).collect();
    format!("<html><head><title>Report {n}</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Report {n}</h1>{paras}</article></body></html>")
}

#[test]
fn a_damaged_warc_is_reported_and_the_other_inputs_still_coded() {
    let dir = tmp();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let (h1, h2, h3) = (html(1), html(2), html(3));
    let crawl = warc_gz(&[
        ("http://n.test/1", "text/html", &h1),
        ("http://n.test/logo.png", "image/png", "PNG"),
        ("http://n.test/2", "text/html; charset=utf-8", &h2),
        ("http://n.test/3", "text/html", &h3),
    ]);
    std::fs::write(inputs.join("a.warc.gz"), &crawl[..crawl.len() - 100]).unwrap();
    std::fs::write(inputs.join("b.txt"), article(9)).unwrap();
    let out = dir.path().join("docs.jsonl");
    let run = ingest(&[&format!("{}/*", p(&inputs)), "--out", &p(&out), "--emit", "documents"]);
    let stderr = common::stderr(&run);
    assert_eq!(run.status.code(), Some(1), "a damaged input must fail the run: {stderr}");
    assert!(stderr.contains("a.warc.gz: record 4 at byte "), "{stderr}");
    let ids: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["http://n.test/1", "http://n.test/2", "b.txt"]);
    assert!(stderr.contains("1 record(s) without an article skipped (1 non-HTML payload (image/png))"), "{stderr}");
}

/// Starts a run, kills it with SIGKILL after `delay`, and waits for it.
fn run_and_kill(args: &[String], delay: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sitrep starts");
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    if !finished {
        child.kill().unwrap(); // SIGKILL on Unix
    }
    child.wait().unwrap();
    finished
}

#[test]
fn a_run_killed_at_random_moments_resumes_to_the_uninterrupted_output() {
    let dir = tmp();
    let inputs = dir.path().join("in");
    corpus(&inputs, 300);
    // a spun copy and a French text, so the duplicate index and the skip log are resumed too
    std::fs::write(inputs.join("00003-original.txt"), ORIGINAL).unwrap();
    std::fs::write(inputs.join("00150-spun.txt"), spin(ORIGINAL)).unwrap();
    std::fs::write(inputs.join("00151-fr.txt"), "Les combattants rebelles ont pris la ville lundi après deux jours de combats avec les troupes gouvernementales, selon des habitants.\n").unwrap();
    let reference = dir.path().join("reference.jsonl");
    let run = ingest(&[&p(&inputs), "--out", &p(&reference), "--batch", "8", "--threads", "2"]);
    assert!(run.status.success(), "{}", common::stderr(&run));

    let out: PathBuf = dir.path().join("resumed.jsonl");
    let args: Vec<String> =
        ["ingest", &p(&inputs), "--out", &p(&out), "--batch", "8", "--threads", "2", "--resume"].iter().map(|s| s.to_string()).collect();
    let mut state: u64 = 0x5eed_1234;
    let mut kills = 0;
    for _ in 0..12 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let delay = Duration::from_millis(40 + state % 400);
        if run_and_kill(&args, delay) {
            break;
        }
        kills += 1;
    }
    let last = Command::new(env!("CARGO_BIN_EXE_sitrep")).args(&args).output().unwrap();
    assert!(last.status.success(), "{}", common::stderr(&last));
    eprintln!("killed {kills} time(s) before the run finished");
    assert!(kills >= 1, "the run was never interrupted; the test proves nothing");
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&reference).unwrap(), "resumed output differs after {kills} kill(s)");
    assert_eq!(
        std::fs::read(dir.path().join("resumed.jsonl.skipped.jsonl")).unwrap(),
        std::fs::read(dir.path().join("reference.jsonl.skipped.jsonl")).unwrap()
    );
    let skipped = std::fs::read_to_string(dir.path().join("resumed.jsonl.skipped.jsonl")).unwrap();
    assert!(skipped.contains(r#""duplicate_of":"00003-original.txt","id":"00150-spun.txt""#), "{skipped}");
    assert!(skipped.contains(r#""id":"00151-fr.txt","language":"fra""#), "{skipped}");
}

#[test]
fn a_resume_with_other_inputs_is_refused() {
    let dir = tmp();
    let a = dir.path().join("a");
    corpus(&a, 3);
    let out = dir.path().join("out.jsonl");
    assert!(ingest(&[&p(&a), "--out", &p(&out)]).status.success());
    let other = dir.path().join("b");
    corpus(&other, 2);
    let run = ingest(&[&p(&other), "--out", &p(&out), "--resume"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(common::stderr(&run).contains("the checkpoint was made for other inputs"), "{}", common::stderr(&run));
}

/// `--out /dev/null` with a store: the device is neither synced (it cannot be) nor tracked for resuming, and the
/// run stores every document.
#[cfg(unix)]
#[test]
fn events_can_go_to_the_store_alone_with_out_dev_null() {
    let dir = tmp();
    let inputs = dir.path().join("in");
    corpus(&inputs, 12);
    let db = dir.path().join("e.sqlite");
    let run = ingest(&[&p(&inputs), "--out", "/dev/null", "--db", &p(&db)]);
    assert!(run.status.success(), "{}", common::stderr(&run));
    let mut docs = 0;
    sitrep_store::Store::open(&p(&db)).unwrap().for_each_document(&mut |_, _, _| { docs += 1; Ok(()) }).unwrap();
    assert_eq!(docs, 12);
}
