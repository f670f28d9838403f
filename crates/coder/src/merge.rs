//! Folding sentences that report the same event: an article usually states an attack once and then gives each
//! source's toll in later sentences ("SOHR said 14 civilians were killed", "SANA said nine militants were
//! killed"). Those become one event whose counts keep every claim with its reporter.

use std::collections::BTreeSet;

use sitrep_model::{Actor, Count, DateBasis, Event};

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
    if a.event_type != b.event_type || a.modality != b.modality || b.sentence_index > a.sentence_index + WINDOW {
        return false;
    }
    let dates_ok = match (a.date.basis, b.date.basis) {
        (DateBasis::Text, DateBasis::Text) => a.date.value == b.date.value && a.date.start == b.date.start,
        _ => true,
    };
    let places_ok = match (&a.location, &b.location) {
        (Some(x), Some(y)) => x.country == y.country,
        _ => true,
    };
    // the same side may be named as actor in one report and go unnamed in another, but never swap countries
    dates_ok
        && places_ok
        && compatible_sides(&a.actors, &b.actors)
        && compatible_sides(&a.recipients, &b.recipients)
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
                let known = existing.primary == claim || existing.claims.contains(&claim);
                let same_figure = existing.primary.best == claim.best
                    && existing.primary.low == claim.low
                    && existing.primary.high == claim.high
                    && existing.primary.reporter == claim.reporter;
                if !known && !same_figure {
                    existing.add_claim(claim);
                }
            }
        }
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
    if primary.location.as_ref().is_none_or(|l| l.span.is_none()) && other_has_span {
        primary.location = other.location;
    }
    merge_count(&mut primary.casualties.killed, other.casualties.killed);
    merge_count(&mut primary.casualties.injured, other.casualties.injured);
    merge_count(&mut primary.casualties.arrested, other.casualties.arrested);
    for w in other.weapons {
        if !primary.weapons.iter().any(|x| x.span == w.span) {
            primary.weapons.push(w);
        }
    }
    for r in other.reporters {
        if !primary.reporters.iter().any(|x| x.span == r.span) {
            primary.reporters.push(r);
        }
    }
    primary.confidence = (primary.confidence + 0.05).min(0.95);
}

/// Folds later reports of an event into the first one they match; events stay in document order.
pub(crate) fn fold_reports(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for event in events {
        let target = out.iter().rposition(|e| same_event(e, &event));
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
