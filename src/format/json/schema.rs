//! The JSON Schema of the map file, generated from the file types, with an example for
//! every field.

use super::*;

/// The JSON Schema of the map file (draft 2020-12), generated from the types, with an
/// example for every field (from the encryption map where it has one), so an editor that
/// reads the schema shows what to write.
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(MapFile).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), SCHEMA_ID.into());
        add_examples(obj, "");
        if let Some(serde_json::Value::Object(defs)) = obj.get_mut("$defs") {
            for (name, def) in defs.iter_mut() {
                if let Some(def) = def.as_object_mut() {
                    add_examples(def, name);
                }
            }
        }
    }
    schema
}

/// An example of each field, by the definition it is in (`""` for the map itself) and its
/// name; `"*"` stands for any definition that has no example of its own.
pub(super) const EXAMPLES: &[(&str, &str, &str)] = &[
    ("", "$schema", r#""argumap-1.schema.json""#),
    ("", "argumap", "1"),
    (
        "",
        "title",
        r#""Governments vs Facebook on encryption (2019)""#,
    ),
    (
        "",
        "description",
        r#""Mapped from Dhir Acharya's article of 4 October 2019.""#,
    ),
    (
        "",
        "sources",
        r#"[{"id": "article", "title": "Facebook Alledged Of Helping Child Predators By Governments"}]"#,
    ),
    (
        "",
        "actors",
        r#"[{"id": "facebook", "name": "Facebook", "kind": "organisation"}]"#,
    ),
    (
        "",
        "claims",
        r#"[{"id": "police-blocked", "text": "Full encryption would block the police from solving cases.", "by": ["barr"]}]"#,
    ),
    (
        "",
        "arguments",
        r#"[{"id": "evidence-argument", "premises": ["ncmec-reports", "evidence-lost"], "conclusion": "police-blocked"}]"#,
    ),
    (
        "",
        "relations",
        r#"[{"from": "lawful-access", "to": "pause-encryption", "kind": "supports", "source": "article"}]"#,
    ),
    (
        "",
        "stances",
        r#"[{"actor": "opposition", "target": "motion", "kind": "denies"}]"#,
    ),
    (
        "",
        "groups",
        r#"[{"id": "facebook-response", "title": "Facebook's position", "members": ["fb-encrypts"]}]"#,
    ),
    (
        "",
        "sides",
        r#"[{"id": "opposition-side", "name": "Opposition", "actors": ["opposition"]}]"#,
    ),
    ("", "ext", r#"{"color": "blue"}"#),
    ("Source", "id", r#""article""#),
    ("Source", "kind", r#""letter""#),
    (
        "Source",
        "title",
        r#""Facebook Alledged Of Helping Child Predators By Governments""#,
    ),
    ("Source", "author", r#""Dhir Acharya""#),
    ("Source", "publisher", r#""The Daily News""#),
    ("Source", "url", r#""https://example.org/article""#),
    ("Source", "via", r#""article""#),
    ("Actor", "id", r#""barr""#),
    ("Actor", "name", r#""William Barr""#),
    ("Actor", "kind", r#""person""#),
    ("Actor", "role", r#""US Attorney General""#),
    ("Actor", "member_of", r#"["us-government"]"#),
    ("Actor", "speaks_for", r#"["us-government"]"#),
    ("Claim", "id", r#""police-blocked""#),
    (
        "Claim",
        "text",
        r#""Full encryption on Messenger would block the police from solving cases.""#,
    ),
    ("Claim", "title", r#""Encryption would block police""#),
    ("Claim", "kind", r#""framing""#),
    ("Argument", "id", r#""evidence-argument""#),
    (
        "Argument",
        "text",
        r#""Only together do these show that encryption would block the police.""#,
    ),
    ("Argument", "title", r#""Lost evidence would block police""#),
    (
        "Argument",
        "premises",
        r#"["ncmec-reports", "evidence-lost"]"#,
    ),
    ("Argument", "conclusion", r#""police-blocked""#),
    ("Relation", "from", r#""lawful-access""#),
    ("Relation", "to", r#""pause-encryption""#),
    ("Relation", "kind", r#""supports""#),
    ("Stance", "actor", r#""opposition""#),
    ("Stance", "target", r#""motion""#),
    ("Stance", "kind", r#""denies""#),
    ("Group", "id", r#""facebook-response""#),
    ("Group", "title", r#""Facebook's position""#),
    ("Group", "members", r#"["fb-encrypts", "fb-precautions"]"#),
    ("Group", "parent", r#""the-case""#),
    ("Side", "id", r#""opposition-side""#),
    ("Side", "name", r#""Opposition""#),
    ("Side", "actors", r#"["opposition"]"#),
    ("Origin", "format", r#""aif""#),
    ("Origin", "id", r#""12""#),
    ("*", "by", r#"["dutton", "patel"]"#),
    ("*", "source", r#""article""#),
    (
        "*",
        "quote",
        r#""Facebook will now go against governments on encryption.""#,
    ),
    ("*", "date", r#""2019-10-04""#),
    ("*", "supports", r#"["pause-encryption"]"#),
    ("*", "rebuts", r#"["police-blocked"]"#),
    ("*", "undercuts", r#"["evidence-argument"]"#),
    ("*", "contradicts", r#"["pause-encryption"]"#),
    ("*", "tags", r#"["framing"]"#),
    ("*", "origin", r#"{"format": "aif", "id": "12"}"#),
    ("*", "ext", r#"{"base_score": 0.7}"#),
    (
        "*",
        "note",
        r#""The article's paraphrase; the letter's text is missing.""#,
    ),
    (
        "*",
        "silent",
        r#""The article announces Facebook's statement and prints none of it.""#,
    ),
];

/// Adds to each property of one definition its example from [`EXAMPLES`].
pub(super) fn add_examples(def: &mut serde_json::Map<String, serde_json::Value>, name: &str) {
    let Some(serde_json::Value::Object(props)) = def.get_mut("properties") else {
        return;
    };
    for (field, schema) in props.iter_mut() {
        let example = EXAMPLES
            .iter()
            .find(|(d, f, _)| *d == name && f == field)
            .or_else(|| EXAMPLES.iter().find(|(d, f, _)| *d == "*" && f == field));
        if let (Some((_, _, example)), Some(schema)) = (example, schema.as_object_mut()) {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(example) {
                schema.insert("examples".into(), serde_json::Value::Array(vec![value]));
            }
        }
    }
}

/// The schema's `$id`: names the format and its version.
pub const SCHEMA_ID: &str = "urn:argumap:map-file:1";
