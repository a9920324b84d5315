//! The map as a [graphviz-rust](https://docs.rs/graphviz-rust) `Graph`, for tools already
//! built on that crate (feature `graphviz-rust`).
//!
//! The graph is the one [`super::dot`] writes — the same nodes, edges, boxes, legend and
//! styles, with every id and label escaped by [`super::dot::quote`] — read by
//! graphviz-rust's own parser. It is not built with graphviz-rust's printer, which escapes
//! nothing: a label such as `pwn"]; evil -> x; a [label="ok` would add an edge.
//!
//! ```
//! use argumap::export::dot::DotOptions;
//! use argumap::export::graphviz_rust::{to_graph, Graph};
//! use argumap::model::MapBuilder;
//!
//! let map = MapBuilder::new("Homework")
//!     .claim("ban", "Schools should ban homework")
//!     .claim("practice", "Practice at \"home\" makes lessons stick")
//!     .rebuts("practice", "ban")
//!     .build()?;
//! let graph: Graph = to_graph(&map, &DotOptions::default().legend(false))?;
//! assert!(matches!(graph, Graph::DiGraph { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use graphviz_rust::dot_structures::Graph;

use crate::export::dot::{self, DotOptions};
use crate::model::Map;

/// graphviz-rust could not read the DOT argumap wrote (a bug in one of the two).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("graphviz-rust could not read the DOT argumap wrote: {0}")]
pub struct GraphError(pub String);

/// The map as a graphviz-rust graph, drawn with `options` as [`dot::write`] draws it.
///
/// # Errors
///
/// A [`GraphError`] if graphviz-rust's parser refuses the DOT; the tests hold that it reads
/// every map, hostile text and random maps included.
pub fn to_graph(map: &Map, options: &DotOptions) -> Result<Graph, GraphError> {
    graphviz_rust::parse(&dot::to_string(map, options)).map_err(GraphError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphviz_rust::dot_structures::{Edge, EdgeTy, Node, Stmt, Subgraph};
    use proptest::prelude::*;

    /// Nodes and edges of a graph, through its subgraphs.
    fn counts(stmts: &[Stmt]) -> (usize, usize) {
        stmts.iter().fold((0, 0), |(n, e), stmt| match stmt {
            Stmt::Node(Node { .. }) => (n + 1, e),
            Stmt::Edge(Edge {
                ty: EdgeTy::Pair(..),
                ..
            }) => (n, e + 1),
            Stmt::Subgraph(Subgraph { stmts, .. }) => {
                let (a, b) = counts(stmts);
                (n + a, e + b)
            }
            _ => (n, e),
        })
    }

    fn check(map: &Map) {
        let options = DotOptions::default().legend(false).bundle_actors(false);
        let graph = to_graph(map, &options).expect("graphviz-rust reads our DOT");
        let Graph::DiGraph { stmts, .. } = &graph else {
            panic!("not a digraph")
        };
        // Every claim and argument, every actor with a link; every relation and stance, and
        // one arrow per pair of linked actors.
        let mut linked: Vec<&str> = map
            .stances()
            .map(|s| s.actor.as_str())
            .chain(
                map.actor_links()
                    .into_iter()
                    .flat_map(|(a, _, b)| [a.as_str(), b.as_str()]),
            )
            .collect();
        linked.sort_unstable();
        linked.dedup();
        let mut pairs: Vec<(&str, &str)> = map
            .actor_links()
            .into_iter()
            .map(|(a, _, b)| (a.as_str(), b.as_str()))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let nodes = map.claims().count() + map.arguments().count() + linked.len();
        let edges = map.relations().count() + map.stances().count() + pairs.len();
        assert_eq!(counts(stmts), (nodes, edges));
    }

    #[test]
    fn every_map_and_hostile_text_is_read() {
        for text in [
            include_str!("../../maps/encryption-debate.json"),
            include_str!("../../maps/school-uniforms.json"),
        ] {
            check(&crate::format::json::from_str(text).expect("a map").map);
        }
        let hostile = crate::model::MapBuilder::new("pwn\"]; evil -> x; a [label=\"ok")
            .claim(
                "a",
                "pwn\"]; evil -> x; a [label=\"ok \\ \n {rank=same} <b>html</b> & ünï ⚖",
            )
            .claim("b", "}\n subgraph cluster_x { c }")
            .rebuts("a", "b")
            .build()
            .expect("a valid map");
        check(&hostile);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn random_text_is_read(texts in prop::collection::vec(any::<String>(), 1..6)) {
            let mut builder = crate::model::MapBuilder::new(texts[0].clone() + "t");
            for (i, text) in texts.iter().enumerate() {
                builder = builder.claim(&format!("c{i}"), &(text.clone() + "."));
                if i > 0 {
                    builder = builder.supports(&format!("c{i}"), "c0");
                }
            }
            check(&builder.build().expect("a valid map"));
        }
    }
}
