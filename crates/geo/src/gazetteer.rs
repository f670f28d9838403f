//! The gazetteer: places with alternate names, indexed by normalised name.
//!
//! `build.rs` compiles `data/gazetteer/places.tsv.gz` and `curated.tsv` into static tables (fixed-size place records,
//! a string table, and two `fst` maps from name keys to places), so loading is decoding one record per place into a
//! `Place` that borrows its strings from the binary: no parsing, no hashing, no allocation per name.

use std::sync::LazyLock;

use fst::Map;

use crate::normalize::{loose_key, name_key};

static PLACES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.bin"));
static STRINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/strings.bin"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/postings.bin"));
static NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static LOOSE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/loose.fst"));

/// Bytes per place record in `places.bin`: geonameid u32, lat f32, lon f32, population u32, name u32,
/// admin1 u32, country u32 (offsets into `strings.bin`), the three strings' lengths as u8 (255: read to the NUL),
/// feature u8.
const RECORD: usize = 32;
/// Set in an fst value that is a single place index rather than a postings offset.
const SINGLE: u64 = 1 << 32;

static BUILTIN: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

/// What kind of place an entry is. GeoNames gives populated places, capitals, subdivisions and continents; the
/// curated layer adds the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceFeature {
    /// A populated place.
    Town,
    /// A country's capital city.
    Capital,
    /// A first-level subdivision (province, governorate, state).
    Admin1,
    /// A second-level subdivision (district, county).
    Admin2,
    /// A named region that is no administrative unit (Donbas, the Sahel, Eastern Ghouta).
    Region,
    /// A river or lake.
    Water,
    /// A military base.
    Base,
    /// A border crossing.
    Crossing,
    /// An oil or gas field, or an oil terminal.
    OilField,
    /// A country (reached by code only; see [`Gazetteer::country_point`]).
    Country,
    /// A continent.
    Continent,
}

impl PlaceFeature {
    fn from_code(code: u8) -> PlaceFeature {
        match code {
            1 => PlaceFeature::Capital,
            2 => PlaceFeature::Admin1,
            3 => PlaceFeature::Admin2,
            4 => PlaceFeature::Region,
            5 => PlaceFeature::Water,
            6 => PlaceFeature::Base,
            7 => PlaceFeature::Crossing,
            8 | 9 => PlaceFeature::OilField,
            10 => PlaceFeature::Country,
            11 => PlaceFeature::Continent,
            _ => PlaceFeature::Town,
        }
    }

    /// The name `sitrep geocode` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceFeature::Town => "town",
            PlaceFeature::Capital => "capital",
            PlaceFeature::Admin1 => "admin1",
            PlaceFeature::Admin2 => "admin2",
            PlaceFeature::Region => "region",
            PlaceFeature::Water => "river",
            PlaceFeature::Base => "base",
            PlaceFeature::Crossing => "crossing",
            PlaceFeature::OilField => "oilfield",
            PlaceFeature::Country => "country",
            PlaceFeature::Continent => "continent",
        }
    }

    /// A subdivision, region, river or continent: an area, not a point.
    pub fn is_area(self) -> bool {
        matches!(
            self,
            PlaceFeature::Admin1 | PlaceFeature::Admin2 | PlaceFeature::Region | PlaceFeature::Water | PlaceFeature::Country | PlaceFeature::Continent
        )
    }
}

/// One gazetteer entry, decoded from its record when asked for. Strings borrow from the tables compiled into the
/// binary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// GeoNames id; `None` for the curated layer's entries.
    pub geonameid: Option<u64>,
    pub name: &'static str,
    /// ISO 3166-1 alpha-3; empty for continents.
    pub country: &'static str,
    /// The first-level subdivision's name (for a subdivision, its own or its parent's).
    pub admin1: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames population; for a subdivision, the sum of the settlements in it; for curated entries, a rank hint.
    pub population: u64,
    pub feature: PlaceFeature,
}

/// The places sitrep knows, with an index over their names.
///
/// Places stay in their compiled 32-byte records and are decoded on each [`Gazetteer::place`] call (a few
/// nanoseconds): a decoded copy of all 272,000 would hold about 26 MB of memory for the whole run.
pub struct Gazetteer {
    /// Number of place records.
    len: usize,
    /// `None` only if the compiled index were unreadable (a build bug): lookups then find nothing.
    names: Option<Map<&'static [u8]>>,
    loose: Option<Map<&'static [u8]>>,
    /// ISO3 → the curated layer's point for the country.
    country_points: Vec<(&'static str, f64, f64)>,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The place in record `idx`; missing bytes read as zero.
fn decode(idx: usize) -> Place {
    let r = PLACES.get(idx * RECORD..(idx + 1) * RECORD).unwrap_or(&[]);
    let geonameid = u32_at(r, 0);
    Place {
        geonameid: (geonameid != 0).then_some(geonameid as u64),
        lat: f32::from_bits(u32_at(r, 4)) as f64,
        lon: f32::from_bits(u32_at(r, 8)) as f64,
        population: u32_at(r, 12) as u64,
        name: string_at(u32_at(r, 16), r.get(28).copied()),
        admin1: string_at(u32_at(r, 20), r.get(29).copied()),
        country: string_at(u32_at(r, 24), r.get(30).copied()),
        feature: PlaceFeature::from_code(r.get(31).copied().unwrap_or(0)),
    }
}

/// The string table as text: strings end with a NUL, and the whole table is checked to be UTF-8 once, so reading a
/// string is slicing, not a UTF-8 check per string.
static STRINGS_TEXT: LazyLock<&'static str> = LazyLock::new(|| std::str::from_utf8(STRINGS).unwrap_or(""));

/// The string at `at`, of the length its record gives (`None` or 255: up to the NUL).
fn string_at(at: u32, len: Option<u8>) -> &'static str {
    let at = at as usize;
    match len {
        Some(n) if n < 255 => STRINGS_TEXT.get(at..at + n as usize).unwrap_or(""),
        _ => {
            let rest = STRINGS_TEXT.get(at..).unwrap_or("");
            rest.find('\0').map_or(rest, |end| &rest[..end])
        }
    }
}

/// The place indexes of one fst value.
fn postings(value: u64) -> impl Iterator<Item = u32> {
    let (single, start, count) = if value & SINGLE != 0 {
        (Some(value as u32), 0, 0)
    } else {
        let at = value as usize;
        (None, at + 4, u32_at(POSTINGS, at) as usize)
    };
    single.into_iter().chain((0..count).map(move |k| u32_at(POSTINGS, start + 4 * k)))
}

impl Gazetteer {
    /// The gazetteer compiled into sitrep, decoded on first use (a few milliseconds; see `sitrep geo-bench`).
    pub fn builtin() -> &'static Gazetteer {
        &BUILTIN
    }

    /// Decodes the compiled tables. The build script wrote them, so a malformed table is a build bug; the
    /// decoding still cannot panic (missing bytes read as zero, and an unreadable fst as an empty index).
    fn load() -> Gazetteer {
        let len = PLACES.len() / RECORD;
        let country_points = (0..len)
            .map(decode)
            .filter(|p| p.feature == PlaceFeature::Country)
            .map(|p| (p.country, p.lat, p.lon))
            .collect();
        Gazetteer { len, names: Map::new(NAMES).ok(), loose: Map::new(LOOSE).ok(), country_points }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The place at an index returned by [`Gazetteer::lookup`] (an index past the end reads as an empty record).
    pub fn place(&self, idx: u32) -> Place {
        decode(idx as usize)
    }

    /// Places named `name` under its exact key (any spelling the gazetteer knows), most populous first.
    pub fn lookup(&self, name: &str) -> Vec<u32> {
        self.lookup_key(&name_key(name))
    }

    /// Places whose exact key is `key` (already normalised with [`crate::name_key`]).
    pub fn lookup_key(&self, key: &str) -> Vec<u32> {
        self.names.as_ref().and_then(|m| m.get(key)).map(|v| postings(v).collect()).unwrap_or_default()
    }

    /// Places whose loose key (a consonant skeleton: Khusham = Khasham = Kusham) matches the name's; for use only
    /// when [`Gazetteer::lookup`] finds nothing.
    pub fn lookup_loose(&self, name: &str) -> Vec<u32> {
        let key = loose_key(&name_key(name));
        if key.is_empty() {
            return Vec::new();
        }
        self.loose.as_ref().and_then(|m| m.get(&key)).map(|v| postings(v).collect()).unwrap_or_default()
    }

    /// Whether any name starts with this exact key followed by a space (so a longer name may continue here).
    pub fn has_prefix(&self, key: &str) -> bool {
        let mut prefix = String::with_capacity(key.len() + 1);
        prefix.push_str(key);
        prefix.push(' ');
        let mut upper = prefix.clone().into_bytes();
        if let Some(last) = upper.last_mut() {
            *last += 1;
        }
        use fst::{IntoStreamer, Streamer};
        let Some(names) = &self.names else { return false };
        let mut stream = names.range().ge(prefix.as_bytes()).lt(&upper).into_stream();
        stream.next().is_some()
    }

    /// The point the curated layer gives a country (ISO3), where GeoNames' point for it differs much from the
    /// lexicon's centroid.
    pub fn country_point(&self, iso3: &str) -> Option<(f64, f64)> {
        self.country_points.iter().find(|c| c.0 == iso3).map(|c| (c.1, c.2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(gaz: &Gazetteer, name: &str) -> Vec<Option<u64>> {
        gaz.lookup(name).iter().map(|&i| gaz.place(i).geonameid).collect()
    }

    #[test]
    fn alternate_spellings_reach_the_same_place() {
        let gaz = Gazetteer::builtin();
        let deir = ids(gaz, "Deir ez-Zor");
        assert!(!deir.is_empty());
        assert!(ids(gaz, "Dayr az Zawr").iter().any(|g| deir.contains(g)));
        assert!(ids(gaz, "deir al-zor").iter().any(|g| deir.contains(g)));
        assert!(ids(gaz, "DEIR EZZOR").is_empty() || ids(gaz, "DEIR EZZOR").iter().any(|g| deir.contains(g)));
    }

    #[test]
    fn arabic_and_cyrillic_names_are_indexed() {
        let gaz = Gazetteer::builtin();
        let idlib = ids(gaz, "Idlib");
        assert!(ids(gaz, "إدلب").iter().any(|g| idlib.contains(g)));
        let kyiv = ids(gaz, "Kyiv");
        assert!(!kyiv.is_empty());
        assert!(ids(gaz, "Киев").iter().any(|g| kyiv.contains(g)));
    }

    #[test]
    fn small_towns_and_second_level_subdivisions_are_there() {
        let gaz = Gazetteer::builtin();
        // cities500: villages of a few hundred people; admin2: US counties and Syrian districts
        assert!(gaz.len() > 250_000, "{}", gaz.len());
        let cook: Vec<Place> = gaz.lookup("Cook County").iter().map(|&i| gaz.place(i)).collect();
        assert!(cook.iter().any(|p| p.feature == PlaceFeature::Admin2 && p.admin1 == "Illinois"), "{cook:?}");
    }

    #[test]
    fn loose_keys_find_transliteration_variants() {
        let gaz = Gazetteer::builtin();
        let found: Vec<Place> = gaz.lookup_loose("Kusham").iter().map(|&i| gaz.place(i)).collect();
        assert!(found.iter().any(|p| p.country == "SYR"), "{found:?}");
    }

    #[test]
    fn curated_layer_is_loaded() {
        let gaz = Gazetteer::builtin();
        let euphrates: Vec<Place> = gaz.lookup("the Euphrates River").iter().chain(gaz.lookup("Euphrates").iter()).map(|&i| gaz.place(i)).collect();
        assert!(euphrates.iter().any(|p| p.feature == PlaceFeature::Water), "{euphrates:?}");
        let base: Vec<Place> = gaz.lookup("Hmeimim").iter().map(|&i| gaz.place(i)).collect();
        assert!(base.iter().any(|p| p.feature == PlaceFeature::Base && p.geonameid.is_none()));
        let (lat, lon) = gaz.country_point("USA").expect("curated point for the United States");
        assert!((lat - 39.76).abs() < 1e-4 && (lon + 98.5).abs() < 1e-4);
    }

    #[test]
    fn prefixes_of_longer_names_are_known() {
        let gaz = Gazetteer::builtin();
        assert!(gaz.has_prefix("deir"));
        assert!(!gaz.has_prefix("xqzv"));
    }
}
