//! [`Fuser`]: joins each new event to the fused event it most likely reports, or founds a new one.
//!
//! A report joins a fused event when their types agree (and both are asserted, or both not) and the evidence adds up
//! to [`FusionConfig::threshold`]: shared names in the two articles (the victims, the suspect, the street), the same
//! place at a fine precision, the same day in the text, the same toll, shared actors; two events of one article of
//! the same type are one event unless their places or days differ. Far-apart places and different countries count
//! against, and text dates that cannot overlap rule a pair out. Candidates come from an index on (type, day), the
//! day being the event's date in the text or else the day it was published, so the work per report is bounded by
//! the events of its type within [`FusionConfig::window_days`].

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use sitrep_model::{Count, DateBasis, DatePrecision, Document, Event, EventDate, Location, LocationPrecision};

use crate::fused_event::{FieldClaim, FusedCount, FusedEvent, Report, SourcedCount};
use crate::names::name_keys;
use crate::text_index::TextIndex;

/// Weights of the evidence and the bar a pair must clear.
#[derive(Debug, Clone)]
pub struct FusionConfig {
    /// Score a report needs to join a fused event.
    pub threshold: f64,
    /// Days around a report's day within which fused events are considered at all.
    pub window_days: i64,
    /// Most a pair's shared names can add (many shared names say no more than several).
    pub max_name_score: f64,
    /// Text similarity (TF-IDF cosine of the two articles' leads) adds `text_weight × (cosine − text_floor)`:
    /// below the floor it counts against.
    pub text_weight: f64,
    pub text_floor: f64,
    /// Most text similarity can add: alike words never outvote dates weeks apart (a city's shootings read alike).
    pub text_max: f64,
    /// Two day-precise dates further apart than this many days count `far_penalty` against.
    pub far_days: i64,
    pub far_penalty: f64,
    /// Counted against a report whose day is more than `window_days` from every report of the event.
    pub late_penalty: f64,
    /// Added when the fused event is the only one of its type in the probe's town among the events near its day:
    /// two reports of one town's only shooting that month are one shooting, even in different words.
    pub only_in_town_bonus: f64,
}

impl Default for FusionConfig {
    fn default() -> Self {
        FusionConfig {
            threshold: 4.0,
            window_days: 30,
            max_name_score: 8.0,
            text_weight: 20.0,
            text_floor: 0.08,
            text_max: 5.0,
            far_days: 7,
            far_penalty: 6.0,
            late_penalty: 2.0,
            only_in_town_bonus: 1.0,
        }
    }
}

/// A fused event under construction: its member events and what new reports are matched against.
#[derive(Debug, Clone)]
struct Cluster {
    fused: FusedEvent,
    members: Vec<Event>,
    /// Name key → number of member documents that mention it.
    names: HashMap<String, u32>,
    /// Name keys per member document, so a document's own names are not counted as shared with itself.
    doc_names: HashMap<String, HashSet<String>>,
    key: TypeKey,
}

impl Cluster {
    /// An empty fused event whose id comes from `e`, the event that founds it.
    fn founded_by(e: &Event) -> Cluster {
        Cluster {
            fused: FusedEvent {
                id: fused_id(&e.id),
                event_type: e.event_type,
                mode: None,
                date: EventDate::unresolved(),
                location: None,
                actors: Vec::new(),
                recipients: Vec::new(),
                killed: None,
                injured: None,
                arrested: None,
                weapons: Vec::new(),
                disagreements: Vec::new(),
                reports: Vec::new(),
                name_keys: Vec::new(),
            },
            members: Vec::new(),
            names: HashMap::new(),
            doc_names: HashMap::new(),
            key: type_key(e),
        }
    }
}

/// Whether an event of an article cannot be the event its other sentences tell of: far-apart or foreign places,
/// or text days that cannot overlap.
fn clashes(e: &Event, group: &FusedEvent) -> bool {
    if let (Some(a), Some(b)) = (&e.location, &group.location) {
        if place_score(a, b) < 0.0 {
            return true;
        }
    }
    if let (Some((s1, e1)), Some((s2, e2))) = (event_range(e), text_range(&group.date)) {
        let fine = |d: DatePrecision| matches!(d, DatePrecision::Day | DatePrecision::Week);
        if fine(e.date.precision) && fine(group.date.precision) && ranges_apart((s1, e1), (s2, e2)) {
            return true;
        }
    }
    false
}

/// Events fuse only within one type and one assertion status.
type TypeKey = (&'static str, bool);

fn type_key(e: &Event) -> TypeKey {
    (e.event_type.as_str(), e.modality.is_unasserted())
}

/// What a report brings to the comparison.
struct Probe<'a> {
    /// The events of one article that tell of one event, fused among themselves.
    group: &'a FusedEvent,
    key: TypeKey,
    doc_id: &'a str,
    names: &'a [String],
    anchor: Option<NaiveDate>,
    published: Option<NaiveDate>,
}

/// Fuses events, document by document. Deterministic: the same documents in the same order give the same fused
/// events and ids; a fused event keeps its id when later reports join it.
///
/// ```
/// use sitrep_fusion::Fuser;
/// use sitrep_model::Document;
/// # let (doc_a, events_a, doc_b, events_b) = sitrep_fusion::fixtures::two_reports_of_one_shooting();
/// let mut fuser = Fuser::new();
/// let ids_a = fuser.add(&doc_a, &events_a);
/// let ids_b = fuser.add(&doc_b, &events_b);
/// assert_eq!(ids_a[0], ids_b[0]); // two articles, one shooting
/// assert_eq!(fuser.get(&ids_a[0]).unwrap().reports.len(), 2);
/// ```
#[derive(Debug, Default)]
pub struct Fuser {
    config: FusionConfig,
    clusters: Vec<Cluster>,
    by_id: HashMap<String, usize>,
    by_event: HashMap<String, usize>,
    /// (type, assertion, day) → clusters with a member anchored on that day.
    by_day: BTreeMap<(TypeKey, i64), Vec<usize>>,
    /// document id → clusters it has members in.
    by_doc: HashMap<String, Vec<usize>>,
    /// (type, assertion, full name) → clusters whose articles mention it: finds the event a follow-up months later
    /// reports ("the trial of Erik Apperson"). Lists stop growing at [`NAME_LIST_CAP`]: a name in that many events
    /// is a place or a public figure, not a victim.
    by_name: HashMap<(TypeKey, String), Vec<usize>>,
    /// Every article's lead words, for text similarity.
    text: TextIndex,
}

const NAME_LIST_CAP: usize = 48;

impl Fuser {
    pub fn new() -> Self {
        Fuser::with_config(FusionConfig::default())
    }

    pub fn with_config(config: FusionConfig) -> Self {
        Fuser { config, ..Default::default() }
    }

    /// Picks up fused events made earlier (e.g. read back from a store) with their member events and the documents
    /// of that run, so new reports join them under the same ids and are weighed as they would have been in one run
    /// (the documents give the word weights of text similarity). Members whose event is missing are dropped from
    /// the record.
    pub fn resume<'d>(&mut self, fused: Vec<FusedEvent>, events: &HashMap<String, Event>, documents: impl IntoIterator<Item = &'d Document>) {
        let reported: HashSet<&str> = fused.iter().flat_map(|f| f.reports.iter().map(|r| r.doc_id.as_str())).collect();
        for doc in documents {
            self.text.add(&doc.id, &titled_text(doc), reported.contains(doc.id.as_str()));
        }
        for f in fused {
            let members: Vec<Event> = f.reports.iter().filter_map(|r| events.get(&r.event_id).cloned()).collect();
            let Some(first) = members.first() else { continue };
            let key = type_key(first);
            let mut cluster = Cluster {
                fused: f.clone(),
                members: Vec::new(),
                names: HashMap::new(),
                doc_names: HashMap::new(),
                key,
            };
            cluster.fused.reports.clear();
            let idx = self.clusters.len();
            // the stored reports keep their outlets and anchors; names come back from the stored keys
            let stored: HashMap<&str, &Report> = f.reports.iter().map(|r| (r.event_id.as_str(), r)).collect();
            for m in members {
                let report = stored[m.id.as_str()].clone();
                // per-document names are not stored; the union below stands in for the earlier articles
                cluster.doc_names.entry(report.doc_id.clone()).or_default();
                self.index_member(idx, &m, &report);
                cluster.fused.reports.push(report);
                cluster.members.push(m);
            }
            cluster.doc_names.insert(String::new(), f.name_keys.iter().cloned().collect());
            for k in &f.name_keys {
                cluster.names.insert(k.clone(), 1);
                if k.contains(' ') {
                    let list = self.by_name.entry((key, k.clone())).or_default();
                    if list.len() < NAME_LIST_CAP {
                        list.push(idx);
                    }
                }
            }
            self.by_id.insert(cluster.fused.id.clone(), idx);
            self.clusters.push(cluster);
        }
    }

    /// Fuses the events of one document; returns the fused id of each event, in order.
    ///
    /// The article's events are first grouped among themselves (same type, no clash of place or day: a headline
    /// and the body telling of one shooting), then each group is matched as a whole against the fused events so
    /// far, so an article's evidence is weighed once, with its best date and place.
    pub fn add(&mut self, doc: &Document, events: &[Event]) -> Vec<String> {
        let text = titled_text(doc);
        let names: Vec<String> = name_keys(&text).into_iter().collect();
        self.text.add(&doc.id, &text, !events.is_empty());
        let published = doc.publication_date.as_deref().and_then(day);
        let outlet = doc.source.clone().or_else(|| doc.url.as_deref().and_then(host));

        let mut groups: Vec<Cluster> = Vec::new();
        let mut group_of: Vec<Option<usize>> = Vec::with_capacity(events.len());
        for e in events {
            if self.by_event.contains_key(&e.id) {
                group_of.push(None);
                continue;
            }
            let anchor = event_range(e).map(|(s, _)| s).or(published);
            let report = Report {
                event_id: e.id.clone(),
                doc_id: doc.id.clone(),
                evidence_span: e.evidence_span,
                outlet: outlet.clone(),
                reporters: e
                    .reporters
                    .iter()
                    .map(|r| r.refers_to.as_ref().map(|n| n.text.clone()).unwrap_or_else(|| r.text.clone()))
                    .collect(),
                published: doc.publication_date.clone(),
                anchor: anchor.map(|d| d.format("%Y-%m-%d").to_string()),
            };
            let g = match groups.iter().position(|g| g.key == type_key(e) && !clashes(e, &g.fused)) {
                Some(g) => g,
                None => {
                    groups.push(Cluster::founded_by(e));
                    groups.len() - 1
                }
            };
            groups[g].members.push(e.clone());
            groups[g].fused.reports.push(report);
            refresh(&mut groups[g]);
            group_of.push(Some(g));
        }

        let mut target = Vec::with_capacity(groups.len());
        for g in &groups {
            let anchor = text_range(&g.fused.date).map(|(s, _)| s).or(published);
            let probe = Probe { group: &g.fused, key: g.key, doc_id: &doc.id, names: &names, anchor, published };
            target.push(self.best_match(&probe));
        }
        let mut cluster_of_group = Vec::with_capacity(groups.len());
        for (g, found) in groups.into_iter().zip(target) {
            let idx = match found {
                Some(idx) => idx,
                None => self.found(&g.members[0]),
            };
            for (m, r) in g.members.into_iter().zip(g.fused.reports) {
                self.join(idx, m, r, &names);
            }
            cluster_of_group.push(idx);
        }
        events
            .iter()
            .zip(group_of)
            .map(|(e, g)| match g {
                Some(g) => self.clusters[cluster_of_group[g]].fused.id.clone(),
                None => self.clusters[self.by_event[&e.id]].fused.id.clone(),
            })
            .collect()
    }

    /// The fused event with this id.
    pub fn get(&self, id: &str) -> Option<&FusedEvent> {
        self.by_id.get(id).map(|&i| &self.clusters[i].fused)
    }

    /// The fused id an event was joined to.
    pub fn fused_id_of(&self, event_id: &str) -> Option<&str> {
        self.by_event.get(event_id).map(|&i| self.clusters[i].fused.id.as_str())
    }

    /// Every fused event, in the order they were founded.
    pub fn fused_events(&self) -> impl Iterator<Item = &FusedEvent> {
        self.clusters.iter().map(|c| &c.fused)
    }

    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    fn best_match(&self, r: &Probe) -> Option<usize> {
        let key = r.key;
        let mut candidates: Vec<usize> = self.by_doc.get(r.doc_id).cloned().unwrap_or_default();
        let w = self.config.window_days;
        for d in [r.anchor, r.published].into_iter().flatten().map(day_number) {
            for (_, list) in self.by_day.range((key, d - w)..=(key, d + w)) {
                candidates.extend_from_slice(list);
            }
        }
        for name in r.names.iter().filter(|k| k.contains(' ')) {
            if let Some(list) = self.by_name.get(&(key, name.clone())) {
                candidates.extend_from_slice(list);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        // the fused events of this type in the probe's own town, among those near its day
        let in_town: Vec<usize> = match &r.group.location {
            Some(here) if location_rank(here.precision) <= 1 => candidates
                .iter()
                .copied()
                .filter(|&i| {
                    let c = &self.clusters[i];
                    c.key == key && c.fused.location.as_ref().is_some_and(|l| location_rank(l.precision) <= 1 && place_score(here, l) >= 2.0)
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut best: Option<(f64, usize)> = None;
        for idx in candidates {
            let c = &self.clusters[idx];
            if c.key != key {
                continue;
            }
            let mut score = self.score(r, c);
            if in_town == [idx] && !days_apart(&r.group.date, &c.fused.date) {
                score += self.config.only_in_town_bonus;
            }
            if score >= self.config.threshold && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, idx));
            }
        }
        best.map(|(_, i)| i)
    }

    /// The evidence that `r` reports the event of `c`. Every signal is soft: geocoders and date resolution err, and
    /// many shared names outweigh a misplaced town or a wrongly resolved year.
    fn score(&self, r: &Probe, c: &Cluster) -> f64 {
        let e = r.group;
        let mut score = 0.0;

        // when
        match (text_range(&e.date), text_range(&c.fused.date)) {
            (Some((s1, e1)), Some((s2, e2))) => {
                if ranges_apart((s1, e1), (s2, e2)) {
                    let fine = |d: DatePrecision| matches!(d, DatePrecision::Day | DatePrecision::Week);
                    let apart = (s1 - e2).num_days().max((s2 - e1).num_days());
                    score -= match (fine(e.date.precision) && fine(c.fused.date.precision), apart) {
                        // weeks apart at day precision: another shooting, however alike the words ("weekend
                        // shootings" round-ups of one city read alike month after month)
                        (true, d) if d > self.config.far_days => self.config.far_penalty,
                        (true, _) => 2.0,
                        _ => 1.0,
                    };
                } else if s1 == e1 && s2 == e2 && s1 == s2 {
                    score += 2.0;
                } else {
                    score += 0.5;
                }
            }
            // a report cannot precede its event
            (None, Some((s2, _))) if r.published.is_some_and(|p| p + chrono::Days::new(1) < s2) => score -= 3.0,
            _ => {}
        }

        // a report months after every report of the event: a follow-up (a trial, an arrest) names the people
        // again; a fresh shooting in the same city does not
        if let Some(a) = r.anchor {
            let gap = c.fused.reports.iter().filter_map(|x| x.anchor.as_deref().and_then(day)).map(|d| (d - a).num_days().abs()).min();
            if gap.is_some_and(|g| g > self.config.window_days) {
                score -= self.config.late_penalty;
            }
        }

        // where
        if let (Some(a), Some(b)) = (&e.location, &c.fused.location) {
            let mut p = place_score(a, b);
            // the other article names my town, or I name theirs: the geocoders read one name two ways, or one
            // report's place is the neighbourhood of the other's city
            if p < 2.0 && !c.doc_names.contains_key(r.doc_id) {
                let mine = place_key(a);
                let theirs = place_key(b);
                let named_by_them = mine.as_ref().is_some_and(|k| c.doc_names.values().any(|d| d.contains(k)));
                let named_by_me = theirs.as_ref().is_some_and(|k| r.names.contains(k));
                if named_by_them || named_by_me {
                    p = if p < 0.0 { 0.0 } else { p.max(1.0) };
                }
            }
            score += p;
        }

        if c.doc_names.contains_key(r.doc_id) {
            // one article, one type: the same event unless place or day says otherwise
            score += self.config.threshold;
        } else {
            let places = place_words(e.location.iter().chain(c.fused.location.iter()));
            // against each earlier article on its own: a fused event's names grow with every report, and a
            // union would soon share a name with anything (city round-ups list dozens)
            let best = c.doc_names.values().map(|d| shared_name_score(r.names, d, &places)).fold(0.0, f64::max);
            score += best.min(self.config.max_name_score);
            let similarity = c.doc_names.keys().map(|d| self.text.similarity(r.doc_id, d)).fold(0.0, f64::max);
            score += (self.config.text_weight * (similarity - self.config.text_floor)).min(self.config.text_max);
        }

        // the same toll, the same actors
        if let (Some(k), Some(f)) = (e.killed.as_ref(), c.fused.killed.as_ref()) {
            if k.best.is_some() && k.best == f.best {
                score += 1.0;
            }
        }
        let actor_keys = |list: &[sitrep_model::Actor]| -> HashSet<String> {
            list.iter().filter(|a| a.code.is_some() || a.sector.is_none()).map(actor_key).collect()
        };
        let mine = actor_keys(&e.actors);
        if !mine.is_empty() && c.fused.actors.iter().any(|a| mine.contains(&actor_key(a))) {
            score += 0.5;
        }
        score
    }

    fn found(&mut self, e: &Event) -> usize {
        let idx = self.clusters.len();
        let cluster = Cluster::founded_by(e);
        self.by_id.insert(cluster.fused.id.clone(), idx);
        self.clusters.push(cluster);
        idx
    }

    fn index_member(&mut self, idx: usize, e: &Event, report: &Report) {
        self.by_event.insert(e.id.clone(), idx);
        // found by the day it happened and by the day it was reported
        let days = [report.anchor.as_deref(), report.published.as_deref()];
        for d in days.into_iter().flatten().filter_map(day).map(day_number) {
            let list = self.by_day.entry((type_key(e), d)).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
        }
        let docs = self.by_doc.entry(report.doc_id.clone()).or_default();
        if !docs.contains(&idx) {
            docs.push(idx);
        }
    }

    fn join(&mut self, idx: usize, e: Event, report: Report, names: &[String]) {
        self.index_member(idx, &e, &report);
        let key = self.clusters[idx].key;
        let c = &mut self.clusters[idx];
        if !c.doc_names.contains_key(&report.doc_id) {
            for k in names {
                *c.names.entry(k.clone()).or_insert(0) += 1;
                if k.contains(' ') {
                    let list = self.by_name.entry((key, k.clone())).or_default();
                    if list.len() < NAME_LIST_CAP && !list.contains(&idx) {
                        list.push(idx);
                    }
                }
            }
            c.doc_names.insert(report.doc_id.clone(), names.iter().cloned().collect());
        }
        c.members.push(e);
        c.fused.reports.push(report);
        refresh(c);
    }
}

/// Recomputes a fused event's fields from its members.
fn refresh(c: &mut Cluster) {
    let f = &mut c.fused;
    let members = &c.members;
    f.mode = members.iter().find_map(|m| m.mode.clone());

    // date: finer precision, then text over publication, then first seen (a year mentioned in passing does not beat
    // the week of publication)
    let date_rank = |d: &EventDate| (precision_rank(d.precision), d.basis != DateBasis::Text);
    f.date = members.iter().map(|m| &m.date).min_by_key(|d| date_rank(d)).cloned().unwrap_or_else(EventDate::unresolved);
    // place: the finest precision, then the place most reports agree with, then first seen
    let places: Vec<&Location> = members.iter().filter_map(|m| m.location.as_ref()).collect();
    let support = |l: &Location| {
        places.iter().filter(|o| matches!((point(l), point(o)), (Some(a), Some(b)) if haversine_km(a, b) <= 15.0)).count()
    };
    f.location = places
        .iter()
        .enumerate()
        .min_by_key(|(i, l)| (location_rank(l.precision), std::cmp::Reverse(support(l)), *i))
        .map(|(_, l)| (*l).clone());

    f.disagreements.clear();
    let chosen_day = text_range(&f.date);
    for (m, r) in members.iter().zip(&f.reports) {
        if m.date.basis == DateBasis::Text && m.date.precision == DatePrecision::Day {
            let differs = chosen_day != text_range(&m.date);
            let value = m.date.value.clone().unwrap_or_default();
            if differs && !f.disagreements.iter().any(|d| d.field == "date" && d.value == value) {
                f.disagreements.push(FieldClaim {
                    field: "date".into(),
                    value,
                    text: m.date.text.clone(),
                    span: m.date.span,
                    doc_id: r.doc_id.clone(),
                    event_id: m.id.clone(),
                });
            }
        }
        if let (Some(l), Some(best)) = (&m.location, &f.location) {
            let fine = location_rank(l.precision) <= location_rank(LocationPrecision::Admin2);
            let far = match (point(l), point(best)) {
                (Some(a), Some(b)) => haversine_km(a, b) > 25.0,
                _ => l.geonameid != best.geonameid,
            };
            if fine && far && !f.disagreements.iter().any(|d| d.field == "location" && d.value == l.name) {
                f.disagreements.push(FieldClaim {
                    field: "location".into(),
                    value: l.name.clone(),
                    text: l.text.clone(),
                    span: l.span,
                    doc_id: r.doc_id.clone(),
                    event_id: m.id.clone(),
                });
            }
        }
    }

    let pairs: Vec<(&Event, &Report)> = members.iter().zip(&f.reports).collect();
    f.killed = fuse_counts(&pairs, |m| m.casualties.killed.as_ref());
    f.injured = fuse_counts(&pairs, |m| m.casualties.injured.as_ref());
    f.arrested = fuse_counts(&pairs, |m| m.casualties.arrested.as_ref());

    f.actors = union_actors(members.iter().flat_map(|m| &m.actors));
    f.recipients = union_actors(members.iter().flat_map(|m| &m.recipients));
    f.weapons.clear();
    for w in members.iter().flat_map(|m| &m.weapons) {
        if f.weapons.len() < 12 && !f.weapons.iter().any(|x| x.text.eq_ignore_ascii_case(&w.text)) {
            f.weapons.push(w.clone());
        }
    }
    let mut keys: Vec<String> = c.names.keys().cloned().collect();
    keys.sort_unstable();
    f.name_keys = keys;
}

fn fuse_counts(pairs: &[(&Event, &Report)], pick: impl Fn(&Event) -> Option<&Count>) -> Option<FusedCount> {
    let mut claims: Vec<SourcedCount> = Vec::new();
    // figure → the documents that give it, as their reading or as a further claim
    let mut support: BTreeMap<u64, HashSet<&str>> = BTreeMap::new();
    for (m, r) in pairs {
        let Some(count) = pick(m) else { continue };
        for c in std::iter::once(&count.primary).chain(&count.claims) {
            if let Some(b) = c.best {
                support.entry(b).or_default().insert(r.doc_id.as_str());
            }
            let sourced = SourcedCount {
                best: c.best,
                low: c.low,
                high: c.high,
                text: c.text.clone(),
                doc_id: r.doc_id.clone(),
                span: c.span,
                reporter: c.reporter.clone(),
            };
            let same = |x: &SourcedCount| (x.best, x.low, x.high, &x.reporter) == (c.best, c.low, c.high, &c.reporter);
            if !claims.iter().any(same) {
                claims.push(sourced);
            }
        }
    }
    if claims.is_empty() {
        return None;
    }
    // the figure most articles give; among equally supported figures the highest (tolls rise as the wounded die,
    // and an early report is a lower bound)
    let best = support.iter().max_by_key(|(value, docs)| (docs.len(), **value)).map(|(value, _)| *value);
    Some(FusedCount {
        best,
        low: claims.iter().filter_map(|c| c.low).max(),
        high: claims.iter().filter_map(|c| c.high).max(),
        claims,
    })
}

fn union_actors<'a>(all: impl Iterator<Item = &'a sitrep_model::Actor>) -> Vec<sitrep_model::Actor> {
    let mut out: Vec<sitrep_model::Actor> = Vec::new();
    for a in all {
        if out.len() < 12 && !out.iter().any(|x| actor_key(x) == actor_key(a)) {
            out.push(a.clone());
        }
    }
    out
}

fn actor_key(a: &sitrep_model::Actor) -> String {
    match &a.code {
        Some(c) => c.clone(),
        None => a.name.to_lowercase(),
    }
}

/// Place evidence: +2 for the same town, +1 for the same district, 0 when one is coarse or unknown; −3 when two
/// precise places lie far apart, −4 for two different countries.
fn place_score(a: &Location, b: &Location) -> f64 {
    let coarse = location_rank(a.precision).max(location_rank(b.precision));
    // the same town name read as two towns ("Richmond", Virginia and California; "San Francisco" in the
    // Philippines): one geocoding is wrong, and two reports of one shooting name the same town far more often than
    // two shootings in namesakes coincide
    if coarse <= 1 && same_name(a, b) {
        return 2.0;
    }
    if let (Some(x), Some(y)) = (&a.country, &b.country) {
        if x != y {
            return -4.0;
        }
    }
    let (Some(pa), Some(pb)) = (point(a), point(b)) else { return 0.0 };
    let d = haversine_km(pa, pb);
    match coarse {
        0 | 1 if d <= 15.0 => 2.0,
        0..=2 if d <= 40.0 => 1.0,
        0..=2 if d > 300.0 => -3.0,
        _ => 0.0,
    }
}

/// A town-or-finer place's words as the name keys have them ("baton rouge"); None for coarser places.
fn place_key(l: &Location) -> Option<String> {
    if location_rank(l.precision) > location_rank(LocationPrecision::Admin2) {
        return None;
    }
    let words: Vec<String> = l.text.as_deref().unwrap_or(&l.name).split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn same_name(a: &Location, b: &Location) -> bool {
    let key = |l: &Location| l.text.as_deref().unwrap_or(&l.name).trim().to_lowercase();
    a.name.eq_ignore_ascii_case(&b.name) || key(a) == key(b)
}

/// Lower-case words of the places both sides name: a shared "Baton Rouge" is the place agreeing, already counted,
/// not a name.
fn place_words<'a>(locations: impl Iterator<Item = &'a Location>) -> HashSet<String> {
    let mut words = HashSet::new();
    for l in locations {
        for s in [Some(&l.name), l.text.as_ref(), l.admin1.as_ref()].into_iter().flatten() {
            words.extend(s.split(|ch: char| !ch.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase));
        }
    }
    words
}

/// Name evidence: 2 for each shared full name ("first last"), 1 for each shared single name not already part of a
/// shared full name; place words left out.
fn shared_name_score(mine: &[String], theirs: &HashSet<String>, places: &HashSet<String>) -> f64 {
    let shared: Vec<&String> = mine
        .iter()
        .filter(|k| theirs.contains(*k) && !k.split(' ').all(|w| places.contains(w)))
        .collect();
    let in_pair: HashSet<&str> = shared.iter().filter(|k| k.contains(' ')).flat_map(|k| k.split(' ')).collect();
    shared
        .iter()
        .map(|k| if k.contains(' ') { 2.0 } else if in_pair.contains(k.as_str()) { 0.0 } else { 1.0 })
        .sum()
}

fn point(l: &Location) -> Option<(f64, f64)> {
    Some((l.lat?, l.lon?))
}

/// Great-circle distance in kilometres between two (lat, lon) points in degrees.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().min(1.0).asin()
}

fn precision_rank(p: DatePrecision) -> u8 {
    match p {
        DatePrecision::Day => 0,
        DatePrecision::Week => 1,
        DatePrecision::Month => 2,
        DatePrecision::Year => 3,
        DatePrecision::Unresolved => 4,
    }
}

/// Whether two dates' text ranges cannot overlap.
fn days_apart(a: &EventDate, b: &EventDate) -> bool {
    text_range(a).zip(text_range(b)).is_some_and(|(x, y)| ranges_apart(x, y))
}

/// Whether two day ranges cannot overlap, with a day of slack (a night-time shooting is dated either day).
fn ranges_apart((s1, e1): (NaiveDate, NaiveDate), (s2, e2): (NaiveDate, NaiveDate)) -> bool {
    let slack = chrono::Days::new(1);
    s1 > e2 + slack || s2 > e1 + slack
}

fn location_rank(p: LocationPrecision) -> u8 {
    match p {
        LocationPrecision::Exact => 0,
        LocationPrecision::Town => 1,
        LocationPrecision::Admin2 => 2,
        LocationPrecision::Admin1 => 3,
        LocationPrecision::Country => 4,
        LocationPrecision::Unresolved => 5,
    }
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn day_number(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// The days an event may have happened on, whatever the basis.
fn event_range(e: &Event) -> Option<(NaiveDate, NaiveDate)> {
    if e.date.basis != DateBasis::Text {
        return None;
    }
    text_range(&e.date)
}

fn text_range(d: &EventDate) -> Option<(NaiveDate, NaiveDate)> {
    if d.basis != DateBasis::Text {
        return None;
    }
    let s = day(d.start.as_deref()?)?;
    let e = d.end.as_deref().and_then(day).unwrap_or(s);
    Some((s, e.max(s)))
}

/// The title (when the text does not open with it) and the text: what names and words are read from.
fn titled_text(doc: &Document) -> String {
    let mut text = String::new();
    if let Some(t) = &doc.title {
        if !doc.text.starts_with(t.as_str()) {
            text.push_str(t);
            text.push_str(".\n");
        }
    }
    text.push_str(&doc.text);
    text
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_string())
}

/// `fe-` + 16 hex digits of a 64-bit FNV-1a hash of the founding event's id: the same founder, the same id, on any
/// machine and in any release (no randomised hasher).
fn fused_id(event_id: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in event_id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fe-{h:016x}")
}
