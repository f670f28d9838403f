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

/// Words that may stand between a place and a larger place that only says where the first one is: "Kafr Zita north
/// of Hama", "Douma city in the Eastern Ghouta", "Azaz in the northern countryside of Aleppo".
const QUALIFYING_GAP: &[&str] = &[
    "in", "of", "the", "near", "at", "its", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west",
    "south-east", "south-west", "northeast", "northwest", "southeast", "southwest", "countryside", "province",
    "governorate", "district", "city", "town", "village", "area", "neighborhood", "neighbourhood", "camp", "desert",
    "outskirts", "vicinity", "suburbs", "rural", "region", "km", "kilometres", "kilometers", "miles",
];

/// How far a larger place named after a smaller one may lie from it and still only say where the smaller one is.
const QUALIFIER_KM: f64 = 100.0;

/// Words that say someone died or was hurt: GED codes an event only where someone was killed.
const TOLL_WORDS: &[&str] = &[
    "killed", "kill", "kills", "killing", "dead", "death", "deaths", "died", "dies", "casualties", "casualty", "martyrs",
    "martyr", "martyred", "losses", "lives", "massacre", "massacres", "wounded", "injured", "injuries", "bodies",
];

/// People a count may be of: "4 others", "12 civilians", "3 SDF fighters".
const COUNTED_PEOPLE: &[&str] = &[
    "others", "people", "persons", "civilians", "citizens", "children", "women", "men", "members", "fighters",
    "soldiers", "militants", "troops", "insurgents", "rebels", "policemen", "gunmen", "militiamen", "jihadists",
];

/// Does the clause holding `at` ("… and 4 others in landmine explosion in Tasil and …") tell of someone killed
/// or hurt, by a word or by a count of people? Clauses end at "and", "while", a comma or a semicolon.
fn clause_tells_a_toll(s: &str, at: usize) -> bool {
    let bounds = |w: &str| w == "and" || w == "while";
    let words: Vec<(usize, &str)> = s.split_whitespace().map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w)).collect();
    let Some(here) = words.iter().rposition(|(i, _)| *i <= at) else { return false };
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let mut start = here;
    while start > 0 && !bounds(&clean(words[start - 1].1)) && !words[start - 1].1.ends_with([',', ';']) {
        start -= 1;
    }
    let mut end = here;
    while end + 1 < words.len() && !bounds(&clean(words[end + 1].1)) && !words[end].1.ends_with([',', ';']) {
        end += 1;
    }
    let clause: Vec<String> = words[start..=end].iter().map(|(_, w)| clean(w)).collect();
    clause.iter().enumerate().any(|(i, w)| {
        let count_of_people = !w.is_empty()
            && w.chars().all(|c| c.is_ascii_digit())
            && clause[i + 1..].iter().take(2).any(|n| COUNTED_PEOPLE.contains(&n.as_str()));
        TOLL_WORDS.contains(&w.as_str()) || count_of_people
    })
}

/// Where the sentence first tells of someone killed or hurt.
fn first_toll_word(s: &str) -> Option<usize> {
    s.split_whitespace()
        .find(|w| TOLL_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str()))
        .map(|w| w.as_ptr() as usize - s.as_ptr() as usize)
}

fn km(a: &Location, b: &Location) -> Option<f64> {
    let (la, lo, lb, mb) = (a.lat?, a.lon?, b.lat?, b.lon?);
    let (p1, p2) = (la.to_radians(), lb.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * ((mb - lo).to_radians() / 2.0).sin().powi(2);
    Some(2.0 * 6371.0 * h.sqrt().min(1.0).asin())
}

/// Does `b`, written after `a`, only say where `a` is? "A north of B", "A in the countryside of B", "A, B province".
fn qualifies(s: &str, a: &Candidate, b: &Candidate) -> bool {
    if a.end > b.start || a.rank == 0 || a.location.geonameid.is_some() && a.location.geonameid == b.location.geonameid {
        return false;
    }
    let gap = s[a.end..b.start].replace([',', ';'], " , ");
    let words: Vec<String> = gap
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != ',' && c != '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let comma_only = words.iter().all(|w| w == ",");
    if !words.iter().all(|w| w == "," || QUALIFYING_GAP.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    if words.iter().filter(|w| *w == ",").count() > 1 {
        return false; // "Hama, Aleppo, Idlib": a list
    }
    if b.rank == 0 {
        // "Jalalaqsi, Somalia": the town's own country
        return a.location.country.is_some() && a.location.country == b.location.country;
    }
    // "Bab al-Neirab, Aleppo" is a list unless the second is the larger kind of place
    if comma_only && b.rank >= a.rank {
        return false;
    }
    km(&a.location, &b.location).is_some_and(|d| d <= QUALIFIER_KM)
}

/// Where: the place the sentence ties to the event, else the document's focus place, else its focus country.
/// Among the sentence's places one whose clause tells of someone killed or hurt wins, then one introduced by a
/// locative word, then a town over a district over a province over a country, then the one nearest the first word
/// of a toll (else the trigger); a town given with a compass word may become its province (see
/// [`toward_the_province`]). A place
/// that only says where another one is ("Kafr Zita north of Hama") is no candidate, and lends its locative word to
/// the place it qualifies. `doers` are the spans of the event's actors and speakers: a capital
/// there is its government ("Ankara said", "Moscow bombed"), elsewhere a place ("shells target the capital Damascus").
#[allow(clippy::too_many_arguments)]
pub(crate) fn event_place(
    lexicon: &Lexicon,
    s: &str,
    mentions: &[Mention],
    places: &[PlaceMention],
    focus: Option<&str>,
    focus_place: Option<&Location>,
    trigger_start: usize,
    doers: &[(usize, usize)],
    span_of: impl Fn(usize, usize) -> Span,
) -> Option<Location> {
    let mut candidates = Vec::new();
    for p in places {
        let text = &s[p.start..p.end];
        // a dateline ("MOGADISHU, Feb 26 –") says where the reporter was, not where it happened; so does the state
        // that qualifies it ("JACKSONVILLE, Fla. —")
        let dateline = is_dateline(s, p.start, p.end) || in_dateline(s, places, p.start);
        // a named actor is not a place ("Hamas", "Kremlin"), nor is a capital used for its government ("Ankara said")
        let is_actor = mentions.iter().any(|m| {
            // "the capital Damascus" is the city whatever role the sentence gives it
            let called_capital = s[..m.start].trim_end().to_lowercase().ends_with("capital");
            let capital_acts = m.kind == MentionKind::Capital
                && m.is_actor()
                && !called_capital
                && doers.iter().any(|&(a, b)| a < m.end && m.start < b);
            (m.kind == MentionKind::Named || m.kind == MentionKind::Demonym || capital_acts)
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
            location: place_location(&p.place, precision, Some(text.to_string()), Some(span_of(p.start, p.end))),
        });
    }
    // a capital the recogniser passed over ("Car bombs hit Baghdad Shi'ite districts", a title-case "Mogadishu
    // Explosions") and that is no doer here is still that city: the gazetteer's capital of the lexicon's country
    for m in mentions.iter().filter(|m| m.kind == MentionKind::Capital) {
        let called_capital = s[..m.start].trim_end().to_lowercase().ends_with("capital");
        let acts = !called_capital && doers.iter().any(|&(a, b)| a < m.end && m.start < b);
        let found = places.iter().any(|p| p.start < m.end && m.start < p.end);
        let (Some(iso3), false, false) = (m.country.as_deref(), acts, found) else { continue };
        let gazetteer = Gazetteer::builtin();
        let text = &s[m.start..m.end];
        let Some(place) = gazetteer
            .lookup(text)
            .into_iter()
            .map(|i| gazetteer.place(i))
            .find(|p| p.feature == PlaceFeature::Capital && p.country == iso3)
        else {
            continue;
        };
        candidates.push(Candidate {
            start: m.start,
            end: m.end,
            locative: m.locative,
            rank: 3,
            location: place_location(&place, LocationPrecision::Town, Some(text.to_string()), Some(span_of(m.start, m.end))),
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
    candidates.sort_by_key(|c| (c.start, c.end));
    // "Kafr Zita north of Hama": Hama only says where Kafr Zita is; Kafr Zita is where it happened
    let mut qualifier = vec![false; candidates.len()];
    for j in 1..candidates.len() {
        let i = j - 1;
        if !qualifier[i] && qualifies(s, &candidates[i], &candidates[j]) {
            qualifier[j] = true;
            candidates[i].locative |= candidates[j].locative;
        }
    }
    let mut candidates: Vec<Candidate> =
        candidates.into_iter().zip(qualifier).filter(|(_, q)| !q).map(|(c, _)| c).collect();
    let best = candidates
        .iter()
        .enumerate()
        .max_by_key(|(_, c)| {
            // the place nearest where the sentence tells of the dead ("Massacre at al-Bokamal … on the countryside of
            // Deir Ezzor"), else nearest the trigger
            let anchor = first_toll_word(s).unwrap_or(trigger_start);
            let distance = (c.start as i64 - anchor as i64).unsigned_abs().min(10_000) as i64;
            // GED codes only deaths: of "shelling on Daraa and human losses in Hama", Hama is where someone died
            let toll = clause_tells_a_toll(s, c.start);
            (toll, c.locative, c.rank, -distance, c.end)
        })
        .map(|(i, _)| i);
    let Some(best) = best else {
        return focus_place.cloned().or_else(|| focus.and_then(|iso3| lexicon.country(iso3)).map(|c| country_location(c, None)));
    };
    let best = candidates.swap_remove(best);
    // "a shooting in Ohio" in a story about Akron: a province says less than the document's own town inside it
    if best.location.precision == LocationPrecision::Admin1 {
        if let Some(f) = focus_place.filter(|f| {
            f.precision != LocationPrecision::Admin1 && f.country == best.location.country && f.admin1 == best.location.admin1
        }) {
            return Some(f.clone());
        }
    }
    Some(
        toward_the_province(s, &best)
            .or_else(|| countryside_around_the_town(s, &best))
            .or_else(|| countryside_province_at_its_town(&best))
            .unwrap_or(best.location),
    )
}

/// Words that make a province's name "the countryside of X" (Arabic rīf: "Rif Dimashq", "Reef Dimashq").
const COUNTRYSIDE_PREFIXES: &[&str] = &["rif", "reef", "rural"];

/// "Rif Dimashq", "Rural Damascus": a province named as the countryside of a city is read like "the countryside of
/// Damascus" when its point lies farther than [`COUNTRYSIDE_CENTRE_KM`] from the city: the city's point, which
/// the suburbs and villages the news means crowd around, at the province's precision.
fn countryside_province_at_its_town(c: &Candidate) -> Option<Location> {
    if c.rank != 1 || c.location.precision != LocationPrecision::Admin1 {
        return None;
    }
    let text = c.location.text.as_deref()?;
    let (first, rest) = text.split_once([' ', '-'])?;
    if !COUNTRYSIDE_PREFIXES.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let gazetteer = Gazetteer::builtin();
    let country = c.location.country.as_deref()?;
    let city = gazetteer
        .lookup(rest.trim())
        .into_iter()
        .map(|i| gazetteer.place(i))
        // the city, or the city's own governorate ("Dimashq", whose point is the city's)
        .find(|p| {
            p.country == country
                && p.population >= 100_000
                && matches!(p.feature, PlaceFeature::Town | PlaceFeature::Capital | PlaceFeature::Admin1)
                && p.name != c.location.name
        })?;
    let location = place_location(&city, LocationPrecision::Admin1, c.location.text.clone(), c.location.span);
    (km(&c.location, &location)? > COUNTRYSIDE_CENTRE_KM).then_some(location)
}

/// How near the namesake town the province's point must lie for "the countryside of X" to be read at the province's
/// point: then the town itself stays within reach of that point while the villages around it come nearer.
const COUNTRYSIDE_CENTRE_KM: f64 = 20.0;

/// Is the town named as the centre of a countryside: "the countryside of Idlib", "Idlib countryside", "Hama's
/// countryside", also in a list ("the countryside of Idlib and Hama", "Idlib, Hama and Aleppo countrysides")?
fn names_a_countryside(s: &str, c: &Candidate) -> bool {
    let clean = |w: &str| w.trim_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase();
    let is_countryside = |w: &str| w == "countryside" || w == "countrysides";
    // another name of the list ("Hama", "Al-Quneitra") or the words that join it
    let in_list = |w: &str| {
        let bare = w.trim_matches(|ch: char| !ch.is_alphanumeric());
        matches!(clean(w).as_str(), "" | "and" | "s" | "the" | "both") || bare.chars().next().is_some_and(char::is_uppercase)
    };
    let after = s[c.end..].split_whitespace().take(8);
    for w in after {
        if is_countryside(&clean(w)) {
            return true;
        }
        // a comma ends the phrase only inside a list: "Idlib, Hama and Aleppo countryside"
        if !in_list(w) {
            break;
        }
    }
    let before: Vec<&str> = s[..c.start].split_whitespace().rev().take(8).collect();
    for (k, w) in before.iter().enumerate() {
        if clean(w) == "of" {
            return before.get(k + 1).is_some_and(|p| is_countryside(&clean(p)));
        }
        if !in_list(w) {
            break;
        }
    }
    false
}

/// "The countryside of Idlib" (no compass word): when the province named after the town has its point (the middle
/// of its settlements) within [`COUNTRYSIDE_CENTRE_KM`] of the town, that point is nearer the villages meant and
/// still near the town; a province whose settlements centre far from its namesake town (Homs, in the desert) keeps
/// the town.
fn countryside_around_the_town(s: &str, c: &Candidate) -> Option<Location> {
    // a compass word says which side of the town: that is [`toward_the_province`]'s reading, and where the province
    // lies another way the town stays
    if c.rank != 3 || direction_from(s, c).is_some() || !names_a_countryside(s, c) {
        return None;
    }
    let province = namesake_province(c)?;
    let location = place_location(&province, LocationPrecision::Admin1, c.location.text.clone(), c.location.span);
    (km(&c.location, &location)? <= COUNTRYSIDE_CENTRE_KM).then_some(location)
}

/// The first-level subdivision named after the candidate town ("Hama" in Ḩamāh), if there is one.
fn namesake_province(c: &Candidate) -> Option<sitrep_geo::Place> {
    let gazetteer = Gazetteer::builtin();
    let admin1 = c.location.admin1.as_deref()?;
    let country = c.location.country.as_deref()?;
    let province = gazetteer
        .lookup(admin1)
        .into_iter()
        .map(|i| gazetteer.place(i))
        .find(|p| p.feature == PlaceFeature::Admin1 && p.country == country && p.name == admin1)?;
    let skeleton = |t: &str| sitrep_geo::loose_key(&sitrep_geo::name_key(t));
    (skeleton(&c.location.name) == skeleton(province.name)).then_some(province)
}

/// Compass words, with the bearing they name in degrees.
const DIRECTIONS: &[(&str, f64)] = &[
    ("north", 0.0), ("northern", 0.0), ("northeast", 45.0), ("northeastern", 45.0), ("north-east", 45.0),
    ("north-eastern", 45.0), ("east", 90.0), ("eastern", 90.0), ("southeast", 135.0), ("southeastern", 135.0),
    ("south-east", 135.0), ("south-eastern", 135.0), ("south", 180.0), ("southern", 180.0), ("southwest", 225.0),
    ("southwestern", 225.0), ("south-west", 225.0), ("south-western", 225.0), ("west", 270.0), ("western", 270.0),
    ("northwest", 315.0), ("northwestern", 315.0), ("north-west", 315.0), ("north-western", 315.0),
];

/// The compass direction the text gives from a town to the event: "the northern countryside of Hama", "north of
/// Homs", "Idlib's southern countryside", "Lattakia northern countryside".
fn direction_from(s: &str, c: &Candidate) -> Option<f64> {
    let clean = |w: &str| w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '-').to_lowercase();
    let bearing = |w: &str| DIRECTIONS.iter().find(|(d, _)| *d == w).map(|(_, b)| *b);
    let before: Vec<String> = s[..c.start].split_whitespace().rev().take(5).map(clean).collect();
    // back over "of", "the", "countryside", "outskirts", "areas in" to the compass word
    for w in &before {
        if let Some(b) = bearing(w) {
            return Some(b);
        }
        if !["of", "the", "countryside", "outskirts", "suburbs", "areas", "parts"].contains(&w.as_str()) {
            break;
        }
    }
    let after: Vec<String> = s[c.end..].split_whitespace().take(2).map(clean).collect();
    match after.as_slice() {
        [d, countryside, ..] if countryside.starts_with("countryside") => bearing(d),
        _ => None,
    }
}

/// "The northern countryside of Hama": when the province named after the town lies in that direction from it, the
/// province's point (the middle of its settlements) is nearer the villages meant than the town is. Only the
/// gazetteer's own entry for the province is used, never a point shifted by hand.
fn toward_the_province(s: &str, c: &Candidate) -> Option<Location> {
    if c.rank != 3 {
        return None;
    }
    let direction = direction_from(s, c)?;
    // the town must be the province's namesake ("Hama" in Ḩamāh), not any town in it
    let province = namesake_province(c)?;
    let location = place_location(&province, LocationPrecision::Admin1, c.location.text.clone(), c.location.span);
    let (tl, to, pl, po) = (c.location.lat?, c.location.lon?, province.lat, province.lon);
    let (p1, p2, dl) = (tl.to_radians(), pl.to_radians(), (po - to).to_radians());
    let bearing = (dl.sin() * p2.cos()).atan2(p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos()).to_degrees().rem_euclid(360.0);
    let off = (bearing - direction).abs();
    let off = off.min(360.0 - off);
    let apart = km(&c.location, &location)?;
    (off <= 60.0 && (10.0..=150.0).contains(&apart)).then_some(location)
}

/// The document's focus place: the gazetteer place in the focus country that the document names most (earliest on
/// ties), named twice or after a locative word ("in", "near"), one precision step coarser than the place itself (a town → `admin2`, a district → `admin1`) and without
/// text or span, because no sentence tied it to the event. Datelines and continents do not count.
/// `actor_hits` are the actor dictionary's hits per sentence, found once by the document pass.
pub(crate) fn focus_place(
    actor_hits: &[Vec<sitrep_lexicon::Hit<'_, sitrep_lexicon::ActorEntry>>],
    places: &[Vec<PlaceMention>],
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
            // (a capital's name is the city here: "security operations in Mogadishu")
            let named_actor =
                actors.iter().any(|h| h.value.kind != sitrep_lexicon::ActorKind::Capital && h.start < p.end && p.start < h.end);
            if !p.qualified && named_actor {
                continue;
            }
            // the state that qualifies a dateline's town ("NASHVILLE, Tenn. —") is no place of its own
            if in_dateline(s, found, p.start) || p.place.country != focus || precision_of(p.place.feature).is_none() {
                continue;
            }
            // a dateline's town ("NASHVILLE, Tenn. —") is where the reporter was: in local news nearly always the
            // town the story is about, so it counts like a place said to be where something happened
            let locative = usize::from(p.locative || is_dateline(s, p.start, p.end));
            match counts.iter_mut().find(|c| *c.0 == p.place) {
                Some(c) => {
                    c.1 += 1;
                    c.3 += locative;
                }
                None => counts.push((&p.place, 1, i, locative)),
            }
        }
    }
    // only a place the document names twice, or says something happened in ("in X", "near X"), can be its focus
    // (else the first place of the focus country it names, nearer the event than the country's middle; not a capital
    // named once and not as a place, which is mostly its government: "Moscow bombed the rebels")
    let strong = counts.iter().filter(|c| c.3 > 0 || c.1 >= 2).max_by_key(|c| (c.1, std::cmp::Reverse(c.2)));
    let weak = || counts.iter().filter(|c| c.0.feature != PlaceFeature::Capital).min_by_key(|c| c.2);
    let (place, _, _, _) = *strong.or_else(weak)?;
    let precision = match precision_of(place.feature)? {
        LocationPrecision::Town => LocationPrecision::Admin2,
        _ => LocationPrecision::Admin1,
    };
    Some(place_location(place, precision, None, None))
}

/// A dateline's place: an all-capital name opening the sentence and followed by a comma ("MOGADISHU, Feb 26 –").
fn is_dateline(s: &str, start: usize, end: usize) -> bool {
    start < 3
        && s[start..end].chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
        && s[end..].starts_with(',')
}

/// Does the place at `start` directly follow a dateline's place after its comma ("JACKSONVILLE, Fla. —")?
fn in_dateline(s: &str, places: &[PlaceMention], start: usize) -> bool {
    places.iter().any(|d| d.end < start && is_dateline(s, d.start, d.end) && s[d.end..start].trim() == ",")
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

/// A gazetteer place as an event's location, at the precision the caller reads it with.
fn place_location(place: &sitrep_geo::Place, precision: LocationPrecision, text: Option<String>, span: Option<Span>) -> Location {
    Location {
        name: place.name.to_string(),
        geonameid: place.geonameid,
        lat: Some(place.lat),
        lon: Some(place.lon),
        country: Some(place.country.to_string()).filter(|c| !c.is_empty()),
        admin1: Some(place.admin1.to_string()).filter(|a| !a.is_empty()),
        precision,
        text,
        span,
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
