//! Building the map from the parts of an AIF file (FORMATS.md sections 1.4 to 1.6): every
//! node indexed by its id as a string (`7` and `"7"` are one id), then every S-node
//! classified by its neighbours. Anything malformed is skipped with a warning at its place.
//!
//! The dialogue layer (speakers, illocutions, stances) is in `build/dialogue.rs`; the
//! relations the S-nodes make in `build/relations.rs`; what our own extension object and OVA
//! add (sources, groups, sides, the map's `ext`) in `build/ext.rs`.

mod dialogue;
mod ext;
mod relations;

use crate::model::Date;
use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{json, Map as JsonMap, Value as Json};

use super::raw::{
    full_name, mark_str, Extras, Marks, Raw, RawEdge, RawFulfillment, RawLocution, RawNode,
    RawParticipant,
};
use super::scheme_name;
use crate::diagnostic::{Diagnostic, Span};
use crate::format::import::{ext_under, origin, title_of};
use crate::format::json::Loaded;
use crate::model::{
    Actor, ActorKind, ActorLinkKind, Argument, Claim, ClaimKind, ElementKind, Group, Id, IdPool,
    Map, MetaData, Relation, RelationKind, Side, Source, SourceKind, Stance, StanceKind,
};

use dialogue::{add_actors, illocutions, stance_of};
pub(super) use dialogue::{canonical_act, stance_kind};
use ext::{add_groups, add_sides, add_sources, apply_relation_mark};
use relations::{Pending, Relations};

/// Hash maps keyed by what one file holds, with a fast hasher (seeded per process).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// Warnings of one sort shown one by one before they are summed up in one more.
const SHOWN_PER_SORT: usize = 10;

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

/// A text without the white space around it, still borrowed when it was.
fn trimmed(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
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

/// What every step of the build reads: the graph, our export's marks, and what they say
/// before any element is made.
struct Scope<'a, 'v> {
    g: &'a Graph<'v>,
    marks: &'a Marks,
    /// Which RA-nodes are arguments (the others are direct supports).
    is_argument: Vec<bool>,
    /// An I-node our export wrote as an argument sketch's description → the argument's
    /// RA-node, which it enters.
    describes: HashMap<usize, usize>,
}

impl<'a, 'v> Scope<'a, 'v> {
    fn new(g: &'a Graph<'v>, marks: &'a Marks) -> Self {
        let is_argument = arguments_among(g, marks);
        let describes = g
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
        Scope {
            g,
            marks,
            is_argument,
            describes,
        }
    }
}

/// What reading an S-node needs to know of the others.
struct Known<'a, 'v> {
    g: &'a Graph<'v>,
    marks: &'a Marks,
    /// Each node's claim or argument, once made.
    element: &'a [Option<Id>],
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

    /// Warns that an S-node lacks what it joins (a premise, a conclusion, an attacker, a
    /// target) and is skipped: one sort for them all.
    fn skip_unconnected(&mut self, node: &Node<'_>, message: String, hint: &str) {
        self.warn(
            "S-nodes without a source or target",
            Some(node.span),
            message,
            hint,
        );
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

    /// Builds the map, step by step: the actors and sources, the claims, the arguments, the
    /// relations the S-nodes make, then the stances, groups and sides.
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
        map.ext.clone_from(&marks.map_ext);
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
        let scope = Scope::new(g, marks);

        // Stances and makers, before the claims, which take their source from them.
        let (anchors, makers) = illocutions(g, &speaker, &scope.is_argument, &source_of_locution);
        let mut element = self.add_claims(&scope, &doc.layout, &anchors, &mut map, &mut ids);
        let mut rel = Relations::new(g.nodes.len());
        self.add_arguments(&scope, &mut element, &mut map, &mut ids, &mut rel);
        self.add_conclusions(&scope, &element, &mut rel);
        let preferences = self.read_s_nodes(&scope, &element, &mut map, &mut ids, &mut rel);
        rel.credit_makers(&makers, &actor_ids);
        rel.apply_marks(&scope, &element, &map);
        self.add_relations(&mut map, std::mem::take(&mut rel.pending));

        let anchored = add_stances(&scope, &element, anchors, &actor_ids, &mut map);
        add_groups(&mut map, &mut ids, marks);
        add_sides(&mut map, &mut ids, marks);
        self.count_unanchored(g, &element, &anchored);

        let ext = self.map_ext(doc, g, rel.attacks_on_attacks, preferences);
        // Beside the map's own extension data, which our export keeps in `map_ext`.
        map.ext
            .get_or_insert_with(JsonMap::new)
            .insert("aif".into(), Json::Object(ext));
        map
    }

    /// A claim for each I-node (but those our export wrote as an argument's description);
    /// returns each node's claim, by node.
    fn add_claims(
        &mut self,
        scope: &Scope<'_, '_>,
        layout: &[(Cow<'_, str>, Json, Json)],
        anchors: &[Anchor<'_>],
        map: &mut Map,
        ids: &mut IdPool,
    ) -> Vec<Option<Id>> {
        let Scope {
            g,
            marks,
            describes,
            ..
        } = scope;
        let mut element: Vec<Option<Id>> = vec![None; g.nodes.len()];
        // OVA3's layout of the I-nodes, kept with the claims.
        let layout: HashMap<&str, (&Json, &Json)> = layout
            .iter()
            .map(|(id, x, y)| (id.as_ref(), (x, y)))
            .collect();
        let mut first_source: HashMap<usize, Id> = HashMap::default();
        for a in anchors {
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
            // Our export marks a claim's own source; an unmarked claim takes its first
            // speaker's (a locution's source is where the words were read).
            claim.source = match mark {
                Some(_) => mark_str(mark, "source")
                    .and_then(|s| map.source(s))
                    .map(|s| s.id.clone()),
                None => first_source.get(&ix).cloned(),
            };
            claim.quote = mark_str(mark, "quote").map(str::to_owned);
            claim.date = mark_str(mark, "date").and_then(|d| Date::new(d).ok());
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
        element
    }

    /// An argument for each RA-node that is one, with its premises.
    fn add_arguments(
        &mut self,
        scope: &Scope<'_, '_>,
        element: &mut [Option<Id>],
        map: &mut Map,
        ids: &mut IdPool,
        rel: &mut Relations,
    ) {
        let Scope {
            g,
            marks,
            is_argument,
            describes,
        } = scope;
        let described: HashMap<usize, usize> = describes.iter().map(|(&d, &ra)| (ra, d)).collect();
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
                self.skip_unconnected(
                    node,
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
            argument.date = mark_str(mark, "date").and_then(|d| Date::new(d).ok());
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
    }

    /// Counts the claims no speaker is anchored to, and says so once when none is.
    fn count_unanchored(
        &mut self,
        g: &Graph<'_>,
        element: &[Option<Id>],
        anchored: &HashSet<usize>,
    ) {
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
    }
}

/// Which RA-nodes become arguments (FORMATS.md 1.6): two or more premises, a named scheme, an
/// undercut, use as an input of another RA or CA, or a direct stance on them; or our export's
/// mark.
/// The stances the illocutions anchor; returns the nodes that got one.
fn add_stances(
    scope: &Scope<'_, '_>,
    element: &[Option<Id>],
    anchors: Vec<Anchor<'_>>,
    actor_ids: &[Id],
    map: &mut Map,
) -> HashSet<usize> {
    let Scope { g, marks, .. } = scope;
    let mut anchored: HashSet<usize> = HashSet::default();
    for anchor in anchors {
        let target = anchor.target;
        let (Some(actor), Some(target_id)) =
            (actor_ids.get(anchor.person), element[target].clone())
        else {
            continue;
        };
        if let Some(stance) = stance_of(g, marks, map, actor.clone(), target_id, anchor) {
            anchored.insert(target);
            let _ = map.add_stance(stance); // a repeated stance is stated once
        }
    }
    anchored
}

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

/// `YYYY-MM-DD` from the start of an AIF time stamp, when it has one.
fn date_of(stamp: &str) -> Option<String> {
    let date = stamp.get(..10)?;
    let ok = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    ok.then(|| date.to_owned())
}
