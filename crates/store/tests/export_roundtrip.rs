//! Every export format, read back with an ordinary reader (csv, serde_json, parquet/arrow), gives the stored
//! events: the same ids in the same order, types, dates, coordinates and counts.

mod common;

use std::collections::HashMap;

use arrow_array::{Array, Float64Array, StringArray, UInt64Array};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use sitrep_model::Event;
use sitrep_store::{export, EventQuery, Format, Store};

/// What each format must carry for each event.
#[derive(Debug, PartialEq)]
struct Key {
    id: String,
    event_type: String,
    date: String,
    lat: Option<f64>,
    lon: Option<f64>,
    killed: Option<u64>,
}

fn expected(events: &[Event]) -> Vec<Key> {
    events
        .iter()
        .map(|e| Key {
            id: e.id.clone(),
            event_type: e.event_type.as_str().to_string(),
            date: e.date.start.clone().unwrap_or_default(),
            lat: e.location.as_ref().and_then(|l| l.lat),
            lon: e.location.as_ref().and_then(|l| l.lon),
            killed: e.casualties.killed.as_ref().and_then(|k| k.primary.best),
        })
        .collect()
}

fn setup() -> (tempfile::TempDir, Store, Vec<Event>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("x.db").to_str().unwrap()).unwrap();
    for (d, e) in common::corpus() {
        store.write(&d, &e).unwrap();
    }
    store.commit().unwrap();
    let q = EventQuery { limit: 1000, ..Default::default() };
    let events = store.query(&q).unwrap().events;
    assert_eq!(events.len(), 6);
    (dir, store, events)
}

fn run(store: &mut Store, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    let n = export(store, &EventQuery { limit: 1, ..Default::default() }, format, &mut out).unwrap();
    assert_eq!(n, 6, "{format:?}: limit is ignored, every match is exported");
    out
}

fn num(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse().unwrap())
}

fn csv_rows(bytes: &[u8], delimiter: u8) -> Vec<HashMap<String, String>> {
    let mut r = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(bytes);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), header.len());
            header.iter().cloned().zip(rec.iter().map(str::to_string)).collect()
        })
        .collect()
}

#[test]
fn flat_csv_round_trips() {
    let (_d, mut store, events) = setup();
    let rows = csv_rows(&run(&mut store, Format::Csv), b',');
    let got: Vec<Key> = rows
        .iter()
        .map(|r| Key {
            id: r["id"].clone(),
            event_type: r["event_type"].clone(),
            date: r["date_start"].clone(),
            lat: num(&r["lat"]),
            lon: num(&r["lon"]),
            killed: num(&r["killed_best"]).map(|k| k as u64),
        })
        .collect();
    assert_eq!(got, expected(&events));
    assert_eq!(rows[3]["evidence"], events[3].evidence);
}

#[test]
fn plover_jsonl_round_trips() {
    let (_d, mut store, events) = setup();
    let text = String::from_utf8(run(&mut store, Format::PloverJsonl)).unwrap();
    let got: Vec<Key> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Key {
                id: v["sitrep_id"].as_str().unwrap().into(),
                event_type: v["event_type"].as_str().unwrap().into(),
                date: v["date_start"].as_str().unwrap_or_default().into(),
                lat: v["location"]["lat"].as_f64(),
                lon: v["location"]["lon"].as_f64(),
                killed: v["killed"]["best"].as_u64(),
            }
        })
        .collect();
    assert_eq!(got, expected(&events));
    let first: serde_json::Value = serde_json::from_str(text.lines().nth(3).unwrap()).unwrap();
    assert_eq!(first["actor"], "al-Shabaab");
    assert_eq!(first["recipient_code"], "SOMMIL");
    assert_eq!(first["evidence"]["url"], "https://news.example/d1");
}

#[test]
fn gdelt_tsv_round_trips() {
    let (_d, mut store, events) = setup();
    let rows = csv_rows(&run(&mut store, Format::GdeltTsv), b'\t');
    assert_eq!(rows[0].len(), 61);
    for (r, e) in rows.iter().zip(&events) {
        assert_eq!(r["GlobalEventID"], e.id);
        assert_eq!(r["Day"], e.date.start.clone().unwrap_or_default().replace('-', ""));
        assert_eq!(r["EventCode"], e.cameo.clone().unwrap());
        assert_eq!(r["EventRootCode"], "19");
        assert_eq!(r["QuadClass"], "4");
        assert_eq!(num(&r["ActionGeo_Lat"]), e.location.as_ref().unwrap().lat);
        assert_eq!(num(&r["ActionGeo_Long"]), e.location.as_ref().unwrap().lon);
        assert_eq!(r["Actor1Code"], e.actors[0].code.clone().unwrap_or_default());
        assert!(r["SOURCEURL"].starts_with("https://news.example/"));
        assert_eq!(r["GoldsteinScale"], "");
    }
}

#[test]
fn acled_csv_round_trips() {
    let (_d, mut store, events) = setup();
    let rows = csv_rows(&run(&mut store, Format::AcledCsv), b',');
    let got: Vec<Key> = rows
        .iter()
        .zip(&events)
        .map(|(r, e)| Key {
            id: r["event_id_cnty"].clone(),
            event_type: e.event_type.as_str().into(),
            date: r["event_date"].clone(),
            lat: num(&r["latitude"]),
            lon: num(&r["longitude"]),
            killed: num(&r["fatalities"]).map(|k| k as u64).filter(|&k| k > 0),
        })
        .collect();
    assert_eq!(got, expected(&events));
    assert_eq!(rows[3]["event_type"], "Battles");
    assert_eq!(rows[3]["disorder_type"], "Political violence");
    assert_eq!(rows[3]["actor2"], "Somalia");
    assert_eq!(rows[3]["inter2"], "State forces");
}

#[test]
fn parquet_round_trips() {
    let (dir, mut store, events) = setup();
    let path = dir.path().join("x.parquet");
    let n = export(&mut store, &EventQuery::default(), Format::Parquet, std::fs::File::create(&path).unwrap()).unwrap();
    assert_eq!(n, 6);
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap()).unwrap().build().unwrap();
    let mut got = Vec::new();
    for batch in reader {
        let b = batch.unwrap();
        let s = |name: &str| b.column_by_name(name).unwrap().as_any().downcast_ref::<StringArray>().unwrap().clone();
        let f = |name: &str| b.column_by_name(name).unwrap().as_any().downcast_ref::<Float64Array>().unwrap().clone();
        let (id, ty, date, lat, lon, json) = (s("id"), s("event_type"), s("date_start"), f("lat"), f("lon"), s("record_json"));
        let killed = b.column_by_name("killed").unwrap().as_any().downcast_ref::<UInt64Array>().unwrap().clone();
        for i in 0..b.num_rows() {
            got.push(Key {
                id: id.value(i).into(),
                event_type: ty.value(i).into(),
                date: if date.is_null(i) { String::new() } else { date.value(i).into() },
                lat: (!lat.is_null(i)).then(|| lat.value(i)),
                lon: (!lon.is_null(i)).then(|| lon.value(i)),
                killed: (!killed.is_null(i)).then(|| killed.value(i)),
            });
            let record: Event = serde_json::from_str(json.value(i)).unwrap();
            assert_eq!(record, events[got.len() - 1]);
        }
    }
    assert_eq!(got, expected(&events));
}

#[test]
fn filters_apply_to_exports() {
    let (_d, mut store, _) = setup();
    let mut out = Vec::new();
    let q = EventQuery { country: Some("SYR".into()), ..Default::default() };
    assert_eq!(export(&mut store, &q, Format::PloverJsonl, &mut out).unwrap(), 2);
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
    let bad = EventQuery { bbox: Some([f64::NAN; 4]), ..Default::default() };
    assert!(matches!(export(&mut store, &bad, Format::Csv, Vec::new()), Err(sitrep_store::StoreError::InvalidQuery(_))));
}
