//! plover-gsr: one PLOVER event per sentence, with source and target actors.
//!
//! Gold labels come from an early PLOVER draft and are mapped to the current 16 types first (DEMAND → REQUEST,
//! DISAPPROVE → ACCUSE, FIGHT → ASSAULT, INVESTIGATE → ACCUSE). The system's answer for a sentence is its first
//! event that is not negated (else its first event; "NONE" without events); actors are compared on that same event.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sitrep_coder::Coder;
use sitrep_model::{Actor, Document, Event};

use crate::actors::sector_of;
use crate::records::get_str;
use crate::report::{f1, Metric};
use crate::Scorer;

/// The label the system gives when it finds no event.
pub(crate) const NONE_LABEL: &str = "NONE";

/// Maps a gold label of the early PLOVER draft to the current manual's type.
pub fn map_gold_label(label: &str) -> String {
    let upper = label.trim().to_ascii_uppercase();
    match upper.as_str() {
        "DEMAND" => "REQUEST".to_string(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".to_string(),
        "FIGHT" => "ASSAULT".to_string(),
        _ => upper,
    }
}

/// The event a sentence is scored on: the first not negated, else the first.
pub(crate) fn chosen_event(events: &[Event]) -> Option<&Event> {
    events.iter().find(|e| !e.modality.negated).or_else(|| events.first())
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct GoldActor {
    pub(crate) text: Option<String>,
    pub(crate) code: Option<String>,
    pub(crate) sector: Option<String>,
}

fn gold_actors(gold: &Value, key: &str) -> Result<Vec<GoldActor>, String> {
    match gold.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items
            .iter()
            .filter(|a| a.is_object())
            .map(|a| GoldActor {
                text: get_str(a, "actorText").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
                code: get_str(a, "code").map(|s| s.trim().to_ascii_uppercase()).filter(|s| !s.is_empty()),
                sector: get_str(a, "sector").map(|s| s.trim().to_ascii_uppercase()).filter(|s| !s.is_empty()),
            })
            .collect()),
        Some(_) => Err(format!("\"gold.{key}\" is not a list")),
    }
}

/// The country/IGO code of a system actor: its ISO3 country, else the first three letters of its code.
pub(crate) fn system_code(a: &Actor) -> Option<String> {
    a.country
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase)
        .or_else(|| a.code.as_deref().and_then(|c| c.get(..3)).map(str::to_ascii_uppercase))
}

fn system_pair(a: &Actor) -> Option<(String, String)> {
    Some((system_code(a)?, sector_of(a).unwrap_or("").to_ascii_uppercase()))
}

/// Micro-summed set overlap counts.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SetCounts {
    tp: usize,
    fp: usize,
    fn_: usize,
    gold_items: usize,
}

impl SetCounts {
    pub(crate) fn add<T: Ord>(&mut self, gold: &BTreeSet<T>, system: &BTreeSet<T>) {
        let common = gold.intersection(system).count();
        self.tp += common;
        self.fp += system.len() - common;
        self.fn_ += gold.len() - common;
        self.gold_items += gold.len();
    }

    fn f1(&self) -> f64 {
        f1(self.tp as f64, self.fp as f64, self.fn_ as f64)
    }
}

/// Case-insensitive substring either way (empty strings never overlap).
pub(crate) fn texts_overlap(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

pub(crate) struct PloverScorer {
    coder: Coder,
    /// (gold, predicted) per record.
    labels: Vec<(String, String)>,
    covered: usize,
    mode_total: usize,
    mode_hits: usize,
    source_codes: SetCounts,
    target_codes: SetCounts,
    source_pairs: SetCounts,
    target_pairs: SetCounts,
    text_total: usize,
    text_hits: usize,
    /// Gold actors with a code, and those whose code a system actor in the same role has.
    code_total: usize,
    code_hits: usize,
    reciprocal: usize,
    panics: Vec<String>,
}

impl PloverScorer {
    /// Codes with `coder` instead of the default one.
    pub(crate) fn with_coder(mut self, coder: Option<Coder>) -> Self {
        if let Some(c) = coder {
            self.coder = c;
        }
        self
    }

    pub(crate) fn new() -> Self {
        PloverScorer {
            coder: Coder::new(),
            labels: Vec::new(),
            covered: 0,
            mode_total: 0,
            mode_hits: 0,
            source_codes: SetCounts::default(),
            target_codes: SetCounts::default(),
            source_pairs: SetCounts::default(),
            target_pairs: SetCounts::default(),
            text_total: 0,
            text_hits: 0,
            code_total: 0,
            code_hits: 0,
            reciprocal: 0,
            panics: Vec::new(),
        }
    }
}

/// Accuracy-independent label scores: macro-F1 over the gold labels, and each gold label's F1.
pub(crate) fn macro_f1(labels: &[(String, String)]) -> (f64, BTreeMap<String, f64>) {
    let gold_labels: BTreeSet<&str> = labels.iter().map(|(g, _)| g.as_str()).collect();
    let mut per_label = BTreeMap::new();
    for label in &gold_labels {
        let tp = labels.iter().filter(|(g, p)| g == label && p == label).count();
        let fp = labels.iter().filter(|(g, p)| g != label && p == label).count();
        let fn_ = labels.iter().filter(|(g, p)| g == label && p != label).count();
        per_label.insert(label.to_string(), f1(tp as f64, fp as f64, fn_ as f64));
    }
    let mean = if per_label.is_empty() { 0.0 } else { per_label.values().sum::<f64>() / per_label.len() as f64 };
    (mean, per_label)
}

impl Scorer for PloverScorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = get_str(record, "text").ok_or("no \"text\" string")?;
        let id = get_str(record, "id").unwrap_or("?");
        let gold = record.get("gold").filter(|g| g.is_object()).ok_or("no \"gold\" object")?;
        let gold_label =
            get_str(gold, "event").map(map_gold_label).filter(|l| !l.is_empty()).ok_or("no \"gold.event\" label")?;
        let gold_mode = get_str(gold, "mode").map(str::trim).filter(|m| !m.is_empty());
        let sources = gold_actors(gold, "source")?;
        let targets = gold_actors(gold, "target")?;

        // Dates in this set are placeholders: the document gets none.
        let doc = Document::from_text(id, text);
        let events = crate::code_or_note_panic(&self.coder, &doc, &mut self.panics);
        let chosen = chosen_event(&events);
        self.covered += usize::from(!events.is_empty());
        let predicted = chosen.map_or(NONE_LABEL.to_string(), |e| e.event_type.as_str().to_string());
        self.labels.push((gold_label, predicted));

        if let Some(mode) = gold_mode {
            self.mode_total += 1;
            let hit = chosen.and_then(|e| e.mode.as_deref()).is_some_and(|m| m.trim().eq_ignore_ascii_case(mode));
            self.mode_hits += usize::from(hit);
        }

        let no_actors: &[Actor] = &[];
        let sys_sources = chosen.map_or(no_actors, |e| e.actors.as_slice());
        let sys_targets = chosen.map_or(no_actors, |e| e.recipients.as_slice());
        let codes = |actors: &[&Actor]| actors.iter().filter_map(|a| system_code(a)).collect::<BTreeSet<_>>();
        let pairs = |actors: &[&Actor]| actors.iter().filter_map(|a| system_pair(a)).collect::<BTreeSet<_>>();
        let gold_codes = |g: &[GoldActor]| g.iter().filter_map(|a| a.code.clone()).collect::<BTreeSet<_>>();
        let gold_pairs = |g: &[GoldActor]| {
            g.iter()
                .filter_map(|a| Some((a.code.clone()?, a.sector.clone().unwrap_or_default())))
                .collect::<BTreeSet<_>>()
        };
        let src: Vec<&Actor> = sys_sources.iter().collect();
        let tgt: Vec<&Actor> = sys_targets.iter().collect();
        let reciprocal = sources.len() >= 2 && targets.is_empty();
        for (gold_role, system_role) in [(&sources, &src), (&targets, &tgt)] {
            let system_codes = if reciprocal { codes(&src.iter().chain(&tgt).copied().collect::<Vec<_>>()) } else { codes(system_role) };
            for g in gold_role.iter().filter(|a| a.code.is_some()) {
                let code = g.code.as_ref().expect("filtered");
                self.code_total += 1;
                let hit = system_codes.contains(code);
                self.code_hits += usize::from(hit);
                if !hit && std::env::var("SITREP_DEBUG_PLOVER_ACTORS").is_ok() {
                    let role = if std::ptr::eq(gold_role, &sources) { "SRC" } else { "TGT" };
                    let show = |v: &[&Actor]| {
                        v.iter()
                            .map(|a| format!("{}={}", a.text, system_code(a).unwrap_or_default()))
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    eprintln!(
                        "{id}\t{role}\t{}={code}\tsrc[{}]\ttgt[{}]\t{text}",
                        g.text.as_deref().unwrap_or(""),
                        show(&src),
                        show(&tgt)
                    );
                }
            }
        }
        if std::env::var("SITREP_DEBUG_PLOVER").is_ok() {
            let gold_src = gold_codes(&sources);
            let gold_tgt = gold_codes(&targets);
            let (sys_src, sys_tgt) = (codes(&src), codes(&tgt));
            let (g, p) = self.labels.last().map(|(g, p)| (g.as_str(), p.as_str())).unwrap_or(("", ""));
            if g != p || gold_src != sys_src || gold_tgt != sys_tgt {
                eprintln!("{id}\t{g}\t{p}\t{gold_src:?}->{gold_tgt:?}\t{sys_src:?}->{sys_tgt:?}\t{text}");
            }
        }
        if reciprocal {
            // Reciprocal ("A and B agreed"): both are sources; either system role may hold either actor.
            self.reciprocal += 1;
            let all: Vec<&Actor> = src.iter().chain(&tgt).copied().collect();
            self.source_codes.add(&gold_codes(&sources), &codes(&all));
            self.source_pairs.add(&gold_pairs(&sources), &pairs(&all));
        } else {
            self.source_codes.add(&gold_codes(&sources), &codes(&src));
            self.source_pairs.add(&gold_pairs(&sources), &pairs(&src));
            self.target_codes.add(&gold_codes(&targets), &codes(&tgt));
            self.target_pairs.add(&gold_pairs(&targets), &pairs(&tgt));
        }

        for g in sources.iter().chain(&targets) {
            let Some(gold_text) = g.text.as_deref() else { continue };
            self.text_total += 1;
            let hit = src.iter().chain(&tgt).any(|a| texts_overlap(&a.text, gold_text));
            self.text_hits += usize::from(hit);
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        let n = self.labels.len();
        let correct = self.labels.iter().filter(|(g, p)| g == p).count();
        let (macro_f1, per_label) = macro_f1(&self.labels);
        let metrics = vec![
            Metric::ratio("type_accuracy", correct, n, "system event type = mapped gold event (NONE when no event)"),
            Metric::new(
                "type_macro_f1",
                macro_f1,
                per_label.len(),
                "mean per-label F1 over the gold labels (count = labels)",
            ),
            Metric::ratio("coverage", self.covered, n, "records where the system found any event"),
            Metric::ratio(
                "mode_accuracy",
                self.mode_hits,
                self.mode_total,
                "records with a gold mode: system mode equal",
            ),
            Metric::new(
                "source_code_f1",
                self.source_codes.f1(),
                self.source_codes.gold_items,
                "micro set-F1 of source country/IGO codes (count = gold codes)",
            ),
            Metric::new(
                "target_code_f1",
                self.target_codes.f1(),
                self.target_codes.gold_items,
                "micro set-F1 of target codes (reciprocal records scored as sources only)",
            ),
            Metric::new(
                "source_code_sector_f1",
                self.source_pairs.f1(),
                self.source_pairs.gold_items,
                "micro set-F1 of source (code, sector) pairs; a missing sector is empty",
            ),
            Metric::new(
                "target_code_sector_f1",
                self.target_pairs.f1(),
                self.target_pairs.gold_items,
                "micro set-F1 of target (code, sector) pairs; a missing sector is empty",
            ),
            Metric::ratio(
                "actor_code_accuracy",
                self.code_hits,
                self.code_total,
                "gold source/target actors with a country/IGO code that a system actor in the same role carries (either role for reciprocal records)",
            ),
            Metric::ratio(
                "actor_text_overlap",
                self.text_hits,
                self.text_total,
                "gold actorTexts overlapping (substring either way) a system actor/recipient text",
            ),
        ];
        let mut notes = Vec::new();
        let per: Vec<String> = per_label.iter().map(|(l, f)| format!("{l} {f:.2}")).collect();
        notes.push(format!("per-label F1: {}", per.join(", ")));
        let mut confusions: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (g, p) in self.labels.iter().filter(|(g, p)| g != p) {
            *confusions.entry((g.as_str(), p.as_str())).or_insert(0) += 1;
        }
        let mut confusions: Vec<_> = confusions.into_iter().collect();
        confusions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if !confusions.is_empty() {
            let top: Vec<String> = confusions.iter().take(6).map(|((g, p), c)| format!("{g}→{p} {c}")).collect();
            notes.push(format!("most frequent confusions (gold→system): {}", top.join(", ")));
        }
        if self.reciprocal > 0 {
            notes.push(format!(
                "{} reciprocal records (>=2 sources, no target): union of system actors and recipients scored as sources",
                self.reciprocal
            ));
        }
        if !self.panics.is_empty() {
            notes.push(format!(
                "coder panicked on {} record(s), scored as NONE: {}",
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
    use sitrep_model::Span;

    #[test]
    fn gold_labels_map_to_the_current_manual() {
        assert_eq!(map_gold_label("DEMAND"), "REQUEST");
        assert_eq!(map_gold_label("DISAPPROVE"), "ACCUSE");
        assert_eq!(map_gold_label("FIGHT"), "ASSAULT");
        assert_eq!(map_gold_label("INVESTIGATE"), "ACCUSE");
        assert_eq!(map_gold_label("agree"), "AGREE");
        assert_eq!(map_gold_label("COERCE"), "COERCE");
    }

    #[test]
    fn macro_f1_averages_over_gold_labels() {
        let l = |g: &str, p: &str| (g.to_string(), p.to_string());
        // AGREE: tp 1, fn 1 → 2/3. ASSAULT: tp 1, fp 1 → 2/3. NONE is predicted but not a gold label.
        let labels = [l("AGREE", "AGREE"), l("AGREE", "ASSAULT"), l("ASSAULT", "ASSAULT")];
        let (m, per) = macro_f1(&labels);
        assert!((m - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(per.len(), 2);
    }

    #[test]
    fn system_codes_prefer_the_country() {
        let mut a = Actor {
            text: "UN".into(),
            name: "United Nations".into(),
            code: Some("IGOUNO".into()),
            country: None,
            sector: None,
            span: Span::new(0, 2),
        };
        assert_eq!(system_code(&a).as_deref(), Some("IGO"));
        assert_eq!(system_pair(&a), Some(("IGO".into(), String::new())));
        a.code = Some("SYRMIL".into());
        assert_eq!(system_pair(&a), Some(("SYR".into(), "MIL".into())));
        a.country = Some("usa".into());
        assert_eq!(system_code(&a).as_deref(), Some("USA"));
    }

    #[test]
    fn text_overlap_is_case_insensitive_either_way() {
        assert!(texts_overlap("Israeli police", "israeli police custody"));
        assert!(texts_overlap("the US", "US"));
        assert!(!texts_overlap("", "US"));
        assert!(!texts_overlap("France", "Germany"));
    }
}
