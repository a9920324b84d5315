//! The map: elements in a petgraph `StableGraph`, found by their ids.
//!
//! Every mutator checks the invariants (unique ids, references that resolve to the right sort
//! of element, at most one conclusion per argument) so a `Map` is always consistent. Edges
//! carry an insertion number so that output order survives removals (a `StableGraph` reuses
//! freed slots).

use std::collections::HashSet;

use indexmap::IndexMap;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::element::*;
use super::{Id, ModelError};

/// The weight of an edge in the map's petgraph graph.
#[derive(Clone, Debug)]
pub struct Edge {
    seq: u64,
    link: Link,
}

impl Edge {
    /// What the edge stands for.
    pub fn link(&self) -> &Link {
        &self.link
    }

    /// The edge's place in the order links were added.
    pub(crate) fn seq(&self) -> u64 {
        self.seq
    }
}

/// An argument map: claims, arguments, actors, sources and groups, and the relations,
/// stances and actor links between them.
///
/// Elements keep the order they were added in; every output (JSON, DOT) follows it, so the
/// same map always gives the same bytes.
#[derive(Clone, Debug, Default)]
pub struct Map {
    /// The map's title.
    pub title: String,
    /// A longer description.
    pub description: Option<String>,
    /// Extension data of the whole map, for foreign formats.
    pub ext: Option<serde_json::Map<String, serde_json::Value>>,
    /// The `$schema` the map file names, kept so that saving keeps it.
    pub schema: Option<String>,
    graph: StableDiGraph<Element, Edge>,
    nodes: IndexMap<Id, NodeIndex, Hasher>,
    sources: IndexMap<Id, Source, Hasher>,
    groups: IndexMap<Id, Group, Hasher>,
    sides: IndexMap<Id, Side, Hasher>,
    next_seq: u64,
    /// Every link as (from, to, kind), so that a duplicate is found without walking a node's
    /// edges (an actor may assert a million claims).
    link_keys: HashSet<(NodeIndex, NodeIndex, u8), Hasher>,
    /// Whether an edge was ever removed: until then petgraph's edge order is insertion order
    /// and needs no sorting.
    removed_edges: bool,
}

type Hasher = foldhash::fast::RandomState;

/// A small number that tells apart every kind of link, for [`Map::link_keys`].
fn link_key(link: &Link) -> u8 {
    match link {
        Link::Relation(r) => relation_key(r.kind),
        Link::Stance(s) => stance_key(s.kind),
        Link::Actor(k) => actor_key(*k),
    }
}

fn relation_key(kind: RelationKind) -> u8 {
    kind as u8
}

fn stance_key(kind: StanceKind) -> u8 {
    16 + kind as u8
}

fn actor_key(kind: ActorLinkKind) -> u8 {
    32 + kind as u8
}

const CLAIM_OR_ARGUMENT: &str = "a claim or an argument";

impl Map {
    /// An empty map with a title.
    pub fn new(title: impl Into<String>) -> Map {
        Map {
            title: title.into(),
            ..Map::default()
        }
    }

    // ---- lookup -------------------------------------------------------------------------

    /// What sort of element an id names, if any.
    pub fn kind_of(&self, id: &str) -> Option<ElementKind> {
        if let Some(&ix) = self.nodes.get(id) {
            Some(self.graph[ix].kind())
        } else if self.sources.contains_key(id) {
            Some(ElementKind::Source)
        } else if self.groups.contains_key(id) {
            Some(ElementKind::Group)
        } else if self.sides.contains_key(id) {
            Some(ElementKind::Side)
        } else {
            None
        }
    }

    /// The map's own copy of an id (cheap to clone), if any element has it.
    pub fn id(&self, text: &str) -> Option<&Id> {
        self.nodes
            .get_key_value(text)
            .map(|(k, _)| k)
            .or_else(|| self.sources.get_key_value(text).map(|(k, _)| k))
            .or_else(|| self.groups.get_key_value(text).map(|(k, _)| k))
            .or_else(|| self.sides.get_key_value(text).map(|(k, _)| k))
    }

    /// Whether any element has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.kind_of(id).is_some()
    }

    /// Every id in the map: sources, actors, claims, arguments, groups, sides.
    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.sources
            .keys()
            .chain(self.nodes.keys())
            .chain(self.groups.keys())
            .chain(self.sides.keys())
    }

    /// The claim, argument or actor with this id.
    pub fn element(&self, id: &str) -> Option<&Element> {
        self.nodes.get(id).map(|&ix| &self.graph[ix])
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        match self.element(id)? {
            Element::Claim(c) => Some(c),
            _ => None,
        }
    }

    /// The argument with this id.
    pub fn argument(&self, id: &str) -> Option<&Argument> {
        match self.element(id)? {
            Element::Argument(a) => Some(a),
            _ => None,
        }
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        match self.element(id)? {
            Element::Actor(a) => Some(a),
            _ => None,
        }
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(id)
    }

    /// Claims, arguments and actors in the order they were added.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.nodes.values().map(|&ix| &self.graph[ix])
    }

    /// All claims, in order.
    pub fn claims(&self) -> impl Iterator<Item = &Claim> {
        self.elements().filter_map(|e| match e {
            Element::Claim(c) => Some(c),
            _ => None,
        })
    }

    /// All arguments, in order.
    pub fn arguments(&self) -> impl Iterator<Item = &Argument> {
        self.elements().filter_map(|e| match e {
            Element::Argument(a) => Some(a),
            _ => None,
        })
    }

    /// All actors, in order.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.elements().filter_map(|e| match e {
            Element::Actor(a) => Some(a),
            _ => None,
        })
    }

    /// All sources, in order.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.values()
    }

    /// All groups, in order.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    /// The side with this id.
    pub fn side(&self, id: &str) -> Option<&Side> {
        self.sides.get(id)
    }

    /// The sides of the debate, in order (none when the map does not say).
    pub fn sides(&self) -> impl Iterator<Item = &Side> {
        self.sides.values()
    }

    /// Each actor's side: the first side that names the actor, or names an actor it is a
    /// member of or speaks for (at any depth). Actors on no side are absent.
    ///
    /// Time: linear in actors plus actor links (one breadth-first walk down from the
    /// sides' actors, through the reversed membership links).
    pub fn sides_of_actors(&self) -> std::collections::HashMap<&Id, &Side> {
        let mut side_of: std::collections::HashMap<&Id, &Side> = std::collections::HashMap::new();
        let mut queue: std::collections::VecDeque<NodeIndex> = std::collections::VecDeque::new();
        for side in self.sides.values() {
            for actor in &side.actors {
                if let Some((id, &ix)) = self.nodes.get_key_value(actor.as_str()) {
                    if !side_of.contains_key(id) {
                        side_of.insert(id, side);
                        queue.push_back(ix);
                    }
                }
            }
        }
        while let Some(ix) = queue.pop_front() {
            let side = side_of[self.graph[ix].id()];
            for e in self.graph.edges_directed(ix, Direction::Incoming) {
                if let Link::Actor(_) = e.weight().link {
                    let member = e.source();
                    let id = self.graph[member].id();
                    if !side_of.contains_key(id) {
                        side_of.insert(id, side);
                        queue.push_back(member);
                    }
                }
            }
        }
        side_of
    }

    fn sorted_edges(&self) -> Vec<&Edge> {
        let mut edges: Vec<&Edge> = self.graph.edge_weights().collect();
        if self.removed_edges {
            edges.sort_unstable_by_key(|e| e.seq);
        }
        edges
    }

    /// All relations in the order they were added, premise and conclusion links included.
    pub fn relations(&self) -> impl Iterator<Item = &Relation> {
        self.sorted_edges()
            .into_iter()
            .filter_map(|e| e.link.relation())
    }

    /// All stances in the order they were added (plain assertions from `by` included).
    pub fn stances(&self) -> impl Iterator<Item = &Stance> {
        self.sorted_edges()
            .into_iter()
            .filter_map(|e| e.link.stance())
    }

    /// Every actor link as (actor, kind, other actor), in the order they were added.
    pub fn actor_links(&self) -> Vec<(&Id, ActorLinkKind, &Id)> {
        let mut out: Vec<(u64, &Id, ActorLinkKind, &Id)> = self
            .graph
            .edge_indices()
            .filter_map(|e| match self.graph[e].link {
                Link::Actor(kind) => {
                    let (a, b) = self.graph.edge_endpoints(e)?;
                    Some((
                        self.graph[e].seq,
                        self.graph[a].id(),
                        kind,
                        self.graph[b].id(),
                    ))
                }
                _ => None,
            })
            .collect();
        out.sort_unstable_by_key(|t| t.0);
        out.into_iter().map(|(_, a, k, b)| (a, k, b)).collect()
    }

    /// Number of claims, arguments and actors.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// A read-only view of the underlying petgraph graph, for its algorithms. Node weights
    /// are [`Element`]s; use [`Map::node_index`] to find an id's node.
    pub fn graph(&self) -> &StableDiGraph<Element, Edge> {
        &self.graph
    }

    /// The petgraph node of a claim, argument or actor.
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// Claims, arguments and actors in map order, each with its petgraph node.
    pub fn indexed_elements(&self) -> impl Iterator<Item = (NodeIndex, &Element)> {
        self.nodes.values().map(|&ix| (ix, &self.graph[ix]))
    }

    /// Every edge, in the order the links were added.
    pub(crate) fn sorted_edge_indices(&self) -> Vec<EdgeIndex> {
        let mut edges: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        if self.removed_edges {
            edges.sort_unstable_by_key(|&e| self.graph[e].seq);
        }
        edges
    }

    // ---- queries ------------------------------------------------------------------------

    fn links(&self, id: &str, dir: Direction) -> Vec<(&Edge, &Element)> {
        let Some(&ix) = self.nodes.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<(&Edge, &Element)> = self
            .graph
            .edges_directed(ix, dir)
            .map(|e| {
                let other = if dir == Direction::Incoming {
                    e.source()
                } else {
                    e.target()
                };
                (e.weight(), &self.graph[other])
            })
            .collect();
        out.sort_unstable_by_key(|(e, _)| e.seq);
        out
    }

    /// Relations that end at this element, in order.
    pub fn relations_to(&self, id: &str) -> Vec<&Relation> {
        self.links(id, Direction::Incoming)
            .into_iter()
            .filter_map(|(e, _)| e.link.relation())
            .collect()
    }

    /// Relations that start at this element, in order.
    pub fn relations_from(&self, id: &str) -> Vec<&Relation> {
        self.links(id, Direction::Outgoing)
            .into_iter()
            .filter_map(|(e, _)| e.link.relation())
            .collect()
    }

    /// The attacks on a claim or argument: what rebuts or undercuts it, and what contradicts
    /// it (in either direction). Each attacker's id with the relation.
    pub fn rebuttals(&self, id: &str) -> Vec<(&Id, &Relation)> {
        let mut out: Vec<(&Id, &Relation)> = self
            .relations_to(id)
            .into_iter()
            .filter(|r| r.kind.is_attack())
            .map(|r| (&r.from, r))
            .collect();
        out.extend(
            self.relations_from(id)
                .into_iter()
                .filter(|r| r.kind == RelationKind::Contradicts)
                .map(|r| (&r.to, r)),
        );
        out
    }

    /// What supports a claim or argument: its direct supporters and the arguments that
    /// conclude it.
    pub fn supporters(&self, id: &str) -> Vec<(&Id, &Relation)> {
        self.relations_to(id)
            .into_iter()
            .filter(|r| matches!(r.kind, RelationKind::Supports | RelationKind::Conclusion))
            .map(|r| (&r.from, r))
            .collect()
    }

    /// The premises of an argument, in order.
    pub fn premises(&self, argument: &str) -> Vec<&Id> {
        self.relations_to(argument)
            .into_iter()
            .filter(|r| r.kind == RelationKind::Premise)
            .map(|r| &r.from)
            .collect()
    }

    /// The conclusion of an argument.
    pub fn conclusion(&self, argument: &str) -> Option<&Id> {
        self.relations_from(argument)
            .into_iter()
            .find(|r| r.kind == RelationKind::Conclusion)
            .map(|r| &r.to)
    }

    /// Stances toward a claim or argument, in order.
    pub fn stances_on(&self, id: &str) -> Vec<&Stance> {
        self.links(id, Direction::Incoming)
            .into_iter()
            .filter_map(|(e, _)| e.link.stance())
            .collect()
    }

    /// The actors who assert a claim or argument.
    pub fn asserted_by(&self, id: &str) -> Vec<&Actor> {
        self.stances_on(id)
            .into_iter()
            .filter(|s| s.kind == StanceKind::Asserts)
            .filter_map(|s| self.actor(&s.actor))
            .collect()
    }

    /// Stances an actor takes, in order.
    pub fn stances_of(&self, actor: &str) -> Vec<&Stance> {
        self.links(actor, Direction::Outgoing)
            .into_iter()
            .filter_map(|(e, _)| e.link.stance())
            .collect()
    }

    /// The claims and arguments an actor asserts, in order.
    pub fn assertions_of(&self, actor: &str) -> Vec<&Element> {
        self.stances_of(actor)
            .into_iter()
            .filter(|s| s.kind == StanceKind::Asserts)
            .filter_map(|s| self.element(&s.target))
            .collect()
    }

    /// The actors this actor is linked to by a kind of link (e.g. what it is a member of).
    pub fn actor_links_of(&self, actor: &str, kind: ActorLinkKind) -> Vec<&Id> {
        self.links(actor, Direction::Outgoing)
            .into_iter()
            .filter(|(e, _)| matches!(e.link, Link::Actor(k) if k == kind))
            .map(|(_, other)| other.id())
            .collect()
    }

    /// The root theses: claims that support, rebut, undercut nothing and are no premise.
    /// The top of the map, what the debate is about.
    pub fn root_theses(&self) -> Vec<&Claim> {
        // A claim's outgoing edges are all relations (stances and actor links start at actors).
        self.indexed_elements()
            .filter_map(|(ix, e)| match e {
                Element::Claim(c) => Some((ix, c)),
                _ => None,
            })
            .filter(|&(ix, _)| {
                self.graph.edges_directed(ix, Direction::Outgoing).all(|e| {
                    matches!(&e.weight().link, Link::Relation(r)
                        if matches!(r.kind, RelationKind::Contradicts | RelationKind::Rephrases))
                })
            })
            .map(|(_, c)| c)
            .collect()
    }

    /// Rebuttals and undercuts whose attacker nothing attacks back: the objections left
    /// unanswered. A structural view; evaluation decides what stands.
    ///
    /// Linear: one pass over the edges marks every attacked node (not a walk of each
    /// attacker's edges per rebuttal, which a node rebutting thousands would repeat).
    pub fn unanswered_rebuttals(&self) -> Vec<&Relation> {
        self.unanswered_rebuttal_edges()
            .into_iter()
            .map(|(_, _, r)| r)
            .collect()
    }

    /// [`Map::unanswered_rebuttals`], each with the nodes of its two ends.
    pub(crate) fn unanswered_rebuttal_edges(&self) -> Vec<(NodeIndex, NodeIndex, &Relation)> {
        let bound = petgraph::visit::NodeIndexable::node_bound(&self.graph);
        let mut attacked = vec![false; bound];
        for e in self.graph.edge_indices() {
            if let Link::Relation(r) = &self.graph[e].link {
                let (from, to) = self.graph.edge_endpoints(e).expect("live edge");
                if r.kind.is_attack() {
                    attacked[to.index()] = true;
                }
                if r.kind == RelationKind::Contradicts {
                    attacked[from.index()] = true;
                }
            }
        }
        self.sorted_edge_indices()
            .into_iter()
            .filter_map(|e| match &self.graph[e].link {
                Link::Relation(r)
                    if matches!(r.kind, RelationKind::Rebuts | RelationKind::Undercuts) =>
                {
                    let (from, to) = self.graph.edge_endpoints(e)?;
                    (!attacked[from.index()]).then_some((from, to, r))
                }
                _ => None,
            })
            .collect()
    }

    /// Makes room for this many more claims, arguments and actors, and links, so that a big
    /// map is not copied as it grows.
    pub fn reserve(&mut self, elements: usize, links: usize) {
        self.graph.reserve_nodes(elements);
        self.graph.reserve_edges(links);
        self.nodes.reserve(elements);
        self.link_keys.reserve(links);
    }

    // ---- changes ------------------------------------------------------------------------

    fn check_new_id(&self, id: &Id) -> Result<(), ModelError> {
        if self.contains(id) {
            Err(ModelError::DuplicateId(id.clone()))
        } else {
            Ok(())
        }
    }

    fn check_kind(
        &self,
        id: &Id,
        ok: &'static [ElementKind],
        wanted: &'static str,
    ) -> Result<ElementKind, ModelError> {
        let found = self
            .kind_of(id)
            .ok_or_else(|| ModelError::UnknownId { id: id.clone() })?;
        if ok.contains(&found) {
            Ok(found)
        } else {
            Err(ModelError::WrongKind {
                id: id.clone(),
                found: found.with_article(),
                wanted,
                expected: ok,
            })
        }
    }

    /// The node of a claim, argument or actor of an allowed kind, found with one lookup.
    fn node_of(
        &self,
        id: &Id,
        ok: &'static [ElementKind],
        wanted: &'static str,
    ) -> Result<NodeIndex, ModelError> {
        match self.nodes.get(id) {
            Some(&ix) if ok.contains(&self.graph[ix].kind()) => Ok(ix),
            _ => self
                .check_kind(id, ok, wanted)
                .and(Err(ModelError::UnknownId { id: id.clone() })),
        }
    }

    /// Checks that a node is of an allowed kind.
    fn check_node(
        &self,
        ix: NodeIndex,
        ok: &'static [ElementKind],
        wanted: &'static str,
    ) -> Result<(), ModelError> {
        let element = &self.graph[ix];
        if ok.contains(&element.kind()) {
            Ok(())
        } else {
            Err(ModelError::WrongKind {
                id: element.id().clone(),
                found: element.kind().with_article(),
                wanted,
                expected: ok,
            })
        }
    }

    /// The node of a claim, argument or actor, with the map's own copy of its id.
    pub(crate) fn node_id(&self, text: &str) -> Option<(NodeIndex, &Id)> {
        self.nodes.get_key_value(text).map(|(id, &ix)| (ix, id))
    }

    fn check_source(&self, source: &Option<Id>) -> Result<(), ModelError> {
        match source {
            Some(s) if self.sources.contains_key(s) => Ok(()),
            Some(s) => self
                .check_kind(s, &[ElementKind::Source], "a source")
                .map(drop),
            None => Ok(()),
        }
    }

    /// Adds a claim, argument or actor under a new id. The small tables (sources, groups)
    /// are checked first; the big one is probed once, to check and to insert.
    fn add_node(&mut self, element: Element) -> Result<NodeIndex, ModelError> {
        let id = element.id();
        if self.sources.contains_key(id)
            || self.groups.contains_key(id)
            || self.sides.contains_key(id)
        {
            return Err(ModelError::DuplicateId(id.clone()));
        }
        match self.nodes.entry(id.clone()) {
            indexmap::map::Entry::Occupied(e) => Err(ModelError::DuplicateId(e.key().clone())),
            indexmap::map::Entry::Vacant(e) => {
                let ix = self.graph.add_node(element);
                e.insert(ix);
                Ok(ix)
            }
        }
    }

    /// Adds an edge whose key the caller has just put in `link_keys` (the check for a
    /// duplicate and the insertion are one hash operation).
    fn add_edge(&mut self, a: NodeIndex, b: NodeIndex, link: Link) -> EdgeIndex {
        debug_assert!(self.link_keys.contains(&(a, b, link_key(&link))));
        let seq = self.next_seq;
        self.next_seq += 1;
        self.graph.add_edge(a, b, Edge { seq, link })
    }

    /// Adds a source.
    ///
    /// # Errors
    ///
    /// [`ModelError::DuplicateId`] when the id is taken.
    pub fn add_source(&mut self, source: Source) -> Result<(), ModelError> {
        self.check_new_id(&source.id)?;
        self.sources.insert(source.id.clone(), source);
        Ok(())
    }

    /// Adds a side. Its actors must already be in the map.
    ///
    /// # Errors
    ///
    /// [`ModelError::DuplicateId`], or an unknown or wrong-kind actor.
    pub fn add_side(&mut self, side: Side) -> Result<(), ModelError> {
        self.check_new_id(&side.id)?;
        for a in &side.actors {
            self.check_kind(a, &[ElementKind::Actor], "an actor")?;
        }
        self.sides.insert(side.id.clone(), side);
        Ok(())
    }

    /// Says through which source a source is known (see [`Source::via`]); `via` must be
    /// another source of the map. Returns whether both were found.
    pub fn set_source_via(&mut self, source: &str, via: Id) -> bool {
        if via.as_str() == source || !self.sources.contains_key(via.as_str()) {
            return false;
        }
        match self.sources.get_mut(source) {
            Some(s) => {
                s.via = Some(via);
                true
            }
            None => false,
        }
    }

    /// Adds an actor.
    ///
    /// # Errors
    ///
    /// [`ModelError::DuplicateId`] when the id is taken.
    pub fn add_actor(&mut self, actor: Actor) -> Result<(), ModelError> {
        self.add_node(Element::Actor(actor)).map(drop)
    }

    /// Adds a claim.
    ///
    /// # Errors
    ///
    /// [`ModelError::EmptyText`] when its text is blank (the map file refuses such a claim,
    /// so the model does too); [`ModelError::DuplicateId`] when the id is taken;
    /// [`ModelError::UnknownId`] or [`ModelError::WrongKind`] when its source is not a
    /// source of the map.
    pub fn add_claim(&mut self, claim: Claim) -> Result<(), ModelError> {
        self.add_element(Element::Claim(claim)).map(drop)
    }

    /// Adds a claim, argument or actor and returns its node, for a loader that goes on to
    /// link it.
    pub(crate) fn add_element(&mut self, element: Element) -> Result<NodeIndex, ModelError> {
        match &element {
            Element::Claim(c) if c.text.trim().is_empty() => {
                return Err(ModelError::EmptyText(c.id.clone()))
            }
            Element::Claim(c) => self.check_source(&c.source)?,
            Element::Argument(a) => self.check_source(&a.source)?,
            Element::Actor(_) => {}
        }
        self.add_node(element)
    }

    /// Adds an argument (its premises and conclusion are relations, added afterwards).
    ///
    /// # Errors
    ///
    /// As [`Map::add_claim`].
    pub fn add_argument(&mut self, argument: Argument) -> Result<(), ModelError> {
        self.add_element(Element::Argument(argument)).map(drop)
    }

    /// Adds a group. Its members and parent must already be in the map.
    ///
    /// # Errors
    ///
    /// [`ModelError::DuplicateId`], or an unknown or wrong-kind member or parent.
    pub fn add_group(&mut self, group: Group) -> Result<(), ModelError> {
        for m in &group.members {
            self.check_kind(
                m,
                &[ElementKind::Claim, ElementKind::Argument],
                CLAIM_OR_ARGUMENT,
            )?;
        }
        self.add_group_of_checked_members(group)
    }

    /// [`Map::add_group`] for a caller that has checked every member already (a loader that
    /// resolved them), saving a lookup per member.
    pub(crate) fn add_group_of_checked_members(&mut self, group: Group) -> Result<(), ModelError> {
        debug_assert!(group.members.iter().all(|m| matches!(
            self.kind_of(m),
            Some(ElementKind::Claim | ElementKind::Argument)
        )));
        self.check_new_id(&group.id)?;
        if let Some(p) = &group.parent {
            self.check_kind(p, &[ElementKind::Group], "a group")?;
        }
        self.groups.insert(group.id.clone(), group);
        Ok(())
    }

    /// Sets the parent of a group that is already in the map (groups may name parents that
    /// come later in a file). Walks up from the parent to refuse a circle: time linear in the
    /// depth of the nesting.
    ///
    /// # Errors
    ///
    /// An unknown group or parent, or [`ModelError::GroupCycle`].
    pub fn set_group_parent(&mut self, group: &Id, parent: Option<Id>) -> Result<(), ModelError> {
        self.check_kind(group, &[ElementKind::Group], "a group")?;
        if let Some(p) = &parent {
            self.check_kind(p, &[ElementKind::Group], "a group")?;
            let mut at = Some(p.clone());
            let mut steps = 0;
            while let Some(g) = at {
                if &g == group || steps > self.groups.len() {
                    return Err(ModelError::GroupCycle(group.clone()));
                }
                at = self.groups[&g].parent.clone();
                steps += 1;
            }
        }
        self.groups[group].parent = parent;
        Ok(())
    }

    /// The group's place among the map's groups.
    pub(crate) fn group_index(&self, id: &str) -> Option<usize> {
        self.groups.get_index_of(id)
    }

    /// [`Map::set_group_parent`] for a loader that has found already that the parent does
    /// not close a circle (by a union-find over all groups: a walk up per group would take
    /// time that grows with the square of the nesting's depth).
    pub(crate) fn set_group_parent_acyclic(
        &mut self,
        group: &Id,
        parent: Id,
    ) -> Result<(), ModelError> {
        self.check_kind(group, &[ElementKind::Group], "a group")?;
        self.check_kind(&parent, &[ElementKind::Group], "a group")?;
        self.groups[group].parent = Some(parent);
        Ok(())
    }

    /// Adds a relation, checking that its ends are of the right sort for its kind:
    /// supports and rebuts join claims and arguments; undercuts end at an argument;
    /// premise runs claim to argument, conclusion argument to claim (one per argument);
    /// contradicts and rephrases join claims. `by` must name actors.
    ///
    /// # Errors
    ///
    /// The [`ModelError`] naming the first reference that does not fit.
    pub fn add_relation(&mut self, relation: Relation) -> Result<(), ModelError> {
        let (from_ok, to_ok, from_wanted, to_wanted) = relation_ends(relation.kind);
        let a = self.node_of(&relation.from, from_ok, from_wanted)?;
        let b = self.node_of(&relation.to, to_ok, to_wanted)?;
        self.add_relation_at(a, b, relation)
    }

    /// [`Map::add_relation`] for callers that found both ends' nodes already (a loader that
    /// resolved the ids), saving two lookups per relation.
    pub(crate) fn add_relation_at(
        &mut self,
        a: NodeIndex,
        b: NodeIndex,
        relation: Relation,
    ) -> Result<(), ModelError> {
        use ElementKind as K;
        use RelationKind as R;
        let (from_ok, to_ok, from_wanted, to_wanted) = relation_ends(relation.kind);
        self.check_node(a, from_ok, from_wanted)?;
        self.check_node(b, to_ok, to_wanted)?;
        for actor in &relation.by {
            self.check_kind(actor, &[K::Actor], "an actor")?;
        }
        self.check_source(&relation.source)?;
        if relation.from == relation.to {
            return Err(ModelError::SelfLoop(relation.from.clone()));
        }
        if relation.kind == R::Conclusion {
            let conclusion_key = (a, relation_key(R::Conclusion));
            let existing = self
                .graph
                .edges_directed(a, Direction::Outgoing)
                .find(|e| (e.source(), link_key(&e.weight().link)) == conclusion_key)
                .map(|e| self.graph[e.target()].id());
            if let Some(existing) = existing {
                return Err(ModelError::SecondConclusion {
                    argument: relation.from.clone(),
                    existing: existing.clone(),
                });
            }
        }
        let key = relation_key(relation.kind);
        if (relation.kind == R::Contradicts && self.link_keys.contains(&(b, a, key)))
            || !self.link_keys.insert((a, b, key))
        {
            return Err(ModelError::DuplicateRelation {
                from: relation.from.clone(),
                to: relation.to.clone(),
                kind: relation.kind,
            });
        }
        self.add_edge(a, b, Link::Relation(relation));
        Ok(())
    }

    /// Adds a stance of an actor toward a claim or argument.
    ///
    /// # Errors
    ///
    /// An unknown or wrong-kind actor, target or source; a stance stated twice.
    pub fn add_stance(&mut self, stance: Stance) -> Result<(), ModelError> {
        let a = self.node_of(&stance.actor, &[ElementKind::Actor], "an actor")?;
        let b = self.node_of(
            &stance.target,
            &[ElementKind::Claim, ElementKind::Argument],
            CLAIM_OR_ARGUMENT,
        )?;
        self.add_stance_at(a, b, stance)
    }

    /// [`Map::add_stance`] for callers that found both nodes already.
    pub(crate) fn add_stance_at(
        &mut self,
        a: NodeIndex,
        b: NodeIndex,
        stance: Stance,
    ) -> Result<(), ModelError> {
        self.check_node(a, &[ElementKind::Actor], "an actor")?;
        self.check_node(
            b,
            &[ElementKind::Claim, ElementKind::Argument],
            CLAIM_OR_ARGUMENT,
        )?;
        self.check_source(&stance.source)?;
        if !self.link_keys.insert((a, b, stance_key(stance.kind))) {
            return Err(ModelError::DuplicateStance {
                actor: stance.actor.clone(),
                target: stance.target.clone(),
                kind: stance.kind,
            });
        }
        self.add_edge(a, b, Link::Stance(stance));
        Ok(())
    }

    /// Links one actor to another: `member` is a member of, or speaks for, `of`.
    ///
    /// # Errors
    ///
    /// Either end unknown or not an actor; an actor linked to itself or twice.
    pub fn add_actor_link(
        &mut self,
        member: &Id,
        kind: ActorLinkKind,
        of: &Id,
    ) -> Result<(), ModelError> {
        let a = self.node_of(member, &[ElementKind::Actor], "an actor")?;
        let b = self.node_of(of, &[ElementKind::Actor], "an actor")?;
        if member == of {
            return Err(ModelError::SelfLoop(member.clone()));
        }
        if !self.link_keys.insert((a, b, actor_key(kind))) {
            return Err(ModelError::DuplicateActorLink {
                member: member.clone(),
                kind,
                of: of.clone(),
            });
        }
        self.add_edge(a, b, Link::Actor(kind));
        Ok(())
    }

    /// Removes a claim, argument, actor, source or group with everything that points at it:
    /// its relations and stances, its place in groups, its mentions in `by` lists and the
    /// `source` fields that name it. Returns whether the id was in the map.
    pub fn remove(&mut self, id: &str) -> bool {
        if let Some(ix) = self.nodes.shift_remove(id) {
            for dir in [Direction::Outgoing, Direction::Incoming] {
                for e in self.graph.edges_directed(ix, dir) {
                    let key = (e.source(), e.target(), link_key(&e.weight().link));
                    self.link_keys.remove(&key);
                    self.removed_edges = true;
                }
            }
            self.graph.remove_node(ix);
            for g in self.groups.values_mut() {
                g.members.retain(|m| m != id);
            }
            for side in self.sides.values_mut() {
                side.actors.retain(|a| a != id);
            }
            for e in self.graph.edge_weights_mut() {
                if let Link::Relation(r) = &mut e.link {
                    r.by.retain(|a| a != id);
                }
            }
            true
        } else if self.sources.shift_remove(id).is_some() {
            let clear = |s: &mut Option<Id>| {
                if s.as_deref() == Some(id) {
                    *s = None;
                }
            };
            for n in self.graph.node_weights_mut() {
                match n {
                    Element::Claim(c) => clear(&mut c.source),
                    Element::Argument(a) => clear(&mut a.source),
                    Element::Actor(_) => {}
                }
            }
            for e in self.graph.edge_weights_mut() {
                match &mut e.link {
                    Link::Relation(r) => clear(&mut r.source),
                    Link::Stance(s) => clear(&mut s.source),
                    Link::Actor(_) => {}
                }
            }
            true
        } else if self.groups.shift_remove(id).is_some() {
            for g in self.groups.values_mut() {
                if g.parent.as_deref() == Some(id) {
                    g.parent = None;
                }
            }
            true
        } else {
            self.sides.shift_remove(id).is_some()
        }
    }
}

/// What the two ends of a relation of each kind may be, and how to say it.
fn relation_ends(
    kind: RelationKind,
) -> (
    &'static [ElementKind],
    &'static [ElementKind],
    &'static str,
    &'static str,
) {
    use ElementKind as K;
    use RelationKind as R;
    match kind {
        R::Supports | R::Rebuts => (
            &[K::Claim, K::Argument],
            &[K::Claim, K::Argument],
            CLAIM_OR_ARGUMENT,
            CLAIM_OR_ARGUMENT,
        ),
        R::Undercuts => (
            &[K::Claim, K::Argument],
            &[K::Argument],
            CLAIM_OR_ARGUMENT,
            "an argument (an undercut attacks an inference)",
        ),
        R::Premise => (&[K::Claim], &[K::Argument], "a claim", "an argument"),
        R::Conclusion => (&[K::Argument], &[K::Claim], "an argument", "a claim"),
        R::Contradicts | R::Rephrases => (&[K::Claim], &[K::Claim], "a claim", "a claim"),
    }
}

impl PartialEq for Map {
    /// Two maps are equal when they hold the same elements in the same order, the same
    /// links, and every argument has the same premises in the same order. The order links
    /// were added in does not matter (the map file writes them grouped by element), nor do
    /// petgraph's slot numbers.
    fn eq(&self, other: &Map) -> bool {
        fn sorted<T: Clone, K: Ord>(
            items: impl Iterator<Item = T>,
            key: impl Fn(&T) -> K,
        ) -> Vec<T> {
            let mut v: Vec<T> = items.collect();
            v.sort_by_key(|t| key(t));
            v
        }
        let relations = |m: &Map| {
            sorted(m.relations().cloned(), |r| {
                (r.from.clone(), r.to.clone(), r.kind)
            })
        };
        let stances = |m: &Map| {
            sorted(m.stances().cloned(), |s| {
                (s.actor.clone(), s.target.clone(), s.kind)
            })
        };
        fn links(m: &Map) -> Vec<(&Id, ActorLinkKind, &Id)> {
            let mut v = m.actor_links();
            v.sort_unstable();
            v
        }
        self.title == other.title
            && self.description == other.description
            && self.ext == other.ext
            && self.schema == other.schema
            && self.sources == other.sources
            && self.groups == other.groups
            && self.sides == other.sides
            && self.elements().eq(other.elements())
            && relations(self) == relations(other)
            && stances(self) == stances(other)
            && links(self) == links(other)
            && self
                .arguments()
                .all(|a| self.premises(&a.id) == other.premises(&a.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn small() -> Map {
        let mut m = Map::new("t");
        m.add_actor(Actor::new(id("ann"), "Ann", ActorKind::Person))
            .unwrap();
        for c in ["thesis", "pro", "con", "counter"] {
            m.add_claim(Claim::new(id(c), c)).unwrap();
        }
        m.add_relation(Relation::new(
            id("pro"),
            RelationKind::Supports,
            id("thesis"),
        ))
        .unwrap();
        m.add_relation(Relation::new(id("con"), RelationKind::Rebuts, id("thesis")))
            .unwrap();
        m.add_relation(Relation::new(
            id("counter"),
            RelationKind::Rebuts,
            id("con"),
        ))
        .unwrap();
        m.add_stance(Stance::new(id("ann"), StanceKind::Asserts, id("thesis")))
            .unwrap();
        m
    }

    #[test]
    fn queries_answer_from_the_graph() {
        let m = small();
        let attackers: Vec<&str> = m
            .rebuttals("thesis")
            .iter()
            .map(|(a, _)| a.as_str())
            .collect();
        assert_eq!(attackers, ["con"]);
        assert_eq!(m.supporters("thesis")[0].0.as_str(), "pro");
        assert_eq!(m.asserted_by("thesis")[0].name, "Ann");
        assert_eq!(m.assertions_of("ann")[0].id().as_str(), "thesis");
        let roots: Vec<&str> = m.root_theses().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(roots, ["thesis"]);
        let open: Vec<&str> = m
            .unanswered_rebuttals()
            .iter()
            .map(|r| r.from.as_str())
            .collect();
        assert_eq!(open, ["counter"]);
    }

    #[test]
    fn mutators_keep_invariants() {
        let mut m = small();
        assert_eq!(
            m.add_claim(Claim::new(id("pro"), "again")),
            Err(ModelError::DuplicateId(id("pro")))
        );
        assert!(matches!(
            m.add_relation(Relation::new(id("pro"), RelationKind::Undercuts, id("con"))),
            Err(ModelError::WrongKind { .. })
        ));
        assert!(matches!(
            m.add_relation(Relation::new(
                id("pro"),
                RelationKind::Supports,
                id("thesis")
            )),
            Err(ModelError::DuplicateRelation { .. })
        ));
        assert!(matches!(
            m.add_relation(Relation::new(id("pro"), RelationKind::Supports, id("nope"))),
            Err(ModelError::UnknownId { .. })
        ));
        assert_eq!(
            m.add_relation(Relation::new(id("pro"), RelationKind::Rebuts, id("pro"))),
            Err(ModelError::SelfLoop(id("pro")))
        );
    }

    #[test]
    fn removal_keeps_order_and_equality() {
        let mut m = small();
        assert!(m.remove("con"));
        assert!(!m.contains("con"));
        assert!(m.unanswered_rebuttals().is_empty());
        m.add_claim(Claim::new(id("late"), "late")).unwrap();
        m.add_relation(Relation::new(id("late"), RelationKind::Rebuts, id("pro")))
            .unwrap();
        // The new edge reuses a freed slot, but keeps its place at the end.
        let kinds: Vec<&str> = m.relations().map(|r| r.from.as_str()).collect();
        assert_eq!(kinds, ["pro", "late"]);
        assert_eq!(m.clone(), m);
    }

    #[test]
    fn a_million_claim_chain_does_not_overflow_the_stack() {
        let n = 1_000_000;
        let mut m = Map::new("chain");
        let ids: Vec<Id> = (0..n).map(|i| id(&format!("c{i}"))).collect();
        for i in &ids {
            m.add_claim(Claim::new(i.clone(), "x")).unwrap();
        }
        for w in ids.windows(2) {
            m.add_relation(Relation::new(
                w[1].clone(),
                RelationKind::Rebuts,
                w[0].clone(),
            ))
            .unwrap();
        }
        assert_eq!(m.root_theses().len(), 1);
        assert_eq!(m.unanswered_rebuttals().len(), 1);
        assert_eq!(m.clone(), m);
    }
}
