//! Where: the place the sentence ties to the event, else the document's focus country, never an invented point.

use sitrep_geo::{PlaceFeature, PlaceMention};
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
pub(crate) fn location_for(
    lexicon: &Lexicon,
    s: &str,
    mentions: &[Mention],
    places: &[PlaceMention<'_>],
    focus: Option<&str>,
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
        let is_country_word = mentions.iter().any(|m| m.kind == MentionKind::Country && m.start <= p.start && p.end <= m.end);
        if dateline || is_actor || is_country_word {
            continue;
        }
        let (precision, rank) = match p.place.feature {
            PlaceFeature::Admin1 => (LocationPrecision::Admin1, 1),
            _ => (LocationPrecision::Town, 2),
        };
        candidates.push(Candidate {
            start: p.start,
            end: p.end,
            locative: p.locative,
            rank,
            location: Location {
                name: p.place.name.clone(),
                geonameid: Some(p.place.geonameid),
                lat: Some(p.place.lat),
                lon: Some(p.place.lon),
                country: Some(p.place.country.clone()),
                admin1: Some(p.place.admin1.clone()).filter(|a| !a.is_empty()),
                precision,
                text: Some(text.to_string()),
                span: Some(span_of(p.start, p.end)),
            },
        });
    }
    for m in mentions.iter().filter(|m| m.locative && m.kind == MentionKind::Country) {
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
        None => focus.and_then(|iso3| lexicon.country(iso3)).map(|c| country_location(c, None)),
    }
}

fn country_location(country: &sitrep_lexicon::Country, text: Option<(String, Span)>) -> Location {
    let (text, span) = match text {
        Some((t, s)) => (Some(t), Some(s)),
        None => (None, None),
    };
    Location {
        name: country.name.clone(),
        geonameid: None,
        lat: country.lat,
        lon: country.lon,
        country: Some(country.iso3.clone()),
        admin1: None,
        precision: LocationPrecision::Country,
        text,
        span,
    }
}
