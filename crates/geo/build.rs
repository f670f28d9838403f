//! Compiles the gazetteer at build time so that loading it at run time is only a few slices over static bytes:
//! reads `data/gazetteer/places.tsv.gz` (GeoNames, built by `tools/build_places.py`) and
//! `data/gazetteer/curated.tsv` (sitrep's own layer), and writes to `OUT_DIR`:
//!
//! - `places.bin`: one 32-byte little-endian record per place (see `gazetteer.rs`, `RECORD`);
//! - `strings.bin`: every name, admin1 name and ISO3 code, each as UTF-8 bytes and a NUL (the table is one valid UTF-8 text);
//! - `names.fst`, `loose.fst`: exact and loose name keys (`src/normalize.rs`) → a place index (bit 32 set) or an
//!   offset into `postings.bin`, where a u32 count is followed by that many place indexes, most populous first.

#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

struct Row {
    geonameid: u32,
    name: String,
    names: Vec<String>,
    country: String,
    admin1: String,
    lat: f32,
    lon: f32,
    population: u32,
    feature: u8,
}

/// Feature codes, shared with `gazetteer.rs` (`PlaceFeature::from_code`).
fn feature_code(code: &str) -> Option<u8> {
    Some(match code {
        "PPL" => 0,
        "PPLC" => 1,
        "ADM1" => 2,
        "ADM2" => 3,
        "REGION" => 4,
        "RIVER" => 5,
        "BASE" => 6,
        "CROSSING" => 7,
        "OILFIELD" => 8,
        "SITE" => 9,
        "COUNTRY" => 10,
        "CONT" => 11,
        _ => return None,
    })
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = manifest.join("../../data/gazetteer");
    let places_path = data.join("places.tsv.gz");
    let curated_path = data.join("curated.tsv");
    for p in [&places_path, &curated_path, &manifest.join("src/normalize.rs")] {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let mut rows = Vec::new();
    let mut text = String::new();
    let file = std::fs::File::open(&places_path).unwrap_or_else(|e| panic!("{}: {e}", places_path.display()));
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{}: {e}", places_path.display()));
    read_geonames(&text, &places_path, &mut rows);
    let curated = std::fs::read_to_string(&curated_path).unwrap_or_else(|e| panic!("{}: {e}", curated_path.display()));
    read_curated(&curated, &curated_path, &mut rows);
    write_outputs(&rows, Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")));
}

fn parse<T: std::str::FromStr>(s: &str, what: &str, path: &Path, line: usize) -> T {
    s.trim().parse().unwrap_or_else(|_| panic!("{}:{line}: bad {what} {s:?}", path.display()))
}

fn read_geonames(text: &str, path: &Path, rows: &mut Vec<Row>) {
    for (i, line) in text.lines().enumerate().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        assert!(c.len() == 9, "{}:{}: expected 9 columns, found {}", path.display(), i + 1, c.len());
        let mut names = vec![c[1].to_string()];
        names.extend(c[2].split('|').filter(|a| !a.is_empty()).map(str::to_string));
        rows.push(Row {
            geonameid: parse(c[0], "geonameid", path, i + 1),
            name: c[1].to_string(),
            names,
            country: c[3].to_string(),
            admin1: c[4].to_string(),
            lat: parse(c[5], "lat", path, i + 1),
            lon: parse(c[6], "lon", path, i + 1),
            population: parse::<u64>(c[7], "population", path, i + 1).min(u32::MAX as u64) as u32,
            feature: feature_code(c[8]).unwrap_or_else(|| panic!("{}:{}: unknown feature {}", path.display(), i + 1, c[8])),
        });
    }
}

/// `name, aliases, kind, lat, lon, country, admin1, population, note`; `#` starts a comment line.
fn read_curated(text: &str, path: &Path, rows: &mut Vec<Row>) {
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("name\t") {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        assert!(c.len() == 9, "{}:{}: expected 9 columns, found {}", path.display(), i + 1, c.len());
        let mut names = vec![c[0].to_string()];
        names.extend(c[1].split('|').filter(|a| !a.is_empty()).map(str::to_string));
        rows.push(Row {
            geonameid: 0,
            name: c[0].to_string(),
            names,
            country: c[5].to_string(),
            admin1: c[6].to_string(),
            lat: parse(c[3], "lat", path, i + 1),
            lon: parse(c[4], "lon", path, i + 1),
            population: parse(c[7], "population", path, i + 1),
            feature: feature_code(c[2]).unwrap_or_else(|| panic!("{}:{}: unknown kind {}", path.display(), i + 1, c[2])),
        });
    }
}

fn write_outputs(rows: &[Row], out: &Path) {
    let mut strings: Vec<u8> = Vec::new();
    let mut string_at: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str, strings: &mut Vec<u8>| -> u32 {
        if let Some(&at) = string_at.get(s) {
            return at;
        }
        let at = strings.len() as u32;
        strings.extend(s.bytes().filter(|&b| b != 0));
        strings.push(0);
        string_at.insert(s.to_string(), at);
        at
    };
    let mut places = Vec::with_capacity(rows.len() * 32);
    for r in rows {
        let name = intern(&r.name, &mut strings);
        let admin1 = intern(&r.admin1, &mut strings);
        let country = intern(&r.country, &mut strings);
        places.extend_from_slice(&r.geonameid.to_le_bytes());
        places.extend_from_slice(&r.lat.to_le_bytes());
        places.extend_from_slice(&r.lon.to_le_bytes());
        places.extend_from_slice(&r.population.to_le_bytes());
        places.extend_from_slice(&name.to_le_bytes());
        places.extend_from_slice(&admin1.to_le_bytes());
        places.extend_from_slice(&country.to_le_bytes());
        // each string's length when it fits a byte (255: read to the NUL)
        let len = |s: &str| s.bytes().filter(|&b| b != 0).count().min(255) as u8;
        places.extend_from_slice(&[len(&r.name), len(&r.admin1), len(&r.country)]);
        places.push(r.feature);
    }
    let mut exact: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut loose: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (idx, r) in rows.iter().enumerate() {
        if r.feature == 10 {
            continue; // country points are reached by code (`Gazetteer::country_point`), not by name
        }
        for n in &r.names {
            let key = normalize::name_key(n);
            if key.is_empty() {
                continue;
            }
            let lk = normalize::loose_key(&key);
            for (map, k) in [(&mut exact, key), (&mut loose, lk)] {
                if k.is_empty() {
                    continue;
                }
                let ids = map.entry(k).or_default();
                if !ids.contains(&(idx as u32)) {
                    ids.push(idx as u32);
                }
            }
        }
    }
    let mut postings: Vec<u8> = Vec::new();
    for (map, file) in [(&mut exact, "names.fst"), (&mut loose, "loose.fst")] {
        let mut builder = fst::MapBuilder::memory();
        for (key, ids) in map.iter_mut() {
            let value = if ids.len() == 1 {
                ids[0] as u64 | 1 << 32
            } else {
                ids.sort_by_key(|&i| (std::cmp::Reverse(rows[i as usize].population), i));
                let at = postings.len() as u64;
                postings.extend_from_slice(&(ids.len() as u32).to_le_bytes());
                for i in ids.iter() {
                    postings.extend_from_slice(&i.to_le_bytes());
                }
                at
            };
            builder.insert(key.as_bytes(), value).expect("keys are inserted in order");
        }
        let bytes = builder.into_inner().expect("in-memory fst");
        std::fs::write(out.join(file), bytes).expect("write fst");
    }
    std::fs::write(out.join("places.bin"), places).expect("write places");
    std::fs::write(out.join("strings.bin"), strings).expect("write strings");
    std::fs::write(out.join("postings.bin"), postings).expect("write postings");
}

