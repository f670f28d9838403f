//! re3d (DSTL): Syria/Iraq documents with entity spans. Scored today: weapons — gold Weapon and MilitaryPlatform
//! entities against the weapons sitrep names (`sitrep_coder::document_weapons`), span P/R/F1 exact and relaxed.

use serde_json::Value;
use sitrep_model::{Document, Span};

use crate::report::Metric;
use crate::Scorer;

#[derive(Default)]
pub(crate) struct Re3dScorer {
    gold: usize,
    system: usize,
    exact: usize,
    gold_overlapped: usize,
    system_overlapping: usize,
}

impl Re3dScorer {
    pub(crate) fn new() -> Self {
        Self::default()
    }
}

const WEAPON_TYPES: &[&str] = &["Weapon", "MilitaryPlatform"];

impl Scorer for Re3dScorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = record.get("text").and_then(Value::as_str).ok_or("no \"text\"")?;
        let entities = record.pointer("/gold/entities").and_then(Value::as_array).ok_or("no gold.entities")?;
        let gold: Vec<Span> = entities
            .iter()
            .filter(|e| e.get("type").and_then(Value::as_str).is_some_and(|t| WEAPON_TYPES.contains(&t)))
            .filter_map(|e| Some(Span(e.get("begin")?.as_u64()? as usize, e.get("end")?.as_u64()? as usize)))
            .collect();
        // offsets are code points into the raw text: code it unnormalised so they line up
        let doc = Document::from_text(record.get("id").and_then(Value::as_str).unwrap_or(""), text);
        let system: Vec<Span> = sitrep_coder::document_weapons(&doc).into_iter().map(|w| w.span).collect();
        if std::env::var("SITREP_DEBUG_RE3D").is_ok() {
            let slice = |sp: &Span| text.chars().skip(sp.0).take(sp.1 - sp.0).collect::<String>();
            for g in gold.iter().filter(|g| !system.iter().any(|s| s.overlaps(**g))) {
                eprintln!("MISS {:?}", slice(g));
            }
            for s in system.iter().filter(|s| !gold.iter().any(|g| s.overlaps(*g))) {
                eprintln!("EXTRA {:?}", slice(s));
            }
        }
        self.gold += gold.len();
        self.system += system.len();
        self.exact += system.iter().filter(|s| gold.contains(s)).count();
        self.gold_overlapped += gold.iter().filter(|g| system.iter().any(|s| s.overlaps(**g))).count();
        self.system_overlapping += system.iter().filter(|s| gold.iter().any(|g| s.overlaps(*g))).count();
        Ok(())
    }

    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        let p = crate::report::ratio(self.exact, self.system);
        let r = crate::report::ratio(self.exact, self.gold);
        let rp = crate::report::ratio(self.system_overlapping, self.system);
        let rr = crate::report::ratio(self.gold_overlapped, self.gold);
        let f = crate::report::harmonic;
        (
            vec![
                Metric::new("weapon_f1_relaxed", f(rp, rr), self.gold, "span F1, a hit when spans overlap"),
                Metric::new("weapon_precision_relaxed", rp, self.system, "system weapon spans overlapping a gold Weapon/MilitaryPlatform"),
                Metric::new("weapon_recall_relaxed", rr, self.gold, "gold Weapon/MilitaryPlatform spans overlapped by a system weapon"),
                Metric::new("weapon_f1_exact", f(p, r), self.gold, "span F1 with identical offsets"),
            ],
            vec!["gold = entities of type Weapon or MilitaryPlatform; other entity types and relations are not scored yet".into()],
        )
    }
}
