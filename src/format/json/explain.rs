//! Hints: serde's messages and the model's refusals turned into what a person can act on.

use super::*;

/// "a claim", "an actor", "an argument".
pub(super) fn with_article(word: &str) -> String {
    let vowel = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if vowel { "an" } else { "a" })
}

pub(super) fn is_claim_or_argument(map: &Map, ix: NodeIndex) -> bool {
    matches!(map.graph()[ix], Element::Claim(_) | Element::Argument(_))
}

/// Where the elements a reference may name are listed: `name one of the "actors"`.
pub(super) fn kind_hint(expected: &[ElementKind]) -> String {
    let lists: Vec<String> = expected
        .iter()
        .map(|k| {
            let list = match k {
                ElementKind::Claim => "claims",
                ElementKind::Argument => "arguments",
                ElementKind::Actor => "actors",
                ElementKind::Source => "sources",
                _ => "groups",
            };
            format!("\"{list}\"")
        })
        .collect();
    format!("name one of the {} here", lists.join(" or "))
}

pub(super) fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names between backticks in a serde message, in order.
pub(super) fn quoted_names(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// Turns serde's messages into a sentence and a hint for a person.
/// The name of the field whose value stands at `span`, searching nested objects.
pub(super) fn key_of(v: &Spanned<Value>, span: Span) -> Option<&str> {
    let mut stack = vec![v];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Object(fields) => {
                for (k, field) in fields {
                    if field.span == span {
                        return Some(&k.value);
                    }
                    stack.push(field);
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    None
}

/// English words a writer types for a kind (`rebuttal` for `rebuts`), suggested as a typo of
/// it would be, when that kind is one of those allowed there.
const WORDS: &[(&str, &str)] = &[
    ("rebuttal", "rebuts"),
    ("rebut", "rebuts"),
    ("attack", "rebuts"),
    ("attacks", "rebuts"),
    ("objection", "rebuts"),
    ("objects", "rebuts"),
    ("against", "rebuts"),
    ("support", "supports"),
    ("supporting", "supports"),
    ("reason", "supports"),
    ("for", "supports"),
    ("undercut", "undercuts"),
    ("undercutting", "undercuts"),
    ("contradiction", "contradicts"),
    ("contradict", "contradicts"),
    ("conflict", "contradicts"),
    ("conflicts", "contradicts"),
    ("rephrase", "rephrases"),
    ("restates", "rephrases"),
    ("paraphrase", "rephrases"),
    ("paraphrases", "rephrases"),
    ("premises", "premise"),
    ("conclusions", "conclusion"),
    ("assert", "asserts"),
    ("says", "asserts"),
    ("deny", "denies"),
    ("denial", "denies"),
    ("rejects", "denies"),
    ("endorse", "endorses"),
    ("agrees", "endorses"),
];

/// The hint for a name that is none of those serde expected (`names` after the first, which
/// is the name given): "did you mean" the nearest, or else `lead` and every name allowed.
fn near_or_listed(given: &str, names: &[&str], lead: &str) -> String {
    let allowed = names.get(1..).unwrap_or_default();
    let word = given.trim().to_lowercase();
    let meant = WORDS
        .iter()
        .find(|(w, kind)| *w == word && allowed.contains(kind))
        .map(|(_, kind)| *kind);
    match meant.or_else(|| did_you_mean(given, allowed.iter().copied())) {
        Some(near) => format!("did you mean `{near}`?"),
        None => {
            let listed: Vec<String> = allowed.iter().map(|n| format!("`{n}`")).collect();
            format!("{lead} {}", listed.join(", "))
        }
    }
}

/// Turns serde's messages into a sentence and a hint for a person. `key` names the field
/// whose value is wrong, when known.
pub(super) fn explain(message: &str, what: &str, key: Option<&str>) -> (String, Option<String>) {
    let names = quoted_names(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = names.first().copied().unwrap_or(rest);
        let hint = near_or_listed(field, &names, &format!("{what} may have"));
        return (format!("unknown field `{field}` in {what}"), Some(hint));
    }
    if message.starts_with("unknown variant ") {
        let word = names.first().copied().unwrap_or("");
        let hint = near_or_listed(word, &names, "use one of");
        return (format!("`{word}` is not a kind argumap knows"), Some(hint));
    }
    if message.starts_with("missing field ") {
        let field = names.first().copied().unwrap_or("?");
        return (
            format!("{what} needs a `{field}`"),
            Some(format!("add \"{field}\": ... to this object")),
        );
    }
    if let Some((found, _)) = message
        .strip_prefix("invalid type: ")
        .and_then(|m| m.split_once(", expected struct "))
    {
        return (
            format!("{what} must be an object {{...}}, not {found}"),
            Some(
                "write each element as an object with its fields, e.g. {\"id\": \"...\", ...}"
                    .into(),
            ),
        );
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|m| m.split_once(", expected "))
    {
        // The writer's own text where there is some (`"barr"` → `["barr"]`).
        let in_brackets = found
            .strip_prefix("string ")
            .map_or_else(|| "[\"...\"]".to_owned(), |text| format!("[{text}]"));
        let (wanted, hint) = match expected {
            "a sequence" => (
                "a list",
                Some(format!(
                    "write a list in brackets, even for one id: {in_brackets}"
                )),
            ),
            "a string" => ("text", Some("write text in double quotes".to_owned())),
            "a map" => (
                "an object",
                Some("write an object in braces: {\"key\": ...}".to_owned()),
            ),
            other => (other, None),
        };
        let subject = key.map_or_else(|| "a value".to_owned(), |k| format!("`{k}`"));
        let found = match found {
            "sequence" => "a list",
            "map" => "an object",
            other => other,
        };
        return (
            format!("{subject} in {what} must be {wanted}, not {found}"),
            hint,
        );
    }
    (format!("{message} (in {what})"), None)
}
