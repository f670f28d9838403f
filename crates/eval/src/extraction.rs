//! article-extraction: main-text extraction scored by the article-extraction-benchmark's shingle method.
//!
//! Text is tokenised with the Unicode regex `\w+`; each side becomes a multiset of 4-token shingles (a text with
//! fewer than 4 tokens is one shingle of all its tokens, as in the benchmark's reference scorer). Per page, TP/FP/FN
//! are the multiset overlaps, normalised to sum to 1; precision and recall are averaged over pages (pages without
//! predicted shingles are left out of precision, pages without gold shingles out of recall) and F1 = 2PR/(P+R).

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use regex::Regex;
use serde_json::Value;

use crate::records::get_str;
use crate::report::Metric;
use crate::Scorer;

/// Shingle length of the benchmark.
pub(crate) const SHINGLE_TOKENS: usize = 4;

/// Normalised `[tp, fp, fn]` of one page (all zero when neither side has a shingle).
pub(crate) type PageCounts = [f64; 3];

/// The `\w+` tokens of `text` (the regex crate's `\w` is Unicode-aware).
pub(crate) fn tokens<'t>(word: &Regex, text: &'t str) -> Vec<&'t str> {
    word.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of `n`-token shingles of `text`.
pub(crate) fn shingles(word: &Regex, text: &str, n: usize) -> HashMap<String, usize> {
    let toks = tokens(word, text);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    let windows = toks.len().saturating_sub(n.max(1) - 1).max(1);
    for i in 0..windows {
        let end = (i + n).min(toks.len());
        *out.entry(toks[i..end].join(" ")).or_insert(0) += 1;
    }
    out
}

/// TP/FP/FN of one page, normalised to sum 1.
pub(crate) fn page_counts(word: &Regex, gold: &str, predicted: &str) -> PageCounts {
    let g = shingles(word, gold, SHINGLE_TOKENS);
    let p = shingles(word, predicted, SHINGLE_TOKENS);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (key, &gc) in &g {
        let pc = p.get(key).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += gc.saturating_sub(pc);
    }
    for (key, &pc) in &p {
        fp += pc.saturating_sub(g.get(key).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return [0.0; 3];
    }
    [tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum]
}

/// Averaged precision (and how many pages it averages), averaged recall (and its pages), and F1.
pub(crate) fn summarise(pages: &[PageCounts]) -> (f64, usize, f64, usize, f64) {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n) = (0.0, 0usize, 0.0, 0usize);
    for &[tp, fp, fn_] in pages {
        if tp + fp > 0.0 {
            p_sum += tp / (tp + fp);
            p_n += 1;
        }
        if tp + fn_ > 0.0 {
            r_sum += tp / (tp + fn_);
            r_n += 1;
        }
    }
    let p = if p_n == 0 { 0.0 } else { p_sum / p_n as f64 };
    let r = if r_n == 0 { 0.0 } else { r_sum / r_n as f64 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, p_n, r, r_n, f)
}

/// Body F1 (with precision and recall) of any extractor's output, scored exactly as `sitrep eval` scores sitrep on
/// the article-extraction set: `(gold body, extracted body)` per page. Lets `sitrep bench` score other extractors
/// (trafilatura) on the same pages.
pub fn body_scores(pages: &[(&str, &str)]) -> (f64, f64, f64) {
    let word = Regex::new(r"\w+").expect("a constant, valid pattern");
    let counts: Vec<PageCounts> = pages.iter().map(|(gold, predicted)| page_counts(&word, gold, predicted)).collect();
    let (p, _, r, _, f) = summarise(&counts);
    (p, r, f)
}

pub(crate) struct ExtractionScorer {
    word: Regex,
    pages: Vec<PageCounts>,
    extraction_time: Duration,
    empty_bodies: usize,
    panics: Vec<String>,
}

impl ExtractionScorer {
    pub(crate) fn new() -> Self {
        ExtractionScorer {
            word: Regex::new(r"\w+").expect("a constant, valid pattern"),
            pages: Vec::new(),
            extraction_time: Duration::ZERO,
            empty_bodies: 0,
            panics: Vec::new(),
        }
    }
}

impl Scorer for ExtractionScorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let html = get_str(record, "html").ok_or("no \"html\" string")?;
        let gold = record.get("gold").filter(|g| g.is_object()).ok_or("no \"gold\" object")?;
        let gold_body = match gold.get("articleBody") {
            Some(Value::String(s)) => s.as_str(),
            Some(Value::Null) => "",
            _ => return Err("no \"gold.articleBody\" string".to_string()),
        };
        let url = record.get("meta").and_then(|m| get_str(m, "url"));
        let started = Instant::now();
        let page = catch_unwind(AssertUnwindSafe(|| sitrep_ingest::extract_html(html, url)));
        self.extraction_time += started.elapsed();
        let body = match page {
            Ok(page) => page.body,
            Err(_) => {
                let id = get_str(record, "id").unwrap_or("?");
                self.panics.push(id.to_string());
                String::new()
            }
        };
        if !self.word.is_match(&body) {
            self.empty_bodies += 1;
        }
        self.pages.push(page_counts(&self.word, gold_body, &body));
        Ok(())
    }

    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        let n = self.pages.len();
        let (p, p_n, r, r_n, f) = summarise(&self.pages);
        let secs = self.extraction_time.as_secs_f64();
        let pps = if secs > 0.0 { n as f64 / secs } else { 0.0 };
        let metrics = vec![
            Metric::new("body_f1", f, n, "2PR/(P+R) of the two averages below (benchmark method, 4-token shingles)"),
            Metric::new("body_precision", p, p_n, "mean per-page shingle precision, pages with predicted text"),
            Metric::new("body_recall", r, r_n, "mean per-page shingle recall, pages with gold text"),
            Metric::ratio("empty_body_rate", self.empty_bodies, n, "pages where the extractor returned no words"),
            Metric::new(
                "pages_per_second",
                pps,
                n,
                format!("extract_html calls only, {secs:.2} s in all; machine-dependent, not comparable across hosts"),
            ),
        ];
        let mut notes = vec!["body compared without the title (HtmlPage.body vs gold.articleBody)".to_string()];
        if !self.panics.is_empty() {
            notes.push(format!(
                "extractor panicked on {} page(s), scored as empty: {}",
                self.panics.len(),
                self.panics.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        (metrics, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word() -> Regex {
        Regex::new(r"\w+").unwrap()
    }

    fn f1_of(pairs: &[(&str, &str)]) -> (f64, f64, f64) {
        let w = word();
        let pages: Vec<_> = pairs.iter().map(|(g, p)| page_counts(&w, g, p)).collect();
        let (p, _, r, _, f) = summarise(&pages);
        (p, r, f)
    }

    #[test]
    fn tokenises_unicode_words() {
        let w = word();
        assert_eq!(tokens(&w, "Çà va, Zürich — 東京 2024!"), ["Çà", "va", "Zürich", "東京", "2024"]);
    }

    #[test]
    fn shingles_are_multisets_and_short_texts_are_one_shingle() {
        let w = word();
        let s = shingles(&w, "a b c d a b c d", 4);
        assert_eq!(s.len(), 4);
        assert_eq!(s["a b c d"], 2);
        assert_eq!(shingles(&w, "a b", 4).into_iter().collect::<Vec<_>>(), [("a b".to_string(), 1)]);
        assert!(shingles(&w, " ... ", 4).is_empty());
    }

    #[test]
    fn perfect_extraction_scores_one() {
        let (p, r, f) = f1_of(&[("The quick brown fox jumps over the dog.", "The quick brown fox jumps over the dog")]);
        assert_eq!((p, r, f), (1.0, 1.0, 1.0));
    }

    #[test]
    fn disjoint_extraction_scores_zero() {
        let (p, r, f) = f1_of(&[("one two three four five", "six seven eight nine ten")]);
        assert_eq!((p, r, f), (0.0, 0.0, 0.0));
    }

    #[test]
    fn partial_overlap_matches_hand_computed_values() {
        // Page 1: gold {abcd, bcde}, predicted {abcd, bcdx}: tp=fp=fn=1/3 → P = R = 1/2.
        // Page 2: gold {abcd, bcde}, predicted {abcd}: tp=1/2, fp=0, fn=1/2 → P = 1, R = 1/2.
        // Averages: P = 3/4, R = 1/2, F1 = 2·(3/8)/(5/4) = 0.6.
        let w = word();
        assert_eq!(page_counts(&w, "a b c d e", "a b c d x"), [1.0 / 3.0; 3]);
        let (p, r, f) = f1_of(&[("a b c d e", "a b c d x"), ("a b c d e", "a b c d")]);
        assert!((p - 0.75).abs() < 1e-12, "{p}");
        assert!((r - 0.5).abs() < 1e-12, "{r}");
        assert!((f - 0.6).abs() < 1e-12, "{f}");
    }

    #[test]
    fn pages_without_shingles_are_left_out_of_the_matching_average() {
        // Page 2 has no prediction: it counts for recall (0) but not for precision.
        let w = word();
        let pages = [page_counts(&w, "a b c d", "a b c d"), page_counts(&w, "a b c d", "")];
        let (p, p_n, r, r_n, _) = summarise(&pages);
        assert_eq!((p, p_n, r, r_n), (1.0, 1, 0.5, 2));
        assert_eq!(page_counts(&w, "", ""), [0.0; 3]);
    }
}
