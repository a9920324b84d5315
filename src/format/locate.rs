//! Where each id stands in a map's text: its definition and every reference to it, for the
//! surfaces that point into the file (the language server's go-to-definition, references,
//! rename and hover; the browser editor; Python's error messages).
//!
//! It reads our map file (through the JSON parser that keeps places) and Argdown (through
//! its lexer), and answers by id or by a place in the text. It needs only the text to be
//! well-formed in its syntax, not a valid map: an editor still finds an id's definition in a
//! file with an unknown reference elsewhere.
//!
//! Time: linear in the text (one parse, one walk), and each lookup is a hash probe or a
//! binary search.

use std::collections::HashMap;

use super::argdown::lex::{lex, Tok};
use super::spanned::{self, Spanned, Value};
use super::Format;
use crate::diagnostic::{LineIndex, Location, Span};
use crate::model::Id;

/// Whether an occurrence defines its id or refers to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// The element's own `id` (our map file), or its first `[title]:` / `<title>:`
    /// (Argdown).
    Definition,
    /// A reference: a relation's end, a `by`, a `source`, a group member, an Argdown
    /// `[title]` or `@[title]` after the definition.
    Reference,
}

/// One place where an id stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The id, as the map has it.
    pub id: String,
    /// Definition or reference.
    pub role: Role,
    /// The field it stands in (`id`, `supports`, `by`, `source`, `members`, ...; in
    /// Argdown `statement` or `argument`).
    pub field: &'static str,
    /// The bytes of the id's text (inside the quotes in JSON, inside the brackets in
    /// Argdown).
    pub span: Span,
    /// Where it starts: 1-based line, column in characters.
    pub start: Location,
    /// Where it ends (exclusive).
    pub end: Location,
}

/// Every id's definition and references in one text.
#[derive(Clone, Debug, Default)]
pub struct SourceIndex {
    /// In text order.
    occurrences: Vec<Occurrence>,
    /// Each id's occurrences, by their place in `occurrences`.
    by_id: HashMap<String, Vec<usize>>,
}

/// The reference fields of our map file's elements, with what each names.
const REFERENCES: [&str; 18] = [
    "by",
    "source",
    "supports",
    "rebuts",
    "undercuts",
    "contradicts",
    "premises",
    "conclusion",
    "member_of",
    "speaks_for",
    "members",
    "parent",
    "via",
    "actors",
    "from",
    "to",
    "actor",
    "target",
];

/// The top-level lists whose items define ids.
const DEFINING: [&str; 7] = [
    "sources",
    "actors",
    "claims",
    "arguments",
    "groups",
    "sides",
    "relations",
];

impl SourceIndex {
    /// The index of a text in a format. `None` when the format has no ids of ours to find
    /// (Kialo, AIF and the others name elements by their own numbers), or when the text
    /// is not well-formed enough to walk (JSON that does not parse).
    pub fn of(src: &str, format: Format) -> Option<SourceIndex> {
        let lines = LineIndex::new(src);
        let found = match format {
            Format::Json => json(src)?,
            Format::Argdown => argdown(src),
            _ => return None,
        };
        let mut index = SourceIndex::default();
        for (id, role, field, span) in found {
            index
                .by_id
                .entry(id.clone())
                .or_default()
                .push(index.occurrences.len());
            index.occurrences.push(Occurrence {
                id,
                role,
                field,
                span,
                start: lines.location(src, span.start),
                end: lines.location(src, span.end),
            });
        }
        Some(index)
    }

    /// Every occurrence, in text order.
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }

    /// Where the id is defined.
    pub fn definition(&self, id: &str) -> Option<&Occurrence> {
        self.of_id(id).find(|o| o.role == Role::Definition)
    }

    /// Every place the id is referred to (its definition left out).
    pub fn references(&self, id: &str) -> impl Iterator<Item = &Occurrence> + '_ {
        self.of_id(id).filter(|o| o.role == Role::Reference)
    }

    /// Every place the id stands: its definition and references, in text order.
    pub fn of_id(&self, id: &str) -> impl Iterator<Item = &Occurrence> + '_ {
        self.by_id
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.occurrences[i])
    }

    /// The occurrence at a byte offset of the text (the cursor of an editor), if the
    /// offset falls in an id.
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        let i = self.occurrences.partition_point(|o| o.span.end < offset);
        self.occurrences
            .get(i)
            .filter(|o| o.span.start <= offset && offset <= o.span.end)
    }
}

type Found = Vec<(String, Role, &'static str, Span)>;

/// The string's text without its quotes (the parser's spans include them).
fn inner(span: Span) -> Span {
    Span::new(
        span.start + 1,
        span.end.saturating_sub(1).max(span.start + 1),
    )
}

/// Our map file: each listed element's `id`, and the ids in its reference fields.
fn json(src: &str) -> Option<Found> {
    let root = spanned::parse(src).ok()?;
    let Value::Object(fields) = &root.value else {
        return Some(Vec::new());
    };
    let mut out = Vec::new();
    for (key, list) in fields {
        if !DEFINING.contains(&key.value.as_str()) {
            continue;
        }
        let Value::Array(items) = &list.value else {
            continue;
        };
        for item in items {
            let Value::Object(item_fields) = &item.value else {
                continue;
            };
            for (field, value) in item_fields {
                let name = field.value.as_str();
                if name == "id" {
                    if let Value::String(id) = &value.value {
                        out.push((id.clone(), Role::Definition, "id", inner(value.span)));
                    }
                } else if let Some(&field) = REFERENCES.iter().find(|&&f| f == name) {
                    references(value, field, &mut out);
                }
            }
        }
    }
    // The stances' list defines nothing but refers to actors and targets.
    for (key, list) in fields {
        if key.value != "stances" {
            continue;
        }
        if let Value::Array(items) = &list.value {
            for item in items {
                if let Value::Object(item_fields) = &item.value {
                    for (field, value) in item_fields {
                        let name = field.value.as_str();
                        if let Some(&field) = REFERENCES.iter().find(|&&f| f == name) {
                            references(value, field, &mut out);
                        }
                    }
                }
            }
        }
    }
    out.sort_by_key(|(_, _, _, span)| span.start);
    Some(out)
}

fn references(value: &Spanned<Value>, field: &'static str, out: &mut Found) {
    match &value.value {
        Value::String(id) => out.push((id.clone(), Role::Reference, field, inner(value.span))),
        Value::Array(items) => {
            for item in items {
                if let Value::String(id) = &item.value {
                    out.push((id.clone(), Role::Reference, field, inner(item.span)));
                }
            }
        }
        _ => {}
    }
}

/// Argdown: `[title]` and `<title>`, defined where first followed by a colon (else where
/// first written), referred to everywhere else, `@[title]` mentions included. The id is
/// the title itself in argumap's own files (`titles_are_ids: true`), else its slug, as
/// the reader makes it (a slug the reader had to number apart is not followed).
fn argdown(src: &str) -> Found {
    let lexed = lex(src);
    let own = lexed.tokens.iter().any(|t| {
        matches!(&t.tok, Tok::FrontMatter(text)
            if text.lines().any(|l| l.trim() == "titles_are_ids: true"))
    });
    let id_of = |title: &str| -> String {
        let title = title.trim();
        if own && Id::check(title).is_ok() {
            title.to_owned()
        } else {
            Id::slugify(title).to_string()
        }
    };
    let mut out: Found = Vec::new();
    let mut defined: HashMap<String, usize> = HashMap::new();
    for t in &lexed.tokens {
        let (title, definition, field, open) = match &t.tok {
            Tok::StatementDefinition(title) => (title.as_str(), true, "statement", 1),
            Tok::ArgumentDefinition(title) => (title.as_str(), true, "argument", 1),
            Tok::StatementReference(title) => (title.as_str(), false, "statement", 1),
            Tok::ArgumentReference(title) => (title.as_str(), false, "argument", 1),
            Tok::Mention(text) => {
                let title = text
                    .trim_start_matches('@')
                    .trim_start_matches(['[', '<'])
                    .trim_end_matches([']', '>']);
                (title, false, "mention", 2)
            }
            _ => continue,
        };
        let start = t.span.start + open;
        let span = Span::new(start, (start + title.len()).min(src.len()));
        let id = id_of(title);
        let role = if definition && !defined.contains_key(&id) {
            defined.insert(id.clone(), out.len());
            Role::Definition
        } else {
            Role::Reference
        };
        out.push((id, role, field, span));
    }
    // A title only ever referred to is defined where it first stands.
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, (id, _, _, _)) in out.iter().enumerate() {
        first.entry(id.clone()).or_insert(i);
    }
    for (id, i) in first {
        if !defined.contains_key(&id) {
            out[i].1 = Role::Definition;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_definitions_and_references_in_a_map_file() {
        let src = r#"{"argumap": 1, "title": "T",
  "actors": [{"id": "ann", "name": "Ann", "kind": "person"}],
  "claims": [
    {"id": "a", "text": "A", "by": ["ann"]},
    {"id": "b", "text": "B", "supports": ["a"]}
  ],
  "relations": [{"from": "b", "to": "a", "kind": "rebuts"}],
  "stances": [{"actor": "ann", "target": "b", "kind": "denies"}]
}"#;
        let index = SourceIndex::of(src, Format::Json).unwrap();
        let def = index.definition("a").unwrap();
        assert_eq!(&src[def.span.start..def.span.end], "a");
        assert_eq!((def.start.line, def.start.column), (4, 13));
        let fields: Vec<&str> = index.references("a").map(|o| o.field).collect();
        assert_eq!(fields, ["supports", "to"]);
        let ann: Vec<&str> = index.references("ann").map(|o| o.field).collect();
        assert_eq!(ann, ["by", "actor"]);
        let at = src.find(r#"["a"]"#).unwrap() + 2;
        assert_eq!(index.at(at).map(|o| o.id.as_str()), Some("a"));
        assert!(index.at(0).is_none());
        assert!(SourceIndex::of("{not json", Format::Json).is_none());
    }

    #[test]
    fn every_reference_in_the_maps_has_its_definition() {
        for text in [
            include_str!("../../maps/encryption-debate.json"),
            include_str!("../../maps/school-uniforms.json"),
        ] {
            let map = crate::format::json::from_str(text).unwrap().map;
            let index = SourceIndex::of(text, Format::Json).unwrap();
            for id in map.ids() {
                let def = index.definition(id).expect("every id is defined");
                assert_eq!(&text[def.span.start..def.span.end], id.as_str());
            }
            for o in index.occurrences() {
                assert!(map.contains(&o.id), "{} in `{}`", o.id, o.field);
            }
            let argdown = crate::format::argdown::to_string(&map);
            let index = SourceIndex::of(&argdown, Format::Argdown).unwrap();
            for claim in map.claims() {
                assert!(index.definition(&claim.id).is_some(), "{}", claim.id);
            }
        }
    }

    #[test]
    fn finds_titles_in_argdown() {
        let src = "===\ntitle: T\ntitles_are_ids: true\n===\n\n[Ban]: Ban it.\n  + [Tired]: Pupils are tired.\n  - <Cost>\n\n<Cost>: Too dear. Unlike @[Tired].\n";
        let index = SourceIndex::of(src, Format::Argdown).unwrap();
        let ban = index.definition("Ban").unwrap();
        assert_eq!(&src[ban.span.start..ban.span.end], "Ban");
        let cost = index.definition("Cost").unwrap();
        assert_eq!(cost.start.line, 10);
        assert_eq!(index.references("Cost").count(), 1);
        assert_eq!(index.references("Tired").count(), 1);
        // Without `titles_are_ids`, ids are the titles' slugs.
        let index = SourceIndex::of("[Pupils Tired]: T.\n", Format::Argdown).unwrap();
        assert!(index.definition("pupils-tired").is_some());
    }
}
