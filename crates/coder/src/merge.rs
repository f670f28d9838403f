//! Folding sentences that report the same event: an article usually states an attack once and then gives each
//! source's toll in later sentences ("SOHR said 14 civilians were killed", "SANA said nine militants were
//! killed"). Those become one event whose counts keep every claim with its reporter.

use std::collections::BTreeSet;

use sitrep_model::{Actor, Casualties, Count, DateBasis, Event, EventType, LocationPrecision};

/// How far apart (in sentences) two reports of one event may be.
const WINDOW: usize = 5;

fn countries(actors: &[Actor]) -> BTreeSet<&str> {
    actors.iter().filter_map(|a| a.country.as_deref()).collect()
}

fn compatible_sides(a: &[Actor], b: &[Actor]) -> bool {
    let (ca, cb) = (countries(a), countries(b));
    ca.is_empty() || cb.is_empty() || !ca.is_disjoint(&cb)
}

fn same_event(a: &Event, b: &Event) -> bool {
    // events of one sentence are distinct readings (a verb and its paired code, two verbs), never two reports
    if a.event_type != b.event_type
        || a.modality != b.modality
        || b.sentence_index > a.sentence_index + WINDOW
        || a.sentence_index == b.sentence_index
    {
        return false;
    }
    // a sentence without its own date joins a dated one only when it is clearly about it: a headline, a reference
    // back ("in the strike"), or a detail that names no specific party ("Militants then opened fire", "SANA said
    // nine were killed")
    let follows_up = |e: &Event| e.sentence_index == 0 || refers_back(e) || names_no_party(e);
    let dates_ok = match (a.date.basis, b.date.basis) {
        (DateBasis::Text, DateBasis::Text) => a.date.value == b.date.value && a.date.start == b.date.start,
        (DateBasis::Text, _) => follows_up(b),
        // an undated earlier report joins a later dated one only as its headline
        (_, DateBasis::Text) => a.sentence_index == 0,
        _ => true,
    };
    // only places the text names can disagree (a document-focus fallback says nothing new): another country, or
    // another town, is another event unless the sentence refers back to this one
    let places_ok = match (&a.location, &b.location) {
        (Some(x), Some(y)) if x.span.is_some() && y.span.is_some() => {
            let other_town = x.geonameid.is_some() && y.geonameid.is_some() && x.geonameid != y.geonameid
                && x.precision == y.precision;
            refers_back(b) || x.country == y.country && !other_town
        }
        _ => true,
    };
    if separate(b) {
        return false;
    }
    // "an insurgency since 1984 in which more than 40,000 people have been killed" is background to a strike
    // reported this week, not a report of it
    let dated = |e: &Event| e.date.start.clone();
    if crate::sentence_coder::tells_of_earlier_years(&b.evidence, dated(a).as_deref())
        || crate::sentence_coder::tells_of_earlier_years(&a.evidence, dated(b).as_deref())
    {
        return false;
    }
    // the same side may be named as actor in one report and go unnamed in another, but never swap countries
    dates_ok
        && places_ok
        && compatible_sides(&a.actors, &b.actors)
        && compatible_sides(&a.recipients, &b.recipients)
}

/// "the strike", "the attack": the sentence refers back to an event already reported.
fn refers_back(e: &Event) -> bool {
    let lower = e.evidence.to_lowercase();
    ["the strike", "the attack", "the raid", "the ambush", "the blast", "the bombing", "the explosion", "the assault", "the shelling", "the air strike", "the airstrike", "the clashes", "the arrests", "the protest"]
        .iter()
        .any(|p| lower.contains(p))
}

/// Names only generic parties ("militants", "police"), no country or group.
fn names_no_party(e: &Event) -> bool {
    e.actors.iter().chain(&e.recipients).all(|a| a.code.is_none())
}

/// "In a separate attack", "elsewhere": the writer says this is another event.
fn separate(e: &Event) -> bool {
    let lower = e.evidence.to_lowercase();
    ["separate", "another attack", "elsewhere", "in a second", "earlier attack", "a similar"].iter().any(|p| lower.contains(p))
}

/// How much an event says; the fuller report of a pair becomes the primary one.
fn richness(e: &Event) -> usize {
    let mut score = 0;
    if e.date.basis == DateBasis::Text {
        score += 2;
    }
    score += usize::from(!e.actors.is_empty()) * 2;
    score += usize::from(!e.recipients.is_empty());
    score += usize::from(e.location.as_ref().is_some_and(|l| l.span.is_some()));
    score
}

fn merge_count(into: &mut Option<Count>, from: Option<Count>) {
    let Some(from) = from else { return };
    match into {
        None => *into = Some(from),
        Some(existing) => {
            let incoming = if from.claims.is_empty() { vec![from.primary] } else { from.claims };
            for claim in incoming {
                // the same figure again, unattributed or from the same source, is not another claim
                let repeats = |k: &sitrep_model::CountClaim| {
                    k.best == claim.best && k.low == claim.low && k.high == claim.high
                        && (claim.reporter.is_none() || k.reporter == claim.reporter)
                };
                let known = repeats(&existing.primary) || existing.claims.iter().any(repeats);
                if !known {
                    existing.add_claim(claim);
                }
            }
        }
    }
}

/// How narrowly a precision places an event: a town says more than a province, a province more than a country.
fn specificity(precision: LocationPrecision) -> u8 {
    match precision {
        LocationPrecision::Exact => 5,
        LocationPrecision::Town => 4,
        LocationPrecision::Admin2 => 3,
        LocationPrecision::Admin1 => 2,
        LocationPrecision::Country => 1,
        LocationPrecision::Unresolved => 0,
    }
}

fn absorb(primary: &mut Event, other: Event) {
    if primary.actors.is_empty() {
        primary.actors = other.actors;
    }
    if primary.recipients.is_empty() {
        primary.recipients = other.recipients;
    }
    if primary.date.basis != DateBasis::Text && other.date.basis == DateBasis::Text {
        primary.date = other.date;
    }
    let other_has_span = other.location.as_ref().is_some_and(|l| l.span.is_some());
    // of two reports naming places of one event, the more specific says more: "a blast in Syria's north" and "a car
    // explosion in Jarabulus city" are both Jarabulus
    let other_finer = match (&primary.location, &other.location) {
        (Some(p), Some(o)) => p.span.is_some() && p.country == o.country && specificity(o.precision) > specificity(p.precision),
        _ => false,
    };
    if (primary.location.as_ref().is_none_or(|l| l.span.is_none()) || other_finer) && other_has_span {
        primary.location = other.location;
    }
    merge_count(&mut primary.casualties.killed, other.casualties.killed);
    merge_count(&mut primary.casualties.injured, other.casualties.injured);
    merge_count(&mut primary.casualties.arrested, other.casualties.arrested);
    // one mention of each weapon and each source is enough to trace it
    for w in other.weapons {
        if !primary.weapons.iter().any(|x| x.class == w.class && x.text.eq_ignore_ascii_case(&w.text)) {
            primary.weapons.push(w);
        }
    }
    for r in other.reporters {
        if !primary.reporters.iter().any(|x| x.text.eq_ignore_ascii_case(&r.text)) {
            primary.reporters.push(r);
        }
    }
    // corroboration by another sentence; rounded like every confidence
    primary.confidence = ((primary.confidence + 0.05).min(0.95) * 100.0).round() / 100.0;
}

/// Gives the counts of sentences that code no event ("He was pronounced dead at the scene.") to the nearest
/// attack before them (else the nearest after), within the folding window; arrests go to the nearest arrest or
/// attack. Counts with no such event nearby are dropped: they may belong to anything.
pub(crate) fn attach_loose_counts(events: &mut [Event], loose: Vec<(usize, Casualties)>) {
    let nearest = |events: &[Event], at: usize, types: &[EventType]| -> Option<usize> {
        let fits = |e: &Event| types.contains(&e.event_type) && e.sentence_index.abs_diff(at) <= WINDOW;
        let before = events.iter().enumerate().filter(|(_, e)| fits(e) && e.sentence_index < at).map(|(i, _)| i).next_back();
        before.or_else(|| events.iter().position(|e| fits(e) && e.sentence_index > at))
    };
    for (at, casualties) in loose {
        if let Some(i) = nearest(events, at, &[EventType::Assault]) {
            merge_count(&mut events[i].casualties.killed, casualties.killed);
            merge_count(&mut events[i].casualties.injured, casualties.injured);
        }
        let arrest_home = nearest(events, at, &[EventType::Coerce]).or_else(|| nearest(events, at, &[EventType::Assault]));
        if let Some(i) = arrest_home {
            merge_count(&mut events[i].casualties.arrested, casualties.arrested);
        }
    }
}

/// Folds later reports of an event into the first one they match; events stay in document order.
pub(crate) fn fold_reports(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for event in events {
        // among earlier events this one could report, the fullest (the lead sentence, usually), latest on ties
        let target = out
            .iter()
            .enumerate()
            .filter(|(_, e)| same_event(e, &event))
            .max_by_key(|(i, e)| (richness(e), *i))
            .map(|(i, _)| i);
        match target {
            Some(i) => {
                let existing = std::mem::replace(&mut out[i], event.clone());
                let (mut primary, other) = if richness(&event) > richness(&existing) { (event, existing) } else { (existing, event) };
                absorb(&mut primary, other);
                out[i] = primary;
            }
            None => out.push(event),
        }
    }
    out.sort_by_key(|e| (e.sentence_index, e.trigger.span.0));
    out
}
