//! Geoparsing sets (LGL, GeoWebNews, TR-News, GeoVirus): gold toponym spans with coordinates. Scores geotagging
//! (span P/R/F1, exact and overlapping) and geocoding of `sitrep_coder::document_places`.
//!
//! Geocoding is scored as the sets' READMEs ask, on the correctly tagged toponyms (gold toponyms a system place
//! overlaps): `accuracy_161km` (the standard "within 100 miles"), `accuracy_25km`, median and mean error, the area
//! under the log-error curve (`auc_log_error`, Gritta et al. 2018: mean of ln(1 + km) / ln(20039), lower is
//! better) and GeoNames-id accuracy. `accuracy_161km_all` counts over every gold toponym, a missed one as wrong:
//! geotagging recall times geocoding accuracy, the end-to-end figure.

use serde_json::Value;
use sitrep_model::{Document, Span};

use crate::geo::haversine_km;
use crate::report::Metric;
use crate::Scorer;

#[derive(Default)]
pub(crate) struct GeoparseScorer {
    gold: usize,
    system: usize,
    exact: usize,
    gold_found: usize,
    system_matching: usize,
    errors_km: Vec<f64>,
    id_pairs: usize,
    id_hits: usize,
}

impl GeoparseScorer {
    pub(crate) fn new() -> Self {
        Self::default()
    }
}

struct Gold {
    span: Span,
    point: Option<(f64, f64)>,
    geonameid: Option<u64>,
}

fn gold_toponyms(record: &Value) -> Result<Vec<Gold>, String> {
    let list = record.pointer("/gold/toponyms").and_then(Value::as_array).ok_or("no gold.toponyms")?;
    Ok(list
        .iter()
        .filter(|t| !t.get("offset_mismatch").and_then(Value::as_bool).unwrap_or(false))
        // GeoWebNews also marks non-toponym expressions; only entries with a place (coordinates) are toponyms
        .filter(|t| t.get("lat").is_some_and(|v| !v.is_null()))
        .filter_map(|t| {
            let span = Span(t.get("start")?.as_u64()? as usize, t.get("end")?.as_u64()? as usize);
            let point = Some((t.get("lat")?.as_f64()?, t.get("lon")?.as_f64()?));
            let geonameid = t.get("geonameid").and_then(|g| g.as_str().and_then(|s| s.parse().ok()).or_else(|| g.as_u64()));
            Some(Gold { span, point, geonameid })
        })
        .collect())
}

impl Scorer for GeoparseScorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = record.get("text").and_then(Value::as_str).ok_or("no \"text\"")?;
        let gold = gold_toponyms(record)?;
        let doc = Document::from_text(record.get("id").and_then(Value::as_str).unwrap_or(""), text);
        let system = sitrep_coder::document_places(&doc);
        self.gold += gold.len();
        self.system += system.len();
        self.exact += system.iter().filter(|s| gold.iter().any(|g| g.span == s.span)).count();
        self.system_matching += system.iter().filter(|s| gold.iter().any(|g| g.span.overlaps(s.span))).count();
        for g in &gold {
            let best = system
                .iter()
                .filter(|s| s.span.overlaps(g.span))
                .max_by_key(|s| s.span.1.min(g.span.1).saturating_sub(s.span.0.max(g.span.0)));
            let Some(s) = best else { continue };
            self.gold_found += 1;
            if let (Some((glat, glon)), Some(lat), Some(lon)) = (g.point, s.lat, s.lon) {
                self.errors_km.push(haversine_km(lat, lon, glat, glon));
            }
            if let Some(id) = g.geonameid {
                self.id_pairs += 1;
                self.id_hits += usize::from(s.geonameid == Some(id));
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        let f = crate::report::harmonic;
        let (p, r) = (crate::report::ratio(self.system_matching, self.system), crate::report::ratio(self.gold_found, self.gold));
        let (ep, er) = (crate::report::ratio(self.exact, self.system), crate::report::ratio(self.exact, self.gold));
        let mut errors = self.errors_km.clone();
        errors.sort_by(f64::total_cmp);
        let median = if errors.is_empty() { f64::NAN } else { errors[errors.len() / 2] };
        let mean = if errors.is_empty() { f64::NAN } else { errors.iter().sum::<f64>() / errors.len() as f64 };
        // half the Earth's circumference: the largest possible error
        let max_log = 20_039.0f64.ln();
        let auc = if errors.is_empty() { f64::NAN } else { errors.iter().map(|e| (1.0 + e).ln() / max_log).sum::<f64>() / errors.len() as f64 };
        let within = |km: f64| errors.iter().filter(|e| **e <= km).count();
        (
            vec![
                Metric::new("accuracy_161km", crate::report::ratio(within(161.0), errors.len()), errors.len(), "found toponyms resolved within 161 km of the gold point"),
                Metric::new("accuracy_25km", crate::report::ratio(within(25.0), errors.len()), errors.len(), "found toponyms resolved within 25 km"),
                Metric::new("median_error_km", median, errors.len(), "median great-circle error of found toponyms"),
                Metric::new("mean_error_km", mean, errors.len(), "mean great-circle error of found toponyms"),
                Metric::new("auc_log_error", auc, errors.len(), "area under the log-error curve, 0 = perfect (found toponyms)"),
                Metric::new("accuracy_161km_all", crate::report::ratio(within(161.0), self.gold), self.gold, "all gold toponyms: found and within 161 km (missed = wrong)"),
                Metric::new("accuracy_25km_all", crate::report::ratio(within(25.0), self.gold), self.gold, "all gold toponyms: found and within 25 km (missed = wrong)"),
                Metric::new("geonameid_accuracy", crate::report::ratio(self.id_hits, self.id_pairs), self.id_pairs, "found toponyms with the gold GeoNames id (countries carry none in sitrep yet)"),
                Metric::new("geotag_f1", f(p, r), self.gold, "toponym span F1, overlapping spans"),
                Metric::new("geotag_precision", p, self.system, "system places overlapping a gold toponym"),
                Metric::new("geotag_recall", r, self.gold, "gold toponyms overlapped by a system place"),
                Metric::new("geotag_f1_exact", f(ep, er), self.gold, "toponym span F1, identical offsets"),
            ],
            vec![
                "gold toponyms = entries with coordinates (GeoWebNews non-toponym expressions and offset mismatches left out)".into(),
                "accuracy_161km is over the toponyms sitrep found (the READMEs' \"on correctly tagged spans\"); accuracy_161km_all over all gold toponyms".into(),
            ],
        )
    }
}
