//! Boxes around nodes (Graphviz clusters, Mermaid subgraphs, compound nodes): the map's
//! groups nested as they are, an actor's assertions, or a tag's elements, and which box each
//! node is drawn in. Every writer that draws groups as boxes reads this one nesting.

use std::borrow::Cow;

use crate::model::{Element, Map, StanceKind};

use super::bundle::Bundles;
use super::{HashMap, HashSet, IndexMap};

/// A box to draw around nodes: a group, an actor's assertions, or a tag's elements.
pub(crate) struct ClusterBox<'a> {
    /// Unique among the boxes; `cluster_` and this name the Graphviz subgraph. A group's box
    /// has the group's id.
    pub(crate) id: Cow<'a, str>,
    pub(crate) title: Cow<'a, str>,
    pub(crate) members: Vec<&'a str>,
    /// The enclosing box, by index; `None` for a box in a cycle of parents, which is drawn
    /// as an outermost box.
    pub(crate) parent: Option<usize>,
}

/// The map's groups as boxes, nested as they are, in map order. Linear in the groups and
/// their members.
fn group_boxes(map: &Map) -> Vec<ClusterBox<'_>> {
    let index: HashMap<&str, usize> = map
        .groups()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    map.groups()
        .map(|g| ClusterBox {
            id: Cow::Borrowed(g.id.as_str()),
            title: Cow::Borrowed(g.title.as_str()),
            members: g.members.iter().map(|m| m.as_str()).collect(),
            parent: g.parent.as_deref().and_then(|p| index.get(p).copied()),
        })
        .collect()
}

/// One box per drawn actor (or bundle of actors), holding it and what it alone asserts.
/// One pass over the stances, with hash tables: linear.
fn actor_boxes<'a>(map: &'a Map, bundles: &Bundles<'a>) -> Vec<ClusterBox<'a>> {
    let mut asserters: IndexMap<&str, Vec<&str>> = IndexMap::default();
    // A set of pairs, not a search of the list: a claim may have thousands of asserters.
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    for stance in map.stances() {
        if stance.kind == StanceKind::Asserts {
            let drawn = bundles.drawn_as(stance.actor.as_str());
            if seen.insert((stance.target.as_str(), drawn)) {
                asserters
                    .entry(stance.target.as_str())
                    .or_default()
                    .push(drawn);
            }
        }
    }
    let mut boxes: Vec<ClusterBox> = Vec::new();
    let mut of_actor: HashMap<&str, usize> = HashMap::default();
    for (target, actors) in &asserters {
        let [actor] = actors[..] else { continue };
        let b = *of_actor.entry(actor).or_insert_with(|| {
            let names: Vec<&str> = match bundles.members.get(actor) {
                Some(ids) => ids
                    .iter()
                    .filter_map(|id| map.actor(id))
                    .map(|a| a.name.as_str())
                    .collect(),
                None => map
                    .actor(actor)
                    .map(|a| a.name.as_str())
                    .into_iter()
                    .collect(),
            };
            boxes.push(ClusterBox {
                id: format!("actor:{actor}").into(),
                title: names.join(", ").into(),
                members: vec![actor],
                parent: None,
            });
            boxes.len() - 1
        });
        boxes[b].members.push(target);
    }
    boxes
}

/// One box per tag, holding the claims and arguments that have that tag and no other.
/// One pass over the elements: linear.
fn tag_boxes(map: &Map) -> Vec<ClusterBox<'_>> {
    let mut boxes: Vec<ClusterBox> = Vec::new();
    let mut of_tag: HashMap<&str, usize> = HashMap::default();
    for element in map.elements() {
        if matches!(element, Element::Actor(_)) {
            continue;
        }
        let [tag] = element.meta().tags() else {
            continue;
        };
        let b = *of_tag.entry(tag.as_str()).or_insert_with(|| {
            boxes.push(ClusterBox {
                id: format!("tag:{tag}").into(),
                title: format!("#{tag}").into(),
                members: Vec::new(),
                parent: None,
            });
            boxes.len() - 1
        });
        boxes[b].members.push(element.id().as_str());
    }
    boxes
}

/// Where each node is drawn when there are boxes.
pub(crate) struct Clusters<'a> {
    pub(crate) boxes: Vec<ClusterBox<'a>>,
    /// The box each node is drawn in: the deepest box that lists it, the first in map order
    /// among equals (Graphviz draws a node in one cluster only). Only looked up: output
    /// follows map order.
    home: HashMap<&'a str, usize>,
    /// Each box's boxes inside it, in order.
    pub(crate) children: Vec<Vec<usize>>,
    /// Whether the box or one of the boxes inside it holds a node (empty boxes are not
    /// drawn).
    pub(crate) drawn: Vec<bool>,
}

impl<'a> Clusters<'a> {
    /// The map's groups as boxes, nested as they are (what [`super::ClusterBy::Groups`]
    /// draws).
    pub(crate) fn groups(map: &'a Map) -> Clusters<'a> {
        Clusters::new(map, group_boxes(map))
    }

    /// One box per drawn actor (or bundle), holding it and what it alone asserts.
    pub(crate) fn actors(map: &'a Map, bundles: &Bundles<'a>) -> Clusters<'a> {
        Clusters::new(map, actor_boxes(map, bundles))
    }

    /// One box per tag, holding what has that tag and no other.
    pub(crate) fn tags(map: &'a Map) -> Clusters<'a> {
        Clusters::new(map, tag_boxes(map))
    }

    /// No boxes.
    pub(crate) fn none(map: &'a Map) -> Clusters<'a> {
        Clusters::new(map, Vec::new())
    }

    /// Nests the boxes and finds each node's box. Linear in the boxes and their members:
    /// each box's depth is found once, walking up only to a box whose depth is known.
    fn new(map: &'a Map, mut boxes: Vec<ClusterBox<'a>>) -> Clusters<'a> {
        let depth = depths(&boxes);
        // A box whose walk up never ends (a cycle: the model refuses them, but a picture is
        // no place to fail) is drawn as an outermost box.
        for (b, depth) in boxes.iter_mut().zip(&depth) {
            if depth.is_none() {
                b.parent = None;
            }
        }
        let depth = |g: usize| depth[g].unwrap_or(0);
        let mut children = vec![Vec::new(); boxes.len()];
        for (g, b) in boxes.iter().enumerate() {
            if let Some(p) = b.parent {
                children[p].push(g);
            }
        }
        let mut home: HashMap<&str, usize> = HashMap::default();
        for (g, b) in boxes.iter().enumerate() {
            for &member in &b.members {
                if map.element(member).is_none() {
                    continue;
                }
                match home.get(member) {
                    Some(&other) if depth(g) <= depth(other) => {}
                    _ => {
                        home.insert(member, g);
                    }
                }
            }
        }
        let mut drawn = vec![false; boxes.len()];
        for &g in home.values() {
            // Up through the parents; each step marks one more box, so this ends.
            let mut at = Some(g);
            while let Some(a) = at.filter(|&a| !drawn[a]) {
                drawn[a] = true;
                at = boxes[a].parent;
            }
        }
        Clusters {
            boxes,
            home,
            children,
            drawn,
        }
    }

    /// The drawn boxes no box encloses, in order.
    pub(crate) fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.boxes.len()).filter(|&g| self.drawn[g] && self.boxes[g].parent.is_none())
    }

    /// The box a node is drawn in, if any.
    pub(crate) fn home_of(&self, id: &str) -> Option<usize> {
        self.home.get(id).copied()
    }

    /// The nodes drawn in a box, in the box's order, each once: linear in its members.
    pub(crate) fn members(&self, g: usize) -> impl Iterator<Item = &'a str> + '_ {
        let mut seen = HashSet::default();
        self.boxes[g]
            .members
            .iter()
            .copied()
            .filter(move |&m| self.home.get(m) == Some(&g) && seen.insert(m))
    }
}

/// Each box's depth (0 for an outermost box), or `None` when its walk up runs into a cycle.
/// Each box is settled once: a walk stops at the first box already settled.
fn depths(boxes: &[ClusterBox]) -> Vec<Option<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unknown,
        OnPath,
        Known(Option<usize>),
    }
    let mut state = vec![State::Unknown; boxes.len()];
    let mut path = Vec::new();
    for start in 0..boxes.len() {
        let mut at = start;
        // Walk up until a settled box, an outermost box, or a box on this very walk; then
        // settle the walk from the top down, one deeper each step (or all of it in a cycle).
        let mut next = loop {
            match state[at] {
                State::Known(depth) => break depth.map(|d| d + 1),
                State::OnPath => break None,
                State::Unknown => {}
            }
            state[at] = State::OnPath;
            path.push(at);
            match boxes[at].parent {
                Some(p) => at = p,
                None => break Some(0),
            }
        };
        while let Some(g) = path.pop() {
            state[g] = State::Known(next);
            next = next.map(|d| d + 1);
        }
    }
    state
        .into_iter()
        .map(|s| match s {
            State::Known(depth) => depth,
            State::Unknown | State::OnPath => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, Id};

    #[test]
    fn an_element_is_shown_in_its_deepest_group_and_empty_groups_are_not_shown() {
        let id = |s: &str| Id::new(s).unwrap();
        let mut map = crate::testing::nested_groups(&["b"]);
        let mut other = Group::new(id("other"), "Other");
        other.members = vec![id("a")];
        map.add_group(other).unwrap();

        let nesting = Clusters::groups(&map);
        assert_eq!(nesting.home_of("a"), Some(0), "first among equals");
        assert_eq!(nesting.home_of("b"), Some(1), "the deeper group");
        assert_eq!(nesting.home_of("c"), None);
        assert_eq!(nesting.drawn, [true, true, false, false]);
        assert_eq!(nesting.roots().collect::<Vec<_>>(), [0]);
        assert_eq!(nesting.children[0], [1]);
    }

    fn boxes(parents: &[Option<usize>]) -> Vec<ClusterBox<'static>> {
        parents
            .iter()
            .enumerate()
            .map(|(i, &parent)| ClusterBox {
                id: i.to_string().into(),
                title: "".into(),
                members: Vec::new(),
                parent,
            })
            .collect()
    }

    #[test]
    fn depths_are_found_once_and_cycles_have_none() {
        // 0 <- 1 <- 2, and 3 <- 4 <- 3 (a cycle) with 5 below it.
        let parents = [None, Some(0), Some(1), Some(4), Some(3), Some(4)];
        assert_eq!(
            depths(&boxes(&parents)),
            [Some(0), Some(1), Some(2), None, None, None]
        );
        // A long chain, deepest first: each box is settled once.
        let n = 10_000;
        let chain: Vec<Option<usize>> = (0..n).map(|i| (i + 1 < n).then_some(i + 1)).collect();
        let depth = depths(&boxes(&chain));
        assert_eq!(depth[0], Some(n - 1));
        assert_eq!(depth[n - 1], Some(0));
    }
}
