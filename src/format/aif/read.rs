//! Reading AIFdb JSON and xAIF into a map (FORMATS.md sections 1.4 to 1.6 and 2.3).
//!
//! A clean file is read by the fast path ([`super::fast`]): serde_json straight into the
//! borrowed [`Raw`] parts. Any other file, and any file that would give a warning, is parsed
//! with byte spans (the located path) into the same parts, so that each warning and error
//! names its place. From the parts on, both paths are one: every node indexed by its id as a
//! string (`7` and `"7"` are one id), then every S-node classified by its neighbours.
//! Anything malformed is skipped with a warning at its place; only text that is not JSON, or
//! JSON that is not an AIF object, is an error.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Map as JsonMap, Value as Json};

use super::fast::{foreign_id, string};
use super::{scheme_name, EXT_KEY};
use crate::diagnostic::{Diagnostic, Span};
use crate::format::import::{ext_under, field, id_of, origin, str_of, title_of};
use crate::format::json::{LoadError, Loaded};
use crate::format::spanned::{self, Spanned, Value};
use crate::model::{
    Actor, ActorKind, ActorLinkKind, Argument, Claim, ClaimKind, ElementKind, Group, Id, IdPool,
    Map, MetaData, Relation, RelationKind, Side, Source, SourceKind, Stance, StanceKind,
};

/// Hash maps keyed by what one file holds, with a fast hasher (seeded per process).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// Warnings of one sort shown one by one before they are summed up in one more.
const SHOWN_PER_SORT: usize = 10;

/// Loads a map from AIFdb JSON or xAIF text.
///
/// # Errors
///
/// A [`LoadError`] when the text is not JSON (at the line and column of the mistake), or when
/// it is not an AIF object: no `nodes` array (AIFdb) and no `AIF` object (xAIF), an OVA2 file,
/// or `nodes`/`edges` that are not arrays. Everything else (odd nodes and edges, missing
/// schemes, unknown speakers) is skipped or guessed with a warning.
pub fn from_str(src: &str) -> Result<Loaded, LoadError> {
    let mut loaded = match super::fast::load(src) {
        Some(loaded) => loaded,
        None => located(src)?,
    };
    crate::format::settle_dates(&mut loaded, src);
    Ok(loaded)
}

/// Loads through the tree of places, so that every warning and error names where it stands.
pub(super) fn located(src: &str) -> Result<Loaded, LoadError> {
    let root = spanned::parse(src).map_err(|e| {
        fail(
            src,
            e.span,
            e.message,
            "an AIF file must be valid JSON; check the character marked above",
        )
    })?;
    let doc = Document::locate(src, &root)?;
    Ok(load(src, doc.raw()))
}

/// Indexes and builds the map from the parts of a file, as either path read them.
pub(super) fn load(src: &str, raw: Raw<'_>) -> Loaded {
    let mut reader = Reader::new(src);
    let graph = reader.index(
        raw.nodes,
        raw.edges,
        raw.locutions,
        raw.participants,
        raw.fulfilled,
    );
    let map = reader.build(&raw.extras, &graph);
    Loaded {
        map,
        warnings: reader.finish(),
    }
}

fn fail(src: &str, span: Span, message: impl Into<String>, hint: &str) -> LoadError {
    LoadError {
        diagnostics: vec![Diagnostic::error(src, span, message).with_hint(hint)],
    }
}

// ---- spanned JSON helpers ------------------------------------------------------------------

fn items(v: Option<&Spanned<Value>>) -> &[Spanned<Value>] {
    match v.map(|v| &v.value) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

fn to_json(v: &Spanned<Value>) -> Json {
    match &v.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(n.clone()),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.value.clone(), to_json(v)))
                .collect(),
        ),
    }
}

// ---- the document --------------------------------------------------------------------------

/// The parts of the file that matter, wherever the wrapper puts them.
struct Document<'v> {
    aif: &'v Spanned<Value>,
    nodes: &'v [Spanned<Value>],
    edges: &'v [Spanned<Value>],
    /// The xAIF `text`, when there is one.
    text: Option<&'v str>,
    /// The xAIF `OVA` block.
    ova: Option<&'v Spanned<Value>>,
    /// Our own extension object, from an export of ours.
    ext: Option<&'v Spanned<Value>>,
    xaif: bool,
}

impl<'v> Document<'v> {
    fn locate(src: &str, root: &'v Spanned<Value>) -> Result<Document<'v>, LoadError> {
        if !matches!(root.value, Value::Object(_)) {
            return Err(fail(
                src,
                root.span,
                format!(
                    "the file holds {}, not an AIF object",
                    root.value.kind_name()
                ),
                "AIF is a JSON object with `nodes` and `edges` (AIFdb), or with an `AIF` object holding them (xAIF, OVA3)",
            ));
        }
        let (aif, xaif) = match field(root, "AIF") {
            Some(inner) if matches!(inner.value, Value::Object(_)) => (inner, true),
            Some(inner) => return Err(fail(
                src,
                inner.span,
                format!("`AIF` is {}, not an object", inner.value.kind_name()),
                "in xAIF, `AIF` is an object with `nodes`, `edges`, `locutions` and `participants`",
            )),
            None => (root, false),
        };
        if field(root, "analysis").is_some() && field(root, "nodes").is_some_and(first_node_has_id)
        {
            return Err(fail(
                src,
                root.span,
                "this is an OVA2 file (nodes with `id`, a top-level `analysis`), which is not read",
                "open it in OVA3 and save it again: OVA3 writes xAIF, which is read",
            ));
        }
        let Some(nodes) = field(aif, "nodes") else {
            let hint = if field(root, "argumap").is_some() {
                "this looks like an argumap map file: load it as `json`, not as `aif`"
            } else {
                "an AIF file has a `nodes` array (AIFdb), or an `AIF` object holding one (xAIF)"
            };
            return Err(fail(
                src,
                aif.span,
                "no `nodes`: this is not an AIF file",
                hint,
            ));
        };
        let Value::Array(nodes) = &nodes.value else {
            return Err(fail(
                src,
                nodes.span,
                format!("`nodes` is {}, not an array", nodes.value.kind_name()),
                "`nodes` must be an array of objects with `nodeID`, `text` and `type`",
            ));
        };
        let edges = match field(aif, "edges") {
            None => &[][..],
            Some(Spanned {
                value: Value::Array(edges),
                ..
            }) => edges,
            Some(edges) => {
                return Err(fail(
                    src,
                    edges.span,
                    format!("`edges` is {}, not an array", edges.value.kind_name()),
                    "`edges` must be an array of objects with `edgeID`, `fromID` and `toID`",
                ))
            }
        };
        let text = match field(root, "text").map(|t| &t.value) {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(Value::Object(_)) => str_of(field(field(root, "text").unwrap_or(root), "txt")),
            _ => None,
        };
        Ok(Document {
            aif,
            nodes,
            edges,
            text: text.filter(|t| !t.trim().is_empty()),
            ova: field(root, "OVA").filter(|o| matches!(o.value, Value::Object(_))),
            ext: field(root, EXT_KEY).filter(|o| matches!(o.value, Value::Object(_))),
            xaif,
        })
    }

    /// The parts the map is built from.
    fn raw(&self) -> Raw<'v> {
        let nodes = self
            .nodes
            .iter()
            .map(|n| RawNode {
                span: n.span,
                not_object: (!matches!(n.value, Value::Object(_))).then(|| n.value.kind_name()),
                id: field(n, "nodeID").and_then(id_of),
                type_name: str_of(field(n, "type")).map(Cow::Borrowed),
                text: str_of(field(n, "text")).map(Cow::Borrowed),
                scheme: str_of(field(n, "scheme")).map(Cow::Borrowed),
                scheme_id: field(n, "schemeID").and_then(id_of),
                timestamp: str_of(field(n, "timestamp")).map(Cow::Borrowed),
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|e| RawEdge {
                span: e.span,
                from: field(e, "fromID").and_then(id_of),
                to: field(e, "toID").and_then(id_of),
            })
            .collect();
        let locutions = items(field(self.aif, "locutions"))
            .iter()
            .map(|l| RawLocution {
                span: l.span,
                node: field(l, "nodeID").and_then(id_of),
                person: field(l, "personID").and_then(id_of),
                start: str_of(field(l, "start")).map(Cow::Borrowed),
                source: str_of(field(l, "source")).map(Cow::Borrowed),
            })
            .collect();
        let participants = items(field(self.aif, "participants"))
            .iter()
            .map(|p| RawParticipant {
                span: p.span,
                id: field(p, "participantID").and_then(id_of),
                firstname: str_of(field(p, "firstname")).map(Cow::Borrowed),
                surname: str_of(field(p, "surname")).map(Cow::Borrowed),
            })
            .collect();
        let fulfilled = items(field(self.aif, "schemefulfillments"))
            .iter()
            .map(|f| RawFulfillment {
                node: field(f, "nodeID").and_then(id_of),
                scheme: field(f, "schemeID").and_then(id_of),
            })
            .collect();
        let ext_str = |key: &str| {
            self.ext
                .and_then(|e| str_of(field(e, key)))
                .map(str::to_owned)
        };
        let marks = match self.ext.map(to_json) {
            Some(Json::Object(ext)) => Marks::new(ext),
            _ => Marks::default(),
        };
        let layout = items(self.ova.and_then(|o| field(o, "nodes")))
            .iter()
            .filter_map(|n| {
                let (x, y) = (field(n, "x")?, field(n, "y")?);
                Some((id_of(field(n, "nodeID")?)?, to_json(x), to_json(y)))
            })
            .collect();
        let extras = Extras {
            xaif: self.xaif,
            title: ext_str("title"),
            description: ext_str("description"),
            marks,
            text: self.text.map(Cow::Borrowed),
            url: self
                .ova
                .and_then(|o| str_of(field(o, "url")))
                .map(Cow::Borrowed),
            analyst: self.ova.map_or_else(String::new, |ova| {
                full_name(
                    str_of(field(ova, "firstname")),
                    str_of(field(ova, "surname")),
                )
            }),
            layout,
        };
        Raw {
            nodes,
            edges,
            locutions,
            participants,
            fulfilled,
            extras,
        }
    }
}

// ---- the parts of a file -------------------------------------------------------------------

/// The parts of a file the map is built from, as the located path or the fast path read
/// them. The fast path deserializes the lists straight into these types; it knows no places,
/// so its spans are empty, and it gives up on anything that would be warned about.
pub(super) struct Raw<'v> {
    pub(super) nodes: Vec<RawNode<'v>>,
    pub(super) edges: Vec<RawEdge<'v>>,
    pub(super) locutions: Vec<RawLocution<'v>>,
    pub(super) participants: Vec<RawParticipant<'v>>,
    pub(super) fulfilled: Vec<RawFulfillment<'v>>,
    pub(super) extras: Extras<'v>,
}

/// An entry of `nodes`: ids as `id_of` reads them, other fields when they are strings.
#[derive(Deserialize)]
pub(super) struct RawNode<'v> {
    #[serde(skip)]
    span: Span,
    /// What the entry is when it is not an object.
    #[serde(skip)]
    not_object: Option<&'static str>,
    #[serde(rename = "nodeID", default, borrow, deserialize_with = "foreign_id")]
    id: Option<Cow<'v, str>>,
    #[serde(rename = "type", default, borrow, deserialize_with = "string")]
    type_name: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    text: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    scheme: Option<Cow<'v, str>>,
    #[serde(rename = "schemeID", default, borrow, deserialize_with = "foreign_id")]
    scheme_id: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    timestamp: Option<Cow<'v, str>>,
}

/// An entry of `edges`.
#[derive(Deserialize)]
pub(super) struct RawEdge<'v> {
    #[serde(skip)]
    span: Span,
    #[serde(rename = "fromID", default, borrow, deserialize_with = "foreign_id")]
    from: Option<Cow<'v, str>>,
    #[serde(rename = "toID", default, borrow, deserialize_with = "foreign_id")]
    to: Option<Cow<'v, str>>,
}

/// An entry of `locutions`.
#[derive(Deserialize)]
pub(super) struct RawLocution<'v> {
    #[serde(skip)]
    span: Span,
    #[serde(rename = "nodeID", default, borrow, deserialize_with = "foreign_id")]
    node: Option<Cow<'v, str>>,
    #[serde(rename = "personID", default, borrow, deserialize_with = "foreign_id")]
    person: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    start: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    source: Option<Cow<'v, str>>,
}

/// An entry of `participants`.
#[derive(Deserialize)]
pub(super) struct RawParticipant<'v> {
    #[serde(skip)]
    span: Span,
    #[serde(
        rename = "participantID",
        default,
        borrow,
        deserialize_with = "foreign_id"
    )]
    id: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    firstname: Option<Cow<'v, str>>,
    #[serde(default, borrow, deserialize_with = "string")]
    surname: Option<Cow<'v, str>>,
}

/// An entry of xAIF `schemefulfillments`: the scheme of a node by number.
#[derive(Deserialize)]
pub(super) struct RawFulfillment<'v> {
    #[serde(rename = "nodeID", default, borrow, deserialize_with = "foreign_id")]
    node: Option<Cow<'v, str>>,
    #[serde(rename = "schemeID", default, borrow, deserialize_with = "foreign_id")]
    scheme: Option<Cow<'v, str>>,
}

/// What the map takes from outside the AIF lists: our extension object, the xAIF text and
/// OVA's layout and analyst.
pub(super) struct Extras<'v> {
    pub(super) xaif: bool,
    /// The map's title and description from our extension object.
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) marks: Marks,
    /// The xAIF `text`, when it is not blank.
    pub(super) text: Option<Cow<'v, str>>,
    /// OVA's `url`.
    pub(super) url: Option<Cow<'v, str>>,
    /// OVA's analyst, or nothing.
    pub(super) analyst: String,
    /// OVA's `x` and `y` of each node, in file order.
    pub(super) layout: Vec<(Cow<'v, str>, Json, Json)>,
}

/// A first name and a surname, either of which may be missing or blank.
pub(super) fn full_name(first: Option<&str>, last: Option<&str>) -> String {
    [first, last]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A text without the white space around it, still borrowed when it was.
fn trimmed(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

fn first_node_has_id(nodes: &Spanned<Value>) -> bool {
    items(Some(nodes))
        .first()
        .is_some_and(|n| field(n, "id").is_some() && field(n, "nodeID").is_none())
}

// ---- the graph -----------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    I,
    L,
    Ra,
    Ca,
    Ma,
    Pa,
    Ta,
    Ya,
    Other,
}

impl Kind {
    fn of(type_name: &str) -> Kind {
        match type_name.trim() {
            "I" => Kind::I,
            "L" => Kind::L,
            "RA" => Kind::Ra,
            "CA" => Kind::Ca,
            "MA" => Kind::Ma,
            "PA" => Kind::Pa,
            "TA" => Kind::Ta,
            "YA" => Kind::Ya,
            _ => Kind::Other,
        }
    }

    fn is_scheme(self) -> bool {
        matches!(self, Kind::Ra | Kind::Ca | Kind::Ma | Kind::Pa)
    }
}

struct Node<'v> {
    id: Cow<'v, str>,
    kind: Kind,
    type_name: Cow<'v, str>,
    text: Cow<'v, str>,
    scheme: Option<Cow<'v, str>>,
    scheme_id: Option<Cow<'v, str>>,
    timestamp: Option<Cow<'v, str>>,
    span: Span,
    out: Vec<usize>,
    inc: Vec<usize>,
}

struct Locution<'v> {
    person: Option<Cow<'v, str>>,
    start: Option<Cow<'v, str>>,
    source: Option<Cow<'v, str>>,
}

struct Graph<'v> {
    nodes: Vec<Node<'v>>,
    by_id: HashMap<Cow<'v, str>, usize>,
    locutions: HashMap<Cow<'v, str>, Locution<'v>>,
    /// participantID → name, in file order.
    participants: Vec<(Cow<'v, str>, String)>,
}

impl Graph<'_> {
    fn neighbours(&self, list: &[usize], kind: Kind) -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&n| self.nodes[n].kind == kind)
            .collect()
    }
}

// ---- the reader ----------------------------------------------------------------------------

struct Reader<'s> {
    src: &'s str,
    warnings: Vec<Diagnostic>,
    /// How many things of each sort were skipped or guessed.
    counts: BTreeMap<&'static str, usize>,
}

/// A speaker: a personID or, for a locution without one, a name.
struct Person {
    name: String,
    aliases: Vec<String>,
    person_id: Option<String>,
}

/// What our own export wrote about a node in `argumap_ext`.
#[derive(Default)]
pub(super) struct Marks {
    nodes: HashMap<String, JsonMap<String, Json>>,
    participants: HashMap<String, JsonMap<String, Json>>,
    sources: Vec<JsonMap<String, Json>>,
    groups: Vec<JsonMap<String, Json>>,
    sides: Vec<JsonMap<String, Json>>,
}

impl Marks {
    /// The marks in our extension object.
    pub(super) fn new(mut ext: JsonMap<String, Json>) -> Marks {
        let mut table = |key: &str| -> HashMap<String, JsonMap<String, Json>> {
            match ext.remove(key) {
                Some(Json::Object(entries)) => entries
                    .into_iter()
                    .filter_map(|(k, v)| match v {
                        Json::Object(v) => Some((k, v)),
                        _ => None,
                    })
                    .collect(),
                _ => HashMap::default(),
            }
        };
        let (nodes, participants) = (table("nodes"), table("participants"));
        let mut list = |key: &str| -> Vec<JsonMap<String, Json>> {
            match ext.remove(key) {
                Some(Json::Array(entries)) => entries
                    .into_iter()
                    .filter_map(|v| match v {
                        Json::Object(v) => Some(v),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        Marks {
            nodes,
            participants,
            sources: list("sources"),
            groups: list("groups"),
            sides: list("sides"),
        }
    }

    fn node(&self, id: &str, key: &str) -> Option<&str> {
        self.nodes.get(id)?.get(key)?.as_str()
    }

    fn of(&self, id: &str) -> Option<&JsonMap<String, Json>> {
        self.nodes.get(id)
    }

    /// Whether the file is our own export (it marks every node it writes).
    fn is_ours(&self) -> bool {
        !self.nodes.is_empty()
    }
}

/// A string field of a mark.
fn mark_str<'a>(mark: Option<&'a JsonMap<String, Json>>, key: &str) -> Option<&'a str> {
    mark?.get(key)?.as_str()
}

/// Tags, note and other extension data from a mark.
fn apply_meta(data: &mut MetaData, mark: Option<&JsonMap<String, Json>>) {
    let Some(mark) = mark else {
        return;
    };
    if let Some(Json::Array(tags)) = mark.get("tags") {
        data.tags = tags
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect();
    }
    if let Some(note) = mark.get("note").and_then(Json::as_str) {
        data.note = Some(note.to_owned());
    }
    if let Some(silent) = mark.get("silent").and_then(Json::as_str) {
        data.silent = Some(silent.to_owned());
    }
    if let Some(Json::Object(ext)) = mark.get("ext") {
        data.ext
            .get_or_insert_with(JsonMap::new)
            .extend(ext.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// A speaker's illocution aimed at a claim or argument: a stance to be.
struct Anchor<'g> {
    person: usize,
    target: usize,
    ya: usize,
    source: Option<Id>,
    start: Option<&'g str>,
    /// What the speaker said: the L-node's text after the name.
    words: &'g str,
    /// The L-node.
    l: usize,
}

/// What reading an S-node needs to know of the others.
struct Known<'a, 'v> {
    g: &'a Graph<'v>,
    marks: &'a Marks,
    /// Each node's claim or argument, once made.
    element: &'a [Option<Id>],
}

/// The relations read from S-nodes on their way into the map.
struct Relations {
    pending: Vec<Pending>,
    /// S-node → the relations it became (their places in `pending`).
    made: Vec<Vec<usize>>,
    /// CA-nodes read as the first of a `contradicts` pair.
    contradicted: HashSet<usize>,
    /// CA → CA edges, for the map's `ext`.
    attacks_on_attacks: Vec<Json>,
}

impl Relations {
    /// A relation an S-node became.
    fn add(&mut self, s: usize, relation: Relation, span: Span) {
        self.made[s].push(self.pending.len());
        self.pending.push(Pending { relation, span });
    }
}

/// A relation on its way into the map, with the place it came from.
struct Pending {
    relation: Relation,
    span: Span,
}

impl<'s> Reader<'s> {
    fn new(src: &'s str) -> Reader<'s> {
        Reader {
            src,
            warnings: Vec::new(),
            counts: BTreeMap::new(),
        }
    }

    /// Counts a thing of a sort and warns about it, up to [`SHOWN_PER_SORT`] per sort.
    fn warn(&mut self, sort: &'static str, span: Option<Span>, message: String, hint: &str) {
        let n = self.counts.entry(sort).or_default();
        *n += 1;
        if *n <= SHOWN_PER_SORT {
            self.warnings
                .push(Diagnostic::warning(self.src, span, message).with_hint(hint));
        }
    }

    fn count(&mut self, sort: &'static str) {
        *self.counts.entry(sort).or_default() += 1;
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        for (sort, &n) in &self.counts {
            if n > SHOWN_PER_SORT && !sort.starts_with('_') {
                self.warnings.push(Diagnostic::warning(
                    self.src,
                    None,
                    format!(
                        "{} more of the same sort ({sort}) are not shown",
                        n - SHOWN_PER_SORT
                    ),
                ));
            }
        }
        self.warnings
    }

    /// Indexes the nodes, edges, locutions and participants.
    fn index<'v>(
        &mut self,
        raw_nodes: Vec<RawNode<'v>>,
        raw_edges: Vec<RawEdge<'v>>,
        raw_locutions: Vec<RawLocution<'v>>,
        raw_participants: Vec<RawParticipant<'v>>,
        fulfilled: Vec<RawFulfillment<'v>>,
    ) -> Graph<'v> {
        let fulfilled: HashMap<Cow<'v, str>, Cow<'v, str>> = fulfilled
            .into_iter()
            .filter_map(|f| Some((f.node?, f.scheme?)))
            .collect();
        let mut nodes: Vec<Node<'v>> = Vec::with_capacity(raw_nodes.len());
        let mut by_id: HashMap<Cow<'v, str>, usize> =
            HashMap::with_capacity_and_hasher(raw_nodes.len(), Default::default());
        for raw in raw_nodes {
            if let Some(kind_name) = raw.not_object {
                self.warn(
                    "malformed nodes",
                    Some(raw.span),
                    format!("a node is {kind_name}, not an object; skipped"),
                    "a node is an object with `nodeID`, `text` and `type`",
                );
                continue;
            }
            let Some(id) = raw.id else {
                self.warn(
                    "malformed nodes",
                    Some(raw.span),
                    "a node has no `nodeID` (a string or an integer); skipped".into(),
                    "give every node a unique `nodeID`",
                );
                continue;
            };
            let Some(type_name) = raw.type_name else {
                self.warn(
                    "malformed nodes",
                    Some(raw.span),
                    format!("node {id} has no `type`; skipped"),
                    "AIF node types are I, L, RA, CA, MA, PA, TA and YA",
                );
                continue;
            };
            if by_id.contains_key(&id) {
                self.warn(
                    "duplicate ids",
                    Some(raw.span),
                    format!("a second node has the id {id}; skipped"),
                    "node ids must be unique (`7` and `\"7\"` are the same id)",
                );
                continue;
            }
            let kind = Kind::of(&type_name);
            let scheme_id = raw.scheme_id.or_else(|| fulfilled.get(&id).cloned());
            let scheme = raw
                .scheme
                .filter(|s| !s.trim().is_empty())
                .map(trimmed)
                .or_else(|| {
                    scheme_id
                        .as_deref()
                        .and_then(scheme_name)
                        .map(Cow::Borrowed)
                });
            by_id.insert(id.clone(), nodes.len());
            nodes.push(Node {
                id,
                kind,
                type_name,
                text: raw.text.unwrap_or_default(),
                scheme,
                scheme_id,
                timestamp: raw.timestamp.filter(|t| !t.is_empty()),
                span: raw.span,
                out: Vec::new(),
                inc: Vec::new(),
            });
        }
        let mut seen: HashSet<(usize, usize)> =
            HashSet::with_capacity_and_hasher(raw_edges.len(), Default::default());
        for raw in raw_edges {
            let (Some(from), Some(to)) = (raw.from, raw.to) else {
                self.warn(
                    "malformed edges",
                    Some(raw.span),
                    "an edge lacks `fromID` or `toID`; skipped".into(),
                    "an edge is an object with `edgeID`, `fromID` and `toID`",
                );
                continue;
            };
            let (Some(&a), Some(&b)) = (by_id.get(&from), by_id.get(&to)) else {
                let missing = if by_id.contains_key(&from) { to } else { from };
                self.warn(
                    "dangling edges",
                    Some(raw.span),
                    format!("an edge names node {missing}, which is not in `nodes`; skipped"),
                    "add the node, or remove the edge",
                );
                continue;
            };
            if a == b {
                self.warn(
                    "self-loops",
                    Some(raw.span),
                    format!("an edge runs from node {from} to itself; skipped"),
                    "remove the edge",
                );
                continue;
            }
            if !fits(nodes[a].kind, nodes[b].kind) {
                self.warn(
                    "edges of the wrong shape",
                    Some(raw.span),
                    format!(
                        "an edge runs from {} node {from} to {} node {to}, a shape AIF does not use; skipped",
                        nodes[a].type_name, nodes[b].type_name
                    ),
                    "I-nodes meet through RA, CA or MA nodes, L-nodes through YA or TA nodes",
                );
                continue;
            }
            if !seen.insert((a, b)) {
                self.count("_repeated edges");
                continue;
            }
            nodes[a].out.push(b);
            nodes[b].inc.push(a);
        }
        let mut locutions =
            HashMap::with_capacity_and_hasher(raw_locutions.len(), Default::default());
        for raw in raw_locutions {
            let Some(node) = raw.node else {
                self.warn(
                    "malformed locutions",
                    Some(raw.span),
                    "a locution has no `nodeID`; skipped".into(),
                    "a locution names its L-node in `nodeID` and its speaker in `personID`",
                );
                continue;
            };
            locutions.entry(node).or_insert(Locution {
                person: raw.person,
                start: raw.start.filter(|s| !s.trim().is_empty()),
                source: raw.source.filter(|s| !s.trim().is_empty()),
            });
        }
        let mut participants: Vec<(Cow<'v, str>, String)> = Vec::new();
        for raw in raw_participants {
            let Some(id) = raw.id else {
                self.warn(
                    "malformed participants",
                    Some(raw.span),
                    "a participant has no `participantID`; skipped".into(),
                    "a participant is `{participantID, firstname, surname}`",
                );
                continue;
            };
            let name = full_name(raw.firstname.as_deref(), raw.surname.as_deref());
            if participants.iter().all(|(p, _)| *p != id) {
                let name = if name.is_empty() {
                    id.to_string()
                } else {
                    name
                };
                participants.push((id, name));
            }
        }
        Graph {
            nodes,
            by_id,
            locutions,
            participants,
        }
    }

    fn build(&mut self, doc: &Extras<'_>, g: &Graph<'_>) -> Map {
        let marks = &doc.marks;
        let mut map = Map::new(doc.title.clone().unwrap_or_else(|| {
            if doc.xaif {
                "xAIF map".to_owned()
            } else {
                "AIF map".to_owned()
            }
        }));
        map.description.clone_from(&doc.description);
        let mut ids = IdPool::new();
        let (people, speaker) = self.speakers(g);
        let actor_ids = add_actors(&mut map, &mut ids, marks, &people);
        let (named_sources, text_source) = add_sources(&mut map, &mut ids, marks, doc, g);
        let source_of_locution = |l: usize| -> Option<Id> {
            g.locutions
                .get(&g.nodes[l].id)
                .and_then(|loc| loc.source.as_deref())
                .and_then(|s| named_sources.get(s).cloned())
                .or_else(|| text_source.clone())
        };

        let n = g.nodes.len();
        let is_argument = arguments_among(g, marks);
        // Our export writes an argument sketch's description as an I-node entering it.
        let describes: HashMap<usize, usize> = g
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| node.kind == Kind::I)
            .filter_map(|(ix, node)| {
                let ra = marks.node(&node.id, "describes")?;
                let &target = node.out.iter().find(|&&t| g.nodes[t].id == ra)?;
                is_argument[target].then_some((ix, target))
            })
            .collect();

        let described: HashMap<usize, usize> = describes.iter().map(|(&d, &ra)| (ra, d)).collect();
        // OVA3's layout of the I-nodes, kept with the claims.
        let layout: HashMap<&str, (&Json, &Json)> = doc
            .layout
            .iter()
            .map(|(id, x, y)| (id.as_ref(), (x, y)))
            .collect();

        // Stances and makers, before the claims, which take their source from them.
        let mut element: Vec<Option<Id>> = vec![None; n];
        let (anchors, makers) = illocutions(g, &speaker, &is_argument, &source_of_locution);

        // Claims.
        let mut first_source: HashMap<usize, Id> = HashMap::default();
        for a in &anchors {
            if let Some(s) = &a.source {
                first_source.entry(a.target).or_insert_with(|| s.clone());
            }
        }
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::I || describes.contains_key(&ix) {
                continue;
            }
            let text = node.text.trim();
            let text = if text.is_empty() {
                self.warn(
                    "empty texts",
                    Some(node.span),
                    format!("I-node {} has no text", node.id),
                    "give the proposition its words in `text`",
                );
                format!("I-node {}", node.id)
            } else {
                text.to_owned()
            };
            let id = ids.fresh_wanted(marks.node(&node.id, "id"), &text);
            let mark = marks.of(&node.id);
            // Our export keeps a text with white space at its ends apart.
            let text = mark_str(mark, "text")
                .filter(|exact| exact.trim() == text)
                .map_or(text, str::to_owned);
            let mut claim = Claim::new(id.clone(), text);
            claim.title = mark_str(mark, "title").map(str::to_owned);
            claim.source = mark_str(mark, "source")
                .and_then(|s| map.source(s))
                .map(|s| s.id.clone())
                .or_else(|| first_source.get(&ix).cloned());
            claim.quote = mark_str(mark, "quote").map(str::to_owned);
            claim.date = mark_str(mark, "date").map(str::to_owned);
            claim.kind = match mark_str(mark, "kind") {
                Some("framing") => ClaimKind::Framing,
                Some("background") => ClaimKind::Background,
                _ => ClaimKind::Debate,
            };
            let mut data = MetaData {
                origin: Some(origin("aif", &node.id)),
                ..MetaData::default()
            };
            let mut aif = JsonMap::new();
            if let Some(t) = &node.timestamp {
                aif.insert("timestamp".into(), json!(t));
            }
            if let Some(&(x, y)) = layout.get(node.id.as_ref()) {
                aif.insert("x".into(), x.clone());
                aif.insert("y".into(), y.clone());
            }
            if !aif.is_empty() {
                data.ext = Some(ext_under("aif", Json::Object(aif)));
            }
            apply_meta(&mut data, mark);
            claim.meta = data.into();
            if map.add_claim(claim).is_ok() {
                element[ix] = Some(id);
            }
        }

        // Arguments from RA-nodes, with their premises and conclusion.
        let mut rel = Relations {
            pending: Vec::new(),
            made: vec![Vec::new(); n],
            contradicted: HashSet::default(),
            attacks_on_attacks: Vec::new(),
        };
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::Ra || !is_argument[ix] {
                continue;
            }
            let premises = g.neighbours(&node.inc, Kind::I);
            let inputs = premises.len()
                + g.neighbours(&node.inc, Kind::Ra)
                    .into_iter()
                    .filter(|&r| is_argument[r])
                    .count();
            if inputs == 0 {
                self.warn(
                    "S-nodes without a source or target",
                    Some(node.span),
                    format!("RA-node {} has no premise; skipped", node.id),
                    "connect a premise I-node to it, or remove it",
                );
                continue;
            }
            let wanted = marks.node(&node.id, "id");
            let id = ids.fresh_wanted(wanted, &format!("ra-{}", node.id));
            let mut argument = Argument::new(id.clone());
            argument.title = marks
                .node(&node.id, "title")
                .map(str::to_owned)
                .or_else(|| {
                    node.scheme
                        .as_deref()
                        .filter(|s| !s.eq_ignore_ascii_case("Default Inference"))
                        .map(str::to_owned)
                });
            argument.text = marks.node(&node.id, "text").map(str::to_owned);
            // Our export names the text in its marks; other files only have the description.
            let ours = marks.node(&node.id, "as") == Some("argument");
            if let (false, Some(&desc)) = (ours, described.get(&ix)) {
                argument.text = Some(g.nodes[desc].text.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .or(argument.text);
            }
            let mut scheme = JsonMap::new();
            if let Some(s) = &node.scheme {
                scheme.insert("scheme".into(), json!(s));
            }
            if let Some(s) = &node.scheme_id {
                scheme.insert("schemeID".into(), json!(s));
            }
            if let Some(t) = &node.timestamp {
                scheme.insert("timestamp".into(), json!(t));
            }
            let mark = marks.of(&node.id);
            argument.source = mark_str(mark, "source")
                .and_then(|s| map.source(s))
                .map(|s| s.id.clone());
            argument.quote = mark_str(mark, "quote").map(str::to_owned);
            argument.date = mark_str(mark, "date").map(str::to_owned);
            let mut data = MetaData {
                origin: Some(origin("aif", &node.id)),
                ext: (!scheme.is_empty()).then(|| ext_under("aif", Json::Object(scheme))),
                ..MetaData::default()
            };
            apply_meta(&mut data, mark);
            argument.meta = data.into();
            if map.add_argument(argument).is_err() {
                continue;
            }
            element[ix] = Some(id.clone());
            for p in premises {
                if describes.get(&p) == Some(&ix) {
                    continue;
                }
                if let Some(claim) = &element[p] {
                    rel.pending.push(Pending {
                        relation: Relation::new(claim.clone(), RelationKind::Premise, id.clone()),
                        span: node.span,
                    });
                }
            }
        }
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::Ra || !is_argument[ix] {
                continue;
            }
            let Some(arg) = element[ix].clone() else {
                continue;
            };
            let mut concluded = false;
            for t in g.neighbours(&node.out, Kind::I) {
                let Some(claim) = element[t].clone() else {
                    continue;
                };
                let kind = if concluded {
                    self.warn(
                        "RA-nodes with several conclusions",
                        Some(node.span),
                        format!(
                            "RA-node {} has a second conclusion, {}; read as a support from the argument",
                            node.id, g.nodes[t].id
                        ),
                        "an inference has one conclusion; split the RA-node in two",
                    );
                    RelationKind::Supports
                } else {
                    concluded = true;
                    RelationKind::Conclusion
                };
                rel.add(ix, Relation::new(arg.clone(), kind, claim), node.span);
            }
            // An argument entering this one supports it.
            for r in g.neighbours(&node.inc, Kind::Ra) {
                if let (true, Some(from)) = (is_argument[r], element[r].clone()) {
                    rel.add(
                        ix,
                        Relation::new(from, RelationKind::Supports, arg.clone()),
                        node.span,
                    );
                }
            }
        }

        // Direct supports, conflicts and rephrases.
        let mut preferences: Vec<Json> = Vec::new();
        for (ix, node) in g.nodes.iter().enumerate() {
            let sources = |with_arguments: bool| -> Vec<Id> {
                node.inc
                    .iter()
                    .filter(|&&s| {
                        g.nodes[s].kind == Kind::I
                            || with_arguments && g.nodes[s].kind == Kind::Ra && is_argument[s]
                    })
                    .filter_map(|&s| element[s].clone())
                    .collect()
            };
            match node.kind {
                Kind::Ra if !is_argument[ix] => {
                    let from = sources(true);
                    let to: Vec<Id> = node
                        .out
                        .iter()
                        .filter(|&&t| {
                            g.nodes[t].kind == Kind::I
                                || g.nodes[t].kind == Kind::Ra && is_argument[t]
                        })
                        .filter_map(|&t| element[t].clone())
                        .collect();
                    if from.is_empty() || to.is_empty() {
                        self.warn(
                            "S-nodes without a source or target",
                            Some(node.span),
                            format!(
                                "RA-node {} has no {}; skipped",
                                node.id,
                                if from.is_empty() {
                                    "premise"
                                } else {
                                    "conclusion"
                                }
                            ),
                            "an RA-node needs an I-node entering it and one it points to",
                        );
                        continue;
                    }
                    for f in &from {
                        for t in &to {
                            rel.add(
                                ix,
                                Relation::new(f.clone(), RelationKind::Supports, t.clone()),
                                node.span,
                            );
                        }
                    }
                }
                Kind::Ca => {
                    let known = Known {
                        g,
                        marks,
                        element: &element,
                    };
                    self.conflict(&known, ix, sources(true), &mut map, &mut ids, &mut rel);
                }
                Kind::Ma => {
                    let from = sources(false);
                    let to: Vec<Id> = g
                        .neighbours(&node.out, Kind::I)
                        .into_iter()
                        .filter_map(|t| element[t].clone())
                        .collect();
                    let odd = node
                        .inc
                        .iter()
                        .chain(&node.out)
                        .any(|&x| !matches!(g.nodes[x].kind, Kind::I | Kind::Ya));
                    if odd {
                        self.warn(
                            "edges of the wrong shape",
                            Some(node.span),
                            format!(
                                "MA-node {} touches nodes other than I-nodes; those edges are skipped",
                                node.id
                            ),
                            "a rephrase runs I-node → MA-node → I-node",
                        );
                    }
                    if from.is_empty() || to.is_empty() {
                        self.warn(
                            "S-nodes without a source or target",
                            Some(node.span),
                            format!("MA-node {} needs an I-node on each side; skipped", node.id),
                            "a rephrase runs I-node → MA-node → I-node",
                        );
                        continue;
                    }
                    for f in &from {
                        for t in &to {
                            rel.add(
                                ix,
                                Relation::new(f.clone(), RelationKind::Rephrases, t.clone()),
                                node.span,
                            );
                        }
                    }
                }
                Kind::Pa => {
                    preferences.push(json!({
                        "pa": node.id,
                        "from": node.inc.iter().map(|&x| g.nodes[x].id.clone()).collect::<Vec<_>>(),
                        "to": node.out.iter().map(|&x| g.nodes[x].id.clone()).collect::<Vec<_>>(),
                    }));
                    self.warn(
                        "preferences",
                        Some(node.span),
                        format!(
                            "PA-node {}: the model has no preferences; kept in the map's `ext`",
                            node.id
                        ),
                        "nothing to do",
                    );
                }
                Kind::Other => self.warn(
                    "unknown node types",
                    Some(node.span),
                    format!(
                        "node {} has the type {:?}, which is not read; skipped",
                        node.id, node.type_name
                    ),
                    "AIF node types are I, L, RA, CA, MA, PA, TA and YA",
                ),
                _ => {}
            }
        }

        // Who made each relation.
        for &(p, s) in &makers {
            let Some(actor) = actor_ids.get(p) else {
                continue;
            };
            for &r in &rel.made[s] {
                if let Some(Pending { relation, .. }) = rel.pending.get_mut(r) {
                    if !relation.by.contains(actor) {
                        relation.by.push(actor.clone());
                    }
                }
            }
        }
        // What our export noted of each relation: its source, quote, tags, note and makers.
        // In our own export the makers are the noted ones alone.
        if marks.is_ours() {
            for Pending { relation, .. } in rel.pending.iter_mut() {
                relation.by.clear();
            }
        }
        for (ix, node) in g.nodes.iter().enumerate() {
            let Some(Json::Object(mark)) = marks.of(&node.id).and_then(|m| m.get("relation"))
            else {
                continue;
            };
            // An argument's marks are its conclusion link's, which comes first.
            let count = if is_argument[ix] {
                1
            } else {
                rel.made[ix].len()
            };
            for &r in rel.made[ix].iter().take(count) {
                let Some(Pending { relation, .. }) = rel.pending.get_mut(r) else {
                    continue;
                };
                apply_relation_mark(relation, mark, &map);
            }
        }
        // And of each premise link, under its argument's RA by the premise's id: found by
        // argument, in one pass over the relations.
        let premise_marks: HashMap<&Id, &JsonMap<String, Json>> = g
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(ix, node)| {
                let Some(Json::Object(premises)) =
                    marks.of(&node.id).and_then(|m| m.get("premises"))
                else {
                    return None;
                };
                Some((element[ix].as_ref()?, premises))
            })
            .collect();
        for Pending { relation, .. } in rel.pending.iter_mut() {
            if relation.kind != RelationKind::Premise {
                continue;
            }
            let mark = premise_marks
                .get(&relation.to)
                .and_then(|premises| premises.get(relation.from.as_str()));
            if let Some(Json::Object(mark)) = mark {
                apply_relation_mark(relation, mark, &map);
            }
        }
        for Pending { relation, span } in rel.pending {
            let (from, kind, to) = (relation.from.clone(), relation.kind, relation.to.clone());
            if let Err(e) = map.add_relation(relation) {
                if !matches!(e, crate::model::ModelError::DuplicateRelation { .. }) {
                    let what = format!("{from} {} {to}", kind.as_str());
                    self.warn(
                        "relations the model refuses",
                        Some(span),
                        format!("`{what}` is skipped: {e}"),
                        "check the edges of this node",
                    );
                }
            }
        }

        // Stances.
        let mut anchored: HashSet<usize> = HashSet::default();
        for anchor in anchors {
            let target = anchor.target;
            let (Some(actor), Some(target_id)) =
                (actor_ids.get(anchor.person), element[target].clone())
            else {
                continue;
            };
            if let Some(stance) = stance_of(g, marks, &map, actor.clone(), target_id, anchor) {
                anchored.insert(target);
                let _ = map.add_stance(stance); // a repeated stance is stated once
            }
        }
        add_groups(&mut map, &mut ids, marks);
        add_sides(&mut map, &mut ids, marks);

        let claims = g.nodes.iter().filter(|x| x.kind == Kind::I).count();
        let unanchored = g
            .nodes
            .iter()
            .enumerate()
            .filter(|(ix, x)| x.kind == Kind::I && !anchored.contains(ix) && element[*ix].is_some())
            .count();
        if claims > 0 && anchored.is_empty() {
            self.warnings.push(
                Diagnostic::warning(
                    self.src,
                    None,
                    "no claim is anchored in a locution (no L → YA → I path): the claims are imported without speakers",
                )
                .with_hint("the map has no dialogue layer; add L- and YA-nodes to say who said what"),
            );
        }
        *self.counts.entry("claims without a speaker").or_default() += unanchored;

        let ext = self.map_ext(doc, g, rel.attacks_on_attacks, preferences);
        map.ext = Some(ext_under("aif", Json::Object(ext)));
        map
    }

    /// The speakers: participants, then the personIDs of locutions, then the name prefixes of
    /// L-nodes without one. Returns the people and each L-node's speaker; skips and reports
    /// L-nodes with no edges.
    fn speakers(&mut self, g: &Graph<'_>) -> (Vec<Person>, Vec<Option<usize>>) {
        let mut people: Vec<Person> = Vec::new();
        let mut by_person: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(g.participants.len(), Default::default());
        let mut by_name: HashMap<String, usize> =
            HashMap::with_capacity_and_hasher(g.participants.len(), Default::default());
        for (pid, name) in &g.participants {
            by_person.insert(pid, people.len());
            by_name.entry(name.clone()).or_insert(people.len());
            people.push(Person {
                name: name.clone(),
                aliases: Vec::new(),
                person_id: Some(pid.to_string()),
            });
        }
        let mut speaker: Vec<Option<usize>> = vec![None; g.nodes.len()];
        let mut isolated: Vec<&str> = Vec::new();
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::L {
                continue;
            }
            if node.out.is_empty() && node.inc.is_empty() {
                isolated.push(&node.id);
                continue;
            }
            let prefix = name_prefix(&node.text);
            let Some(pid) = g.locutions.get(&node.id).and_then(|l| l.person.as_deref()) else {
                continue;
            };
            let p = *by_person.entry(pid).or_insert_with(|| {
                people.push(Person {
                    name: prefix.unwrap_or(pid).to_owned(),
                    aliases: Vec::new(),
                    person_id: Some(pid.to_owned()),
                });
                people.len() - 1
            });
            if let Some(prefix) = prefix {
                let person = &mut people[p];
                if person.name != prefix && !person.aliases.iter().any(|a| a == prefix) {
                    person.aliases.push(prefix.to_owned());
                }
                if !by_name.contains_key(prefix) {
                    by_name.insert(prefix.to_owned(), p);
                }
            }
            if !by_name.contains_key(&people[p].name) {
                by_name.insert(people[p].name.clone(), p);
            }
            speaker[ix] = Some(p);
        }
        for (ix, node) in g.nodes.iter().enumerate() {
            if node.kind != Kind::L || speaker[ix].is_some() {
                continue;
            }
            if node.out.is_empty() && node.inc.is_empty() {
                continue;
            }
            // No locution entry, or one without a personID: the name prefix is all there is.
            match name_prefix(&node.text) {
                Some(name) => {
                    let p = *by_name.entry(name.to_owned()).or_insert_with(|| {
                        people.push(Person {
                            name: name.to_owned(),
                            aliases: Vec::new(),
                            person_id: None,
                        });
                        people.len() - 1
                    });
                    speaker[ix] = Some(p);
                    self.count("_speakers found by name");
                }
                None => self.warn(
                    "unknown speakers",
                    Some(node.span),
                    format!(
                        "L-node {} has no `locutions` entry and no \"Name : \" prefix, so its speaker is unknown",
                        node.id
                    ),
                    "add a locution `{nodeID, personID}` for it, or begin its text with the speaker's name and \" : \"",
                ),
            }
        }
        if !isolated.is_empty() {
            let n = isolated.len();
            *self.counts.entry("isolated locutions").or_default() += n;
            let shown: Vec<&str> = isolated.iter().take(5).copied().collect();
            self.warnings.push(
                Diagnostic::warning(
                    self.src,
                    None,
                    format!(
                        "skipped {n} L-node(s) with no edges ({}{}): annotator duplicates carry no speaker",
                        shown.join(", "),
                        if n > 5 { ", ..." } else { "" }
                    ),
                )
                .with_hint("nothing to do: AIFdb keeps such copies; OVA3 hides them too"),
            );
        }
        (people, speaker)
    }

    /// A CA-node: rebuttals of claims, undercuts of arguments, an argument for attackers that
    /// work only together, one `contradicts` for a pair our export marked.
    fn conflict(
        &mut self,
        k: &Known<'_, '_>,
        ix: usize,
        from: Vec<Id>,
        map: &mut Map,
        ids: &mut IdPool,
        rel: &mut Relations,
    ) {
        let node = &k.g.nodes[ix];
        let mut targets: Vec<(Id, RelationKind)> = Vec::new();
        for &t in &node.out {
            let target = &k.g.nodes[t];
            match target.kind {
                Kind::I => {
                    if let Some(id) = k.element[t].clone() {
                        targets.push((id, RelationKind::Rebuts));
                    }
                }
                Kind::Ra => match k.element[t].clone() {
                    Some(id) => {
                        let kind = if k.marks.node(&node.id, "as") == Some("rebuts") {
                            RelationKind::Rebuts
                        } else {
                            RelationKind::Undercuts
                        };
                        targets.push((id, kind));
                    }
                    None => self.warn(
                        "S-nodes without a source or target",
                        Some(node.span),
                        format!(
                            "CA-node {} attacks RA-node {}, which was skipped; the attack is skipped too",
                            node.id, target.id
                        ),
                        "give the RA-node a premise and a conclusion",
                    ),
                },
                Kind::Ca => {
                    rel.attacks_on_attacks
                        .push(json!({ "ca": node.id, "target": target.id }));
                    self.warn(
                        "attacks on attacks",
                        Some(node.span),
                        format!(
                            "CA-node {} attacks CA-node {}: the model has no attack on an attack; kept in the map's `ext`",
                            node.id, target.id
                        ),
                        "nothing to do; an AIF export of this map will not restore it",
                    );
                }
                _ => self.warn(
                    "edges of the wrong shape",
                    Some(node.span),
                    format!(
                        "CA-node {} points at a {} node ({}); that edge is skipped",
                        node.id, target.type_name, target.id
                    ),
                    "a CA-node points at the I-node or RA-node it attacks",
                ),
            }
        }
        if from.is_empty() {
            self.warn(
                "S-nodes without a source or target",
                Some(node.span),
                format!("CA-node {} has no attacker; skipped", node.id),
                "connect the attacking I-node to it, or remove it",
            );
            return;
        }
        if targets.is_empty() {
            if node.out.iter().all(|&t| k.g.nodes[t].kind != Kind::Ca) {
                self.warn(
                    "S-nodes without a source or target",
                    Some(node.span),
                    format!("CA-node {} attacks nothing; skipped", node.id),
                    "point it at the I-node or RA-node it attacks",
                );
            }
            return;
        }
        if let Some(pair) = k.marks.node(&node.id, "pair") {
            // Our export writes `contradicts` as two CAs, marked as a pair.
            let other = k.g.by_id.get(pair).copied();
            if let (Some(other), [(t, RelationKind::Rebuts)], [f]) =
                (other, &targets[..], &from[..])
            {
                if !rel.contradicted.contains(&other) {
                    rel.contradicted.insert(ix);
                    rel.add(
                        ix,
                        Relation::new(f.clone(), RelationKind::Contradicts, t.clone()),
                        node.span,
                    );
                } else {
                    rel.made[ix] = rel.made[other].clone();
                }
                return;
            }
        }
        let from = if from.len() >= 2 {
            // Attackers that work only together: a linked attack.
            let id = ids.fresh_wanted(k.marks.node(&node.id, "id"), &format!("ca-{}", node.id));
            let mut argument = Argument::new(id.clone());
            argument.meta = MetaData {
                origin: Some(origin("aif", &node.id)),
                ..MetaData::default()
            }
            .into();
            if map.add_argument(argument).is_err() {
                return;
            }
            for f in from {
                if map.kind_of(&f) == Some(ElementKind::Claim) {
                    rel.pending.push(Pending {
                        relation: Relation::new(f, RelationKind::Premise, id.clone()),
                        span: node.span,
                    });
                }
            }
            vec![id]
        } else {
            from
        };
        for f in &from {
            for (t, kind) in &targets {
                rel.add(ix, Relation::new(f.clone(), *kind, t.clone()), node.span);
            }
        }
    }

    /// The map's AIF extension data: the TA order, what the model cannot hold, the analyst,
    /// and the counts of what was skipped or guessed.
    fn map_ext(
        &self,
        doc: &Extras<'_>,
        g: &Graph<'_>,
        attacks_on_attacks: Vec<Json>,
        preferences: Vec<Json>,
    ) -> JsonMap<String, Json> {
        let transitions: Vec<Json> = g
            .nodes
            .iter()
            .filter(|x| x.kind == Kind::Ta)
            .map(|ta| {
                let ids = |list: &[usize]| -> Vec<String> {
                    g.neighbours(list, Kind::L)
                        .into_iter()
                        .map(|l| g.nodes[l].id.to_string())
                        .collect()
                };
                json!({ "ta": ta.id, "from": ids(&ta.inc), "to": ids(&ta.out) })
            })
            .collect();
        let mut ext = JsonMap::new();
        ext.insert(
            "format".into(),
            json!(if doc.xaif { "xaif" } else { "aif" }),
        );
        if !transitions.is_empty() {
            ext.insert("transitions".into(), Json::Array(transitions));
        }
        if !attacks_on_attacks.is_empty() {
            ext.insert("attacks_on_attacks".into(), Json::Array(attacks_on_attacks));
        }
        if !preferences.is_empty() {
            ext.insert("preferences".into(), Json::Array(preferences));
        }
        if !doc.analyst.is_empty() {
            ext.insert("analyst".into(), json!(doc.analyst));
        }
        let skipped: JsonMap<String, Json> = self
            .counts
            .iter()
            .map(|(k, v)| (k.trim_start_matches('_').to_owned(), json!(v)))
            .collect();
        ext.insert("counts".into(), Json::Object(skipped));
        ext
    }
}

/// Adds an actor for each person, with what our export noted of them, and their links.
/// Returns each person's actor id.
fn add_actors(map: &mut Map, ids: &mut IdPool, marks: &Marks, people: &[Person]) -> Vec<Id> {
    let mut actor_ids: Vec<Id> = Vec::with_capacity(people.len());
    for person in people {
        let mark = person
            .person_id
            .as_ref()
            .and_then(|p| marks.participants.get(p));
        let wanted = mark.and_then(|m| m.get("id")?.as_str());
        let id = ids.fresh_wanted(wanted, &person.name);
        let kind = mark
            .and_then(|m| m.get("kind")?.as_str())
            .and_then(|k| ActorKind::ALL.into_iter().find(|a| a.as_str() == k))
            .unwrap_or(ActorKind::Person);
        let name = mark
            .and_then(|m| m.get("name")?.as_str())
            .map_or_else(|| person.name.clone(), str::to_owned);
        let mut actor = Actor::new(id.clone(), name, kind);
        actor.role = mark.and_then(|m| Some(m.get("role")?.as_str()?.to_owned()));
        let mut data = MetaData {
            origin: person.person_id.as_deref().map(|p| origin("aif", p)),
            ..MetaData::default()
        };
        if !person.aliases.is_empty() {
            data.ext = Some(ext_under("aif", json!({ "aliases": person.aliases })));
        }
        apply_meta(&mut data, mark);
        actor.meta = data.into();
        if map.add_actor(actor).is_ok() {
            actor_ids.push(id);
        }
    }

    for person in people {
        let Some(mark) = person
            .person_id
            .as_ref()
            .and_then(|p| marks.participants.get(p))
        else {
            continue;
        };
        let Some(member) = mark_str(Some(mark), "id").and_then(|id| map.id(id).cloned()) else {
            continue;
        };
        for kind in ActorLinkKind::ALL {
            let Some(Json::Array(others)) = mark.get(kind.as_str()) else {
                continue;
            };
            for other in others.iter().filter_map(Json::as_str) {
                if let Ok(other) = Id::new(other) {
                    let _ = map.add_actor_link(&member, kind, &other);
                }
            }
        }
    }
    actor_ids
}

/// Adds the sources: those our export noted, the analysed xAIF text, and every named locution
/// source. Returns the sources by title and URL, and the analysed text's.
fn add_sources(
    map: &mut Map,
    ids: &mut IdPool,
    marks: &Marks,
    doc: &Extras<'_>,
    g: &Graph<'_>,
) -> (HashMap<String, Id>, Option<Id>) {
    let mut named_sources: HashMap<String, Id> = HashMap::default();
    for mark in &marks.sources {
        let (Some(id), Some(title)) = (mark_str(Some(mark), "id"), mark_str(Some(mark), "title"))
        else {
            continue;
        };
        let id = ids.fresh_wanted(Some(id), id);
        let mut source = Source::new(id.clone(), title);
        if let Some(kind) = mark_str(Some(mark), "kind") {
            source.kind = SOURCE_KINDS
                .into_iter()
                .find(|k| k.as_str() == kind)
                .unwrap_or_default();
        }
        source.author = mark_str(Some(mark), "author").map(str::to_owned);
        source.publisher = mark_str(Some(mark), "publisher").map(str::to_owned);
        source.date = mark_str(Some(mark), "date").map(str::to_owned);
        source.url = mark_str(Some(mark), "url").map(str::to_owned);
        let mut data = MetaData::default();
        apply_meta(&mut data, Some(mark));
        source.meta = data.into();
        let keys = [source.url.clone(), Some(source.title.clone())];
        if map.add_source(source).is_ok() {
            for key in keys.into_iter().flatten() {
                named_sources.entry(key).or_insert_with(|| id.clone());
            }
        }
    }
    for mark in &marks.sources {
        if let (Some(id), Some(via)) = (mark_str(Some(mark), "id"), mark_str(Some(mark), "via")) {
            if let Some(via) = map.id(via).cloned() {
                map.set_source_via(id, via);
            }
        }
    }
    let mut text_source: Option<Id> = None;
    if let Some(text) = doc.text.as_deref() {
        let id = ids.fresh_wanted(None, "text");
        let mut source = Source::new(id.clone(), title_of(text));
        source.kind = SourceKind::Transcript;
        source.url = doc
            .url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
            .map(str::to_owned);
        source.meta = MetaData {
            ext: Some(ext_under("aif", json!({ "text": text }))),
            ..MetaData::default()
        }
        .into();
        if map.add_source(source).is_ok() {
            text_source = Some(id);
        }
    }
    for node in &g.nodes {
        let Some(name) = g.locutions.get(&node.id).and_then(|l| l.source.as_deref()) else {
            continue;
        };
        if named_sources.contains_key(name) {
            continue;
        }
        let id = ids.fresh_wanted(None, name);
        let mut source = Source::new(id.clone(), name);
        if name.starts_with("http://") || name.starts_with("https://") {
            source.url = Some(name.to_owned());
            source.kind = SourceKind::Web;
        }
        if map.add_source(source).is_ok() {
            named_sources.insert(name.to_owned(), id);
        }
    }
    (named_sources, text_source)
}

/// Which RA-nodes become arguments (FORMATS.md 1.6): two or more premises, a named scheme, an
/// undercut, use as an input of another RA or CA, or a direct stance on them; or our export's
/// mark.
fn arguments_among(g: &Graph<'_>, marks: &Marks) -> Vec<bool> {
    let n = g.nodes.len();
    let anchored_directly = |s: usize| {
        g.neighbours(&g.nodes[s].inc, Kind::Ya)
            .into_iter()
            .any(|y| !g.neighbours(&g.nodes[y].inc, Kind::L).is_empty())
    };
    let mut is_argument = vec![false; n];
    for (ix, node) in g.nodes.iter().enumerate() {
        if node.kind != Kind::Ra {
            continue;
        }
        is_argument[ix] = match marks.node(&node.id, "as") {
            Some("argument") => true,
            Some("supports") => false,
            _ => {
                g.neighbours(&node.inc, Kind::I).len() >= 2
                    || node.scheme.as_deref().is_some_and(|s| {
                        !s.eq_ignore_ascii_case("Default Inference") && !s.trim().is_empty()
                    })
                    || !g.neighbours(&node.inc, Kind::Ca).is_empty()
                    || node
                        .out
                        .iter()
                        .any(|&t| matches!(g.nodes[t].kind, Kind::Ra | Kind::Ca))
                    || anchored_directly(ix)
            }
        };
    }
    is_argument
}

/// Adds the groups our export noted, with the members that exist.
fn add_groups(map: &mut Map, ids: &mut IdPool, marks: &Marks) {
    let mut parents: Vec<(Id, Id)> = Vec::new();
    for mark in &marks.groups {
        let (Some(id), Some(title)) = (mark_str(Some(mark), "id"), mark_str(Some(mark), "title"))
        else {
            continue;
        };
        let id = ids.fresh_wanted(Some(id), id);
        let mut group = Group::new(id.clone(), title);
        if let Some(Json::Array(members)) = mark.get("members") {
            group.members = members
                .iter()
                .filter_map(Json::as_str)
                .filter(|m| {
                    matches!(
                        map.kind_of(m),
                        Some(ElementKind::Claim | ElementKind::Argument)
                    )
                })
                .filter_map(|m| map.id(m).cloned())
                .collect();
        }
        let mut data = MetaData::default();
        apply_meta(&mut data, Some(mark));
        group.meta = data.into();
        if let Some(parent) = mark_str(Some(mark), "parent").and_then(|p| Id::new(p).ok()) {
            parents.push((id, parent));
        }
        let _ = map.add_group(group);
    }
    for (group, parent) in parents {
        let _ = map.set_group_parent(&group, Some(parent));
    }
}

/// Adds the sides our export noted, with the actors that exist.
fn add_sides(map: &mut Map, ids: &mut IdPool, marks: &Marks) {
    for mark in &marks.sides {
        let (Some(id), Some(name)) = (mark_str(Some(mark), "id"), mark_str(Some(mark), "name"))
        else {
            continue;
        };
        let mut side = Side::new(ids.fresh_wanted(Some(id), id), name);
        if let Some(Json::Array(actors)) = mark.get("actors") {
            side.actors = actors
                .iter()
                .filter_map(Json::as_str)
                .filter_map(|a| map.actor(a).map(|a| a.id.clone()))
                .collect();
        }
        let mut data = MetaData::default();
        apply_meta(&mut data, Some(mark));
        side.meta = data.into();
        let _ = map.add_side(side);
    }
}

/// The illocutions (YA-nodes) with their speakers: stances to be (`L → YA → I`, a direct
/// `L → YA` on an argument's RA, `TA → YA → I`), and who made which S-node (`TA → YA → S`),
/// as (person, S-node).
fn illocutions<'g>(
    g: &'g Graph<'_>,
    speaker: &[Option<usize>],
    is_argument: &[bool],
    source_of_locution: &dyn Fn(usize) -> Option<Id>,
) -> (Vec<Anchor<'g>>, Vec<(usize, usize)>) {
    let mut anchors: Vec<Anchor<'_>> = Vec::new();
    let mut makers: Vec<(usize, usize)> = Vec::new(); // (actor, S-node)
    for (ya, node) in g.nodes.iter().enumerate() {
        if node.kind != Kind::Ya {
            continue;
        }
        let mut speakers: Vec<(usize, usize, bool)> = Vec::new(); // (person, L, direct)
        for &from in &node.inc {
            match g.nodes[from].kind {
                Kind::L => {
                    if let Some(p) = speaker[from] {
                        speakers.push((p, from, true));
                    }
                }
                Kind::Ta => {
                    for l in g.neighbours(&g.nodes[from].out, Kind::L) {
                        if let Some(p) = speaker[l] {
                            speakers.push((p, l, false));
                        }
                    }
                }
                _ => {}
            }
        }
        for &target in &node.out {
            let t = &g.nodes[target];
            for &(p, l, direct) in &speakers {
                let stance_on =
                    t.kind == Kind::I || (direct && t.kind == Kind::Ra && is_argument[target]);
                if stance_on {
                    let start = g
                        .locutions
                        .get(&g.nodes[l].id)
                        .and_then(|x| x.start.as_deref());
                    anchors.push(Anchor {
                        person: p,
                        target,
                        ya,
                        source: source_of_locution(l),
                        start,
                        words: spoken_words(&g.nodes[l].text),
                        l,
                    });
                } else if t.kind.is_scheme() {
                    makers.push((p, target));
                }
            }
        }
    }
    (anchors, makers)
}

/// The stance an illocution takes on a claim or argument, with what our export noted of it;
/// `None` for the analyst's own act.
fn stance_of(
    g: &Graph<'_>,
    marks: &Marks,
    map: &Map,
    actor: Id,
    target: Id,
    anchor: Anchor<'_>,
) -> Option<Stance> {
    let Anchor {
        ya,
        source,
        start,
        words,
        l,
        ..
    } = anchor;
    let act = g.nodes[ya]
        .scheme
        .as_deref()
        .unwrap_or_else(|| g.nodes[ya].text.trim());
    let kind = stance_kind(act)?;
    let mut stance = Stance::new(actor, kind, target);
    stance.source = source;
    stance.date = start.and_then(date_of);
    // The words of the claim itself are no quote (white space at their ends aside, which
    // the L-node's text loses).
    let said_as_claimed = map
        .claim(&stance.target)
        .is_some_and(|c| c.text.trim() == words.trim())
        || map
            .argument(&stance.target)
            .is_some_and(|a| a.text.as_deref().map(str::trim) == Some(words.trim()));
    if !words.is_empty() && !said_as_claimed {
        stance.quote = Some(words.to_owned());
    }
    let mut ext = JsonMap::new();
    if canonical_act(kind) != act {
        ext.insert("act".into(), json!(act));
    }
    if let Some(start) = start {
        ext.insert("start".into(), json!(start));
    }
    let mut data = MetaData {
        ext: (!ext.is_empty()).then(|| ext_under("aif", Json::Object(ext))),
        ..MetaData::default()
    };
    let mark = marks.of(&g.nodes[l].id);
    if mark.is_some_and(|m| m.contains_key("stance")) {
        // Our export: the mark says it all, the locution's start only repeats the date.
        stance.source = mark_str(mark, "source")
            .and_then(|s| map.source(s))
            .map(|s| s.id.clone());
        stance.date = mark_str(mark, "date").map(str::to_owned);
        stance.quote = mark_str(mark, "quote").map(str::to_owned);
        if let Some(ext) = &mut data.ext {
            if let Some(Json::Object(aif)) = ext.get_mut("aif") {
                aif.remove("start");
                if aif.is_empty() {
                    ext.remove("aif");
                }
            }
        }
        if data.ext.as_ref().is_some_and(JsonMap::is_empty) {
            data.ext = None;
        }
        apply_meta(&mut data, mark);
    }
    stance.meta = data.into();
    Some(stance)
}

/// What our export noted of a relation: its source, quote, makers, tags and note.
fn apply_relation_mark(relation: &mut Relation, mark: &JsonMap<String, Json>, map: &Map) {
    relation.source = mark_str(Some(mark), "source")
        .and_then(|s| map.source(s))
        .map(|s| s.id.clone());
    relation.quote = mark_str(Some(mark), "quote").map(str::to_owned);
    if let Some(Json::Array(by)) = mark.get("by") {
        relation.by = by
            .iter()
            .filter_map(Json::as_str)
            .filter_map(|a| map.actor(a))
            .map(|a| a.id.clone())
            .collect();
    }
    let mut data = relation.meta.data().clone();
    apply_meta(&mut data, Some(mark));
    relation.meta = data.into();
}

/// Whether an edge between nodes of two types can mean anything (FORMATS.md 1.3).
fn fits(from: Kind, to: Kind) -> bool {
    use Kind::*;
    let scheme = |k: Kind| matches!(k, Ra | Ca | Ma | Pa);
    match (from, to) {
        (Other, _) | (_, Other) => true, // the node itself is reported
        (I, I) | (I, L) | (L, I) | (I, Ta) | (Ta, I) | (L, L) | (I, Ya) => false,
        (L, s) | (s, L) if scheme(s) => false,
        (Ta, s) | (s, Ta) if scheme(s) => false,
        _ => true,
    }
}

/// Every kind of source, to read a kind's name back.
const SOURCE_KINDS: [SourceKind; 8] = [
    SourceKind::Article,
    SourceKind::Letter,
    SourceKind::Statement,
    SourceKind::Speech,
    SourceKind::Transcript,
    SourceKind::Book,
    SourceKind::Web,
    SourceKind::Other,
];

/// The speaker's name in an L-node's text, `"Mara Lind : words"`, without an annotator's
/// prefix (`"Sam: Tomas Ek : words"` gives `Tomas Ek`).
fn name_prefix(text: &str) -> Option<&str> {
    let (prefix, _) = text.split_once(" : ")?;
    let name = prefix.rsplit(':').next().unwrap_or(prefix).trim();
    (!name.is_empty()).then_some(name)
}

/// The words of an L-node, without the speaker's name in front.
fn spoken_words(text: &str) -> &str {
    text.split_once(" : ")
        .map_or(text, |(_, words)| words)
        .trim()
}

/// The stance an illocution takes, by its name (FORMATS.md 1.4); `None` for the analyst's
/// own act.
pub(super) fn stance_kind(act: &str) -> Option<StanceKind> {
    // Acts are short ASCII words, squashed on the stack; the rest the long way (a non-ASCII
    // letter may lower-case to an ASCII one).
    let mut buf = [0u8; 24];
    let mut len = 0;
    let squashed: String;
    let squashed = if act.is_ascii() {
        for b in act.bytes().filter(|&b| !char::from(b).is_whitespace()) {
            let Some(slot) = buf.get_mut(len) else {
                return Some(StanceKind::Asserts); // longer than any act with a meaning
            };
            *slot = b.to_ascii_lowercase();
            len += 1;
        }
        std::str::from_utf8(&buf[..len]).unwrap_or_default()
    } else {
        squashed = act
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        squashed.as_str()
    };
    Some(match squashed {
        "analysing" | "analyzing" => return None,
        "agreeing" => StanceKind::Endorses,
        "disagreeing" => StanceKind::Denies,
        "purequestioning"
        | "assertivequestioning"
        | "rhetoricalquestioning"
        | "challenging"
        | "questioning" => StanceKind::Questions,
        _ => StanceKind::Asserts,
    })
}

/// The illocution our export writes for a stance.
pub(super) fn canonical_act(kind: StanceKind) -> &'static str {
    match kind {
        StanceKind::Endorses => "Agreeing",
        StanceKind::Denies => "Disagreeing",
        StanceKind::Questions => "Pure Questioning",
        _ => "Asserting",
    }
}

/// `YYYY-MM-DD` from the start of an AIF time stamp, when it has one.
fn date_of(stamp: &str) -> Option<String> {
    let date = stamp.get(..10)?;
    let ok = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    ok.then(|| date.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_prefixes_drop_the_annotator() {
        assert_eq!(name_prefix("Mara Lind : we should"), Some("Mara Lind"));
        assert_eq!(name_prefix("Sam: Tomas Ek : a ban"), Some("Tomas Ek"));
        assert_eq!(name_prefix("no prefix here"), None);
        assert_eq!(name_prefix(" : empty name"), None);
    }

    #[test]
    fn acts_give_stances() {
        assert_eq!(stance_kind("Agreeing"), Some(StanceKind::Endorses));
        assert_eq!(
            stance_kind("AssertiveQuestioning"),
            Some(StanceKind::Questions)
        );
        assert_eq!(stance_kind("Restating"), Some(StanceKind::Asserts));
        assert_eq!(stance_kind("Analysing"), None);
        assert_eq!(
            stance_kind(" Pure\tQuestioning\u{b}"),
            Some(StanceKind::Questions)
        );
        assert_eq!(stance_kind("DISAGREEING"), Some(StanceKind::Denies));
        assert_eq!(
            stance_kind(&"Agreeing".repeat(4)),
            Some(StanceKind::Asserts)
        );
        // The Kelvin sign lower-cases to `k`; non-ASCII acts take the long way.
        assert_eq!(stance_kind("Asserting\u{a0}"), Some(StanceKind::Asserts));
        assert_eq!(stance_kind("Agreeing\u{2003}"), Some(StanceKind::Endorses));
    }

    #[test]
    fn dates_come_from_time_stamps() {
        assert_eq!(
            date_of("2024-05-12 17:30:05").as_deref(),
            Some("2024-05-12")
        );
        assert_eq!(date_of("12/05/2024"), None);
        assert_eq!(date_of("2024"), None);
    }
}
