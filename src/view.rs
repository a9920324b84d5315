//! Views: the part of a map a diagram shows.
//!
//! A debate corpus or a generated map holds more than a page (or Graphviz) can take. A
//! [`View`] picks part of it and [`View::apply`] makes that part a map of its own, which every
//! exporter and renderer then draws like any other:
//!
//! - `focus` and `depth`: the neighbourhood of one claim or argument, up to `depth` relations
//!   away in either direction (premises and conclusions count as relations);
//! - `actor`: what an actor, or an actor that is a member of it or speaks for it, asserts,
//!   endorses, denies or questions;
//! - `tag`: the claims and arguments with a tag;
//! - `group`: the members of a group and of the groups inside it;
//! - `max_nodes`: at most this many claims and arguments, those nearest the theses: a
//!   breadth-first walk from the root theses down through what supports and attacks them.
//!
//! The selections combine: each one narrows what the others kept, and `max_nodes` comes last.
//! Relations, stances and actor links are kept when both their ends are. Actors are kept when
//! they take a stance on something kept, or when the view is of them.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::diagnostic::did_you_mean;
use crate::model::{Element, ElementKind, Link, Map, RelationKind};

/// Which part of a map to show. The default shows the whole map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Show the neighbourhood of this claim or argument.
    pub focus: Option<String>,
    /// How many relations away from `focus` to go. Default 2 (when `None`).
    pub depth: Option<usize>,
    /// Show what this actor (or its members and spokespeople) takes a stance on.
    pub actor: Option<String>,
    /// Show the claims and arguments with this tag.
    pub tag: Option<String>,
    /// Show the members of this group and of the groups inside it.
    pub group: Option<String>,
    /// Show at most this many claims and arguments, those nearest the theses.
    pub max_nodes: Option<usize>,
}

/// The depth of a focus view when none is given.
pub const DEFAULT_DEPTH: usize = 2;

/// A view applied: the part as a map of its own, and how much was left out.
#[derive(Clone, Debug)]
pub struct Part {
    /// The part, as a map.
    pub map: Map,
    /// Claims and arguments in the part.
    pub shown: usize,
    /// Claims and arguments in the whole map.
    pub total: usize,
}

impl Part {
    /// Claims and arguments left out.
    pub fn left_out(&self) -> usize {
        self.total - self.shown
    }
}

/// Why a view cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    /// An id that names nothing in the map, or the wrong kind of element.
    #[error("{message}\n  hint: {hint}")]
    Unknown {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The selections together keep nothing.
    #[error(
        "the view is empty: {0}\n  hint: loosen the selection (fewer options, or a larger --depth)"
    )]
    Empty(String),
}

impl View {
    /// Whether the view shows the whole map.
    pub fn is_whole(&self) -> bool {
        self.focus.is_none()
            && self.actor.is_none()
            && self.tag.is_none()
            && self.group.is_none()
            && self.max_nodes.is_none()
    }

    /// What the view shows, in a few words ("focus on `x`, depth 2; tag `privacy`").
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = &self.focus {
            parts.push(format!(
                "around `{f}`, depth {}",
                self.depth.unwrap_or(DEFAULT_DEPTH)
            ));
        }
        if let Some(a) = &self.actor {
            parts.push(format!("actor `{a}`"));
        }
        if let Some(t) = &self.tag {
            parts.push(format!("tag `{t}`"));
        }
        if let Some(g) = &self.group {
            parts.push(format!("group `{g}`"));
        }
        if let Some(n) = self.max_nodes {
            parts.push(format!("the {n} nearest the theses"));
        }
        parts.join("; ")
    }

    /// Makes the part of `map` this view shows.
    ///
    /// Time: linear in elements plus links (each selection is a pass or a breadth-first walk
    /// over hash sets of nodes), plus sorting for `--max-nodes`.
    ///
    /// # Errors
    ///
    /// [`ViewError::Unknown`] when `focus`, `actor` or `group` names nothing of the right
    /// kind, or no element has `tag` (with the nearest id or tag as a hint);
    /// [`ViewError::Empty`] when the selections together keep nothing.
    pub fn apply(&self, map: &Map) -> Result<Part, ViewError> {
        if self.is_whole() {
            let total = map.claims().count() + map.arguments().count();
            return Ok(Part {
                map: map.clone(),
                shown: total,
                total,
            });
        }
        let g = map.graph();
        let arguable =
            |ix: NodeIndex| matches!(g[ix].kind(), ElementKind::Claim | ElementKind::Argument);
        let order: Vec<NodeIndex> = map
            .indexed_elements()
            .map(|(ix, _)| ix)
            .filter(|&ix| arguable(ix))
            .collect();
        let total = order.len();
        let mut keep: HashSet<NodeIndex> = order.iter().copied().collect();
        let mut view_actors: HashSet<NodeIndex> = HashSet::new();

        if let Some(actor) = &self.actor {
            let a = node_of(map, actor, ElementKind::Actor, "an actor")?;
            // The actor and everyone who is a member of it or speaks for it, transitively.
            let mut actors = vec![a];
            view_actors.insert(a);
            while let Some(x) = actors.pop() {
                for e in g.edges_directed(x, Direction::Incoming) {
                    if matches!(e.weight().link(), Link::Actor(_)) && view_actors.insert(e.source())
                    {
                        actors.push(e.source());
                    }
                }
            }
            let mut taken = HashSet::new();
            for &x in &view_actors {
                for e in g.edges_directed(x, Direction::Outgoing) {
                    if matches!(e.weight().link(), Link::Stance(_)) {
                        taken.insert(e.target());
                    }
                }
            }
            keep.retain(|ix| taken.contains(ix));
            if keep.is_empty() {
                return Err(ViewError::Empty(format!(
                    "`{actor}` takes no stance on any claim or argument"
                )));
            }
        }
        if let Some(tag) = &self.tag {
            let tagged = |ix: &NodeIndex| g[*ix].meta().tags().iter().any(|t| t == tag);
            if !order.iter().any(tagged) {
                let mut tags: Vec<&str> = order
                    .iter()
                    .flat_map(|&ix| g[ix].meta().tags().iter().map(String::as_str))
                    .collect();
                tags.sort_unstable();
                tags.dedup();
                let hint = match did_you_mean(tag, tags.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if tags.is_empty() => "this map has no tags".to_owned(),
                    None => format!("the map's tags are: {}", tags.join(", ")),
                };
                return Err(ViewError::Unknown {
                    message: format!("no claim or argument has the tag `{tag}`"),
                    hint,
                });
            }
            keep.retain(tagged);
        }
        if let Some(group) = &self.group {
            let members = group_members(map, group)?;
            keep.retain(|ix| members.contains(ix));
        }
        if let Some(focus) = &self.focus {
            let f = node_of(map, focus, ElementKind::Claim, "a claim or an argument")?;
            if !keep.contains(&f) {
                return Err(ViewError::Empty(format!(
                    "`{focus}` is not among what the other options select"
                )));
            }
            let depth = self.depth.unwrap_or(DEFAULT_DEPTH);
            let mut near: HashMap<NodeIndex, usize> = HashMap::from([(f, 0)]);
            let mut queue = VecDeque::from([f]);
            while let Some(x) = queue.pop_front() {
                let d = near[&x];
                if d == depth {
                    continue;
                }
                for e in g
                    .edges_directed(x, Direction::Outgoing)
                    .chain(g.edges_directed(x, Direction::Incoming))
                {
                    if !matches!(e.weight().link(), Link::Relation(_)) {
                        continue;
                    }
                    let other = if e.source() == x {
                        e.target()
                    } else {
                        e.source()
                    };
                    if keep.contains(&other) && !near.contains_key(&other) {
                        near.insert(other, d + 1);
                        queue.push_back(other);
                    }
                }
            }
            keep.retain(|ix| near.contains_key(ix));
        }
        if keep.is_empty() {
            return Err(ViewError::Empty(self.describe()));
        }
        if let Some(n) = self.max_nodes {
            if keep.len() > n {
                keep = nearest_the_theses(map, &order, &keep, n);
            }
        }
        let part = build(map, &keep, &view_actors);
        Ok(Part {
            map: part,
            shown: keep.len(),
            total,
        })
    }
}

/// The node of an id, which must be a claim or argument (`kind` Claim) or an actor.
fn node_of(map: &Map, id: &str, kind: ElementKind, what: &str) -> Result<NodeIndex, ViewError> {
    let found = map.node_index(id).filter(|&ix| {
        let k = map.graph()[ix].kind();
        match kind {
            ElementKind::Claim => matches!(k, ElementKind::Claim | ElementKind::Argument),
            other => k == other,
        }
    });
    found.ok_or_else(|| {
        let message = match map.kind_of(id) {
            Some(k) => format!("`{id}` is {}, not {what}", k.with_article()),
            None => format!("no element has the id `{id}`"),
        };
        let candidates = map.elements().filter(|e| match kind {
            ElementKind::Claim => matches!(e, Element::Claim(_) | Element::Argument(_)),
            _ => matches!(e, Element::Actor(_)),
        });
        let hint = match did_you_mean(id, candidates.map(|e| e.id().as_str())) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("give the id of {what}; `argumap stats` counts what the map holds"),
        };
        ViewError::Unknown { message, hint }
    })
}

/// The claims and arguments in a group and in the groups inside it. Linear in groups and
/// their members.
fn group_members(map: &Map, group: &str) -> Result<HashSet<NodeIndex>, ViewError> {
    if map.group(group).is_none() {
        let message = match map.kind_of(group) {
            Some(k) => format!("`{group}` is {}, not a group", k.with_article()),
            None => format!("no group has the id `{group}`"),
        };
        let hint = match did_you_mean(group, map.groups().map(|g| g.id.as_str())) {
            Some(near) => format!("did you mean `{near}`?"),
            None if map.groups().next().is_none() => "this map has no groups".to_owned(),
            None => format!(
                "the map's groups are: {}",
                map.groups()
                    .map(|g| g.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Err(ViewError::Unknown { message, hint });
    }
    // Groups name their parent: each group's children gathered once, then a walk down from
    // the group (linear, however deep the nesting; the parents form a forest).
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for g in map.groups() {
        if let Some(p) = g.parent.as_deref() {
            children.entry(p).or_default().push(g.id.as_str());
        }
    }
    let mut inside: HashSet<&str> = HashSet::from([group]);
    let mut todo = vec![group];
    while let Some(g) = todo.pop() {
        for &child in children.get(g).map_or(&[][..], Vec::as_slice) {
            if inside.insert(child) {
                todo.push(child);
            }
        }
    }
    Ok(map
        .groups()
        .filter(|g| inside.contains(g.id.as_str()))
        .flat_map(|g| g.members.iter())
        .filter_map(|m| map.node_index(m))
        .collect())
}

/// The `n` kept elements nearest the theses: breadth-first from the kept claims that support
/// or attack nothing kept, through what supports and attacks them, in map order; elements no
/// thesis reaches (a cycle) come last, in map order.
fn nearest_the_theses(
    map: &Map,
    order: &[NodeIndex],
    keep: &HashSet<NodeIndex>,
    n: usize,
) -> HashSet<NodeIndex> {
    let g = map.graph();
    let argumentative = |link: &Link| {
        matches!(link, Link::Relation(r)
            if !matches!(r.kind, RelationKind::Contradicts | RelationKind::Rephrases))
    };
    let mut chosen: Vec<NodeIndex> = Vec::with_capacity(n);
    let mut seen: HashSet<NodeIndex> = HashSet::new();
    let mut queue: VecDeque<NodeIndex> = order
        .iter()
        .copied()
        .filter(|ix| keep.contains(ix))
        .filter(|&ix| {
            !g.edges_directed(ix, Direction::Outgoing)
                .any(|e| argumentative(e.weight().link()) && keep.contains(&e.target()))
        })
        .collect();
    seen.extend(queue.iter().copied());
    let mut rest = order.iter().copied().filter(|ix| keep.contains(ix));
    while chosen.len() < n {
        let Some(x) = queue.pop_front().or_else(|| {
            let next = rest.by_ref().find(|ix| !seen.contains(ix))?;
            seen.insert(next);
            Some(next)
        }) else {
            break;
        };
        chosen.push(x);
        // Incoming edges in the order they were added, so the walk follows the map's order.
        let mut incoming: Vec<_> = g
            .edges_directed(x, Direction::Incoming)
            .filter(|e| argumentative(e.weight().link()) && keep.contains(&e.source()))
            .collect();
        incoming.sort_by_key(|e| e.weight().seq());
        for e in incoming {
            if seen.insert(e.source()) {
                queue.push_back(e.source());
            }
        }
    }
    chosen.into_iter().collect()
}

/// A map of the kept elements and the links between them.
fn build(map: &Map, keep: &HashSet<NodeIndex>, view_actors: &HashSet<NodeIndex>) -> Map {
    let g = map.graph();
    let mut actors: HashSet<NodeIndex> = view_actors.clone();
    for &ix in keep {
        for e in g.edges_directed(ix, Direction::Incoming) {
            if matches!(e.weight().link(), Link::Stance(_)) {
                actors.insert(e.source());
            }
        }
    }
    let mut part = Map::new(map.title.clone());
    part.description = map.description.clone();
    part.ext = map.ext.clone();
    let expect = "a part of a valid map is valid";
    for s in map.sources() {
        part.add_source(s.clone()).expect(expect);
    }
    for (ix, e) in map.indexed_elements() {
        let kept = match e {
            Element::Actor(_) => actors.contains(&ix),
            _ => keep.contains(&ix),
        };
        if kept {
            match e {
                Element::Claim(c) => part.add_claim(c.clone()),
                Element::Argument(a) => part.add_argument(a.clone()),
                Element::Actor(a) => part.add_actor(a.clone()),
            }
            .expect(expect);
        }
    }
    for r in map.relations() {
        if part.contains(&r.from) && part.contains(&r.to) {
            let mut r = r.clone();
            r.by.retain(|a| part.contains(a));
            part.add_relation(r).expect(expect);
        }
    }
    for s in map.stances() {
        if part.contains(&s.actor) && part.contains(&s.target) {
            part.add_stance(s.clone()).expect(expect);
        }
    }
    for (member, kind, of) in map.actor_links() {
        if part.contains(member) && part.contains(of) {
            part.add_actor_link(member, kind, of).expect(expect);
        }
    }
    // Groups that hold something kept, with the groups around them so that nesting shows.
    let mut wanted: HashSet<&str> = HashSet::new();
    for grp in map.groups() {
        if grp.members.iter().any(|m| part.contains(m)) {
            let mut at = Some(grp);
            while let Some(x) = at {
                if !wanted.insert(x.id.as_str()) {
                    break;
                }
                at = x.parent.as_deref().and_then(|p| map.group(p));
            }
        }
    }
    for grp in map.groups() {
        if wanted.contains(grp.id.as_str()) {
            let mut kept = grp.clone();
            kept.members.retain(|m| part.contains(m));
            kept.parent = None;
            part.add_group(kept).expect(expect);
        }
    }
    for grp in map.groups() {
        if let (true, Some(p)) = (wanted.contains(grp.id.as_str()), &grp.parent) {
            part.set_group_parent(&grp.id, Some(p.clone()))
                .expect(expect);
        }
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, MapBuilder};

    /// t <- a <- b <- c, t <- x (rebuts), actors: ann asserts a and b, bob (member of ann's
    /// party) asserts x; group g holds b and c.
    fn sample() -> Map {
        MapBuilder::new("sample")
            .actor("party", "Party", ActorKind::Organisation)
            .actor("ann", "Ann", ActorKind::Person)
            .actor("bob", "Bob", ActorKind::Person)
            .claim("t", "Thesis")
            .claim("a", "A")
            .claim("b", "B")
            .claim("c", "C")
            .claim("x", "X")
            .supports("a", "t")
            .supports("b", "a")
            .rebuts("c", "b")
            .rebuts("x", "t")
            .asserts("ann", "a")
            .asserts("ann", "b")
            .asserts("bob", "x")
            .group("g", "Below", &["b", "c"])
            .build()
            .unwrap()
    }

    fn ids(part: &Part) -> Vec<&str> {
        part.map
            .elements()
            .filter(|e| !matches!(e, Element::Actor(_)))
            .map(|e| e.id().as_str())
            .collect()
    }

    #[test]
    fn the_whole_map_is_the_default() {
        let m = sample();
        let part = View::default().apply(&m).unwrap();
        assert_eq!(part.map, m);
        assert_eq!((part.shown, part.left_out()), (5, 0));
    }

    #[test]
    fn focus_keeps_the_neighbourhood_in_both_directions() {
        let m = sample();
        let view = View {
            focus: Some("a".into()),
            depth: Some(1),
            ..View::default()
        };
        let part = view.apply(&m).unwrap();
        assert_eq!(ids(&part), ["t", "a", "b"]);
        assert_eq!(part.map.relations().count(), 2);
        // Ann asserts a and b, so she stays; Bob asserts only x, so he goes.
        assert!(part.map.actor("ann").is_some() && part.map.actor("bob").is_none());
        let deeper = View {
            depth: Some(2),
            ..view
        };
        assert_eq!(ids(&deeper.apply(&m).unwrap()), ["t", "a", "b", "c", "x"]);
    }

    #[test]
    fn actor_view_takes_in_members() {
        let mut m = sample();
        let id = |s: &str| crate::model::Id::new(s).unwrap();
        m.add_actor_link(
            &id("bob"),
            crate::model::ActorLinkKind::MemberOf,
            &id("party"),
        )
        .unwrap();
        let view = View {
            actor: Some("party".into()),
            ..View::default()
        };
        let part = view.apply(&m).unwrap();
        assert_eq!(ids(&part), ["x"]);
        assert!(part.map.actor("party").is_some() && part.map.actor("bob").is_some());
        let ann = View {
            actor: Some("ann".into()),
            ..View::default()
        };
        assert_eq!(ids(&ann.apply(&m).unwrap()), ["a", "b"]);
    }

    #[test]
    fn max_nodes_keeps_what_is_nearest_the_theses() {
        let m = sample();
        let view = View {
            max_nodes: Some(3),
            ..View::default()
        };
        let part = view.apply(&m).unwrap();
        // Breadth-first from t: its supporter a and its rebuttal x come before b.
        assert_eq!(ids(&part), ["t", "a", "x"]);
        assert_eq!(part.left_out(), 2);
    }

    /// Why the view that `set` makes of the default one refuses `m`.
    fn refused(m: &Map, set: impl FnOnce(&mut View)) -> String {
        let mut view = View::default();
        set(&mut view);
        view.apply(m).unwrap_err().to_string()
    }

    #[test]
    fn unknown_ids_and_tags_get_a_hint() {
        let m = sample();
        let err = refused(&m, |v| v.focus = Some("tt".into()));
        assert!(err.contains("did you mean `t`?"), "{err}");
        let err = refused(&m, |v| v.actor = Some("a".into()));
        assert!(err.contains("`a` is a claim, not an actor"), "{err}");
        let err = refused(&m, |v| v.tag = Some("privacy".into()));
        assert!(err.contains("this map has no tags"), "{err}");
    }

    #[test]
    fn tag_and_group_views() {
        let mut m = sample();
        let id = |s: &str| crate::model::Id::new(s).unwrap();
        let mut d = crate::model::Claim::new(id("d"), "D");
        d.meta.data_mut().tags.push("privacy".into());
        m.add_claim(d).unwrap();
        m.add_relation(crate::model::Relation::new(
            id("d"),
            RelationKind::Supports,
            id("c"),
        ))
        .unwrap();
        let tag = View {
            tag: Some("privacy".into()),
            ..View::default()
        };
        assert_eq!(ids(&tag.apply(&m).unwrap()), ["d"]);
        let err = refused(&m, |v| v.tag = Some("privacyy".into()));
        assert!(err.contains("did you mean `privacy`?"), "{err}");
        let group = View {
            group: Some("g".into()),
            ..View::default()
        };
        let part = group.apply(&m).unwrap();
        assert_eq!(ids(&part), ["b", "c"]);
        assert_eq!(part.map.group("g").unwrap().members.len(), 2);
    }
}
