//! `sitrep timex` and `sitrep geocode`: one JSON object per document, spans pointing at the text they name.

mod common;

use common::{json_lines, sitrep_stdin, slice};

#[test]
fn timex_lists_resolved_expressions_with_spans() {
    let text = "Police said on Tuesday that 40 people were arrested last week; talks will resume next month.";
    let out = sitrep_stdin(&["timex", "--pub-date", "2024-05-02"], text.as_bytes());
    assert!(out.status.success());
    let docs = json_lines(&out);
    let timexes = docs[0]["timexes"].as_array().unwrap();
    let values: Vec<&str> = timexes.iter().map(|t| t["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["2024-04-30", "2024-W17", "2024-06"]);
    for t in timexes {
        assert_eq!(slice(text, &t["span"]), t["text"].as_str().unwrap());
        assert_eq!(t["type"], "DATE");
    }
}

#[test]
fn geocode_resolves_transliterated_spellings_to_one_place() {
    let text = "Clashes near Deir ez-Zor spread to Deir al-Zor city and the Dayr az Zawr countryside in Syria.";
    let out = sitrep_stdin(&["geocode"], text.as_bytes());
    assert!(out.status.success());
    let places = json_lines(&out)[0]["places"].as_array().unwrap().clone();
    let ids: Vec<u64> = places.iter().filter(|p| p["country"] == "SYR" && !p["geonameid"].is_null()).map(|p| p["geonameid"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), 3, "{places:?}");
    assert!(ids.iter().all(|id| *id == ids[0]), "the three spellings resolved differently: {ids:?}");
    for p in &places {
        assert_eq!(slice(text, &p["span"]), p["text"].as_str().unwrap());
    }
}
