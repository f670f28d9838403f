//! Synthetic but realistic documents and events, for benchmarks and load tests of the store (never for evaluation).
//!
//! Deterministic for a seed: varied PLOVER types (violent ones most common, as in news), dates spread over ten years
//! at day, week, month and unresolved precision, places jittered around real towns of 24 countries, state and
//! non-state actors, casualty counts, and evidence sentences drawn from a few hundred words so full-text searches
//! hit realistic fractions of the events.

use sitrep_model::*;

/// splitmix64: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Index drawn with weight `1/(i+1)`: a few common values and a long tail, as country and actor counts are.
    fn zipf(&mut self, n: usize) -> usize {
        let total: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
        let mut x = self.unit() * total;
        for i in 0..n {
            x -= 1.0 / (i + 1) as f64;
            if x <= 0.0 {
                return i;
            }
        }
        n - 1
    }
}

/// (ISO3, demonym, [(admin1, town, lat, lon)])
type Country = (&'static str, &'static str, &'static [(&'static str, &'static str, f64, f64)]);

const COUNTRIES: &[Country] = &[
    ("SYR", "Syrian", &[("Aleppo", "Aleppo", 36.20, 37.13), ("Idlib", "Ariha", 35.81, 36.61), ("Damascus", "Damascus", 33.51, 36.29)]),
    ("UKR", "Ukrainian", &[("Donetsk", "Bakhmut", 48.59, 38.00), ("Kharkiv", "Kharkiv", 49.99, 36.23), ("Kyiv", "Kyiv", 50.45, 30.52)]),
    ("SOM", "Somali", &[("Banaadir", "Mogadishu", 2.04, 45.34), ("Lower Shabelle", "Afgooye", 2.14, 45.12), ("Bay", "Baidoa", 3.11, 43.65)]),
    ("NGA", "Nigerian", &[("Borno", "Maiduguri", 11.85, 13.16), ("Zamfara", "Gusau", 12.16, 6.66), ("Lagos", "Lagos", 6.52, 3.38)]),
    ("YEM", "Yemeni", &[("Taiz", "Taiz", 13.58, 44.02), ("Marib", "Marib", 15.46, 45.32), ("Aden", "Aden", 12.78, 45.04)]),
    ("AFG", "Afghan", &[("Kabul", "Kabul", 34.53, 69.17), ("Kandahar", "Kandahar", 31.61, 65.71), ("Nangarhar", "Jalalabad", 34.43, 70.45)]),
    ("SDN", "Sudanese", &[("Khartoum", "Omdurman", 15.64, 32.48), ("North Darfur", "El Fasher", 13.63, 25.35), ("West Darfur", "El Geneina", 13.45, 22.45)]),
    ("MLI", "Malian", &[("Mopti", "Mopti", 14.48, -4.18), ("Gao", "Gao", 16.27, -0.04), ("Bamako", "Bamako", 12.64, -8.00)]),
    ("COD", "Congolese", &[("North Kivu", "Goma", -1.68, 29.22), ("Ituri", "Bunia", 1.57, 30.25), ("Kinshasa", "Kinshasa", -4.32, 15.31)]),
    ("IRQ", "Iraqi", &[("Nineveh", "Mosul", 36.34, 43.13), ("Baghdad", "Baghdad", 33.31, 44.36), ("Anbar", "Ramadi", 33.42, 43.30)]),
    ("MMR", "Myanmar", &[("Sagaing", "Monywa", 22.11, 95.14), ("Rakhine", "Sittwe", 20.15, 92.90), ("Yangon", "Yangon", 16.87, 96.20)]),
    ("ETH", "Ethiopian", &[("Tigray", "Mekele", 13.50, 39.47), ("Amhara", "Gondar", 12.60, 37.47), ("Oromia", "Adama", 8.54, 39.27)]),
    ("BFA", "Burkinabe", &[("Sahel", "Djibo", 14.10, -1.63), ("Centre", "Ouagadougou", 12.37, -1.52), ("Est", "Fada N'gourma", 12.06, 0.36)]),
    ("PAK", "Pakistani", &[("Khyber Pakhtunkhwa", "Peshawar", 34.01, 71.58), ("Balochistan", "Quetta", 30.18, 66.99), ("Sindh", "Karachi", 24.86, 67.01)]),
    ("COL", "Colombian", &[("Cauca", "Popayan", 2.44, -76.61), ("Antioquia", "Medellin", 6.24, -75.58), ("Narino", "Tumaco", 1.81, -78.76)]),
    ("MEX", "Mexican", &[("Guerrero", "Chilpancingo", 17.55, -99.50), ("Sinaloa", "Culiacan", 24.80, -107.39), ("Jalisco", "Guadalajara", 20.67, -103.35)]),
    ("ISR", "Israeli", &[("Southern", "Sderot", 31.52, 34.60), ("Jerusalem", "Jerusalem", 31.77, 35.21), ("Northern", "Kiryat Shmona", 33.21, 35.57)]),
    ("PSE", "Palestinian", &[("Gaza", "Gaza City", 31.50, 34.47), ("Gaza", "Rafah", 31.30, 34.25), ("West Bank", "Jenin", 32.46, 35.30)]),
    ("LBN", "Lebanese", &[("Beirut", "Beirut", 33.89, 35.50), ("South", "Tyre", 33.27, 35.20), ("Nabatieh", "Nabatieh", 33.38, 35.48)]),
    ("RUS", "Russian", &[("Belgorod", "Belgorod", 50.60, 36.59), ("Moscow", "Moscow", 55.76, 37.62), ("Kursk", "Kursk", 51.73, 36.19)]),
    ("USA", "American", &[("District of Columbia", "Washington", 38.90, -77.04), ("New York", "New York", 40.71, -74.01), ("California", "Los Angeles", 34.05, -118.24)]),
    ("FRA", "French", &[("Ile-de-France", "Paris", 48.86, 2.35), ("Auvergne-Rhone-Alpes", "Lyon", 45.76, 4.84), ("Provence", "Marseille", 43.30, 5.37)]),
    ("IND", "Indian", &[("Manipur", "Imphal", 24.82, 93.94), ("Jammu and Kashmir", "Srinagar", 34.08, 74.80), ("Delhi", "New Delhi", 28.61, 77.21)]),
    ("FJI", "Fijian", &[("Central", "Suva", -18.14, 178.44), ("Western", "Lautoka", -17.62, 177.45), ("Northern", "Labasa", -16.43, 179.36)]),
];

/// (sector, text template, CAMEO-style suffix): `{D}` is the demonym.
const STATE_ACTORS: &[(&str, &str)] = &[
    ("MIL", "{D} army"),
    ("MIL", "{D} troops"),
    ("GOV", "{D} government"),
    ("COP", "{D} police"),
    ("CVL", "{D} civilians"),
    ("OPP", "{D} opposition"),
    ("REB", "{D} rebels"),
    ("MED", "{D} journalists"),
];

const GROUPS: &[(&str, &str, &str)] = &[
    ("Islamic State", "IMGREB", "Islamic State militants"),
    ("al-Shabaab", "SOMREB", "al-Shabaab fighters"),
    ("Boko Haram", "NGAREB", "Boko Haram insurgents"),
    ("Houthis", "YEMREB", "Houthi rebels"),
    ("Taliban", "AFGREB", "Taliban fighters"),
    ("Rapid Support Forces", "SDNREB", "RSF paramilitaries"),
    ("M23", "CODREB", "M23 rebels"),
    ("Hamas", "PSEREB", "Hamas militants"),
    ("Hezbollah", "LBNREB", "Hezbollah fighters"),
    ("United Nations", "IGOUNO", "the United Nations"),
    ("Red Cross", "NGOIRC", "the Red Cross"),
];

const WEIGHTED_TYPES: &[(EventType, u32, &str, &str)] = &[
    (EventType::Assault, 30, "190", "attacked"),
    (EventType::Coerce, 12, "170", "arrested"),
    (EventType::Protest, 10, "140", "protested against"),
    (EventType::Consult, 8, "040", "met"),
    (EventType::Accuse, 6, "112", "accused"),
    (EventType::Threaten, 5, "130", "threatened"),
    (EventType::Mobilize, 5, "150", "deployed troops near"),
    (EventType::Aid, 4, "070", "sent aid to"),
    (EventType::Agree, 4, "057", "signed an agreement with"),
    (EventType::Request, 3, "020", "called on"),
    (EventType::Reject, 3, "120", "rejected demands from"),
    (EventType::Sanction, 3, "163", "imposed sanctions on"),
    (EventType::Support, 2, "051", "praised"),
    (EventType::Cooperate, 2, "061", "cooperated with"),
    (EventType::Retreat, 2, "087", "withdrew from"),
    (EventType::Concede, 1, "080", "released prisoners held by"),
];

const FILLER: &[&str] = &[
    "overnight", "shelling", "drone", "convoy", "checkpoint", "market", "village", "hospital", "school", "border",
    "ceasefire", "negotiations", "airstrike", "artillery", "militants", "soldiers", "residents", "witnesses",
    "officials", "ministry", "statement", "spokesman", "observatory", "monitors", "displaced", "refugees", "camp",
    "fuel", "prices", "election", "parliament", "curfew", "raid", "ambush", "explosion", "roadside", "bomb",
    "mortar", "rocket", "missile", "clashes", "gunmen", "kidnapped", "hostages", "talks", "summit", "delegation",
    "aid", "convoy", "flood", "drought", "protesters", "teargas", "crackdown", "detained", "journalists", "opposition",
    "governor", "province", "district", "capital", "outskirts", "highway", "bridge", "airport", "port", "mosque",
    "church", "university", "students", "workers", "strike", "union", "farmers", "herders", "cattle", "mine",
    "pipeline", "oil", "wheat", "grain", "sanctions", "embargo", "tariffs", "envoy", "mediator", "truce",
];

const TYPE_WEIGHT_TOTAL: u32 = 100;

fn date_str(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn actor(rng: &mut Rng, country: &Country) -> Actor {
    let (iso, demonym, _) = country;
    if rng.below(4) == 0 {
        let (name, code, text) = *rng.pick(GROUPS);
        return Actor {
            text: text.into(),
            name: name.into(),
            code: Some(code.into()),
            country: Some(code[..3].into()).filter(|c: &String| c != "IMG" && c != "IGO" && c != "NGO"),
            sector: Some(code[3..].into()),
            span: Span(0, text.chars().count()),
        };
    }
    let (sector, template) = *rng.pick(STATE_ACTORS);
    let text = template.replace("{D}", demonym);
    Actor {
        span: Span(0, text.chars().count()),
        text,
        name: (*iso).into(),
        code: Some(format!("{iso}{sector}")),
        country: Some((*iso).into()),
        sector: Some(sector.into()),
    }
}

fn count(n: u64, text: String, party: Party) -> Count {
    Count::single(CountClaim {
        best: Some(n),
        low: Some(n),
        high: Some(n),
        party,
        span: Span(0, text.chars().count()),
        text,
        reporter: None,
        sentence_index: 0,
    })
}

/// `events` events in documents of one to eight events each, the same for the same seed.
pub fn corpus(events: usize, seed: u64) -> impl Iterator<Item = (Document, Vec<Event>)> {
    let mut rng = Rng(seed);
    let epoch = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let mut made = 0usize;
    let mut doc_no = 0usize;
    std::iter::from_fn(move || {
        if made >= events {
            return None;
        }
        let n = (1 + rng.below(8)).min(events - made);
        doc_no += 1;
        let doc_id = format!("syn-{seed}-{doc_no}");
        let country = &COUNTRIES[rng.zipf(COUNTRIES.len())];
        let published = epoch + chrono::Duration::days(rng.below(3650) as i64);
        let mut text = String::new();
        let mut list = Vec::with_capacity(n);
        let title = format!("{} {} in {}", country.1, rng.pick(FILLER), rng.pick(country.2).1);
        for i in 0..n {
            let place = *rng.pick(country.2);
            let mut roll = rng.below(TYPE_WEIGHT_TOTAL as usize) as u32;
            let &(event_type, _, cameo, verb) = WEIGHTED_TYPES
                .iter()
                .find(|(_, w, _, _)| {
                    if roll < *w {
                        true
                    } else {
                        roll -= w;
                        false
                    }
                })
                .unwrap_or(&WEIGHTED_TYPES[0]);
            let a = actor(&mut rng, country);
            let other = if rng.below(5) == 0 { &COUNTRIES[rng.below(COUNTRIES.len())] } else { country };
            let r = actor(&mut rng, other);
            let killed = (event_type == EventType::Assault && rng.below(3) > 0).then(|| rng.zipf(60) as u64 + 1);
            let arrested = (event_type == EventType::Coerce).then(|| rng.zipf(200) as u64 + 1);
            let back = rng.below(7) as i64;
            let day = published - chrono::Duration::days(back);
            let (date, precision) = match rng.below(100) {
                0..=69 => ((Some(day), Some(day)), DatePrecision::Day),
                70..=89 => ((Some(published - chrono::Duration::days(6)), Some(published)), DatePrecision::Week),
                90..=97 => {
                    let first = day - chrono::Duration::days(i64::from(chrono::Datelike::day0(&day)));
                    ((Some(first), Some(first + chrono::Duration::days(27))), DatePrecision::Month)
                }
                _ => ((None, None), DatePrecision::Unresolved),
            };
            let words: Vec<&str> = (0..6).map(|_| *rng.pick(FILLER)).collect();
            let toll = killed.map(|k| format!(", killing {k} people")).unwrap_or_default();
            let evidence = format!(
                "{} {} {} in {}{toll} after {} {} near the {}, {} said.",
                a.text, verb, r.text, place.1, words[0], words[1], words[2], words[3]
            );
            let start = text.chars().count();
            text.push_str(&evidence);
            text.push_str("\n\n");
            let lat = place.2 + (rng.unit() - 0.5) * 0.5;
            let lon = place.3 + (rng.unit() - 0.5) * 0.5;
            let modality = Modality {
                negated: rng.below(33) == 0,
                hypothetical: rng.below(33) == 0,
                future: false,
                hedged: rng.below(10) == 0,
            };
            list.push(Event {
                id: format!("ev-{:016x}", rng.next()),
                doc_id: doc_id.clone(),
                sentence_index: i,
                evidence_span: Span(start, start + evidence.chars().count()),
                trigger: Trigger { text: verb.split(' ').next().unwrap_or(verb).into(), span: Span(start, start + 1) },
                evidence,
                event_type,
                mode: None,
                cameo: Some(cameo.into()),
                acled: event_type.is_violent().then(|| Acled { event_type: "Battles".into(), sub_event_type: "Armed clash".into() }),
                actors: vec![a],
                recipients: vec![r],
                date: EventDate {
                    value: date.0.map(|d| match precision {
                        DatePrecision::Month => d.format("%Y-%m").to_string(),
                        _ => date_str(d),
                    }),
                    start: date.0.map(date_str),
                    end: date.1.map(date_str),
                    precision,
                    basis: if precision == DatePrecision::Unresolved { DateBasis::None } else { DateBasis::Text },
                    text: None,
                    span: None,
                },
                location: Some(Location {
                    name: place.1.into(),
                    geonameid: None,
                    lat: Some((lat * 1e4).round() / 1e4),
                    lon: Some((lon * 1e4).round() / 1e4),
                    country: Some(country.0.into()),
                    admin1: Some(place.0.into()),
                    precision: LocationPrecision::Town,
                    text: Some(place.1.into()),
                    span: None,
                }),
                casualties: Casualties {
                    killed: killed.map(|k| count(k, k.to_string(), Party::Recipient)),
                    injured: None,
                    arrested: arrested.map(|k| count(k, k.to_string(), Party::Recipient)),
                },
                weapons: vec![],
                reporters: vec![],
                modality,
                confidence: (0.3 + rng.unit() * 0.7) as f32,
                sitrep_version: SITREP_VERSION.into(),
            });
        }
        made += n;
        let mut doc = Document::from_text(doc_id, text);
        doc.title = Some(title);
        doc.publication_date = Some(date_str(published));
        doc.source = Some("Synthetic Wire".into());
        doc.url = Some(format!("https://synthetic.example/{doc_no}"));
        Some((doc, list))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn corpus_is_deterministic_and_has_the_asked_size() {
        let a: Vec<_> = super::corpus(500, 7).collect();
        let b: Vec<_> = super::corpus(500, 7).collect();
        assert_eq!(a.iter().map(|(_, e)| e.len()).sum::<usize>(), 500);
        assert_eq!(a.len(), b.len());
        assert_eq!(a[3].1, b[3].1);
        let types: std::collections::HashSet<_> = a.iter().flat_map(|(_, e)| e.iter().map(|x| x.event_type)).collect();
        assert!(types.len() >= 10, "{types:?}");
    }
}
