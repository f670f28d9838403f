//! petrarch2-unittests: PETRARCH2's validation sentences, coded with the validation dictionaries that sit beside the
//! records (`PETR.Validate.actors.txt`, `…agents.txt`, `…verbs.txt`, loaded on top of sitrep's lexicon with
//! [`Lexicon::builtin_with`]), scored as the set's README asks: set-F1 over (source, target, eventcode) triples,
//! exact sentences, eventcode / CAMEO root / QuadClass accuracy; `expect_no_events` sentences must yield nothing;
//! `expect_error` sentences (parser error handling) are skipped.
//!
//! `SITREP_DEBUG_PETRARCH=1` prints each sentence whose triples differ from the gold ones.
//!
//! A system triple is made for each emitted event and each pair of its actor and recipient codes, PETRARCH-style:
//! an actor's code, else `---` + its sector for an agent with no country ("---GOV"), `---` for a missing role.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;
use sitrep_coder::Coder;
use sitrep_lexicon::Lexicon;
use sitrep_model::{Actor, Document};

use crate::report::Metric;
use crate::{EvalError, Scorer};

type Triple = (String, String, String);

/// Lexicons built from validation dictionaries, one per folder, kept for the life of the process (a coder needs a
/// `&'static Lexicon`; building one takes a fraction of a second and an evaluation run uses one folder).
fn lexicon_for(dir: &Path) -> Result<&'static Lexicon, EvalError> {
    static CACHE: OnceLock<Mutex<Vec<(std::path::PathBuf, &'static Lexicon)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, lex)) = cache.iter().find(|(d, _)| d == dir) {
        return Ok(lex);
    }
    let (lexicon, _) = Lexicon::builtin_with(dir).map_err(|e| EvalError::Io {
        path: dir.display().to_string(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    })?;
    let lex: &'static Lexicon = Box::leak(Box::new(lexicon));
    cache.push((dir.to_path_buf(), lex));
    Ok(lex)
}

pub(crate) struct PetrarchScorer {
    coder: Coder,
    records: usize,
    errors_skipped: usize,
    exact: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    gold_events: usize,
    code_hits: usize,
    root_hits: usize,
    quad_hits: usize,
    no_event_records: usize,
    no_event_clean: usize,
    panics: Vec<String>,
}

/// PETRARCH's code for a party: its code, else `---` + sector ("---GOV"), else `---`.
fn party_code(a: Option<&Actor>) -> String {
    match a {
        None => "---".to_string(),
        Some(a) => match (a.code.as_deref().filter(|c| !c.is_empty()), a.sector.as_deref()) {
            (Some(c), _) => c.to_ascii_uppercase(),
            (None, Some(s)) => format!("---{s}"),
            (None, None) => "---".to_string(),
        },
    }
}

/// The actors a PETRARCH code names: "FRO/BIL/SAM" → FRO, BIL, SAM; any other code is one.
fn split_code(code: String) -> Vec<String> {
    if code.contains('/') {
        code.split('/').filter(|c| !c.is_empty()).map(str::to_string).collect()
    } else {
        vec![code]
    }
}

/// CAMEO QuadClass of an event code: 1 verbal cooperation (01-05), 2 material cooperation (06-08), 3 verbal
/// conflict (09-13), 4 material conflict (14-20); 0 for codes outside CAMEO.
fn quad_class(code: &str) -> u8 {
    match code.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(1..=5) => 1,
        Some(6..=8) => 2,
        Some(9..=13) => 3,
        Some(14..=20) => 4,
        _ => 0,
    }
}

impl PetrarchScorer {
    /// A scorer coding with `coder`, or, without one, with the validation dictionaries in `dir`.
    pub(crate) fn new(dir: &Path, coder: Option<Coder>) -> Result<Self, EvalError> {
        let coder = match coder {
            Some(c) => c,
            None => Coder::with_lexicon(lexicon_for(dir)?),
        };
        Ok(PetrarchScorer {
            coder,
            records: 0,
            errors_skipped: 0,
            exact: 0,
            tp: 0,
            fp: 0,
            fn_: 0,
            gold_events: 0,
            code_hits: 0,
            root_hits: 0,
            quad_hits: 0,
            no_event_records: 0,
            no_event_clean: 0,
            panics: Vec::new(),
        })
    }
}

impl Scorer for PetrarchScorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = record.get("text").and_then(Value::as_str).ok_or("no \"text\" string")?;
        let id = record.get("id").and_then(Value::as_str).unwrap_or("?");
        let gold = record.get("gold").filter(|g| g.is_object()).ok_or("no \"gold\" object")?;
        if gold.get("expect_error").and_then(Value::as_bool) == Some(true) {
            self.errors_skipped += 1;
            return Ok(());
        }
        let expect_none = gold.get("expect_no_events").and_then(Value::as_bool) == Some(true);
        let mut gold_triples: BTreeSet<Triple> = BTreeSet::new();
        for e in gold.get("events").and_then(Value::as_array).ok_or("no \"gold.events\" list")? {
            let field = |k: &str| e.get(k).and_then(Value::as_str).map(|s| s.trim().to_ascii_uppercase());
            let (Some(s), Some(t), Some(c)) = (field("sourcecode"), field("targetcode"), field("eventcode")) else {
                return Err("a gold event lacks sourcecode, targetcode or eventcode".into());
            };
            gold_triples.insert((s, t, c));
        }
        // meta.date is YYYYMMDD: it dates the sentence, and so the roles of the people in it
        let date = record.get("meta").and_then(|m| m.get("date")).and_then(Value::as_str).filter(|d| d.len() == 8);
        let doc = Document::from_text(id, text)
            .with_publication_date(date.map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8])));
        let events = crate::code_or_note_panic(&self.coder, &doc, &mut self.panics);
        let mut system: BTreeSet<Triple> = BTreeSet::new();
        for e in &events {
            let code = e.cameo.clone().unwrap_or_default().to_ascii_uppercase();
            let sources: Vec<Option<&Actor>> =
                if e.actors.is_empty() { vec![None] } else { e.actors.iter().map(Some).collect() };
            let targets: Vec<Option<&Actor>> =
                if e.recipients.is_empty() { vec![None] } else { e.recipients.iter().map(Some).collect() };
            // a PETRARCH code with slashes ("FRO/BIL/SAM" for The Shire) names several actors, each a party
            for s in sources.iter().flat_map(|s| split_code(party_code(*s))) {
                for t in targets.iter().flat_map(|t| split_code(party_code(*t))) {
                    system.insert((s.clone(), t, code.clone()));
                }
            }
        }
        self.records += 1;
        if system != gold_triples && std::env::var_os("SITREP_DEBUG_PETRARCH").is_some() {
            eprintln!("{id}\tgold {gold_triples:?}\tsystem {system:?}\t{text}");
        }
        let tp = system.intersection(&gold_triples).count();
        self.tp += tp;
        self.fp += system.len() - tp;
        self.fn_ += gold_triples.len() - tp;
        self.exact += usize::from(system == gold_triples);
        if expect_none {
            self.no_event_records += 1;
            self.no_event_clean += usize::from(events.is_empty());
        }
        let codes: Vec<&str> = system.iter().map(|(_, _, c)| c.as_str()).collect();
        for (_, _, c) in &gold_triples {
            self.gold_events += 1;
            self.code_hits += usize::from(codes.contains(&c.as_str()));
            self.root_hits += usize::from(codes.iter().any(|s| s.get(..2) == c.get(..2)));
            self.quad_hits += usize::from(codes.iter().any(|s| quad_class(s) == quad_class(c)));
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        let metrics = vec![
            Metric::new("exact", ratio(self.exact, self.records), self.records, "sentences whose (source, target, eventcode) set equals the gold set"),
            Metric::new("triple_f1", f1, self.tp + self.fn_, "micro set-F1 of (source, target, eventcode) triples (count = gold triples)"),
            Metric::new("triple_precision", p, self.tp + self.fp, "system triples that are gold"),
            Metric::new("triple_recall", r, self.tp + self.fn_, "gold triples the system made"),
            Metric::new("eventcode_accuracy", ratio(self.code_hits, self.gold_events), self.gold_events, "gold events whose CAMEO code some system event of the sentence has"),
            Metric::new("root_accuracy", ratio(self.root_hits, self.gold_events), self.gold_events, "the same on the 2-digit CAMEO root"),
            Metric::new("quadclass_accuracy", ratio(self.quad_hits, self.gold_events), self.gold_events, "the same on the CAMEO QuadClass"),
            Metric::new("no_event_accuracy", ratio(self.no_event_clean, self.no_event_records), self.no_event_records, "expect_no_events sentences with no system event"),
        ];
        let mut notes = vec![format!("{} expect_error sentences skipped (they test parser error handling)", self.errors_skipped)];
        notes.push("dictionaries: the PETR.Validate.* files beside the records: actors on top of sitrep's, agents and verbs (with their patterns) instead of sitrep's".into());
        if !self.panics.is_empty() {
            notes.push(format!("the coder panicked on {} record(s): {}", self.panics.len(), self.panics.join(", ")));
        }
        (metrics, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::Span;

    fn actor(code: Option<&str>, sector: Option<&str>) -> Actor {
        Actor {
            text: "x".into(),
            name: "x".into(),
            code: code.map(str::to_string),
            country: None,
            sector: sector.map(str::to_string),
            span: Span::new(0, 1),
        }
    }

    #[test]
    fn parties_are_coded_the_petrarch_way() {
        assert_eq!(party_code(None), "---");
        assert_eq!(party_code(Some(&actor(Some("arngov"), Some("GOV")))), "ARNGOV");
        assert_eq!(party_code(Some(&actor(None, Some("GOV")))), "---GOV");
        assert_eq!(party_code(Some(&actor(None, None))), "---");
    }

    #[test]
    fn a_slashed_code_names_several_actors() {
        assert_eq!(split_code("FRO/BIL/SAM".into()), ["FRO", "BIL", "SAM"]);
        assert_eq!(split_code("ARNGOV".into()), ["ARNGOV"]);
    }

    #[test]
    fn quad_classes_follow_cameo_roots() {
        assert_eq!(quad_class("043"), 1);
        assert_eq!(quad_class("064"), 2);
        assert_eq!(quad_class("122"), 3);
        assert_eq!(quad_class("190"), 4);
        assert_eq!(quad_class("903"), 0);
    }
}
