//! Our map file: load (strict, every problem reported with its place), save (one canonical
//! form) and the JSON Schema.
//!
//! Loading reads the text into a tree that remembers where every value stands, decodes each
//! element on its own (so one bad claim does not hide the next), then adds elements before the
//! links that name them. Each refused step becomes a diagnostic at the offending value.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write as _};

use petgraph::stable_graph::NodeIndex;
use serde::Serialize;

use super::file::*;
use super::spanned::{self, Span, Spanned, Value};
use crate::diagnostic::{did_you_mean, Code, Diagnostic, LineIndex, Severity};
use crate::model::*;

mod explain;
mod load;
mod save;
mod schema;

use explain::*;
use load::*;
use save::*;
pub use schema::{schema, SCHEMA_ID};

/// A map loaded from a file, with the warnings found in it.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The map.
    pub map: Map,
    /// Things that are allowed but probably not meant (see [`crate::analysis::lint`]).
    pub warnings: Vec<Diagnostic>,
}

/// A file that could not be loaded, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the map file{}", .diagnostics.len(), first_of(.diagnostics))]
pub struct LoadError {
    /// The problems, errors first then warnings, each in file order. Never empty.
    pub diagnostics: Vec<Diagnostic>,
}

/// The name in a hint of the form "did you mean `name`?".
fn suggested(hint: Option<&str>) -> Option<String> {
    let rest = hint?.strip_prefix("did you mean `")?;
    Some(rest.split_once('`')?.0.to_owned())
}

/// "; the first: …", or nothing for an empty list (which no loader returns, but a caller
/// may build).
fn first_of(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .first()
        .map_or_else(String::new, |d| format!("; the first: {d}"))
}

impl LoadError {
    /// The 1-based line and column of the first error.
    pub fn position(&self) -> Option<crate::diagnostic::Location> {
        self.diagnostics.iter().find_map(|d| d.location)
    }

    /// The errors alone.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// Loads a map from the text of a map file.
///
/// Time: linear in the file (each reference is one hash lookup), plus the lints (see
/// [`crate::analysis::lint`]); a file with problems or warnings also builds the tree of places,
/// once.
///
/// # Errors
///
/// A [`LoadError`] listing every problem: invalid JSON, a wrong version, unknown fields,
/// missing fields, invalid or duplicate ids, references that resolve to nothing or to the
/// wrong sort of element. Each names its line and column and most carry a hint.
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    match fast_path(src) {
        Some(loaded) => Ok(loaded),
        None => located(src),
    }
}

/// Loads through the tree of places, reporting every problem where it stands.
fn located(src: &str) -> Result<Loaded, LoadError> {
    let root = spanned::parse(src).map_err(|e| {
        let hint = json_hint(src, e.span.start, &e.message);
        LoadError {
            diagnostics: vec![Diagnostic::error(src, e.span, e.message).with_hint(hint)],
        }
    })?;
    let mut loader = Loader::new(src);
    let map = loader.load(&root);
    loader.finish(map)
}

/// What to do about a JSON syntax error at `at`, as a person would fix it: curly quotes from a
/// word processor, or a comma missing at the end of the line before.
fn json_hint(src: &str, at: usize, message: &str) -> String {
    let found = src.get(at..).and_then(|rest| rest.chars().next());
    if matches!(
        found,
        Some('\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
    ) {
        return "these are curly quotes, as a word processor types them: a map file needs straight quotes (\")".into();
    }
    let line_start = src[..at.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    let first_on_line = src[line_start..at.min(src.len())].trim().is_empty();
    if message.contains("expected `,`") && first_on_line && line_start > 0 {
        return "a comma is probably missing at the end of the line above".into();
    }
    "the map file must be valid JSON; check the character marked above".into()
}

fn unplaced<T>(items: Vec<T>) -> Vec<(Unplaced, T)> {
    items.into_iter().map(|t| (Unplaced, t)).collect()
}

/// Loads a valid, clean file straight through serde_json, without the tree of places the
/// diagnostics need (it would double the memory of a big map). `None` when the file has any
/// problem or warning: the located path then loads it again to say where.
fn fast_path(src: &str) -> Option<Loaded> {
    let starts_with_version = src
        .trim_start_matches('\u{feff}')
        .trim_start()
        .strip_prefix('{')
        .is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with("\"argumap\"") || rest.starts_with("\"$schema\"")
        });
    if !starts_with_version {
        return None;
    }
    let file: MapFile = serde_json::from_str(src).ok()?;
    if file.argumap.0 != VERSION || file.title.trim().is_empty() {
        return None;
    }
    let mut loader = Loader::new(src);
    let mut map = Map::new(file.title);
    map.schema = file.schema;
    map.description = file.description;
    map.ext = file.ext;
    let parts = Parts {
        sources: unplaced(file.sources),
        actors: unplaced(file.actors),
        claims: unplaced(file.claims),
        arguments: unplaced(file.arguments),
        relations: unplaced(file.relations),
        stances: unplaced(file.stances),
        groups: unplaced(file.groups),
        sides: unplaced(file.sides),
    };
    let map = loader.build(map, parts);
    if !loader.diags.is_empty() {
        return None;
    }
    let lints = crate::analysis::lint(&map);
    if lints.is_empty() {
        return Some(Loaded {
            map,
            warnings: Vec::new(),
        });
    }
    // Only lints: the map stands as built. The tree of places is parsed just to say where
    // each subject is defined, instead of loading the whole file again through it.
    let root = spanned::parse(src).ok()?;
    loader.defined = defined_ids(&root);
    loader.finish_with(map, lints).ok()
}

/// Where each element's id is given in a file: what a located load records in
/// `Loader::defined` (the first definition of each id).
fn defined_ids(root: &Spanned<Value>) -> HashMap<Id, Span, foldhash::fast::RandomState> {
    let mut defined = HashMap::default();
    for list in ["sources", "actors", "claims", "arguments", "groups"] {
        let Some(Spanned {
            value: Value::Array(items),
            ..
        }) = object_field(root, list)
        else {
            continue;
        };
        for item in items {
            if let Some(Spanned {
                value: Value::String(text),
                ..
            }) = object_field(item, "id")
            {
                if let Ok(id) = Id::new(text) {
                    defined
                        .entry(id)
                        .or_insert_with(|| span_of(item, "id", None));
                }
            }
        }
    }
    defined
}

/// Loads a map from a reader (a file, standard input).
///
/// # Errors
///
/// As [`from_str`]; an I/O error or text that is not UTF-8 becomes a single diagnostic.
pub fn from_reader(mut reader: impl io::Read) -> Result<Loaded, LoadError> {
    let mut text = String::new();
    reader.read_to_string(&mut text).map_err(|e| LoadError {
        diagnostics: vec![Diagnostic::unplaced(
            Severity::Error,
            crate::diagnostic::Code::Syntax,
            format!("cannot read the map: {e}"),
        )
        .with_hint("map files are UTF-8 text")],
    })?;
    from_str(&text)
}

/// Writes a map in the canonical form: two-space indented, elements in map order, plain
/// relations and assertions inline on their element, everything else in `relations` and
/// `stances`. Ends with a newline.
///
/// # Errors
///
/// Only the writer's own errors.
pub fn to_writer(map: &Map, writer: impl io::Write) -> io::Result<()> {
    // serde_json writes token by token: buffer here, so that a writer behind `dyn Write`
    // sees large blocks.
    let mut out = io::BufWriter::with_capacity(1 << 16, writer);
    serde_json::to_writer_pretty(&mut out, &Streamed(&Canon::new(map)))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The canonical form of a map as a string (see [`to_writer`]).
pub fn to_string(map: &Map) -> String {
    let mut out =
        serde_json::to_string_pretty(&Streamed(&Canon::new(map))).expect("a map always serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_writes_what_the_file_types_would() {
        let generated = crate::gen::generate(&crate::gen::GenOptions::new(300));
        let maps = [
            from_str(include_str!("../../../maps/encryption-debate.json"))
                .unwrap()
                .map,
            from_str(include_str!("../../../maps/school-uniforms.json"))
                .unwrap()
                .map,
            generated,
            Map::new("empty"),
        ];
        for map in &maps {
            let derived = serde_json::to_string_pretty(&to_file(map)).unwrap() + "\n";
            assert_eq!(to_string(map), derived, "{}", map.title);
        }
    }

    #[test]
    fn the_fast_and_the_located_path_give_the_same_map() {
        for src in [
            include_str!("../../../maps/encryption-debate.json"),
            include_str!("../../../maps/school-uniforms.json"),
        ] {
            let fast = fast_path(src).expect("a clean map takes the fast path").map;
            let slow = located(src).unwrap().map;
            assert!(fast == slow);
            assert_eq!(to_string(&fast), to_string(&slow));
        }
        // A duplicate id passes serde: the map refuses it, and the located path says where.
        let twice = "{\"argumap\": 1, \"title\": \"t\", \"claims\": [\n  {\"id\": \"a\", \"text\": \"A\"},\n  {\"id\": \"a\", \"text\": \"B\"}]}";
        let err = from_str(twice).unwrap_err();
        assert_eq!(err.diagnostics.len(), 1);
        assert_eq!(err.position().unwrap().line, 3);
        assert!(err.diagnostics[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("line 2"));
        // A group member that is an actor is named where it stands.
        let actor_member = "{\"argumap\": 1, \"title\": \"t\",\n \"actors\": [{\"id\": \"ann\", \"name\": \"Ann\", \"kind\": \"person\"}],\n \"claims\": [{\"id\": \"a\", \"text\": \"A\", \"by\": [\"ann\"]}],\n \"groups\": [{\"id\": \"g\", \"title\": \"G\", \"members\": [\"a\", \"ann\"]}]}";
        let err = from_str(actor_member).unwrap_err();
        assert_eq!(err.diagnostics.len(), 1, "{:?}", err.diagnostics);
        assert_eq!(
            err.diagnostics[0].message,
            "`ann` is an actor, but a group holds claims and arguments"
        );
        assert_eq!(err.position().unwrap().line, 4);
        // A map with a warning keeps the fast path's map, and its warnings their places,
        // as the located way gives them.
        let warned = r#"{"argumap": 1, "title": "t", "claims": [
            {"id": "a", "text": "A"}, {"id": "b", "text": "B"}]}"#;
        assert_eq!(
            fast_path(warned).unwrap().warnings,
            located(warned).unwrap().warnings
        );
        let loaded = from_str(warned).unwrap();
        assert_eq!(loaded.warnings.len(), 2);
        assert!(loaded.warnings.iter().all(|w| w.location.is_some()));
    }

    /// A clean file with lints keeps the fast path's map, and says where each lint's subject
    /// is defined exactly as the located load does.
    #[test]
    fn lints_are_placed_as_the_located_load_places_them() {
        use crate::gen::{generate, GenOptions, Shape};
        for shape in [Shape::Crowd, Shape::Debate, Shape::Groups] {
            let mut map = generate(&GenOptions::new(300).shape(shape));
            map.add_source(crate::model::Source::new(
                Id::new("unread").unwrap(),
                "Never cited",
            ))
            .unwrap();
            let src = to_string(&map);
            let fast = fast_path(&src).expect("a clean file");
            let slow = located(&src).expect("a clean file");
            assert!(!fast.warnings.is_empty(), "{shape:?}");
            assert!(fast.warnings.iter().all(|d| d.span.is_some()), "{shape:?}");
            assert_eq!(fast.warnings, slow.warnings, "{shape:?}");
            assert!(fast.map == slow.map, "{shape:?}");
        }
    }

    /// Deep nesting loads in time linear in the groups, and a circle of parents is still
    /// refused at the group that closes it.
    #[test]
    fn deeply_nested_groups_load_and_a_circle_is_refused() {
        let n = 20_000;
        let mut groups: Vec<String> = Vec::with_capacity(n);
        for i in 0..n {
            let parent = if i == 0 {
                String::new()
            } else {
                format!(", \"parent\": \"g{}\"", i - 1)
            };
            groups.push(format!(
                "{{\"id\": \"g{i}\", \"title\": \"G\", \"members\": [\"c\"]{parent}}}"
            ));
        }
        let src = format!(
            "{{\"argumap\": 1, \"title\": \"t\", \"claims\": [{{\"id\": \"c\", \"text\": \"C\"}}], \"groups\": [{}]}}",
            groups.join(", ")
        );
        let started = std::time::Instant::now();
        let loaded = from_str(&src).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        let last = loaded.map.group(&format!("g{}", n - 1)).unwrap();
        assert_eq!(last.parent.as_deref(), Some(format!("g{}", n - 2).as_str()));
        let circle = r#"{"argumap": 1, "title": "t", "claims": [{"id": "c", "text": "C"}],
            "groups": [{"id": "a", "title": "A", "members": ["c"], "parent": "b"},
                       {"id": "b", "title": "B", "members": ["c"], "parent": "a"}]}"#;
        let err = from_str(circle).unwrap_err();
        assert_eq!(err.diagnostics.len(), 1, "{:?}", err.diagnostics);
        assert_eq!(
            err.diagnostics[0].message,
            "the group `b` would be its own ancestor"
        );
    }
}
