//! Broken maps fail at the lines and columns a person would point at, all problems at once.

use argumap::format::json;

use crate::support::root;

/// Loads a broken map and returns its errors as `line:col: message`.
fn errors(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root(&format!("tests/broken/{name}"))).unwrap();
    let err = json::from_str(&text).expect_err("a broken map must not load");
    err.errors()
        .map(|d| {
            let at = d.location.expect("every error has a place");
            format!("{}:{}: {}", at.line, at.column, d.message)
        })
        .collect()
}

#[test]
fn three_mistakes_are_all_named() {
    assert_eq!(
        errors("three-mistakes.json"),
        [
            "9:70: unknown field `supprts` in a claim",
            "10:76: no element has the id `police-blockd`",
            "11:12: the id `pause-encryption` is used twice",
        ]
    );
}

#[test]
fn hints_point_at_the_fix() {
    let text = std::fs::read_to_string(root("tests/broken/three-mistakes.json")).unwrap();
    let hints: Vec<String> = json::from_str(&text)
        .unwrap_err()
        .errors()
        .map(|d| d.hint.clone().unwrap_or_default())
        .collect();
    assert_eq!(hints[0], "did you mean `supports`?");
    assert_eq!(hints[1], "did you mean `police-blocked`?");
    assert!(hints[2].contains("first defined at line 8"), "{}", hints[2]);
}

#[test]
fn invalid_json_is_reported_where_it_breaks() {
    assert_eq!(
        errors("not-json.json"),
        ["5:29: trailing comma is not allowed in JSON"]
    );
}

#[test]
fn a_wrong_version_is_refused() {
    assert_eq!(
        errors("wrong-version.json"),
        ["2:14: this file is format version 2, but this argumap reads version 1"]
    );
}

#[test]
fn columns_count_characters_on_non_ascii_lines() {
    // `"thé"` stands at byte 80 of its line but character 76: columns count characters.
    let line = std::fs::read_to_string(root("tests/broken/non-ascii.json"))
        .unwrap()
        .lines()
        .nth(4)
        .unwrap()
        .to_owned();
    let byte = line.find("\"thé\"").unwrap();
    let chars = line[..byte].chars().count();
    assert!(byte > chars);
    assert_eq!(
        errors("non-ascii.json"),
        [
            format!("5:{}: no element has the id `thé`", chars + 1),
            "6:12: `café` is not a valid id: an id cannot contain 'é'".to_owned(),
        ]
    );
}

#[test]
fn wrong_kinds_and_types_are_each_reported() {
    let text = std::fs::read_to_string(root("tests/broken/wrong-kinds.json")).unwrap();
    let hints: Vec<String> = json::from_str(&text)
        .unwrap_err()
        .errors()
        .filter_map(|d| d.hint.clone())
        .collect();
    assert_eq!(
        hints,
        [
            "did you mean `person`?",
            "name one of the \"actors\" here",
            "name one of the \"arguments\" here",
            "write a list in brackets, even for one id: [\"a\"]",
            "did you mean `supports`?",
        ]
    );
    assert_eq!(
        errors("wrong-kinds.json"),
        [
            "5:51: `persn` is not a kind argumap knows",
            "7:37: `notes` is a source, but an actor is needed here",
            "8:44: `a` is a claim, but an argument (an undercut attacks an inference) is needed here",
            "9:41: `supports` in a claim must be a list, not string \"a\"",
            "12:38: `suports` is not a kind argumap knows",
        ]
    );
}

#[test]
fn messages_name_each_kind_of_element_with_its_article() {
    let text = r#"{"argumap": 1, "title": "T", "actors": [{"id": "a", "name": "A"}],
        "arguments": [{"id": "x", "bogus": 1}], "claims": [{"id": "c", "text": "C"}],
        "sides": [{"id": "s", "name": "S", "actors": ["c"]}]}"#;
    let err = json::from_str(text).expect_err("a broken map must not load");
    let messages: Vec<&str> = err.errors().map(|d| d.message.as_str()).collect();
    assert!(
        messages.contains(&"an actor needs a `kind`"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"unknown field `bogus` in an argument"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"`c` is a claim, but a side lists actors"),
        "{messages:?}"
    );
    let err = argumap::format::argdown::from_str("<Unclosed: text\n").unwrap_err();
    assert_eq!(
        err.diagnostics[0].message,
        "unclosed < in an argument title"
    );
}

#[test]
fn sides_and_vias_are_checked_at_their_place() {
    let text = r#"{"argumap": 1, "title": "T",
  "sources": [{"id": "letter", "title": "L", "via": "lettre"}, {"id": "art", "title": "A", "via": "c"}],
  "actors": [{"id": "a", "name": "A", "kind": "person"}],
  "claims": [{"id": "c", "text": "C", "by": ["a"], "source": "art"}],
  "sides": [{"id": "p", "name": "P", "actors": ["a"]}, {"id": "o", "name": "", "actors": ["a"]}]}"#;
    let err = json::from_str(text).expect_err("a broken map must not load");
    let found: Vec<String> = err
        .errors()
        .map(|d| {
            let at = d.location.unwrap();
            format!("{}:{}: {}", at.line, at.column, d.message)
        })
        .collect();
    assert_eq!(
        found,
        [
            "2:53: no element has the id `lettre`",
            "2:99: `c` is a claim, but `via` must name another source",
            "5:76: the side `o` has an empty name",
            "5:91: the actor `a` is already on the side `p`",
        ]
    );
}

/// Each problem carries a stable code, where it ends, and for a "did you mean" hint the
/// edit that makes it; every code is in the documentation's one table.
#[test]
fn diagnostics_carry_a_code_an_end_and_a_fix() {
    use argumap::diagnostic::Code;
    let text = r#"{"argumap": 1, "title": "T",
  "claims": [
    {"id": "motion", "text": "M"},
    {"id": "tired", "text": "T", "suports": ["motion"]},
    {"id": "practice", "text": "P", "rebuts": ["tird"]}
  ]
}"#;
    let err = json::from_str(text).expect_err("a broken map must not load");
    let found: Vec<(Code, String, String, Option<String>)> = err
        .errors()
        .map(|d| {
            let (at, end) = (d.location.unwrap(), d.end.unwrap());
            let fix = d.fix.as_ref().map(|f| {
                assert_eq!(
                    (f.start, f.end),
                    (at, end),
                    "the fix replaces what is underlined"
                );
                f.replacement.clone()
            });
            (d.code, at.to_string(), end.to_string(), fix)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Code::UnknownField,
                "4:34".to_owned(),
                "4:43".to_owned(),
                Some("\"supports\"".to_owned())
            ),
            (
                Code::UnknownId,
                "5:48".to_owned(),
                "5:54".to_owned(),
                Some("\"tired\"".to_owned())
            ),
        ]
    );
    let first = err.errors().next().unwrap();
    assert_eq!(
        first.to_string(),
        "4:34: error[unknown-field]: unknown field `suports` in a claim (did you mean `supports`?)"
    );
    let doc = std::fs::read_to_string(root("docs/diagnostics.md")).unwrap();
    for code in Code::ALL {
        assert!(
            doc.contains(&format!("| `{code}` |")),
            "docs/diagnostics.md does not list `{code}`"
        );
        assert_eq!(Code::from_name(code.as_str()), Some(code));
    }
    let listed = doc.lines().filter(|l| l.starts_with("| `")).count();
    let fields = 7;
    assert_eq!(
        listed,
        Code::ALL.len() + fields,
        "one row per code and per field"
    );
    // Lints carry their own codes.
    let lonely = r#"{"argumap": 1, "title": "T", "claims": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]}"#;
    let loaded = json::from_str(lonely).unwrap();
    assert!(loaded.warnings.iter().all(|w| w.code == Code::Unconnected));
}
