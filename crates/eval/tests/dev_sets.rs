//! Regression floors on the shared development sets: sitrep must not score below these. The sets live outside the
//! repository (`../shared/data`, licences forbid shipping them); without them the tests skip with a message, except
//! in CI (`CI=true`), where a missing set is a failure.

use std::path::{Path, PathBuf};

fn dev_set(set: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(set).join("records.jsonl");
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing in CI", path.display());
    }
    eprintln!("skipped: {} not found (the shared development sets sit beside the repository)", path.display());
    None
}

fn check_floors(set: &str, floors: &[(&str, f64)]) {
    let Some(path) = dev_set(set) else { return };
    let report = sitrep_eval::evaluate(&path).unwrap_or_else(|e| panic!("{e}"));
    println!("{}", report.to_text());
    for (name, floor) in floors {
        let metric = report.metrics.iter().find(|m| m.name == *name).unwrap_or_else(|| panic!("no metric {name}"));
        assert!(metric.value >= *floor, "{set}: {name} = {:.3}, below its floor {floor}", metric.value);
    }
}

#[test]
fn ucdp_ged_dev_scores_hold() {
    check_floors(
        "ucdp-ged",
        &[
            ("event_detection_recall", 0.80),
            ("date_within_range", 0.85),
            ("location_within_25km", 0.515),
            ("location_within_100km", 0.79),
            ("country_match", 0.60),
        ],
    );
}

/// Geocoding accuracy within 161 km over the toponyms found (the sets' "on correctly tagged spans"), and end to end.
#[test]
fn geoparse_dev_scores_hold() {
    for (set, found, all) in [
        ("geoparse-lgl", 0.845, 0.625),
        ("geoparse-geowebnews", 0.935, 0.655),
        ("geoparse-trnews", 0.885, 0.735),
        ("geoparse-geovirus", 0.835, 0.77),
    ] {
        check_floors(set, &[("accuracy_161km", found), ("accuracy_161km_all", all)]);
    }
}

#[test]
fn plover_gsr_dev_scores_hold() {
    check_floors("plover-gsr", &[("type_accuracy", 0.65), ("source_code_f1", 0.55), ("actor_code_accuracy", 0.72)]);
}

/// PETRARCH2's validation sentences coded with the PETR.Validate dictionaries beside them (verb patterns, markers,
/// paired codes, compounds, dictionary agents).
#[test]
fn petrarch2_unittests_hold() {
    check_floors("petrarch2-unittests", &[("exact", 0.85), ("triple_f1", 0.86), ("eventcode_accuracy", 0.93)]);
}

#[test]
fn muc4_roles_and_incidents_hold() {
    check_floors("muc4-grit", &[("incident_f1", 0.70), ("weapon_role_f1", 0.28)]);
}

#[test]
fn re3d_weapon_spans_hold() {
    check_floors("re3d", &[("weapon_f1_relaxed", 0.70)]);
}

#[test]
fn gva_fusion_scores_hold() {
    check_floors(
        "gva-gun-violence",
        &[("fusion_pair_f1", 0.79), ("fusion_pair_precision", 0.87), ("killed_exact", 0.80), ("injured_exact", 0.60), ("location_within_25km", 0.65)],
    );
}

#[test]
fn article_extraction_dev_scores_hold() {
    check_floors("article-extraction", &[("body_f1", 0.952)]);
}

#[test]
fn meantime_timex_scores_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/resources/meantime-en");
    if !dir.exists() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{} is missing in CI", dir.display());
        }
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let report = sitrep_eval::evaluate(&dir).unwrap_or_else(|e| panic!("{e}"));
    println!("{}", report.to_text());
    let value = |name: &str| report.metrics.iter().find(|m| m.name == name).map(|m| m.value).unwrap_or(0.0);
    assert!(value("timex_value_accuracy") >= 0.83, "MEANTIME value accuracy fell to {}", value("timex_value_accuracy"));
    assert!(value("timex_f1") >= 0.92);
}
