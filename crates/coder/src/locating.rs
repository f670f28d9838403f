//! Where: the place the sentence ties to the event, else the document's focus country, never an invented point.

use sitrep_geo::{Gazetteer, PlaceFeature, PlaceMention};
use sitrep_lexicon::Lexicon;
use sitrep_model::{Location, LocationPrecision, Span};

use crate::mentions::{Mention, MentionKind};

struct Candidate {
    start: usize,
    end: usize,
    locative: bool,
    rank: u8,
    location: Location,
}

/// `places` are the sentence's gazetteer places, found once per sentence.
#[allow(clippy::too_many_arguments)]
pub(crate) fn location_for(
    lexicon: &Lexicon,
    s: &str,
    mentions: &[Mention],
    places: &[PlaceMention<'_>],
    focus: Option<&str>,
    focus_place: Option<&Location>,
    trigger_start: usize,
    span_of: impl Fn(usize, usize) -> Span,
) -> Option<Location> {
    let mut candidates = Vec::new();
    for p in places {
        let text = &s[p.start..p.end];
        // a dateline ("MOGADISHU, Feb 26 –") says where the reporter was, not where it happened
        let dateline = p.start < 3 && text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && s[p.end..].starts_with(',');
        // a named actor is not a place ("Hamas", "Kremlin"), nor is a capital used for its government ("Ankara said")
        let is_actor = mentions.iter().any(|m| {
            (m.kind == MentionKind::Named || m.kind == MentionKind::Demonym || m.kind == MentionKind::Capital && m.is_actor())
                && m.start < p.end
                && p.start < m.end
        });
        // country names are handled from the lexicon below
        // (unless the document qualified the name: "Lebanon, Tenn." is the town)
        let is_country_word =
            !p.qualified && mentions.iter().any(|m| m.kind == MentionKind::Country && m.start <= p.start && p.end <= m.end);
        if dateline || is_actor || is_country_word {
            continue;
        }
        let Some(precision) = precision_of(p.place.feature) else { continue };
        // the most specific kind of place wins among locative ones: a town over a district over a province
        let rank = match precision {
            LocationPrecision::Town => 3,
            LocationPrecision::Admin2 => 2,
            _ => 1,
        };
        candidates.push(Candidate {
            start: p.start,
            end: p.end,
            locative: p.locative,
            rank,
            location: Location {
                name: p.place.name.to_string(),
                geonameid: p.place.geonameid,
                lat: Some(p.place.lat),
                lon: Some(p.place.lon),
                country: Some(p.place.country.to_string()).filter(|c| !c.is_empty()),
                admin1: Some(p.place.admin1.to_string()).filter(|a| !a.is_empty()),
                precision,
                text: Some(text.to_string()),
                span: Some(span_of(p.start, p.end)),
            },
        });
    }
    let qualified_place = |m: &Mention| places.iter().any(|p| p.qualified && p.start < m.end && m.start < p.end);
    for m in mentions.iter().filter(|m| m.locative && m.kind == MentionKind::Country && !qualified_place(m)) {
        let Some(country) = m.country.as_deref().and_then(|c| lexicon.country(c)) else { continue };
        candidates.push(Candidate {
            start: m.start,
            end: m.end,
            locative: true,
            rank: 0,
            location: country_location(country, Some((s[m.start..m.end].to_string(), span_of(m.start, m.end)))),
        });
    }
    let best = candidates.into_iter().max_by_key(|c| {
        let distance = (c.start as i64 - trigger_start as i64).unsigned_abs().min(10_000) as i64;
        (c.locative, c.rank, -distance, c.end)
    });
    match best {
        Some(c) => Some(c.location),
        None => focus_place.cloned().or_else(|| focus.and_then(|iso3| lexicon.country(iso3)).map(|c| country_location(c, None))),
    }
}

/// The document's focus place: the gazetteer place in the focus country that the document names most (earliest on
/// ties), named twice or after a locative word ("in", "near"), one precision step coarser than the place itself (a town → `admin2`, a district → `admin1`) and without
/// text or span, because no sentence tied it to the event. Datelines and continents do not count.
/// `actor_hits` are the actor dictionary's hits per sentence, found once by the document pass.
pub(crate) fn focus_place(
    actor_hits: &[Vec<sitrep_lexicon::Hit<'_, sitrep_lexicon::ActorEntry>>],
    places: &[Vec<PlaceMention<'_>>],
    sentences: &[&str],
    focus: Option<&str>,
) -> Option<Location> {
    let focus = focus?;
    // (place, mentions, first sentence, locative mentions)
    let mut counts: Vec<(&sitrep_geo::Place, usize, usize, usize)> = Vec::new();
    for (i, (found, s)) in places.iter().zip(sentences).enumerate() {
        if found.is_empty() {
            continue;
        }
        // a country word or a named group is not a place of the same name ("Russia", a town in Ohio)
        let actors = actor_hits.get(i).map_or(&[][..], Vec::as_slice);
        for p in found {
            if !p.qualified && actors.iter().any(|h| h.start < p.end && p.start < h.end) {
                continue;
            }
            let text = &s[p.start..p.end];
            let dateline = p.start < 3 && text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && s[p.end..].starts_with(',');
            if dateline || p.place.country != focus || precision_of(p.place.feature).is_none() {
                continue;
            }
            let locative = usize::from(p.locative);
            match counts.iter_mut().find(|c| std::ptr::eq(c.0, p.place)) {
                Some(c) => {
                    c.1 += 1;
                    c.3 += locative;
                }
                None => counts.push((p.place, 1, i, locative)),
            }
        }
    }
    // only a place the document names twice, or says something happened in ("in X", "near X"), can be its focus
    let (place, _, _, _) = counts.into_iter().filter(|c| c.3 > 0 || c.1 >= 2).max_by_key(|c| (c.1, std::cmp::Reverse(c.2)))?;
    let precision = match precision_of(place.feature)? {
        LocationPrecision::Town => LocationPrecision::Admin2,
        _ => LocationPrecision::Admin1,
    };
    Some(Location {
        name: place.name.to_string(),
        geonameid: place.geonameid,
        lat: Some(place.lat),
        lon: Some(place.lon),
        country: Some(place.country.to_string()),
        admin1: Some(place.admin1.to_string()).filter(|a| !a.is_empty()),
        precision,
        text: None,
        span: None,
    })
}

/// How precise an event location at this kind of place is; `None` for a continent, never an event's place.
pub(crate) fn precision_of(feature: PlaceFeature) -> Option<LocationPrecision> {
    Some(match feature {
        PlaceFeature::Town | PlaceFeature::Capital | PlaceFeature::Base | PlaceFeature::Crossing | PlaceFeature::OilField => {
            LocationPrecision::Town
        }
        PlaceFeature::Admin2 => LocationPrecision::Admin2,
        // a river or a named region locates no better than a province
        PlaceFeature::Admin1 | PlaceFeature::Region | PlaceFeature::Water => LocationPrecision::Admin1,
        PlaceFeature::Country => LocationPrecision::Country,
        PlaceFeature::Continent => return None,
    })
}

/// A country's point: GeoNames' own where the curated layer gives it (the United States, Canada, …), else the
/// lexicon's centroid.
pub(crate) fn country_point(country: &sitrep_lexicon::Country) -> (Option<f64>, Option<f64>) {
    match Gazetteer::builtin().country_point(&country.iso3) {
        Some((lat, lon)) => (Some(lat), Some(lon)),
        None => (country.lat, country.lon),
    }
}

fn country_location(country: &sitrep_lexicon::Country, text: Option<(String, Span)>) -> Location {
    let (text, span) = match text {
        Some((t, s)) => (Some(t), Some(s)),
        None => (None, None),
    };
    let (lat, lon) = country_point(country);
    Location {
        name: country.name.clone(),
        geonameid: None,
        lat,
        lon,
        country: Some(country.iso3.clone()),
        admin1: None,
        precision: LocationPrecision::Country,
        text,
        span,
    }
}
