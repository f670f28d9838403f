//! ucdp-ged: conflict events coded from GED source headlines, matched to the human-coded GED events.
//!
//! The coder gets only `text` and `meta.publication_date`. Its violent events (ASSAULT, COERCE) that are asserted
//! (not negated, hypothetical or future) are matched greedily, per record, to the gold events on a score that adds
//! date compatibility, distance (or same country) and casualty agreement; every pair in a record may match, since all
//! of a record's gold events come from its text. Matched pairs are then scored field by field.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;
use sitrep_coder::Coder;
use sitrep_model::{Actor, DatePrecision, Document, Event};

use crate::actors::{alias_hit, exact_hit, sector_of};
use crate::countries::Countries;
use crate::geo::{haversine_km, valid_point};
use crate::records::{get_f64, get_str, get_u64};
use crate::report::{f1, ratio, Metric};
use crate::Scorer;

/// One GED event, the fields scored.
#[derive(Debug, Clone, Default)]
pub(crate) struct GoldEvent {
    pub(crate) type_of_violence: Option<u64>,
    pub(crate) side_a: Option<String>,
    pub(crate) side_b: Option<String>,
    pub(crate) date_start: Option<NaiveDate>,
    pub(crate) date_end: Option<NaiveDate>,
    pub(crate) country: Option<String>,
    pub(crate) where_prec: Option<u64>,
    pub(crate) lat: Option<f64>,
    pub(crate) lon: Option<f64>,
    pub(crate) best: Option<u64>,
    pub(crate) low: Option<u64>,
    pub(crate) high: Option<u64>,
    /// GED's name for the place it coded (`where_coordinates`), for the debug listing only.
    pub(crate) where_name: Option<String>,
}

fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    s.and_then(sitrep_time::parse_reference_date)
}

impl GoldEvent {
    pub(crate) fn from_json(v: &Value) -> Result<GoldEvent, String> {
        if !v.is_object() {
            return Err("a gold event is not an object".to_string());
        }
        let date_start = parse_date(get_str(v, "date_start"));
        let date_end = parse_date(get_str(v, "date_end")).filter(|e| date_start.is_none_or(|s| *e >= s));
        Ok(GoldEvent {
            type_of_violence: get_u64(v, "type_of_violence"),
            side_a: get_str(v, "side_a").map(str::to_string),
            side_b: get_str(v, "side_b").map(str::to_string),
            date_start,
            date_end: date_end.or(date_start),
            country: get_str(v, "country").map(str::to_string),
            where_prec: get_u64(v, "where_prec"),
            lat: get_f64(v, "latitude"),
            lon: get_f64(v, "longitude"),
            best: get_u64(v, "best"),
            low: get_u64(v, "low"),
            high: get_u64(v, "high"),
            where_name: get_str(v, "where_coordinates").map(str::to_string),
        })
    }

    fn point(&self) -> Option<(f64, f64)> {
        let (lat, lon) = (self.lat?, self.lon?);
        valid_point(lat, lon).then_some((lat, lon))
    }

    fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let s = self.date_start?;
        Some((s, self.date_end.unwrap_or(s)))
    }
}

/// The system's dates for an event: the day (when day-precise) and the start..end range (when known).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SysDates {
    pub(crate) day: Option<NaiveDate>,
    pub(crate) range: Option<(NaiveDate, NaiveDate)>,
}

pub(crate) fn sys_dates(e: &Event) -> SysDates {
    let day = if e.date.precision == DatePrecision::Day { parse_date(e.date.value.as_deref()) } else { None };
    let start = parse_date(e.date.start.as_deref());
    let end = parse_date(e.date.end.as_deref());
    let range = match (start, end) {
        (Some(s), Some(e)) if s <= e => Some((s, e)),
        (Some(s), Some(_)) => Some((s, s)),
        (Some(d), None) | (None, Some(d)) => Some((d, d)),
        (None, None) => None,
    };
    SysDates { day, range }
}

/// Days from `day` to the nearest day of `[start, end]` (0 inside).
fn days_outside(day: NaiveDate, (start, end): (NaiveDate, NaiveDate)) -> i64 {
    if day < start {
        (start - day).num_days()
    } else if day > end {
        (day - end).num_days()
    } else {
        0
    }
}

/// The date agrees with the gold range: the system range overlaps it, or the system day lies inside it.
pub(crate) fn within_range(d: SysDates, (gs, ge): (NaiveDate, NaiveDate)) -> bool {
    let overlaps = d.range.is_some_and(|(s, e)| s <= ge && gs <= e);
    let inside = d.day.is_some_and(|day| gs <= day && day <= ge);
    overlaps || inside
}

fn sys_point(e: &Event) -> Option<(f64, f64)> {
    let loc = e.location.as_ref()?;
    let (lat, lon) = (loc.lat?, loc.lon?);
    valid_point(lat, lon).then_some((lat, lon))
}

fn sys_killed(e: &Event) -> Option<u64> {
    e.casualties.killed.as_ref().and_then(|c| c.primary.best)
}

fn sys_country(e: &Event) -> Option<&str> {
    e.location.as_ref().and_then(|l| l.country.as_deref())
}

/// How well a system event fits a gold event; higher is better, 0 when nothing agrees.
pub(crate) fn pair_score(e: &Event, g: &GoldEvent, gold_iso3: Option<&str>) -> f64 {
    let mut score = 0.0;
    if let Some(range) = g.range() {
        let d = sys_dates(e);
        if let Some(day) = d.day {
            score += match days_outside(day, range) {
                0 => 1.0,
                1 => 0.5,
                2..=7 => 0.25,
                _ => 0.0,
            };
        } else if within_range(d, range) {
            score += 0.5;
        }
    }
    match (sys_point(e), g.point()) {
        (Some((la, lo)), Some((gla, glo))) => {
            let km = haversine_km(la, lo, gla, glo);
            score += if km <= 25.0 {
                1.0
            } else if km <= 100.0 {
                0.5
            } else if km <= 500.0 {
                0.2
            } else {
                0.0
            };
        }
        _ => {
            if gold_iso3.is_some() && sys_country(e) == gold_iso3 {
                score += 0.2;
            }
        }
    }
    if let (Some(k), Some(best)) = (sys_killed(e), g.best) {
        let (low, high) = (g.low.unwrap_or(best), g.high.unwrap_or(best));
        if k == best || (low <= k && k <= high) {
            score += 1.0;
        } else {
            let (a, b) = (k.min(best) as f64, k.max(best) as f64);
            score += 0.5 * if b > 0.0 { a / b } else { 0.0 };
        }
    }
    score
}

/// Every number the text writes, as digits or words ("12", "1,200", "twelve", "twenty-five"), generously: any
/// word that parses counts, so the ceiling it gives is an upper bound.
fn numbers_in(text: &str) -> Vec<u64> {
    text.split(|c: char| !(c.is_alphanumeric() || c == ',' || c == '-'))
        .flat_map(|w| std::iter::once(w).chain(w.split('-')))
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '-'))
        .filter(|w| !w.is_empty())
        .filter_map(|w| sitrep_coder::parse_number(w).map(|q| q.value))
        .collect()
}

/// Greedy one-to-one matching on a score matrix `scores[system][gold]`: best pair first, ties by position.
pub(crate) fn greedy_match(scores: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, row) in scores.iter().enumerate() {
        for (j, &s) in row.iter().enumerate() {
            pairs.push((if s.is_finite() { s } else { 0.0 }, i, j));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let n_gold = scores.iter().map(Vec::len).max().unwrap_or(0);
    let (mut used_s, mut used_g) = (vec![false; scores.len()], vec![false; n_gold]);
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !used_s[i] && !used_g[j] {
            used_s[i] = true;
            used_g[j] = true;
            out.push((i, j));
        }
    }
    out
}

const ARMED: &[&str] = &["MIL", "REB", "COP", "UAF"];

/// UCDP type of violence from the system's roles: armed against armed (or anything against military/rebels) is 1
/// when one side is a state's government, military or police, else 2; anything against civilians is 3.
pub(crate) fn violence_type(e: &Event, countries: &Countries) -> Option<u64> {
    let armed = |a: &&Actor| sector_of(a).is_some_and(|s| ARMED.contains(&s));
    let is_state = |a: &&Actor| {
        matches!(sector_of(a), Some("GOV" | "MIL" | "COP"))
            && (a.country.is_some()
                || a.code.as_deref().and_then(|c| c.get(..3)).is_some_and(|c| countries.is_country(c)))
    };
    let actor_armed = e.actors.iter().any(|a| armed(&a));
    let recipient_armed = e.recipients.iter().any(|a| armed(&a));
    let recipient_fighters = e.recipients.iter().any(|a| matches!(sector_of(a), Some("MIL" | "REB")));
    if (actor_armed && recipient_armed) || recipient_fighters {
        return Some(if e.actors.iter().chain(&e.recipients).any(|a| is_state(&a)) { 1 } else { 2 });
    }
    if e.recipients.iter().any(|a| sector_of(a) == Some("CVL")) {
        return Some(3);
    }
    None
}

/// Counters over all records.
#[derive(Debug, Default)]
struct Tally {
    records_with_gold: usize,
    records_detected: usize,
    /// Records with a gold event whose text holds some word of violence, conflict or armed forces at all.
    records_with_violence_words: usize,
    system_events: usize,
    gold_events: usize,
    matched: usize,
    date_pairs: usize,
    date_exact: usize,
    date_one_day: usize,
    date_within: usize,
    loc_pairs: usize,
    loc_with_coords: usize,
    loc_25: usize,
    loc_100: usize,
    /// Of the `loc_with_coords` pairs, those whose text names some place within 25 km of the gold point.
    loc_text_25: usize,
    /// Gold events with where_prec <= 3, and those whose text names some place within 25 km of their point.
    loc_gold: usize,
    loc_gold_text_25: usize,
    country_pairs: usize,
    country_hits: usize,
    deaths_pairs: usize,
    deaths_exact: usize,
    deaths_within: usize,
    deaths_given: usize,
    /// Gold events with a `best` count, and those whose [low, high] holds a number written in the text.
    deaths_gold: usize,
    deaths_in_text: usize,
    deaths_abs_error: f64,
    type_pairs: usize,
    type_hits: usize,
    type_mapped: usize,
    sides: usize,
    sides_exact: usize,
    sides_alias: usize,
}

pub(crate) struct UcdpScorer {
    coder: Coder,
    countries: Countries,
    tally: Tally,
    no_publication_date: usize,
    unmapped_countries: BTreeMap<String, usize>,
    panics: Vec<String>,
    /// `SITREP_DEBUG_UCDP_LOC=1`: print each scored location pair (`LOCMISS` more than 25 km off, else `LOCHIT`;
    /// `LOCNONE` where sitrep gave no point), for sorting the misses.
    debug_locations: bool,
}

impl UcdpScorer {
    /// Codes with `coder` instead of the default one.
    pub(crate) fn with_coder(mut self, coder: Option<Coder>) -> Self {
        if let Some(c) = coder {
            self.coder = c;
        }
        self
    }

    pub(crate) fn new() -> Self {
        UcdpScorer {
            coder: Coder::new(),
            countries: Countries::builtin(),
            tally: Tally::default(),
            no_publication_date: 0,
            unmapped_countries: BTreeMap::new(),
            panics: Vec::new(),
            debug_locations: std::env::var_os("SITREP_DEBUG_UCDP_LOC").is_some(),
        }
    }

    fn score_pair(&mut self, id: &str, text: &str, e: &Event, g: &GoldEvent, gold_iso3: Option<&str>, named_places: &[(f64, f64)]) {
        let t = &mut self.tally;
        t.matched += 1;
        if let Some(range) = g.range() {
            t.date_pairs += 1;
            let d = sys_dates(e);
            if let Some(day) = d.day {
                t.date_exact += usize::from(day == range.0);
                t.date_one_day += usize::from((day - range.0).num_days().abs() <= 1);
            }
            t.date_within += usize::from(within_range(d, range));
        }
        if let (Some(prec), Some((gla, glo))) = (g.where_prec, g.point()) {
            if prec <= 3 {
                t.loc_pairs += 1;
                if let Some((la, lo)) = sys_point(e) {
                    t.loc_with_coords += 1;
                    let km = haversine_km(la, lo, gla, glo);
                    t.loc_25 += usize::from(km <= 25.0);
                    t.loc_100 += usize::from(km <= 100.0);
                    let readable = any_within(named_places, gla, glo, 25.0);
                    t.loc_text_25 += usize::from(readable);
                    if self.debug_locations {
                        print_location_pair(id, text, e, g, km, readable);
                    }
                } else if self.debug_locations {
                    let readable = any_within(named_places, gla, glo, 25.0);
                    println!(
                        "LOCNONE\t{id}\t{}\t{}\t{}\t{}",
                        g.where_name.as_deref().unwrap_or("?"),
                        if readable { readings_near(text, gla, glo) } else { "-".to_string() },
                        e.location.as_ref().map_or("-", |l| l.name.as_str()),
                        text.replace(['\n', '\t'], " | ")
                    );
                }
            }
        }
        if let Some(iso3) = gold_iso3 {
            t.country_pairs += 1;
            t.country_hits += usize::from(sys_country(e) == Some(iso3));
        }
        if let Some(best) = g.best {
            t.deaths_pairs += 1;
            if let Some(k) = sys_killed(e) {
                let (low, high) = (g.low.unwrap_or(best).min(best), g.high.unwrap_or(best).max(best));
                t.deaths_given += 1;
                t.deaths_exact += usize::from(k == best);
                t.deaths_within += usize::from(low <= k && k <= high);
                t.deaths_abs_error += (k as f64 - best as f64).abs();
            }
        }
        if let Some(gold_type) = g.type_of_violence {
            t.type_pairs += 1;
            let predicted = violence_type(e, &self.countries);
            t.type_mapped += usize::from(predicted.is_some());
            t.type_hits += usize::from(predicted == Some(gold_type));
        }
        let parties: Vec<&Actor> = e.actors.iter().chain(&e.recipients).collect();
        for side in [&g.side_a, &g.side_b].into_iter().flatten().filter(|s| !s.trim().is_empty()) {
            t.sides += 1;
            t.sides_exact += usize::from(exact_hit(side, &parties));
            t.sides_alias += usize::from(alias_hit(side, &parties, gold_iso3, &self.countries));
        }
    }
}

impl Scorer for UcdpScorer {
    fn add(&mut self, record: &Value) -> Result<(), String> {
        let text = get_str(record, "text").ok_or("no \"text\" string")?;
        let id = get_str(record, "id").unwrap_or("?");
        let gold = record.get("gold").ok_or("no \"gold\" object")?;
        let events = gold.get("events").and_then(Value::as_array).ok_or("no \"gold.events\" array")?;
        let gold_events = events.iter().map(GoldEvent::from_json).collect::<Result<Vec<_>, _>>()?;
        let publication_date = record.get("meta").and_then(|m| get_str(m, "publication_date")).map(str::to_string);
        if publication_date.is_none() {
            self.no_publication_date += 1;
        }
        let doc = Document::from_text(id, text).with_publication_date(publication_date);
        let coded = crate::code_or_note_panic(&self.coder, &doc, &mut self.panics);
        let system: Vec<&Event> =
            coded.iter().filter(|e| e.event_type.is_violent() && !e.modality.is_unasserted()).collect();

        let gold_iso3: Vec<Option<String>> = gold_events
            .iter()
            .map(|g| {
                let name = g.country.as_deref()?;
                let iso = self.countries.iso3(name).map(str::to_string);
                if iso.is_none() {
                    *self.unmapped_countries.entry(name.to_string()).or_insert(0) += 1;
                }
                iso
            })
            .collect();

        if system.is_empty() && std::env::var_os("SITREP_DEBUG_UCDP_MISSED").is_some() {
            // records whose violent event sitrep did not find: the id, what it coded instead, and the text
            let coded_types: Vec<String> = coded.iter().map(|e| format!("{:?}{}", e.event_type, if e.modality.is_unasserted() { "?" } else { "" })).collect();
            eprintln!("{id}\t{coded_types:?}\t{}", text.replace('\n', " | "));
        }
        self.tally.system_events += system.len();
        self.tally.gold_events += gold_events.len();
        let named_places = places_named_in(text);
        for g in &gold_events {
            if let (Some(prec), Some((gla, glo))) = (g.where_prec, g.point()) {
                if prec <= 3 {
                    self.tally.loc_gold += 1;
                    self.tally.loc_gold_text_25 += usize::from(any_within(&named_places, gla, glo, 25.0));
                }
            }
        }
        let numbers = numbers_in(text);
        for g in &gold_events {
            if let Some(best) = g.best {
                let (low, high) = (g.low.unwrap_or(best).min(best), g.high.unwrap_or(best).max(best));
                self.tally.deaths_gold += 1;
                self.tally.deaths_in_text += usize::from(numbers.iter().any(|&n| low <= n && n <= high));
            }
        }
        if !gold_events.is_empty() {
            self.tally.records_with_gold += 1;
            self.tally.records_detected += usize::from(!system.is_empty());
            self.tally.records_with_violence_words += usize::from(VIOLENCE_WORDS.is_match(text));
        }
        let scores: Vec<Vec<f64>> = system
            .iter()
            .map(|e| gold_events.iter().zip(&gold_iso3).map(|(g, iso)| pair_score(e, g, iso.as_deref())).collect())
            .collect();
        let matches = greedy_match(&scores);
        if self.debug_locations && !gold_events.is_empty() {
            let gold_places: Vec<&str> = gold_events.iter().map(|g| g.where_name.as_deref().unwrap_or("?")).collect();
            let sys_places: Vec<String> = system
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let place = e.location.as_ref().map_or("-".to_string(), |l| format!("{} ({:?}) [{}]", l.name, l.precision, l.text.as_deref().unwrap_or("-")));
                    let matched = if matches.iter().any(|&(s, _)| s == i) { "+" } else { "-" };
                    format!("{matched}{place}")
                })
                .collect();
            println!("LOCREC\t{id}\t{}\t{}\t{}\t{}\t{}", gold_events.len(), system.len(), gold_places.join("; "), sys_places.join("; "), text.replace(['\n', '\t'], " | "));
        }
        for (i, j) in matches {
            self.score_pair(id, text, system[i], &gold_events[j], gold_iso3[j].as_deref(), &named_places);
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> (Vec<Metric>, Vec<String>) {
        let t = &self.tally;
        let precision = ratio(t.matched, t.system_events);
        let recall = ratio(t.matched, t.gold_events);
        let metrics = vec![
            Metric::ratio(
                "event_detection_recall",
                t.records_detected,
                t.records_with_gold,
                "records with a gold event that yield >=1 asserted ASSAULT/COERCE event",
            ),
            Metric::ratio(
                "event_detection_text_ceiling",
                t.records_with_violence_words,
                t.records_with_gold,
                "the same records whose text holds any word of violence, conflict or armed forces (a broad stem list in English, Spanish, French, Portuguese: kill, attack, target, advance, arrest, forces, losses, …): the most a text reader can score on event_detection_recall without inventing events",
            ),
            Metric::ratio("event_precision", t.matched, t.system_events, "matched / system violent events"),
            Metric::ratio("event_recall", t.matched, t.gold_events, "matched / gold events"),
            Metric::new(
                "event_f1",
                f1(t.matched as f64, (t.system_events - t.matched) as f64, (t.gold_events - t.matched) as f64),
                t.system_events + t.gold_events,
                "harmonic mean of event precision and recall",
            ),
            Metric::ratio(
                "date_exact",
                t.date_exact,
                t.date_pairs,
                "matched pairs: day-precise system date = date_start",
            ),
            Metric::ratio(
                "date_within_1_day",
                t.date_one_day,
                t.date_pairs,
                "matched pairs: |system day - date_start| <= 1",
            ),
            Metric::ratio(
                "date_within_range",
                t.date_within,
                t.date_pairs,
                "matched pairs: system start..end overlaps, or day inside, [date_start, date_end]",
            ),
            Metric::ratio(
                "location_coverage",
                t.loc_with_coords,
                t.loc_pairs,
                "matched pairs with where_prec <= 3: system gave coordinates",
            ),
            Metric::ratio(
                "location_within_25km",
                t.loc_25,
                t.loc_with_coords,
                "where_prec <= 3 pairs with system lat/lon",
            ),
            Metric::ratio(
                "location_text_ceiling_25km",
                t.loc_text_25,
                t.loc_with_coords,
                "the same pairs whose text holds a name with some gazetteer reading within 25 km of the gold point (any run of up to 4 words, exact or loose spelling, any case): the most a text reader can score on location_within_25km",
            ),
            Metric::ratio(
                "location_text_ceiling_25km_all",
                t.loc_gold_text_25,
                t.loc_gold,
                "the same over every gold event with where_prec <= 3, matched or not",
            ),
            Metric::ratio(
                "location_within_100km",
                t.loc_100,
                t.loc_with_coords,
                "where_prec <= 3 pairs with system lat/lon",
            ),
            Metric::ratio(
                "country_match",
                t.country_hits,
                t.country_pairs,
                "matched pairs: system location country (ISO3) = gold country",
            ),
            Metric::ratio(
                "deaths_exact",
                t.deaths_exact,
                t.deaths_pairs,
                "matched pairs: system killed = best (missing = miss)",
            ),
            Metric::ratio(
                "deaths_within_low_high",
                t.deaths_within,
                t.deaths_pairs,
                "matched pairs: low <= system killed <= high (missing = miss)",
            ),
            Metric::ratio(
                "deaths_within_low_high_given",
                t.deaths_within,
                t.deaths_given,
                "pairs where the system gave a killed count: low <= count <= high",
            ),
            Metric::ratio(
                "deaths_text_ceiling",
                t.deaths_in_text,
                t.deaths_gold,
                "gold events whose [low, high] holds some number written in the text (digits or words): the most a text reader can score on deaths_within_low_high",
            ),
            Metric::ratio(
                "deaths_coverage",
                t.deaths_given,
                t.deaths_pairs,
                "matched pairs where the system gave a killed count",
            ),
            Metric::mean(
                "deaths_mae",
                t.deaths_abs_error,
                t.deaths_given,
                "mean |killed - best| where the system gave a count",
            ),
            Metric::ratio(
                "violence_type_accuracy",
                t.type_hits,
                t.type_pairs,
                "matched pairs: type_of_violence mapped from actor/recipient sectors (unmapped = miss)",
            ),
            Metric::ratio(
                "violence_type_coverage",
                t.type_mapped,
                t.type_pairs,
                "matched pairs whose roles map to a type",
            ),
            Metric::ratio(
                "actors_exact",
                t.sides_exact,
                t.sides,
                "gold sides equal (normalised) to a system actor/recipient name or text",
            ),
            Metric::ratio(
                "actors_alias_hit",
                t.sides_alias,
                t.sides,
                "gold sides hit alias-tolerantly (Government of X, lexicon aliases, shared content word; see notes)",
            ),
        ];
        let mut notes = vec![format!(
            "event precision {precision:.3} / recall {recall:.3}: greedy per-record matching, any pair may match, so \
             these mostly compare event counts; field metrics are over the {} matched pairs",
            t.matched
        )];
        notes.push(
            "actors_alias_hit: \"Government of X\" is hit by a GOV/MIL/COP party of X, or by one with no country when \
             X is the event's country (\"regime forces\"); other sides need a lexicon alias or a shared content word, \
             country words and demonyms aside (\"Syrian army\" does not hit \"Syrian insurgents\")"
                .to_string(),
        );
        if self.no_publication_date > 0 {
            notes.push(format!(
                "{} records had no publication_date (relative dates unresolved)",
                self.no_publication_date
            ));
        }
        if !self.unmapped_countries.is_empty() {
            let list: Vec<String> = self.unmapped_countries.iter().map(|(k, v)| format!("{k} ({v})")).collect();
            notes.push(format!(
                "gold countries with no ISO3 in the lexicon (left out of country_match): {}",
                list.join(", ")
            ));
        }
        if !self.panics.is_empty() {
            notes.push(format!(
                "coder panicked on {} record(s), scored as no events: {}",
                self.panics.len(),
                self.panics.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        (metrics, notes)
    }
}

/// Longest run of words looked up as one name (covers "Deir ez Zor", "Ras al Ain").
const MAX_NAME_WORDS: usize = 4;

/// The points of every gazetteer reading of every run of up to [`MAX_NAME_WORDS`] words of `text`, under the exact
/// and the loose (consonant skeleton) key, whatever the case. Deliberately generous, so it bounds what any reading of
/// the text could place: a text reader's location can only be within 25 km of the gold point when one of these is.
/// Stems of violence, conflict and armed forces, deliberately broad (it bounds what a reader of the text could
/// find, so it errs towards matching): a record whose text holds none of them ("Friday 9 August 2013", "Syria
/// Daily Report 17/03/2016", a list of names) gives a reader nothing to code.
static VIOLENCE_WORDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)kill|dead|die|death|attack|clash|shell|bomb|shot|shoot|wound|fight|casualt|explo|strike|fell|murder|execut|ambush|raid|injur|martyr|slaughter|behead|massacre|assassin|gun|fire|battle|offensive|assault|abduct|kidnap|hostage|violen|war|conflict|rocket|missile|mortar|drone|blast|troop|rebel|militan|insurg|terror|combat|victim|bod(y|ies)|corpse|toll|lives|fatal|target|advanc|seiz|arrest|loss|lost|besieg|siege|crucif|ston(e|ing)|detonat|booby|retak|decimat|defeat|control|expel|\bhits?\b|captur|sniper|hang|tortur|burn|destroy|armed|militia|soldier|army|police|forces|operation|ceasefire|truce|slain|lynch|battered|abuse|devastat|asesin|muert|mort|matan|homicid|tué|balac|disparo|enfrentamiento|confronto|ataque|attaqu",
    )
    .expect("a valid pattern")
});

fn places_named_in(text: &str) -> Vec<(f64, f64)> {
    readings_in(text).into_iter().map(|r| (r.lat, r.lon)).collect()
}

/// One gazetteer reading of a run of words of the text, for the debug listing.
struct Reading {
    words: String,
    place: sitrep_geo::Place,
    loose: bool,
    lat: f64,
    lon: f64,
}

/// Every reading [`places_named_in`] counts, with the words read and the place: `Reading::words` is the run.
fn readings_in(text: &str) -> Vec<Reading> {
    let gazetteer = sitrep_geo::Gazetteer::builtin();
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let mut ids: Vec<(u32, String, bool)> = Vec::new();
    for start in 0..words.len() {
        for len in 1..=MAX_NAME_WORDS.min(words.len() - start) {
            let name = words[start..start + len].join(" ");
            ids.extend(gazetteer.lookup(&name).into_iter().map(|i| (i, name.clone(), false)));
            ids.extend(gazetteer.lookup_loose(&name).into_iter().map(|i| (i, name.clone(), true)));
        }
    }
    ids.sort_by_key(|(i, _, _)| *i);
    ids.dedup_by_key(|(i, _, _)| *i);
    ids.into_iter()
        .map(|(i, words, loose)| (gazetteer.place(i), words, loose))
        .filter(|(p, _, _)| valid_point(p.lat, p.lon))
        .map(|(place, words, loose)| Reading { words, lat: place.lat, lon: place.lon, place, loose })
        .collect()
}

/// The readings of the text within 25 km of the gold point, for the debug listing: `words=Place(feature, population,
/// km)`, `~` for a loose-key reading; `-` when there are none.
fn readings_near(text: &str, lat: f64, lon: f64) -> String {
    let near: Vec<String> = readings_in(text)
        .into_iter()
        .filter_map(|r| {
            let km = haversine_km(r.lat, r.lon, lat, lon);
            (km <= 25.0).then(|| {
                format!(
                    "{}{}={}({:?},{},{km:.0})",
                    if r.loose { "~" } else { "" },
                    r.words,
                    r.place.name,
                    r.place.feature,
                    r.place.population
                )
            })
        })
        .collect();
    if near.is_empty() {
        "-".to_string()
    } else {
        near.join("; ")
    }
}

/// One tab-separated line per scored location pair, `LOCMISS` if more than 25 km off, else `LOCHIT`: record id, km
/// off, gold place (GED's `where_coordinates`, precision, point), sitrep's place (name, precision, the text it read,
/// its point), whether any reading of the text is within 25 km
/// ("readable"), the readings within 25 km ([`readings_near`]), every exact reading of the words sitrep placed with its
/// distance from the gold point (`Name(feature,km)`: which reading of the same name would have hit), and the text on
/// one line.
fn print_location_pair(id: &str, text: &str, e: &Event, g: &GoldEvent, km: f64, readable: bool) {
    let Some(loc) = e.location.as_ref() else { return };
    let (glat, glon) = (g.lat.unwrap_or(0.0), g.lon.unwrap_or(0.0));
    let near = if readable { readings_near(text, glat, glon) } else { "-".to_string() };
    // the other readings of the words sitrep placed, with their distance from the gold point
    let others: Vec<String> = loc.text.as_deref().map_or(Vec::new(), |t| {
        readings_in(t)
            .into_iter()
            .filter(|r| !r.loose && r.words == t)
            .map(|r| format!("{}({:?},{:.0})", r.place.name, r.place.feature, haversine_km(r.lat, r.lon, glat, glon)))
            .collect()
    });
    println!(
        "{}\t{id}\t{km:.0}\t{}\t{}\t{:.3},{:.3}\t{}\t{:?}\t{}\t{}\t{}\t{}\t{}\t{}",
        if km > 25.0 { "LOCMISS" } else { "LOCHIT" },
        g.where_name.as_deref().unwrap_or("?"),
        g.where_prec.unwrap_or(0),
        g.lat.unwrap_or(0.0),
        g.lon.unwrap_or(0.0),
        loc.name,
        loc.precision,
        loc.text.as_deref().unwrap_or("-"),
        loc.lat.zip(loc.lon).map_or("-".to_string(), |(la, lo)| format!("{la:.3},{lo:.3}")),
        if readable { "readable" } else { "unreadable" },
        near,
        if others.is_empty() { "-".to_string() } else { others.join("; ") },
        text.replace(['\n', '\t'], " | ")
    );
}

fn any_within(points: &[(f64, f64)], lat: f64, lon: f64, km: f64) -> bool {
    points.iter().any(|&(la, lo)| haversine_km(la, lo, lat, lon) <= km)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn greedy_matching_takes_the_best_pair_first() {
        let scores = vec![vec![0.5, 2.0], vec![0.4, 1.9], vec![0.1, 0.0]];
        assert_eq!(greedy_match(&scores), [(0, 1), (1, 0)]);
        assert!(greedy_match(&[]).is_empty());
        assert!(greedy_match(&[vec![], vec![]]).is_empty());
    }

    #[test]
    fn dates_compare_by_day_and_by_range() {
        let gold = (d("2018-04-06"), d("2018-04-07"));
        let day = SysDates { day: Some(d("2018-04-07")), range: None };
        assert!(within_range(day, gold));
        assert_eq!(days_outside(d("2018-04-09"), gold), 2);
        let week = SysDates { day: None, range: Some((d("2018-04-01"), d("2018-04-06"))) };
        assert!(within_range(week, gold));
        let before = SysDates { day: None, range: Some((d("2018-03-01"), d("2018-03-31"))) };
        assert!(!within_range(before, gold));
    }

    #[test]
    fn gold_events_parse_with_missing_fields() {
        let v: Value = serde_json::json!({"date_start": "2018-04-06", "date_end": "2018-04-01", "best": 2.0});
        let g = GoldEvent::from_json(&v).unwrap();
        assert_eq!(g.range(), Some((d("2018-04-06"), d("2018-04-06"))));
        assert_eq!(g.best, Some(2));
        assert!(g.point().is_none());
        assert!(GoldEvent::from_json(&Value::Null).is_err());
    }

    #[test]
    fn headline_scores_without_panicking() {
        let mut s = UcdpScorer::new();
        let record: Value = serde_json::json!({
            "id": "t1", "text": "Seven soldiers were killed by Taliban fighters in Kunduz on Saturday",
            "meta": {"publication_date": "2020-01-27"},
            "gold": {"n_events": 1, "events": [{"type_of_violence": 1, "side_a": "Government of Afghanistan",
                "side_b": "Taleban", "date_start": "2020-01-25", "date_end": "2020-01-25", "date_prec": 1,
                "country": "Afghanistan", "where_prec": 3, "latitude": 36.73, "longitude": 68.86,
                "best": 7, "low": 7, "high": 7}]}});
        s.add(&record).unwrap();
        assert!(s.add(&serde_json::json!({"text": "x", "gold": {"events": 3}})).is_err());
        let (metrics, _) = Box::new(s).finish();
        let get = |n: &str| metrics.iter().find(|m| m.name == n).unwrap().value;
        assert_eq!(get("event_detection_recall"), 1.0);
        assert_eq!(get("deaths_exact"), 1.0);
    }
}
