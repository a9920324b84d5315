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
    let mut loader = Loader {
        src,
        diags: Vec::new(),
        defined: HashMap::default(),
        rejected: HashSet::new(),
        lines: std::cell::OnceCell::new(),
    };
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
        .is_some_and(|rest| rest.trim_start().starts_with("\"argumap\""));
    if !starts_with_version {
        return None;
    }
    let file: MapFile = serde_json::from_str(src).ok()?;
    if file.argumap.0 != VERSION || file.title.trim().is_empty() {
        return None;
    }
    let mut loader = Loader {
        src,
        diags: Vec::new(),
        defined: HashMap::default(),
        rejected: HashSet::new(),
        lines: std::cell::OnceCell::new(),
    };
    let mut map = Map::new(file.title);
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

/// The JSON Schema of the map file (draft 2020-12), generated from the types.
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(MapFile).to_value();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), SCHEMA_ID.into());
    }
    schema
}

/// The schema's `$id`: names the format and its version.
pub const SCHEMA_ID: &str = "urn:argumap:map-file:1";

// ---- loading ------------------------------------------------------------------------------

struct Loader<'s> {
    src: &'s str,
    diags: Vec<Diagnostic>,
    /// Where each id was first defined, for "first defined at" hints.
    defined: HashMap<Id, Span, foldhash::fast::RandomState>,
    /// Ids whose definition failed; references to them are not reported again.
    rejected: HashSet<String>,
    /// Where the file's lines start, made at the first problem.
    lines: std::cell::OnceCell<LineIndex>,
}

fn object_field<'v>(v: &'v Spanned<Value>, key: &str) -> Option<&'v Spanned<Value>> {
    match &v.value {
        Value::Object(fields) => fields.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
        _ => None,
    }
}

/// Span of `key`'s value in an object, or of its `i`-th item.
fn span_of(v: &Spanned<Value>, key: &str, i: Option<usize>) -> Span {
    match (object_field(v, key), i) {
        (Some(f), None) => f.span,
        (
            Some(Spanned {
                value: Value::Array(items),
                ..
            }),
            Some(i),
        ) => items.get(i).map_or(v.span, |item| item.span),
        (Some(f), Some(_)) => f.span,
        (None, _) => v.span,
    }
}

/// Where an element stands in the file, for diagnostics.
trait Place: Copy {
    /// The place of `key`'s value, or of its `i`-th item.
    fn at(self, key: &str, i: Option<usize>) -> Span;
    /// The place of the whole element.
    fn span(self) -> Span;
    /// Whether places are known (a located load), so problems are worth explaining here.
    fn is_placed(self) -> bool {
        true
    }
}

impl Place for &Spanned<Value> {
    fn at(self, key: &str, i: Option<usize>) -> Span {
        span_of(self, key, i)
    }
    fn span(self) -> Span {
        self.span
    }
}

/// No place: the fast path decodes without a tree, and goes back for places only when
/// something needs reporting.
#[derive(Clone, Copy)]
struct Unplaced;

impl Place for Unplaced {
    fn at(self, _: &str, _: Option<usize>) -> Span {
        Span::default()
    }
    fn span(self) -> Span {
        Span::default()
    }
    fn is_placed(self) -> bool {
        false
    }
}

/// The decoded lists of a map file, each element with its place.
struct Parts<'a, P> {
    sources: Vec<(P, SourceFile<'a>)>,
    actors: Vec<(P, ActorFile<'a>)>,
    claims: Vec<(P, ClaimFile<'a>)>,
    arguments: Vec<(P, ArgumentFile<'a>)>,
    relations: Vec<(P, RelationFile<'a>)>,
    stances: Vec<(P, StanceFile<'a>)>,
    groups: Vec<(P, GroupFile<'a>)>,
    sides: Vec<(P, SideFile<'a>)>,
}

fn meta(
    tags: Vec<String>,
    origin: Option<OriginFile>,
    ext: Option<ObjectMap>,
    note: Option<String>,
    silent: Option<String>,
) -> Meta {
    Meta::new(MetaData {
        tags,
        origin: origin.map(|o| Origin {
            format: o.format,
            id: o.id,
        }),
        ext,
        note,
        silent,
    })
}

type ObjectMap = serde_json::Map<String, serde_json::Value>;

impl<'s> Loader<'s> {
    /// The lines of the file, found once.
    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.src))
    }

    fn error(&mut self, code: Code, span: Span, message: impl Into<String>, hint: Option<String>) {
        let mut d =
            Diagnostic::indexed(Severity::Error, self.src, self.lines(), Some(span), message)
                .with_code(code);
        d.hint = hint;
        self.diags.push(d);
    }

    /// Offers `replacement` (a JSON string, quoted) in place of the string at `span`.
    fn fix_last(&mut self, span: Span, replacement: &str) {
        let quoted = serde_json::to_string(replacement).unwrap_or_default();
        if let Some(d) = self.diags.pop() {
            self.diags.push(d.with_fix(self.src, span, quoted));
        }
    }

    fn finish(self, map: Map) -> Result<Loaded, LoadError> {
        let lints = crate::analysis::lint(&map);
        self.finish_with(map, lints)
    }

    /// [`Loader::finish`] with the map's lints found already.
    fn finish_with(
        mut self,
        map: Map,
        lints: Vec<crate::analysis::Lint>,
    ) -> Result<Loaded, LoadError> {
        let warnings: Vec<Diagnostic> = lints
            .into_iter()
            .map(|lint| {
                let span = lint
                    .subject
                    .as_ref()
                    .and_then(|id| self.defined.get(id.as_str()).copied());
                let mut d = Diagnostic::indexed(
                    Severity::Warning,
                    self.src,
                    self.lines(),
                    span,
                    lint.message,
                )
                .with_code(lint.code);
                d.hint = lint.hint;
                d
            })
            .collect();
        if self.diags.iter().all(|d| !d.is_error()) {
            self.diags.extend(warnings);
            Ok(Loaded {
                map,
                warnings: self.diags,
            })
        } else {
            // Warnings are left out: with elements missing, most would be echoes of the
            // errors ("not connected" because its relation was refused).
            self.diags.retain(Diagnostic::is_error);
            self.diags.sort_by_key(|d| d.span.map(|s| s.start));
            Err(LoadError {
                diagnostics: self.diags,
            })
        }
    }

    fn load(&mut self, root: &Spanned<Value>) -> Map {
        let mut map = Map::new("");
        let Value::Object(fields) = &root.value else {
            self.error(
                Code::WrongValue,
                root.span,
                format!(
                    "a map file holds one JSON object, not {}",
                    root.value.kind_name()
                ),
                Some(
                    "start the file with {\"argumap\": 1, \"title\": \"...\", \"claims\": [...]}"
                        .into(),
                ),
            );
            return map;
        };
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (i, (key, value)) in fields.iter().enumerate() {
            if let Some(first) = seen.insert(&key.value, key.span) {
                let at = crate::diagnostic::Location::of(self.src, first.start);
                self.error(
                    Code::DuplicateKey,
                    key.span,
                    format!("the key `{}` appears twice", key.value),
                    Some(format!("it is first given at line {}; keep one", at.line)),
                );
                continue;
            }
            if !MAP_KEYS.contains(&key.value.as_str()) {
                let near = did_you_mean(&key.value, MAP_KEYS);
                let hint = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("a map file has the keys {}", backticked(&MAP_KEYS)),
                };
                self.error(
                    Code::UnknownField,
                    key.span,
                    format!("unknown key `{}` in the map", key.value),
                    Some(hint),
                );
                if let Some(near) = near {
                    self.fix_last(key.span, near);
                }
                continue;
            }
            if key.value == "argumap" && i != 0 {
                self.diags.push(
                    Diagnostic::warning(
                        self.src,
                        Some(key.span),
                        "`argumap` should be the first key",
                    )
                    .with_code(Code::Style)
                    .with_hint("move \"argumap\": 1 to the top so readers see the version first"),
                );
            }
            let _ = value;
        }
        match object_field(root, "argumap") {
            None => self.error(
                Code::Version,
                Span {
                    start: root.span.start,
                    end: root.span.start + 1,
                },
                "the map file does not say its format version",
                Some("add \"argumap\": 1 as the first key".into()),
            ),
            Some(v) => match &v.value {
                Value::Number(n) if n.as_u64() == Some(VERSION) => {}
                Value::Number(n) => self.error(
                    Code::Version,
                    v.span,
                    format!(
                        "this file is format version {n}, but this argumap reads version {VERSION}"
                    ),
                    Some(
                        "write \"argumap\": 1, or use the argumap release that wrote this file"
                            .into(),
                    ),
                ),
                other => self.error(
                    Code::Version,
                    v.span,
                    format!(
                        "the format version must be a number, not {}",
                        other.kind_name()
                    ),
                    Some("write \"argumap\": 1".into()),
                ),
            },
        }
        match object_field(root, "title").map(|v| (v, &v.value)) {
            Some((_, Value::String(t))) if !t.trim().is_empty() => map.title = t.clone(),
            Some((v, _)) => self.error(
                Code::EmptyText,
                v.span,
                "the map's title must be a non-empty string",
                Some("write \"title\": \"What the debate is about\"".into()),
            ),
            None => self.error(
                Code::MissingField,
                Span {
                    start: root.span.start,
                    end: root.span.start + 1,
                },
                "the map has no title",
                Some("add \"title\": \"...\" after \"argumap\": 1".into()),
            ),
        }
        if let Some(v) = object_field(root, "description") {
            match &v.value {
                Value::String(d) => map.description = Some(d.clone()),
                other => self.error(
                    Code::WrongValue,
                    v.span,
                    format!(
                        "the description must be a string, not {}",
                        other.kind_name()
                    ),
                    None,
                ),
            }
        }
        if let Some(v) = object_field(root, "ext") {
            map.ext = self.decode::<ObjectMap>(v, "the map's `ext`");
        }

        let parts = Parts {
            sources: self.list(root, "sources", "source"),
            actors: self.list(root, "actors", "actor"),
            claims: self.list(root, "claims", "claim"),
            arguments: self.list(root, "arguments", "argument"),
            relations: self.list(root, "relations", "relation"),
            stances: self.list(root, "stances", "stance"),
            groups: self.list(root, "groups", "group"),
            sides: self.list(root, "sides", "side"),
        };
        self.build(map, parts)
    }

    /// Adds the decoded elements to the map, then the links between them, reporting each
    /// refused step at its place.
    fn build<P: Place>(&mut self, mut map: Map, parts: Parts<'_, P>) -> Map {
        let Parts {
            sources,
            actors,
            claims,
            arguments,
            relations,
            stances,
            groups,
            sides,
        } = parts;
        let elements = actors.len() + claims.len() + arguments.len();
        let inline: usize = claims
            .iter()
            .map(|(_, c)| {
                c.by.len()
                    + c.supports.len()
                    + c.rebuts.len()
                    + c.undercuts.len()
                    + c.contradicts.len()
            })
            .chain(arguments.iter().map(|(_, a)| {
                a.premises.len()
                    + 1
                    + a.by.len()
                    + a.supports.len()
                    + a.rebuts.len()
                    + a.undercuts.len()
            }))
            .chain(
                actors
                    .iter()
                    .map(|(_, a)| a.member_of.len() + a.speaks_for.len()),
            )
            .sum();
        map.reserve(elements, inline + relations.len() + stances.len());
        let mut source_vias = Vec::new();
        // Elements first, so that links may name elements defined further down.
        for (v, s) in sources {
            let Some(id) = self.new_id(&map, v, &s.id) else {
                continue;
            };
            self.check_date(v, &s.date);
            let source = Source {
                id: id.clone(),
                kind: s.kind.map_or(SourceKind::Article, Into::into),
                title: s.title,
                author: s.author,
                publisher: s.publisher,
                date: s.date.map(|d| d.0),
                url: s.url,
                via: None,
                meta: meta(s.tags, s.origin, s.ext, s.note, s.silent),
            };
            if self.added(map.add_source(source), v, &[]) {
                if let Some(via) = s.via {
                    source_vias.push((v, id, via));
                }
            }
        }
        let mut actor_links = Vec::new();
        for (v, a) in actors {
            let Some(id) = self.new_id(&map, v, &a.id) else {
                continue;
            };
            let actor = Actor {
                id: id.clone(),
                name: a.name,
                kind: a.kind.into(),
                role: a.role,
                meta: meta(a.tags, a.origin, a.ext, a.note, a.silent),
            };
            self.added(map.add_actor(actor), v, &[]);
            actor_links.push((v, id, a.member_of, a.speaks_for));
        }
        let mut claim_links = Vec::new();
        for (v, c) in claims {
            let Some(id) = self.new_id(&map, v, &c.id) else {
                continue;
            };
            if c.text.trim().is_empty() {
                self.error(
                    Code::EmptyText,
                    v.at("text", None),
                    format!("the claim `{id}` has an empty text"),
                    Some("write the claim as a full sentence".into()),
                );
            }
            self.check_date(v, &c.date);
            let source = self.source_of(&map, v, c.source.as_ref());
            let claim = Claim {
                id: id.clone(),
                text: c.text.into_owned(),
                title: c.title,
                source,
                quote: c.quote,
                date: c.date.map(|d| d.0),
                kind: c.kind.map_or(ClaimKind::Debate, Into::into),
                meta: meta(c.tags, c.origin, c.ext, c.note, c.silent),
            };
            let added = map.add_element(Element::Claim(claim));
            if let Some(ix) = self.added_at(added, v) {
                claim_links.push((
                    v,
                    (id, ix),
                    c.by,
                    c.supports,
                    c.rebuts,
                    c.undercuts,
                    c.contradicts,
                ));
            }
        }
        let mut argument_links = Vec::new();
        for (v, a) in arguments {
            let Some(id) = self.new_id(&map, v, &a.id) else {
                continue;
            };
            self.check_date(v, &a.date);
            let source = self.source_of(&map, v, a.source.as_ref());
            let argument = Argument {
                id: id.clone(),
                text: a.text,
                title: a.title,
                source,
                quote: a.quote,
                date: a.date.map(|d| d.0),
                meta: meta(a.tags, a.origin, a.ext, a.note, a.silent),
            };
            let added = map.add_element(Element::Argument(argument));
            if let Some(ix) = self.added_at(added, v) {
                argument_links.push((
                    v,
                    (id, ix),
                    a.premises,
                    a.conclusion,
                    a.by,
                    a.supports,
                    a.rebuts,
                    a.undercuts,
                ));
            }
        }
        let mut group_parents = Vec::new();
        for (v, g) in groups {
            let Some(id) = self.new_id(&map, v, &g.id) else {
                continue;
            };
            let mut members = Vec::with_capacity(g.members.len());
            for (i, m) in g.members.iter().enumerate() {
                match map.node_id(&m.0) {
                    Some((ix, id)) if is_claim_or_argument(&map, ix) => members.push(id.clone()),
                    _ => {
                        let span = v.at("members", Some(i));
                        if let Some(id) = self.resolve(&map, &m.0, span) {
                            let found = map.kind_of(&id).map_or("unknown", |k| k.with_article());
                            self.error(
                                Code::WrongKind,
                                span,
                                format!(
                                    "`{id}` is {found}, but a group holds claims and arguments"
                                ),
                                Some(kind_hint(&[ElementKind::Claim, ElementKind::Argument])),
                            );
                        }
                    }
                }
            }
            let group = Group {
                id: id.clone(),
                title: g.title,
                members,
                parent: None,
                meta: meta(g.tags, g.origin, g.ext, g.note, g.silent),
            };
            if self.added(map.add_group_of_checked_members(group), v, &[]) {
                group_parents.push((v, id, g.parent));
            }
        }

        // Then the links, in the order the canonical form writes them.
        for (v, id, member_of, speaks_for) in actor_links {
            for (key, list, kind) in [
                ("member_of", member_of, ActorLinkKind::MemberOf),
                ("speaks_for", speaks_for, ActorLinkKind::SpeaksFor),
            ] {
                for (i, other) in list.iter().enumerate() {
                    let span = v.at(key, Some(i));
                    if let Some(other) = self.resolve(&map, &other.0, span) {
                        self.added(
                            map.add_actor_link(&id, kind, &other),
                            v,
                            &[(other.as_str(), span)],
                        );
                    }
                }
            }
        }
        for (v, id, by, supports, rebuts, undercuts, contradicts) in claim_links {
            self.assertions(&mut map, v, &id, &by);
            self.inline(
                &mut map,
                v,
                &id,
                "supports",
                RelationKind::Supports,
                &supports,
            );
            self.inline(&mut map, v, &id, "rebuts", RelationKind::Rebuts, &rebuts);
            self.inline(
                &mut map,
                v,
                &id,
                "undercuts",
                RelationKind::Undercuts,
                &undercuts,
            );
            self.inline(
                &mut map,
                v,
                &id,
                "contradicts",
                RelationKind::Contradicts,
                &contradicts,
            );
        }
        for (v, arg, premises, conclusion, by, supports, rebuts, undercuts) in argument_links {
            let id = arg;
            let arg = &id.0;
            for (i, p) in premises.iter().enumerate() {
                let span = v.at("premises", Some(i));
                if let Some(p) = self.resolve(&map, &p.0, span) {
                    let rel = Relation::new(p.clone(), RelationKind::Premise, arg.clone());
                    self.added(map.add_relation(rel), v, &[(p.as_str(), span)]);
                }
            }
            if let Some(c) = conclusion {
                let span = v.at("conclusion", None);
                if let Some(c) = self.resolve(&map, &c.0, span) {
                    let rel = Relation::new(arg.clone(), RelationKind::Conclusion, c.clone());
                    self.added(map.add_relation(rel), v, &[(c.as_str(), span)]);
                }
            }
            self.assertions(&mut map, v, &id, &by);
            self.inline(
                &mut map,
                v,
                &id,
                "supports",
                RelationKind::Supports,
                &supports,
            );
            self.inline(&mut map, v, &id, "rebuts", RelationKind::Rebuts, &rebuts);
            self.inline(
                &mut map,
                v,
                &id,
                "undercuts",
                RelationKind::Undercuts,
                &undercuts,
            );
        }
        for (v, r) in relations {
            let from_span = v.at("from", None);
            let to_span = v.at("to", None);
            let from = self.resolve(&map, &r.from.0, from_span);
            let to = self.resolve(&map, &r.to.0, to_span);
            let by = self.references(&map, v, "by", &r.by);
            let source = self.source_of(&map, v, r.source.as_ref());
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            let relation = Relation {
                from,
                to,
                kind: r.kind.into(),
                by,
                source,
                quote: r.quote,
                meta: meta(r.tags, r.origin, r.ext, r.note, r.silent),
            };
            let refs = [(r.from.0.as_ref(), from_span), (r.to.0.as_ref(), to_span)];
            self.added(map.add_relation(relation), v, &refs);
        }
        for (v, s) in stances {
            let actor_span = v.at("actor", None);
            let target_span = v.at("target", None);
            let actor = self.resolve(&map, &s.actor.0, actor_span);
            let target = self.resolve(&map, &s.target.0, target_span);
            self.check_date(v, &s.date);
            let source = self.source_of(&map, v, s.source.as_ref());
            let (Some(actor), Some(target)) = (actor, target) else {
                continue;
            };
            let stance = Stance {
                actor,
                target,
                kind: s.kind.into(),
                source,
                quote: s.quote,
                date: s.date.map(|d| d.0),
                meta: meta(s.tags, s.origin, s.ext, s.note, s.silent),
            };
            let refs = [
                (s.actor.0.as_ref(), actor_span),
                (s.target.0.as_ref(), target_span),
            ];
            self.added(map.add_stance(stance), v, &refs);
        }
        for (v, id, parent) in group_parents {
            if let Some(p) = parent {
                let span = v.at("parent", None);
                if let Some(resolved) = self.resolve(&map, &p.0, span) {
                    let r = map.set_group_parent(&id, Some(resolved));
                    self.added(r, v, &[(p.0.as_ref(), span)]);
                }
            }
        }
        // A source's `via`, once every element is in (it may name any of them, wrongly).
        for (v, id, via) in source_vias {
            let span = v.at("via", None);
            let Some(resolved) = self.resolve(&map, &via.0, span) else {
                continue;
            };
            if map.source(&resolved).is_none() || resolved == id {
                let found = map
                    .kind_of(&resolved)
                    .map_or("unknown", |k| k.with_article());
                let found = if resolved == id {
                    "the source itself"
                } else {
                    found
                };
                self.error(Code::WrongKind,
                    span,
                    format!("`{resolved}` is {found}, but `via` must name another source"),
                    Some("name the document through which this one is known, e.g. the article that reports a letter".into()),
                );
                continue;
            }
            map.set_source_via(&id, resolved);
        }
        self.sides(&mut map, sides);
        map
    }

    /// Adds the sides, each naming actors. An actor named by two sides is refused at its
    /// second mention.
    ///
    /// Time: linear in the sides' actors.
    fn sides<P: Place>(&mut self, map: &mut Map, sides: Vec<(P, SideFile<'_>)>) {
        let mut taken: HashMap<Id, Id> = HashMap::new();
        for (v, s) in sides {
            let Some(id) = self.new_id(map, v, &s.id) else {
                continue;
            };
            if s.name.trim().is_empty() {
                self.error(
                    Code::EmptyText,
                    v.at("name", None),
                    format!("the side `{id}` has an empty name"),
                    Some("name the side as the report should call it, e.g. \"Opposition\"".into()),
                );
            }
            let mut actors = Vec::new();
            for (i, a) in s.actors.iter().enumerate() {
                let span = v.at("actors", Some(i));
                let Some(resolved) = self.resolve(map, &a.0, span) else {
                    continue;
                };
                if map.actor(&resolved).is_none() {
                    let found = map
                        .kind_of(&resolved)
                        .map_or("unknown", |k| k.with_article());
                    self.error(
                        Code::WrongKind,
                        span,
                        format!("`{resolved}` is {found}, but a side lists actors"),
                        Some(kind_hint(&[ElementKind::Actor])),
                    );
                    continue;
                }
                if let Some(other) = taken.get(&resolved) {
                    self.error(
                        Code::InvalidLink,
                        span,
                        format!("the actor `{resolved}` is already on the side `{other}`"),
                        Some("an actor argues one side: remove it from one of the two".into()),
                    );
                    continue;
                }
                taken.insert(resolved.clone(), id.clone());
                actors.push(resolved);
            }
            let side = Side {
                id,
                name: s.name,
                actors,
                meta: meta(s.tags, s.origin, s.ext, s.note, s.silent),
            };
            self.added(map.add_side(side), v, &[]);
        }
    }

    /// Decodes each item of a top-level list on its own, reporting every bad item.
    fn list<'v, T: serde::Deserialize<'v>>(
        &mut self,
        root: &'v Spanned<Value>,
        key: &str,
        what: &str,
    ) -> Vec<(&'v Spanned<Value>, T)> {
        let Some(list) = object_field(root, key) else {
            return Vec::new();
        };
        let Value::Array(items) = &list.value else {
            self.error(
                Code::WrongValue,
                list.span,
                format!("`{key}` must be a list, not {}", list.value.kind_name()),
                Some(format!(
                    "write \"{key}\": [ ... ] with one object per {what}"
                )),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let Some(t) = self.decode(item, &with_article(what)) {
                out.push((item, t));
            } else if let Some(Value::String(id)) = object_field(item, "id").map(|v| &v.value) {
                // The element is reported already; references to it are not reported again.
                self.rejected.insert(id.clone());
            }
        }
        out
    }

    fn decode<'v, T: serde::Deserialize<'v>>(
        &mut self,
        v: &'v Spanned<Value>,
        what: &str,
    ) -> Option<T> {
        match spanned::from_value::<T>(v) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = e.span.unwrap_or(v.span);
                let key = key_of(v, span);
                let (message, hint) = explain(&e.message, what, key);
                let code = if e.message.starts_with("unknown field") {
                    Code::UnknownField
                } else if e.message.starts_with("missing field") {
                    Code::MissingField
                } else {
                    Code::WrongValue
                };
                self.error(code, span, message, hint);
                if code == Code::UnknownField {
                    let near = self.diags.last().and_then(|d| suggested(d.hint.as_deref()));
                    if let Some(near) = near {
                        self.fix_last(span, &near);
                    }
                }
                None
            }
        }
    }

    /// Checks a new element's id; remembers where it is defined.
    fn new_id(&mut self, map: &Map, v: impl Place, id: &FileId) -> Option<Id> {
        let span = v.at("id", None);
        match Id::new(&id.0) {
            Ok(new) => {
                // Unplaced, a duplicate is refused by the map itself, and the located load
                // that follows explains it.
                if v.is_placed() && map.contains(&new) {
                    let first = self.defined.get(new.as_str()).copied();
                    let hint = first.map(|f| {
                        format!(
                            "`{new}` is first defined at line {}; give one of them another id",
                            crate::diagnostic::Location::of(self.src, f.start).line
                        )
                    });
                    self.error(
                        Code::DuplicateId,
                        span,
                        format!("the id `{new}` is used twice"),
                        hint,
                    );
                    return None;
                }
                if v.is_placed() {
                    self.defined.insert(new.clone(), span);
                }
                Some(new)
            }
            Err(reason) => {
                self.rejected.insert(id.0.to_string());
                self.error(
                    Code::InvalidId,
                    span,
                    format!("`{}` is not a valid id: {reason}", id.0),
                    Some(format!(
                        "ids are ASCII letters, digits, `-`, `_` and `.`; try `{}`",
                        Id::slugify(&id.0)
                    )),
                );
                None
            }
        }
    }

    /// Resolves a reference, reporting an unknown id with the nearest existing one.
    fn resolve(&mut self, map: &Map, text: &str, span: Span) -> Option<Id> {
        if let Some(id) = map.id(text) {
            return Some(id.clone());
        }
        if self.rejected.contains(text) {
            return None; // already reported where it was defined
        }
        let known = map
            .ids()
            .map(Id::as_str)
            .chain(self.rejected.iter().map(String::as_str));
        let near = did_you_mean(text, known).map(str::to_owned);
        let hint = match &near {
            Some(near) => format!("did you mean `{near}`?"),
            None if map.node_count() > 0 && map.node_count() <= 12 => {
                let ids: Vec<String> = map.ids().map(|id| format!("`{id}`")).collect();
                format!("check the spelling; the map's ids are {}", ids.join(", "))
            }
            None => "check the spelling, or define an element with this id".to_owned(),
        };
        self.error(
            Code::UnknownId,
            span,
            format!("no element has the id `{text}`"),
            Some(hint),
        );
        if let Some(near) = near {
            self.fix_last(span, &near);
        }
        None
    }

    /// Resolves an element's `source`, which must name a source.
    fn source_of(&mut self, map: &Map, v: impl Place, id: Option<&FileId>) -> Option<Id> {
        let id = id?;
        if let Some(source) = map.source(&id.0) {
            return Some(source.id.clone());
        }
        let span = v.at("source", None);
        let resolved = self.resolve(map, &id.0, span)?;
        let found = map
            .kind_of(&resolved)
            .map_or("unknown", |k| k.with_article());
        self.error(
            Code::WrongKind,
            span,
            format!("`{resolved}` is {found}, but `source` must name a source"),
            Some("list the document under \"sources\" and name its id here".into()),
        );
        None
    }

    fn references(&mut self, map: &Map, v: impl Place, key: &str, ids: &[FileId]) -> Vec<Id> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, id)| self.resolve(map, &id.0, v.at(key, Some(i))))
            .collect()
    }

    fn check_date(&mut self, v: impl Place, date: &Option<FileDate>) {
        if let Some(d) = date {
            if !FileDate::is_valid(&d.0) {
                self.error(
                    Code::InvalidDate,
                    v.at("date", None),
                    format!("`{}` is not a date", d.0),
                    Some("write dates as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2019-10-04".into()),
                );
            }
        }
    }

    /// [`Self::added`] for a change that gives back the new element's node.
    fn added_at<T>(&mut self, result: Result<T, ModelError>, v: impl Place) -> Option<T> {
        match result {
            Ok(t) => Some(t),
            // Reported at its text already; references to it are not reported again.
            Err(ModelError::EmptyText(id)) => {
                self.rejected.insert(id.to_string());
                None
            }
            Err(e) => {
                self.added(Err(e), v, &[]);
                None
            }
        }
    }

    fn assertions(
        &mut self,
        map: &mut Map,
        v: impl Place,
        (target, b): &(Id, NodeIndex),
        by: &[FileId],
    ) {
        for (i, actor) in by.iter().enumerate() {
            let span = v.at("by", Some(i));
            // One lookup finds both the actor's id and its node; anything else goes the
            // long way, which explains what is wrong.
            let result = if let Some((a, actor)) = map.node_id(&actor.0) {
                let stance = Stance::new(actor.clone(), StanceKind::Asserts, target.clone());
                map.add_stance_at(a, *b, stance)
            } else if let Some(actor) = self.resolve(map, &actor.0, span) {
                let stance = Stance::new(actor, StanceKind::Asserts, target.clone());
                map.add_stance(stance)
            } else {
                continue;
            };
            self.added(result, v, &[(&actor.0, span)]);
        }
    }

    fn inline(
        &mut self,
        map: &mut Map,
        v: impl Place,
        (from, a): &(Id, NodeIndex),
        key: &str,
        kind: RelationKind,
        targets: &[FileId],
    ) {
        for (i, to) in targets.iter().enumerate() {
            let span = v.at(key, Some(i));
            let result = if let Some((b, to)) = map.node_id(&to.0) {
                let rel = Relation::new(from.clone(), kind, to.clone());
                map.add_relation_at(*a, b, rel)
            } else if let Some(to) = self.resolve(map, &to.0, span) {
                map.add_relation(Relation::new(from.clone(), kind, to))
            } else {
                continue;
            };
            self.added(result, v, &[(&to.0, span)]);
        }
    }

    /// Reports a refused change at the reference it concerns. Returns whether it was made.
    fn added(
        &mut self,
        result: Result<(), ModelError>,
        v: impl Place,
        refs: &[(&str, Span)],
    ) -> bool {
        let Err(err) = result else { return true };
        let at = |id: &str| {
            refs.iter()
                .find(|(r, _)| *r == id)
                .map_or(v.span(), |(_, s)| *s)
        };
        let (span, hint) = match &err {
            ModelError::WrongKind { id, expected, .. } => (at(id), Some(kind_hint(expected))),
            ModelError::UnknownId { id } => (at(id), None),
            ModelError::SelfLoop(_) => (
                v.span(),
                Some("point the relation at another element".to_owned()),
            ),
            ModelError::DuplicateRelation { to, .. } => {
                (at(to), Some("remove one of the two".to_owned()))
            }
            ModelError::DuplicateStance { target, .. } => {
                (at(target), Some("remove one of the two".to_owned()))
            }
            ModelError::DuplicateActorLink { of, .. } => {
                (at(of), Some("remove one of the two".to_owned()))
            }
            ModelError::SecondConclusion { .. } => (
                v.span(),
                Some(
                    "an argument has one conclusion; make a second argument for the other"
                        .to_owned(),
                ),
            ),
            ModelError::GroupCycle(_) => {
                (v.span(), Some("a group cannot be inside itself".to_owned()))
            }
            _ => (v.span(), None),
        };
        let code = match &err {
            ModelError::InvalidId { .. } => Code::InvalidId,
            ModelError::DuplicateId(_) => Code::DuplicateId,
            ModelError::UnknownId { .. } => Code::UnknownId,
            ModelError::WrongKind { .. } => Code::WrongKind,
            _ => Code::InvalidLink,
        };
        self.error(code, span, err.to_string(), hint);
        false
    }
}

/// "a claim", "an actor", "an argument".
fn with_article(word: &str) -> String {
    let vowel = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if vowel { "an" } else { "a" })
}

fn is_claim_or_argument(map: &Map, ix: NodeIndex) -> bool {
    matches!(map.graph()[ix], Element::Claim(_) | Element::Argument(_))
}

/// Where the elements a reference may name are listed: `name one of the "actors"`.
fn kind_hint(expected: &[ElementKind]) -> String {
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

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names between backticks in a serde message, in order.
fn quoted_names(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// Turns serde's messages into a sentence and a hint for a person.
/// The name of the field whose value stands at `span`, searching nested objects.
fn key_of(v: &Spanned<Value>, span: Span) -> Option<&str> {
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

/// Turns serde's messages into a sentence and a hint for a person. `key` names the field
/// whose value is wrong, when known.
fn explain(message: &str, what: &str, key: Option<&str>) -> (String, Option<String>) {
    let names = quoted_names(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = names.first().copied().unwrap_or(rest);
        let allowed = &names.get(1..).unwrap_or_default();
        let hint = match did_you_mean(field, allowed.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "{what} may have {}",
                allowed
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return (format!("unknown field `{field}` in {what}"), Some(hint));
    }
    if message.starts_with("unknown variant ") {
        let word = names.first().copied().unwrap_or("");
        let allowed = &names.get(1..).unwrap_or_default();
        let hint = match did_you_mean(word, allowed.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "use one of {}",
                allowed
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
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
        let (wanted, hint) = match expected {
            "a sequence" => (
                "a list",
                Some("write a list in brackets, e.g. [\"barr\"], even for one id"),
            ),
            "a string" => ("text", Some("write text in double quotes")),
            "a map" => (
                "an object",
                Some("write an object in braces: {\"key\": ...}"),
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
            hint.map(str::to_owned),
        );
    }
    (format!("{message} (in {what})"), None)
}

// ---- saving -------------------------------------------------------------------------------

fn file_ids<'a>(ids: impl IntoIterator<Item = &'a Id>) -> Vec<FileId<'a>> {
    ids.into_iter().map(file_id).collect()
}

fn file_id(id: &Id) -> FileId<'_> {
    FileId(Cow::Borrowed(id.as_str()))
}

fn file_origin(o: Option<&Origin>) -> Option<OriginFile> {
    o.map(|o| OriginFile {
        format: o.format.clone(),
        id: o.id.clone(),
    })
}

fn file_date(d: &Option<String>) -> Option<FileDate> {
    d.clone().map(FileDate)
}

/// The canonical file form of a map (the types serde writes): what [`to_writer`] streams,
/// kept to hold the stream to the derived form in a test.
#[cfg(test)]
pub(crate) fn to_file(map: &Map) -> MapFile<'_> {
    let c = Canon::new(map);
    MapFile {
        argumap: Version(VERSION),
        title: map.title.clone(),
        description: map.description.clone(),
        sources: c.sources().collect(),
        actors: c.actors().collect(),
        claims: c.claims().collect(),
        arguments: c.arguments().collect(),
        relations: c.relations().collect(),
        stances: c.stances().collect(),
        groups: c.groups().collect(),
        sides: c.sides().collect(),
        ext: map.ext.clone(),
    }
}

/// The canonical form, element by element: [`to_file`] collects it, [`to_writer`] streams
/// it (a million-claim map need not exist twice in memory).
struct Canon<'m> {
    map: &'m Map,
    adj: Adjacency<'m>,
    /// Per argument node: whether all its premises and its conclusion are plain, so they can
    /// go inline on the argument and keep their order.
    plain_structure: Vec<bool>,
}

impl<'m> Canon<'m> {
    fn new(map: &'m Map) -> Canon<'m> {
        let adj = map.adjacency();
        let mut plain_structure =
            vec![false; petgraph::visit::NodeIndexable::node_bound(map.graph())];
        for (ix, e) in map.indexed_elements() {
            if let Element::Argument(_) = e {
                plain_structure[ix.index()] = adj
                    .relations_to(ix)
                    .filter(|r| r.kind == RelationKind::Premise)
                    .chain(
                        adj.relations_from(ix)
                            .filter(|r| r.kind == RelationKind::Conclusion),
                    )
                    .all(Relation::is_bare);
            }
        }
        Canon {
            map,
            adj,
            plain_structure,
        }
    }

    fn structure_inline(&self, arg: &Id) -> bool {
        self.map
            .node_index(arg)
            .is_some_and(|ix| self.plain_structure[ix.index()])
    }

    /// Plain relations go inline on their `from` element.
    fn is_inline(&self, r: &Relation) -> bool {
        r.is_bare()
            && match r.kind {
                RelationKind::Premise => self.structure_inline(&r.to),
                RelationKind::Conclusion => self.structure_inline(&r.from),
                RelationKind::Rephrases => false,
                _ => true,
            }
    }

    fn out_of(&self, ix: NodeIndex, kind: RelationKind) -> Vec<FileId<'m>> {
        file_ids(
            self.adj
                .relations_from(ix)
                .filter(|r| r.kind == kind && self.is_inline(r))
                .map(|r| &r.to),
        )
    }

    fn by(&self, ix: NodeIndex) -> Vec<FileId<'m>> {
        file_ids(self.adj.incoming(ix).filter_map(|(link, _)| match link {
            Link::Stance(s) if s.is_plain_assertion() => Some(&s.actor),
            _ => None,
        }))
    }

    fn actor_links(&self, ix: NodeIndex, kind: ActorLinkKind) -> Vec<FileId<'m>> {
        file_ids(
            self.adj
                .outgoing(ix)
                .filter_map(|(link, other)| match link {
                    Link::Actor(k) if *k == kind => Some(other.id()),
                    _ => None,
                }),
        )
    }

    fn sources(&self) -> impl Iterator<Item = SourceFile<'m>> + '_ {
        self.map.sources().map(|s| SourceFile {
            id: file_id(&s.id),
            kind: (s.kind != SourceKind::Article).then(|| s.kind.into()),
            title: s.title.clone(),
            author: s.author.clone(),
            publisher: s.publisher.clone(),
            date: file_date(&s.date),
            url: s.url.clone(),
            via: s.via.as_ref().map(file_id),
            tags: s.meta.tags().to_vec(),
            origin: file_origin(s.meta.origin()),
            ext: s.meta.ext().cloned(),
            note: s.meta.note().map(str::to_owned),
            silent: s.meta.silent().map(str::to_owned),
        })
    }

    fn actors(&self) -> impl Iterator<Item = ActorFile<'m>> + '_ {
        self.map.indexed_elements().filter_map(|(ix, e)| match e {
            Element::Actor(a) => Some(ActorFile {
                id: file_id(&a.id),
                name: a.name.clone(),
                kind: a.kind.into(),
                role: a.role.clone(),
                member_of: self.actor_links(ix, ActorLinkKind::MemberOf),
                speaks_for: self.actor_links(ix, ActorLinkKind::SpeaksFor),
                tags: a.meta.tags().to_vec(),
                origin: file_origin(a.meta.origin()),
                ext: a.meta.ext().cloned(),
                note: a.meta.note().map(str::to_owned),
                silent: a.meta.silent().map(str::to_owned),
            }),
            _ => None,
        })
    }

    fn claims(&self) -> impl Iterator<Item = ClaimFile<'m>> + '_ {
        self.map.indexed_elements().filter_map(|(ix, e)| match e {
            Element::Claim(c) => Some(ClaimFile {
                id: file_id(&c.id),
                text: Cow::Borrowed(&c.text),
                title: c.title.clone(),
                kind: (c.kind != ClaimKind::Debate).then(|| c.kind.into()),
                by: self.by(ix),
                source: c.source.as_ref().map(file_id),
                quote: c.quote.clone(),
                date: file_date(&c.date),
                supports: self.out_of(ix, RelationKind::Supports),
                rebuts: self.out_of(ix, RelationKind::Rebuts),
                undercuts: self.out_of(ix, RelationKind::Undercuts),
                contradicts: self.out_of(ix, RelationKind::Contradicts),
                tags: c.meta.tags().to_vec(),
                origin: file_origin(c.meta.origin()),
                ext: c.meta.ext().cloned(),
                note: c.meta.note().map(str::to_owned),
                silent: c.meta.silent().map(str::to_owned),
            }),
            _ => None,
        })
    }

    fn arguments(&self) -> impl Iterator<Item = ArgumentFile<'m>> + '_ {
        self.map.indexed_elements().filter_map(|(ix, e)| {
            let Element::Argument(a) = e else {
                return None;
            };
            let inline = self.plain_structure[ix.index()];
            Some(ArgumentFile {
                id: file_id(&a.id),
                text: a.text.clone(),
                title: a.title.clone(),
                premises: if inline {
                    file_ids(
                        self.adj
                            .relations_to(ix)
                            .filter(|r| r.kind == RelationKind::Premise)
                            .map(|r| &r.from),
                    )
                } else {
                    Vec::new()
                },
                conclusion: if inline {
                    self.adj
                        .relations_from(ix)
                        .find(|r| r.kind == RelationKind::Conclusion)
                        .map(|r| file_id(&r.to))
                } else {
                    None
                },
                by: self.by(ix),
                source: a.source.as_ref().map(file_id),
                quote: a.quote.clone(),
                date: file_date(&a.date),
                supports: self.out_of(ix, RelationKind::Supports),
                rebuts: self.out_of(ix, RelationKind::Rebuts),
                undercuts: self.out_of(ix, RelationKind::Undercuts),
                tags: a.meta.tags().to_vec(),
                origin: file_origin(a.meta.origin()),
                ext: a.meta.ext().cloned(),
                note: a.meta.note().map(str::to_owned),
                silent: a.meta.silent().map(str::to_owned),
            })
        })
    }

    fn relations(&self) -> impl Iterator<Item = RelationFile<'m>> + '_ {
        self.map
            .relations()
            .filter(|r| !self.is_inline(r))
            .map(|r| RelationFile {
                from: file_id(&r.from),
                to: file_id(&r.to),
                kind: r.kind.into(),
                by: file_ids(&r.by),
                source: r.source.as_ref().map(file_id),
                quote: r.quote.clone(),
                tags: r.meta.tags().to_vec(),
                origin: file_origin(r.meta.origin()),
                ext: r.meta.ext().cloned(),
                note: r.meta.note().map(str::to_owned),
                silent: r.meta.silent().map(str::to_owned),
            })
    }

    fn stances(&self) -> impl Iterator<Item = StanceFile<'m>> + '_ {
        self.map
            .stances()
            .filter(|s| !s.is_plain_assertion())
            .map(|s| StanceFile {
                actor: file_id(&s.actor),
                target: file_id(&s.target),
                kind: s.kind.into(),
                source: s.source.as_ref().map(file_id),
                quote: s.quote.clone(),
                date: file_date(&s.date),
                tags: s.meta.tags().to_vec(),
                origin: file_origin(s.meta.origin()),
                ext: s.meta.ext().cloned(),
                note: s.meta.note().map(str::to_owned),
                silent: s.meta.silent().map(str::to_owned),
            })
    }

    fn sides(&self) -> impl Iterator<Item = SideFile<'m>> + '_ {
        self.map.sides().map(|s| SideFile {
            id: file_id(&s.id),
            name: s.name.clone(),
            actors: file_ids(&s.actors),
            tags: s.meta.tags().to_vec(),
            origin: file_origin(s.meta.origin()),
            ext: s.meta.ext().cloned(),
            note: s.meta.note().map(str::to_owned),
            silent: s.meta.silent().map(str::to_owned),
        })
    }

    fn groups(&self) -> impl Iterator<Item = GroupFile<'m>> + '_ {
        self.map.groups().map(|g| GroupFile {
            id: file_id(&g.id),
            title: g.title.clone(),
            members: file_ids(&g.members),
            parent: g.parent.as_ref().map(file_id),
            tags: g.meta.tags().to_vec(),
            origin: file_origin(g.meta.origin()),
            ext: g.meta.ext().cloned(),
            note: g.meta.note().map(str::to_owned),
            silent: g.meta.silent().map(str::to_owned),
        })
    }
}

/// A list serialized as its items are made: `F` gives a fresh iterator.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// The canonical form streamed: the same fields, in the same order, with the same lists left
/// out when empty, as [`MapFile`]'s derived `Serialize` (the golden files hold both to it).
struct Streamed<'c, 'm>(&'c Canon<'m>);

impl Serialize for Streamed<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let c = self.0;
        let map = c.map;
        let mut out = serializer.serialize_struct("MapFile", MAP_KEYS.len())?;
        out.serialize_field("argumap", &Version(VERSION))?;
        out.serialize_field("title", &map.title)?;
        if let Some(description) = &map.description {
            out.serialize_field("description", description)?;
        }
        if map.sources().next().is_some() {
            out.serialize_field("sources", &Seq(|| c.sources()))?;
        }
        if map.actors().next().is_some() {
            out.serialize_field("actors", &Seq(|| c.actors()))?;
        }
        if map.claims().next().is_some() {
            out.serialize_field("claims", &Seq(|| c.claims()))?;
        }
        if map.arguments().next().is_some() {
            out.serialize_field("arguments", &Seq(|| c.arguments()))?;
        }
        if map.relations().any(|r| !c.is_inline(r)) {
            out.serialize_field("relations", &Seq(|| c.relations()))?;
        }
        if map.stances().any(|s| !s.is_plain_assertion()) {
            out.serialize_field("stances", &Seq(|| c.stances()))?;
        }
        if map.groups().next().is_some() {
            out.serialize_field("groups", &Seq(|| c.groups()))?;
        }
        if map.sides().next().is_some() {
            out.serialize_field("sides", &Seq(|| c.sides()))?;
        }
        if let Some(ext) = &map.ext {
            out.serialize_field("ext", ext)?;
        }
        out.end()
    }
}
// ---- enum conversions ---------------------------------------------------------------------

macro_rules! mirror {
    ($file:ident <=> $model:ident { $($v:ident),* $(,)? }) => {
        impl From<$file> for $model {
            fn from(k: $file) -> $model {
                match k { $($file::$v => $model::$v,)* }
            }
        }
        impl From<$model> for $file {
            fn from(k: $model) -> $file {
                #[allow(unreachable_patterns)]
                match k { $($model::$v => $file::$v,)* _ => unreachable!("every kind has a file form") }
            }
        }
    };
}

mirror!(SourceKindFile <=> SourceKind { Article, Letter, Statement, Speech, Transcript, Book, Web, Other });
mirror!(ActorKindFile <=> ActorKind { Person, Organisation, Government, Group, Other });
mirror!(RelationKindFile <=> RelationKind { Supports, Rebuts, Undercuts, Premise, Conclusion, Contradicts, Rephrases });
mirror!(StanceKindFile <=> StanceKind { Asserts, Endorses, Denies, Questions });
mirror!(ClaimKindFile <=> ClaimKind { Debate, Framing, Background });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_writes_what_the_file_types_would() {
        let generated = crate::gen::generate(&crate::gen::GenOptions::new(300));
        let maps = [
            from_str(include_str!("../../maps/encryption-debate.json"))
                .unwrap()
                .map,
            from_str(include_str!("../../maps/school-uniforms.json"))
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
            include_str!("../../maps/encryption-debate.json"),
            include_str!("../../maps/school-uniforms.json"),
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
}
