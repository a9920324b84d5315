//! Helpers every reader of a foreign format shares: where an element came from, what of the
//! format the model keeps in `ext`, a short title for a long text, and the few ways of
//! looking into a located JSON value (AIF, SADFace). Fresh ids come from
//! [`IdPool`](crate::model::IdPool).

use std::borrow::Cow;

use serde_json::{Map as JsonMap, Value as Json};

use crate::format::spanned::{Spanned, Value};
use crate::model::Origin;

/// Where an element came from: the format's short name and the element's id there.
pub(crate) fn origin(format: &str, id: &str) -> Origin {
    Origin {
        format: format.to_owned(),
        id: id.to_owned(),
    }
}

/// Extension data with one key, the format's short name, holding what the model has no
/// place for.
pub(crate) fn ext_under(key: &str, value: Json) -> JsonMap<String, Json> {
    let mut ext = JsonMap::new();
    ext.insert(key.to_owned(), value);
    ext
}

/// A short title for a text: its first line, cut at 80 characters.
pub(crate) fn title_of(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() <= 80 {
        return line.to_owned();
    }
    let cut: String = line.chars().take(79).collect();
    format!("{}…", cut.trim_end())
}

/// The value of the first member of an object with this key.
pub(crate) fn field<'v>(v: &'v Spanned<Value>, key: &str) -> Option<&'v Spanned<Value>> {
    match &v.value {
        Value::Object(members) => members.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
        _ => None,
    }
}

/// The text of a string value.
pub(crate) fn str_of(v: Option<&Spanned<Value>>) -> Option<&str> {
    match v.map(|v| &v.value) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// A foreign id as a string: `7` and `"7"` are the same id; a blank string is none.
pub(crate) fn id_of(v: &Spanned<Value>) -> Option<Cow<'_, str>> {
    match &v.value {
        Value::String(s) if !s.trim().is_empty() => Some(Cow::Borrowed(s.trim())),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        _ => None,
    }
}

/// Which of an object's members with the same key a plain JSON value keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeated {
    /// The first, as SADFace readers do.
    First,
    /// The last, as serde_json (and so the fast AIF path) does.
    Last,
}

/// A located value as plain JSON (nesting is bounded by the parser's depth limit).
pub(crate) fn to_json(v: &Spanned<Value>, repeated: Repeated) -> Json {
    match &v.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(n.clone()),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(|v| to_json(v, repeated)).collect()),
        Value::Object(members) => {
            let mut out = JsonMap::new();
            for (k, v) in members {
                if repeated == Repeated::Last || !out.contains_key(&k.value) {
                    out.insert(k.value.clone(), to_json(v, repeated));
                }
            }
            Json::Object(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_first_lines_cut_at_80_characters() {
        assert_eq!(title_of("  One line\nand more"), "One line");
        let long = "é".repeat(100);
        let title = title_of(&long);
        assert_eq!(title.chars().count(), 80);
        assert!(title.ends_with('…'));
        assert_eq!(title_of(""), "");
    }
}
