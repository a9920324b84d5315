//! Every node's links, gathered once per map into flat arrays, for passes that walk a node's
//! neighbours many times (lints, exporters, the report).
//!
//! Time: building is linear in nodes plus links; each node's links are a slice.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::element::{Element, Link, Relation};
use super::Map;

impl Map {
    /// Every node's links in the order they were added, gathered in one pass: for work over
    /// the whole map, where asking node by node would sort each node's edges again.
    pub fn adjacency(&self) -> Adjacency<'_> {
        let bound = petgraph::visit::NodeIndexable::node_bound(self.graph());
        let edges = self.sorted_edge_indices();
        let index = |end: fn(&Self, EdgeIndex) -> NodeIndex| {
            let mut start = vec![0u32; bound + 1];
            for &e in &edges {
                start[end(self, e).index() + 1] += 1;
            }
            for i in 0..bound {
                start[i + 1] += start[i];
            }
            let mut fill = start.clone();
            let mut list = vec![EdgeIndex::end(); edges.len()];
            for &e in &edges {
                let n = end(self, e).index();
                list[fill[n] as usize] = e;
                fill[n] += 1;
            }
            (start, list)
        };
        let (out_start, out) = index(|m, e| m.graph().edge_endpoints(e).expect("live edge").0);
        let (in_start, inc) = index(|m, e| m.graph().edge_endpoints(e).expect("live edge").1);
        Adjacency {
            map: self,
            out_start,
            out,
            in_start,
            inc,
        }
    }
}

/// Every node's outgoing and incoming links, in the order they were added (see
/// [`Map::adjacency`]).
pub struct Adjacency<'m> {
    map: &'m Map,
    out_start: Vec<u32>,
    out: Vec<EdgeIndex>,
    in_start: Vec<u32>,
    inc: Vec<EdgeIndex>,
}

impl<'m> Adjacency<'m> {
    /// The links `edges`, each with the end of it that `other` picks.
    fn links<'a>(
        &self,
        edges: &'a [EdgeIndex],
        other: fn((NodeIndex, NodeIndex)) -> NodeIndex,
    ) -> impl Iterator<Item = (&'m Link, &'m Element)> + 'a
    where
        'm: 'a,
    {
        let g = self.map.graph();
        edges.iter().map(move |&e| {
            let ends = g.edge_endpoints(e).expect("live edge");
            (g[e].link(), &g[other(ends)])
        })
    }

    fn slice<'a>(start: &[u32], list: &'a [EdgeIndex], node: NodeIndex) -> &'a [EdgeIndex] {
        let i = node.index();
        match (start.get(i), start.get(i + 1)) {
            (Some(&a), Some(&b)) => &list[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The links that start at a node, each with the node at its other end.
    pub fn outgoing(&self, node: NodeIndex) -> impl Iterator<Item = (&'m Link, &'m Element)> + '_ {
        self.links(Self::slice(&self.out_start, &self.out, node), |(_, to)| to)
    }

    /// The links that end at a node, each with the node at its other end.
    pub fn incoming(&self, node: NodeIndex) -> impl Iterator<Item = (&'m Link, &'m Element)> + '_ {
        self.links(Self::slice(&self.in_start, &self.inc, node), |(from, _)| {
            from
        })
    }

    /// The relations that start at a node.
    pub fn relations_from(&self, node: NodeIndex) -> impl Iterator<Item = &'m Relation> + '_ {
        self.outgoing(node).filter_map(|(l, _)| l.relation())
    }

    /// The relations that end at a node.
    pub fn relations_to(&self, node: NodeIndex) -> impl Iterator<Item = &'m Relation> + '_ {
        self.incoming(node).filter_map(|(l, _)| l.relation())
    }
}
