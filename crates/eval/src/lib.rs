//! Scores sitrep against gold sets: reads a gold file (`records.jsonl`, one `{"id", "text"|"html", "meta", "gold"}`
//! object per line), runs the relevant sitrep stage on each record, and reports metrics the way the set's README
//! asks.
//!
//! The kind of set is recognised from the first record's `gold` keys. Scored today:
//! - **ucdp-ged** (`events` + `n_events`): conflict events coded from headlines by [`sitrep_coder::Coder`] — event
//!   detection, dates, locations (Haversine distance), country, deaths, violence type and actors;
//! - **plover-gsr** (`event` + `source`): PLOVER type, mode and source/target actors of single sentences;
//! - **MEANTIME** (a folder of CAT XML documents, `../shared/resources/meantime-en`): TIMEX3 recognition and value
//!   accuracy of the time stage against each document's creation time;
//! - **article-extraction** (`articleBody`): main text from HTML by [`sitrep_ingest::extract_html`], scored with the
//!   article-extraction-benchmark's shingle F1, plus extraction speed.
//!
//! - **re3d** (`entities` + `relations`): weapon spans (Weapon and MilitaryPlatform entities), exact and relaxed.
//!
//! - **muc4-grit** (`perp_individual`, …): the weapon role (GRIT entity matching) and incident detection.
//!
//! - **geoparse-*** (`toponyms`): geotagging span F1 and geocoding accuracy within 161 km / 25 km of the places.
//!
//! - **petrarch2-unittests** (`expect_no_events`): CAMEO (source, target, eventcode) triples, coded with the
//!   PETRARCH validation dictionaries found beside the records (see `petrarch.rs`).
//!
//! - **gva-gun-violence** (`incidents`): event fusion across articles (pairwise F1, duplicate-event rate) and the
//!   fused events' casualty counts and dates, through [`sitrep_fusion::Fuser`].
//!
//! A line that is not a valid record is skipped, counted in [`Report::skipped`] and named
//! in the notes; it never stops the run.
//!
//! ```no_run
//! let report = sitrep_eval::evaluate(std::path::Path::new("data/plover-gsr/records.jsonl"))?;
//! println!("{}", report.to_text());
//! let accuracy = report.metrics.iter().find(|m| m.name == "type_accuracy").map(|m| m.value);
//! # Ok::<(), sitrep_eval::EvalError>(())
//! ```

mod actors;
mod countries;
mod error;
mod extraction;
mod geo;
mod geoparse;
mod gva;
mod meantime;
mod muc4;
mod petrarch;
mod plover;
mod re3d;
mod records;
mod report;
mod ucdp;

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde_json::Value;

pub use error::EvalError;
pub use extraction::body_scores;
pub use geo::haversine_km;
pub use plover::map_gold_label;
pub use report::{Metric, Report};

use records::{JsonLines, Line, Skips};

/// A gold set's scorer: fed one record at a time, then asked for its metrics and notes.
pub(crate) trait Scorer {
    /// Scores one record; `Err` says why it is not a valid record of this set (it is then skipped).
    fn add(&mut self, record: &Value) -> Result<(), String>;
    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>);
}

/// The gold-set kind a record belongs to, from its `gold` keys; `None` when unrecognised (or no `gold` object).
pub fn detect_kind(record: &Value) -> Option<&'static str> {
    let gold = record.get("gold")?.as_object()?;
    let has = |k: &str| gold.contains_key(k);
    Some(if has("expect_no_events") {
        "petrarch2-unittests"
    } else if has("events") && has("n_events") {
        "ucdp-ged"
    } else if has("event") && has("source") {
        "plover-gsr"
    } else if has("articleBody") {
        "article-extraction"
    } else if has("toponyms") {
        "geoparse"
    } else if has("incidents") {
        "gva-gun-violence"
    } else if has("perp_individual") {
        "muc4-grit"
    } else if has("entities") && has("relations") {
        "re3d"
    } else {
        return None;
    })
}

fn scorer_for(kind: &str, path: &Path, coder: Option<sitrep_coder::Coder>) -> Result<Option<Box<dyn Scorer>>, EvalError> {
    Ok(Some(match kind {
        "ucdp-ged" => Box::new(ucdp::UcdpScorer::new().with_coder(coder)),
        "plover-gsr" => Box::new(plover::PloverScorer::new().with_coder(coder)),
        "petrarch2-unittests" => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Box::new(petrarch::PetrarchScorer::new(dir, coder)?)
        }
        "article-extraction" => Box::new(extraction::ExtractionScorer::new()),
        "re3d" => Box::new(re3d::Re3dScorer::new()),
        "muc4-grit" => Box::new(muc4::Muc4Scorer::new()),
        "geoparse" => Box::new(geoparse::GeoparseScorer::new()),
        "gva-gun-violence" => Box::new(gva::GvaScorer::new().with_coder(coder)),
        _ => return Ok(None),
    }))
}

/// Evaluates sitrep on one gold file and returns the report.
///
/// Errors: the file cannot be read ([`EvalError::Io`]); its set has no scorer ([`EvalError::Unsupported`]); it has
/// no records ([`EvalError::Empty`]); or none of its lines is a readable record ([`EvalError::BadRecord`], naming the
/// first bad line).
pub fn evaluate(path: &Path) -> Result<Report, EvalError> {
    evaluate_with(path, None)
}

/// [`evaluate`] with another coder (e.g. one over PETRARCH dictionaries given with `--dictionaries`) for the sets
/// scored through the coder (ucdp-ged, plover-gsr, petrarch2-unittests); `None` keeps each set's default.
pub fn evaluate_with(path: &Path, coder: Option<sitrep_coder::Coder>) -> Result<Report, EvalError> {
    // MEANTIME comes as a folder of CAT XML documents, not as records.jsonl
    if path.is_dir() {
        return meantime::evaluate_meantime(path);
    }
    let shown = path.display().to_string();
    let io = |source| EvalError::Io { path: shown.clone(), source };
    let file = File::open(path).map_err(io)?;
    let mut skips = Skips::default();
    let mut current: Option<(&'static str, Box<dyn Scorer>)> = None;
    let mut records = 0usize;
    for item in JsonLines::new(BufReader::new(file)) {
        let (line, parsed) = item.map_err(io)?;
        let record = match parsed {
            Line::Record(v) => v,
            Line::Bad(message) => {
                skips.skip(line, &message);
                continue;
            }
        };
        if current.is_none() {
            let Some(gold) = record.get("gold").filter(|g| g.is_object()) else {
                skips.skip(line, "no \"gold\" object");
                continue;
            };
            let Some(kind) = detect_kind(&record) else {
                let mut keys: Vec<&str> =
                    gold.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
                keys.sort_unstable();
                return Err(EvalError::Unsupported {
                    path: shown,
                    kind: format!("a gold set with keys [{}]", keys.join(", ")),
                });
            };
            let Some(scorer) = scorer_for(kind, path, coder)? else {
                return Err(EvalError::Unsupported { path: shown, kind: kind.to_string() });
            };
            current = Some((kind, scorer));
        }
        let Some((_, scorer)) = current.as_mut() else { continue };
        match scorer.add(&record) {
            Ok(()) => records += 1,
            Err(message) => skips.skip(line, &message),
        }
    }
    let Some((kind, scorer)) = current else {
        return Err(match skips.first.take() {
            Some((line, message)) => EvalError::BadRecord { path: shown, line, message },
            None => EvalError::Empty { path: shown },
        });
    };
    if records == 0 {
        if let Some((line, message)) = skips.first.take() {
            return Err(EvalError::BadRecord { path: shown, line, message });
        }
    }
    let (metrics, mut notes) = scorer.finish();
    let skipped = skips.count;
    let mut all_notes = skips.into_notes();
    all_notes.append(&mut notes);
    Ok(Report { kind: kind.to_string(), path: shown, records, skipped, metrics, notes: all_notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::io::Write;

    /// A temporary file removed on drop.
    struct TempFile(std::path::PathBuf);

    impl TempFile {
        fn with(name: &str, contents: &str) -> TempFile {
            // unique per process and per call: tests run in parallel threads and may reuse a name
            static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let dir = std::env::temp_dir().join(format!("sitrep-eval-test-{}-{n}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(name);
            let mut f = File::create(&path).unwrap();
            f.write_all(contents.as_bytes()).unwrap();
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    #[test]
    fn kinds_are_detected_from_gold_keys() {
        let k = |gold: Value| detect_kind(&json!({"id": "x", "gold": gold}));
        assert_eq!(k(json!({"n_events": 1, "events": []})), Some("ucdp-ged"));
        assert_eq!(k(json!({"event": "AGREE", "source": []})), Some("plover-gsr"));
        assert_eq!(k(json!({"articleBody": ""})), Some("article-extraction"));
        assert_eq!(k(json!({"toponyms": []})), Some("geoparse"));
        assert_eq!(k(json!({"incidents": [], "n_incidents": 0})), Some("gva-gun-violence"));
        assert_eq!(k(json!({"perp_individual": []})), Some("muc4-grit"));
        assert_eq!(k(json!({"events": [], "expect_no_events": true})), Some("petrarch2-unittests"));
        assert_eq!(k(json!({"entities": [], "relations": []})), Some("re3d"));
        assert_eq!(k(json!({"events": []})), None);
        assert_eq!(detect_kind(&json!({"gold": 3})), None);
        assert_eq!(detect_kind(&json!({})), None);
    }

    #[test]
    fn unrecognised_sets_are_refused_by_name() {
        let f = TempFile::with("odd.jsonl", "{\"id\":\"a\",\"gold\":{\"answer\":42}}\n");
        match evaluate(&f.0) {
            Err(e @ EvalError::Unsupported { .. }) => assert!(e.to_string().contains("[answer]"), "{e}"),
            other => panic!("expected Unsupported, got {other:?}"),
        }
    }

    #[test]
    fn gva_articles_of_one_incident_fuse_and_others_stay_apart() {
        let record = |id: &str, date: &str, text: &str, incident: u64, killed: u64| {
            json!({"id": id, "text": text, "meta": {"publication_date": date},
                   "gold": {"n_incidents": 1, "incidents": [{"incident_id": incident, "date": "2016-03-05",
                            "num_killed": killed, "num_injured": 0}]}})
            .to_string()
        };
        let lines = [
            record("a", "2016-03-06", "Man killed in Elmwood shooting\n\nDarnell Whitfield, 24, was shot and killed on Saturday in Toledo, police said. Officers arrested Marcus Pettaway.", 1, 1),
            record("b", "2016-03-07", "Suspect charged in Toledo killing\n\nMarcus Pettaway was charged on Monday in the death of Darnell Whitfield, who was shot and killed on Saturday in Toledo.", 1, 1),
            record("c", "2016-03-06", "Two wounded in Tucson\n\nGunmen shot two women outside a Tucson bar late on Saturday, police said.", 2, 0),
        ];
        let f = TempFile::with("gva.jsonl", &(lines.join("\n") + "\n"));
        let report = evaluate(&f.0).unwrap();
        assert_eq!(report.kind, "gva-gun-violence");
        let metric = |name: &str| report.metrics.iter().find(|m| m.name == name).unwrap().value;
        assert_eq!(metric("fusion_pair_f1"), 1.0, "{}", report.to_text());
        assert_eq!(metric("duplicate_event_rate"), 0.0, "{}", report.to_text());
    }

    #[test]
    fn missing_empty_and_unreadable_files_are_errors() {
        assert!(matches!(evaluate(Path::new("/nonexistent/sitrep/records.jsonl")), Err(EvalError::Io { .. })));
        let empty = TempFile::with("empty.jsonl", "\n  \n");
        assert!(matches!(evaluate(&empty.0), Err(EvalError::Empty { .. })));
        let junk = TempFile::with("junk.jsonl", "not json\n{\"also\": \"no gold\"}\n");
        match evaluate(&junk.0) {
            Err(EvalError::BadRecord { line, .. }) => assert_eq!(line, 1),
            other => panic!("expected BadRecord, got {other:?}"),
        }
    }

    #[test]
    fn malformed_lines_are_skipped_and_noted() {
        let good = json!({"id": "p1", "text": "Egypt and Israel agreed to resume talks.", "meta": {"date": "2000-01-01"},
            "gold": {"event": "AGREE", "mode": null, "source": [{"actorText": "Egypt", "code": "EGY"},
            {"actorText": "Israel", "code": "ISR"}], "target": []}});
        let contents =
            format!("{good}\n{{broken\n{{\"id\":\"p2\",\"gold\":{{\"event\":\"AGREE\",\"source\":[]}}}}\n{good}\n");
        let f = TempFile::with("plover.jsonl", &contents);
        let report = evaluate(&f.0).unwrap();
        assert_eq!(report.kind, "plover-gsr");
        assert_eq!((report.records, report.skipped), (2, 2));
        assert!(report.notes.iter().any(|n| n.starts_with("skipped line 2")), "{:?}", report.notes);
        assert!(report.notes.iter().any(|n| n.starts_with("skipped line 3")), "{:?}", report.notes);
        assert!(report.to_text().contains("type_accuracy"));
    }

    #[test]
    fn odd_records_are_skipped_or_scored_without_panicking() {
        let ucdp = [
            json!({"id": 1, "text": "Rebels killed 5 soldiers.", "gold": {"n_events": 1, "events": [{"best": "x",
                "latitude": 1e308, "longitude": -999, "date_start": "not a date", "where_prec": 2,
                "side_a": null, "country": 7}]}}),
            json!({"text": "", "meta": null, "gold": {"n_events": 0, "events": []}}),
            json!({"text": 5, "gold": {"n_events": 1, "events": [{}]}}),
            json!({"text": "x", "gold": {"n_events": 1, "events": ["a"]}}),
        ];
        let plover = [
            json!({"text": "Iran warned Iraq.", "gold": {"event": "THREATEN", "source": "Iran", "target": []}}),
            json!({"text": "", "gold": {"event": "agree", "source": [1, null, {"code": 5}], "target": null, "mode": 3}}),
            json!({"text": "x", "gold": {"event": null, "source": []}}),
            json!({"text": "x", "gold": {"event": " ", "source": []}}),
        ];
        let extraction = [
            json!({"html": "", "meta": {"url": 42}, "gold": {"articleBody": null}}),
            json!({"html": "<p>a b c d</p>", "gold": {"articleBody": 3}}),
            json!({"html": "<<<>>>&&&", "gold": {"articleBody": "a b c d e"}}),
        ];
        for (name, records, scored) in
            [("ucdp.jsonl", &ucdp[..], 2), ("plover.jsonl", &plover[..], 1), ("extraction.jsonl", &extraction[..], 2)]
        {
            let contents: String = records.iter().map(|r| format!("{r}\n")).collect();
            let f = TempFile::with(name, &contents);
            let report = evaluate(&f.0).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((report.records, report.skipped), (scored, records.len() - scored), "{name}");
            assert!(report.metrics.iter().all(|m| m.value.is_finite()), "{name}");
            let _ = report.to_text();
        }
    }

    #[test]
    fn extraction_set_reports_f1_and_speed() {
        let rec = json!({"id": "a1", "html": "<html><head><title>T</title></head><body><article><p>The council met on \
            Monday to discuss the new budget for the city schools and the roads.</p><p>Members voted to approve the \
            plan after a long debate about taxes and spending in the coming year.</p></article></body></html>",
            "meta": {"url": "https://example.com/a"}, "gold": {"articleBody": "The council met on Monday to discuss \
            the new budget for the city schools and the roads.\nMembers voted to approve the plan after a long debate \
            about taxes and spending in the coming year."}});
        let f = TempFile::with("extraction.jsonl", &format!("{rec}\n"));
        let report = evaluate(&f.0).unwrap();
        assert_eq!(report.kind, "article-extraction");
        let names: Vec<&str> = report.metrics.iter().map(|m| m.name.as_str()).collect();
        assert!(names.contains(&"body_f1") && names.contains(&"pages_per_second"));
        let speed = report.metrics.iter().find(|m| m.name == "pages_per_second").unwrap();
        assert!(speed.description.contains("machine-dependent"));
    }
}

/// Codes a gold record's document; a coder panic is noted under the record's id (the report lists them) and the
/// record scores as no events, so one bad record cannot end a run.
pub(crate) fn code_or_note_panic(
    coder: &sitrep_coder::Coder,
    doc: &sitrep_model::Document,
    panics: &mut Vec<String>,
) -> Vec<sitrep_model::Event> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| coder.code(doc))).unwrap_or_else(|_| {
        panics.push(doc.id.clone());
        Vec::new()
    })
}
