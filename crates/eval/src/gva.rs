//! gva-gun-violence: news articles grouped by the Gun Violence Archive incident they report. Scores event fusion
//! the way the set's README asks: every article is coded and fed to one [`Fuser`] in file order; an article's
//! event is the fused event most of its asserted shooting (ASSAULT, else COERCE) events joined; two articles are
//! fused when their events are the same. Pairwise precision/recall/F1 over article pairs, the share of
//! multi-article incidents that come out as exactly one event, the duplicate-event rate, and the fused event's
//! killed/injured counts and date against the incident's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;
use sitrep_coder::Coder;
use sitrep_fusion::Fuser;
use sitrep_model::{Document, EventType};

use crate::records::{get_str, get_u64};
use crate::report::{f1, Metric};
use crate::Scorer;

struct GoldIncident {
    killed: Option<u64>,
    injured: Option<u64>,
    date: Option<String>,
}

/// One article's location result against one gold incident with coordinates: None when the article's event has no
/// point, else the distance in km.
type LocationPair = Option<f64>;

pub(crate) struct GvaScorer {
    coder: Coder,
    fuser: Fuser,
    /// Per article: its gold incident ids and the fused id of its event (None when sitrep found no shooting).
    articles: Vec<(BTreeSet<String>, Option<String>)>,
    incidents: HashMap<String, GoldIncident>,
    /// Per (article, gold incident with latitude/longitude): the distance from the article's event point.
    locations: Vec<LocationPair>,
    panics: Vec<String>,
    /// `SITREP_GVA_DUMP=FILE`: one JSON line per article (gold incidents, the article's shooting events and the
    /// fused event it went to), for sorting fusion errors offline.
    dump: Option<std::io::BufWriter<std::fs::File>>,
}

impl GvaScorer {
    pub(crate) fn new() -> Self {
        GvaScorer {
            coder: Coder::new(),
            fuser: Fuser::new(),
            articles: Vec::new(),
            incidents: HashMap::new(),
            locations: Vec::new(),
            panics: Vec::new(),
            dump: std::env::var_os("SITREP_GVA_DUMP")
                .and_then(|p| std::fs::File::create(p).ok())
                .map(std::io::BufWriter::new),
        }
    }

    pub(crate) fn with_coder(mut self, coder: Option<Coder>) -> Self {
        if let Some(c) = coder {
            self.coder = c;
        }
        self
    }
}

impl Scorer for GvaScorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = get_str(record, "text").ok_or("no \"text\" string")?;
        let id = get_str(record, "id").ok_or("no \"id\" string")?;
        let gold = record.get("gold").ok_or("no \"gold\" object")?;
        let incidents = gold.get("incidents").and_then(Value::as_array).ok_or("no \"gold.incidents\" array")?;
        let mut ids = BTreeSet::new();
        for inc in incidents {
            let iid = match inc.get("incident_id") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => return Err("an incident without \"incident_id\"".into()),
            };
            self.incidents.entry(iid.clone()).or_insert_with(|| GoldIncident {
                killed: get_u64(inc, "num_killed"),
                injured: get_u64(inc, "num_injured"),
                date: get_str(inc, "date").map(str::to_string),
            });
            ids.insert(iid);
        }
        let meta = record.get("meta");
        let mut doc = Document::from_text(id, text)
            .with_publication_date(meta.and_then(|m| get_str(m, "publication_date")).map(str::to_string));
        doc.title = meta.and_then(|m| get_str(m, "title")).map(str::to_string);
        doc.url = meta.and_then(|m| get_str(m, "url")).map(str::to_string);
        let events = crate::code_or_note_panic(&self.coder, &doc, &mut self.panics);
        let fused = self.fuser.add(&doc, &events);
        let main = main_event(&events, &fused);
        let point = article_point(&events, &fused, main.as_deref());
        for inc in incidents {
            let gold = crate::records::get_f64(inc, "latitude").zip(crate::records::get_f64(inc, "longitude"));
            let Some((glat, glon)) = gold.filter(|&(a, o)| crate::geo::valid_point(a, o)) else { continue };
            self.locations.push(point.map(|(lat, lon)| crate::geo::haversine_km(lat, lon, glat, glon)));
        }
        if let Some(out) = self.dump.as_mut() {
            dump_article(out, &doc, incidents, &events, &fused, main.as_deref());
        }
        self.articles.push((ids, main));
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        if let Some(mut out) = self.dump.take() {
            use std::io::Write;
            for f in self.fuser.fused_events().filter(|f| matches!(f.event_type, EventType::Assault | EventType::Coerce)) {
                let line = serde_json::json!({
                    "fused_event": f.id, "date": f.date, "location": f.location,
                    "killed": f.killed.as_ref().and_then(|c| c.best), "injured": f.injured.as_ref().and_then(|c| c.best),
                    "documents": f.documents(),
                });
                let _ = writeln!(out, "{line}");
            }
        }
        let mut metrics = Vec::new();
        let mut notes = Vec::new();

        // article pairs: gold-positive when they share an incident, system-positive when they share a fused event
        let mut by_incident: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut by_fused: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, (ids, fused)) in self.articles.iter().enumerate() {
            for iid in ids {
                by_incident.entry(iid.as_str()).or_default().push(i);
            }
            if let Some(f) = fused {
                by_fused.entry(f.as_str()).or_default().push(i);
            }
        }
        let shares = |a: usize, b: usize| self.articles[a].0.intersection(&self.articles[b].0).next().is_some();
        let mut gold_pairs = BTreeSet::new();
        for docs in by_incident.values() {
            for (x, &a) in docs.iter().enumerate() {
                for &b in &docs[x + 1..] {
                    gold_pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
        let (mut tp, mut fp) = (0usize, 0usize);
        for docs in by_fused.values() {
            for (x, &a) in docs.iter().enumerate() {
                for &b in &docs[x + 1..] {
                    if shares(a, b) {
                        tp += 1;
                    } else {
                        fp += 1;
                    }
                }
            }
        }
        let fn_ = gold_pairs.len().saturating_sub(tp);
        let p = crate::report::ratio(tp, tp + fp);
        let r = crate::report::ratio(tp, gold_pairs.len());
        metrics.push(Metric::new("fusion_pair_precision", p, tp + fp, "article pairs fused into one event that share a GVA incident"));
        metrics.push(Metric::new("fusion_pair_recall", r, gold_pairs.len(), "article pairs sharing an incident that were fused"));
        metrics.push(Metric::new("fusion_pair_f1", f1(tp as f64, fp as f64, fn_ as f64), gold_pairs.len(), "pairwise F1 over article pairs (target ≥ 0.85)"));

        // per incident: the fused events its articles map to
        let mut one_event = 0usize;
        let mut multi = 0usize;
        let mut duplicates = 0usize;
        let mut fused_seen: BTreeSet<&str> = BTreeSet::new();
        let mut killed = (0usize, 0usize);
        let mut injured = (0usize, 0usize);
        let mut date = (0usize, 0usize, 0usize);
        let mut no_event = 0usize;
        for (iid, docs) in &by_incident {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for &d in docs {
                match &self.articles[d].1 {
                    Some(f) => *counts.entry(f.as_str()).or_insert(0) += 1,
                    None => no_event += 1,
                }
            }
            fused_seen.extend(counts.keys().copied());
            duplicates += counts.len().saturating_sub(1);
            if docs.len() > 1 {
                multi += 1;
                let clean = counts.len() == 1
                    && counts.values().next() == Some(&docs.len())
                    && by_fused[counts.keys().next().copied().unwrap_or_default()].len() == docs.len();
                one_event += usize::from(clean);
            }
            // the incident's event: the fused event most of its articles map to
            let Some((&fid, _)) = counts.iter().max_by_key(|(f, n)| (**n, std::cmp::Reverse(**f))) else { continue };
            let Some(event) = self.fuser.get(fid) else { continue };
            let gold = &self.incidents[*iid];
            if let Some(k) = gold.killed.filter(|&k| k > 0) {
                killed.1 += 1;
                killed.0 += usize::from(event.killed.as_ref().and_then(|c| c.best) == Some(k));
            }
            if let Some(k) = gold.injured.filter(|&k| k > 0) {
                injured.1 += 1;
                injured.0 += usize::from(event.injured.as_ref().and_then(|c| c.best) == Some(k));
            }
            if let Some(g) = gold.date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
                date.2 += 1;
                let sys = event.date.start.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                if let Some(s) = sys.filter(|_| event.date.value.as_deref().is_some_and(|v| v.len() == 10)) {
                    date.0 += usize::from(s == g);
                    date.1 += usize::from((s - g).num_days().abs() <= 1);
                }
            }
        }
        metrics.push(Metric::ratio("incidents_one_event", one_event, multi, "multi-article incidents whose articles all fused into one event holding nothing else"));
        metrics.push(Metric::ratio("duplicate_event_rate", duplicates, fused_seen.len(), "extra fused events per incident over the fused events of all incidents (target ≤ 0.02)"));
        metrics.push(Metric::ratio("killed_exact", killed.0, killed.1, "incidents with ≥1 death whose fused event has the killed count exactly (target ≥ 0.80)"));
        metrics.push(Metric::ratio("injured_exact", injured.0, injured.1, "incidents with ≥1 injured whose fused event has the injured count exactly"));
        metrics.push(Metric::ratio("date_exact", date.0, date.2, "incidents whose fused event's day is the incident's date"));
        metrics.push(Metric::ratio("date_within_1_day", date.1, date.2, "… within one day"));
        metrics.push(Metric::ratio("articles_with_event", self.articles.len() - self.articles.iter().filter(|a| a.1.is_none()).count(), self.articles.len(), "articles in which sitrep found a shooting at all"));
        let covered = self.locations.iter().filter(|d| d.is_some()).count();
        let near = self.locations.iter().filter(|d| d.is_some_and(|km| km <= 25.0)).count();
        metrics.push(Metric::ratio("location_within_25km", near, self.locations.len(), "article–incident pairs (incident with lat/lon) whose article's first own shooting event in its main fused event lies within 25 km of the incident"));
        metrics.push(Metric::ratio("location_coverage", covered, self.locations.len(), "… whose article's event has a point at all"));
        if no_event > 0 {
            notes.push(format!("{no_event} article–incident links had no coded shooting (no ASSAULT or COERCE event)"));
        }
        if !self.panics.is_empty() {
            notes.push(format!("the coder panicked on {} record(s): {}", self.panics.len(), self.panics.join(", ")));
        }
        (metrics, notes)
    }
}

fn dump_article(
    out: &mut impl std::io::Write,
    doc: &Document,
    gold: &[Value],
    events: &[sitrep_model::Event],
    fused: &[String],
    main: Option<&str>,
) {
    let shootings: Vec<Value> = events
        .iter()
        .zip(fused)
        .filter(|(e, _)| matches!(e.event_type, EventType::Assault | EventType::Coerce))
        .map(|(e, f)| {
            serde_json::json!({
                "fused": f, "type": e.event_type.as_str(), "unasserted": e.modality.is_unasserted(),
                "trigger": e.trigger.text, "date": e.date, "location": e.location,
                "killed": e.casualties.killed.as_ref().map(|c| &c.primary),
                "injured": e.casualties.injured.as_ref().map(|c| &c.primary),
                "evidence": e.evidence,
            })
        })
        .collect();
    let line = serde_json::json!({
        "id": doc.id, "published": doc.publication_date, "title": doc.title,
        "gold": gold.iter().map(|g| serde_json::json!({
            "incident_id": g.get("incident_id"), "date": g.get("date"), "city": g.get("city_or_county"),
            "state": g.get("state"), "lat": g.get("latitude"), "lon": g.get("longitude"),
            "killed": g.get("num_killed"), "injured": g.get("num_injured"),
        })).collect::<Vec<_>>(),
        "main": main, "events": shootings,
        "names": sitrep_fusion::name_keys(&doc.text).into_iter().filter(|k| k.contains(' ')).collect::<Vec<_>>(),
    });
    let _ = writeln!(out, "{line}");
}

/// The article's own point for its main fused event: the location of the first of its shooting (ASSAULT or
/// COERCE) events that joined that fused event, when it has coordinates.
fn article_point(events: &[sitrep_model::Event], fused: &[String], main: Option<&str>) -> Option<(f64, f64)> {
    let main = main?;
    let first = events
        .iter()
        .zip(fused)
        .find(|(e, f)| f.as_str() == main && matches!(e.event_type, EventType::Assault | EventType::Coerce))?
        .0;
    let loc = first.location.as_ref()?;
    loc.lat.zip(loc.lon).filter(|&(a, o)| crate::geo::valid_point(a, o))
}

/// The fused event an article is about: the one most of its asserted ASSAULT events joined (else COERCE), the
/// earliest on ties.
fn main_event(events: &[sitrep_model::Event], fused: &[String]) -> Option<String> {
    for wanted in [EventType::Assault, EventType::Coerce] {
        let mut tally: Vec<(&str, usize)> = Vec::new();
        for (e, f) in events.iter().zip(fused) {
            if e.event_type != wanted || e.modality.is_unasserted() {
                continue;
            }
            match tally.iter_mut().find(|(id, _)| *id == f.as_str()) {
                Some(t) => t.1 += 1,
                None => tally.push((f.as_str(), 1)),
            }
        }
        // max_by_key keeps the last maximum; reversing keeps the earliest
        if let Some((id, _)) = tally.iter().rev().max_by_key(|(_, n)| *n) {
            return Some(id.to_string());
        }
    }
    None
}
