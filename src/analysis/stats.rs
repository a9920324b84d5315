//! Counts and shape of a map, for `argumap stats`.

use std::collections::BTreeMap;

use super::Successors;
use crate::model::{Element, Link, Map, RelationKind};

/// What a map holds, counted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Number of claims.
    pub claims: usize,
    /// Number of arguments.
    pub arguments: usize,
    /// Number of actors.
    pub actors: usize,
    /// Number of sources.
    pub sources: usize,
    /// Number of groups.
    pub groups: usize,
    /// Number of relations of each kind (kinds with none left out).
    pub relations: BTreeMap<&'static str, usize>,
    /// Number of stances, assertions included.
    pub stances: usize,
    /// Root theses: claims that point at nothing.
    pub root_theses: usize,
    /// Rebuttals and undercuts whose attacker nothing attacks.
    pub unanswered_rebuttals: usize,
    /// The longest chain of supports and attacks, in relations; `None` when the map has a
    /// cycle of them.
    pub depth: Option<usize>,
}

/// Counts what a map holds. Runs in time linear in the map (the depth by a topological
/// order, without recursion).
pub fn stats(map: &Map) -> Stats {
    let mut relations = BTreeMap::new();
    for r in map.relations() {
        *relations.entry(r.kind.as_str()).or_insert(0) += 1;
    }
    Stats {
        claims: map.claims().count(),
        arguments: map.arguments().count(),
        actors: map.actors().count(),
        sources: map.sources().count(),
        groups: map.groups().count(),
        relations,
        stances: map.stances().count(),
        root_theses: map.root_theses().len(),
        unanswered_rebuttals: map.unanswered_rebuttals().len(),
        depth: depth(map),
    }
}

fn depth(map: &Map) -> Option<usize> {
    layers(map).map(|l| l.count.len().saturating_sub(1))
}

/// The map cut into layers by the relations between claims and arguments (contradicts and
/// rephrases aside): each element sits one layer above the highest element that supports or
/// attacks it, so the leaves are layer 0 and the root theses the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layers {
    /// The layer of each node, by petgraph node index (actors are at 0).
    pub of_node: Vec<usize>,
    /// How many claims and arguments each layer holds.
    pub count: Vec<usize>,
}

/// Layers a map by longest path, without recursion. `None` when supports and attacks form a
/// cycle (then no layering exists).
pub fn layers(map: &Map) -> Option<Layers> {
    use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
    let g = map.graph();
    let bound = g.node_bound();
    // One sequential pass over the edges gives each node its argumentative successors as a
    // flat list (Kahn's algorithm then never walks petgraph's linked edge lists).
    let mut ends = Vec::new();
    for e in g.edge_references() {
        if matches!(e.weight().link(), Link::Relation(r)
            if !matches!(r.kind, RelationKind::Contradicts | RelationKind::Rephrases))
        {
            ends.push((e.source().index() as u32, e.target().index() as u32));
        }
    }
    let (successors, mut indegree) = Successors::new(bound, &ends);
    drop(ends);
    let mut of_node = vec![0usize; bound];
    let mut count = vec![0usize];
    let mut ready: Vec<usize> = g.node_indices().map(|n| n.index()).collect();
    ready.retain(|&n| indegree[n] == 0);
    let mut done = 0;
    while let Some(n) = ready.pop() {
        done += 1;
        let here = of_node[n];
        if !matches!(g[g.from_index(n)], Element::Actor(_)) {
            if count.len() <= here {
                count.resize(here + 1, 0);
            }
            count[here] += 1;
        }
        for &t in successors.of(n) {
            let t = t as usize;
            of_node[t] = of_node[t].max(here + 1);
            indegree[t] -= 1;
            if indegree[t] == 0 {
                ready.push(t);
            }
        }
    }
    (done == g.node_count()).then_some(Layers { of_node, count })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MapBuilder;

    #[test]
    fn counts_and_depth() {
        let m = MapBuilder::new("t")
            .claim("a", "A")
            .claim("b", "B")
            .claim("c", "C")
            .supports("b", "a")
            .rebuts("c", "b")
            .build()
            .unwrap();
        let s = stats(&m);
        assert_eq!((s.claims, s.depth, s.unanswered_rebuttals), (3, Some(2), 1));
        assert_eq!(s.relations["supports"], 1);
        let cyclic = MapBuilder::new("t")
            .claim("a", "A")
            .claim("b", "B")
            .rebuts("a", "b")
            .rebuts("b", "a")
            .build()
            .unwrap();
        assert_eq!(stats(&cyclic).depth, None);
        assert_eq!(layers(&m).unwrap().count, [1, 1, 1]);
    }
}
