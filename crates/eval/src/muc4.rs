//! MUC-4 (GRIT release): ALL-CAPS wire reports of terrorist incidents with role fillers. Scored today: the weapon
//! role (GRIT entity matching: a system string equal to any mention of a still-unmatched gold entity) and incident
//! detection (documents with `has_incident` should yield an asserted ASSAULT, others none).

use serde_json::Value;
use sitrep_model::{Document, EventType};

use crate::report::Metric;
use crate::Scorer;

#[derive(Default)]
pub(crate) struct Muc4Scorer {
    system: usize,
    gold: usize,
    correct: usize,
    incident_tp: usize,
    incident_fp: usize,
    incident_fn: usize,
}

impl Muc4Scorer {
    pub(crate) fn new() -> Self {
        Self::default()
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase()
}

impl Scorer for Muc4Scorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = record.get("text").and_then(Value::as_str).ok_or("no \"text\"")?;
        let gold = record.get("gold").ok_or("no gold")?;
        let entities: Vec<Vec<String>> = gold
            .get("weapon")
            .and_then(Value::as_array)
            .map(|es| {
                es.iter()
                    .filter_map(Value::as_array)
                    .map(|mentions| mentions.iter().filter_map(Value::as_str).map(normalise).collect())
                    .collect()
            })
            .unwrap_or_default();
        let has_incident = gold.get("has_incident").and_then(Value::as_bool).unwrap_or(!entities.is_empty());
        let doc = Document::from_text(record.get("id").and_then(Value::as_str).unwrap_or(""), text);
        let events: Vec<_> = sitrep_coder::Coder::new()
            .code(&doc)
            .into_iter()
            .filter(|e| e.event_type == EventType::Assault && !e.modality.is_unasserted())
            .collect();
        let mut system: Vec<String> = events.iter().flat_map(|e| e.weapons.iter().map(|w| normalise(&w.text))).collect();
        system.sort();
        system.dedup();
        let mut unmatched: Vec<&Vec<String>> = entities.iter().collect();
        for s in &system {
            if let Some(i) = unmatched.iter().position(|mentions| mentions.contains(s)) {
                unmatched.remove(i);
                self.correct += 1;
            }
        }
        self.system += system.len();
        self.gold += entities.len();
        match (has_incident, !events.is_empty()) {
            (true, true) => self.incident_tp += 1,
            (false, true) => self.incident_fp += 1,
            (true, false) => self.incident_fn += 1,
            (false, false) => {}
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        let f = crate::report::harmonic;
        let p = crate::report::ratio(self.correct, self.system);
        let r = crate::report::ratio(self.correct, self.gold);
        let ip = crate::report::ratio(self.incident_tp, self.incident_tp + self.incident_fp);
        let ir = crate::report::ratio(self.incident_tp, self.incident_tp + self.incident_fn);
        (
            vec![
                Metric::new("weapon_role_f1", f(p, r), self.gold, "GRIT entity F1 of the weapon role (weapons of asserted ASSAULT events)"),
                Metric::new("weapon_role_precision", p, self.system, "system weapon strings equal to a mention of an unmatched gold entity"),
                Metric::new("weapon_role_recall", r, self.gold, "gold weapon entities matched"),
                Metric::new("incident_f1", f(ip, ir), self.incident_tp + self.incident_fn, "documents with an incident yielding an asserted ASSAULT, and none otherwise"),
            ],
            vec!["perpetrator and target roles are not scored yet (they wait for the actor work of the coder issue)".into()],
        )
    }
}
