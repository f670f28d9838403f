//! The gazetteer: places with alternate names, indexed by normalised name.

use std::collections::HashMap;
use std::sync::LazyLock;

const PLACES: &str = include_str!("../../../data/gazetteer/places.tsv");

static BUILTIN: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::from_tsv(PLACES));

/// GeoNames feature classes sitrep distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceFeature {
    /// A capital city.
    Capital,
    /// A populated place.
    Town,
    /// A first-level subdivision (province, governorate, state).
    Admin1,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonameid: u64,
    pub name: String,
    pub country: String,
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub feature: PlaceFeature,
}

pub struct Gazetteer {
    places: Vec<Place>,
    by_name: HashMap<String, Vec<u32>>,
}

/// The lookup key of a name: lower case, straight apostrophes, single spaces.
pub(crate) fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' | '‘' | '`' => key.push('\''),
                '–' | '—' => key.push('-'),
                c => key.extend(c.to_lowercase()),
            }
        }
    }
    key
}

impl Gazetteer {
    /// The gazetteer compiled into sitrep, indexed on first use.
    pub fn builtin() -> &'static Gazetteer {
        &BUILTIN
    }

    /// Reads `geonameid, name, aliases, country, admin1, lat, lon, population, feature` rows; malformed rows are
    /// skipped (the shipped file is checked by the tests).
    pub fn from_tsv(tsv: &str) -> Gazetteer {
        let mut places = Vec::new();
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 9 {
                continue;
            }
            let (Ok(geonameid), Ok(lat), Ok(lon)) = (cols[0].parse(), cols[5].parse(), cols[6].parse()) else {
                continue;
            };
            let feature = match cols[8].trim() {
                "PPLC" => PlaceFeature::Capital,
                "ADM1" => PlaceFeature::Admin1,
                _ => PlaceFeature::Town,
            };
            let idx = places.len() as u32;
            places.push(Place {
                geonameid,
                name: cols[1].to_string(),
                country: cols[3].to_string(),
                admin1: cols[4].to_string(),
                lat,
                lon,
                population: cols[7].parse().unwrap_or(0),
                feature,
            });
            let names = std::iter::once(cols[1]).chain(cols[2].split('|')).filter(|n| !n.is_empty());
            for name in names {
                let ids = by_name.entry(name_key(name)).or_default();
                if !ids.contains(&idx) {
                    ids.push(idx);
                }
            }
        }
        Gazetteer { places, by_name }
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn place(&self, idx: u32) -> &Place {
        &self.places[idx as usize]
    }

    /// Places named `name` (any spelling the gazetteer knows).
    pub fn lookup(&self, name: &str) -> &[u32] {
        self.by_name.get(&name_key(name)).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_spellings_reach_the_same_place() {
        let gaz = Gazetteer::builtin();
        let ids = |n: &str| gaz.lookup(n).iter().map(|&i| gaz.place(i).geonameid).collect::<Vec<_>>();
        let deir = ids("Deir ez-Zor");
        assert!(!deir.is_empty());
        assert!(ids("Dayr az Zawr").iter().any(|g| deir.contains(g)));
        assert!(ids("deir al-zor").iter().any(|g| deir.contains(g)));
    }
}
