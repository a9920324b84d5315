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
