//! The report every scorer produces, and its plain-text rendering.

use serde::Serialize;

/// The scores of one gold file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// `"ucdp-ged"`, `"plover-gsr"` or `"article-extraction"`.
    pub kind: String,
    pub path: String,
    /// Records scored.
    pub records: usize,
    /// Lines skipped because they could not be read as a record of this set.
    pub skipped: usize,
    pub metrics: Vec<Metric>,
    pub notes: Vec<String>,
}

/// One number, with the size of the population it is computed over.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub name: String,
    /// 0 when `count` is 0 (the text table shows `n/a`).
    pub value: f64,
    /// The denominator: how many items (records, events, pairs, pages) the value is computed over.
    pub count: usize,
    pub description: String,
}

impl Metric {
    pub fn new(name: &str, value: f64, count: usize, description: impl Into<String>) -> Self {
        let value = if value.is_finite() { value } else { 0.0 };
        Metric { name: name.to_string(), value, count, description: description.into() }
    }

    /// `hits / total`, 0 when `total` is 0.
    pub fn ratio(name: &str, hits: usize, total: usize, description: impl Into<String>) -> Self {
        Metric::new(name, ratio(hits, total), total, description)
    }

    /// The mean of `sum` over `n` items, 0 when `n` is 0.
    pub fn mean(name: &str, sum: f64, n: usize, description: impl Into<String>) -> Self {
        Metric::new(name, if n == 0 { 0.0 } else { sum / n as f64 }, n, description)
    }
}

pub(crate) fn ratio(hits: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

/// Harmonic mean of a precision and a recall (0 when both are 0).
pub(crate) fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// F1 from true positives, false positives and false negatives (0 when there is nothing to score).
pub(crate) fn f1(tp: f64, fp: f64, fn_: f64) -> f64 {
    let denominator = 2.0 * tp + fp + fn_;
    if denominator <= 0.0 {
        0.0
    } else {
        2.0 * tp / denominator
    }
}

impl Report {
    /// A human-readable table: a header line, one aligned row per metric, then the notes.
    pub fn to_text(&self) -> String {
        let mut out =
            format!("{} — {}\nrecords: {}  skipped: {}\n\n", self.kind, self.path, self.records, self.skipped);
        let values: Vec<String> = self
            .metrics
            .iter()
            .map(|m| if m.count == 0 { "n/a".to_string() } else { format!("{:.3}", m.value) })
            .collect();
        let counts: Vec<String> = self.metrics.iter().map(|m| m.count.to_string()).collect();
        let name_w = self.metrics.iter().map(|m| m.name.chars().count()).chain([6]).max().unwrap_or(6);
        let value_w = values.iter().map(|v| v.chars().count()).chain([5]).max().unwrap_or(5);
        let count_w = counts.iter().map(|c| c.chars().count()).chain([5]).max().unwrap_or(5);
        out.push_str(&format!(
            "{:<name_w$}  {:>value_w$}  {:>count_w$}  {}\n",
            "metric", "value", "count", "description"
        ));
        for ((m, v), c) in self.metrics.iter().zip(&values).zip(&counts) {
            out.push_str(&format!("{:<name_w$}  {:>value_w$}  {:>count_w$}  {}\n", m.name, v, c, m.description));
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for n in &self.notes {
                out.push_str("note: ");
                out.push_str(n);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_table_aligns_columns_and_marks_empty_metrics() {
        let report = Report {
            kind: "plover-gsr".into(),
            path: "x.jsonl".into(),
            records: 2,
            skipped: 1,
            metrics: vec![
                Metric::ratio("type_accuracy", 1, 2, "share right"),
                Metric::ratio("mode_accuracy", 0, 0, "no modes"),
            ],
            notes: vec!["line 3: bad".into()],
        };
        let text = report.to_text();
        assert!(text.contains("type_accuracy  0.500      2  share right"), "{text}");
        assert!(text.contains("mode_accuracy    n/a      0  no modes"), "{text}");
        assert!(text.contains("note: line 3: bad"));
    }

    #[test]
    fn f1_and_ratio_handle_zero_denominators() {
        assert_eq!(f1(0.0, 0.0, 0.0), 0.0);
        assert_eq!(ratio(3, 0), 0.0);
        assert!((f1(1.0, 1.0, 0.0) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Metric::new("x", f64::NAN, 1, "").value, 0.0);
    }
}
