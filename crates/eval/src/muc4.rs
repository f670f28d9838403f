//! MUC-4 (GRIT release): ALL-CAPS wire reports of terrorist incidents with role fillers. Scored today: the weapon
//! role (GRIT entity matching: a system string equal to any mention of a still-unmatched gold entity) and incident
//! detection (documents with `has_incident` should yield an asserted ASSAULT, others none).

use serde_json::Value;
use sitrep_model::{Actor, Document, EventType};

use crate::report::Metric;
use crate::Scorer;

/// GRIT entity matching counts for one role.
#[derive(Default, Clone, Copy)]
struct RoleTally {
    system: usize,
    gold: usize,
    correct: usize,
}

impl RoleTally {
    /// A system string is correct when it equals a mention of a gold entity not matched yet.
    fn add(&mut self, gold: &[Vec<String>], system: &[String]) {
        let mut unmatched: Vec<&Vec<String>> = gold.iter().collect();
        for s in system {
            if let Some(i) = unmatched.iter().position(|mentions| mentions.contains(s)) {
                unmatched.remove(i);
                self.correct += 1;
            }
        }
        self.system += system.len();
        self.gold += gold.len();
    }

    fn metrics(&self, role: &str, what: &str) -> Vec<Metric> {
        let p = crate::report::ratio(self.correct, self.system);
        let r = crate::report::ratio(self.correct, self.gold);
        vec![
            Metric::new(&format!("{role}_f1"), crate::report::harmonic(p, r), self.gold, &format!("GRIT entity F1 of the {role} role ({what})")),
            Metric::new(&format!("{role}_precision"), p, self.system, "system strings equal to a mention of an unmatched gold entity"),
            Metric::new(&format!("{role}_recall"), r, self.gold, "gold entities matched"),
        ]
    }
}

#[derive(Default)]
pub(crate) struct Muc4Scorer {
    weapon: RoleTally,
    perp_org: RoleTally,
    perp_individual: RoleTally,
    target: RoleTally,
    incident_tp: usize,
    incident_fp: usize,
    incident_fn: usize,
}

impl Muc4Scorer {
    pub(crate) fn new() -> Self {
        Self::default()
    }
}

/// Upper case, single spaces, no leading article: GRIT mentions are bare noun phrases ("STORE", "URBAN GUERRILLAS").
fn normalise(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
    ["THE ", "A ", "AN "].iter().find_map(|a| joined.strip_prefix(a)).map_or(joined.clone(), str::to_string)
}

fn gold_role(gold: &Value, roles: &[&str]) -> Vec<Vec<String>> {
    roles
        .iter()
        .filter_map(|role| gold.get(*role).and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_array)
        .map(|mentions| mentions.iter().filter_map(Value::as_str).map(normalise).collect())
        .collect()
}

fn unique(mut strings: Vec<String>) -> Vec<String> {
    strings.sort();
    strings.dedup();
    strings
}

/// A named organisation (the lexicon gave it a canonical name, "FMLN" → "Farabundo Marti …") rather than a
/// generic agent noun ("guerrillas").
fn is_organisation(a: &Actor) -> bool {
    !a.name.eq_ignore_ascii_case(&a.text) && a.sector.as_deref() != Some("CVL")
}

impl Scorer for Muc4Scorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = record.get("text").and_then(Value::as_str).ok_or("no \"text\"")?;
        let gold = record.get("gold").ok_or("no gold")?;
        let weapons = gold_role(gold, &["weapon"]);
        let has_incident = gold.get("has_incident").and_then(Value::as_bool).unwrap_or(!weapons.is_empty());
        let doc = Document::from_text(record.get("id").and_then(Value::as_str).unwrap_or(""), text);
        let events: Vec<_> = sitrep_coder::Coder::new()
            .code(&doc)
            .into_iter()
            .filter(|e| e.event_type == EventType::Assault && !e.modality.is_unasserted())
            .collect();
        let system_weapons = unique(events.iter().flat_map(|e| e.weapons.iter().map(|w| normalise(&w.text))).collect());
        self.weapon.add(&weapons, &system_weapons);
        let actors: Vec<&Actor> = events.iter().flat_map(|e| &e.actors).collect();
        let orgs = unique(actors.iter().filter(|a| is_organisation(a)).map(|a| normalise(&a.text)).collect());
        let individuals = unique(actors.iter().filter(|a| !is_organisation(a)).map(|a| normalise(&a.text)).collect());
        self.perp_org.add(&gold_role(gold, &["perp_organization"]), &orgs);
        self.perp_individual.add(&gold_role(gold, &["perp_individual"]), &individuals);
        let targets = unique(events.iter().flat_map(|e| e.recipients.iter().map(|a| normalise(&a.text))).collect());
        self.target.add(&gold_role(gold, &["human_target", "physical_target"]), &targets);
        if std::env::var_os("SITREP_DEBUG_MUC4").is_some() {
            let first = |g: Vec<Vec<String>>| g.into_iter().filter_map(|m| m.into_iter().next()).collect::<Vec<_>>();
            eprintln!(
                "{}\tgold org {:?} ind {:?} tgt {:?}\tsys org {:?} ind {:?} tgt {:?}",
                record.get("id").and_then(Value::as_str).unwrap_or(""),
                first(gold_role(gold, &["perp_organization"])),
                first(gold_role(gold, &["perp_individual"])),
                first(gold_role(gold, &["human_target", "physical_target"])),
                orgs,
                individuals,
                targets
            );
        }
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
        let ip = crate::report::ratio(self.incident_tp, self.incident_tp + self.incident_fp);
        let ir = crate::report::ratio(self.incident_tp, self.incident_tp + self.incident_fn);
        let mut metrics = Vec::new();
        metrics.extend(self.weapon.metrics("weapon_role", "weapons of asserted ASSAULT events"));
        metrics.extend(self.perp_org.metrics("perp_organization", "named actors of asserted ASSAULT events"));
        metrics.extend(self.perp_individual.metrics("perp_individual", "generic actors (agent nouns) of asserted ASSAULT events"));
        metrics.extend(self.target.metrics("target", "recipients of asserted ASSAULT events against human and physical targets"));
        metrics.push(Metric::new(
            "incident_f1",
            f(ip, ir),
            self.incident_tp + self.incident_fn,
            "documents with an incident yielding an asserted ASSAULT, and none otherwise",
        ));
        (
            metrics,
            vec!["strings compared upper-cased without a leading article; targets pool human_target and physical_target, whose physical objects (\"STORE\") sitrep does not name as recipients".into()],
        )
    }
}
