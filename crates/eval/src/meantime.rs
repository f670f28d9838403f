//! MEANTIME (NewsReader, CC BY 4.0): Wikinews articles in CAT XML with TIMEX3 annotations and document creation
//! times. The text is rebuilt from the tokens, sitrep finds and resolves time expressions against the creation time,
//! and each gold TIMEX3 is matched to the system expression that overlaps it most.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use sitrep_model::{Document, Span};

use crate::report::{harmonic, Metric, Report};
use crate::EvalError;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<token[^>]*\bsentence="(\d+)"[^>]*\bt_id="(\d+)"[^>]*>([^<]*)</token>"#).expect("valid token pattern")
});
static TIMEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?s)<TIMEX3 ([^>]*)>(.*?)</TIMEX3>"#).expect("valid timex pattern"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(\w+)="([^"]*)""#).expect("valid attribute pattern"));
static ANCHOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"t_id="(\d+)""#).expect("valid anchor pattern"));

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// One annotated document: rebuilt text, its creation time and gold expressions (code-point spans).
struct GoldDocument {
    name: String,
    text: String,
    creation: Option<String>,
    timexes: Vec<(Span, String, String)>, // span, type, value
    /// Code points covered by the annotated sentences (MEANTIME annotates time expressions in the title, the
    /// date line and the first sentences only: sentence numbers 0 to 5).
    scope_end: usize,
}

/// The last sentence number whose time expressions MEANTIME annotates.
const ANNOTATED_SENTENCES: u32 = 5;

/// No space before closing punctuation and clitics, none after opening brackets and currency signs.
fn joins_left(token: &str) -> bool {
    matches!(token, "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "%" | "'s" | "n't" | "'" | "'re" | "'ve" | "'ll" | "'d" | "'m")
}
fn joins_right(token: &str) -> bool {
    matches!(token, "(" | "[" | "$" | "£" | "€")
}

fn parse(name: &str, xml: &str) -> GoldDocument {
    let mut text = String::new();
    let mut positions: HashMap<String, Span> = HashMap::new();
    let mut chars = 0usize;
    let mut last_sentence: Option<String> = None;
    let mut previous = String::new();
    let mut scope_end = 0;
    for c in TOKEN.captures_iter(xml) {
        let (sentence, id, token) = (&c[1], &c[2], unescape(&c[3]));
        let separator = match &last_sentence {
            None => "",
            Some(s) if s != sentence => "\n",
            Some(_) if joins_left(&token) || joins_right(&previous) => "",
            Some(_) => " ",
        };
        text.push_str(separator);
        chars += separator.chars().count();
        let len = token.chars().count();
        positions.insert(id.to_string(), Span(chars, chars + len));
        text.push_str(&token);
        chars += len;
        if sentence.parse::<u32>().is_ok_and(|n| n <= ANNOTATED_SENTENCES) {
            scope_end = chars;
        }
        last_sentence = Some(sentence.to_string());
        previous = token;
    }
    let mut creation = None;
    let mut timexes = Vec::new();
    for c in TIMEX.captures_iter(xml) {
        let attrs: HashMap<String, String> = ATTR.captures_iter(&c[1]).map(|a| (a[1].to_string(), a[2].to_string())).collect();
        let value = attrs.get("value").cloned().unwrap_or_default();
        if attrs.get("functionInDocument").is_some_and(|f| f == "CREATION_TIME") {
            creation = creation_day(&value);
        }
        let spans: Vec<Span> = ANCHOR.captures_iter(&c[2]).filter_map(|a| positions.get(&a[1]).copied()).collect();
        let (Some(first), Some(last)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) else {
            continue; // an empty (implicit) TIMEX3 has no text to find
        };
        timexes.push((Span(first, last), attrs.get("type").cloned().unwrap_or_default(), value));
    }
    GoldDocument { name: name.to_string(), text, creation, timexes, scope_end }
}

/// The creation time's day: ISO `2009-02-03…`, or the `03-02-2009` (day-month-year) a few files use.
fn creation_day(value: &str) -> Option<String> {
    let v = value.get(..10)?;
    if sitrep_time::parse_reference_date(v).is_some() {
        return Some(v.to_string());
    }
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 => {
            let iso = format!("{y}-{m}-{d}");
            sitrep_time::parse_reference_date(&iso).map(|_| iso)
        }
        _ => None,
    }
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            xml_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "xml") {
            out.push(p);
        }
    }
    Ok(())
}

fn overlap(a: Span, b: Span) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Scores `sitrep_coder::document_timexes` on a MEANTIME folder (any folder of CAT XML documents).
pub(crate) fn evaluate_meantime(dir: &Path) -> Result<Report, EvalError> {
    let shown = dir.display().to_string();
    let mut files = Vec::new();
    xml_files(dir, &mut files).map_err(|source| EvalError::Io { path: shown.clone(), source })?;
    let (mut gold_n, mut system_n, mut matched_system, mut found, mut value_hits, mut type_hits) = (0, 0, 0, 0, 0, 0);
    let (mut date_n, mut date_hits) = (0, 0);
    let mut documents = 0;
    let mut skipped = 0;
    let mut misses: HashMap<String, usize> = HashMap::new();
    for file in &files {
        let Ok(xml) = std::fs::read_to_string(file) else {
            skipped += 1;
            continue;
        };
        if !xml.contains("<Document") {
            skipped += 1;
            continue;
        }
        let name = file.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let gold = parse(&name, &xml);
        documents += 1;
        let doc = Document::from_text(gold.name.clone(), gold.text.clone()).with_publication_date(gold.creation.clone());
        let system: Vec<_> =
            sitrep_coder::document_timexes(&doc).into_iter().filter(|t| t.span.1 <= gold.scope_end).collect();
        system_n += system.len();
        matched_system += system.iter().filter(|s| gold.timexes.iter().any(|(g, _, _)| overlap(*g, s.span) > 0)).count();
        if std::env::var("SITREP_DEBUG_MEANTIME").is_ok() {
            for s in system.iter().filter(|s| !gold.timexes.iter().any(|(g, _, _)| overlap(*g, s.span) > 0)) {
                eprintln!("EXTRA {} {:?} {:?}", s.kind, s.value, s.text);
            }
        }
        for (span, kind, value) in &gold.timexes {
            gold_n += 1;
            let is_date = kind == "DATE";
            date_n += usize::from(is_date);
            let best = system.iter().filter(|s| overlap(*span, s.span) > 0).max_by_key(|s| overlap(*span, s.span));
            let debug = std::env::var("SITREP_DEBUG_MEANTIME").is_ok();
            let gold_text: String = gold.text.chars().skip(span.0).take(span.1 - span.0).collect();
            let Some(best) = best else {
                if debug {
                    eprintln!("MISS {kind} {value:?} {gold_text:?}");
                }
                *misses.entry(format!("missed {kind}")).or_default() += 1;
                continue;
            };
            found += 1;
            type_hits += usize::from(&best.kind == kind);
            if best.value.as_deref() == Some(value.as_str()) {
                value_hits += 1;
                date_hits += usize::from(is_date);
            } else {
                if debug {
                    eprintln!("DIFF {kind} gold {value:?} system {:?} {gold_text:?} / {:?}", best.value, best.text);
                }
                *misses.entry(format!("{kind} value differs")).or_default() += 1;
            }
        }
    }
    if documents == 0 {
        return Err(EvalError::Empty { path: shown });
    }
    let precision = crate::report::ratio(matched_system, system_n);
    let recall = crate::report::ratio(found, gold_n);
    let metrics = vec![
        Metric::ratio("timex_value_accuracy", value_hits, gold_n, "gold TIMEX3s whose overlapping system expression has the same value (missed = wrong)"),
        Metric::ratio("timex_date_value_accuracy", date_hits, date_n, "the same, DATE expressions only"),
        Metric::ratio("timex_value_accuracy_found", value_hits, found, "value accuracy over the gold expressions sitrep found"),
        Metric::ratio("timex_type_accuracy_found", type_hits, found, "TIMEX3 type equal, over found expressions"),
        Metric::new("timex_recall", recall, gold_n, "gold TIMEX3s overlapped by a system expression"),
        Metric::new("timex_precision", precision, system_n, "system expressions overlapping a gold TIMEX3"),
        Metric::new("timex_f1", harmonic(precision, recall), gold_n + system_n, "harmonic mean of the two above"),
    ];
    let mut miss_list: Vec<(String, usize)> = misses.into_iter().collect();
    miss_list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let notes = vec![
        "text rebuilt from the CAT tokens (single spaces, none before closing punctuation); reference date = the document creation time".to_string(),
        format!("scored in the annotated scope: sentences 0 to {ANNOTATED_SENTENCES} of each document (title, date line, first sentences)"),
        format!(
            "errors: {}",
            miss_list.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
        ),
    ];
    Ok(Report { kind: "meantime".into(), path: shown, records: documents, skipped, metrics, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Document doc_id="1" doc_name="x">
<token number="0" sentence="0" t_id="1">Talks</token>
<token number="1" sentence="0" t_id="2">end</token>
<token number="2" sentence="1" t_id="3">June</token>
<token number="3" sentence="1" t_id="4">13</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2005</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="9" type="DATE" value="2005-06-13">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="10" type="DATE" value="PRESENT_REF"></TIMEX3>
</Markables></Document>"#;

    #[test]
    fn rebuilds_text_and_gold_spans() {
        let gold = parse("x", XML);
        assert_eq!(gold.text, "Talks end\nJune 13, 2005");
        assert_eq!(gold.creation.as_deref(), Some("2005-06-13"));
        assert_eq!(gold.timexes.len(), 1, "the empty TIMEX3 has no span");
        assert_eq!(gold.timexes[0].0, Span(10, 23));
    }
}
