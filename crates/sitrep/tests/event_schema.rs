//! The data contract: every event the real binary prints validates against `docs/event-record.schema.json`, and the
//! schema is closed (every object `additionalProperties: false`, every field required), so a field added to or
//! dropped from the record without a schema update fails here.

mod common;

use std::collections::BTreeSet;

use common::{examples, json_lines, sitrep, sitrep_stdin, stderr};
use jsonschema::Validator;
use serde_json::{json, Value};
use sitrep_model::{DateBasis, DatePrecision, EventType, InputKind, LocationPrecision, Party, WeaponClass};

fn schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/event-record.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// A validator for the schema's root (one event), or for one of its `$defs` (e.g. `document`).
fn validator(def: Option<&str>) -> Validator {
    let mut schema = schema();
    if let Some(def) = def {
        schema["$ref"] = json!(format!("#/$defs/{def}"));
    }
    jsonschema::draft202012::options().should_validate_formats(true).build(&schema).expect("the schema compiles")
}

/// Every way `instance` breaks the schema, each with where.
fn problems(validator: &Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn bundle() -> String {
    examples().join("articles.jsonl").to_str().expect("utf-8 path").to_string()
}

fn example_events() -> Vec<Value> {
    let out = sitrep(&["extract", "--format", "jsonl", &bundle()]);
    assert!(out.status.success(), "sitrep failed: {}", stderr(&out));
    let events = json_lines(&out);
    assert!(events.len() >= 20, "expected the examples to give events, got {}", events.len());
    events
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("docs/event-record.schema.json is not a valid 2020-12 schema: {}: {e}", e.instance_path());
    }
}

#[test]
fn every_example_event_matches_the_schema() {
    let validator = validator(None);
    let mut failures = Vec::new();
    for event in example_events() {
        for p in problems(&validator, &event) {
            failures.push(format!("{} ({}): {p}", event["id"], event["doc_id"]));
        }
    }
    assert!(failures.is_empty(), "events that break docs/event-record.schema.json:\n{}", failures.join("\n"));
}

#[test]
fn documents_match_the_schema_with_and_without_a_publication_date() {
    let validator = validator(Some("document"));
    let mut docs = common::documents(&[&bundle()]);
    // no publication date: dates stay unresolved (basis none), nothing to fall back on
    let out = sitrep_stdin(
        &["extract", "--emit", "documents", "--format", "jsonl"],
        b"Gunmen attacked a village on Tuesday, killing more than 100 people, police said. No arrests were made.",
    );
    assert!(out.status.success(), "sitrep failed: {}", stderr(&out));
    let undated = json_lines(&out);
    assert_eq!(undated[0]["events"][0]["date"]["basis"], "none");
    docs.extend(undated);
    let mut failures = Vec::new();
    for doc in &docs {
        for p in problems(&validator, doc) {
            failures.push(format!("{}: {p}", doc["id"]));
        }
    }
    assert!(failures.is_empty(), "documents that break the schema's #/$defs/document:\n{}", failures.join("\n"));
}

/// JSON pointers of every object inside `value` (the root included).
fn object_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            out.push(at.clone());
            for (k, v) in map {
                object_pointers(v, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                object_pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn a_field_added_or_dropped_anywhere_in_an_event_is_rejected() {
    let validator = validator(None);
    // the event with the most nested objects: actors, a located, dated count with several claims
    let event = example_events()
        .into_iter()
        .max_by_key(|e| {
            let mut v = Vec::new();
            object_pointers(e, String::new(), &mut v);
            v.len()
        })
        .expect("an event");
    let mut pointers = Vec::new();
    object_pointers(&event, String::new(), &mut pointers);
    assert!(pointers.len() >= 10, "{pointers:?}");
    for at in &pointers {
        let mut added = event.clone();
        added.pointer_mut(at).and_then(Value::as_object_mut).expect("an object").insert("new_field".into(), json!(1));
        assert!(!validator.is_valid(&added), "a new field at {at:?} passes the schema: close that object");
        let keys: Vec<String> =
            event.pointer(at).and_then(Value::as_object).expect("an object").keys().cloned().collect();
        for key in keys {
            let mut dropped = event.clone();
            dropped.pointer_mut(at).and_then(Value::as_object_mut).expect("an object").remove(&key);
            assert!(!validator.is_valid(&dropped), "dropping {at}/{key} passes the schema: list it in `required`");
        }
    }
}

/// Walks the schema: every object schema must be closed and (except the document's optional `part` and `warnings`)
/// require every property it lists, since sitrep always serialises every field.
fn check_closed(schema: &Value, at: &str, failures: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                if map.get("additionalProperties") != Some(&Value::Bool(false)) {
                    failures.push(format!("{at}: additionalProperties is not false"));
                }
                let required: BTreeSet<&str> = map
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let optional: &[&str] = if at == "/$defs/document" { &["part", "warnings"] } else { &[] };
                for key in props.keys().filter(|k| !optional.contains(&k.as_str())) {
                    if !required.contains(key.as_str()) {
                        failures.push(format!("{at}: property {key:?} is not required"));
                    }
                }
            }
            for (k, v) in map {
                check_closed(v, &format!("{at}/{k}"), failures);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_closed(v, &format!("{at}/{i}"), failures);
            }
        }
        _ => {}
    }
}

#[test]
fn every_object_in_the_schema_is_closed() {
    let mut failures = Vec::new();
    check_closed(&schema(), "", &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The serialised names of every variant of a model enum. The match is exhaustive, so adding a variant to the
/// model stops this test compiling until it is listed here (and, by the assertion, in the schema).
macro_rules! variant_names {
    ($ty:ident: $($variant:ident),+ $(,)?) => {{
        let all = [$($ty::$variant),+];
        all.iter().for_each(|v| match v { $($ty::$variant)|+ => {} });
        all.iter()
            .map(|v| serde_json::to_value(v).expect("serialises").as_str().expect("a string").to_string())
            .collect::<Vec<String>>()
    }};
}

fn schema_enum(schema: &Value, pointer: &str) -> Vec<String> {
    schema
        .pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no enum at {pointer}"))
        .iter()
        .map(|v| v.as_str().expect("string enum").to_string())
        .collect()
}

#[test]
fn schema_enums_list_exactly_the_model_variants() {
    let schema = schema();
    let event_types = variant_names!(EventType: Agree, Consult, Support, Concede, Cooperate, Aid, Retreat, Request,
        Accuse, Reject, Threaten, Protest, Mobilize, Sanction, Coerce, Assault);
    assert_eq!(event_types.len(), EventType::ALL.len());
    let cases = [
        ("/$defs/event_type/enum", event_types),
        ("/$defs/date/properties/precision/enum", variant_names!(DatePrecision: Day, Week, Month, Year, Unresolved)),
        ("/$defs/date/properties/basis/enum", variant_names!(DateBasis: Text, Publication, None)),
        (
            "/$defs/location/properties/precision/enum",
            variant_names!(LocationPrecision: Exact, Town, Admin2, Admin1, Country, Unresolved),
        ),
        ("/$defs/party/enum", variant_names!(Party: Actor, Recipient, Civilians, Unknown)),
        (
            "/$defs/weapon_class/enum",
            variant_names!(WeaponClass: Aircraft, Drone, Artillery, Armor, SmallArms, Explosive, Missile, Naval,
                Chemical, Other),
        ),
        ("/$defs/document/properties/input/enum", variant_names!(InputKind: Text, Html, Jsonl, Feed)),
    ];
    for (pointer, model) in cases {
        assert_eq!(schema_enum(&schema, pointer), model, "{pointer} differs from the model");
    }
}
