//! Refines CAMEO code, PLOVER mode and ACLED type from what else the sentence says: the weapons used and who was
//! targeted. The crosswalk is documented in docs/event-record.md.

use sitrep_lexicon::TriggerEntry;
use sitrep_model::{Acled, EventType, WeaponClass};

fn acled(event_type: &str, sub: &str) -> Option<Acled> {
    Some(Acled { event_type: event_type.to_string(), sub_event_type: sub.to_string() })
}

/// (mode, cameo, acled) for an event triggered by `entry`.
pub(crate) fn refine(
    entry: &TriggerEntry,
    weapons: &[WeaponClass],
    recipient_sectors: &[Option<String>],
    sentence: &str,
    after_trigger: &str,
) -> (Option<String>, String, Option<Acled>) {
    let mut mode = entry.mode.clone();
    // PETRARCH verb patterns (from --dictionaries) pick a more specific code from the words after the verb
    let cameo_from_patterns = || {
        let lower = after_trigger.to_lowercase();
        let words: Vec<&str> =
            lower.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-').filter(|w| !w.is_empty()).collect();
        entry.cameo_after(&words).to_string()
    };
    let mut cameo = if entry.patterns.is_empty() { entry.cameo.clone() } else { cameo_from_patterns() };
    let mut acled_type = entry.acled.clone();
    let lower = sentence.to_lowercase();
    match entry.event_type {
        EventType::Assault if cameo == "190" || cameo == "1823" || cameo == "193" => {
            if weapons.iter().any(|w| matches!(w, WeaponClass::Aircraft | WeaponClass::Drone)) {
                mode = Some("heavy-weapons".into());
                cameo = "195".into();
                acled_type = acled("Explosions/Remote violence", "Air/drone strike");
            } else if weapons.iter().any(|w| matches!(w, WeaponClass::Artillery | WeaponClass::Missile)) {
                mode = Some("heavy-weapons".into());
                cameo = "194".into();
                acled_type = acled("Explosions/Remote violence", "Shelling/artillery/missile attack");
            } else if weapons.contains(&WeaponClass::Explosive) {
                mode = Some("explosives".into());
                cameo = "183".into();
                acled_type = acled("Explosions/Remote violence", "Remote explosive/landmine/IED");
            } else if recipient_sectors.iter().any(|s| s.as_deref() == Some("CVL")) {
                acled_type = acled("Violence against civilians", "Attack");
            } else if recipient_sectors.iter().any(|s| matches!(s.as_deref(), Some("MIL" | "REB" | "COP" | "UAF"))) {
                acled_type = acled("Battles", "Armed clash");
            }
        }
        EventType::Protest
            if (lower.contains("tear gas") || lower.contains("teargas") || lower.contains("water cannon") || lower.contains("dispersed")) => {
                acled_type = acled("Protests", "Protest with intervention");
            }
        _ => {}
    }
    (mode, cameo, acled_type)
}
