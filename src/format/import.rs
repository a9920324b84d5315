//! Helpers every reader of a foreign format shares: where an element came from, what of the
//! format the model keeps in `ext`, a short title for a long text, and the few ways of
//! looking into a located JSON value (AIF, SADFace). Fresh ids come from
//! [`IdPool`](crate::model::IdPool).

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map as JsonMap, Value as Json};

use crate::diagnostic::Span;
use crate::format::spanned::{Spanned, Value};
use crate::model::{Id, Origin};

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

/// How the writer of a foreign file named each element, and where: what a message about a
/// map element says instead of the id the reader made (`[Poor vote less]`, not
/// `poor-vote-less`), and where it points.
#[derive(Clone, Debug, Default)]
pub(crate) struct Names {
    by_id: HashMap<String, (String, Span)>,
}

impl Names {
    /// Records how an element was named and where; the first record of an id stands.
    pub(crate) fn insert(&mut self, id: &Id, name: String, span: Span) {
        self.by_id
            .entry(id.as_str().to_owned())
            .or_insert((name, span));
    }

    /// Where the element with this id was named.
    pub(crate) fn span(&self, id: &str) -> Option<Span> {
        self.by_id.get(id).map(|(_, span)| span).copied()
    }

    /// A message with each `` `id` `` of a named element put as its writer named it.
    /// Linear in the message.
    pub(crate) fn rename(&self, message: &str) -> String {
        let mut out = String::with_capacity(message.len());
        let mut rest = message;
        while let Some(open) = rest.find('`') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('`') else {
                break;
            };
            out.push_str(&rest[..open]);
            match self.by_id.get(&after[..close]) {
                Some((name, _)) => out.push_str(name),
                None => {
                    // Not an id: keep it, and look for the next one after its closing mark.
                    out.push_str(&rest[open..open + close + 1]);
                    rest = &after[close..];
                    continue;
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
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

    #[test]
    fn names_replace_only_the_ids_they_know() {
        let mut names = Names::default();
        names.insert(
            &Id::new("poor-vote-less").unwrap(),
            "[Poor vote less]".into(),
            Span::new(3, 20),
        );
        assert_eq!(
            names.rename("nobody is said to have made the claim `poor-vote-less`"),
            "nobody is said to have made the claim [Poor vote less]"
        );
        assert_eq!(
            names.rename("`x` and `poor-vote-less`, `{` kept, `poor-vote-less`"),
            "`x` and [Poor vote less], `{` kept, [Poor vote less]"
        );
        assert_eq!(names.rename("a lone ` mark"), "a lone ` mark");
        assert_eq!(names.span("poor-vote-less"), Some(Span::new(3, 20)));
    }
}
