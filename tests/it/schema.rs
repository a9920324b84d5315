//! The committed JSON Schema matches the types, and an independent validator accepts every
//! map and every canonical export against it.

use argumap::format::json;

use crate::support::{assert_golden, maps, root, validate_with_jsonschema};

#[test]
fn committed_schema_matches_the_types() {
    let mut text = serde_json::to_string_pretty(&json::schema()).unwrap();
    text.push('\n');
    assert_golden("schema/argumap-1.schema.json", &text);
}

#[test]
fn maps_and_exports_validate_against_the_schema() {
    let mut docs = Vec::new();
    for path in maps() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let map = json::from_str(&text).unwrap().map;
        docs.push((format!("canonical-{name}"), json::to_string(&map)));
        docs.push((name, text));
    }
    let Some(complaints) = validate_with_jsonschema(&docs) else {
        return;
    };
    assert_eq!(complaints, "", "schema validation failed");
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let bad = [
        (
            "unknown-field.json",
            r#"{"argumap": 1, "title": "t", "claims": [{"id": "a", "text": "A", "supprts": []}]}"#,
        ),
        (
            "bad-id.json",
            r#"{"argumap": 1, "title": "t", "claims": [{"id": "a b", "text": "A"}]}"#,
        ),
        ("version.json", r#"{"argumap": 2, "title": "t"}"#),
        (
            "kind.json",
            r#"{"argumap": 1, "title": "t", "actors": [{"id": "a", "name": "A", "kind": "alien"}]}"#,
        ),
    ];
    let docs: Vec<(String, String)> = bad
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for (_, text) in &docs {
        assert!(json::from_str(text).is_err(), "loader accepted {text}");
    }
    let Some(complaints) = validate_with_jsonschema(&docs) else {
        return;
    };
    for (name, _) in &docs {
        assert!(
            complaints.contains(name.as_str()),
            "schema accepted {name}:\n{complaints}"
        );
    }
    let _ = root;
}

/// Every field of the schema has a description and an example, so an editor that reads the
/// schema can say what to write; a map that names the schema with `$schema` is a clean map.
#[test]
fn every_field_has_a_description_and_an_example_and_schema_is_accepted() {
    let schema = argumap::format::json::schema();
    let mut missing = Vec::new();
    let mut check = |def: &str, object: &serde_json::Value| {
        for (field, value) in object["properties"].as_object().into_iter().flatten() {
            if value.get("description").is_none() || value.get("examples").is_none() {
                missing.push(format!("{def}.{field}"));
            }
        }
    };
    check("map", &schema);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        check(name, def);
    }
    assert!(missing.is_empty(), "no description or example: {missing:?}");
    let text = r#"{"$schema": "../schema/argumap-1.schema.json", "argumap": 1, "title": "T",
        "claims": [{"id": "a", "text": "A"}]}"#;
    let loaded = argumap::format::json::from_str(text).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let saved = argumap::format::json::to_string(&loaded.map);
    assert!(
        saved.starts_with(
            "{\n  \"$schema\": \"../schema/argumap-1.schema.json\",\n  \"argumap\": 1,"
        ),
        "{saved}"
    );
}
